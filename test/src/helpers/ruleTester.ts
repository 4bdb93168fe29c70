import { armToBicep } from './bicep';
import * as assert from 'node:assert/strict';
import { tfJsonToHcl } from './hcl';
import { analyzeText, parseFile, toValue, applyTextEdits, editsForFix, EngineOptions, Finding, fixAll as fixAllPasses, RULES, RULES_BY_ID } from '../../../server/out/engine';

/** A source file for a test case: the path decides the syntax (".yaml" / ".json" / ".tf.json"). */
export interface TestCase {
  name: string;
  path: string;
  code: string;
  options?: Partial<EngineOptions>;
}

export interface ExpectedFinding {
  messageId: string;
  /** 1-based, like editors show them. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The exact source text the finding covers. */
  text?: string;
  severity?: Finding['severity'];
  /** True when the finding must offer a fix, false when it must not. */
  fixable?: boolean;
}

export interface InvalidCase extends TestCase {
  errors: ExpectedFinding[];
  /** The text after applying every fix of this rule (ESLint `output`); omit when no fix applies. */
  output?: string;
}

/** ESLint's RuleTester for AKS Guardrails: valid cases report nothing, invalid ones exactly `errors`. */
export function ruleTester(ruleId: string, cases: { valid: TestCase[]; invalid: InvalidCase[] }) {
  const rule = RULES_BY_ID.get(ruleId);
  describe(`rule ${ruleId}`, () => {
    it('is registered', () => assert.ok(rule, `rule ${ruleId} is not registered`));
    describe('valid', () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          const found = findingsOf(ruleId, c.path, c.code, c.options);
          assert.deepEqual(found.map((f) => `${f.messageId}: ${f.message}`), [], `expected no ${ruleId} findings`);
          const problems = analyzeText(c.path, c.code, c.options).findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'rule-failed');
          assert.deepEqual(problems.map((p) => p.message), [], 'the test input must parse and no rule may fail');
        });
      }
    });
    describe('invalid', () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const res = analyzeText(c.path, c.code, c.options);
          const problems = res.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'rule-failed');
          assert.deepEqual(problems.map((p) => p.message), [], 'the test input must parse and no rule may fail');
          const found = res.findings.filter((f) => f.ruleId === ruleId);
          const actual = found.map((f) => describeFinding(res.file.lines, c.code, f, c.errors[found.indexOf(f)]));
          const expected = c.errors.map((e) => ({ ...e }));
          assert.deepEqual(actual, expected);
          if (c.output !== undefined) {
            const out = fixAll(ruleId, c.path, c.code, c.options);
            assert.equal(out, c.output);
            const after = analyzeText(c.path, out, c.options);
            assert.deepEqual(after.findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.message), [], 'the fixed text must parse');
            assert.deepEqual(after.findings.filter((f) => f.ruleId === ruleId && f.fix).map((f) => f.message), [], 'no fixable finding may remain');
          } else {
            assert.ok(found.every((f) => !f.fix) || c.errors.some((e) => e.fixable), 'a fix is offered: add `output` to the test case');
          }
        });
      }
    });
    // Terraform: every `.tf.json` case has an HCL twin (helpers/hcl.ts) with the same findings.
    const tfJson = [...cases.valid, ...cases.invalid].filter((c) => /\.tf\.json$/i.test(c.path));
    if (tfJson.length) {
      describe('HCL twins of the .tf.json cases: the same findings', () => {
        for (const c of tfJson) {
          it(c.name, () => assertHclTwin(ruleId, c));
        }
      });
    }
    // Bicep: every ARM case the test writer can express in Bicep has a Bicep twin (helpers/bicep.ts) with the same
    // findings (message ids, fixability), and its fixes, written in Bicep, leave a file that parses and no fixable finding.
    const armCases = [...cases.valid, ...cases.invalid].filter((c) => /\.json$/i.test(c.path) && !/\.tf\.json$/i.test(c.path) && bicepTwinOf(c) !== undefined);
    if (armCases.length) {
      describe('Bicep twins of the ARM cases: the same findings', () => {
        for (const c of armCases) {
          it(c.name, () => assertBicepTwin(ruleId, c));
        }
      });
    }
    // Kubernetes rules: "fix all" of every Kubernetes rule equals fixing one finding at a time, on every test input,
    // at the case's target version (the corpus and doc examples are also checked at 1.29 and 1.18: fix-all.test).
    if (ruleId.startsWith('k8s-')) {
      describe('fix all (every Kubernetes rule) equals one by one', () => {
        for (const c of [...cases.valid, ...cases.invalid]) {
          it(c.name, () => {
            assertFixAllEqualsOneByOne(c.path, c.code, c.options ?? {});
          });
        }
      });
    }
  });
}

