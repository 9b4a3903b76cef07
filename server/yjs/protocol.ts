// The y-websocket wire protocol, as y-protocols defines it: a message is a varuint type
// followed by its body. Sync messages carry sync step 1 (a state vector), step 2 or an update;
// awareness messages carry entries of (client id, clock, JSON state). Encoders and decoders only.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

export const syncStep1 = 0;
export const syncStep2 = 1;
export const syncUpdate = 2;

/** Close codes our endpoint uses, each with a reason the client is given. */
export const closeCodes = {
  malformed: 4400,
  unauthorized: 4401,
  revoked: 4403,
  awarenessTooLarge: 4408,
  awarenessFlood: 4429,
  tooSlow: 4413,
  loadFailed: 1011,
  goingAway: 1001,
} as const;

export type ClientMessage =
  | { kind: "sync-step-1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; body: Uint8Array }
  | { kind: "query-awareness" }
  | { kind: "auth" };

/** Reads one client message; throws on anything malformed. */
export function readClientMessage(data: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  let message: ClientMessage;
  switch (type) {
    case messageSync: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncStep1) message = { kind: "sync-step-1", stateVector: payload };
      else if (step === syncStep2 || step === syncUpdate) message = { kind: "update", update: payload };
      else throw new Error(`unknown sync step ${step}`);
      break;
    }
    case messageAwareness:
      message = { kind: "awareness", body: decoding.readVarUint8Array(decoder) };
      break;
    case messageQueryAwareness:
      message = { kind: "query-awareness" };
      break;
    case messageAuth:
      message = { kind: "auth" };
      break;
    default:
      throw new Error(`unknown message type ${type}`);
  }
  return message;
}

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => syncMessage(syncStep1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => syncMessage(syncStep2, update);
export const encodeUpdate = (update: Uint8Array) => syncMessage(syncUpdate, update);

export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAuth);
  encoding.writeVarUint(encoder, 0); // permission denied
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state as JSON text ("null" when the client has gone). */
  json: string;
}

/** Reads an awareness update body without parsing the states' JSON. */
export function readAwarenessEntries(body: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(body);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    entries.push({ clientId, clock, json });
  }
  return entries;
}

/** One entry as bytes, so a frame can be built by concatenation without re-encoding. */
export function encodeAwarenessEntry(entry: AwarenessEntry): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entry.clientId);
  encoding.writeVarUint(encoder, entry.clock);
  encoding.writeVarString(encoder, entry.json);
  return encoding.toUint8Array(encoder);
}

/** An awareness message carrying several pre-encoded entries. */
export function encodeAwarenessFrame(entries: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const e of entries) size += e.length;
  const body = new Uint8Array(size);
  let offset = 0;
  for (const e of entries) {
    body.set(e, offset);
    offset += e.length;
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  encoding.writeUint8Array(inner, body);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}
