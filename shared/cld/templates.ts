// Ready canvases: Senge's system archetypes (The Fifth Discipline, appendix 2, and Kim's "Systems
// Archetypes" workbooks) with their polarities and delays, and the iceberg model. Loops are not
// listed here: they follow from the links, and the tests check them against the literature.
import type { DiagramInput } from "./model";
import type { Polarity } from "./loops";

export interface Template {
  key: string;
  name: string;
  /** One sentence a facilitator can read out. */
  story: string;
  diagram: DiagramInput;
}

type Node = [key: string, label: string, x: number, y: number];
type Edge = [from: string, to: string, polarity: Polarity, delay?: "delay"];

function template(key: string, name: string, story: string, nodes: Node[], edges: Edge[]): Template {
  return {
    key,
    name,
    story,
    diagram: {
      variables: nodes.map(([id, label, x, y]) => ({ id, label, x, y })),
      links: edges.map(([from, to, polarity, delay]) => ({ id: `${from}-${to}`, from, to, polarity, delay: delay === "delay", curvature: 0.25 })),
    },
  };
}

export const archetypes: Template[] = [
  template(
    "fixes-that-fail",
    "Fixes that Fail",
    "A fix eases the symptom at once, and its unintended consequences bring the problem back later.",
    [
      ["problem", "Problem symptom", 0, 150],
      ["fix", "Fix", 320, 0],
      ["consequences", "Unintended consequences", 320, 300],
    ],
    [
      ["problem", "fix", "+"],
      ["fix", "problem", "-"],
      ["fix", "consequences", "+", "delay"],
      ["consequences", "problem", "+"],
    ],
  ),
  template(
    "shifting-the-burden",
    "Shifting the Burden",
    "A quick symptomatic solution keeps being chosen, and its side effects weaken the fundamental solution.",
    [
      ["problem", "Problem symptom", 300, 160],
      ["symptomatic", "Symptomatic solution", 300, 0],
      ["fundamental", "Fundamental solution", 300, 330],
      ["side-effect", "Side effect", 650, 160],
    ],
    [
      ["problem", "symptomatic", "+"],
      ["symptomatic", "problem", "-"],
      ["problem", "fundamental", "+"],
      ["fundamental", "problem", "-", "delay"],
      ["symptomatic", "side-effect", "+", "delay"],
      ["side-effect", "fundamental", "-"],
    ],
  ),
  template(
    "limits-to-growth",
    "Limits to Growth",
    "Efforts drive growth until a limiting condition slows performance down, however hard people push.",
    [
      ["efforts", "Efforts", 0, 150],
      ["performance", "Performance", 300, 150],
      ["slowing", "Slowing action", 600, 150],
      ["constraint", "Limiting condition", 600, 350],
    ],
    [
      ["efforts", "performance", "+"],
      ["performance", "efforts", "+"],
      ["performance", "slowing", "+", "delay"],
      ["slowing", "performance", "-"],
      ["constraint", "slowing", "+"],
    ],
  ),
  template(
    "tragedy-of-the-commons",
    "Tragedy of the Commons",
    "Each party's activity pays off for them, until together they exhaust the shared resource.",
    [
      ["activity-a", "A's activity", 0, 0],
      ["gain-a", "Net gains for A", 300, 0],
      ["activity-b", "B's activity", 0, 400],
      ["gain-b", "Net gains for B", 300, 400],
      ["total", "Total activity", 0, 200],
      ["gain-per", "Gain per individual activity", 400, 200],
      ["limit", "Resource limit", 700, 200],
    ],
    [
      ["activity-a", "gain-a", "+"],
      ["gain-a", "activity-a", "+"],
      ["activity-b", "gain-b", "+"],
      ["gain-b", "activity-b", "+"],
      ["activity-a", "total", "+"],
      ["activity-b", "total", "+"],
      ["total", "gain-per", "-", "delay"],
      ["gain-per", "gain-a", "+"],
      ["gain-per", "gain-b", "+"],
      ["limit", "gain-per", "+"],
    ],
  ),
  template(
    "escalation",
    "Escalation",
    "Each side answers the other's gains with more of its own activity, and both keep raising the stakes.",
    [
      ["activity-a", "Activity by A", 0, 0],
      ["results-a", "Results of A", 0, 300],
      ["relative", "A's results relative to B's", 300, 150],
      ["activity-b", "Activity by B", 600, 0],
      ["results-b", "Results of B", 600, 300],
    ],
    [
      ["activity-a", "results-a", "+", "delay"],
      ["results-a", "relative", "+"],
      ["relative", "activity-a", "-"],
      ["activity-b", "results-b", "+", "delay"],
      ["results-b", "relative", "-"],
      ["relative", "activity-b", "+"],
    ],
  ),
  template(
    "success-to-the-successful",
    "Success to the Successful",
    "The one who starts ahead is given more resources, which makes them more successful still.",
    [
      ["allocation", "Allocation to A instead of B", 300, 150],
      ["resources-a", "Resources to A", 0, 0],
      ["success-a", "Success of A", 0, 300],
      ["resources-b", "Resources to B", 600, 0],
      ["success-b", "Success of B", 600, 300],
    ],
    [
      ["allocation", "resources-a", "+"],
      ["resources-a", "success-a", "+"],
      ["success-a", "allocation", "+"],
      ["allocation", "resources-b", "-"],
      ["resources-b", "success-b", "+"],
      ["success-b", "allocation", "-"],
    ],
  ),
  template(
    "eroding-goals",
    "Eroding Goals",
    "When the gap between goal and reality persists, the goal is lowered instead of the reality raised.",
    [
      ["goal", "Goal", 300, 0],
      ["gap", "Gap", 300, 180],
      ["actual", "Actual condition", 0, 180],
      ["actions", "Actions to improve conditions", 150, 380],
      ["pressure", "Pressure to lower the goal", 600, 180],
    ],
    [
      ["goal", "gap", "+"],
      ["actual", "gap", "-"],
      ["gap", "actions", "+"],
      ["actions", "actual", "+", "delay"],
      ["gap", "pressure", "+"],
      ["pressure", "goal", "-"],
    ],
  ),
  template(
    "growth-and-underinvestment",
    "Growth and Underinvestment",
    "Growth meets a capacity limit, and investment in capacity comes too little and too late.",
    [
      ["growing", "Growing action", 0, 0],
      ["demand", "Demand", 300, 0],
      ["performance", "Performance", 300, 200],
      ["need", "Perceived need to invest", 600, 200],
      ["standard", "Performance standard", 900, 200],
      ["investment", "Investment in capacity", 600, 400],
      ["capacity", "Capacity", 300, 400],
    ],
    [
      ["growing", "demand", "+"],
      ["demand", "growing", "+"],
      ["demand", "performance", "-"],
      ["performance", "demand", "+"],
      ["performance", "need", "-"],
      ["standard", "need", "+"],
      ["need", "investment", "+"],
      ["investment", "capacity", "+", "delay"],
      ["capacity", "performance", "+"],
    ],
  ),
  template(
    "accidental-adversaries",
    "Accidental Adversaries",
    "Two partners who help each other each act alone to succeed, and undermine the other without meaning to.",
    [
      ["a-toward-b", "A's activity toward B", 300, 0],
      ["b-success", "B's success", 600, 150],
      ["b-toward-a", "B's activity toward A", 300, 300],
      ["a-success", "A's success", 0, 150],
      ["a-alone", "A's individual activity", -300, 150],
      ["b-alone", "B's individual activity", 900, 150],
    ],
    [
      ["a-toward-b", "b-success", "+"],
      ["b-success", "b-toward-a", "+"],
      ["b-toward-a", "a-success", "+"],
      ["a-success", "a-toward-b", "+"],
      ["a-success", "a-alone", "+"],
      ["a-alone", "a-success", "+"],
      ["b-success", "b-alone", "+"],
      ["b-alone", "b-success", "+"],
      ["a-alone", "b-success", "-", "delay"],
      ["b-alone", "a-success", "-", "delay"],
    ],
  ),
];

