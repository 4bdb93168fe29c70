#!/usr/bin/env node
// UI smoke test of the packaged extension in a real VS Code (code-server
// 4.100.3 = VS Code 1.100.3), driven like a user with playwright-core and
// Debian's headless chromium:
//   fresh profile -> `--install-extension aks-guardrails-<version>.vsix` ->
//   open pod.yaml from the Explorer -> squiggle -> hover -> the rule link opens the
//   packaged docs page -> Problems (Ctrl+Shift+M) lists
//   k8s-no-privileged -> cursor on the value, Ctrl+. -> "Fix: ..." -> Enter ->
//   Ctrl+S -> the file on disk says `privileged: false`.
// The workspace is a temp copy of test/e2e/workspace; screenshots of each step
// go to test/e2e/screenshots/ (ignored by git).
//
// Usage: node test/e2e/ui-smoke.mjs [path/to/extension.vsix]
//   default .vsix: aks-guardrails-<version>.vsix in the project root (`npm run package`)
// env: PORT (8123), CS, UI_RULE / UI_FIX_TEXT (to run it on another extension), CHROMIUM, SHOT_DIR, E2E_TIMEOUT_MS (default 180000), KEEP_WORK=1, RESULT_FILE
// Exit: 0 pass, 1 fail or set-up error.
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, SetupError, codeServerBin, codeServerEnv, installVsix, launchBrowser, loadPlaywright, makeLogger,
  prepareWork, startCodeServer, tail, withCleanup,
} from './lib/harness.mjs';

const log = makeLogger('ui-smoke');
const PORT = Number(process.env.PORT || 8123);
const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const VSIX = path.resolve(process.argv[2] || process.env.VSIX || path.join(ROOT, `aks-guardrails-${version}.vsix`));
const SHOT_DIR = path.resolve(process.env.SHOT_DIR || path.join(ROOT, 'test/e2e/screenshots'));
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 180_000);
const FILE_NAME = 'pod.yaml'; // not compose.yaml: VS Code gives compose*.yaml the language id dockercompose
const RULE = process.env.UI_RULE || 'k8s-no-privileged'; // overridable to prove the harness on another extension
const FIX_TEXT = process.env.UI_FIX_TEXT || 'Fix: ';

const cleanup = withCleanup();
let ok = false;
let setupFailed = false;
let work;
let page;
const shot = async (name) => {
  const file = path.join(SHOT_DIR, name);
  await page.screenshot({ path: file });
  log(`screenshot ${path.relative(ROOT, file)}`);
};

