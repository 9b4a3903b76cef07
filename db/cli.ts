// `npm run db:migrate` and `npm run seed`.
import { migrateToLatest, openDatabase } from "./connect";
import { seedDemoNetwork } from "./seed";
import { ConfigError, loadConfig } from "../server/config";

const command = process.argv[2];
try {
  const config = loadConfig();
  const { db } = openDatabase(config.DATABASE_URL);
  try {
    const { results } = await migrateToLatest(db);
    for (const r of results ?? []) console.log(`migration ${r.migrationName}: ${r.status}`);
    if (command === "seed") {
      const seeded = await seedDemoNetwork(db, { onlyIfEmpty: false });
      console.log(seeded.created ? "Demo network seeded. Demo logins:" : "The demo network is already there. Demo logins:");
      for (const login of seeded.logins) console.log(`  ${login.role.padEnd(12)} ${login.email.padEnd(36)} ${login.password}`);
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
