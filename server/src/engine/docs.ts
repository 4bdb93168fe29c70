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
