// The fields of a contact filter, as the contacts search and a newsletter's audience both ask them.
import { FilterInput, FilterSelect } from "../components/ui";
import type { ContactFilter } from "../../shared/network/contactSearch";
import { organizationTypeNames, organizationTypes } from "../../shared/network/organizations";

export function ContactFilterFields({ filter, regions, communities }: { filter: ContactFilter; regions: string[]; communities: { id: string; name: string }[] }) {
  return (
    <>
      <FilterInput label="Name, email or organization" name="q" defaultValue={filter.q} />
      <FilterInput label="Tag" name="tag" defaultValue={filter.tag} />
      <FilterInput label="Role" name="role" defaultValue={filter.role} />
      <FilterSelect label="Region" name="region" defaultValue={filter.region} options={regions.map((r) => ({ value: r, label: r }))} />
      <FilterSelect label="Organization type" name="type" defaultValue={filter.type} options={organizationTypes.map((t) => ({ value: t, label: organizationTypeNames[t] }))} />
      <FilterSelect label="People" name="people" all="Everyone" defaultValue={filter.people} options={[{ value: "members", label: "Members of the platform" }, { value: "others", label: "Contacts without an account" }]} />
      <FilterSelect label="Community" name="community" defaultValue={filter.community} options={communities.map((c) => ({ value: c.id, label: c.name }))} />
      <label className="text-sm">
        <input type="checkbox" name="sey2kt" value="1" defaultChecked={filter.sey2kt} /> SEY2KT districts only
      </label>
    </>
  );
}
