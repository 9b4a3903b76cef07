// The repeat choices a facilitator picks from, as RRULE bodies. No dependencies, so forms in
// the browser can use them without loading the recurrence engine.
export const defaultTimezone = "America/Vancouver";

export const recurrencePresets = {
  weekly: { label: "Every week", rrule: "FREQ=WEEKLY" },
  biweekly: { label: "Every two weeks", rrule: "FREQ=WEEKLY;INTERVAL=2" },
  fourweekly: { label: "Every four weeks", rrule: "FREQ=WEEKLY;INTERVAL=4" },
  once: { label: "Does not repeat", rrule: "FREQ=DAILY;COUNT=1" },
} as const;
export type RecurrencePreset = keyof typeof recurrencePresets;
