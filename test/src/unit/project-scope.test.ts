import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFile, CROSS_FILE_RULES, DISK_FILES, DocumentModel, modelsOf, parseFile, ParsedFile, sharedWithProject } from '../../../server/out/engine';
import * as os from 'node:os';
import { collectFiles } from '../../../server/out/cli';
import { writeScanTree } from '../helpers/scanTree';

const ROOT = path.resolve(__dirname, '../../..');
const RULES_DIR = path.join(ROOT, 'server/src/engine/rules');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

/**
 * A CLI worker analyses its files against its own documents plus the documents other files' rules can look at
 * (projectScope.ts). These tests keep that set complete: every rule that reads ctx.project is listed, and over the
 * corpus both indexes give every file the same findings.
 */
describe('project scope of a CLI worker (projectScope.ts)', () => {
  it('CROSS_FILE_RULES lists exactly the rules that read ctx.project', () => {
    const reading = fs.readdirSync(RULES_DIR)
      .filter((f) => f.endsWith('.ts') && f !== 'types.ts' && f !== 'index.ts')
      .filter((f) => /\bctx\.project\b|\.project\b/.test(fs.readFileSync(path.join(RULES_DIR, f), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '').replace(/'[^'\n]*'|"[^"\n]*"/g, "''")))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    assert.deepEqual(reading, [...CROSS_FILE_RULES].sort(), 'a rule that reads ctx.project must be listed in projectScope.ts and what it reads covered by sharedWithProject');
  });

  for (const input of ['the corpus', 'a generated tree (registries, endpoints, ServiceAccounts, bindings in files of their own)']) {
    it(`over ${input}: every file has the same findings against (own + shared documents, document count) as against every document`, function () {
      this.timeout(120000);
      let dir = CORPUS;
      if (input === 'the corpus') {
        if (!fs.existsSync(CORPUS)) this.skip();
      } else {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aksg-scope-'));
        writeScanTree(dir, 12, 1);
      }
      try {
        const crossFile = sameFindings(dir);
        // The generated tree has findings that other files change (the check above is not vacuous there).
        if (dir !== CORPUS) assert.ok(crossFile > 10, `${crossFile} files whose findings depend on other files`);
      } finally {
        if (dir !== CORPUS) fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

function sameFindings(dir: string) {
  const files: ParsedFile[] = collectFiles([dir], ROOT).files.map((f) => parseFile(f, fs.readFileSync(f, 'utf8')));
  const modelsByFile = files.map((f) => modelsOf(f));
  const all: DocumentModel[] = modelsByFile.flat();
  let shared = 0;
  let crossFile = 0;
  const key = (fs: ReturnType<typeof analyzeFile>['findings']) => JSON.stringify(fs.map((f) => [f.ruleId, f.start, f.end, f.message, f.severity, !!f.fix]));
  files.forEach((file, i) => {
    const scoped = modelsByFile.flatMap((ms, j) => (j === i || ms.some(sharedWithProject) ? ms : []));
    if (modelsByFile[i].some(sharedWithProject)) shared++;
    const full = analyzeFile(file, {}, { models: all, files: DISK_FILES });
    const part = analyzeFile(file, {}, { models: scoped, files: DISK_FILES, documentCount: all.length });
    const alone = analyzeFile(file, {}, { models: modelsByFile[i], files: DISK_FILES });
    if (key(alone.findings) !== key(full.findings)) crossFile++;
    assert.equal(key(part.findings), key(full.findings), path.relative(dir, file.path));
  });
  assert.ok(shared > 0 && shared < files.length, `${shared} of ${files.length} files hold shared documents`);
  return crossFile;
}
