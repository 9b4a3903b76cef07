// What the deployment start (`npm run serve`) refuses to run with: no PUBLIC_URL (emailed links
// would have no trustworthy origin), or an account that still has the demo network's published
// password (an operator who followed the README in production would hand out admin access).
import type { DB } from "../db/connect";
import { demoPassword, demoEmailDomain } from "../db/seed";
import { verifyPassword } from "./auth/passwords";
import type { Config } from "./config";

export class StartRefused extends Error {}

export async function checkDeployment(config: Config, db: DB): Promise<void> {
  if (!config.PUBLIC_URL) {
    throw new StartRefused("Set PUBLIC_URL to the address people use, such as https://commons.example.org: every link in emails and calendars is built from it.");
  }
  // The demo's accounts and every admin; accounts that share a hash are checked once.
  const accounts = await db
    .selectFrom("users")
    .select(["email", "password_hash"])
    .where((eb) => eb.or([eb("email", "like", `%@${demoEmailDomain}`), eb("network_role", "=", "admin")]))
    .execute();
  const byHash = new Map<string, string[]>();
  for (const { email, password_hash } of accounts) byHash.set(password_hash, [...(byHash.get(password_hash) ?? []), email]);
  const exposed: string[] = [];
  for (const [hash, emails] of byHash) if (await verifyPassword(hash, demoPassword)) exposed.push(...emails);
  if (exposed.length) {
    throw new StartRefused(
      `${exposed.length} account${exposed.length === 1 ? " still has" : "s still have"} the demo password published in the README (${exposed.slice(0, 5).join(", ")}${exposed.length > 5 ? ", …" : ""}). Change those passwords or remove the demo accounts, or use \`npm start\` for a demo.`,
    );
  }
}
