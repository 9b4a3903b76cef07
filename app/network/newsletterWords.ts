// Newsletter states in words.
import type { NewsletterStatus } from "../../db/schema";

export const newsletterStatusNames: Record<NewsletterStatus, string> = { draft: "Draft", scheduled: "Scheduled", sending: "Sending", paused: "Paused", sent: "Sent" };
