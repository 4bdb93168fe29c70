#!/usr/bin/env node
// Runs the extension-host e2e suite (test/e2e/suite/index.js, written for
// @vscode/test-electron: exports run(), mocha) inside a real VS Code: the
// remote Node extension host of code-server 4.100.3 (VS Code 1.100.3).
//
// How: code-server on 127.0.0.1:PORT with a fresh profile, then headless
// chromium opens the workbench with the `payload` URL parameter
// (extensionDevelopmentPath = the project root, so the extension is loaded
// from source exactly like F5; extensionTestsPath = the suite). The extension
// host require()s the suite, awaits run() and reports the exit code through
// window.codeAutomationExit, which we expose with playwright-core, as
// @vscode/test-web does. console.* of the extension host arrives through
// window.codeAutomationLog.
//
// Usage: node test/e2e/run-ext-host.mjs
// env:   PORT (8124), CS (code-server binary, default .cache/code-server/bin/code-server),
//        EXT_DIR (extension under development, default project root),
//        TESTS (tests module, default test/e2e/suite/index.js),
//        WORKSPACE (folder copied to a temp dir and opened, default test/e2e/workspace),
//        E2E_TIMEOUT_MS (overall, default 240000), VERBOSE=1 (print the whole workbench log),
//        KEEP_WORK=1 (keep the temp folder), RESULT_FILE (copy of the JSON result).
// Exit:  0 all tests passed, 1 tests failed or set-up error, 2 timeout.
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, SetupError, codeServerBin, codeServerEnv, launchBrowser, loadPlaywright, makeLogger,
  prepareWork, startCodeServer, tail, withCleanup,
} from './lib/harness.mjs';

const log = makeLogger('ext-host');
const PORT = Number(process.env.PORT || 8124);
const EXT_DIR = path.resolve(process.env.EXT_DIR || ROOT);
const TESTS = path.resolve(process.env.TESTS || path.join(ROOT, 'test/e2e/suite/index.js'));
const WORKSPACE = path.resolve(process.env.WORKSPACE || path.join(ROOT, 'test/e2e/workspace'));
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 240_000);

const cleanup = withCleanup();
let exitCode = 1;
let work;
try {
  for (const [what, p] of [['tests module', TESTS], ['workspace', WORKSPACE], ['extension package.json', path.join(EXT_DIR, 'package.json')]]) {
    if (!fs.existsSync(p)) throw new SetupError(`${what} not found: ${p}`);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'package.json'), 'utf8'));
  const main = pkg.main && path.resolve(EXT_DIR, pkg.main);
  if (main && !fs.existsSync(main) && !fs.existsSync(`${main}.js`)) {
    throw new SetupError(`the extension's main ${pkg.main} does not exist in ${EXT_DIR}; build it first ` +
      `(\`npm run bundle\` for dist/, \`npm run build\` for client/out, server/out)`);
  }
  const cs = codeServerBin();
  const chromium = await loadPlaywright();
  const w = prepareWork('aksg-ext-host-', WORKSPACE);
  work = w.work;
  const resultFile = path.join(w.work, 'result.json');
  log(`work dir ${w.work}`);

  // EXT_TEST_RESULT_FILE is inherited by the extension host: the suite writes its summary there.
  const server = await startCodeServer(cs, w, PORT, codeServerEnv(w, { EXT_TEST_RESULT_FILE: resultFile }));
  cleanup.add(server.stop);
  log(`code-server up at ${server.url}`);

  const { page, close } = await launchBrowser(chromium, { width: 1200, height: 800 });
  cleanup.add(close);

  const workbenchLog = [];
  let done;
  const exited = new Promise((r) => { done = r; });
  await page.exposeFunction('codeAutomationExit', (code) => done(code));
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = Array.isArray(message) ? message.join(' ') : String(message);
    workbenchLog.push(`[${level}] ${text}`);
    if (process.env.VERBOSE) console.log(`[workbench ${level}] ${text}`);
    else if (text.includes('[ext-tests]')) console.log(text.slice(text.indexOf('[ext-tests]')));
  });
  page.on('pageerror', (e) => workbenchLog.push(`[pageerror] ${e.message}`));

  const authority = new URL(server.url).host; // code-server's remote authority = host:port
  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [['extensionDevelopmentPath', remote(EXT_DIR)], ['extensionTestsPath', remote(TESTS)]];
  const url = `${server.url}/?folder=${encodeURIComponent(w.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`open workbench (extensionDevelopmentPath=${EXT_DIR}, extensionTestsPath=${path.relative(ROOT, TESTS)})`);
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  let timer;
  const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), TIMEOUT_MS); });
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer);
  fs.writeFileSync(path.join(w.work, 'workbench.log'), workbenchLog.join('\n') + '\n');

  let result = null;
  try { result = JSON.parse(fs.readFileSync(resultFile, 'utf8')); } catch { /* none written */ }
  if (result && process.env.RESULT_FILE) fs.writeFileSync(process.env.RESULT_FILE, JSON.stringify(result, null, 2) + '\n');

  if (code === 'timeout') {
    await page.screenshot({ path: path.join(w.work, 'timeout.png') }).catch(() => {});
    console.error(`ERROR: the extension host reported no result within ${TIMEOUT_MS} ms ` +
      `(test run hung, or the tests module was never loaded). Workbench log: ${path.join(w.work, 'workbench.log')}, ` +
      `screenshot: ${path.join(w.work, 'timeout.png')}`);
    exitCode = 2;
  } else {
    log(`extension host exit code: ${code}` + (result ? ` (${result.passes} passed, ${result.failures} failed, ${result.pending || 0} skipped)` : ''));
    exitCode = code === 0 ? 0 : 1;
    if (code !== 0 && !result) {
      console.error('ERROR: the suite wrote no result file: it failed to load or the extension host crashed. ' +
        `Last workbench log lines (all in ${path.join(w.work, 'workbench.log')}):`);
      console.error(workbenchLog.filter((l) => /error|fail|cannot|exception/i.test(l)).slice(-20).join('\n'));
    }
  }
  if (exitCode !== 0) {
    console.error(`code-server log tail (${server.logFile}):\n${tail(server.logFile, 15)}`);
  }
} catch (e) {
  console.error(`ERROR: ${e instanceof SetupError ? '' : 'e2e runner failed: '}${e.message}`);
  exitCode = 1;
} finally {
  await cleanup.run();
  if (work && exitCode === 0 && !process.env.KEEP_WORK) fs.rmSync(work, { recursive: true, force: true });
  else if (work) console.error(`kept ${work} for inspection`);
}
process.exit(exitCode);
