import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

/**
 * A minimal LSP client over stdio for protocol tests: starts the real server process, speaks
 * JSON-RPC with Content-Length framing, answers the server's requests (workspace/configuration).
 */
export class LspClient {
  readonly proc: ChildProcess;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private listeners: Array<(method: string, params: any) => void> = [];
  readonly notifications: Array<{ method: string; params: any }> = [];
  /** Answer to workspace/configuration requests (per section item). */
  configuration: (item: { scopeUri?: string; section?: string }) => unknown = () => null;
  stderr = '';

  constructor(serverModule = path.resolve(__dirname, '../../../server/out/server.js')) {
    this.proc = spawn(process.execPath, [serverModule, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  private onData(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.slice(0, headerEnd).toString();
      const m = /Content-Length: (\d+)/i.exec(header);
      if (!m) throw new Error(`bad header ${header}`);
      const len = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + len) return;
      const body = this.buffer.slice(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
      this.buffer = this.buffer.slice(headerEnd + 4 + len);
      this.dispatch(JSON.parse(body));
    }
  }

  private dispatch(msg: any) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(msg.error.message));
      else p.resolve(msg.result);
    } else if (msg.id !== undefined) {
      // A request from the server.
      let result: unknown = null;
      if (msg.method === 'workspace/configuration') result = (msg.params.items as any[]).map((i) => this.configuration(i));
      this.write({ jsonrpc: '2.0', id: msg.id, result });
    } else {
      this.notifications.push({ method: msg.method, params: msg.params });
      for (const l of this.listeners) l(msg.method, msg.params);
    }
  }

  private write(msg: unknown) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin!.write(body);
  }

  request<T = any>(method: string, params: unknown, timeoutMs = 10000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const t = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { resolve: (v) => { clearTimeout(t); resolve(v as T); }, reject: (e) => { clearTimeout(t); reject(e); } });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first notification that satisfies `pred` (already received ones included when `since` is given). */
  waitFor(method: string, pred: (params: any) => boolean = () => true, timeoutMs = 10000, since = this.notifications.length): Promise<any> {
    for (const n of this.notifications.slice(since)) if (n.method === method && pred(n.params)) return Promise.resolve(n.params);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`no ${method} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const listener = (m: string, p: any) => {
        if (m === method && pred(p)) {
          clearTimeout(t);
          this.listeners = this.listeners.filter((l) => l !== listener);
          resolve(p);
        }
      };
      this.listeners.push(listener);
    });
  }

  /** Waits for the diagnostics of `uri` at `version` (or any version). */
  diagnostics(uri: string, version?: number, timeoutMs = 10000): Promise<any[]> {
    return this.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && (version === undefined || p.version === version), timeoutMs, 0).then((p) => p.diagnostics);
  }

  async initialize(capabilities: unknown = { workspace: { configuration: true }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } } } }, initializationOptions?: unknown) {
    const res = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions });
    this.notify('initialized', {});
    return res;
  }

  open(uri: string, languageId: string, text: string, version = 1) {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: unknown[]) {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async shutdown() {
    try {
      await this.request('shutdown', null, 3000);
      this.notify('exit', null);
    } catch {
      /* already gone */
    }
    this.proc.kill();
  }
}

/** Applies LSP TextEdits to a text (edits in any order, non-overlapping). */
export function applyLspEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const off = (p: { line: number; character: number }) => (lineStarts[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}
