// Starts a real myriad server on a free loopback port with a fresh data
// directory, and stops it. Used by every end-to-end test file.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Meilisearch } from "meilisearch";

export const bin = process.env.MYRIAD_BIN ?? resolve(import.meta.dirname, "../../build/src/cli/myriad");

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.on("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

// `dir`: reuse a data directory (a restart); a new one by default.
// `masterKey`, `env`: passed as --master-key and --env; the returned client
// then uses the master key. `args`: more command-line options.
export async function startServer({
  dir = mkdtempSync(join(tmpdir(), "myriad-e2e-")), masterKey, env, args: extra = [],
} = {}) {
  const port = await freePort();
  const args = ["--db-path", join(dir, "data.ms"), "--http-addr", `127.0.0.1:${port}`,
                "--log-level", "warn"];
  if (masterKey !== undefined) args.push("--master-key", masterKey);
  if (env !== undefined) args.push("--env", env);
  args.push(...extra);
  const child = spawn(bin, args, { stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise((ok) => child.on("exit", (code, signal) => ok({ code, signal })));
  const host = `http://127.0.0.1:${port}`;
  const client = new Meilisearch({ host, apiKey: masterKey,
                                   defaultWaitOptions: { interval: 5, timeout: 30_000 } });
  // Poll /health: the server answers once it listens (bounded number of tries).
  for (let attempt = 0; ; attempt++) {
    try {
      await client.health();
      break;
    } catch (error) {
      if (attempt > 2000 || child.exitCode !== null) throw new Error(`server did not start: ${error}`);
      await new Promise((r) => setImmediate(r));
    }
  }
  return {
    host,
    client,
    dir,
    pid: child.pid,
    // SIGKILL: no chance to finish anything; the data directory stays.
    async kill() {
      child.kill("SIGKILL");
      return exited;
    },
    // SIGTERM; the data directory is removed unless `keep` (to restart on it).
    async stop({ keep = false } = {}) {
      child.kill("SIGTERM");
      const result = await exited;
      if (!keep) rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
}
