#!/usr/bin/env bash
# Re-record the browser verdicts into internal/testdata/<browser>/ on a fresh Debian machine.
#
#   bash internal/recorder/record.sh [chromium] [firefox] [webkit]     (default: all three)
#   RECORD_SETS="round4" bash internal/recorder/record.sh webkit      (some sets only; default:
#                                                                      main holdout round3 round4)
#
# Installs what is missing (the Debian browsers via apt-get, Node 20 + npm, the npm packages
# pinned by package-lock.json), then records one browser at a time. Needs root: the loopback
# server binds ports 80 and 443 and apt-get installs packages.
set -euo pipefail
cd "$(dirname "$0")"
browsers=("$@")
[ ${#browsers[@]} -gt 0 ] || browsers=(chromium firefox webkit)

pkgs=()
for b in "${browsers[@]}"; do
  case "$b" in
    chromium) command -v chromium >/dev/null || pkgs+=(chromium) ;;
    firefox) command -v firefox-esr >/dev/null || pkgs+=(firefox-esr) ;;
    webkit) command -v WebKitWebDriver >/dev/null || pkgs+=(webkit2gtk-driver xvfb) ;;
    *) echo "unknown browser: $b (chromium, firefox, webkit)" >&2; exit 2 ;;
  esac
done
command -v node >/dev/null || pkgs+=(nodejs npm)
command -v npm >/dev/null || pkgs+=(npm)
command -v openssl >/dev/null || pkgs+=(openssl)
if [ ${#pkgs[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${pkgs[@]}"
fi

# puppeteer-core never downloads a browser; the variable keeps any other package from trying.
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund

# Every case set, one browser at a time. The committed files are kept aside first, so that
# versions.js can print what changed (old version -> new version, the ids whose verdict changed)
# and keep the old version's records of those cases under testdata/<browser>/previous/.
sets=(${RECORD_SETS:-main holdout round3 round4})
for b in "${browsers[@]}"; do
  out=../testdata/$b
  before=$(mktemp -d)
  cp "$out"/*.jsonl "$out"/*.json "$before"/ 2>/dev/null || true
  for s in "${sets[@]}"; do
    if [ "$s" = main ]; then node record.js "$b"; else node record.js "$b" "--$s"; fi
  done
  echo "== $b: changes against the previous recording"
  node versions.js "$b" --old "$before" --new "$out" --keep
  rm -rf "$before"
done
