// What every loader and action receives as `context`: the services and who is asking.
import type { Session, User } from "../db/schema";
import type { Services } from "./services";

export interface RequestAuth {
  user: User;
  session: Session;
}

export interface AppContext {
  services: Services;
  auth: RequestAuth | null;
  /** The client's address, for throttling. */
  clientAddress: string;
  /** The platform's public origin, for links in emails and calendars. */
  origin: string;
  /** This response's Content-Security-Policy nonce, for the scripts in the page. */
  nonce: string;
}

declare module "react-router" {
  interface AppLoadContext extends AppContext {}
}
