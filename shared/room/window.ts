// When a meeting's live room may be entered: from ten minutes before the start (a day before,
// for facilitators preparing it) until an hour after the end. Outside that the room is closed,
// on the page and at the server alike.
const minute = 60_000;
export const roomWindow = { opensBeforeMs: 10 * minute, facilitatorOpensBeforeMs: 24 * 60 * minute, closesAfterMs: 60 * minute };

export function roomIsOpen(startsAt: string, endsAt: string, now = Date.now(), facilitator = false): boolean {
  const opensBefore = facilitator ? roomWindow.facilitatorOpensBeforeMs : roomWindow.opensBeforeMs;
  return now >= Date.parse(startsAt) - opensBefore && now <= Date.parse(endsAt) + roomWindow.closesAfterMs;
}
