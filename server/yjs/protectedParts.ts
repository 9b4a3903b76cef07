// Where in a canvas document an incoming update makes changes (top-level part, and key), read
// before it is stored: an update's items name their part directly, through the item holding their parent
// type, or through a neighbour (origin), found in the document or in the update itself; its
// deletions are looked up in the document. The endpoint uses this to keep comments to the
// server and the facilitation state (lock banner, presentation) to facilitators, whatever a
// raw client sends.
import * as Y from "yjs";

type Struct = ReturnType<typeof Y.decodeUpdate>["structs"][number];

/** A place in the document: its top-level part, and the key under it when the part is a map. */
export interface Place {
  part: string;
  key: string | null;
}

export function placesChanged(doc: Y.Doc, update: Uint8Array): Place[] {
  const { structs, ds } = Y.decodeUpdate(update);
  const places: Place[] = [];
  const byClient = new Map<number, Y.Item[]>();
  for (const struct of structs) if (struct instanceof Y.Item) byClient.set(struct.id.client, [...(byClient.get(struct.id.client) ?? []), struct]);

  const inDocument = (id: Y.ID): Y.Item | null => {
    if (Y.getState(doc.store, id.client) <= id.clock) return null;
    const struct = Y.getItem(doc.store, id) as Struct;
    return struct instanceof Y.Item ? struct : null;
  };
  const inUpdate = (id: Y.ID): Y.Item | null => byClient.get(id.client)?.find((item) => item.id.clock <= id.clock && id.clock < item.id.clock + item.length) ?? null;
  const find = (id: Y.ID) => inDocument(id) ?? inUpdate(id);

  /** Where an item of the document sits: up through the items holding its parent types to the top. */
  const placeInDocument = (item: Y.Item): Place | null => {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return null;
    const holder = parent._item;
    return holder ? placeInDocument(holder) : { part: Y.findRootTypeKey(parent), key: item.parentSub };
  };

  const resolved = new Map<Y.Item, Place | null>();
  /** Where an item of the update sits: named, through the item holding its parent, or like its neighbour. */
  const place = (item: Y.Item, depth = 0): Place | null => {
    if (resolved.has(item)) return resolved.get(item)!;
    let found: Place | null = null;
    const parent = item.parent as unknown;
    if (depth > 1000) found = null;
    else if (typeof parent === "string") found = { part: parent, key: item.parentSub };
    else if (parent instanceof Y.AbstractType) found = placeInDocument(item);
    else {
      // The item holding the parent type (a level up), or else a neighbour (the same place).
      const next = parent instanceof Y.ID ? find(parent) : item.origin ? find(item.origin) : item.rightOrigin ? find(item.rightOrigin) : null;
      found = next ? (next.parent instanceof Y.AbstractType ? placeInDocument(next) : place(next, depth + 1)) : null;
    }
    resolved.set(item, found);
    return found;
  };

  for (const items of byClient.values()) for (const item of items) {
    const found = place(item);
    if (found) places.push(found);
  }
  for (const [client, deletions] of ds.clients) {
    for (const { clock, len } of deletions) {
      let at = clock;
      const end = Math.min(clock + len, Y.getState(doc.store, client));
      while (at < end) {
        const struct = Y.getItem(doc.store, Y.createID(client, at)) as Struct;
        if (struct instanceof Y.Item) {
          const found = placeInDocument(struct);
          if (found) places.push(found);
        }
        at = struct.id.clock + struct.length;
      }
    }
  }
  return places;
}
