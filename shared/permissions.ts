// The one place that decides whether a person may do something. Loaders, actions, socket
// handlers (and later the Yjs endpoint) all ask `may`; none decides on its own.
import type { CanvasRole, CommunityRole, CommunityVisibility, NetworkRole } from "../db/schema";

export interface Actor {
  id: string;
  networkRole: NetworkRole;
}

/** What we know of the actor's relation to the community the action is about. */
export interface CommunityScope {
  /** The actor's role in the community, or null when they are not a member. */
  role: CommunityRole | null;
  visibility: CommunityVisibility;
}

export type NetworkAction = "community.create" | "network.invite" | "network.admin" | "mentorship.coordinate" | "network.contacts" | "network.events" | "network.resources" | "network.evaluation";
export type CommunityAction =
  | "community.view"
  | "community.join"
  | "community.leave"
  | "community.members"
  | "community.invite"
  | "community.facilitate"
  | "meeting.view"
  | "meeting.rsvp"
  | "meeting.manage"
  | "canvas.create";

const isAdmin = (actor: Actor) => actor.networkRole === "admin";

export function may(actor: Actor | null, action: NetworkAction): boolean;
export function may(actor: Actor | null, action: CommunityAction, scope: CommunityScope): boolean;
export function may(actor: Actor | null, action: NetworkAction | CommunityAction, scope?: CommunityScope): boolean {
  if (!actor) return false;
  switch (action) {
    case "community.create":
    case "network.invite":
    case "network.admin":
      return isAdmin(actor);
    case "mentorship.coordinate":
      return isAdmin(actor) || actor.networkRole === "facilitator";
    case "network.contacts":
      // The network's contacts, consent ledger and newsletters: admins and the network's coordinators.
      return isAdmin(actor) || actor.networkRole === "coordinator";
    case "network.events":
      // The network's public events and their registrations: admins and coordinators too.
      return isAdmin(actor) || actor.networkRole === "coordinator";
    case "network.resources":
      // The resources library: admins and coordinators publish (the public pages' words are the admins').
      return isAdmin(actor) || actor.networkRole === "coordinator";
    case "network.evaluation":
      // Evaluation surveys and their reports: admins, coordinators and the network's researchers.
      return isAdmin(actor) || actor.networkRole === "coordinator" || actor.networkRole === "researcher";
  }
  if (!scope) return false;
  const member = scope.role !== null;
  const facilitator = scope.role === "facilitator";
  switch (action) {
    case "community.view":
      // An open community's page is visible to every signed-in member of the network.
      return member || isAdmin(actor) || scope.visibility === "open";
    case "community.join":
      return !member && scope.visibility === "open";
    case "community.leave":
      return member;
    case "community.members":
    case "meeting.view":
    case "canvas.create":
      return member || isAdmin(actor);
    case "meeting.rsvp":
      return member;
    case "community.invite":
    case "community.facilitate":
    case "meeting.manage":
      return facilitator || isAdmin(actor);
  }
}

/**
 * What the actor may do on a canvas of a community: facilitators and network admins edit; a
 * member gets their personal share's role if they have one, else the canvas's member access;
 * anyone outside the community gets nothing.
 */
export function canvasRole(actor: Actor | null, scope: CommunityScope, memberAccess: CanvasRole, share: CanvasRole | null): CanvasRole | null {
  if (!actor) return null;
  if (isAdmin(actor) || scope.role === "facilitator") return "edit";
  if (scope.role === null) return null;
  return share ?? memberAccess;
}

export const canvasRoleMay = {
  changeDocument: (role: CanvasRole | null) => role === "edit",
  showPresence: (role: CanvasRole | null) => role === "edit" || role === "comment",
};
