// `npm run db:migrate`, `npm run seed` and `npm run journal:reseal` (the last step of rotating the
// journal's server key: every journal key sealed with a key in JOURNAL_KEYS_PREVIOUS is sealed
// again with JOURNAL_KEY, after which the previous keys may be forgotten).
import { migrateToLatest, openDatabase } from "./connect";
import { seedDemoNetwork } from "./seed";
import { ConfigError, loadConfig } from "../server/config";
import { Journal } from "../server/journal/journal";
import { loadServerKeys } from "../server/journal/serverKeys";

const command = process.argv[2];
try {
  const config = loadConfig();
  const { db } = openDatabase(config.DATABASE_URL, { schema: config.DATABASE_SCHEMA });
  try {
    const { results } = await migrateToLatest(db, config.DATABASE_SCHEMA);
    for (const r of results ?? []) console.log(`migration ${r.migrationName}: ${r.status}`);
    if (command === "seed") {
      const seeded = await seedDemoNetwork(db, { onlyIfEmpty: false });
      console.log(seeded.created ? "Demo network seeded. Demo logins:" : "The demo network is already there. Demo logins:");
      for (const login of seeded.logins) console.log(`  ${login.role.padEnd(12)} ${login.email.padEnd(36)} ${login.password}`);
    } else if (command === "journal-reseal") {
      const resealed = await new Journal(db, loadServerKeys(config)).resealAll();
      console.log(`${resealed} journal ${resealed === 1 ? "key" : "keys"} sealed again with the current server key. The previous keys may now be removed.`);
    } else {
      console.log("The database is up to date.");
    }
  } finally {
    await db.destroy();
  }
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Cannot run: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