/** The iceberg: four levels of seeing a system, from what happened down to the beliefs beneath. */
export const iceberg: Template = {
  key: "iceberg",
  name: "Iceberg model",
  story: "Start with what happened, then look below the waterline: patterns, the structures behind them, and the mental models that hold them in place.",
  diagram: {
    variables: [
      { id: "events", label: "Events", x: 0, y: 0, color: "#0369a1", notes: "What just happened? What did we see?" },
      { id: "patterns", label: "Patterns and trends", x: 0, y: 180, color: "#0e7490", notes: "What has been happening over time? What keeps recurring?" },
      { id: "structures", label: "Underlying structures", x: 0, y: 360, color: "#115e59", notes: "What is causing the patterns? Policies, relationships, resources, feedback loops." },
      { id: "mental-models", label: "Mental models", x: 0, y: 540, color: "#1e3a8a", notes: "What beliefs, values and assumptions keep the system in place?" },
    ],
    // The water deepens level by level; the first band is the tip above the waterline.
    bands: [
      { label: "Events: above the waterline", y: -60, height: 160, color: "#e0f2fe" },
      { label: "Patterns and trends", y: 120, height: 180, color: "#bae6fd" },
      { label: "Underlying structures", y: 300, height: 180, color: "#7dd3fc" },
      { label: "Mental models", y: 480, height: 200, color: "#38bdf8" },
    ],
    links: [],
  },
};

export const templates: Template[] = [...archetypes, iceberg];

export const templateByKey = (key: string) => templates.find((t) => t.key === key);
