import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter(), tsconfigPaths()],
  // Loaders and actions import these native server packages; the client build drops those
  // imports, but Vite's development pre-bundler scans them, so keep it away from them.
  optimizeDeps: { exclude: ["@node-rs/argon2", "better-sqlite3", "pg"] },
});
