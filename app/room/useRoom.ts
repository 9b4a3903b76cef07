// The browser side of a live room: one Socket.io connection that joins the room, rejoins after
// any drop (getting a fresh snapshot), corrects the clock against the server's, and folds the
// room's events into one state.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientEvent, ClientPayload, ClientReply, ClientToServerEvents, ServerToClientEvents } from "../../shared/events";
import type { ChatMessage, Person, Reaction, RoomSnapshot, RoomState } from "../../shared/room/state";
import { clockOffset } from "../../shared/room/timer";

export type Connection = "connecting" | "live" | "reconnecting" | "refused";

export interface RoomView {
  snapshot: RoomSnapshot | null;
  state: RoomState | null;
  people: Person[];
  chat: ChatMessage[];
  /** Recent reaction frames for the floating display. */
  reactions: { id: number; counts: Partial<Record<Reaction, number>> }[];
  closed: string | null;
}

type Action =
  | { type: "snapshot"; snapshot: RoomSnapshot }
  | { type: "state"; state: RoomState }
  | { type: "joined"; person: Person }
  | { type: "left"; userId: string }
  | { type: "status"; userId: string; status: Person["status"] }
  | { type: "chat"; message: ChatMessage }
  | { type: "hidden"; messageId: string }
  | { type: "reactions"; counts: Partial<Record<Reaction, number>>; id: number }
  | { type: "reactionsDone"; id: number }
  | { type: "closed"; reason: string };

const empty: RoomView = { snapshot: null, state: null, people: [], chat: [], reactions: [], closed: null };

function reduce(view: RoomView, action: Action): RoomView {
  switch (action.type) {
    case "snapshot": {
      const known = new Set(action.snapshot.chat.map((m) => m.id));
      const chat = [...action.snapshot.chat, ...view.chat.filter((m) => !known.has(m.id))].sort((a, b) => a.createdAt - b.createdAt);
      return { ...view, snapshot: action.snapshot, state: action.snapshot.state, people: action.snapshot.people, chat, closed: action.snapshot.state.endedAt ? view.closed : null };
    }
    case "state":
      return { ...view, state: action.state };
    case "joined":
      return { ...view, people: [...view.people.filter((p) => p.userId !== action.person.userId), action.person] };
    case "left":
      return { ...view, people: view.people.filter((p) => p.userId !== action.userId) };
    case "status":
      return { ...view, people: view.people.map((p) => (p.userId === action.userId ? { ...p, status: action.status } : p)) };
    case "chat":
      return view.chat.some((m) => m.id === action.message.id) ? view : { ...view, chat: [...view.chat, action.message].slice(-500) };
    case "hidden":
      return { ...view, chat: view.chat.map((m) => (m.id === action.messageId ? { ...m, hidden: true, text: "" } : m)) };
    case "reactions":
      return { ...view, reactions: [...view.reactions, { id: action.id, counts: action.counts }].slice(-5) };
    case "reactionsDone":
      return { ...view, reactions: view.reactions.filter((r) => r.id !== action.id) };
    case "closed":
      return { ...view, closed: action.reason };
  }
}

export type RoomSend = <E extends ClientEvent>(event: E, payload: ClientPayload<E>) => Promise<Ack<ClientReply<E>>>;

export function useRoom({ seriesId, key }: { seriesId: string; key: string }) {
  const [view, dispatch] = useReducer(reduce, empty);
  const [connection, setConnection] = useState<Connection>("connecting");
  const [problem, setProblem] = useState<string | null>(null);
  const [offsetMs, setOffsetMs] = useState(0);
  const socketRef = useRef<Socket<ServerToClientEvents, ClientToServerEvents> | null>(null);

  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ path: "/socket.io/", transports: ["websocket", "polling"] });
    socketRef.current = socket;
    let reactionId = 0;

    const measureClock = async () => {
      const offsets: number[] = [];
      for (let i = 0; i < 3; i++) {
        const sentAt = Date.now();
        const reply = await socket.timeout(5000).emitWithAck("ping", {}).catch(() => null);
        if (reply?.ok) offsets.push(clockOffset(sentAt, reply.data.serverTime, Date.now()));
      }
      if (offsets.length) setOffsetMs(offsets.sort((a, b) => a - b)[Math.floor(offsets.length / 2)]);
    };

    socket.on("connect", async () => {
      const reply = await socket.timeout(10_000).emitWithAck("room:join", { seriesId, key }).catch(() => null);
      if (!reply || (!reply.ok && reply.retry)) {
        // No answer, or a failure on the server's side (a server taking the room over from one that
        // stopped, say): connect afresh.
        setProblem("The room did not answer. Trying again…");
        socket.disconnect();
        setTimeout(() => socket.connect(), 1000);
        return;
      }
      if (!reply.ok) {
        setConnection("refused");
        setProblem(reply.error);
        return;
      }
      dispatch({ type: "snapshot", snapshot: reply.data });
      setConnection("live");
      setProblem(null);
      void measureClock();
    });
    socket.on("disconnect", () => setConnection((c) => (c === "refused" ? c : "reconnecting")));
    socket.on("connect_error", () => setConnection((c) => (c === "refused" ? c : "reconnecting")));
    socket.on("room:state", (state) => dispatch({ type: "state", state }));
    socket.on("presence:joined", (person) => dispatch({ type: "joined", person }));
    socket.on("presence:left", ({ userId }) => dispatch({ type: "left", userId }));
    socket.on("presence:status", ({ userId, status }) => dispatch({ type: "status", userId, status }));
    socket.on("chat:message", (message) => dispatch({ type: "chat", message }));
    socket.on("chat:hidden", ({ messageId }) => dispatch({ type: "hidden", messageId }));
    socket.on("room:closed", ({ reason }) => dispatch({ type: "closed", reason }));
    socket.on("reactions", ({ counts }) => {
      const id = ++reactionId;
      dispatch({ type: "reactions", counts, id });
      setTimeout(() => dispatch({ type: "reactionsDone", id }), 3500);
    });

    const onVisibility = () => socket.emit("presence:status", { status: document.hidden ? "away" : "here" }, () => {});
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      socket.close();
      socketRef.current = null;
    };
  }, [seriesId, key]);

  const send: RoomSend = useCallback(async (event, payload) => {
    const socket = socketRef.current;
    if (!socket?.connected) return { ok: false, error: "You are offline for a moment. Try again when the room reconnects." };
    const timed = socket.timeout(8000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<never>> };
    return timed.emitWithAck(event, payload).catch(() => ({ ok: false as const, error: "The room did not answer in time. Try again." }));
  }, []);

  return { view, connection, problem, offsetMs, send };
}

/** The current time on the server's clock, ticking. */
export function useServerNow(offsetMs: number, everyMs = 250): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now() + offsetMs), everyMs);
    return () => clearInterval(tick);
  }, [offsetMs, everyMs]);
  return now;
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, "0")}`;
}
