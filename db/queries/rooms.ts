// What live rooms keep: their state, chat, attendance, rounds and phases.
import type { DB } from "../connect";
import { newId } from "../../shared/ids";
import type { Round } from "../../shared/room/round";
import { initialRoomState, type ChatMessage, type RoomState } from "../../shared/room/state";

const iso = (ms: number) => new Date(ms).toISOString();

export async function loadRoomState(db: DB, meetingId: string): Promise<RoomState> {
  const row = await db.selectFrom("room_states").select("state").where("meeting_id", "=", meetingId).executeTakeFirst();
  if (!row) return initialRoomState;
  try {
    return { ...initialRoomState, ...(JSON.parse(row.state) as RoomState) };
  } catch {
    return initialRoomState;
  }
}

/** A room's state was stored by a node with a newer lease: this node no longer owns the room. */
export class RoomFenced extends Error {
  override name = "RoomFenced";
}

/**
 * A node takes a room over (multi-node mode): the room's fencing number goes up by one, and from
 * now on only writes with the new number are taken. Returns that number.
 */
export async function claimRoom(db: DB, meetingId: string): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto("room_states")
    .values({ meeting_id: meetingId, state: JSON.stringify(initialRoomState), updated_at: now, fence: 1 })
    .onConflict((oc) => oc.column("meeting_id").doUpdateSet((eb) => ({ fence: eb("room_states.fence", "+", 1) })))
    .returning("fence")
    .executeTakeFirstOrThrow();
  return Number(row.fence);
}

/** The room's fencing number now (null before any node has claimed it). */
export async function roomFence(db: DB, meetingId: string): Promise<number | null> {
  const row = await db.selectFrom("room_states").select("fence").where("meeting_id", "=", meetingId).executeTakeFirst();
  return row?.fence == null ? null : Number(row.fence);
}

/**
 * Stores a room's state. With a fence (multi-node mode) the write is refused, with RoomFenced,
 * once another node has claimed the room since.
 */
export async function saveRoomState(db: DB, meetingId: string, state: RoomState, fence?: number): Promise<void> {
  const json = JSON.stringify(state);
  const now = new Date().toISOString();
  if (fence === undefined) {
    await db
      .insertInto("room_states")
      .values({ meeting_id: meetingId, state: json, updated_at: now })
      .onConflict((oc) => oc.column("meeting_id").doUpdateSet({ state: json, updated_at: now }))
      .execute();
    return;
  }
  const result = await db.updateTable("room_states").set({ state: json, updated_at: now }).where("meeting_id", "=", meetingId).where("fence", "=", fence).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new RoomFenced(`room ${meetingId} has been claimed by another node`);
}

export async function insertChatMessage(db: DB, message: Omit<ChatMessage, "id" | "hidden" | "name"> & { meetingId: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto("chat_messages")
    .values({ id, meeting_id: message.meetingId, group_id: message.groupId, user_id: message.userId, text: message.text, created_at: iso(message.createdAt), hidden_at: null, hidden_by: null })
    .execute();
  return id;
}

export async function hideChatMessage(db: DB, meetingId: string, messageId: string, by: string): Promise<{ groupId: string | null } | null> {
  const row = await db.selectFrom("chat_messages").select("group_id").where("id", "=", messageId).where("meeting_id", "=", meetingId).executeTakeFirst();
  if (!row) return null;
  await db.updateTable("chat_messages").set({ hidden_at: new Date().toISOString(), hidden_by: by }).where("id", "=", messageId).execute();
  return { groupId: row.group_id };
}

/** The last `limit` messages of one circle (the main room, or a breakout group), oldest first. */
export async function recentChat(db: DB, meetingId: string, groupId: string | null, limit = 200): Promise<ChatMessage[]> {
  const rows = await db
    .selectFrom("chat_messages")
    .innerJoin("users", "users.id", "chat_messages.user_id")
    .select(["chat_messages.id", "chat_messages.user_id", "users.name", "chat_messages.text", "chat_messages.group_id", "chat_messages.created_at", "chat_messages.hidden_at"])
    .where("chat_messages.meeting_id", "=", meetingId)
    .$if(groupId === null, (qb) => qb.where("chat_messages.group_id", "is", null))
    .$if(groupId !== null, (qb) => qb.where("chat_messages.group_id", "=", groupId))
    .orderBy("chat_messages.created_at", "desc")
    .orderBy("chat_messages.id", "desc")
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => ({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    text: r.hidden_at ? "" : r.text,
    groupId: r.group_id,
    createdAt: Date.parse(r.created_at),
    hidden: r.hidden_at !== null,
  }));
}

export async function startAttendance(db: DB, meetingId: string, userId: string, at: number): Promise<string> {
  const id = newId();
  await db.insertInto("attendance").values({ id, meeting_id: meetingId, user_id: userId, joined_at: iso(at), left_at: null }).execute();
  return id;
}

export async function endAttendance(db: DB, attendanceId: string, at: number): Promise<void> {
  await db.updateTable("attendance").set({ left_at: iso(at) }).where("id", "=", attendanceId).where("left_at", "is", null).execute();
}

/** Closes spans left open by a server that stopped without saying goodbye. */
export async function closeOpenAttendance(db: DB, meetingId: string, at: number): Promise<void> {
  await db.updateTable("attendance").set({ left_at: iso(at) }).where("meeting_id", "=", meetingId).where("left_at", "is", null).execute();
}

export async function recordRound(db: DB, meetingId: string, groupName: string | null, round: Round): Promise<void> {
  await db
    .insertInto("rounds")
    .values({
      id: `${meetingId}-${round.id}`,
      meeting_id: meetingId,
      group_name: groupName,
      prompt: round.prompt,
      started_at: iso(round.startedAt),
      ended_at: iso(round.endedAt ?? Date.now()),
      turns: JSON.stringify(round.turns.map((t) => ({ userId: t.userId, outcome: t.outcome, seconds: Math.round((t.endedAt - t.startedAt) / 1000) }))),
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}

export async function logPhase(db: DB, meetingId: string, phase: { index: number; title: string; minutes: number } | null, at: number): Promise<void> {
  await db.updateTable("phase_log").set({ ended_at: iso(at) }).where("meeting_id", "=", meetingId).where("ended_at", "is", null).execute();
  if (phase) {
    await db
      .insertInto("phase_log")
      .values({ id: newId(), meeting_id: meetingId, phase_index: phase.index, title: phase.title, planned_minutes: phase.minutes, started_at: iso(at), ended_at: null })
      .execute();
  }
}

export function listAttendance(db: DB, meetingId: string) {
  return db
    .selectFrom("attendance")
    .innerJoin("users", "users.id", "attendance.user_id")
    .select(["users.id as user_id", "users.name", "users.email", "attendance.joined_at", "attendance.left_at"])
    .where("attendance.meeting_id", "=", meetingId)
    .orderBy("attendance.joined_at")
    .execute();
}

export function listRounds(db: DB, meetingId: string) {
  return db.selectFrom("rounds").selectAll().where("meeting_id", "=", meetingId).orderBy("started_at").execute();
}

export function listPhases(db: DB, meetingId: string) {
  return db.selectFrom("phase_log").selectAll().where("meeting_id", "=", meetingId).orderBy("started_at").execute();
}
