// What every node must hear at once with several nodes: an access change (someone left a
// community, a share changed, a session ended) re-checks the connections on every node, not only
// on the node whose page made the change.
import type { AccessChange, AccessEvents } from "../accessEvents";
import type { Logger } from "../logger";
import type { Cluster } from "./cluster";

export async function relayAccessChanges(cluster: Cluster, access: AccessEvents, log: Logger): Promise<void> {
  access.relayTo(async (change) => {
    // The change is stored already; a relay that fails is logged, and the other nodes' connections
    // are re-checked when they next reconnect (as on one node before live revocation).
    await cluster.publish("access", change).catch((error: unknown) => log.error({ err: error }, "an access change did not reach the other nodes"));
  });
  await cluster.listen("access", (change, from) => {
    if (from === cluster.nodeId) return;
    access.heard(change as AccessChange).catch((error: unknown) => log.error({ err: error }, "an access change from another node failed"));
  });
}
