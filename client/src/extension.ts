import * as path from 'node:path';
import * as fs from 'node:fs';
import { commands, ExtensionContext, Uri, workspace } from 'vscode';
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
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
      { scheme: 'file', language: 'jsonc' },
      { scheme: 'file', language: 'arm-template' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'untitled', language: 'json' },
      { scheme: 'untitled', language: 'jsonc' },
      { scheme: 'untitled', language: 'arm-template' },
    ],
    synchronize: {
      configurationSection: 'aksGuardrails',
      // Config files: the server re-analyses open documents when one changes on disk.
      fileEvents: workspace.createFileSystemWatcher('**/.aks-guardrails.{json,jsonc}'),
    },
  };
  // Code actions "Show documentation for <rule>" / "Edit <rule> in .aks-guardrails.jsonc" open a URI.
  context.subscriptions.push(commands.registerCommand('aksGuardrails.showDocumentation', (uri: string) => commands.executeCommand('vscode.open', Uri.parse(uri))));
  client = new LanguageClient('aksGuardrails', 'AKS Guardrails', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
