// The canvas: the map fills the screen; beside it the loops (R/B with labels), the selected
// element's properties, a keyboard path for every edit, and who is here.
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  ViewportPortal,
  useReactFlow,
  type Connection,
  type NodeChange,
  type Viewport,
} from "@xyflow/react";
import { Maximize2, Minimize2, Redo2, Search, Undo2 } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useFetcher } from "react-router";
import type { Comment } from "../../shared/cld/model";
import { addLink, addVariable, loopLabels, removeLink, removeVariable, updateLink, updateVariable } from "../../shared/cld/model";
import { LinkEdge, VariableNode, type LinkEdgeType, type VariableNodeType } from "./diagramParts";
import { colorFor, useCanvas } from "./useCanvas";
import { FacilitationPanel } from "./FacilitationPanel";
import { saveMapImage } from "./exportImage";
import { usePlay } from "./usePlay";
import { revealStep, stepCount } from "../../shared/cld/present";
import { LoopBoundsNote } from "./LoopBoundsNote";
import { freeSpot } from "../../shared/cld/placement";
import { dismissedHintsKept, hintId, readHintIds } from "../../shared/cld/archetypes";
import { readLoop, readWalk } from "../../shared/cld/walk";
import { ArchetypeHints } from "./ArchetypeHints";
import { HistoryPanel, ProvenanceNote, useCanvasHistory } from "./HistoryPanel";
import { WalkBanner, WalkControls } from "./LoopWalk";
import { loopKindNames, nextPolarity, polarityNames, polaritySigns, readPolarity, type Polarity } from "../../shared/cld/loops";

const polarityChoices: Record<Polarity, string> = { "+": "+ same direction", "-": "− opposite direction", "?": "? not known yet" };

const nodeTypes = { variable: VariableNode };
const edgeTypes = { link: LinkEdge };
const panel = "rounded-xl border border-stone-200 bg-white p-3 dark:border-stone-800 dark:bg-stone-900";
const small = "rounded-md border border-stone-400 bg-white px-2 py-1 text-sm dark:border-stone-600 dark:bg-stone-950";
const button = "rounded-md border border-stone-400 bg-white px-2 py-1 text-sm font-semibold dark:border-stone-600 dark:bg-stone-950";
const primary = "rounded-md bg-indigo-700 px-3 py-1 text-sm font-semibold text-white dark:bg-indigo-300 dark:text-indigo-950";

export interface CanvasEditorProps {
  canvasId: string;
  title: string;
  me: { id: string; name: string; facilitator: boolean };
  role: "edit" | "comment" | "view";
}

export function CanvasEditor(props: CanvasEditorProps) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}

