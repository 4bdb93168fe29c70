/** Unified diff of two texts (line-based, LCS; 3 lines of context), like `diff -u`. */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  if (oldText === newText) return '';
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // Trim the common prefix and suffix, LCS on the middle.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const ops: Array<{ t: ' ' | '-' | '+'; s: string }> = a.slice(0, pre).map((s) => ({ t: ' ' as const, s }));
  const n = am.length;
  const m = bm.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = am[i] === bm[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) { ops.push({ t: ' ', s: am[i] }); i++; j++; }
    else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) { ops.push({ t: '-', s: am[i] }); i++; }
    else { ops.push({ t: '+', s: bm[j] }); j++; }
  }
  for (const s of a.slice(a.length - suf)) ops.push({ t: ' ', s });
  // Hunks.
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k].t === ' ') k++;
    if (k >= ops.length) break;
    let start = Math.max(0, k - context);
    let end = k;
    // Extend while changes are within 2*context of each other.
    for (;;) {
      while (end < ops.length && ops[end].t !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next].t === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) { end = next; continue; }
      end = Math.min(ops.length, end + context);
      break;
    }
    let oldStart = 1;
    let newStart = 1;
    for (let x = 0; x < start; x++) { if (ops[x].t !== '+') oldStart++; if (ops[x].t !== '-') newStart++; }
    const hunk = ops.slice(start, end);
    const oldLen = hunk.filter((o) => o.t !== '+').length;
    const newLen = hunk.filter((o) => o.t !== '-').length;
    out.push(`@@ -${oldLen ? oldStart : oldStart - 1},${oldLen} +${newLen ? newStart : newStart - 1},${newLen} @@`);
    for (const o of hunk) out.push(o.t + o.s);
    k = end;
    start = end;
  }
  return out.join('\n') + '\n';
}

function splitLines(t: string): string[] {
  const l = t.split(/\r?\n/);
  if (l.length && l[l.length - 1] === '') l.pop();
  return l;
}
