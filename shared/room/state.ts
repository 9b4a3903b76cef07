// What a live room holds, as the server keeps it and every client sees it.
import type { Agenda } from "../agenda";
import { emptyHands, type Hands } from "./hands";
import type { Round } from "./round";
import { emptyTimer, type Timer } from "./timer";
import type { Pause } from "./pause";
import type { DomainId } from "../domains";

export interface BreakoutGroup {
  id: string;
  name: string;
  members: string[];
  round: Round | null;
  /** The group's own causal loop map, when the facilitator gave each group one. */
  canvasId?: string | null;
}

export interface Breakouts {
  startedAt: number;
  endsAt: number;
  groups: BreakoutGroup[];
}

/** Where the facilitator brings everyone: a shared canvas or a resource (canvases come later). */
export interface Focus {
  kind: "canvas" | "resource";
  target: string;
  label: string;
}

export interface RoomState {
  phaseIndex: number | null;
  phaseStartedAt: number | null;
  round: Round | null;
  hands: Hands;
  timer: Timer;
  spotlight: string | null;
  focus: Focus | null;
  breakouts: Breakouts | null;
  /** A mindful pause the facilitator started for everyone. */
  pause: Pause | null;
  /** A reflection prompt offered to end with (each person chooses whether to write). */
  reflection: { prompt: string; domain: DomainId; offeredAt: number } | null;
  endedAt: number | null;
}

export const initialRoomState: RoomState = {
  phaseIndex: null,
  phaseStartedAt: null,
  round: null,
  hands: emptyHands,
  timer: emptyTimer,
  spotlight: null,
  focus: null,
  breakouts: null,
  pause: null,
  reflection: null,
  endedAt: null,
};

/** "away": every tab of theirs is hidden; "brb": they said they will be right back. */
export type PresenceStatus = "here" | "away" | "brb";

export interface Person {
  userId: string;
  name: string;
  role: "facilitator" | "member";
  status: PresenceStatus;
  joinedAt: number;
}

export interface ChatMessage {
  id: string;
  userId: string;
  name: string;
  text: string;
  groupId: string | null;
  createdAt: number;
  hidden: boolean;
}

export interface RoomSnapshot {
  meetingId: string;
  title: string;
  communityName: string;
  videoUrl: string | null;
  agenda: Agenda;
  me: { userId: string; facilitator: boolean };
  state: RoomState;
  people: Person[];
  chat: ChatMessage[];
  /** The community's causal loop maps, newest first, for "bring everyone to". */
  canvases: { id: string; title: string }[];
  serverTime: number;
}

/** Quick, ephemeral reactions, named in words (shown with bundled icons, not emoji fonts). */
export const reactions = ["appreciate", "care", "thanks", "smile", "insight", "agree"] as const;
export type Reaction = (typeof reactions)[number];
export const reactionLabels: Record<Reaction, string> = {
  appreciate: "Appreciate",
  care: "Care",
  thanks: "Thank you",
  smile: "Smile",
  insight: "Insight",
  agree: "Agree",
};

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0][0], parts[parts.length - 1][0]] : [parts[0]?.[0] ?? "?"];
  return letters.join("").toUpperCase();
}

/** The circle a person sits in during breakouts: their group's id, or null for the main room. */
export function groupOf(state: RoomState, userId: string): BreakoutGroup | null {
  return state.breakouts?.groups.find((g) => g.members.includes(userId)) ?? null;
}
