// Chat beside the circle: plain text with safe links, newest at the bottom.
import { useEffect, useRef, useState } from "react";
import { linkSegments } from "../../shared/chat";
import type { ChatMessage } from "../../shared/room/state";
import type { RoomSend } from "./useRoom";

export function ChatPanel({ chat, send, facilitator, title, groupId }: { chat: ChatMessage[]; send: RoomSend; facilitator: boolean; title: string; groupId?: string }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [chat.length]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    const reply = await send("chat:send", { text, groupId });
    if (reply.ok) {
      setText("");
      setError(null);
    } else setError(reply.error);
  }

  return (
    <section aria-labelledby="chat-heading" className="flex min-h-0 flex-col rounded-2xl border border-stone-200 bg-white p-4 dark:border-stone-800 dark:bg-stone-900">
      <h2 id="chat-heading" className="mb-2 font-semibold">
        {title}
      </h2>
      <ol ref={list} className="mb-3 max-h-80 min-h-24 space-y-2 overflow-y-auto text-sm" aria-live="polite" aria-relevant="additions">
        {chat.length === 0 ? <li className="text-stone-600 dark:text-stone-400">No messages yet. Say hello.</li> : null}
        {chat.map((m) => (
          <li key={m.id} className="group">
            <span className="font-semibold">{m.name}</span>{" "}
            {m.hidden ? (
              <em className="text-stone-600 dark:text-stone-400">message hidden by a facilitator</em>
            ) : (
              <span className="break-words">
                {linkSegments(m.text).map((part, i) =>
                  part.href ? (
                    <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
                      {part.text}
                    </a>
                  ) : (
                    <span key={i}>{part.text}</span>
                  ),
                )}
              </span>
            )}
            {facilitator && !m.hidden ? (
              <button type="button" onClick={() => void send("chat:hide", { messageId: m.id })} className="ml-2 text-xs text-stone-600 underline dark:text-stone-400" aria-label={`Hide ${m.name}'s message`}>
                Hide
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="flex gap-2">
        <label htmlFor="chat-input" className="sr-only">
          Message
        </label>
        <input
          id="chat-input"
          value={text}
          maxLength={1000}
          onChange={(e) => setText(e.target.value)}
          placeholder="Write to the circle"
          className="min-w-0 flex-1 rounded-md border border-stone-400 bg-white px-3 py-2 text-sm dark:border-stone-600 dark:bg-stone-950"
        />
        <button type="submit" className="rounded-md bg-indigo-700 px-3 py-2 text-sm font-semibold text-white dark:bg-indigo-300 dark:text-indigo-950">
          Send
        </button>
      </form>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </section>
  );
}
