#!/usr/bin/env node
// Runs the same extension-host suite (test/e2e/suite/index.js) in a desktop
// VS Code with @vscode/test-electron, where one is available.
//
//   VSCODE_EXECUTABLE=/path/to/code node test/e2e/run-electron.mjs
//       uses that VS Code (e.g. /usr/share/code/code, or the `Code` binary
//       inside an unpacked VS Code archive; on a Linux machine without a
//       display: `xvfb-run -a node test/e2e/run-electron.mjs`);
//   node test/e2e/run-electron.mjs
//       downloads VS Code VSCODE_VERSION (default 1.100.3, the version the
//       code-server runs test against) into .vscode-test/ first. This needs
//       access to update.code.visualstudio.com, which the CI machines of this
//       project do not have: there, use `npm run test:e2e` (code-server).
//
// The extension under development is the project root (package.json `main`;
// build it first with `npm run bundle`); the workspace is a temp copy of
// test/e2e/workspace; other installed extensions are disabled.
// env: VSCODE_EXECUTABLE, VSCODE_VERSION, KEEP_WORK=1, RESULT_FILE
// Exit: 0 all tests passed, 1 otherwise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let testElectron;
try {
  testElectron = require('@vscode/test-electron');
} catch {
  console.error('ERROR: @vscode/test-electron is not installed; run `npm install` (it is a devDependency)');
  process.exit(1);
}

if (process.env.VSCODE_EXECUTABLE && !fs.existsSync(process.env.VSCODE_EXECUTABLE)) {
  console.error(`ERROR: VSCODE_EXECUTABLE=${process.env.VSCODE_EXECUTABLE} does not exist`);
  process.exit(1);
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-electron-'));
const ws = path.join(work, 'ws');
fs.cpSync(path.join(ROOT, 'test/e2e/workspace'), ws, { recursive: true });
fs.mkdirSync(path.join(work, 'user-data/User'), { recursive: true });
fs.writeFileSync(path.join(work, 'user-data/User/settings.json'), JSON.stringify({
  'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none',
  'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'security.workspace.trust.enabled': false,
}, null, 2));
const resultFile = path.join(work, 'result.json');

const options = {
  extensionDevelopmentPath: ROOT,
  extensionTestsPath: path.join(ROOT, 'test/e2e/suite/index.js'),
  launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
    '--user-data-dir', path.join(work, 'user-data'), '--extensions-dir', path.join(work, 'extensions')],
  extensionTestsEnv: { EXT_TEST_RESULT_FILE: resultFile },
};
if (process.env.VSCODE_EXECUTABLE) {
  options.vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
} else {
  options.version = process.env.VSCODE_VERSION || '1.100.3';
  options.cachePath = path.join(ROOT, '.vscode-test');
  console.log(`VSCODE_EXECUTABLE is not set: downloading VS Code ${options.version} into .vscode-test/ ` +
    '(needs update.code.visualstudio.com; without network use `npm run test:e2e`, which runs the suite in code-server)');
}

let code = 1;
try {
  code = await testElectron.runTests(options);
} catch (e) {
  const msg = e && e.message ? e.message : String(e);
  if (/ENOTFOUND|ECONNREFUSED|EAI_AGAIN|getaddrinfo|Failed to (download|get)/i.test(msg)) {
    console.error(`ERROR: could not download VS Code (${msg.split('\n')[0]}). Set VSCODE_EXECUTABLE to a VS Code binary, ` +
      'or run the suite in code-server with `npm run test:e2e`.');
  } else {
    console.error(`ERROR: the extension tests failed: ${msg}`);
  }
  code = 1;
}
if (fs.existsSync(resultFile)) {
  const r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  console.log(`[ext-tests] ${r.passes} passed, ${r.failures} failed, ${r.pending} skipped (VS Code desktop)`);
  if (process.env.RESULT_FILE) fs.copyFileSync(resultFile, process.env.RESULT_FILE);
} else if (code === 0) {
  // VS Code exited 0 but the suite never wrote its summary: it did not run (wrong executable, tests not loaded).
  console.error(`ERROR: VS Code exited 0 but the suite wrote no result (${resultFile}); the tests did not run`);
  code = 1;
}
if (!process.env.KEEP_WORK) fs.rmSync(work, { recursive: true, force: true });
process.exit(code === 0 ? 0 : 1);