const K8S_RULES = RULES.filter((r) => r.formats.includes('k8s')).map((r) => r.id);

/** The engine's multipass fix all over every Kubernetes rule gives the text that one-at-a-time fixing gives. */
export function assertFixAllEqualsOneByOne(path: string, code: string, options: Partial<EngineOptions>) {
  const fixable = (text: string) => {
    const res = analyzeText(path, text, options);
    return { res, fixes: res.findings.filter((f) => K8S_RULES.includes(f.ruleId) && f.fix) };
  };
  let one = code;
  for (let i = 0; ; i++) {
    assert.ok(i < 200, 'one-by-one fixes did not converge');
    const { res, fixes } = fixable(one);
    if (!fixes.length) break;
    one = applyTextEdits(one, editsForFix(res.file, fixes[0].fix!));
  }
  const all = fixAllPasses(code, (text) => { const { res, fixes } = fixable(text); return { file: res.file, fixes: fixes.map((f) => f.fix!) }; });
  const version = options.kubernetesVersion ?? 'default';
  assert.ok(all.converged, `fix all did not converge (Kubernetes ${version})`);
  assert.equal(all.text, one, `fix all differs from one by one (Kubernetes ${version})`);
}

export function findingsOf(ruleId: string, path: string, code: string, options?: Partial<EngineOptions>): Finding[] {
  return analyzeText(path, code, options).findings.filter((f) => f.ruleId === ruleId);
}

/** Applies the fixes of `ruleId` one at a time, re-analysing after each, until none is left. */
export function fixAll(ruleId: string, path: string, code: string, options?: Partial<EngineOptions>): string {
  let text = code;
  for (let i = 0; i < 50; i++) {
    const res = analyzeText(path, text, options);
    const f = res.findings.find((x) => x.ruleId === ruleId && x.fix);
    if (!f) return text;
    text = applyTextEdits(text, editsForFix(res.file, f.fix!));
  }
  throw new Error('fixes did not converge');
}

function describeFinding(lines: { position(o: number): { line: number; character: number } }, code: string, f: Finding, want: ExpectedFinding | undefined): ExpectedFinding {
  const s = lines.position(f.start);
  const e = lines.position(f.end);
  const out: ExpectedFinding = { messageId: f.messageId, line: s.line + 1, column: s.character + 1 };
  // Only compare what the expectation states (besides messageId, line and column).
  if (want?.endLine !== undefined) out.endLine = e.line + 1;
  if (want?.endColumn !== undefined) out.endColumn = e.character + 1;
  if (want?.text !== undefined) out.text = code.slice(f.start, f.end);
  if (want?.severity !== undefined) out.severity = f.severity;
  if (want?.fixable !== undefined) out.fixable = !!f.fix;
  return out;
}

/** Builds text from lines, for readable fixtures. */
export const lines = (...l: string[]) => l.join('\n') + '\n';

/**
 * The Bicep twin of an ARM case, when the test writer can express it: a template of resources (not a nested
 * deployment, not languageVersion 2.0 symbolic resources, no expression the writer leaves in ARM syntax).
 */
