#!/usr/bin/env bash
# One-shot comparison of cspkit with the JavaScript CSP parsers people use:
# content-security-policy-parser (helmet's) and Google's csp_evaluator.
# Installs both with npm into a scratch directory, runs our Go benchmarks
# and the same parsing work in Node over the same header files
# (internal/testdata/headers and the real sites' headers in
# internal/testdata/realsites), in alternating rounds so that both see the
# same machine load, and prints per-operation ratios (fastest round of
# each). Parse ratios use process CPU time per operation (garbage
# collectors and JIT threads included), which other programs on a shared
# machine disturb much less than wall time. Needs Go, Node and npm.
#
#   bash bench/run.sh            # ROUNDS=6 by default
#   ROUNDS=10 bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$HOME/go/bin:$PATH"
ROUNDS=${ROUNDS:-6}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cspkit-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

echo "== installing the JavaScript peers into $scratch"
cp bench/package.json "$scratch/"
(cd "$scratch" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

echo "== machine and versions"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
go version
echo "node $(node --version)"
for p in content-security-policy-parser csp_evaluator; do
  echo "$p $(node -p "require('$scratch/node_modules/$p/package.json').version")"
done

echo "== building benchmark binaries"
go test -c -o "$scratch/csp.test" ./csp
go test -c -o "$scratch/match.test" ./match

echo "== $ROUNDS rounds (Go, then Node, alternating)"
for round in $(seq "$ROUNDS"); do
  (cd csp && "$scratch/csp.test" -test.run '^$' -test.bench 'ParseCorpus|ParseLazyCorpus|ParseLazyOnly|SplitCorpus|ParseScale' \
    -test.benchmem -test.benchtime=100ms) >> "$scratch/go-csp.txt"
  (cd match && "$scratch/match.test" -test.run '^$' -test.bench . -test.benchmem -test.benchtime=100ms) >> "$scratch/go-match.txt"
  NODE_PATH="$scratch/node_modules" node bench/peers.js internal/testdata/headers,internal/testdata/realsites 1 >> "$scratch/node.txt"
  echo "round $round done"
done

echo
node bench/report.js "$scratch/go-csp.txt" "$scratch/go-match.txt" "$scratch/node.txt"

if command -v benchstat >/dev/null; then
  echo
  echo "== benchstat: scale and decide benchmarks, all rounds (median and spread)"
  grep -hE '^(goos|goarch|pkg|cpu):|^BenchmarkParseScale' "$scratch/go-csp.txt" | awk '!/^(goos|goarch|pkg|cpu):/ || !seen[$0]++' > "$scratch/scale.txt"
  benchstat "$scratch/scale.txt" "$scratch/go-match.txt" | sed -n '/sec\/op/,/^$/p;/allocs\/op/,/^$/p'
fi
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp "$scratch"/*.txt "$KEEP/"; fi
