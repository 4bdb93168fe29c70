import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

let docsRoot: string | null | undefined;

/** The folder holding docs/rules/<id>.md, found upward from the running code (sources, build output or bundle). */
export function rulesDocsDir(): string | undefined {
  if (docsRoot !== undefined) return docsRoot ?? undefined;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(candidate)) return (docsRoot = candidate);
    dir = path.dirname(dir);
  }
  docsRoot = null;
  return undefined;
}

/** The rule's documentation page as a file URI (works offline, opens in the editor). */
export function ruleDocUri(ruleId: string): string | undefined {
  const dir = rulesDocsDir();
  return dir ? pathToFileURL(path.join(dir, `${ruleId}.md`)).toString() : undefined;
}

export interface RuleDocSummary {
  /** First paragraph of the page's "## Why" section. */
  why?: string;
  /** First paragraph of the page's "## Recommendation" section. */
  recommendation?: string;
}

const summaries = new Map<string, RuleDocSummary | undefined>();

/**
 * The why and how of a rule as its documentation page states them (first paragraph of "## Why" and of
 * "## Recommendation"), for hovers. Relative links to sibling pages become file URIs so they work in a hover.
 * Undefined when the page cannot be read.
 */
export function ruleDocSummary(ruleId: string): RuleDocSummary | undefined {
  if (summaries.has(ruleId)) return summaries.get(ruleId);
  const dir = rulesDocsDir();
  let summary: RuleDocSummary | undefined;
  if (dir) {
    try {
      const text = fs.readFileSync(path.join(dir, `${ruleId}.md`), 'utf8');
      const absolute = (s: string | undefined) =>
        s?.replace(/\]\(([a-z0-9-]+\.md)(#[^)]*)?\)/gi, (_, file: string, hash = '') => `](${pathToFileURL(path.join(dir, file)).toString()}${hash})`);
      summary = { why: absolute(firstParagraph(text, 'Why')), recommendation: absolute(firstParagraph(text, 'Recommendation')) };
    } catch {
      summary = undefined;
    }
  }
  summaries.set(ruleId, summary);
  return summary;
}

function firstParagraph(markdown: string, heading: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === `## ${heading}`);
  if (start < 0) return undefined;
  const para: string[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (/^#{1,6} /.test(l)) break;
    if (!l.trim()) {
      if (para.length) break;
      continue;
    }
    para.push(l.trim());
  }
  return para.length ? para.join(' ') : undefined;
}
