// The practice pages of Senge's nine system archetypes, where a canvas's archetype hint leads:
// what the structure is, how it shows in a group's own map, questions to ask together, and where
// people have found leverage. Written for the platform; kept as first published, so that the
// migration inserts the same pages whenever it runs.
import { sql, type Kysely } from "kysely";

interface ArchetypePage {
  key: string;
  name: string;
  summary: string;
  body: string;
}

const questions = (...qs: string[]) => `**Questions to ask together**\n\n${qs.map((q) => `- ${q}`).join("\n")}`;

export const archetypePages: ArchetypePage[] = [
  {
    key: "fixes-that-fail",
    name: "Fixes that Fail",
    summary: "A fix eases the symptom at once, and its unintended consequences bring the problem back later, often worse.",
    body: `**The structure.** A balancing loop: the problem symptom calls for a fix, and the fix eases the symptom. Through the fix runs a second, reinforcing loop: after a delay, the fix has unintended consequences that make the symptom grow again. Because the consequences come late, the fix looks like it works, and it is applied again.

**In a school or agency.** Suspensions calm a classroom this week and weaken a student's connection to school, so behaviour returns; overtime clears a backlog and tires the team, so errors and backlog grow.

${questions("What did we do the last time this problem came back?", "What happened later, that we did not expect?", "Who else feels the consequences, and when?")}

**Where leverage lies.** Keep the fix only as long as it buys time, name its consequences openly, and look for a response that addresses why the symptom arises.`,
  },
  {
    key: "shifting-the-burden",
    name: "Shifting the Burden",
    summary: "A quick symptomatic solution keeps being chosen, and its side effects weaken the fundamental solution.",
    body: `**The structure.** Two balancing loops answer one problem: a symptomatic solution that works quickly, and a fundamental solution that works slowly (a delay). A reinforcing loop joins them: the symptomatic solution has a side effect that weakens the capacity for the fundamental one, so the system comes to depend on the quick answer.

**In a school or agency.** Hiring substitutes covers vacancies and leaves less time and budget to grow and keep permanent staff; an outside specialist handles every hard case and the team's own skills never grow.

${questions("What do we reach for whenever this problem appears?", "What would solve it for good, and why does it take so long?", "What does the quick answer cost the slow one?")}

**Where leverage lies.** Strengthen the fundamental solution while using the symptomatic one sparingly, and make the side effect visible to everyone who chooses between them.`,
  },
  {
    key: "limits-to-growth",
    name: "Limits to Growth",
    summary: "Efforts drive growth until a limiting condition slows performance down, however hard people push.",
    body: `**The structure.** A reinforcing loop of growth: efforts improve performance, and success encourages more effort. A balancing loop meets it: as performance grows, it runs into a limiting condition that slows it down. Pushing harder on the growth loop only makes the limit bite harder.

**In a school or agency.** A popular program's enrolment grows by word of mouth until classroom space and staff time run out, and quality falls.

${questions("What has been growing, and what fed its growth?", "What is beginning to slow it down?", "What limit are we approaching that we have not named?")}

**Where leverage lies.** Not in pushing harder on growth, but in finding and easing the limiting condition, or choosing the size that serves people well.`,
  },
  {
    key: "eroding-goals",
    name: "Eroding Goals",
    summary: "A gap between a goal and reality is closed by lowering the goal rather than by improving the condition.",
    body: `**The structure.** Two balancing loops close one gap between a goal and the actual condition: corrective action that improves the condition (slowly, with a delay), and pressure that lowers the goal (quickly). Over time the goal drifts down and performance follows it.

**In a school or agency.** A literacy target is revised downward each year because the intervention takes longer than a reporting cycle.

${questions("Which of our goals has quietly changed over time?", "How long does real improvement take here?", "Who notices when the goal is lowered, and who does not?")}

**Where leverage lies.** Hold the vision steady (creative tension), make the goal's history visible, and give corrective action the time it needs.`,
  },
  {
    key: "escalation",
    name: "Escalation",
    summary: "Each side answers the other's gains with more of its own activity, and both keep raising the stakes.",
    body: `**The structure.** Two balancing loops, one for each side, meet at a comparison of the two: when one side gains, the other feels threatened and acts, which lowers the first side's relative position, so it acts in turn. Together they form a reinforcing spiral that neither side chose.

**In a school or agency.** Two districts outbid each other with signing bonuses for the same few specialists; two programs compete for the same families with ever larger promises.

${questions("Whose actions do we respond to, and who responds to ours?", "What are we each trying to protect?", "What would a shared goal look like?")}

**Where leverage lies.** Talk with the other side about what each is protecting; one side can step back unilaterally to break the spiral.`,
  },
  {
    key: "success-to-the-successful",
    name: "Success to the Successful",
    summary: "The one who starts ahead is given more resources, which makes them more successful still.",
    body: `**The structure.** Two reinforcing loops share a limited resource through one allocation. Success for A earns A more of the resource, which brings more success, while B receives less and does worse, which justifies giving B still less.

**In a school or agency.** The program with the best early results gets the budget increase; the students first labelled "advanced" get the richest opportunities.

${questions("How are resources allocated here, and on what evidence?", "Who started ahead, and why?", "What would it take for the other side to succeed?")}

**Where leverage lies.** Allocate on need and shared goals rather than past success alone, and look at the goal above both parties.`,
  },
  {
    key: "tragedy-of-the-commons",
    name: "Tragedy of the Commons",
    summary: "Each party's activity pays off for them, until together they exhaust the shared resource.",
    body: `**The structure.** Each party has a reinforcing loop of gain from its own activity. Their activities add up on a shared resource, and after a delay the total activity lowers the gain per activity for everyone: a balancing loop through the commons for each party.

**In a school or agency.** Every school refers its hardest cases to the same few district counsellors, whose waiting lists grow until no referral is answered in time.

${questions("What do we all draw on that nobody owns?", "How would we know it is being used up?", "Who could steward it on everyone's behalf?")}

**Where leverage lies.** Make the shared limit visible to every party and govern the commons together, before it is exhausted.`,
  },
  {
    key: "growth-and-underinvestment",
    name: "Growth and Underinvestment",
    summary: "Growth approaches a limit that investment could remove, but the investment is not made in time.",
    body: `**The structure.** Limits to Growth, where the limit is capacity that investment could raise. As demand grows, performance falls; investment would restore it, but it is judged against a standard that erodes, and capacity arrives only after a delay, so falling performance lowers demand first and the investment seems unneeded.

**In a school or agency.** A mentoring program grows faster than mentors can be trained; waiting times rise, families stop applying, and the need to train more mentors seems to pass.

${questions("What capacity does our growth depend on?", "How long does it take to build it?", "Which standard do we judge our performance by, and has it slipped?")}

**Where leverage lies.** Invest ahead of demand when growth is the goal, and hold the performance standard steady.`,
  },
  {
    key: "accidental-adversaries",
    name: "Accidental Adversaries",
    summary: "Two partners who help each other succeed each take actions on their own that, unintentionally, harm the other.",
    body: `**The structure.** A reinforcing loop of partnership: each side's activity toward the other helps the other succeed. Each partner also has its own reinforcing loop of individual activity, and that activity, done for good reasons, undermines the other's success, so the partnership weakens and each retreats further into acting alone.

**In a school or agency.** A school and a community agency agree to share a student's support; each, under pressure, changes its plan without telling the other, and trust erodes on both sides.

${questions("What did our partnership first make possible?", "What do we each do alone that may be hurting the other?", "What would we need to know of each other's pressures?")}

**Where leverage lies.** Revisit the partnership's purpose together and make each side's pressures and constraints known to the other.`,
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const now = Date.parse(new Date().toISOString());
  for (const [i, page] of archetypePages.entries()) {
    const id = `practice-archetype-${page.key}`;
    const tags = ["systems-thinking", "archetypes", "causal-loops"];
    const at = new Date(now - i * 1000).toISOString();
    await sql`insert into resources (id, slug, title, summary, body, domain, kind, audience, tags, visibility, practice_href, practice_label, created_at, updated_at)
      values (${id}, ${`archetype-${page.key}`}, ${`System archetype: ${page.name}`}, ${page.summary}, ${page.body}, 'system', 'practice', 'everyone', ${tags.join(", ")}, 'public', ${`/practice/canvas?template=${page.key}`}, ${`Start a shared map from the ${page.name} template`}, ${at}, ${at})`.execute(db);
    for (const tag of tags) await sql`insert into resource_tags (resource_id, tag) values (${id}, ${tag})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const page of archetypePages) {
    await sql`delete from resource_tags where resource_id = ${`practice-archetype-${page.key}`}`.execute(db);
    await sql`delete from resources where id = ${`practice-archetype-${page.key}`}`.execute(db);
  }
}
