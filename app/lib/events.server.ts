// Who may run the network's events.
import type { User } from "../../db/schema";
import { may } from "../../shared/permissions";
import { actorOf, forbidden } from "./auth.server";

export function requireEventKeeper(user: User): void {
  if (!may(actorOf(user), "network.events")) forbidden("The network's events are run by its admins and coordinators.");
}
