// Shared pieces of the code-server based e2e runners (run-ext-host.mjs,
// ui-smoke.mjs): find code-server, prepare a fresh profile and a copy of the
// workspace, start code-server on 127.0.0.1 in its own process group, launch
// Debian's headless chromium with playwright-core, and clean everything up.
// Facts behind it: ../shared/vscode-e2e/RECIPE.md (code-server 4.100.3 =
// VS Code 1.100.3, offline).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CS_VERSION = '4.100.3';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Thrown for set-up problems (missing tools, busy port, ...): runners exit 1 with the message. */
export class SetupError extends Error {}

const t0 = Date.now();
export function makeLogger(tag) {
  return (...a) => console.log(`[${tag} ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
}

export function codeServerBin() {
  const cs = process.env.CS || path.join(ROOT, '.cache/code-server/bin/code-server');
  if (!fs.existsSync(cs)) {
    throw new SetupError(`code-server not found at ${cs}; run \`bash scripts/e2e/install-code-server.sh\` ` +
      '(or `npm run test:e2e`, which installs it), or set CS=/path/to/code-server');
  }
  return cs;
}

export function checkChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new SetupError(`chromium not found at ${CHROMIUM}; install Debian's chromium ` +
      '(`apt-get install -y chromium`, done by scripts/e2e/install-code-server.sh) or set CHROMIUM');
  }
}

export async function loadPlaywright() {
  try {
    return (await import('playwright-core')).chromium;
  } catch (e) {
    throw new SetupError(`playwright-core is not installed (${e.message.split('\n')[0]}); run \`npm install\` in ${ROOT}`);
  }
}

/** Fails if something already listens on host:port (a stale code-server would answer our probes). */
export async function assertPortFree(port, host = '127.0.0.1') {
  const busy = await new Promise((resolve) => {
    const s = net.connect({ port, host });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
  if (busy) throw new SetupError(`port ${host}:${port} is already in use; stop what listens there or set PORT`);
}

export function copyDir(src, dst) {
  fs.cpSync(src, dst, { recursive: true });
}

/**
 * Fresh scratch folder: ws/ (copy of the workspace fixture), data/User/settings.json,
 * ext/ (extensions dir), cfg/ (XDG_CONFIG_HOME for code-server's config.yaml).
 */
export function prepareWork(prefix, workspaceSrc, extraSettings = {}) {
  const work = fs.mkdtempSync(path.join(process.env.E2E_TMP || os.tmpdir(), prefix));
  const ws = path.join(work, 'ws');
  copyDir(workspaceSrc, ws);
  for (const d of ['data/User', 'ext', 'cfg']) fs.mkdirSync(path.join(work, d), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'git.enabled': false,
    ...extraSettings,
  };
  fs.writeFileSync(path.join(work, 'data/User/settings.json'), JSON.stringify(settings, null, 2));
  return { work, ws, data: path.join(work, 'data'), ext: path.join(work, 'ext'), cfg: path.join(work, 'cfg') };
}

/** Environment for code-server: no ~/.config writes, no gallery lookups (closed port on loopback). */
export function codeServerEnv(w, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: w.cfg,
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: 'http://127.0.0.1:9/gallery',
      itemUrl: 'http://127.0.0.1:9/item',
      resourceUrlTemplate: 'http://127.0.0.1:9/r/{publisher}/{name}/{version}/{path}',
    }),
    ...extra,
  };
}

/** `code-server --install-extension X.vsix` into the fresh extensions dir (offline, < 1 s). */
export function installVsix(cs, w, vsix) {
  const r = spawnSync(cs, ['--user-data-dir', w.data, '--extensions-dir', w.ext, '--install-extension', vsix],
    { env: codeServerEnv(w), encoding: 'utf8' });
  const out = `${r.stdout || ''}${r.stderr || ''}`;
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new SetupError(`installing ${vsix} into code-server failed (exit ${r.status}):\n${out}`);
  }
  return out.trim().split('\n').filter((l) => /install/i.test(l)).pop();
}

/**
 * Starts code-server on 127.0.0.1:port as the leader of a new process group
 * (detached = setsid), so stop() ends it together with the extension host,
 * file watcher and language server it forks. Resolves once /healthz answers.
 */
export async function startCodeServer(cs, w, port, env) {
  await assertPortFree(port);
  const logFile = path.join(w.work, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(cs, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', w.data, '--extensions-dir', w.ext, w.ws],
  { env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code, sig) => { exited = { code, sig }; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new SetupError(`code-server exited at start (${JSON.stringify(exited)}); log: ${logFile}\n${tail(logFile)}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new SetupError(`code-server did not answer ${url}/healthz within 30 s; log: ${logFile}\n${tail(logFile)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (exited) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const end = Date.now() + 5000;
    while (!exited && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  };
  return { url, child, stop, logFile };
}

export function tail(file, lines = 30) {
  try { return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

/** Headless Debian chromium with a fresh profile (flags from the recipe: no outbound noise). */
export async function launchBrowser(chromium, viewport = { width: 1400, height: 900 }) {
  checkChromium();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  const close = async () => {
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { ctx, page, close };
}

/** Runs fn(); on SIGINT/SIGTERM or when fn settles, runs the cleanups (last registered first). */
export function withCleanup() {
  const fns = [];
  let ran = false;
  const run = async () => {
    if (ran) return;
    ran = true;
    for (const f of fns.reverse()) await f().catch(() => {});
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, async () => { console.error(`received ${sig}, cleaning up`); await run(); process.exit(130); });
  }
  return { add: (f) => fns.push(f), run };
}
