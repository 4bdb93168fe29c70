import * as assert from 'node:assert/strict';
import { LspClient } from './lspClient';

/** The extension activates on every YAML and JSON file: files of other tools must get no diagnostic at all. */
const OTHER_FILES: Array<[string, string, string]> = [
  ['package.json', 'json', JSON.stringify({ name: 'x', version: '1.0.0', scripts: { build: 'tsc' }, dependencies: { yaml: '^2' } }, null, 2)],
  ['package-broken.json', 'json', '{\n  "name": "x",\n  "scripts": { "build": \n'],
  ['tsconfig.json', 'jsonc', '{\n  // comment\n  "compilerOptions": { "strict": true, "outDir": "out", },\n  "include": ["src"]\n}\n'],
  ['.github/workflows/ci.yml', 'yaml', 'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container:\n      image: node:20\n      options: --privileged\n    steps:\n      - uses: actions/checkout@v4\n'],
  ['docker-compose.yml', 'yaml', 'services:\n  web:\n    image: nginx:latest\n    privileged: true\n    network_mode: host\n'],
  ['chart/values.yaml', 'yaml', 'image:\n  repository: nginx\n  tag: ""\nsecurityContext:\n  privileged: true\n  allowPrivilegeEscalation: true\nhostNetwork: true\n'],
  ['chart/templates/deployment.yaml', 'yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x.fullname" . }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: {{ .Chart.Name }}\n          securityContext:\n            {{- toYaml .Values.securityContext | nindent 12 }}\n'],
  ['.vscode/settings.json', 'jsonc', '{ "editor.formatOnSave": true, }\n'],
];

describe('language server: files of other tools get no diagnostics', function () {
  this.timeout(30000);
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(() => client.shutdown());

  for (const [name, language, text] of OTHER_FILES) {
    it(`${name} (${language})`, async () => {
      const uri = `file:///tmp/aksg-other/${name}`;
      client.open(uri, language, text);
      assert.deepEqual(await client.diagnostics(uri, 1), []);
      const hover = await client.request<any>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 4 } });
      assert.equal(hover, null);
    });
  }
});
