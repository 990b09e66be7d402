#!/usr/bin/env bash
# report.html in a real browser: renders the report of a small sweep in headless Chromium and checks it.
#   scripts/browser-test.sh [SWEEP_DIR] [--screenshot FILE.png]
# Without SWEEP_DIR it runs a 4-run sweep first (about a minute). Installs Debian's chromium when missing (root).
# Checks, on the DOM after the page's script ran: the claims table, a table of runs, embedded figures (data URIs
# only, nothing fetched), the heatmap of `vaelab sweep plot`, sorting (#sort=runs:3:desc sorts the runs table);
# and that the browser logged no console error (a page with a deliberate error proves that check can fail).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "browser-test: $*"; }
fail() { echo "browser-test: FAIL: $*" >&2; exit 1; }
sweep="" shot=""
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshot) shot="$2"; shift 2 ;;
    *) sweep="$1"; shift ;;
  esac
done

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null || fail "chromium is missing; install Debian's chromium (apt-get install chromium)."
  say "installing Debian's chromium..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  browser="$(command -v chromium)"
fi

work="$(mktemp -d /tmp/vaelab-browser-XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$root"
if [ -z "$sweep" ]; then
  sweep="$work/sweep"
  cat >"$work/sweep.json" <<'EOF'
{ "name": "browser-test", "base": { "family": "sigmoid", "dataDim": 3, "padding": 3, "steps": 2000, "logEvery": 200, "evalSamples": 1000 },
  "grid": { "learningRate": [0.003, 0.0003], "latent": [3, 6] }, "seeds": [0] }
EOF
  say "running a 4-run sweep..."
  ./vaelab sweep "$work/sweep.json" --out "$sweep" --quiet >/dev/null
fi
x="$(sed -n 's/.*"grid": *{ *"\([A-Za-z]*\)".*/\1/p' "$sweep/sweep.json" | head -n 1)"
y="$(sed -n 's/.*"grid": *{ *"[A-Za-z]*": *\[[^]]*\], *"\([A-Za-z]*\)".*/\1/p' "$sweep/sweep.json" | head -n 1)"
[ -n "$x" ] && [ -n "$y" ] || fail "$sweep/sweep.json needs two grid settings (got '$x', '$y')."
./vaelab sweep plot "$sweep" --x "$x" --y "$y" --metric finalLoss >/dev/null
report="$sweep/report.html"
[ -f "$report" ] || fail "no $report"

# Root in a container: Chromium's sandbox needs namespaces it may not get, so it runs without.
run_browser() { "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --user-data-dir="$work/profile" --enable-logging=stderr --v=0 "$@"; }
console_errors() { grep -E 'CONSOLE|Uncaught|SyntaxError|ReferenceError|TypeError' "$1" | grep -v -i 'dbus' || true; }

# The console check must be able to fail: a page with a deliberate error is caught.
printf '<!DOCTYPE html><html><body><script>undefinedFunctionForTheCheck();</script></body></html>' >"$work/bad.html"
run_browser --dump-dom "file://$work/bad.html" >/dev/null 2>"$work/bad.log" || true
[ -n "$(console_errors "$work/bad.log")" ] || fail "the console check does not see a deliberate error (see $work/bad.log)."

run_browser --dump-dom "file://$report#sort=runs:3:desc" >"$work/dom.html" 2>"$work/dom.log" || fail "chromium --dump-dom failed: $(tail -n 5 "$work/dom.log")"
errors="$(console_errors "$work/dom.log")"
[ -z "$errors" ] || fail "console errors while rendering the report: $errors"
grep -q '<table class="sortable" id="claims">' "$work/dom.html" || fail "no claims table in the DOM."
grep -q '<table class="sortable" id="runs">' "$work/dom.html" || fail "no runs table in the DOM."
figures="$(grep -o '<img alt="[^"]*" src="data:image/png;base64,' "$work/dom.html" | wc -l)"
[ "$figures" -ge 5 ] || fail "only $figures embedded figures in the DOM."
grep -q 'alt="finalLoss-by-' "$work/dom.html" || fail "the sweep heatmap is not in the report."
if grep -Eo '(src|href)="(https?:)?//[^"]*"' "$work/dom.html" | head -n 1 | grep -q .; then fail "the report refers to the network."; fi
grep -q 'aria-sort="descending"' "$work/dom.html" || fail "the sorting script did not sort the runs table (#sort=runs:3:desc)."
# The sorted column must be in descending order in the DOM.
sorted="$(awk '/<table class="sortable" id="runs">/,/<\/table>/' "$work/dom.html" | sed 's/<tr>/\n<tr>/g' | grep '^<tr><td' \
  | awk -F'</td>' '{ v = $4; sub(/.*data-sort="/, "", v); sub(/".*/, "", v); print v }')"
[ "$(grep -c "^[-0-9.eE+]*[0-9]$" <<<"$sorted")" -ge 2 ] || fail "could not read the negative ELBO column of the runs table: $(head -c 300 <<<"$sorted")"
[ "$(sort -g -r <<<"$sorted")" = "$sorted" ] || fail "the runs table is not sorted by negative ELBO, descending: $(tr '\n' ' ' <<<"$sorted")"

out="${shot:-$work/report.png}"
run_browser --hide-scrollbars --window-size=1280,1600 --screenshot="$out" "file://$report" 2>"$work/shot.log" >/dev/null || fail "screenshot failed"
[ -s "$out" ] || fail "no screenshot written"
say "OK: claims table, runs table, $figures embedded figures and the heatmap in the DOM; sorting works; no console errors; screenshot $out"
