import { Form, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/profile";
import { Button, Field, FormError, Notice, PageHeader, Select, TextArea } from "../components/ui";
import { DomainBadge } from "../components/DomainBadge";
import { requireUser } from "../lib/auth.server";
import { nameField, optionalText } from "../lib/fields";
import { failureOf, invalid, parseForm, readForm } from "../lib/forms";
import { listOrganizations, organizationExists, updateProfile } from "../../db/queries/users";
import { domainIds, domains, formatDomains, parseDomains, type DomainId } from "../../shared/domains";

export const meta = () => [{ title: "Your profile · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const organizations = await listOrganizations(context.services.db);
  return {
    profile: {
      name: user.name,
      email: user.email,
      pronouns: user.pronouns ?? "",
      roleTitle: user.role_title ?? "",
      organizationId: user.organization_id ?? "",
      bio: user.bio ?? "",
      domains: parseDomains(user.domains),
    },
    organizations: organizations.map((o) => ({ value: o.id, label: o.name })),
  };
}

const schema = z.object({
  name: nameField,
  pronouns: optionalText(40, "Keep pronouns under 40 characters"),
  roleTitle: optionalText(100, "Keep the role under 100 characters"),
  organizationId: optionalText(40, "Choose an organization from the list"),
  bio: optionalText(1000, "Keep the bio under 1,000 characters"),
  domains: z.array(z.enum(domainIds, { error: "Choose from the three domains" })).max(3),
});

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const parsed = parseForm(schema, form, { ...Object.fromEntries(form.entries()), domains: form.getAll("domains") });
  if (!parsed.ok) return invalid(parsed.failure);
  const { organizationId } = parsed.data;
  if (organizationId && !(await organizationExists(context.services.db, organizationId))) return invalid({ errors: { organizationId: "Choose an organization from the list" }, values: {} });
  await updateProfile(context.services.db, user.id, { ...parsed.data, domains: formatDomains(parsed.data.domains) });
  return { saved: true as const };
}

export default function Profile({ loaderData, actionData }: Route.ComponentProps) {
  const { profile, organizations } = loaderData;
  const failure = failureOf(actionData);
  const saved = actionData && "saved" in actionData;
  const navigation = useNavigation();
  const values = failure?.values;
  return (
    <div className="max-w-2xl">
      <PageHeader title="Your profile" description="What others in your communities see about you in the member directory." />
      <Form method="post" className="space-y-5" noValidate key={saved && navigation.state === "idle" ? "saved" : "editing"}>
        {saved ? <Notice>Your profile is saved.</Notice> : null}
        <FormError message={failure?.formError} />
        <Field label="Name" name="name" autoComplete="name" required defaultValue={values?.name ?? profile.name} error={failure?.errors.name} />
        <Field label="Pronouns" name="pronouns" hint="For example she/her, he/him, they/them." defaultValue={values?.pronouns ?? profile.pronouns} error={failure?.errors.pronouns} />
        <Field label="Role" name="roleTitle" hint="For example Grade 5 teacher, principal, early childhood educator." defaultValue={values?.roleTitle ?? profile.roleTitle} error={failure?.errors.roleTitle} />
        <Select
          label="Organization or district"
          name="organizationId"
          defaultValue={values?.organizationId ?? profile.organizationId}
          error={failure?.errors.organizationId}
          options={[{ value: "", label: "Not set" }, ...organizations]}
        />
        <TextArea label="A little about you" name="bio" maxLength={1000} defaultValue={values?.bio ?? profile.bio} error={failure?.errors.bio} />
        <fieldset>
          <legend className="text-sm font-medium">CSL domains you are most drawn to</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            {domainIds.map((id: DomainId) => (
              <label key={id} className="flex items-center gap-2">
                <input type="checkbox" name="domains" value={id} defaultChecked={profile.domains.includes(id)} className="size-4" />
                <DomainBadge domain={id} />
                <span className="text-sm text-stone-700 dark:text-stone-300">{domains[id].summary}</span>
              </label>
            ))}
          </div>
          {failure?.errors.domains ? <p className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">{failure.errors.domains}</p> : null}
        </fieldset>
        <p className="text-sm text-stone-700 dark:text-stone-300">Signed in as {profile.email}.</p>
        <Button>Save profile</Button>
      </Form>
    </div>
  );
}
