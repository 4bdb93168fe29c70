// Preloaded by scripts/bench.mjs (node -r) into the CLI it times: reports the process's own CPU time at exit.
process.on('exit', () => {
  const u = process.cpuUsage();
  require('node:fs').writeSync(2, `\nAKSG_BENCH_CPU_MS=${Math.round((u.user + u.system) / 1000)}\n`);
});
