import { Form, redirect } from "react-router";
import type { Route } from "./+types/logout";
import { Button } from "../components/ui";
import { endSession } from "../lib/auth.server";

export const meta = () => [{ title: "Sign out · CSL Commons" }];

export function loader({ context }: Route.LoaderArgs) {
  if (!context.auth) throw redirect("/login");
  return null;
}

export function action({ context }: Route.ActionArgs) {
  return endSession(context);
}

export default function Logout() {
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-semibold">Sign out?</h1>
      <Form method="post" className="mt-6">
        <Button>Sign out</Button>
      </Form>
    </div>
  );
}
