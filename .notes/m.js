// run only given test files
const Mocha = require('mocha'); const m = new Mocha({reporter:'dot', timeout: 20000});
for (const f of process.argv.slice(2)) m.addFile(f);
m.run(n => process.exit(n ? 1 : 0));
