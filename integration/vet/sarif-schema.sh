#!/usr/bin/env bash
# Validates txvet's SARIF logs against the SARIF 2.1.0 JSON schema (the
# OASIS rtm.5 schema file shipped in @microsoft/jest-sarif) with ajv:
# findings with fixes and related locations, a clean run, and a run on
# code that does not type-check. The Go test TestSARIF checks what GitHub
# reads; this checks the whole log against the standard.
#
# Installs its pinned npm packages once into $TXVET_SARIF_TOOLS
# (default ~/.cache/txvet-sarif-schema). Takes about 15 s on a new machine.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tools=${TXVET_SARIF_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/txvet-sarif-schema}
schema=$tools/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json

if [ ! -f "$schema" ] || [ ! -d "$tools/node_modules/ajv-formats" ]; then
	mkdir -p "$tools"
	(cd "$tools" && npm install --no-audit --no-fund --silent -E \
		ajv@8.20.0 ajv-formats@3.0.1 @microsoft/jest-sarif@1.0.0-beta.0)
fi
echo "2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8  $schema" | sha256sum -c --quiet

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/txvet" ./cmd/txvet)
for fixture in bugs clean broken; do
	# Exit statuses 1 (findings) and 3 (broken code) are expected here.
	"$work/txvet" -C "$here/testdata/$fixture" -sarif "$work/$fixture.sarif" ./... 2>/dev/null || true
	test -s "$work/$fixture.sarif" || { echo "no SARIF log for $fixture"; exit 1; }
done

NODE_PATH=$tools/node_modules node - "$schema" "$work"/*.sarif <<'JS'
const fs = require("fs");
const Ajv = require("ajv");
const addFormats = require("ajv-formats");
const [schemaFile, ...logs] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
// The file is draft-04 style: "id", and a pattern that is not a valid
// unicode regular expression.
delete schema.$schema;
schema.$id = schema.id;
delete schema.id;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = false;
for (const file of logs) {
  const log = JSON.parse(fs.readFileSync(file, "utf8"));
  const results = log.runs.reduce((n, run) => n + run.results.length, 0);
  if (validate(log)) {
    console.log(`${file.split("/").pop()}: valid SARIF 2.1.0 (${results} results)`);
  } else {
    failed = true;
    console.log(`${file.split("/").pop()}: INVALID`);
    for (const e of validate.errors) console.log(`  ${e.instancePath} ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
JS
