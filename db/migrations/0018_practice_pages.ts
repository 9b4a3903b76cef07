// The resources library's first pages, written for the platform: seven short practices, each
// linking to the place on the platform where it is practised (a room's round, a canvas template).
// Inserted by migration 0018 (so every network starts with them, demo or not); kept here as they
// were first published, so that the migration inserts the same pages whenever it runs.
export interface PracticePage {
  slug: string;
  title: string;
  summary: string;
  body: string;
  domain: "self" | "each-other" | "system";
  tags: string;
  practiceHref: string;
  practiceLabel: string;
}

export const practicePages: PracticePage[] = [
  {
    slug: "the-mindful-pause",
    title: "The mindful pause",
    summary: "One to three minutes of arriving: breath, body, and the intention you bring to the next hour.",
    domain: "self",
    tags: "mindfulness, arrival, breath",
    practiceHref: "/practice/room",
    practiceLabel: "Begin your next circle with a pause (the Arrival phase of a live room)",
    body: `Before a meeting, a lesson or a hard conversation, stop for a moment on purpose.

1. **Arrive.** Sit so that both feet rest on the floor. Let the chair hold you.
2. **Breathe.** Notice three breaths without changing them. Then let the out-breath be a little longer than the in-breath.
3. **Notice.** What is here in your body? In your mood? Name it quietly, without judging it: *tired*, *hopeful*, *rushed*.
4. **Choose.** What intention do you bring to the next hour? One word is enough.

A pause is not an escape from the work: it is how we bring our whole attention back to it. Facilitators often open a community of practice this way, so that everyone arrives together rather than straight from the last email.`,
  },
  {
    slug: "a-check-in-round",
    title: "A check-in round",
    summary: "Everyone speaks once, in turn, uninterrupted: how the circle hears each voice before the work begins.",
    domain: "each-other",
    tags: "check-in, talking piece, circle",
    practiceHref: "/practice/room",
    practiceLabel: "Hold a check-in round with the talking piece in a live room",
    body: `A check-in round gives every person the floor once before any discussion starts.

- **One question**, simple and personal: *What are you bringing with you today?* or *What is one thing you noticed in your practice since we last met?*
- **A talking piece** passes in an order everyone can see. Only the person holding it speaks; everyone else listens.
- **No responses.** Nobody comments, fixes or agrees. "Thank you" is enough.
- **A pass is welcome.** Anyone may pass and be offered the piece again at the end.
- **A gentle time frame**, such as one minute each, keeps the round fair in a large circle.

In the platform's live room the facilitator starts a round; the talking piece moves in order, the timer is shared, and the round's order is kept for the meeting's summary.`,
  },
  {
    slug: "deep-listening",
    title: "Deep listening",
    summary: "Listening to understand rather than to reply: suspending judgement and noticing what is said beneath the words.",
    domain: "each-other",
    tags: "listening, dialogue, generative conversation",
    practiceHref: "/practice/room",
    practiceLabel: "Practise in a round, where only the person holding the talking piece speaks",
    body: `Most of the time we listen while preparing our answer. Deep listening sets the answer aside.

**Try this in pairs.** One person speaks for three minutes about a question that matters to them. The other only listens: no questions, no nods of agreement rehearsed in advance. Then the listener says back, in a sentence or two, what they heard *and what seemed to matter most*. Swap.

**What to notice in yourself**
- the moment you start forming a reply;
- the urge to fix, reassure or tell your own story;
- what happens in the room when someone feels fully heard.

Deep listening is the ground of generative conversation: when people feel heard they say more of what they really think, and a group can find what none of its members knew alone.`,
  },
  {
    slug: "the-iceberg-model",
    title: "The iceberg model",
    summary: "Looking below an event to the patterns, structures and mental models that keep producing it.",
    domain: "system",
    tags: "systems thinking, iceberg, mental models",
    practiceHref: "/practice/canvas?template=iceberg",
    practiceLabel: "Start a shared canvas from the iceberg model template",
    body: `An event is only the tip of what is happening. The iceberg model asks four questions, each one deeper:

1. **Events**: what happened? *Three new teachers resigned in June.*
2. **Patterns**: what has been happening over time? *Resignations rise every spring in the second year.*
3. **Structures**: what produces the pattern? *Mentoring ends after year one; the hardest classes go to the newest staff.*
4. **Mental models**: what beliefs keep those structures in place? *"Everyone has to pay their dues."*

Responding only to events keeps us reacting. Changing structures and surfacing mental models is where lasting change is possible, and where compassion for everyone caught in the system matters most.

The platform's iceberg template gives a group the four levels on a shared canvas to fill in together.`,
  },
  {
    slug: "causal-loop-diagrams",
    title: "Causal loop diagrams",
    summary: "Mapping how things influence each other, so that reinforcing and balancing loops become visible.",
    domain: "system",
    tags: "systems thinking, causal loops, mapping, archetypes",
    practiceHref: "/practice/canvas?template=fixes-that-fail",
    practiceLabel: "Map a loop on a shared canvas, starting from a system archetype",
    body: `A causal loop diagram shows variables (things that can go up or down) joined by arrows of influence.

- An arrow marked **+** means the two move in the same direction: more workload, more stress.
- An arrow marked **−** means they move in opposite directions: more support, less stress.
- A **delay** (‖) marks an effect that takes time to show.

When arrows close into a loop, the loop is either **reinforcing (R)**, amplifying change in one direction, or **balancing (B)**, pulling toward a goal or limit. Count the − links: an even number makes R, an odd number makes B.

Start small: name the problem as a variable, ask "what makes this go up?" and "what does this make go up?", and keep asking until a loop closes. Senge's system archetypes, such as *fixes that fail* or *limits to growth*, are loops that appear again and again; the platform offers them as templates, and labels every loop it finds.`,
  },
  {
    slug: "the-ladder-of-inference",
    title: "The ladder of inference",
    summary: "How we climb in seconds from what we observe to conclusions and actions, and how to climb back down together.",
    domain: "each-other",
    tags: "mental models, assumptions, dialogue",
    practiceHref: "/practice/room",
    practiceLabel: "Bring a question to your community's next circle",
    body: `Between seeing something and acting on it we climb a ladder, usually without noticing:

1. the observable data (what a camera would record);
2. the data we select;
3. the meanings we add;
4. the assumptions we make;
5. the conclusions we draw;
6. the beliefs we adopt;
7. the actions we take, which shape the data we select next time.

**Climbing down together.** When a conversation heats up, ask: *What did you see or hear that led you there?* Offer your own reasoning the same way: *Here is what I noticed, and here is what I made of it. Do you see it differently?*

The ladder makes our mental models discussable without blame, which is what systems work in schools and agencies needs.`,
  },
  {
    slug: "creative-tension",
    title: "Creative tension",
    summary: "Holding a clear vision beside an honest picture of current reality, and letting the gap draw us forward.",
    domain: "self",
    tags: "personal mastery, vision, reflection",
    practiceHref: "/practice/canvas",
    practiceLabel: "Map your vision and current reality with colleagues on a shared canvas",
    body: `Peter Senge describes creative tension as the gap between what we want (our vision) and where we are (current reality), held like a stretched rubber band.

The tension wants to resolve. It can resolve in two ways: by bringing reality toward the vision, or by lowering the vision toward reality. Under pressure we often do the second without noticing.

**A reflection**
- Write your vision for your work in a few sentences, as if it were already true.
- Write current reality just as plainly, without blame or excuse.
- Notice the feelings the gap brings up. Discouragement is information, not a verdict.
- What is one small step that honours both?

Practised in a community, creative tension becomes shared vision: a group that tells the truth about current reality together can hold a larger vision than any one person.`,
  },
];
