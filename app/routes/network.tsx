// The network's own work, for its admins and coordinators: one place to start from.
import { Link } from "react-router";
import type { Route } from "./+types/network";
import { PageHeader } from "../components/ui";
import { actorOf, requireUser } from "../lib/auth.server";
import { may } from "../../shared/permissions";
import { requireContactKeeper } from "../lib/contacts.server";

export const meta = () => [{ title: "The network · CSL Commons" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  requireContactKeeper(user);
  return { admin: may(actorOf(user), "network.admin") };
}

const areas = [
  { to: "/network/contacts", name: "Contacts", what: "The people the network keeps in touch with, their organizations, and how each agreed to hear from it." },
  { to: "/network/organizations", name: "Organizations", what: "School districts by number, schools and partners; the districts in SEY2KT." },
  { to: "/network/newsletters", name: "Newsletters", what: "Write, send and follow the network's newsletter." },
  { to: "/network/events", name: "Events", what: "Public events and workshops: registration, the waitlist and the check-in list." },
  { to: "/network/training", name: "Training requests", what: "Requests from districts and schools, their quotes and where each stands." },
  { to: "/network/resources", name: "Resources library", what: "Practices, tools, readings and videos: pages, links and PDFs, public or for members." },
];
const adminAreas = [{ to: "/network/site", name: "The public pages' words", what: "What visitors read on the public home, in Markdown." }];

export default function Network({ loaderData }: Route.ComponentProps) {
  return (
    <div className="space-y-6">
      <PageHeader title="The network" description={<p>The network&apos;s own work: who it keeps in touch with, and what it offers.</p>} />
      <ul className="grid gap-4 sm:grid-cols-2">
        {[...areas, ...(loaderData.admin ? adminAreas : [])].map((a) => (
          <li key={a.to} className="rounded-xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
            <Link to={a.to} className="text-lg font-semibold">
              {a.name}
            </Link>
            <p className="mt-1 text-stone-700 dark:text-stone-300">{a.what}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
