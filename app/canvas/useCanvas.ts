// The browser side of a canvas: the Yjs document, the stock y-websocket provider (plus offline
// edits kept in IndexedDB), per-person undo, presence, and loop analysis in a Web Worker.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { startLoopsWorker } from "./loopsWorker.client";
import { assignLabels, keepsLoopLabels, type Loop, type LoopLabel, type LoopList } from "../../shared/cld/loops";
import { dismissedHintsKept, readHintIds, type ArchetypeHint } from "../../shared/cld/archetypes";
import type { Walk } from "../../shared/cld/walk";
import { links, loopLabels, meta, readBands, readComments, type Band, readDiagram, variables, writeLoopLabels, type Comment, type Diagram } from "../../shared/cld/model";

/** What a facilitator has set for everyone: a lock on editing, and a presentation's step. */
export interface Facilitation {
  lock: { by: string } | null;
  present: { step: number; by: string } | null;
  /** What the import that made this map read how, and left out. */
  importNotes: { file: string; notes: string[] } | null;
  /** A facilitator's nudge everyone watches travel. */
  play: SharedPlay | null;
  /** Coloured bands behind the map (the iceberg's levels). */
  bands: Band[];
  /** A walk through the loops under way (checked against the loops when shown). */
  walk: unknown;
  /** Archetype hints a facilitator has set aside for this map, by hint id. */
  dismissedHints: string[];
}

export interface SharedPlay {
  id: string;
  variableId: string;
  direction: 1 | -1;
  by: string;
}

function readFacilitation(doc: Y.Doc): Facilitation {
  const lock = meta(doc).get("lock") as { by?: unknown } | null | undefined;
  const present = meta(doc).get("present") as { step?: unknown; by?: unknown } | null | undefined;
  const imported = meta(doc).get("importNotes") as { file?: unknown; notes?: unknown } | null | undefined;
  const played = meta(doc).get("play") as Partial<SharedPlay> | null | undefined;
  return {
    walk: meta(doc).get("walk") ?? null,
    dismissedHints: readHintIds(meta(doc).get("dismissedHints")).slice(0, dismissedHintsKept),
    bands: readBands(doc),
    play:
      played && typeof played.id === "string" && typeof played.variableId === "string" && (played.direction === 1 || played.direction === -1) && typeof played.by === "string"
        ? { id: played.id, variableId: played.variableId, direction: played.direction, by: played.by }
        : null,
    importNotes:
      imported && typeof imported.file === "string" && Array.isArray(imported.notes) ? { file: imported.file, notes: imported.notes.filter((n): n is string => typeof n === "string") } : null,
    lock: lock && typeof lock.by === "string" ? { by: lock.by } : null,
    present: present && typeof present.step === "number" && typeof present.by === "string" ? { step: present.step, by: present.by } : null,
  };
}

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  cursor: { x: number; y: number } | null;
  selection: string[];
  viewport: { x: number; y: number; zoom: number } | null;
  facilitator: boolean;
}

export interface LoopView extends Loop {
  label: string;
  name?: string;
}

const palette = ["#b45309", "#047857", "#4338ca", "#be185d", "#0369a1", "#6d28d9", "#a16207", "#15803d"];
export const colorFor = (id: string) => palette[[...id].reduce((n, c) => n + c.charCodeAt(0), 0) % palette.length];

