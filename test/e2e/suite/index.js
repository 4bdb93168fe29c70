// Entry point of the extension-host e2e suite, in the @vscode/test-electron
// style: VS Code's extension host require()s this module (extensionTestsPath)
// and awaits run(); a rejected promise means failure.
// Runs unchanged in:
//  - code-server's remote Node extension host (test/e2e/run-ext-host.mjs), and
//  - a desktop VS Code through @vscode/test-electron (test/e2e/run-electron.mjs).
//
// Output: mocha's `spec` reporter writes with process.stdout.write, which in
// code-server goes to the server log, not to the browser; console.log lines
// do reach the runner (codeAutomationLog), so every result is also logged as
// a plain "[ext-tests] ok|FAIL|skip <title>" line and a final
// "[ext-tests] N passed, N failed" line. EXT_TEST_RESULT_FILE (inherited
// environment) receives a JSON summary.
'use strict';
const path = require('path');
const fs = require('fs');
const Mocha = require('mocha');

function run() {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.E2E_TEST_TIMEOUT_MS || 60000),
    reporter: 'spec',
    grep: process.env.E2E_GREP || undefined,
  });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    const results = [];
    let runner;
    try {
      runner = mocha.run((failures) => {
        const s = runner.stats || {};
        console.log(`[ext-tests] ${s.passes || 0} passed, ${s.failures || 0} failed` + (s.pending ? `, ${s.pending} skipped` : ''));
        if (process.env.EXT_TEST_RESULT_FILE) {
          try {
            fs.writeFileSync(process.env.EXT_TEST_RESULT_FILE, JSON.stringify({
              passes: s.passes || 0, failures: s.failures || 0, pending: s.pending || 0, tests: s.tests || 0,
              durationMs: s.duration, results,
            }, null, 2) + '\n');
          } catch (e) {
            console.log(`[ext-tests] could not write ${process.env.EXT_TEST_RESULT_FILE}: ${e.message}`);
          }
        }
        if (failures > 0) reject(new Error(`${failures} tests failed.`));
        else resolve();
      });
    } catch (e) {
      console.log(`[ext-tests] FAIL loading the suite: ${e && e.stack}`);
      reject(e);
      return;
    }
    runner.on('pass', (t) => {
      results.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      console.log(`[ext-tests] ok   ${t.fullTitle()} (${t.duration} ms)`);
    });
    runner.on('fail', (t, err) => {
      results.push({ title: t.fullTitle(), state: 'failed', error: err && err.message });
      console.log(`[ext-tests] FAIL ${t.fullTitle()}: ${err && err.message}`);
    });
    runner.on('pending', (t) => {
      results.push({ title: t.fullTitle(), state: 'skipped' });
      console.log(`[ext-tests] skip ${t.fullTitle()}`);
    });
  });
}

module.exports = { run };
