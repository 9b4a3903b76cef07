import { Form } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/settings";
import { Button, Card, Field, FormError, Notice, PageHeader } from "../components/ui";
import { endSession, endSessions, requireUser, startSession } from "../lib/auth.server";
import { newPasswordField } from "../lib/fields";
import { failureOf, formError, invalid, parseForm, readForm } from "../lib/forms";
import { changePassword } from "../lib/accounts.server";
import { verifyPassword } from "../../server/auth/passwords";
import { listUserSessions } from "../../server/auth/sessions";
import { newSecretToken } from "../../server/auth/tokens";
import { nowIso } from "../../db/time";
import { formatDateTime } from "../../shared/format";
import { newId } from "../../shared/ids";
import { defaultTimezone } from "../../shared/recurrencePresets";
import { timezones } from "../lib/meetingForms";
import { zoneLabel } from "../../shared/timezones";

export const meta = () => [{ title: "Settings · CSL Commons" }];

function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrom(e|ium)\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : "A browser";
  const system = /Windows/.test(userAgent) ? "Windows" : /Mac OS X/.test(userAgent) ? "macOS" : /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS" : /CrOS/.test(userAgent) ? "ChromeOS" : /Linux/.test(userAgent) ? "Linux" : "";
  return system ? `${browser} on ${system}` : browser;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const sessions = await listUserSessions(context.services.db, user.id);
  const feed = await context.services.db.selectFrom("calendar_feeds").select("created_at").where("user_id", "=", user.id).executeTakeFirst();
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      current: s.id === context.auth?.session.id,
      device: describeDevice(s.user_agent),
      lastSeen: formatDateTime(s.last_seen_at, defaultTimezone),
      started: formatDateTime(s.created_at, defaultTimezone),
    })),
    feedCreated: feed ? formatDateTime(feed.created_at, defaultTimezone) : null,
    notices: { email: user.email_notices === 1, reminders: user.meeting_reminders === 1, timezone: user.timezone ?? "" },
    zones: timezones.map((zone) => ({ zone, label: `${zoneLabel(zone, Date.now())} (${zone.replace("America/", "").replace("_", " ")})` })),
    passwordChanged: new URL(request.url).searchParams.get("password") === "changed",
  };
}

