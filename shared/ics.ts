// iCalendar (RFC 5545) files for meetings, through ical-generator. Each occurrence is its own
// event in UTC with a stable UID and a SEQUENCE raised at every change of its time or status, so
// moved and cancelled occurrences update in place in Google Calendar, Outlook and Apple Calendar
// (decisions 0005 and 0011).
import ical, { ICalEventStatus } from "ical-generator";

export interface CalendarEvent {
  uid: string;
  /** RFC 5545 SEQUENCE: raised whenever the time or status changes. */
  sequence: number;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  cancelled: boolean;
  url: string;
  location: string | null;
}

export function buildCalendar(name: string, events: CalendarEvent[]): string {
  const calendar = ical({
    name,
    prodId: { company: "CSL Commons", product: "Meetings", language: "EN" },
    ttl: 60 * 60,
  });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      start: new Date(event.startsAt),
      end: new Date(event.endsAt),
      summary: event.cancelled ? `Cancelled: ${event.title}` : event.title,
      description: event.description,
      url: event.url,
      location: event.location ?? undefined,
      status: event.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
