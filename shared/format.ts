// Dates as people in the network read them, always in a named time zone so the server and
// the browser print the same text.
export function formatMeetingTime(startIso: string, endIso: string, timezone: string): { date: string; time: string } {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, weekday: "long", month: "long", day: "numeric", year: "numeric" }).format(start);
  const clock = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, hour: "numeric", minute: "2-digit" });
  const zone = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, timeZoneName: "short" })
    .formatToParts(start)
    .find((part) => part.type === "timeZoneName")?.value;
  return { date, time: `${clock.format(start)} – ${clock.format(end)}${zone ? ` ${zone}` : ""}` };
}

export function formatDateTime(iso: string, timezone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}
