// Calendars as a calendar program reads them: through an independent iCalendar parser (ical.js).
import ICAL from "ical.js";

export interface ParsedEvent {
  uid: string;
  summary: string;
  start: Date;
  end: Date;
  status: string | null;
  sequence: number;
}

export function parseCalendar(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      status: (component.getFirstPropertyValue("status") as string | null) ?? null,
      sequence: event.sequence,
    };
  });
}
