#!/usr/bin/env bash
# The engine in the browser, measured on this machine (docs/BROWSER.md, README "In the browser"):
# the compiled engine's size, Step 5 for 1000 steps by the WebAssembly and the JavaScript builds in
# Chromium beside the JVM in the same run, and each widget's first answer after a cold page load.
# Usage: tools/bench-browser.sh     (the data set: $MICROGPT_DATA, else ../shared/data/names.txt)
#        tools/bench-browser.sh --compare BEFORE AFTER
#          each widget's first answer on two exports (./microgpt export-site DIR, say from two
#          commits), side by side in one run: three rounds of cold loads, alternating.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${MICROGPT_DATA:-$root/../shared/data/names.txt}"
work="$(mktemp -d /tmp/bench-browser.XXXXXX)"
js_build="$root/web/target/classes/guide/engine/microgpt.js"

cleanup() {
  rm -rf "$work"
  # The JavaScript build exists for this comparison only: the next jar ./microgpt builds from
  # web/target/classes must not carry it.
  rm -f "$js_build"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cd "$root"
echo "bench-browser: building the engine for the browser (WebAssembly, and JavaScript with -Pjs), the guide and the benchmark..." >&2
# One reactor run. dependency:build-classpath writes every module's class path to the same file,
# e2e's last, since e2e comes last in the reactor.
if ! ./mvnw -B -Pjs -pl e2e -am test-compile dependency:build-classpath \
       -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >"$work/build.log" 2>&1; then
  tail -40 "$work/build.log" >&2
  exit 1
fi
classpath="$root/e2e/target/test-classes:$(cat "$work/classpath")"

if [ "${1:-}" = "--compare" ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 java -cp "$classpath" microgpt.bench.BrowserBench "$@"
  exit $?
fi

# What `./microgpt export-site` runs, from the class path just built: the launcher would build the
# jar in a second Maven run. The export carries engine/microgpt.js too, since the -Pjs build put it
# beside microgpt.wasm; the benchmark loads it from there.
echo "bench-browser: exporting the site (trains the six steps)..." >&2
java -cp "$classpath" microgpt.cli.Main export-site --data "$data" "$work/site" >&2

PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 java -cp "$classpath" microgpt.bench.BrowserBench "$work/site"