const passwordSchema = z
  .object({ current: z.string().min(1, "Enter your current password").max(200), password: newPasswordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same" });

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const form = await readForm(request);
  const { db } = context.services;
  switch (form.get("intent")) {
    case "password": {
      const parsed = parseForm(passwordSchema, form);
      if (!parsed.ok) return invalid(parsed.failure);
      if (!(await verifyPassword(user.password_hash, parsed.data.current))) {
        return invalid({ errors: { current: "That is not your current password" }, values: {} });
      }
      await changePassword(context, user.id, parsed.data.password);
      return startSession(context, request, user.id, "/settings?password=changed");
    }
    case "end-session": {
      const id = form.get("sessionId");
      if (typeof id !== "string") return formError(form, "Choose a session to end.");
      if (id === context.auth?.session.id) return endSession(context);
      const own = await db.selectFrom("sessions").select("id").where("id", "=", id).where("user_id", "=", user.id).executeTakeFirst();
      if (own) await endSessions(context, user.id, [own.id]);
      return { notice: "That session is signed out." };
    }
    case "end-all": {
      await endSessions(context, user.id, "all");
      return endSession(context);
    }
    case "notices": {
      const zone = z.union([z.literal(""), z.enum(timezones)]).safeParse(form.get("timezone") ?? "");
      if (!zone.success) return formError(form, "Choose one of the time zones listed.");
      await db
        .updateTable("users")
        .set({ email_notices: form.get("emailNotices") === "on" ? 1 : 0, meeting_reminders: form.get("meetingReminders") === "on" ? 1 : 0, timezone: zone.data || null, updated_at: nowIso() })
        .where("id", "=", user.id)
        .execute();
      return { notice: "Your notice and time zone choices are saved." };
    }
    case "calendar-create": {
      const { token, hash } = await newSecretToken();
      await db.deleteFrom("calendar_feeds").where("user_id", "=", user.id).execute();
      await db.insertInto("calendar_feeds").values({ id: newId(), user_id: user.id, token_hash: hash, created_at: nowIso() }).execute();
      return { notice: "Your calendar link is ready.", calendarUrl: `${context.origin}/calendar/${token}.ics` };
    }
    case "calendar-revoke": {
      await db.deleteFrom("calendar_feeds").where("user_id", "=", user.id).execute();
      return { notice: "Your calendar link is turned off. Calendars that used it will stop updating." };
    }
    default:
      return formError(form, "That action is not one this page knows.");
  }
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const failure = failureOf(actionData);
  const notice = actionData && "notice" in actionData ? actionData.notice : null;
  const calendarUrl = actionData && "calendarUrl" in actionData ? actionData.calendarUrl : null;
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title="Settings" />
      {notice ? <Notice>{notice}</Notice> : null}
      {loaderData.passwordChanged && !actionData ? <Notice>Your password is changed. Other devices were signed out.</Notice> : null}
      <FormError message={failure?.formError} />

      <Card title="Notices and time zone">
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="notices" />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="emailNotices" defaultChecked={loaderData.notices.email} className="size-4" />
            Email me notices too (meeting changes, invitations, mentions), not only the bell on the site
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="meetingReminders" defaultChecked={loaderData.notices.reminders} className="size-4" />
            Remind me the day before each meeting of my communities
          </label>
          <label className="block text-sm font-medium">
            Show times in
            <select name="timezone" defaultValue={loaderData.notices.timezone} className="ml-2 rounded-md border border-stone-400 bg-white px-2 py-1 dark:bg-stone-950">
              <option value="">Each meeting's own time zone</option>
              {loaderData.zones.map(({ zone, label }) => (
                <option key={zone} value={zone}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <Button variant="secondary">Save these choices</Button>
        </Form>
      </Card>

      <Card title="Your calendar">
        <p className="mb-3 text-stone-700 dark:text-stone-300">
          A private link that Google Calendar, Outlook or Apple Calendar can subscribe to. It lists the meetings of all your communities and keeps itself up to date.
        </p>
        {calendarUrl ? (
          <div className="mb-4 space-y-2">
            <label htmlFor="calendar-url" className="block text-sm font-medium">
              Copy this link now: it is shown only once
            </label>
            <input id="calendar-url" readOnly value={calendarUrl} className="block w-full rounded-md border border-stone-400 bg-stone-100 px-3 py-2 font-mono text-sm dark:bg-stone-800" />
          </div>
        ) : loaderData.feedCreated ? (
          <p className="mb-4 text-sm">You made a calendar link on {loaderData.feedCreated}. Making a new one turns the old one off.</p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Form method="post">
            <Button name="intent" value="calendar-create">
              {loaderData.feedCreated ? "Make a new calendar link" : "Make my calendar link"}
            </Button>
          </Form>
          {loaderData.feedCreated ? (
            <Form method="post">
              <Button name="intent" value="calendar-revoke" variant="secondary">
                Turn off my calendar link
              </Button>
            </Form>
          ) : null}
        </div>
      </Card>

      <Card title="Change your password">
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="intent" value="password" />
          <Field label="Current password" name="current" type="password" autoComplete="current-password" required error={failure?.errors.current} />
          <Field label="New password" name="password" type="password" autoComplete="new-password" hint="At least 10 characters. Other devices will be signed out." required error={failure?.errors.password} />
          <Field label="New password again" name="confirm" type="password" autoComplete="new-password" required error={failure?.errors.confirm} />
          <Button>Change password</Button>
        </Form>
      </Card>

      <Card title="Where you are signed in">
        <ul className="divide-y divide-stone-200 dark:divide-stone-800">
          {loaderData.sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="font-medium">
                  {s.device}
                  {s.current ? <span className="ml-2 rounded bg-stone-200 px-2 py-0.5 text-xs dark:bg-stone-700">This device</span> : null}
                </p>
                <p className="text-sm text-stone-700 dark:text-stone-300">
                  Signed in {s.started} · last active {s.lastSeen}
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="sessionId" value={s.id} />
                <Button name="intent" value="end-session" variant="secondary" aria-label={`Sign out ${s.device}${s.current ? " (this device)" : ""}`}>
                  Sign out
                </Button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="mt-4">
          <Button name="intent" value="end-all" variant="danger">
            Sign out everywhere
          </Button>
        </Form>
      </Card>
    </div>
  );
}