export function useCanvas(canvasId: string, me: { id: string; name: string; facilitator: boolean }, canEdit: boolean) {
  const doc = useMemo(() => new Y.Doc(), []);
  const [diagram, setDiagram] = useState<Diagram>({ variables: [], links: [] });
  const [comments, setComments] = useState<Comment[]>([]);
  const [status, setStatus] = useState<"connecting" | "connected" | "disconnected">("connecting");
  const [peers, setPeers] = useState<Peer[]>([]);
  const [loops, setLoops] = useState<Omit<LoopList, "loops"> & { loops: LoopView[]; hints: ArchetypeHint[]; ms: number }>({ loops: [], truncated: false, found: 0, complete: true, maxLength: 32, cut: null, unlisted: 0, hints: [], ms: 0 });
  const providerRef = useRef<WebsocketProvider | null>(null);
  const undoRef = useRef<Y.UndoManager | null>(null);
  const [undoState, setUndoState] = useState({ canUndo: false, canRedo: false });
  const [facilitation, setFacilitation] = useState<Facilitation>({ lock: null, present: null, importNotes: null, play: null, bands: [], walk: null, dismissedHints: [] });
  // While a facilitator has locked the map, only facilitators write (loop labels included).
  const mayWrite = useRef(canEdit);

  useEffect(() => {
    const url = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/yjs`;
    const offline = new IndexeddbPersistence(`csl-canvas-${canvasId}`, doc);
    const provider = new WebsocketProvider(url, canvasId, doc, { disableBc: true });
    providerRef.current = provider;
    const awareness = provider.awareness;

    // Send only our own presence: the stock provider forwards every change it hears.
    const stock = (provider as unknown as { _awarenessUpdateHandler?: (...args: unknown[]) => void })._awarenessUpdateHandler;
    if (stock) {
      awareness.off("update", stock);
      awareness.on("update", ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if ([...added, ...updated, ...removed].includes(doc.clientID)) stock({ added: [], updated: [doc.clientID], removed: [] }, origin);
      });
    }
    awareness.setLocalState({ user: { name: me.name, color: colorFor(me.id), facilitator: me.facilitator }, cursor: null, selection: [], viewport: null });

    const onStatus = ({ status }: { status: "connecting" | "connected" | "disconnected" }) => setStatus(navigator.onLine ? status : "disconnected");
    provider.on("status", onStatus);
    // The socket notices a dropped network only after its 30 s timeout; the browser knows at once.
    const wentOffline = () => setStatus("disconnected");
    const online = () => {
      setStatus(provider.wsconnected ? "connected" : "connecting");
      // Reconnect now rather than after the provider's back-off.
      if (!provider.wsconnected) {
        provider.disconnect();
        provider.connect();
      }
    };
    window.addEventListener("offline", wentOffline);
    window.addEventListener("online", online);
    const refreshPeers = () => {
      const list: Peer[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === doc.clientID || !state?.user) return;
        list.push({ clientId, name: String(state.user.name ?? "Someone"), color: String(state.user.color ?? "#444"), cursor: state.cursor ?? null, selection: state.selection ?? [], viewport: state.viewport ?? null, facilitator: Boolean(state.user.facilitator) });
      });
      setPeers(list);
    };
    awareness.on("change", refreshPeers);
    const keepsLabels = () =>
      keepsLoopLabels(
        doc.clientID,
        [...awareness.getStates()].filter(([clientId]) => clientId !== doc.clientID).map(([clientId, state]) => ({ clientId, editor: state?.user?.editor === true })),
      );

    const undo = new Y.UndoManager([variables(doc), links(doc)], { captureTimeout: 400 });
    undoRef.current = undo;
    const refreshUndo = () => setUndoState({ canUndo: undo.undoStack.length > 0, canRedo: undo.redoStack.length > 0 });
    undo.on("stack-item-added", refreshUndo);
    undo.on("stack-item-popped", refreshUndo);

    const worker = startLoopsWorker();
    let request = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const analyse = () => {
      const current = readDiagram(doc);
      const now = readFacilitation(doc);
      mayWrite.current = canEdit && (!now.lock || me.facilitator);
      setFacilitation((before) => (JSON.stringify(before) === JSON.stringify(now) ? before : now));
      setDiagram(current);
      setComments(readComments(doc));
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => worker.postMessage({ id: ++request, variableIds: current.variables.map((v) => v.id), links: current.links }), 120);
    };
    worker.onmessage = (event: MessageEvent<LoopList & { id: number; hints: ArchetypeHint[]; ms: number }>) => {
      if (event.data.id !== request) return;
      const stored = new Map<string, LoopLabel>();
      loopLabels(doc).forEach((value, key) => stored.set(key, value));
      const labels = assignLabels(event.data.loops, stored);
      // Every editor computes the same labels; one of them (the lowest presence id among those
      // who may edit, as the server marks them) stores them, not every editor at once.
      if (mayWrite.current && keepsLabels()) writeLoopLabels(doc, labels);
      const labelled = event.data.loops.map((l) => ({ ...l, ...labels.get(l.key)! })).sort((a, b) => a.kind.localeCompare(b.kind, undefined, { numeric: true }) || a.label.localeCompare(b.label, undefined, { numeric: true }));
      setLoops({ ...event.data, loops: labelled });
    };
    doc.on("update", analyse);
    analyse();

    return () => {
      window.removeEventListener("offline", wentOffline);
      window.removeEventListener("online", online);
      doc.off("update", analyse);
      if (timer) clearTimeout(timer);
      worker.terminate();
      undo.destroy();
      provider.destroy();
      void offline.destroy();
    };
  }, [canvasId, doc, me.id, me.name, me.facilitator, canEdit]);

  const setPresence = useCallback((field: "cursor" | "selection" | "viewport", value: unknown) => {
    providerRef.current?.awareness.setLocalStateField(field, value);
  }, []);

  const setPresentStep = useCallback(
    (step: number | null) => {
      meta(doc).set("present", step === null ? null : { step, by: me.name });
    },
    [doc, me.name],
  );

  const setPlay = useCallback(
    (next: Omit<SharedPlay, "by"> | null) => {
      meta(doc).set("play", next === null ? null : { ...next, by: me.name });
    },
    [doc, me.name],
  );

  const setWalk = useCallback(
    (next: Omit<Walk, "by"> | null) => {
      meta(doc).set("walk", next === null ? null : { ...next, by: me.name });
    },
    [doc, me.name],
  );

  const dismissHint = useCallback(
    (id: string) => {
      const list = readHintIds(meta(doc).get("dismissedHints"));
      if (!list.includes(id)) meta(doc).set("dismissedHints", [...list, id].slice(-dismissedHintsKept));
    },
    [doc],
  );

  return {
    doc,
    facilitation,
    setPlay,
    setWalk,
    dismissHint,
    /** May I change the map right now: my role, and no lock that holds me. */
    editable: canEdit && (!facilitation.lock || me.facilitator),
    setPresentStep,
    diagram,
    comments,
    status,
    peers,
    loops,
    undoState,
    undo: () => undoRef.current?.undo(),
    redo: () => undoRef.current?.redo(),
    setPresence,
  };
}
