// A real nginx on loopback running deploy/nginx.conf, its node list and port rewritten, for the
// tests that put nodes behind one address.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { until } from "./wait";

export const nginxBinary = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((p) =>
  fs.existsSync(p),
);

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** deploy/nginx.conf with these nodes and this port, under a minimal main configuration of its own. */
function nginxConfig(dir: string, port: number, nodePorts: number[]): string {
  const site = fs
    .readFileSync(path.resolve("deploy/nginx.conf"), "utf8")
    .replace(/^\s*server 127\.0\.0\.1:\d+ .*;$/gm, "")
    .replace(
      "keepalive 32;",
      `${nodePorts.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join("\n    ")}\n    keepalive 32;`,
    )
    .replace("listen 80;", `listen 127.0.0.1:${port};`);
  fs.writeFileSync(path.join(dir, "site.conf"), site);
  // Started as root, nginx's workers run as nobody: they must be able to write their temporary files.
  fs.chmodSync(dir, 0o755);
  for (const temp of ["body", "proxy", "fastcgi", "uwsgi", "scgi"])
    fs.mkdirSync(path.join(dir, temp), { mode: 0o777 });
  for (const temp of ["body", "proxy", "fastcgi", "uwsgi", "scgi"])
    fs.chmodSync(path.join(dir, temp), 0o777);
  const main = `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`;
  const file = path.join(dir, "nginx.conf");
  fs.writeFileSync(file, main);
  return file;
}

export interface RunningNginx {
  base: string;
  port: number;
  stop(): void;
}

/** Starts nginx in front of these node ports; resolves once it passes /healthz on. */
export async function startNginx(
  nodePorts: number[],
  port?: number,
): Promise<RunningNginx> {
  const listen = port ?? (await freePort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csl-nginx-"));
  const config = nginxConfig(dir, listen, nodePorts);
  const proc: ChildProcess = spawn(nginxBinary!, ["-c", config, "-p", dir], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const base = `http://127.0.0.1:${listen}`;
  await until(
    async () =>
      (await fetch(`${base}/healthz`).catch(() => null))?.status === 200,
    "nginx to pass requests on",
    15_000,
  );
  return {
    base,
    port: listen,
    stop() {
      proc.kill("SIGTERM");
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
