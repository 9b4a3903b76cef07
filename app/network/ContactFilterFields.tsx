// The fields of a contact filter, as the contacts search and a newsletter's audience both ask them.
import type { ContactFilter } from "../../shared/network/contactSearch";
import { organizationTypeNames, organizationTypes } from "../../shared/network/organizations";

const control = "mt-1 block rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-900";

export function ContactFilterFields({ filter, regions, communities }: { filter: ContactFilter; regions: string[]; communities: { id: string; name: string }[] }) {
  return (
    <>
      <label className="text-sm font-medium">
        Name, email or organization
        <input name="q" defaultValue={filter.q} className={control} />
      </label>
      <label className="text-sm font-medium">
        Tag
        <input name="tag" defaultValue={filter.tag} className={control} />
      </label>
      <label className="text-sm font-medium">
        Role
        <input name="role" defaultValue={filter.role} className={control} />
      </label>
      <label className="text-sm font-medium">
        Region
        <select name="region" defaultValue={filter.region} className={control}>
          <option value="">Any</option>
          {regions.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Organization type
        <select name="type" defaultValue={filter.type} className={control}>
          <option value="">Any</option>
          {organizationTypes.map((t) => (
            <option key={t} value={t}>
              {organizationTypeNames[t]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        People
        <select name="people" defaultValue={filter.people} className={control}>
          <option value="">Everyone</option>
          <option value="members">Members of the platform</option>
          <option value="others">Contacts without an account</option>
        </select>
      </label>
      <label className="text-sm font-medium">
        Community
        <select name="community" defaultValue={filter.community} className={control}>
          <option value="">Any</option>
          {communities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <input type="checkbox" name="sey2kt" value="1" defaultChecked={filter.sey2kt} /> SEY2KT districts only
      </label>
    </>
  );
}