function Editor({ canvasId, title, me, role }: CanvasEditorProps) {
  const canEdit = role === "edit";
  const canvas = useCanvas(canvasId, me, canEdit);
  const [importNotesHidden, setImportNotesHidden] = useState(false);
  const editable = canvas.editable;
  const { doc, diagram, peers, loops } = canvas;
  const flow = useReactFlow();
  const [selected, setSelected] = useState<{ kind: "variable" | "link"; id: string } | null>(null);
  const [highlight, setHighlight] = useState<string | null>(null);
  const [dragging, setDragging] = useState<Record<string, { x: number; y: number }>>({});
  // React Flow measures each node once it is drawn; a controlled flow must hand the size back,
  // or a re-created node stays hidden.
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const [following, setFollowing] = useState<number | null>(null);
  const lastCursor = useRef(0);
  // The workspace: the map can fill the window, with the panels folded to the side.
  const [fullScreen, setFullScreen] = useState(false);
  const [panelsOpen, setPanelsOpen] = useState(true);
  const [search, setSearch] = useState("");
  const [searchMiss, setSearchMiss] = useState<string | null>(null);
  const connectingFrom = useRef<string | null>(null);
  useEffect(() => {
    if (!fullScreen) return;
    const leave = (event: KeyboardEvent) => event.key === "Escape" && setFullScreen(false);
    window.addEventListener("keydown", leave);
    return () => window.removeEventListener("keydown", leave);
  }, [fullScreen]);

  const player = usePlay(diagram.links, { current: canvas.facilitation.play, publish: me.facilitator && editable ? canvas.setPlay : undefined });
  const presenting = canvas.facilitation.present;
  const reveal = presenting ? revealStep(diagram.variables, loops.loops, presenting.step) : null;
  const revealed = reveal ? new Set(reveal.variableIds) : null;
  const shownVariables = revealed ? diagram.variables.filter((v) => revealed.has(v.id)) : diagram.variables;
  const shownLinks = revealed ? diagram.links.filter((l) => revealed.has(l.from) && revealed.has(l.to)) : diagram.links;
  const highlighted = loops.loops.find((l) => l.key === (reveal?.loopKey ?? highlight)) ?? null;
  const walk = readWalk(canvas.facilitation.walk, new Set(loops.loops.map((l) => l.key)));
  const walked = walk ? (loops.loops.find((l) => l.key === walk.order[walk.at]) ?? null) : null;
  const [shownHint, setShownHint] = useState<string | null>(null);
  const { history, failed: historyFailed, refresh: refreshHistory } = useCanvasHistory(canvasId);
  // Who added and changed the selected element: asked again on selection (at once for an element
  // the history does not know yet, otherwise at most every few seconds).
  useEffect(() => {
    if (selected) void refreshHistory(!history?.events.some((e) => e.elementId === selected.id));
  }, [selected?.id, refreshHistory]); // eslint-disable-line react-hooks/exhaustive-deps
  // Hints come from the worker after hydration, so reading this browser's storage at once is safe.
  const [dismissedHere, setDismissedHere] = useState<string[]>(() => (typeof window === "undefined" ? [] : readDismissed(canvasId)));
  const dismissed = new Set([...canvas.facilitation.dismissedHints, ...dismissedHere]);
  const hint = loops.hints.find((h) => hintId(h) === shownHint && !dismissed.has(shownHint)) ?? null;
  // What the map draws attention to: the presented loop, the walked loop, a hint's loops, or the
  // loop someone picked from the list; a walk or a hint dims the rest.
  const inFocus = reveal?.loopKey ? [highlighted] : walked ? [walked] : hint ? loops.loops.filter((l) => hint.loopKeys.includes(l.key)) : [highlighted];
  const focusVariables = new Set(inFocus.flatMap((l) => l?.variableIds ?? []));
  const focusLinks = new Set(inFocus.flatMap((l) => l?.linkIds ?? []));
  const dim = !reveal?.loopKey && (walked !== null || hint !== null);
  useEffect(() => {
    if (walked) void flow.fitView({ nodes: walked.variableIds.map((id) => ({ id })), padding: 0.35, maxZoom: 1.5, duration: 300 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [walked?.key]);
  const flowElement = useRef<HTMLDivElement>(null);
  const peerSelections = new Map<string, string>();
  for (const peer of peers) for (const id of peer.selection) peerSelections.set(id, peer.color);
  const nameOf = (id: string) => diagram.variables.find((v) => v.id === id)?.label ?? "?";

  const nodes: VariableNodeType[] = useMemo(
    () =>
      shownVariables.map((v) => ({
        id: v.id,
        type: "variable",
        position: dragging[v.id] ?? { x: v.x, y: v.y },
        measured: measured[v.id],
        selected: selected?.kind === "variable" && selected.id === v.id,
        data: { label: v.label, highlighted: focusVariables.has(v.id), dimmed: dim && !focusVariables.has(v.id), peerColor: peerSelections.get(v.id) ?? null, signal: player.signals.get(v.id) ?? null },
        ariaLabel: `Variable ${v.label}`,
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [diagram, dragging, measured, selected, highlighted, walked, hint, peers, player.step, player.playing, presenting?.step],
  );
  const edges: LinkEdgeType[] = useMemo(
    () =>
      shownLinks.map((l) => ({
        id: l.id,
        type: "link",
        source: l.from,
        target: l.to,
        selected: selected?.kind === "link" && selected.id === l.id,
        markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: focusLinks.has(l.id) || player.carrying.has(l.id) ? "#d97706" : dim ? "#d6d3d1" : "#57534e" },
        data: { polarity: l.polarity, delay: l.delay, curvature: l.curvature, highlighted: focusLinks.has(l.id) || player.carrying.has(l.id), dimmed: dim && !focusLinks.has(l.id) },
        ariaLabel: `Link from ${nameOf(l.from)} to ${nameOf(l.to)}, ${polarityNames[l.polarity]}${l.delay ? ", with delay" : ""}`,
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [diagram, selected, highlighted, walked, hint, player.step, player.playing, presenting?.step],
  );

  const followed = peers.find((p) => p.clientId === following);
  useEffect(() => {
    if (followed?.viewport) void flow.setViewport(followed.viewport, { duration: 200 });
  }, [followed?.viewport, flow]);

  const onNodesChange = (changes: NodeChange<VariableNodeType>[]) => {
    for (const change of changes) {
      if (change.type === "dimensions" && change.dimensions) {
        const size = change.dimensions;
        setMeasured((m) => (m[change.id]?.width === size.width && m[change.id]?.height === size.height ? m : { ...m, [change.id]: size }));
      }
      if (change.type === "position" && change.position) {
        if (change.dragging) setDragging((d) => ({ ...d, [change.id]: change.position! }));
        else {
          if (editable) updateVariable(doc, change.id, { x: Math.round(change.position.x), y: Math.round(change.position.y) });
          setDragging(({ [change.id]: _, ...rest }) => rest);
        }
      }
    }
  };
  const onConnect = (connection: Connection) => {
    if (editable && connection.source && connection.target) addLink(doc, { from: connection.source, to: connection.target });
  };
  const select = (next: { kind: "variable" | "link"; id: string } | null) => {
    setSelected(next);
    canvas.setPresence("selection", next ? [next.id] : []);
  };
  const addAt = (x: number, y: number, label = "New variable") => {
    const id = addVariable(doc, { label, x: Math.round(x), y: Math.round(y) });
    select({ kind: "variable", id });
    return id;
  };
  /** Adds a variable where the person is looking, in the nearest free place (others may be adding too). */
  const addInView = (label: string) => {
    const box = flowElement.current?.getBoundingClientRect();
    const centre = box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
    // A little apart from everyone else's centre, so that people adding at the same moment do not meet.
    const jitter = { x: ((doc.clientID % 7) - 3) * 40, y: ((doc.clientID % 5) - 2) * 30 };
    const spot = freeSpot(diagram.variables, { x: centre.x - 80 + jitter.x, y: centre.y - 20 + jitter.y });
    addAt(spot.x, spot.y, label);
  };
  const centreOf = (ids: string[]) => {
    const boxes = ids.map((id) => diagram.variables.find((v) => v.id === id)).filter((v) => v !== undefined);
    const middle = (v: { id: string; x: number; y: number }) => ({ x: v.x + (measured[v.id]?.width ?? 150) / 2, y: v.y + (measured[v.id]?.height ?? 40) / 2 });
    const points = boxes.map(middle);
    return { x: points.reduce((n, p) => n + p.x, 0) / Math.max(1, points.length), y: points.reduce((n, p) => n + p.y, 0) / Math.max(1, points.length) };
  };
  const frameLoop = (key: string) => {
    const loop = loops.loops.find((l) => l.key === key);
    setHighlight(highlight === key ? null : key);
    if (loop && highlight !== key) void flow.fitView({ nodes: loop.variableIds.map((id) => ({ id })), padding: 0.35, maxZoom: 1.5, duration: 300 });
  };
  const findVariable = (text: string) => {
    const wanted = text.trim().toLowerCase();
    const found = diagram.variables.find((v) => v.label.toLowerCase() === wanted) ?? diagram.variables.find((v) => v.label.toLowerCase().includes(wanted));
    if (!wanted || !found) return setSearchMiss(wanted ? `No variable is called “${text.trim()}”.` : null);
    setSearchMiss(null);
    select({ kind: "variable", id: found.id });
    const { x, y } = centreOf([found.id]);
    void flow.setCenter(x, y, { zoom: 1.3, duration: 300 });
  };
  const moveSelected = (event: React.KeyboardEvent) => {
    if (!editable || selected?.kind !== "variable" || !event.key.startsWith("Arrow")) return;
    if ((event.target as HTMLElement).closest("input, textarea, select")) return;
    const v = diagram.variables.find((item) => item.id === selected.id);
    if (!v) return;
    event.preventDefault();
    const step = event.shiftKey ? 50 : 10;
    const dx = event.key === "ArrowLeft" ? -step : event.key === "ArrowRight" ? step : 0;
    const dy = event.key === "ArrowUp" ? -step : event.key === "ArrowDown" ? step : 0;
    updateVariable(doc, v.id, { x: v.x + dx, y: v.y + dy });
  };

  const selectedVariable = selected?.kind === "variable" ? diagram.variables.find((v) => v.id === selected.id) : undefined;
  const selectedLink = selected?.kind === "link" ? diagram.links.find((l) => l.id === selected.id) : undefined;

  return (
    <div
      className={fullScreen ? `fixed inset-0 z-40 grid gap-3 overflow-auto bg-stone-50 p-3 dark:bg-stone-950 ${panelsOpen ? "lg:grid-cols-[1fr_22rem]" : ""}` : "grid gap-3 lg:grid-cols-[1fr_22rem]"}
      role={fullScreen ? "dialog" : undefined}
      aria-modal={fullScreen ? true : undefined}
      aria-label={fullScreen ? `${title}, full screen` : undefined}
    >
      <div className="min-w-0 space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="mr-auto text-2xl font-semibold">{title}</h1>
          <span role="status" className={`text-sm ${canvas.status === "connected" ? "text-emerald-800 dark:text-emerald-300" : "text-amber-800 dark:text-amber-300"}`}>
            {canvas.status === "connected" ? "Live" : "Offline: your changes are kept and will sync"}
          </span>
          {editable ? (
            <>
              <button type="button" className={button} disabled={!canvas.undoState.canUndo} onClick={canvas.undo} aria-label="Undo my last change">
                <Undo2 aria-hidden="true" className="inline size-4" /> Undo
              </button>
              <button type="button" className={button} disabled={!canvas.undoState.canRedo} onClick={canvas.redo} aria-label="Redo my change">
                <Redo2 aria-hidden="true" className="inline size-4" /> Redo
              </button>
            </>
          ) : (
            <span className="text-sm">{canEdit ? "Editing is paused." : "You can view this canvas."}</span>
          )}
          <button type="button" className={button} onClick={() => void flow.fitView({ padding: 0.2, maxZoom: 1, duration: 200 })}>
            Fit
          </button>
          <button type="button" className={button} aria-pressed={fullScreen} onClick={() => setFullScreen(!fullScreen)}>
            {fullScreen ? <Minimize2 aria-hidden="true" className="inline size-4" /> : <Maximize2 aria-hidden="true" className="inline size-4" />} {fullScreen ? "Leave full screen" : "Full screen"}
          </button>
          {fullScreen ? (
            <button type="button" className={button} aria-pressed={panelsOpen} onClick={() => setPanelsOpen(!panelsOpen)}>
              {panelsOpen ? "Hide panels" : "Show panels"}
            </button>
          ) : null}
          <form
            role="search"
            className="flex items-center gap-1"
            onSubmit={(event) => {
              event.preventDefault();
              findVariable(search);
            }}
          >
            <label htmlFor="find-variable" className="sr-only">
              Find a variable
            </label>
            <input id="find-variable" list="variable-names" className={`${small} w-44`} placeholder="Find a variable" value={search} onChange={(e) => setSearch(e.target.value)} />
            <datalist id="variable-names">
              {diagram.variables.map((v) => (
                <option key={v.id} value={v.label} />
              ))}
            </datalist>
            <button type="submit" className={button} aria-label="Find">
              <Search aria-hidden="true" className="inline size-4" />
            </button>
          </form>
        </div>
        {canvas.facilitation.importNotes && !importNotesHidden ? (
          <details open className="rounded-md border border-stone-300 bg-stone-50 px-3 py-2 text-sm dark:border-stone-700 dark:bg-stone-900">
            <summary className="cursor-pointer font-semibold">How {canvas.facilitation.importNotes.file} was read</summary>
            <ul className="mt-1 list-disc pl-5">
              {canvas.facilitation.importNotes.notes.map((note, i) => (
                <li key={i}>{note}</li>
              ))}
            </ul>
            <button type="button" className="mt-2 text-sm font-semibold text-indigo-800 underline dark:text-indigo-200" onClick={() => setImportNotesHidden(true)}>
              Hide these notes
            </button>
          </details>
        ) : null}
        {canvas.facilitation.lock ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
            {canvas.facilitation.lock.by} has paused editing{me.facilitator ? "; facilitators can still edit." : ". You can still look around, follow and comment."}
          </p>
        ) : null}
        {player.sharedBy && player.playing && player.sharedBy !== me.name ? (
          <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-950 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100">
            {player.sharedBy} is playing a change through the map: step {player.step} of {player.lastStep}
          </p>
        ) : null}
        {presenting ? (
          <p role="status" aria-live="polite" className="rounded-md border border-indigo-300 bg-indigo-50 px-3 py-2 text-sm text-indigo-950 dark:border-indigo-700 dark:bg-indigo-950 dark:text-indigo-100">
            {presenting.by} is presenting: step {Math.min(presenting.step, stepCount(diagram.variables, loops.loops) - 1) + 1} of {stepCount(diagram.variables, loops.loops)}
            {highlighted && reveal?.loopKey ? ` · loop ${highlighted.label}, ${loopKindNames[highlighted.kind]}` : ""}
          </p>
        ) : null}
        {walk && walked ? <WalkBanner walk={walk} loop={walked} reading={readLoop(walked, diagram.links, nameOf)} /> : null}
        {searchMiss ? (
          <p role="alert" className="text-sm text-amber-900 dark:text-amber-200">
            {searchMiss}
          </p>
        ) : null}
        <div
          ref={flowElement}
          onKeyDown={moveSelected}
          className={`${fullScreen ? "h-[calc(100vh-7rem)]" : "h-[70vh]"} rounded-xl border border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900`}
          onDoubleClick={(event) => {
            if (!editable || !(event.target as HTMLElement).classList.contains("react-flow__pane")) return;
            const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
            addAt(point.x, point.y);
          }}
          onMouseMove={(event) => {
            const now = Date.now();
            if (now - lastCursor.current < 80 || role === "view") return;
            lastCursor.current = now;
            const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
            canvas.setPresence("cursor", { x: Math.round(point.x), y: Math.round(point.y) });
          }}
          onMouseLeave={() => canvas.setPresence("cursor", null)}
        >
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onConnect={onConnect}
            onConnectStart={(_event, params) => {
              connectingFrom.current = params.nodeId;
            }}
            onConnectEnd={(event, state) => {
              // Dropped anywhere on a variable, not only on its small dot: link to it.
              const from = connectingFrom.current;
              connectingFrom.current = null;
              if (!editable || !from || state?.isValid) return;
              const point = "changedTouches" in event ? event.changedTouches[0] : event;
              const target = (document.elementFromPoint(point.clientX, point.clientY) as HTMLElement | null)?.closest<HTMLElement>(".react-flow__node");
              const to = target?.dataset.id;
              if (to && to !== from) addLink(doc, { from, to });
            }}
            onNodeClick={(_e, node) => select({ kind: "variable", id: node.id })}
            onEdgeClick={(_e, edge) => select({ kind: "link", id: edge.id })}
            onPaneClick={() => select(null)}
            onNodesDelete={(deleted) => editable && deleted.forEach((n) => removeVariable(doc, n.id))}
            onEdgesDelete={(deleted) => editable && deleted.forEach((e) => removeLink(doc, e.id))}
            onMoveEnd={(_e, viewport: Viewport) => me.facilitator && canvas.setPresence("viewport", viewport)}
            nodesDraggable={editable}
            nodesConnectable={editable}
            elementsSelectable
            zoomOnDoubleClick={false}
            deleteKeyCode={editable ? ["Delete", "Backspace"] : null}
            fitView
            fitViewOptions={{ maxZoom: 1, padding: 0.2 }}
            minZoom={0.1}
            maxZoom={2}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={24} />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable ariaLabel="Overview of the whole map" className="!bg-stone-100 dark:!bg-stone-800" />
            <ViewportPortal>
              {canvas.facilitation.bands.map((band) => {
                const xs = diagram.variables.map((v) => v.x);
                const left = Math.min(0, ...xs) - 400;
                const right = Math.max(400, ...xs) + 700;
                return (
                  <div
                    key={band.label}
                    aria-hidden="true"
                    data-band={band.label}
                    className="pointer-events-none absolute rounded-lg px-3 py-1 text-xs font-semibold text-sky-950"
                    style={{ transform: `translate(${left}px, ${band.y}px)`, width: right - left, height: band.height, background: band.color, opacity: 0.55, zIndex: -1, paddingLeft: 220 }}
                  >
                    {band.label}
                  </div>
                );
              })}
              {loops.loops.map((loop) => {
                const at = centreOf(loop.variableIds);
                return (
                  <button
                    key={loop.key}
                    type="button"
                    data-loop-marker={loop.label}
                    aria-label={`Loop ${loop.label}${loop.name ? ` ${loop.name}` : ""}, ${loopKindNames[loop.kind]}: frame it`}
                    onClick={() => frameLoop(loop.key)}
                    className={`pointer-events-auto absolute flex size-9 items-center justify-center rounded-full border-2 text-xs font-bold shadow ${loop.kind === "R" ? "border-orange-500 bg-orange-50 text-orange-900" : loop.kind === "U" ? "border-stone-500 bg-stone-100 text-stone-900" : "border-sky-600 bg-sky-50 text-sky-900"} ${highlight === loop.key ? "ring-4 ring-amber-400" : ""}`}
                    style={{ transform: `translate(${at.x}px, ${at.y}px) translate(-50%, -50%)` }}
                  >
                    <span aria-hidden="true">{loop.kind === "R" ? "↻" : loop.kind === "B" ? "⟲" : "?"}</span>
                    {loop.label}
                  </button>
                );
              })}
              {peers
                .filter((p) => p.cursor)
                .map((p) => (
                  <div key={p.clientId} className="pointer-events-none absolute" style={{ transform: `translate(${p.cursor!.x}px, ${p.cursor!.y}px)` }} data-peer-cursor={p.name}>
                    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
                      <path d="M0 0 L12 5 L6 7 L4 13 Z" fill={p.color} />
                    </svg>
                    <span className="ml-3 rounded px-1.5 py-0.5 text-xs font-semibold text-white" style={{ background: p.color }}>
                      {p.name}
                    </span>
                  </div>
                ))}
            </ViewportPortal>
          </ReactFlow>
        </div>
        {editable ? <p className="text-sm text-stone-700 dark:text-stone-300">Double-click the map to add a variable; drag from a variable&apos;s right dot to another to link them; Delete removes what is selected.</p> : null}
        <HistoryPanel title={title} history={history} failed={historyFailed} onOpen={refreshHistory} facilitator={me.facilitator} />
      </div>

      <aside className={`space-y-3 ${fullScreen && !panelsOpen ? "hidden" : ""}`}>
        <section aria-labelledby="loops-heading" className={panel}>
          <h2 id="loops-heading" className="mb-2 font-semibold">
            Loops
          </h2>
          {loops.loops.length === 0 && loops.unlisted === 0 ? <p className="text-sm text-stone-700 dark:text-stone-300">No feedback loops yet. Link variables in a circle to make one.</p> : null}
          <ul className="max-h-64 space-y-1 overflow-y-auto text-sm">
            {loops.loops.map((loop) => (
              <li key={loop.key}>
                <button
                  type="button"
                  aria-pressed={highlight === loop.key}
                  onClick={() => frameLoop(loop.key)}
                  className={`w-full rounded-md px-2 py-1 text-left ${highlight === loop.key ? "bg-amber-100 dark:bg-amber-900" : "hover:bg-stone-100 dark:hover:bg-stone-800"}`}
                >
                  <span className={`mr-2 inline-block min-w-8 rounded px-1 text-center font-bold ${loop.kind === "R" ? "bg-orange-100 text-orange-900" : loop.kind === "U" ? "bg-stone-200 text-stone-900" : "bg-sky-100 text-sky-900"}`}>{loop.label}</span>
                  {loop.name ? <strong className="mr-1">{loop.name}</strong> : null}
                  {loop.kind === "R" ? "Reinforcing" : loop.kind === "U" ? "Unsigned (a link's polarity is not known)" : "Balancing"}: {loop.variableIds.map(nameOf).join(" → ")}
                </button>
                {highlight === loop.key && me.facilitator && editable ? (
                  <form
                    className="mt-1 flex gap-1 px-2"
                    onSubmit={(event) => {
                      event.preventDefault();
                      const name = String(new FormData(event.currentTarget).get("loopName") ?? "").trim().slice(0, 120);
                      loopLabels(doc).set(loop.key, { label: loop.label, ...(name ? { name } : {}) });
                    }}
                  >
                    <label className="sr-only" htmlFor={`loop-name-${loop.key}`}>
                      Name loop {loop.label}
                    </label>
                    <input id={`loop-name-${loop.key}`} name="loopName" key={loop.name ?? ""} defaultValue={loop.name ?? ""} maxLength={120} placeholder="Name this loop" className={`${small} min-w-0 flex-1`} />
                    <button type="submit" className={button}>
                      Name
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
          <LoopBoundsNote list={{ ...loops, listed: loops.loops.length }} />
        </section>
        {me.facilitator && editable ? <WalkControls walk={walk} loops={loops.loops} onWalk={canvas.setWalk} /> : null}
        <ArchetypeHints
          hints={loops.hints}
          dismissed={dismissed}
          hasLoops={loops.loops.length > 0}
          shown={hint ? shownHint : null}
          loopLabel={(key) => loops.loops.find((l) => l.key === key)?.label ?? "a loop"}
          variableLabel={nameOf}
          onShow={(id) => {
            setShownHint(id);
            const keys = loops.hints.find((h) => hintId(h) === id)?.loopKeys ?? [];
            const ids = loops.loops.filter((l) => keys.includes(l.key)).flatMap((l) => l.variableIds);
            if (ids.length) void flow.fitView({ nodes: ids.map((v) => ({ id: v })), padding: 0.3, maxZoom: 1.5, duration: 300 });
          }}
          onDismiss={(id) => {
            if (shownHint === id) setShownHint(null);
            if (me.facilitator && editable) canvas.dismissHint(id);
            else setDismissedHere(rememberDismissed(canvasId, id));
          }}
        />

        {editable && (selectedVariable || selectedLink) ? (
          <section aria-labelledby="selected-heading" className={panel}>
            <h2 id="selected-heading" className="mb-2 font-semibold">
              {selectedVariable ? "Variable" : "Link"}
            </h2>
            {selectedVariable ? (
              <div className="space-y-2">
                <label className="block text-sm">
                  Name
                  <input key={selectedVariable.id} className={`${small} mt-1 block w-full`} defaultValue={selectedVariable.label} maxLength={200} onBlur={(e) => updateVariable(doc, selectedVariable.id, { label: e.target.value.trim() || "Untitled" })} />
                </label>
                <label className="block text-sm">
                  Notes
                  <textarea key={`${selectedVariable.id}-notes`} className={`${small} mt-1 block w-full`} defaultValue={selectedVariable.notes} onBlur={(e) => updateVariable(doc, selectedVariable.id, { notes: e.target.value })} />
                </label>
                <button type="button" className={button} onClick={() => { removeVariable(doc, selectedVariable.id); select(null); }}>
                  Delete variable
                </button>
              </div>
            ) : selectedLink ? (
              <div className="flex flex-wrap gap-2">
                <p className="w-full text-sm">
                  {nameOf(selectedLink.from)} → {nameOf(selectedLink.to)}
                </p>
                <button type="button" className={button} onClick={() => updateLink(doc, selectedLink.id, { polarity: nextPolarity(selectedLink.polarity) })}>
                  Polarity: {polarityChoices[selectedLink.polarity]}
                </button>
                <button type="button" className={button} aria-pressed={selectedLink.delay} onClick={() => updateLink(doc, selectedLink.id, { delay: !selectedLink.delay })}>
                  {selectedLink.delay ? "Has a delay ||" : "Mark a delay"}
                </button>
                <label className="text-sm">
                  Curve
                  <input type="range" min={-1} max={1} step={0.1} className="ml-2 align-middle" defaultValue={selectedLink.curvature} onChange={(e) => updateLink(doc, selectedLink.id, { curvature: Number(e.target.value) })} />
                </label>
                <button type="button" className={button} onClick={() => { removeLink(doc, selectedLink.id); select(null); }}>
                  Delete link
                </button>
              </div>
            ) : null}
          </section>
        ) : null}

        {selected && (selectedVariable || selectedLink) ? (
          <ProvenanceNote history={history} elementId={selected.id} />
        ) : null}

        {selected && (selectedVariable || selectedLink) ? (
          <CommentsPanel target={selected} comments={canvas.comments.filter((c) => c.target.id === selected.id)} canComment={role !== "view"} meId={me.id} facilitator={me.facilitator} />
        ) : null}

        {editable ? <KeyboardPanel doc={doc} diagram={diagram} nameOf={nameOf} onAdd={addInView} onSelectLink={(id) => select({ kind: "link", id })} /> : null}

        <FacilitationPanel
          facilitator={me.facilitator}
          presenting={presenting}
          steps={stepCount(diagram.variables, loops.loops)}
          onPresent={canvas.setPresentStep}
          selectedVariable={selectedVariable ?? null}
          player={player}
          onSaveImage={(kind) => void saveMapImage({ title, variables: diagram.variables, links: diagram.links, loops: loops.loops }, kind, title.replace(/[^\p{L}\p{N} _-]+/gu, "").trim() || "map")}
        />

        <section aria-labelledby="here-heading" className={panel}>
          <h2 id="here-heading" className="mb-2 font-semibold">
            Here now
          </h2>
          <ul className="space-y-1 text-sm">
            <li>
              <span className="mr-2 inline-block size-3 rounded-full" style={{ background: colorFor(me.id) }} aria-hidden="true" />
              {me.name} (you)
            </li>
            {peers.map((p) => (
              <li key={p.clientId} className="flex items-center gap-2">
                <span className="inline-block size-3 rounded-full" style={{ background: p.color }} aria-hidden="true" />
                {p.name}
                {p.facilitator && p.viewport ? (
                  <button type="button" className="ml-auto text-xs underline" aria-pressed={following === p.clientId} onClick={() => setFollowing(following === p.clientId ? null : p.clientId)}>
                    {following === p.clientId ? "Stop following" : "Follow"}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      </aside>
    </div>
  );
}

/** Every edit without a mouse: add, connect with a polarity, flip, delay, delete. */
function KeyboardPanel({
  doc,
  diagram,
  nameOf,
  onAdd,
  onSelectLink,
}: {
  doc: ReturnType<typeof useCanvas>["doc"];
  diagram: ReturnType<typeof useCanvas>["diagram"];
  nameOf: (id: string) => string;
  onAdd: (label: string) => void;
  onSelectLink: (id: string) => void;
}) {
  const [label, setLabel] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [polarity, setPolarity] = useState<Polarity>("+");
  return (
    <section aria-labelledby="keyboard-heading" className={panel}>
      <h2 id="keyboard-heading" className="mb-2 font-semibold">
        Add and connect
      </h2>
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (!label.trim()) return;
          onAdd(label.trim());
          setLabel("");
        }}
      >
        <label htmlFor="new-variable" className="sr-only">
          New variable name
        </label>
        <input id="new-variable" className={`${small} min-w-0 flex-1`} placeholder="New variable, e.g. Teacher workload" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={200} />
        <button type="submit" className={primary}>
          Add
        </button>
      </form>
      {diagram.variables.length >= 1 ? (
        <form
          className="mt-3 grid grid-cols-2 gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (from && to) addLink(doc, { from, to, polarity });
          }}
        >
          <VariablePicker label="From" ariaLabel="Link from" value={from} onChange={setFrom} variables={diagram.variables} />
          <VariablePicker label="To" ariaLabel="Link to" value={to} onChange={setTo} variables={diagram.variables} />
          <label className="text-sm">
            Polarity
            <select aria-label="Link polarity" className={`${small} block w-full`} value={polarity} onChange={(e) => setPolarity(readPolarity(e.target.value))}>
              {(["+", "-", "?"] as const).map((p) => (
                <option key={p} value={p}>
                  {polarityChoices[p]}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={`${primary} self-end`}>
            Connect
          </button>
        </form>
      ) : null}
      {diagram.links.length > 0 ? (
        <ul className="mt-3 max-h-48 space-y-1 overflow-y-auto text-sm">
          {diagram.links.map((l) => (
            <li key={l.id} className="flex flex-wrap items-center gap-1">
              <button type="button" className="mr-auto text-left underline" onClick={() => onSelectLink(l.id)}>
                <span className="sr-only">Select </span>
                {nameOf(l.from)} → {nameOf(l.to)} ({polaritySigns[l.polarity]}
                {l.delay ? ", delay" : ""})
              </button>
              <button type="button" className={button} onClick={() => updateLink(doc, l.id, { polarity: nextPolarity(l.polarity) })} aria-label={`Change polarity of ${nameOf(l.from)} to ${nameOf(l.to)} (now ${polarityNames[l.polarity]})`}>
                ±
              </button>
              <button type="button" className={button} onClick={() => updateLink(doc, l.id, { delay: !l.delay })} aria-label={`${l.delay ? "Remove delay from" : "Mark delay on"} ${nameOf(l.from)} to ${nameOf(l.to)}`}>
                ||
              </button>
              <button type="button" className={button} onClick={() => removeLink(doc, l.id)} aria-label={`Delete link ${nameOf(l.from)} to ${nameOf(l.to)}`}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function VariablePicker({ label, ariaLabel, value, onChange, variables }: { label: string; ariaLabel: string; value: string; onChange: (id: string) => void; variables: { id: string; label: string }[] }) {
  return (
    <label className="text-sm">
      {label}
      <select aria-label={ariaLabel} className={`${small} block w-full`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {variables.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Comments pinned to the selected variable or link; posted through the server, never written directly. */
function CommentsPanel({ target, comments, canComment, meId, facilitator }: { target: { kind: "variable" | "link"; id: string }; comments: Comment[]; canComment: boolean; meId: string; facilitator: boolean }) {
  const fetcher = useFetcher<{ formError?: string }>();
  const [text, setText] = useState("");
  return (
    <section aria-labelledby="comments-heading" className={panel}>
      <h2 id="comments-heading" className="mb-2 font-semibold">
        Comments
      </h2>
      {comments.length === 0 ? <p className="text-sm text-stone-700 dark:text-stone-300">No comments on this {target.kind} yet.</p> : null}
      <ul className="mb-2 space-y-2 text-sm">
        {comments.map((c) => (
          <li key={c.id}>
            <span className="font-semibold">{c.authorName}</span> {c.text}
            {c.authorId === meId || facilitator ? (
              <fetcher.Form method="post" className="inline">
                <input type="hidden" name="intent" value="delete-comment" />
                <input type="hidden" name="commentId" value={c.id} />
                <button type="submit" className="ml-2 text-xs underline" aria-label={`Delete ${c.authorName}'s comment`}>
                  Delete
                </button>
              </fetcher.Form>
            ) : null}
          </li>
        ))}
      </ul>
      {canComment ? (
        <fetcher.Form
          method="post"
          className="space-y-2"
          onSubmit={() => setTimeout(() => setText(""), 0)}
        >
          <input type="hidden" name="intent" value="comment" />
          <input type="hidden" name="targetKind" value={target.kind} />
          <input type="hidden" name="targetId" value={target.id} />
          <label htmlFor="comment-text" className="sr-only">
            Your comment
          </label>
          <textarea id="comment-text" name="text" required maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} placeholder={`A comment on this ${target.kind}`} className={`${small} block w-full`} />
          <button type="submit" className={primary}>
            Comment
          </button>
          {fetcher.data?.formError ? (
            <p role="alert" className="text-sm text-red-800 dark:text-red-300">
              {fetcher.data.formError}
            </p>
          ) : null}
        </fetcher.Form>
      ) : null}
    </section>
  );
}

// A member's own dismissals of archetype hints, per map, kept in this browser.
const dismissedKey = (canvasId: string) => `csl-canvas-hints-dismissed-${canvasId}`;
function readDismissed(canvasId: string): string[] {
  try {
    return readHintIds(JSON.parse(window.localStorage.getItem(dismissedKey(canvasId)) ?? "[]"));
  } catch {
    return [];
  }
}
function rememberDismissed(canvasId: string, id: string): string[] {
  const next = [...new Set([...readDismissed(canvasId), id])].slice(-dismissedHintsKept);
  try {
    window.localStorage.setItem(dismissedKey(canvasId), JSON.stringify(next));
  } catch {
    // Storage refused (private mode): dismissed for this visit only.
  }
  return next;
}