async function scenario(w) {
  const url = `${new URL(`http://127.0.0.1:${PORT}`).origin}/?folder=${encodeURIComponent(w.ws)}`;
  log('goto', url);
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  log('workbench ready, explorer shows the workspace');

  // 1. Open the manifest from the Explorer, as a user does: click its row (a single click opens it).
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${FILE_NAME}"], ` +
    `.explorer-folders-view .monaco-list-row:has(.label-name:text-is("${FILE_NAME}"))`).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
  await page.waitForSelector('.monaco-editor .view-line:has-text("privileged: true")', { timeout: 15_000 });
  log(`${FILE_NAME} opened from the Explorer`);
  await shot('0-opened-from-explorer.png');

  // 2. The squiggle and its hover (activation, server start, first diagnostics).
  const squiggle = page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').first();
  await squiggle.waitFor({ state: 'attached', timeout: 60_000 });
  log('squiggle present; status bar problems:', JSON.stringify(await page.locator('#status\\.problems').innerText().catch(() => '?')));
  // Hover the `true` token itself (the first squiggle may belong to another finding).
  await page.locator('.monaco-editor .view-line', { hasText: 'privileged: true' }).locator('span', { hasText: /^true$/ }).last()
    .hover({ timeout: 5_000 }).catch(() => squiggle.hover({ force: true, timeout: 5_000 }).catch(() => {}));
  const ruleLink = page.locator('.monaco-hover a', { hasText: RULE }).first();
  await ruleLink.waitFor({ state: 'visible', timeout: 15_000 });
  log(`hover names ${RULE}, its code links to ${await ruleLink.getAttribute('href')}`);
  await shot('1-squiggle-hover.png');

  // 3. The rule id in the hover links to the rule's page, packaged in the .vsix.
  await ruleLink.click();
  const docTab = page.locator(`.tabs-container .tab:has-text("${RULE}.md")`);
  await docTab.waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForSelector(`.monaco-editor .view-line:has-text("# ${RULE}")`, { timeout: 15_000 });
  log(`docs page ${RULE}.md opened from the hover link`);
  await shot('2-docs-page.png');
  await page.keyboard.press('Control+W');
  await docTab.waitFor({ state: 'detached', timeout: 15_000 });

  // 4. The Problems panel lists the finding.
  await page.keyboard.press('Control+Shift+M');
  const problemRow = page.locator(`.markers-panel .monaco-list-row:has-text("${RULE}")`).first();
  await problemRow.waitFor({ state: 'visible', timeout: 15_000 });
  log(`Problems panel: ${JSON.stringify((await problemRow.innerText()).replace(/\s+/g, ' '))}`);
  await shot('3-problems.png');

  // 5. Cursor into the `true` value (click the line, End, two steps left), then Ctrl+.
  await page.locator('.monaco-editor .view-line:has-text("privileged: true")').click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  // Ctrl+. until the menu lists the fix. Under load, the workbench answered "No code actions available" to the
  // first Ctrl+. in 2 of about 6 runs while the status bar said "Activating Extensions..."; a user presses Ctrl+.
  // again, so does the test (at most 3 times, each retry logged with a screenshot; the code-action request itself
  // is covered by the extension-host suite).
  const fixRow = page.locator(`.action-widget .monaco-list-row:has-text("${FIX_TEXT}")`).first();
  // First wait until "Activating Extensions..." (after the docs page opened: presumably the built-in Markdown
  // extension) has left the status bar, as a user would see it.
  const activating = page.locator('.part.statusbar').getByText('Activating Extensions');
  if (await activating.count()) {
    log('status bar: "Activating Extensions..."; waiting for it to end');
    await activating.first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => log('still activating after 30 s'));
  }
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    const shown = await Promise.race([
      fixRow.waitFor({ state: 'visible', timeout: 15_000 }).then(() => 'menu'),
      page.locator('.monaco-editor-overlaymessage:has-text("No code actions available")').waitFor({ state: 'visible', timeout: 15_000 }).then(() => 'none'),
    ]).catch(() => 'timeout');
    if (shown === 'menu') break;
    if (attempt >= 3) throw new Error(`Ctrl+. showed no "${FIX_TEXT}" entry after ${attempt} attempts (last: ${shown})`);
    log(`Ctrl+. attempt ${attempt}: ${shown === 'none' ? '"No code actions available"' : 'no menu within 15 s'}; retrying`);
    await shot(`4-quick-fix-attempt-${attempt}.png`);
    await page.keyboard.press('Escape');
  }
  const rows = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
  log('quick fix menu:', JSON.stringify(rows.map((r) => r.replace(/\s+/g, ' ').trim())));
  // Move the focus onto the "Fix: ..." row (the preferred fix is normally first).
  for (let i = 0; i < 10; i++) {
    const focused = await page.locator('.action-widget .monaco-list-row.focused').innerText().catch(() => '');
    if (focused.includes(FIX_TEXT)) break;
    await page.keyboard.press('ArrowDown');
  }
  await shot('4-quick-fix-menu.png');
  // Enter, not a click: a mouse click is intercepted by .context-view-pointerBlock in headless chromium.
  await page.keyboard.press('Enter');
  await page.waitForSelector('.monaco-editor .view-line:has-text("privileged: false")', { timeout: 15_000 });
  log('editor text changed to privileged: false');

  // 6. Save and check the file on disk.
  await page.keyboard.press('Control+S');
  const file = path.join(w.ws, FILE_NAME);
  const deadline = Date.now() + 15_000;
  let disk = '';
  while (Date.now() < deadline) {
    disk = fs.readFileSync(file, 'utf8');
    if (disk.includes('privileged: false')) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (!disk.includes('privileged: false') || disk.includes('privileged: true')) throw new Error(`file on disk not fixed:\n${disk}`);
  log('file on disk fixed');
  await page.locator(`.markers-panel .monaco-list-row:has-text("${RULE}")`).first()
    .waitFor({ state: 'detached', timeout: 15_000 });
  log(`Problems panel no longer lists ${RULE}`);
  await shot('5-after-fix.png');
}

try {
  if (!fs.existsSync(VSIX)) throw new SetupError(`no .vsix at ${VSIX}; run \`npm run package\` first or pass its path`);
  const cs = codeServerBin();
  const chromium = await loadPlaywright();
  fs.mkdirSync(SHOT_DIR, { recursive: true });
  for (const f of fs.readdirSync(SHOT_DIR)) if (f.endsWith('.png')) fs.rmSync(path.join(SHOT_DIR, f));
  const w = prepareWork('aksg-ui-', path.join(ROOT, 'test/e2e/workspace'));
  work = w.work;
  log(`work dir ${w.work}`);
  log(installVsix(cs, w, VSIX));
  const server = await startCodeServer(cs, w, PORT, codeServerEnv(w));
  cleanup.add(server.stop);
  log(`code-server up at ${server.url}`);
  const b = await launchBrowser(chromium);
  cleanup.add(b.close);
  page = b.page;
  page.on('pageerror', (e) => log('pageerror:', e.message));
  let timer;
  try {
    await Promise.race([
      scenario(w),
      new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS); }),
    ]);
    ok = true;
  } catch (e) {
    log(`FAIL: ${e.message.split('\n').slice(0, 6).join('\n')}`);
    await shot('failure.png').catch(() => {});
    console.error(`code-server log tail (${server.logFile}):\n${tail(server.logFile, 15)}`);
  } finally {
    clearTimeout(timer);
  }
} catch (e) {
  setupFailed = true;
  console.error(`ERROR: ${e instanceof SetupError ? '' : 'UI smoke test could not run: '}${e.message}`);
} finally {
  await cleanup.run();
}
if (process.env.RESULT_FILE) {
  fs.writeFileSync(process.env.RESULT_FILE, JSON.stringify({ passes: ok ? 1 : 0, failures: ok ? 0 : 1, setupFailed }) + '\n');
}
if (work && ok && !process.env.KEEP_WORK) fs.rmSync(work, { recursive: true, force: true });
else if (work) console.error(`kept ${work} for inspection`);
console.log(`[ui-smoke] ${ok ? '1 passed, 0 failed' : '0 passed, 1 failed'}`);
process.exit(ok ? 0 : 1);