export function bicepTwinOf(c: TestCase): string | undefined {
  let t: Record<string, unknown>;
  try {
    t = JSON.parse(c.code);
  } catch {
    return undefined;
  }
  if (!t || typeof t !== 'object' || !Array.isArray(t.resources) || !/deploymentTemplate/i.test(String(t.$schema ?? ''))) return undefined;
  const text = JSON.stringify(t);
  if (/Microsoft\.Resources\/deployments|"copy"|"condition"|languageVersion/i.test(text)) return undefined;
  // Expressions other than parameters()/variables()/resourceId()/the resource group's location stay ARM: not Bicep.
  const exprs = text.match(/"\[[^"]*\]"/g) ?? [];
  if (exprs.some((e) => !/^"\[(parameters|variables)\('[^']+'\)(\.\w+)*\]"$|^"\[resourceId\(|^"\[resourceGroup\(\)\.location\]"$/.test(e))) return undefined;
  try {
    return armToBicep(t as never);
  } catch {
    return undefined;
  }
}

/** The Bicep twin of an ARM case reports what the ARM case reports (message ids, fixability); its fixes hold. */
export function assertBicepTwin(ruleId: string, c: TestCase) {
  const bicepPath = c.path.replace(/\.json$/i, '.bicep');
  const bicep = bicepTwinOf(c)!;
  const res = analyzeText(bicepPath, bicep, c.options);
  assert.deepEqual(res.file.documents[0].recovered ?? [], [], `the Bicep twin must parse:\n${bicep}`);
  const fromJson = analyzeText(c.path, c.code, c.options).findings.filter((f) => f.ruleId === ruleId);
  const fromBicep = res.findings.filter((f) => f.ruleId === ruleId);
  const summary = (fs: Finding[]) => fs.map((f) => `${f.messageId}${f.fix ? ' (fix)' : ''}`).sort();
  assert.deepEqual(summary(fromBicep), summary(fromJson), `Bicep twin:\n${bicep}`);
  if (!fromBicep.some((f) => f.fix)) return;
  const out = fixAll(ruleId, bicepPath, bicep, c.options);
  const after = analyzeText(bicepPath, out, c.options);
  assert.deepEqual(after.file.documents[0].recovered ?? [], [], `the fixed Bicep must parse:\n${out}`);
  assert.deepEqual(after.findings.filter((f) => f.ruleId === ruleId && f.fix).map((f) => f.message), [], `no fixable finding may remain:\n${out}`);
}

/** The HCL twin of a `.tf.json` case reports what the JSON case reports (message ids, fixability). */
export function assertHclTwin(ruleId: string, c: TestCase) {
  const hclPath = c.path.replace(/\.tf\.json$/i, '.tf');
  const hcl = tfJsonToHcl(JSON.parse(c.code) as Record<string, unknown>);
  const res = analyzeText(hclPath, hcl, c.options);
  const problems = res.findings.filter((f) => f.ruleId === 'parse-error' || f.ruleId === 'rule-failed');
  assert.deepEqual(problems.map((p) => p.message), [], `the HCL twin must parse and no rule may fail:\n${hcl}`);
  const fromJson = analyzeText(c.path, c.code, c.options).findings.filter((f) => f.ruleId === ruleId);
  const fromHcl = res.findings.filter((f) => f.ruleId === ruleId);
  const summary = (fs: Finding[]) => fs.map((f) => `${f.messageId}: ${f.message}${f.fix ? ' (fix)' : ''}`).sort();
  assert.deepEqual(summary(fromHcl), summary(fromJson), `HCL twin:\n${hcl}`);
  // The fixes: the HCL result parses, holds the values the fixed JSON holds, and leaves no fixable finding.
  if (!fromJson.some((f) => f.fix)) return;
  const jsonOut = fixAll(ruleId, c.path, c.code, c.options);
  const hclOut = fixAll(ruleId, hclPath, hcl, c.options);
  const after = analyzeText(hclPath, hclOut, c.options);
  assert.deepEqual(after.findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.message), [], `the fixed HCL must parse:\n${hclOut}`);
  assert.deepEqual(after.findings.filter((f) => f.ruleId === ruleId && f.fix).map((f) => f.message), [], `no fixable finding may remain:\n${hclOut}`);
  const expected = parseFile(hclPath, tfJsonToHcl(JSON.parse(jsonOut) as Record<string, unknown>)).documents[0].root;
  assert.deepEqual(toValue(after.file.documents[0].root), toValue(expected), `fixed HCL:\n${hclOut}`);
}
