// The network's organizations by type: the 60 public school districts by number, and every other
// organization its contacts belong to. A coordinator adds an organization and marks the districts
// taking part in Strengthening Early Years to Kindergarten Transitions (SEY2KT), which contact
// searches and newsletter audiences can then choose. Admins and coordinators only.
import { Form, Link } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/organizations";
import { Button, Card, Field, FormError, Notice, PageHeader, Select } from "../components/ui";
import { requireUser } from "../lib/auth.server";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { requireContactKeeper } from "../lib/contacts.server";
import { newId } from "../../shared/ids";
import { nowIso } from "../../db/time";
import { organizationTypeNames, organizationTypes, type OrganizationType } from "../../shared/network/organizations";

export const meta = () => [{ title: "Organizations · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  requireContactKeeper(requireUser(context, request));
  const { db } = context.services;
  const url = new URL(request.url);
  const type = organizationTypes.includes(url.searchParams.get("type") as OrganizationType) ? (url.searchParams.get("type") as OrganizationType) : "school-district";
  const organizations = await db
    .selectFrom("organizations")
    .leftJoin("contacts", "contacts.organization_id", "organizations.id")
    .select(["organizations.id", "organizations.name", "organizations.region", "organizations.district_number", "organizations.sey2kt", (eb) => eb.fn.count<number>("contacts.id").as("contacts")])
    .where("organizations.type", "=", type)
    .groupBy(["organizations.id", "organizations.name", "organizations.region", "organizations.district_number", "organizations.sey2kt"])
    .orderBy("organizations.district_number")
    .orderBy("organizations.name")
    .execute();
  const sey2kt = Number((await db.selectFrom("organizations").select((eb) => eb.fn.countAll<number>().as("n")).where("sey2kt", "=", 1).executeTakeFirstOrThrow()).n);
  return { type, organizations: organizations.map((o) => ({ ...o, contacts: Number(o.contacts) })), sey2kt };
}

const addSchema = z.object({
  name: z.string().trim().min(2, "Give its name (2 characters or more).").max(150, "Keep the name under 150 characters."),
  type: z.enum(organizationTypes.filter((t) => t !== "school-district") as [OrganizationType, ...OrganizationType[]], { message: "Choose its type." }),
  region: z.string().trim().max(80, "Keep the region under 80 characters.").transform((r) => r || null),
});

export async function action({ context, request }: Route.ActionArgs) {
  requireContactKeeper(requireUser(context, request));
  const { db } = context.services;
  const form = await readForm(request);
  if (form.get("intent") === "sey2kt") {
    const id = String(form.get("organizationId") ?? "");
    const on = form.get("sey2kt") === "1";
    const changed = await db.updateTable("organizations").set({ sey2kt: on ? 1 : 0 }).where("id", "=", id).where("type", "=", "school-district").executeTakeFirst();
    if (!Number(changed.numUpdatedRows)) return formError(form, "Only a public school district takes part in SEY2KT.", 409);
    const name = (await db.selectFrom("organizations").select("name").where("id", "=", id).executeTakeFirstOrThrow()).name;
    return { notice: on ? `${name} is marked as taking part in SEY2KT.` : `${name} is no longer marked as taking part in SEY2KT.` };
  }
  const parsed = parseForm(addSchema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const taken = await db.selectFrom("organizations").select("id").where((eb) => eb(eb.fn("lower", ["name"]), "=", parsed.data.name.toLowerCase())).executeTakeFirst();
  if (taken) return formError(form, `“${parsed.data.name}” is kept already.`, 409);
  await db.insertInto("organizations").values({ id: newId(), name: parsed.data.name, type: parsed.data.type, region: parsed.data.region, district_number: null, sey2kt: 0, created_at: nowIso() }).execute();
  return { notice: `${parsed.data.name} is added.` };
}

export default function Organizations({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const notice = (actionData as { notice?: string } | undefined)?.notice;
  const { type, organizations } = loaderData;
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link to="/network/contacts">The contacts</Link>
      </p>
      <PageHeader title="Organizations" description={<p>{loaderData.sey2kt} school districts are marked as taking part in SEY2KT (the initiative counts 48).</p>} />
      {notice ? <Notice>{notice}</Notice> : null}
      <FormError message={failure?.formError} />
      <nav aria-label="Organization types" className="flex flex-wrap gap-2 text-sm">
        {organizationTypes.map((t) => (
          <Link key={t} to={`?type=${t}`} aria-current={t === type ? "page" : undefined} className={t === type ? "font-semibold" : undefined}>
            {organizationTypeNames[t]}
          </Link>
        ))}
      </nav>
      <Card title={`${organizationTypeNames[type]}: ${organizations.length}`}>
        {organizations.length === 0 ? (
          <p>None yet: add one below.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-stone-300 dark:border-stone-700">
                <th scope="col" className="py-1">
                  Name
                </th>
                <th scope="col">Region</th>
                <th scope="col">Contacts</th>
                {type === "school-district" ? <th scope="col">SEY2KT</th> : null}
              </tr>
            </thead>
            <tbody>
              {organizations.map((o) => (
                <tr key={o.id} className="border-b border-stone-200 dark:border-stone-800">
                  <td className="py-1">
                    <Link to={`/network/contacts?q=${encodeURIComponent(o.name)}`}>{o.name}</Link>
                  </td>
                  <td>{o.region}</td>
                  <td>{o.contacts}</td>
                  {type === "school-district" ? (
                    <td>
                      <Form method="post" className="flex items-center gap-2">
                        <input type="hidden" name="intent" value="sey2kt" />
                        <input type="hidden" name="organizationId" value={o.id} />
                        <input type="hidden" name="sey2kt" value={o.sey2kt ? "0" : "1"} />
                        <span>{o.sey2kt ? "Yes" : "No"}</span>
                        <button className="text-xs underline" aria-label={o.sey2kt ? `Unmark ${o.name} as taking part in SEY2KT` : `Mark ${o.name} as taking part in SEY2KT`}>
                          {o.sey2kt ? "unmark" : "mark"}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Add an organization">
        <Form method="post" className="grid gap-3 sm:grid-cols-3">
          <Field label="Name" name="name" required maxLength={150} defaultValue={failure?.values.name} error={failure?.errors.name} />
          <Select
            label="Type"
            name="type"
            defaultValue={failure?.values.type ?? (type === "school-district" ? "independent-school" : type)}
            error={failure?.errors.type}
            options={organizationTypes.filter((t) => t !== "school-district").map((t) => ({ value: t, label: organizationTypeNames[t] }))}
          />
          <Field label="Region" name="region" maxLength={80} defaultValue={failure?.values.region} error={failure?.errors.region} />
          <div>
            <Button>Add</Button>
          </div>
        </Form>
      </Card>
    </div>
  );
}
