// The ordered list of migrations. A new migration is a new file added at the end here.
import type { Migration } from "kysely";
import * as foundation from "./0001_foundation";
import * as liveRooms from "./0002_live_rooms";
import * as canvases from "./0003_canvases";
import * as canvasFacilitation from "./0004_canvas_facilitation";
import * as mentorship from "./0005_mentorship";
import * as occurrenceDates from "./0006_occurrence_dates";
import * as hardening from "./0007_hardening";
import * as notices from "./0008_notices";
import * as mentorshipProgram from "./0009_mentorship_program";
import * as mentorshipClose from "./0010_mentorship_close";
import * as mentorshipYear from "./0011_mentorship_year";
import * as contacts from "./0012_contacts";
import * as contactImports from "./0013_contact_imports";
import * as newsletterSignups from "./0014_newsletter_signups";
import * as newsletters from "./0015_newsletters";
import * as events from "./0016_events";
import * as trainingRequests from "./0017_training_requests";
import * as resources from "./0018_resources";
import * as trainingPipeline from "./0019_training_pipeline";
import * as roomFence from "./0020_room_fence";
import * as journal from "./0021_journal";
import * as evaluation from "./0022_evaluation";
import * as archetypePages from "./0023_archetype_pages";
import * as canvasHistory from "./0024_canvas_history";

export const migrations: Record<string, Migration> = {
  "0001_foundation": foundation,
  "0002_live_rooms": liveRooms,
  "0003_canvases": canvases,
  "0004_canvas_facilitation": canvasFacilitation,
  "0005_mentorship": mentorship,
  "0006_occurrence_dates": occurrenceDates,
  "0007_hardening": hardening,
  "0008_notices": notices,
  "0009_mentorship_program": mentorshipProgram,
  "0010_mentorship_close": mentorshipClose,
  "0011_mentorship_year": mentorshipYear,
  "0012_contacts": contacts,
  "0013_contact_imports": contactImports,
  "0014_newsletter_signups": newsletterSignups,
  "0015_newsletters": newsletters,
  "0016_events": events,
  "0017_training_requests": trainingRequests,
  "0018_resources": resources,
  "0019_training_pipeline": trainingPipeline,
  "0020_room_fence": roomFence,
  "0021_journal": journal,
  "0022_evaluation": evaluation,
  "0023_archetype_pages": archetypePages,
  "0024_canvas_history": canvasHistory,
};
