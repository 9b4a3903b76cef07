// What a mentorship cycle asks of mentors and mentees, and how a coordinator weighs it.
import { z } from "zod";

export const domains = ["self", "each-other", "system"] as const;
export type Domain = (typeof domains)[number];
export const domainNames: Record<Domain, string> = { self: "reflection and mindfulness", "each-other": "generative conversation", system: "systems thinking" };

export const sectors = ["k12-classroom", "school-leadership", "district", "early-years", "community"] as const;
export type Sector = (typeof sectors)[number];
export const sectorNames: Record<Sector, string> = {
  "k12-classroom": "K-12 classrooms",
  "school-leadership": "school leadership",
  district: "district roles",
  "early-years": "early years",
  community: "community services",
};

export const timeWindows = ["weekday-morning", "weekday-afternoon", "weekday-evening", "weekend"] as const;
export type TimeWindow = (typeof timeWindows)[number];
export const timeWindowNames: Record<TimeWindow, string> = { "weekday-morning": "weekday mornings", "weekday-afternoon": "weekday afternoons", "weekday-evening": "weekday evenings", weekend: "weekends" };

export const meetingModes = ["in-person", "virtual"] as const;
export type MeetingMode = (typeof meetingModes)[number];

const common = {
  userId: z.string().min(1),
  name: z.string().min(1).max(120),
  yearsPractice: z.number().int().min(0).max(60),
  sectors: z.array(z.enum(sectors)).min(1, "Choose at least one sector."),
  region: z.string().trim().min(1, "Choose a region.").max(80),
  district: z.string().trim().max(80),
  organizationId: z.string().nullable(),
  languages: z.array(z.string().trim().min(1).max(40)).min(1, "Name at least one language."),
  availability: z.array(z.enum(timeWindows)).min(1, "Choose at least one time window."),
  modes: z.array(z.enum(meetingModes)).min(1, "Choose in person, virtual or both."),
  /** People this person would rather not be matched with (user ids). */
  avoid: z.array(z.string()).max(20),
  /** Answers to the cycle's multiple-choice questions: question text → the option chosen. */
  choices: z.record(z.string().max(200), z.string().max(100)).optional(),
};

export const mentorSchema = z.object({
  ...common,
  roles: z.array(z.string().trim().min(1).max(80)).max(10),
  strengths: z.array(z.enum(domains)).min(1, "Choose at least one domain you are strong in."),
  capacity: z.number().int().min(1, "Take at least one mentee.").max(6, "Six mentees at most."),
});
export type MentorProfile = z.infer<typeof mentorSchema>;

export const menteeSchema = z.object({
  ...common,
  goals: z.string().trim().min(1, "Say what you hope to work on.").max(2000),
  focus: z.array(z.enum(domains)).min(1, "Choose at least one domain to focus on."),
  districtPreference: z.enum(["same", "different", "either"]),
  preferredMentor: z.string().nullable(),
  /** Mentors in order of choice (the first is preferredMentor); answers from before read none. */
  rankedMentors: z.array(z.string()).max(3).optional(),
});
export type MenteeProfile = z.infer<typeof menteeSchema>;

export const criteria = ["domain", "sector", "region", "experience", "availability", "preferences"] as const;
export type Criterion = (typeof criteria)[number];
export const criterionNames: Record<Criterion, string> = {
  domain: "Domain fit",
  sector: "Sector",
  region: "Region",
  experience: "Experience gap",
  availability: "Availability overlap",
  preferences: "Stated preferences",
};

/** Points per criterion for a perfect fit: a pair's score is out of their sum. */
export const weightsSchema = z.object(Object.fromEntries(criteria.map((c) => [c, z.number().int().min(0).max(50)])) as Record<Criterion, z.ZodNumber>);
export type Weights = Record<Criterion, number>;
export const defaultWeights: Weights = { domain: 30, sector: 20, region: 10, experience: 15, availability: 15, preferences: 10 };

/**
 * A coordinator's multiple-choice question: mentor and mentee who choose the same option earn its
 * points (added to the criteria's, and explained like them).
 */
export const choiceQuestionSchema = z.object({
  text: z.string().trim().min(3).max(200),
  options: z.array(z.string().trim().min(1).max(100)).min(2).max(6),
  points: z.number().int().min(0).max(50),
});
export type ChoiceQuestion = z.infer<typeof choiceQuestionSchema>;
export const maxChoiceQuestions = 3;

export const rulesSchema = z.object({
  /** Never pair people from the same organization (school or district office: the same reporting line). */
  notSameOrganization: z.boolean(),
  /** Never pair people who were partners in an earlier cycle. */
  excludePrevious: z.boolean(),
  /** Pairs who can meet only in person are in the same region (cycles made before this rule read false). */
  sameRegionInPerson: z.boolean().default(false),
});
export type Rules = z.infer<typeof rulesSchema>;
export const defaultRules: Rules = { notSameOrganization: true, excludePrevious: true, sameRegionInPerson: true };
