// Lint Cypher with Neo4j's own parser and semantic analysis (@neo4j-cypher/language-support).
//
//   node lint.mjs MODULES_DIR < cases.json > diagnostics.json
//
// MODULES_DIR is where `npm install` put the package (tests/test_cypher_lint.py installs it in
// a cache outside the repository). stdin is a JSON array of {id, query, parameters}; stdout is
// a JSON array of {id, diagnostics: [{severity, message, line, column}]}, severity 1 = error,
// 2 = warning (LSP). Each query is checked against:
//   - its declared parameters only: a $param not among them is an error;
//   - the functions and procedures of a Neo4j 5 server without plugins (the package's own
//     snapshot of one, less APOC and GDS), so FalkorDB-only ones (vecf32, db.idx.*, algo.*)
//     are errors;
//   - Cypher 5, the language of the Neo4j 5 server in docker-compose.yml.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const modulesDir = process.argv[2];
if (!modulesDir) {
  console.error("usage: node lint.mjs MODULES_DIR < cases.json");
  process.exit(2);
}
// The package's ESM build does not load under plain Node; its CommonJS build does.
const require = createRequire(join(modulesDir, "package.json"));
const { lintCypherQuery, testData } = require("@neo4j-cypher/language-support");

const LANGUAGE = "CYPHER 5";
const plugin = (name) => name.startsWith("apoc.") || name.startsWith("gds.");
const core = (registry) =>
  Object.fromEntries(Object.entries(registry[LANGUAGE] ?? {}).filter(([name]) => !plugin(name)));
const functions = { [LANGUAGE]: core(testData.mockSchema.functions) };
const procedures = { [LANGUAGE]: core(testData.mockSchema.procedures) };

const cases = JSON.parse(readFileSync(0, "utf8"));
const results = cases.map(({ id, query, parameters }) => {
  const schema = { functions, procedures, parameters: parameters ?? {}, defaultLanguage: LANGUAGE };
  const diagnostics = lintCypherQuery(query, schema).map((d) => ({
    severity: d.severity,
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
  return { id, diagnostics };
});
process.stdout.write(JSON.stringify(results));
