// The director's pipeline for training requests, in order, in words.
import type { TrainingStage } from "../../db/schema";

export const trainingStages: TrainingStage[] = ["new", "in-conversation", "quoted", "agreed", "scheduled", "delivered", "invoiced", "declined"];
export const trainingStageNames: Record<TrainingStage, string> = {
  new: "New",
  "in-conversation": "In conversation",
  quoted: "Quoted",
  agreed: "Agreed",
  scheduled: "Scheduled",
  delivered: "Delivered",
  invoiced: "Invoiced",
  declined: "Declined",
};
