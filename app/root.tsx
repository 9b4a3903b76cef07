import { Bell, CircleDot, LogOut } from "lucide-react";
import { isRouteErrorResponse, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import "./app.css";
import { useNonce } from "./lib/nonce";
import { unreadCount } from "../server/notices";
import { may } from "../shared/permissions";

export async function loader({ context }: Route.LoaderArgs) {
  const user = context.auth?.user;
  if (!user) return { user: null };
  const actor = { id: user.id, networkRole: user.network_role };
  return { user: { name: user.name, isAdmin: may(actor, "network.admin"), keepsContacts: may(actor, "network.contacts"), evaluates: may(actor, "network.evaluation"), unread: await unreadCount(context.services.db, user.id) } };
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium no-underline hover:bg-stone-200 hover:no-underline dark:hover:bg-stone-800 ${
    isActive ? "bg-stone-200 text-stone-900 dark:bg-stone-800 dark:text-white" : "text-stone-700 dark:text-stone-300"
  }`;

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  return (
    <header className="border-b border-stone-200 bg-white print:hidden dark:border-stone-800 dark:bg-stone-900">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-2 px-4 py-3">
        <Link to="/" className="mr-4 flex items-center gap-2 text-lg font-semibold text-stone-900 no-underline hover:no-underline dark:text-white">
          <CircleDot aria-hidden="true" className="size-6 text-indigo-700 dark:text-indigo-300" />
          CSL Commons
        </Link>
        {user ? (
          <>
            <nav aria-label="Main" className="flex flex-wrap gap-1">
              <NavLink to="/" end className={navClass}>
                Home
              </NavLink>
              <NavLink to="/communities" className={navClass}>
                Communities
              </NavLink>
              <NavLink to="/mentorship" className={navClass}>
                Mentorship
              </NavLink>
              <NavLink to="/journal" className={navClass}>
                Journal
              </NavLink>
              <NavLink to="/profile" className={navClass}>
                Profile
              </NavLink>
              <NavLink to="/settings" className={navClass}>
                Settings
              </NavLink>
              {user.keepsContacts ? (
                <NavLink to="/network" className={navClass}>
                  Network
                </NavLink>
              ) : null}
              {user.evaluates ? (
                <NavLink to="/evaluation" className={navClass}>
                  Evaluation
                </NavLink>
              ) : null}
              {user.isAdmin ? (
                <NavLink to="/admin/people" className={navClass}>
                  Admin
                </NavLink>
              ) : null}
            </nav>
            <Link
              to="/notifications"
              className="ml-auto flex items-center gap-1 rounded-md px-3 py-2 text-sm font-medium text-stone-700 no-underline hover:bg-stone-200 hover:no-underline dark:text-stone-300 dark:hover:bg-stone-800"
            >
              <Bell aria-hidden="true" className="size-4" />
              <span className="sr-only">Notifications</span>
              {user.unread > 0 ? (
                <span className="rounded-full bg-indigo-700 px-2 text-xs font-semibold text-white" aria-label={`${user.unread} unread`}>
                  {user.unread > 99 ? "99+" : user.unread}
                </span>
              ) : (
                <span className="sr-only">, none unread</span>
              )}
            </Link>
            <form method="post" action="/logout" className="flex items-center gap-3">
              <span className="text-sm text-stone-600 dark:text-stone-400">{user.name}</span>
              <button
                type="submit"
                className="flex items-center gap-1 rounded-md px-3 py-2 text-sm font-medium text-stone-700 hover:bg-stone-200 dark:text-stone-300 dark:hover:bg-stone-800"
              >
                <LogOut aria-hidden="true" className="size-4" />
                Sign out
              </button>
            </form>
          </>
        ) : (
          <>
            <nav aria-label="Main" className="flex flex-wrap gap-1">
              <NavLink to="/events" className={navClass}>
                Events
              </NavLink>
              <NavLink to="/resources" className={navClass}>
                Resources
              </NavLink>
              <NavLink to="/training" className={navClass}>
                Training
              </NavLink>
            </nav>
            <Link to="/login" className="ml-auto rounded-md px-3 py-2 text-sm font-medium text-stone-700 no-underline hover:bg-stone-200 hover:no-underline dark:text-stone-300 dark:hover:bg-stone-800">
              Sign in
            </Link>
          </>
        )}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:p-2">
          Skip to content
        </a>
        <Header />
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
        <footer className="mx-auto max-w-5xl px-4 pb-8 text-sm text-stone-700 print:hidden dark:text-stone-300">
          <nav aria-label="The network" className="flex flex-wrap gap-x-5 gap-y-1">
            <Link to="/events">Events and workshops</Link>
            <Link to="/resources">Resources</Link>
            <Link to="/training">Request training</Link>
            <Link to="/newsletters">Past newsletters</Link>
            <Link to="/stay-up-to-date">Stay up to date: the network&apos;s newsletter</Link>
          </nav>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function meta() {
  return [{ title: "CSL Commons" }];
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  let title = "Something went wrong";
  let message = "It has been logged. Please try again in a moment.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "We could not find that page";
      message = typeof error.data === "string" && error.data ? error.data : "It may have moved, or the link may be incomplete.";
    } else if (error.status === 403) {
      title = "This is not open to you";
      message = typeof error.data === "string" && error.data ? error.data : "Ask a facilitator of the community if you think it should be.";
    } else {
      title = `${error.status} ${error.statusText}`;
      message = typeof error.data === "string" ? error.data : message;
    }
  }
  return (
    <div className="mx-auto max-w-xl py-12">
      <title>{`${title} · CSL Commons`}</title>
      <h1 className="text-3xl font-semibold">{title}</h1>
      <p className="mt-4 text-lg text-stone-700 dark:text-stone-300">{message}</p>
      <p className="mt-6">
        <Link to="/">Back to your home page</Link>
      </p>
    </div>
  );
}
