import * as assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import {
  analyzeFile, applyTextEdits, child, defineRule, docOf, editsByFile, editsForFix, fileOf, fixAll, fixIsLocal, memoryFiles, parseFile,
  parseOther, RecordingFileSource, resolveCaseInsensitive, RuleModule, withOpenBuffers, DocumentModel, RuleContext,
} from '../../../server/out/engine';

/**
 * The shared project layer that cross-file inputs (Bicep modules, Terraform module directories, Kustomize bases) build
 * on: one FileSource, one parse per text of another file, findings placed in the analysed file, multi-file fixes.
 */
const dir = resolve('/project');
const MAIN = join(dir, 'main.json');
const OTHER = join(dir, 'other.json');

/**
 * A test rule that reads `other.json` through the project's files and reports its `value` node, with the lookup's
 * origin at main.json's `value`, and a fix that sets both.
 */
function crossFileRule(): RuleModule {
  return defineRule({
    id: 'test-cross-file', title: 'test', description: 'test', recommendation: 'test', caf: 'test', severity: 'warning',
    formats: ['arm'], fixable: true, messages: { m: 'cross-file' },
    check: {
      document(model: DocumentModel, ctx: RuleContext) {
        const other = ctx.project.files && parseOther(ctx.project.files, OTHER);
        const there = child(other?.documents[0]?.root, 'value');
        const here = child(model.doc.root, 'value');
        if (!there || !here) return;
        const intents = [
          { kind: 'set' as const, doc: other!.documents[0], node: there, value: 'fixed-there' },
          { kind: 'set' as const, doc: model.doc, node: here, value: 'fixed-here' },
        ];
        ctx.report({ messageId: 'm', node: there, lookup: { state: 'known', node: there, origin: here, value: 'x' }, fix: { title: 'both', intents } });
        // A finding wholly in the other file (no origin here) is left to that file's own analysis.
        ctx.report({ messageId: 'm', node: there });
      },
    },
  } as unknown as RuleModule);
}

const ARM = (value: string) => `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "resources": [],\n  "value": "${value}"\n}\n`;

describe('project layer: files, placement, multi-file fixes', () => {
  it('memoryFiles lists directories and reads files; open buffers win over the base', () => {
    const files = memoryFiles({ [MAIN]: 'a', [join(dir, 'sub', 'x.tf')]: 'b' });
    assert.equal(files.read(MAIN), 'a');
    assert.deepEqual(files.list(dir)?.sort((x, y) => x.name.localeCompare(y.name)), [{ name: 'main.json', dir: false }, { name: 'sub', dir: true }]);
    const open = withOpenBuffers((p) => (p === MAIN ? 'edited' : undefined), files);
    assert.equal(open.read(MAIN), 'edited');
    assert.equal(open.read(join(dir, 'sub', 'x.tf')), 'b');
  });

  it('RecordingFileSource knows what an analysis depended on (files read, missing files, listed folders)', () => {
    const rec = new RecordingFileSource(memoryFiles({ [MAIN]: 'a' }));
    rec.read(MAIN);
    rec.read(OTHER);
    rec.list(join(dir, 'sub'));
    assert.ok(rec.dependsOn(MAIN));
    assert.ok(rec.dependsOn(OTHER), 'a file that did not exist yet: its creation matters');
    assert.ok(rec.dependsOn(join(dir, 'sub', 'new.tf')), 'a new file in a listed folder matters');
    assert.ok(!rec.dependsOn(join(dir, 'unrelated.json')));
  });

  it('resolveCaseInsensitive finds a path spelled with another case', () => {
    const files = memoryFiles({ [join(dir, 'Modules', 'AKS.bicep')]: 'x' });
    assert.equal(resolveCaseInsensitive(files, join(dir, 'modules', 'aks.bicep')), join(dir, 'Modules', 'AKS.bicep'));
    assert.equal(resolveCaseInsensitive(files, join(dir, 'modules', 'acr.bicep')), undefined);
  });

  it('parseOther parses a text once and again when it changes; docOf/fileOf lead back to the file', () => {
    let text = ARM('a');
    const files = { read: (p: string) => (p === OTHER ? text : undefined), list: () => undefined };
    const first = parseOther(files, OTHER)!;
    assert.equal(parseOther(files, OTHER), first, 'same text: same parse');
    text = ARM('b');
    const second = parseOther(files, OTHER)!;
    assert.notEqual(second, first);
    const node = child(second.documents[0].root, 'value')!;
    assert.equal(docOf(node), second.documents[0]);
    assert.equal(fileOf(docOf(node)), second);
    assert.equal(parseOther(files, join(dir, 'missing.json')), undefined);
  });

  it('a finding on another file is placed at its origin in the analysed file, or left to that file', () => {
    const files = memoryFiles({ [MAIN]: ARM('here'), [OTHER]: ARM('there') });
    const main = parseFile(MAIN, ARM('here'));
    const a = analyzeFile(main, {}, { files }, [crossFileRule()]);
    const own = a.findings.filter((f) => f.ruleId === 'test-cross-file');
    assert.equal(own.length, 1, 'the finding without an origin here is not this file\'s');
    assert.equal(main.text.slice(own[0].start, own[0].end), '"here"');
  });

  it('a fix that edits two files: editsByFile gives both, editsForFix and fix-all keep to one file', () => {
    const files = memoryFiles({ [MAIN]: ARM('here'), [OTHER]: ARM('there') });
    const main = parseFile(MAIN, ARM('here'));
    const a = analyzeFile(main, {}, { files }, [crossFileRule()]);
    const fix = a.findings.find((f) => f.fix)!.fix!;
    assert.ok(!fixIsLocal(main, fix));
    const groups = editsByFile(main, fix);
    assert.deepEqual(groups.map((g) => g.file.path), [MAIN, OTHER]);
    assert.match(applyTextEdits(groups[1].file.text, groups[1].edits), /"value": "fixed-there"/);
    assert.match(applyTextEdits(main.text, editsForFix(main, fix)), /"value": "fixed-here"/);
    // A one-file fix-all never applies half of a multi-file fix.
    const res = fixAll(main.text, () => ({ file: main, fixes: [fix] }));
    assert.equal(res.text, main.text);
    assert.ok(res.converged);
  });

  it('without files, no other file is read', () => {
    const main = parseFile(MAIN, ARM('here'));
    const a = analyzeFile(main, {}, undefined, [crossFileRule()]);
    assert.equal(a.findings.filter((f) => f.ruleId === 'test-cross-file').length, 0);
  });
});
