import * as path from 'node:path';
import * as fs from 'node:fs';
import { CancellationTokenSource, commands, ExtensionContext, ProgressLocation, Range, Selection, StatusBarAlignment, TextEditorRevealType, Uri, window, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The server module: the bundle inside a packaged extension, the compiled sources in development. */
function serverModule(context: ExtensionContext): string {
  const bundled = context.asAbsolutePath(path.join('dist', 'server.js'));
  return fs.existsSync(bundled) ? bundled : context.asAbsolutePath(path.join('server', 'out', 'server.js'));
}

export async function activate(context: ExtensionContext): Promise<void> {
  const module = serverModule(context);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // One output channel for the server log and the protocol trace (aksGuardrails.trace.server, read by the client by id).
  const output = window.createOutputChannel('AKS Guardrails');
  const status = window.createStatusBarItem(StatusBarAlignment.Right, 100);
  status.command = 'aksGuardrails.scanWorkspace';
  const setStatus = (state: string, message?: string) => {
    status.text = state === 'analysing' ? '$(sync~spin) AKS Guardrails' : state === 'error' ? '$(error) AKS Guardrails' : '$(shield) AKS Guardrails';
    status.tooltip = state === 'error' ? `AKS Guardrails: error: ${message ?? ''} (see the output channel)` : `AKS Guardrails: ${state}. Click to scan the workspace.`;
    if (state === 'error') output.appendLine(`[error] ${message ?? ''}`);
  };
  setStatus('starting');
  status.show();
  context.subscriptions.push(output, status);
  const clientOptions: LanguageClientOptions = {
    outputChannel: output,
    traceOutputChannel: output,
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'file', language: 'arm-template' },
      // Terraform: HashiCorp's extension names the languages; without it `.tf` files are plain text, selected by pattern.
      { scheme: 'file', language: 'terraform' },
      { scheme: 'file', language: 'terraform-vars' },
      { scheme: 'file', pattern: '**/*.tf' },
      { scheme: 'file', pattern: '**/*.tfvars' },
      // Bicep: the Bicep extension names the languages; without it `.bicep` files are plain text, selected by pattern.
      { scheme: 'file', language: 'bicep' },
      { scheme: 'file', language: 'bicepparam' },
      { scheme: 'file', pattern: '**/*.bicep' },
      { scheme: 'file', pattern: '**/*.bicepparam' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
      { scheme: 'untitled', language: 'jsonc' },
      { scheme: 'untitled', language: 'arm-template' },
      { scheme: 'untitled', language: 'terraform' },
      { scheme: 'untitled', language: 'bicep' },
    ],
    // The server attaches aksGuardrails.selectPlaceholder to suppression actions: the cursor lands on the placeholder reason.
    initializationOptions: { selectPlaceholder: true },
    synchronize: {
      configurationSection: 'aksGuardrails',
      // Config files: the server re-analyses open documents when one changes on disk. Other inputs: the server
      // re-analyses the open documents whose last analysis read the file (a module, variables.tf, a Kustomize base).
      fileEvents: [
        workspace.createFileSystemWatcher('**/.aks-guardrails.{json,jsonc}'),
        workspace.createFileSystemWatcher('**/*.{json,jsonc,yaml,yml,bicep,bicepparam,tf,tfvars,hcl}'),
        workspace.createFileSystemWatcher('**/Kustomization'),
      ],
    },
  };
  // Code actions "Show documentation for <rule>" / "Edit <rule> in .aks-guardrails.jsonc" open a URI.
  context.subscriptions.push(commands.registerCommand('aksGuardrails.showDocumentation', (uri: string) => commands.executeCommand('vscode.open', Uri.parse(uri))));
  // Run after a "Disable <rule> for …" edit: select the placeholder reason ("TODO: reason") so typing replaces it.
  type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };
  context.subscriptions.push(commands.registerCommand('aksGuardrails.selectPlaceholder', (uri: string, r: LspRange) => {
    const editor = window.visibleTextEditors.find((e) => e.document.uri.toString() === Uri.parse(uri).toString());
    if (!editor || !r) return;
    const range = new Range(r.start.line, r.start.character, r.end.line, r.end.character);
    editor.selection = new Selection(range.start, range.end);
    editor.revealRange(range, TextEditorRevealType.InCenterIfOutsideViewport);
  }));
  client = new LanguageClient('aksGuardrails', 'AKS Guardrails', serverOptions, clientOptions);
  context.subscriptions.push(commands.registerCommand('aksGuardrails.scanWorkspace', () => scanWorkspace()));
  try {
    await client.start();
    setStatus('ready');
  } catch (e) {
    setStatus('error', (e as Error)?.message ?? String(e));
    throw e;
  }
  client.onNotification('aksGuardrails/status', (p: { state: string; message?: string }) => setStatus(p.state, p.message));
}

/** Command "AKS Guardrails: Scan Workspace": the server analyses every matching file; progress and cancellation here. */
async function scanWorkspace(): Promise<void> {
  const c = client;
  const folders = (workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  if (!c || !folders.length) {
    void window.showInformationMessage('AKS Guardrails: open a folder to scan.');
    return;
  }
  await window.withProgress({ location: ProgressLocation.Notification, title: 'AKS Guardrails: scanning the workspace', cancellable: true }, async (progress, token) => {
    let last = 0;
    const sub = c.onNotification('aksGuardrails/scanProgress', (p: { done: number; total: number }) => {
      const pct = (p.done / Math.max(1, p.total)) * 100;
      progress.report({ message: `${p.done}/${p.total} files`, increment: pct - last });
      last = pct;
    });
    const cts = new CancellationTokenSource();
    token.onCancellationRequested(() => cts.cancel());
    try {
      const r = await c.sendRequest<{ files: number; withFindings: number; findings: number; cancelled: boolean }>('aksGuardrails/scanWorkspace', { folders }, cts.token);
      void window.showInformationMessage(`AKS Guardrails: ${r.cancelled ? 'scan cancelled after' : 'scanned'} ${r.files} file(s); ${r.findings} finding(s) in ${r.withFindings} file(s) (Problems view).`);
    } catch (e) {
      if (!token.isCancellationRequested) void window.showErrorMessage(`AKS Guardrails: workspace scan failed: ${(e as Error)?.message ?? e}`);
    } finally {
      sub.dispose();
    }
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
