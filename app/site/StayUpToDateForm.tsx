// The newsletter sign-up (express consent, confirmed by email), on its own page and on the public home.
import { Form } from "react-router";
import { Button, Field, FormError } from "../components/ui";
import { RobotTrap } from "../components/RobotTrap";
import type { FormFailure } from "../lib/forms";
import { signUpWording } from "../../shared/network/consent";

export function StayUpToDateForm({ failure }: { failure?: FormFailure }) {
  return (
    <Form method="post" action="/stay-up-to-date" className="space-y-4" noValidate>
      <FormError message={failure?.formError} />
      <Field label="Your name" name="name" autoComplete="name" required defaultValue={failure?.values.name} error={failure?.errors.name} />
      <Field label="Email" name="email" type="email" autoComplete="email" required defaultValue={failure?.values.email} error={failure?.errors.email} />
      <label className="flex gap-2">
        <input type="checkbox" name="agree" value="yes" className="mt-1" aria-describedby={failure?.errors.agree ? "agree-error" : undefined} />
        <span>{signUpWording}</span>
      </label>
      {failure?.errors.agree ? (
        <p id="agree-error" className="text-sm text-red-800 dark:text-red-300">
          {failure.errors.agree}
        </p>
      ) : null}
      <RobotTrap />
      <Button>Sign me up</Button>
    </Form>
  );
}
