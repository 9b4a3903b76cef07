// The record of one session: attendance, rounds, phases and chat.
import type { DB } from "../../db/connect";
import { listAttendance, listPhases, listRounds } from "../../db/queries/rooms";

export interface AttendanceLine {
  userId: string;
  name: string;
  email: string;
  firstJoined: string;
  lastLeft: string | null;
  minutes: number;
}

/** One line per person: first arrival, last departure, and minutes present (spans added up). */
export async function attendanceLines(db: DB, meetingId: string, now = Date.now()): Promise<AttendanceLine[]> {
  const spans = await listAttendance(db, meetingId);
  const byPerson = new Map<string, AttendanceLine>();
  for (const span of spans) {
    const ms = (span.left_at ? Date.parse(span.left_at) : now) - Date.parse(span.joined_at);
    const line = byPerson.get(span.user_id);
    if (!line) {
      byPerson.set(span.user_id, { userId: span.user_id, name: span.name, email: span.email, firstJoined: span.joined_at, lastLeft: span.left_at, minutes: ms / 60_000 });
    } else {
      line.minutes += ms / 60_000;
      line.lastLeft = span.left_at === null || line.lastLeft === null ? null : span.left_at > line.lastLeft ? span.left_at : line.lastLeft;
    }
  }
  return [...byPerson.values()].map((l) => ({ ...l, minutes: Math.round(l.minutes) }));
}

export async function sessionRecord(db: DB, meetingId: string) {
  const [attendance, rounds, phases] = await Promise.all([attendanceLines(db, meetingId), listRounds(db, meetingId), listPhases(db, meetingId)]);
  const names = new Map(attendance.map((a) => [a.userId, a.name]));
  return {
    attendance,
    rounds: rounds.map((r) => {
      const turns = JSON.parse(r.turns) as { userId: string; outcome: string; seconds: number }[];
      return {
        id: r.id,
        prompt: r.prompt,
        group: r.group_name,
        spoke: turns.filter((t) => t.outcome === "spoke").length,
        passed: turns.filter((t) => t.outcome === "passed").length,
        skipped: turns.filter((t) => t.outcome === "skipped").length,
        minutes: Math.round((Date.parse(r.ended_at) - Date.parse(r.started_at)) / 60_000),
        speakers: turns.filter((t) => t.outcome === "spoke").map((t) => `${names.get(t.userId) ?? "Someone"} (${Math.round(t.seconds / 6) / 10} min)`),
      };
    }),
    phases: phases.map((p) => ({
      title: p.title,
      planned: p.planned_minutes,
      actual: p.ended_at ? Math.round((Date.parse(p.ended_at) - Date.parse(p.started_at)) / 60_000) : null,
    })),
  };
}
