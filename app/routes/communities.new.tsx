import { Form, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/communities.new";
import { Button, Field, FormError, PageHeader, Select, TextArea } from "../components/ui";
import { actorOf, forbidden, requireUser } from "../lib/auth.server";
import { failureOf, invalid, parseForm, readForm } from "../lib/forms";
import { addMember, createCommunity } from "../../db/queries/communities";
import { may } from "../../shared/permissions";

export const meta = () => [{ title: "New community · CSL Commons" }];

function requireCreator(context: Route.LoaderArgs["context"], request: Request) {
  const user = requireUser(context, request);
  if (!may(actorOf(user), "community.create")) forbidden("Only network admins create communities.");
  return user;
}

export function loader({ context, request }: Route.LoaderArgs) {
  requireCreator(context, request);
  return null;
}

const schema = z.object({
  name: z.string().trim().min(3, "Give the community a name of at least 3 characters").max(100, "Keep the name under 100 characters"),
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters").default(""),
  visibility: z.enum(["open", "invite"], { error: "Choose who can join" }),
});

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireCreator(context, request);
  const form = await readForm(request);
  const parsed = parseForm(schema, form);
  if (!parsed.ok) return invalid(parsed.failure);
  const community = await createCommunity(context.services.db, { ...parsed.data, createdBy: user.id });
  await addMember(context.services.db, community.id, user.id, "facilitator");
  throw redirect(`/communities/${community.slug}`);
}

export default function NewCommunity({ actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  return (
    <div className="max-w-2xl">
      <PageHeader title="New community of practice" description="You will be its first facilitator; invite others from its page." />
      <Form method="post" className="space-y-5" noValidate>
        <FormError message={failure?.formError} />
        <Field label="Name" name="name" required defaultValue={failure?.values.name} error={failure?.errors.name} />
        <TextArea label="What the community is for" name="description" defaultValue={failure?.values.description} error={failure?.errors.description} />
        <Select
          label="Who can join"
          name="visibility"
          defaultValue={failure?.values.visibility ?? "invite"}
          error={failure?.errors.visibility}
          options={[
            { value: "invite", label: "By invitation from a facilitator" },
            { value: "open", label: "Any member of the network" },
          ]}
        />
        <Button>Create community</Button>
      </Form>
    </div>
  );
}
