// The one description of the database for TypeScript. Migrations in db/migrations create it;
// both SQLite and PostgreSQL hold it the same way: text ids, ISO-8601 UTC text timestamps,
// 0/1 integers for flags and JSON as text, so every query runs unchanged on both.
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type NetworkRole = "admin" | "coordinator" | "facilitator" | "researcher" | "member";
export type CommunityRole = "facilitator" | "member";
export type CommunityVisibility = "open" | "invite";
export type { OrganizationType } from "../shared/network/organizations";
import type { OrganizationType } from "../shared/network/organizations";
import type { ConsentKind } from "../shared/network/consent";
import type { Offering } from "../shared/training/offerings";
import type { DomainId } from "../shared/domains";
export type MeetingStatus = "scheduled" | "cancelled";
export type RsvpResponse = "yes" | "maybe" | "no";
export type CanvasRole = "edit" | "comment" | "view";

export interface OrganizationTable {
  id: string;
  name: string;
  type: OrganizationType;
  region: string | null;
  /** A public school district's number ("SD 36"). */
  district_number: number | null;
  /** 1: the district takes part in Strengthening Early Years to Kindergarten Transitions. */
  sey2kt: number;
  created_at: string;
}

/** A person the network keeps in touch with; the same record as their account when they have one. */
export interface ContactTable {
  id: string;
  /** Trimmed and lower-cased: one contact per address. */
  email: string;
  name: string;
  organization_id: string | null;
  role: string | null;
  region: string | null;
  notes: string | null;
  user_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactTagTable {
  contact_id: string;
  tag: string;
}

export interface ContactChangeTable {
  id: string;
  contact_id: string;
  changed_by: string | null;
  changed_at: string;
  /** JSON: { field: [before, after] } or { event: "…" }. */
  changes: string;
}

export interface ConsentWordingTable {
  hash: string;
  text: string;
  created_at: string;
}

/** One row of the consent ledger: never edited, only followed by newer rows (shared/network/consent.ts). */
export interface ConsentTable {
  id: string;
  contact_id: string;
  kind: ConsentKind;
  method: ConsentMethod;
  source: string | null;
  wording_hash: string | null;
  at: string;
  ip: string | null;
  user_agent: string | null;
  recorded_by: string | null;
}
export type ConsentMethod = "form" | "import" | "staff" | "membership" | "event" | "unsubscribe-link";

export interface ContactImportTable {
  id: string;
  created_by: string;
  file_name: string;
  encoding: string;
  text: string;
  created_at: string;
}

/** A "Stay up to date" sign-up waiting for (or given) its email confirmation. */
export interface NewsletterSignupTable {
  id: string;
  email: string;
  name: string;
  token_hash: string;
  wording_hash: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  expires_at: string;
  confirmed_at: string | null;
}

export type EventMode = "online" | "in-person";
export type EventStatus = "published" | "cancelled";

export interface EventTable {
  id: string;
  slug: string;
  title: string;
  /** Markdown, sanitized when shown. */
  description: string;
  starts_at: string;
  ends_at: string;
  timezone: string;
  mode: EventMode;
  venue: string | null;
  video_url: string | null;
  capacity: number;
  registration_opens_at: string | null;
  registration_closes_at: string | null;
  audience: string | null;
  fee_cents: number | null;
  hours: number;
  offer_hold_hours: Generated<number>;
  status: EventStatus;
  sequence: Generated<number>;
  /** A training request's session: unlisted (listed 0) from the public calendar. */
  training_request_id: string | null;
  listed: Generated<number>;
  /** An online event's community meeting room (a path on this site). */
  room_path: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type RegistrationStatus = "registered" | "waitlisted" | "offered" | "cancelled" | "lapsed";

export interface EventRegistrationTable {
  id: string;
  event_id: string;
  email: string;
  name: string;
  organization: string | null;
  role: string | null;
  district: string | null;
  user_id: string | null;
  status: RegistrationStatus;
  position: number;
  offered_until: string | null;
  /** Hash of the secret in the registration's emailed links (cancel, take an offered place). */
  token_hash: string;
  attended_at: string | null;
  reminded_at: string | null;
  created_at: string;
  updated_at: string;
}

export type TrainingStage = "new" | "in-conversation" | "quoted" | "agreed" | "scheduled" | "delivered" | "invoiced" | "declined";

export interface TrainingRequestTable {
  id: string;
  offering: Offering;
  hours: number;
  participants: number;
  facilitators: number;
  prep_hours: number;
  mode: "in-person" | "virtual" | "hybrid";
  preferred_dates: string | null;
  context: string | null;
  organization: string;
  contact_name: string;
  contact_email: string;
  contact_role: string | null;
  stage: TrainingStage;
  created_at: string;
  updated_at: string;
}

export interface TrainingQuoteTable {
  id: string;
  request_id: string;
  version: number;
  hours: number;
  participants: number;
  facilitators: number;
  prep_hours: number;
  total_cents: number;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface CohortTable {
  id: string;
  request_id: string;
  slug: string;
  name: string;
  community_id: string | null;
  applications_open: number;
  created_at: string;
}

export type CohortApplicationStatus = "applied" | "accepted" | "declined";

export interface CohortApplicationTable {
  id: string;
  cohort_id: string;
  name: string;
  email: string;
  role: string | null;
  organization: string | null;
  reasons: string;
  status: CohortApplicationStatus;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface TrainingRequestChangeTable {
  id: string;
  request_id: string;
  changed_by: string | null;
  changed_at: string;
  from_stage: TrainingStage | null;
  to_stage: TrainingStage;
  /** What else happened with the change (the quote version sent). */
  note: string | null;
}

export type NewsletterStatus = "draft" | "scheduled" | "sending" | "paused" | "sent";

export interface NewsletterTable {
  id: string;
  subject: string;
  body_markdown: string;
  /** The sanitized HTML of the body, frozen when the send starts (the archive shows it). */
  body_html: string | null;
  /** JSON: the contact filter that chooses the audience (shared/network/contactSearch.ts). */
  audience: string;
  status: NewsletterStatus;
  scheduled_for: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  recipients: Generated<number>;
}

export type DeliveryStatus = "queued" | "sent" | "failed" | "withdrawn";

/** One newsletter to one recipient: the outbox row a sender claims, marks sent, retries or fails. */
export interface NewsletterDeliveryTable {
  id: string;
  newsletter_id: string;
  /** The contact's id, or "test:<id>" for a test copy; unique per newsletter. */
  recipient_key: string;
  contact_id: string | null;
  email: string;
  name: string;
  test: Generated<number>;
  status: DeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  /** The mail server's reply to the last failed attempt. */
  last_reply: string | null;
  unsubscribed_at: string | null;
}

/** Secrets the server makes for itself on first use (the unsubscribe links' signing key). */
export interface ServerKeyTable {
  name: string;
  secret: string;
  created_at: string;
}

export interface ContactSegmentTable {
  id: string;
  name: string;
  filter: string;
  created_by: string | null;
  created_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  pronouns: string | null;
  role_title: string | null;
  organization_id: string | null;
  bio: string | null;
  /** Comma-separated CSL domains of interest: self, each-other, system. */
  domains: string;
  network_role: NetworkRole;
  password_hash: string;
  /** The person's own time zone for times shown to them; null: each meeting's own zone. */
  timezone: string | null;
  /** 1: notices also come by email; 0: only in the platform. */
  email_notices: Generated<number>;
  /** 1: a reminder the day before each meeting of their communities. */
  meeting_reminders: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  /** Hex SHA-256 of the token's secret half; the secret itself is never stored. */
  secret_hash: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
}

export interface PasswordResetTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface InvitationTable {
  id: string;
  email: string;
  community_id: string | null;
  community_role: CommunityRole;
  token_hash: string;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
}

export interface CommunityTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: CommunityVisibility;
  created_by: string;
  created_at: string;
}

export interface MembershipTable {
  community_id: string;
  user_id: string;
  role: CommunityRole;
  joined_at: string;
}

export interface MeetingSeriesTable {
  id: string;
  community_id: string;
  title: string;
  description: string;
  /** Wall-clock start of the first occurrence in `timezone`, "YYYY-MM-DDTHH:mm". */
  start_local: string;
  timezone: string;
  duration_minutes: number;
  /** RFC 5545 RRULE body, e.g. "FREQ=WEEKLY;INTERVAL=2". */
  rrule: string;
  video_url: string | null;
  /** JSON array of agenda phases (shared/agenda.ts). */
  agenda: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /** The last local date with an occurrence ("2027-06-16"), or null while it goes on. */
  ends_on: string | null;
  /** The series that took over after its time or rule changed; old addresses lead there. */
  continued_as: string | null;
  /** Raised by each change of its time, place or name; added to every occurrence's SEQUENCE. */
  revision: Generated<number>;
}

/**
 * One occurrence of a series, stored once anyone moves, cancels, edits or RSVPs to it, or once
 * new time-zone rules move its published time (decision 0011).
 */
export interface MeetingTable {
  id: string;
  series_id: string;
  /** The local date in the series' zone on which the rule places it, "2026-12-09": its identity. */
  occurrence_date: string;
  /** The wall-clock start in the series' zone it was moved to, "2026-12-10T15:30"; null where the rule puts it. */
  moved_to: string | null;
  /** The UTC start the rule gave when the row was made (its identity before decision 0011); not read. */
  original_start: string;
  /** The UTC start and end last published (pages, calendars, emails), to tell when new rules move them. */
  starts_at: string;
  ends_at: string;
  status: MeetingStatus;
  /** JSON agenda for this occurrence, or null for the series' agenda. */
  agenda: string | null;
  /** RFC 5545 SEQUENCE: raised whenever its time or status changes. */
  sequence: Generated<number>;
  /** The UID calendars already hold it by, when it was published before occurrences were named by date. */
  calendar_uid: string | null;
  updated_at: string;
}

/** A count of attempts under one key ("login-account:ann@example.org"), for throttling. */
export interface ThrottleTable {
  key: string;
  count: number;
  window_started_at: string;
  /** No attempt is allowed before then. */
  locked_until: string | null;
  updated_at: string;
}

/** Per zone in use: the offsets that published meeting times were computed with (shared/timezones.ts). */
export interface ZoneSnapshotTable {
  zone: string;
  /** The tz database release, or "runtime-<icu tz version>" for the runtime's rules before 0011. */
  version: string;
  /** JSON ZoneSnapshot. */
  snapshot: string;
  recorded_at: string;
}

export interface RsvpTable {
  meeting_id: string;
  user_id: string;
  response: RsvpResponse;
  updated_at: string;
}

export interface CalendarFeedTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  kind: string;
  created_at: string;
  sent_at: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  /** A sender holds the message until then (claimed before sending, so it is sent once). */
  claimed_until: string | null;
  /** When the links in the body stop working; the body keeps them until it is sent or then. */
  secret_expires_at: string | null;
  /** An iCalendar file sent with the message (an event's registration). */
  calendar: string | null;
}

/** A person's journal key, sealed with the server's key (server/journal/seal.ts). */
export interface JournalKeyTable {
  user_id: string;
  /** Fingerprint of the server key that sealed it. */
  server_key_id: string;
  sealed_key: string;
  created_at: string;
  updated_at: string;
}

/** A journal entry: everything in it (date, domain, prompt, text) sealed with its author's key. */
export interface JournalEntryTable {
  id: string;
  user_id: string;
  sealed: string;
  created_at: string;
  updated_at: string;
}

export type SurveyDesign = "single" | "pre-post" | "retrospective";
export type SurveyAnonymity = "identified" | "anonymous";
export type SurveyAudience = "community" | "event" | "training";
export type SurveyRound = "single" | "pre" | "post";
export type SurveyItemKind = "likert" | "choice" | "number" | "text";

/** An evaluation survey (db/migrations/0022_evaluation.ts). */
export interface SurveyTable {
  id: string;
  title: string;
  intro: string;
  design: SurveyDesign;
  anonymity: SurveyAnonymity;
  audience_kind: SurveyAudience;
  audience_id: string;
  threshold: Generated<number>;
  open_round: SurveyRound | null;
  closed_at: string | null;
  pairing_salt: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface SurveyItemTable {
  id: string;
  survey_id: string;
  position: number;
  kind: SurveyItemKind;
  domain: "self" | "each-other" | "system" | null;
  prompt: string;
  choices: string | null;
  min_value: number | null;
  max_value: number | null;
}

export interface SurveyInvitationTable {
  id: string;
  survey_id: string;
  round: SurveyRound;
  email: string;
  name: string;
  group_label: string;
  token_hash: string;
  reminder_token_hash: string | null;
  invited_at: string;
  reminded_at: string | null;
  answered: Generated<number>;
}

export interface SurveyResponseTable {
  id: string;
  survey_id: string;
  round: SurveyRound;
  group_label: string;
  respondent_email: string | null;
  pair_key: string | null;
  research_consent: number;
  submitted_on: string;
}

export interface SurveyAnswerTable {
  response_id: string;
  item_id: string;
  phase: "now" | "then";
  number_value: number | null;
  text_value: string | null;
}

export interface RoomStateTable {
  meeting_id: string;
  /** JSON of shared/room/state.ts RoomState. */
  state: string;
  updated_at: string;
  /** The fencing number of the node that stored it (multi-node mode; 0 on one node). */
  fence: Generated<number>;
}

export interface ChatMessageTable {
  id: string;
  meeting_id: string;
  group_id: string | null;
  user_id: string;
  text: string;
  created_at: string;
  hidden_at: string | null;
  hidden_by: string | null;
}

export interface AttendanceTable {
  id: string;
  meeting_id: string;
  user_id: string;
  joined_at: string;
  left_at: string | null;
}

export interface RoundRecordTable {
  id: string;
  meeting_id: string;
  /** The breakout group's name, or null for the whole circle. */
  group_name: string | null;
  prompt: string;
  started_at: string;
  ended_at: string;
  /** JSON array of turns: who, outcome, seconds. Never what was said. */
  turns: string;
}

export interface PhaseLogTable {
  id: string;
  meeting_id: string;
  phase_index: number;
  title: string;
  planned_minutes: number;
  started_at: string;
  ended_at: string | null;
}

export interface CanvasTable {
  id: string;
  community_id: string;
  /** The meeting the canvas was opened from, if any. */
  meeting_id: string | null;
  title: string;
  /** What the community's members may do; facilitators and admins always edit. */
  member_access: CanvasRole;
  /** The facilitator who froze editing for everyone else, or null. */
  locked_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface CanvasVersionTable {
  id: string;
  canvas_id: string;
  name: string;
  /** The whole document at that moment, as one Yjs update, base64. */
  data: string;
  created_by: string;
  created_at: string;
}

export interface CanvasContributorTable {
  canvas_id: string;
  user_id: string;
  /** Stored updates from this person. */
  changes: number;
  last_at: string;
}

/** What happened to one variable or link of a canvas (migration 0024). */
export interface CanvasHistoryTable {
  id: string;
  canvas_id: string;
  at: string;
  user_id: string | null;
  kind: "variable" | "link";
  element_id: string;
  action: "present" | "added" | "changed" | "removed";
  /** The fields changed, comma-separated. */
  fields: string;
  /** The element's value after it, as JSON; null once removed. */
  value: string | null;
}

export interface CanvasShareTable {
  canvas_id: string;
  user_id: string;
  role: CanvasRole;
}

export interface CanvasUpdateTable {
  canvas_id: string;
  seq: number;
  /** A Yjs update, base64. */
  data: string;
  bytes: number;
  created_at: string;
}

export interface CanvasSnapshotTable {
  canvas_id: string;
  /** The whole document as one Yjs update, base64, holding every update up to seq_upto. */
  data: string;
  seq_upto: number;
  updated_at: string;
}

export interface CanvasTokenTable {
  id: string;
  token_hash: string;
  user_id: string;
  canvas_id: string;
  expires_at: string;
}

export type MentorshipMode = "exact" | "stable" | "choice";
export type PairStatus = "proposed" | "requested" | "active" | "declined" | "ended";

export interface MentorshipCycleTable {
  id: string;
  name: string;
  /** How pairs are made: exact optimum, stable matching, or mentees choosing from a shortlist. */
  mode: MentorshipMode;
  intake_opens: string;
  intake_closes: string;
  matching_date: string;
  length_weeks: number;
  /** Days between check-ins. */
  checkin_days: number;
  /** Days a mentor has to answer a mentee's request before it lapses (choice mode). */
  request_days: number;
  /** At most this many mentees per mentor across every open cycle (null: no limit). */
  mentor_limit: number | null;
  /** JSON: multiple-choice questions with points (shared/mentorship/profiles.ts ChoiceQuestion). */
  choice_questions: string;
  /** JSON: extra questions asked at intake. */
  questions: string;
  /** JSON: points per criterion (shared/mentorship/profiles.ts). */
  weights: string;
  /** JSON: the hard rules switched on. */
  rules: string;
  created_by: string;
  created_at: string;
  /** The last ruling, capacity or intake change: runs made before it are out of date. */
  changed_at: string | null;
  /** When a coordinator closed it: no more intake, matching or reminders. */
  closed_at: string | null;
}

export interface MentorshipProfileTable {
  cycle_id: string;
  user_id: string;
  role: "mentor" | "mentee";
  /** JSON: the answers (a MentorProfile or MenteeProfile without id and name). */
  answers: string;
  updated_at: string;
}

export interface MentorshipRunTable {
  id: string;
  cycle_id: string;
  algorithm: "exact" | "stable";
  /** JSON: pairs, unmatched with reasons, totals. */
  result: string;
  /** When its pairs were proposed; a run is published once. */
  published_at: string | null;
  created_by: string;
  created_at: string;
}

export interface MentorshipRulingTable {
  cycle_id: string;
  mentor_id: string;
  mentee_id: string;
  ruling: "lock" | "forbid";
}

/** A mentor's wish about one mentee: especially keen, or rather not (no row: either way). */
export interface MentorshipWishTable {
  cycle_id: string;
  mentor_id: string;
  mentee_id: string;
  wish: "keen" | "rather-not";
}

/** One person's end-of-cycle survey for a pair (JSON answers: shared/mentorship/survey.ts). */
export interface MentorshipSurveyTable {
  pair_id: string;
  author_id: string;
  answers: string;
  created_at: string;
}

export interface MentorshipPairTable {
  id: string;
  cycle_id: string;
  mentor_id: string;
  mentee_id: string;
  score: number;
  /** JSON: the score's parts in words. */
  explanation: string;
  /** proposed (published, awaiting both), requested (a mentee's choice, awaiting the mentor), active, declined, ended. */
  status: PairStatus;
  mentor_accepted_at: string | null;
  mentee_accepted_at: string | null;
  declined_by: string | null;
  decline_reason: string | null;
  /** When the pair was last reminded of a check-in. */
  reminded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MentorshipNoteTable {
  id: string;
  pair_id: string;
  /** "feedback": the part shared with the partner; "program-feedback": the rating and words only the program reads, in groups. */
  kind: "goal" | "meeting" | "feedback" | "program-feedback";
  author_id: string;
  body: string;
  /** Feedback: 1 to 5. */
  rating: number | null;
  happened_on: string | null;
  created_at: string;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  /** What it is about, once per person: the claim that it is sent once. */
  key: string;
  title: string;
  body: string;
  /** A path on this site. */
  href: string;
  created_at: string;
  read_at: string | null;
}

export type NotificationKind = "meeting-changed" | "meeting-cancelled" | "meeting-reminder" | "series-changed" | "invitation" | "mentorship" | "mention" | "membership";

export type ResourceKind = "practice" | "tool" | "reading" | "video";
export type ResourceVisibility = "public" | "members";

export interface ResourceTable {
  id: string;
  slug: string;
  title: string;
  summary: string;
  /** Markdown, sanitized when shown. */
  body: Generated<string>;
  link_url: string | null;
  file_name: string | null;
  file_bytes: number | null;
  domain: DomainId;
  kind: ResourceKind;
  audience: string;
  tags: Generated<string>;
  visibility: ResourceVisibility;
  practice_href: string | null;
  practice_label: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResourceTagTable {
  resource_id: string;
  tag: string;
}

/** SQLite only: the FTS5 index of resources that migration 0018's triggers keep in step. */
export interface ResourcesFtsTable {
  resource_id: string;
  title: string;
  summary: string;
  body: string;
  tags: string;
}

export interface SiteTextTable {
  key: string;
  body: string;
  updated_by: string | null;
  updated_at: string;
}

export interface Database {
  organizations: OrganizationTable;
  users: UserTable;
  sessions: SessionTable;
  password_resets: PasswordResetTable;
  invitations: InvitationTable;
  communities: CommunityTable;
  memberships: MembershipTable;
  meeting_series: MeetingSeriesTable;
  meetings: MeetingTable;
  zone_snapshots: ZoneSnapshotTable;
  throttles: ThrottleTable;
  rsvps: RsvpTable;
  calendar_feeds: CalendarFeedTable;
  outbox: OutboxTable;
  notifications: NotificationTable;
  room_states: RoomStateTable;
  journal_keys: JournalKeyTable;
  journal_entries: JournalEntryTable;
  surveys: SurveyTable;
  survey_items: SurveyItemTable;
  survey_invitations: SurveyInvitationTable;
  survey_responses: SurveyResponseTable;
  survey_answers: SurveyAnswerTable;
  chat_messages: ChatMessageTable;
  attendance: AttendanceTable;
  rounds: RoundRecordTable;
  phase_log: PhaseLogTable;
  canvases: CanvasTable;
  canvas_shares: CanvasShareTable;
  canvas_updates: CanvasUpdateTable;
  canvas_snapshots: CanvasSnapshotTable;
  canvas_tokens: CanvasTokenTable;
  canvas_versions: CanvasVersionTable;
  canvas_contributors: CanvasContributorTable;
  canvas_history: CanvasHistoryTable;
  mentorship_cycles: MentorshipCycleTable;
  mentorship_profiles: MentorshipProfileTable;
  mentorship_runs: MentorshipRunTable;
  mentorship_rulings: MentorshipRulingTable;
  mentorship_wishes: MentorshipWishTable;
  contacts: ContactTable;
  contact_tags: ContactTagTable;
  contact_changes: ContactChangeTable;
  consent_wordings: ConsentWordingTable;
  consents: ConsentTable;
  contact_segments: ContactSegmentTable;
  contact_imports: ContactImportTable;
  newsletter_signups: NewsletterSignupTable;
  newsletters: NewsletterTable;
  newsletter_deliveries: NewsletterDeliveryTable;
  server_keys: ServerKeyTable;
  events: EventTable;
  training_requests: TrainingRequestTable;
  training_request_changes: TrainingRequestChangeTable;
  event_registrations: EventRegistrationTable;
  mentorship_surveys: MentorshipSurveyTable;
  mentorship_pairs: MentorshipPairTable;
  mentorship_notes: MentorshipNoteTable;
  resources: ResourceTable;
  resource_tags: ResourceTagTable;
  resources_fts: ResourcesFtsTable;
  site_texts: SiteTextTable;
  training_quotes: TrainingQuoteTable;
  cohorts: CohortTable;
  cohort_applications: CohortApplicationTable;
}

export type User = Selectable<UserTable>;
export type EventRow = Selectable<EventTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Community = Selectable<CommunityTable>;
export type Membership = Selectable<MembershipTable>;
export type MeetingSeries = Selectable<MeetingSeriesTable>;
export type Meeting = Selectable<MeetingTable>;
export type Invitation = Selectable<InvitationTable>;
export type Organization = Selectable<OrganizationTable>;
export type OutboxMessage = Selectable<OutboxTable>;
export type Notification = Selectable<NotificationTable>;
export type Canvas = Selectable<CanvasTable>;
export type CanvasVersion = Selectable<CanvasVersionTable>;
export type MentorshipCycle = Selectable<MentorshipCycleTable>;
export type MentorshipPair = Selectable<MentorshipPairTable>;
