// The circle of people present. The holder of the talking piece is unmistakable: larger, ringed
// in the check-in colour, named in the centre, and announced to screen readers.
import { Feather, Hand } from "lucide-react";
import { holder, turnClock, type Round } from "../../shared/room/round";
import { initials, type Person } from "../../shared/room/state";
import { formatClock } from "./useRoom";

function Avatar({ person, holding, raised, spotlit, me }: { person: Person; holding: boolean; raised: boolean; spotlit: boolean; me: boolean }) {
  const ring = holding ? "ring-4 ring-amber-500 dark:ring-amber-300" : spotlit ? "ring-4 ring-indigo-500 dark:ring-indigo-300" : "ring-1 ring-stone-300 dark:ring-stone-600";
  return (
    <div role="group" className="flex w-20 flex-col items-center text-center" aria-label={`${person.name}${me ? " (you)" : ""}${person.role === "facilitator" ? ", facilitator" : ""}${holding ? ", has the talking piece" : ""}${raised ? ", hand raised" : ""}${person.status === "away" ? ", away" : person.status === "brb" ? ", be right back" : ""}`}>
      <span className={`relative flex items-center justify-center rounded-full bg-white font-semibold text-stone-900 dark:bg-stone-800 dark:text-stone-100 ${ring} ${holding ? "size-16 text-xl" : "size-12"} ${person.status !== "here" ? "opacity-50" : ""}`}>
        {initials(person.name)}
        {holding ? <Feather aria-hidden="true" className="absolute -right-2 -top-2 size-6 rounded-full bg-amber-100 p-1 text-amber-800 dark:bg-amber-900 dark:text-amber-100" /> : null}
        {raised ? <Hand aria-hidden="true" className="absolute -left-2 -top-2 size-6 rounded-full bg-indigo-100 p-1 text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100" /> : null}
      </span>
      <span className="mt-1 line-clamp-2 text-xs leading-tight">
        {person.name.split(" ")[0]}
        {me ? " (you)" : ""}
        {person.status === "brb" ? <span className="block text-stone-600 dark:text-stone-400">right back</span> : null}
      </span>
    </div>
  );
}

/** Up to this many people sit around a ring; a larger group is shown in rows. */
const maxInRing = 24;

export function Circle({ people, round, raised, spotlight, meId, now, nameOf }: { people: Person[]; round: Round | null; raised: string[]; spotlight: string | null; meId: string; now: number; nameOf: (id: string) => string }) {
  const holding = round ? holder(round) : null;
  const clock = round ? turnClock(round, now) : null;
  const sorted = round ? [...people].sort((a, b) => rank(round, a.userId) - rank(round, b.userId)) : people;
  const centre = (
    <div>
        {round && round.endedAt === null ? (
          <>
            <p className="text-sm text-stone-700 dark:text-stone-300">Round: {round.prompt}</p>
            <p className="text-lg font-semibold">{holding ? `${nameOf(holding)} has the talking piece` : "The facilitator holds the talking piece"}</p>
            {clock ? (
              <p className={`text-sm ${clock.over ? "font-semibold text-amber-800 dark:text-amber-300" : "text-stone-700 dark:text-stone-300"}`}>
                {formatClock(clock.seconds * 1000)}
                {round.timeboxSeconds ? ` of ${formatClock(round.timeboxSeconds * 1000)}` : ""}
                {clock.over ? " · time to draw to a close" : ""}
              </p>
            ) : null}
          </>
        ) : (
          <p className="text-stone-700 dark:text-stone-300">{people.length === 1 ? "You are the first one here." : `${people.length} people in the circle`}</p>
        )}
      </div>
  );
  return (
    <section aria-labelledby="circle-heading" className="rounded-2xl border border-stone-200 bg-white p-5 dark:border-stone-800 dark:bg-stone-900">
      <h2 id="circle-heading" className="sr-only">
        The circle: {people.length} here
      </h2>
      {sorted.length <= maxInRing ? (
        <div className="relative mx-auto aspect-square w-full max-w-md">
          <div aria-hidden="true" className="absolute inset-[14%] rounded-full border border-dashed border-stone-300 dark:border-stone-700" />
          <div className="absolute inset-[26%] flex items-center justify-center text-center">{centre}</div>
          <ul>
            {sorted.map((person, i) => {
              const angle = (2 * Math.PI * i) / sorted.length - Math.PI / 2;
              return (
                <li key={person.userId} className="absolute -translate-x-1/2 -translate-y-1/2" style={{ left: `${50 + 38 * Math.cos(angle)}%`, top: `${50 + 38 * Math.sin(angle)}%` }}>
                  <Avatar person={person} holding={person.userId === holding} raised={raised.includes(person.userId)} spotlit={person.userId === spotlight} me={person.userId === meId} />
                </li>
              );
            })}
          </ul>
        </div>
      ) : (
        <>
          <div className="mb-4 text-center">{centre}</div>
          <ul className="flex flex-wrap justify-center gap-x-2 gap-y-4">
            {sorted.map((person) => (
              <li key={person.userId}>
                <Avatar person={person} holding={person.userId === holding} raised={raised.includes(person.userId)} spotlit={person.userId === spotlight} me={person.userId === meId} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** In a round, sit people in speaking order; others keep arrival order after them. */
function rank(round: Round, userId: string): number {
  const i = round.order.indexOf(userId);
  return i === -1 ? round.order.length + 1 : i;
}
