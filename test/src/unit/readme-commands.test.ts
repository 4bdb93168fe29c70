import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../server/out/cli';

const ROOT = path.resolve(__dirname, '../../..');

describe('README: the two commands and the CLI options', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = /## Two commands\n([\s\S]*?)\n## /.exec(readme)![1];
  const commands = [...section.matchAll(/```sh\n([^\n]+)\n```/g)].map((m) => m[1]);

  it('shows exactly the set-up + samples command and the test command', () => {
    assert.deepEqual(commands, ['npm install && npm run samples', 'npm install && npm test']);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.ok(pkg.scripts.samples && pkg.scripts.test && pkg.scripts.prepare, 'npm install builds (prepare), samples and test exist');
  });

  it('.ci/run runs exactly the README\'s test command', () => {
    const ci = fs.readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
    const run = ci.split('\n').filter((l) => l.trim() && !l.startsWith('#') && !/^(set|cd) /.test(l));
    assert.deepEqual(run, [commands[1]]);
    assert.ok(fs.statSync(path.join(ROOT, '.ci/run')).mode & 0o111, '.ci/run is executable');
  });

  it('documents every option of the CLI usage', () => {
    let usage = '';
    main(['--help'], { out: (s) => (usage += s), err: () => undefined, cwd: ROOT });
    const options = [...new Set([...usage.matchAll(/^ {2}(?:-[a-z], )?(--[a-z-]+)/gm)].map((m) => m[1]))];
    assert.ok(options.length >= 10, options.join());
    const cli = /## The CLI\n([\s\S]*?)\n## /.exec(readme)![1];
    for (const o of options) assert.ok(cli.includes(`\`${o}`), `README "The CLI" documents ${o}`);
  });
});
