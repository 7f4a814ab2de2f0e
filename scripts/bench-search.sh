#!/usr/bin/env bash
# Whole-process search, side by side: `wijkkaart search` against
# `fzf --filter` (same entries, one line each) and `rg -i` (over the TOML
# file), on invented maps of several sizes; then the interface's start-up
# time and memory. Prints a Markdown table for the README.
#
#   scripts/bench-search.sh [SIZES...]      default: 1000 10000 100000 300000
#   ONLY_START=1 scripts/bench-search.sh 100000   only the interface's start-up
#
# Needs hyperfine, fzf and ripgrep (apt-get install -y hyperfine fzf ripgrep)
# and builds wijkkaart and the genmap example in release mode. Maps and data
# dirs go to $BENCH_DIR (default target/bench-search), generated once per size.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-1000 10000 100000 300000}")
read -r -a SIZES <<<"${SIZES[*]}"
OUT=${BENCH_DIR:-target/bench-search}
mkdir -p "$OUT"
for tool in hyperfine fzf rg; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
cargo build --release --quiet --bin wijkkaart --example genmap
WK=$PWD/target/release/wijkkaart
GEN=$PWD/target/release/examples/genmap

# label|wijkkaart query|fzf query|rg pattern
QUERIES=(
  "word|schuldhulp|schuldhulp|schuldhulp"
  "short word|taal|taal|taal"
  "long word|eenzaamheid|eenzaamheid|eenzaamheid"
  "long word 2|verslavingszorg|verslavingszorg|verslavingszorg"
  "typo|shculdhulp|shculdhulp|shculdhulp"
  "long typo|eenzaamhied|eenzaamhied|eenzaamhied"
  "two words|taalcafe moerwijk|taalcafe moerwijk|taalcafe.*moerwijk"
  "two words 2|schuld hulp|schuld hulp|schuld.*hulp"
  "compound|gokverslaving|gokverslaving|gokverslaving"
  "area filter|budget @laak|budget laak|budget.*laak"
  "domain filter|#finances schulden|schulden|schulden"
)

printf '| entries | query | wijkkaart ms | fzf --filter ms | rg -i ms | wk/fzf | wk/rg |\n'
printf '|---:|---|---:|---:|---:|---:|---:|\n'
for n in "${SIZES[@]}"; do
  toml=$OUT/map-$n.toml lines=$OUT/lines-$n.txt data=$OUT/data-$n
  [ -s "$toml" ] || "$GEN" "$n" >"$toml"
  [ -s "$lines" ] || "$GEN" --lines "$n" >"$lines"
  if [ ! -d "$data/db" ]; then
    rm -rf "$data" "$OUT/parts-$n"
    # A file over 128 MB is refused (issue 9): a big map goes in as parts of
    # 100,000 entries, cut at their [[entry]] lines.
    mkdir -p "$OUT/parts-$n"
    awk -v dir="$OUT/parts-$n" '/^\[\[entry\]\]/ { n++; if (n % 100000 == 1) {
          f = sprintf("%s/part%d.toml", dir, int(n / 100000)); print "[map]\nformat = 2\n" > f } }
        n > 0 { print >> f }' "$toml"
    "$WK" --data-dir "$data" --no-default-map import "$OUT/parts-$n" >/dev/null
  elif [ ! -f "$data/index.delta" ]; then
    # A data dir of an older build: its kept index is made again (doctor does).
    "$WK" --data-dir "$data" doctor >/dev/null || true
  fi
  # fzf takes seconds a query on the big maps: fewer runs of it there.
  fzf_runs=10 fzf_warmup=1
  [ "$n" -ge 100000 ] && fzf_runs=2 fzf_warmup=0
  [ -n "${ONLY_START:-}" ] && continue
  for q in "${QUERIES[@]}"; do
    IFS='|' read -r label wq fq rq <<<"$q"
    hyperfine -N -i --warmup 3 --min-runs 10 --export-json "$OUT/wk.json" \
      "$WK --data-dir $data search $wq" >/dev/null 2>&1
    # (Through a shell for the redirect; hyperfine subtracts the shell's start.)
    hyperfine -i --warmup "$fzf_warmup" --runs "$fzf_runs" --export-json "$OUT/fzf.json" \
      "fzf --filter '$fq' < $lines" >/dev/null 2>&1
    hyperfine -N -i --warmup 3 --min-runs 10 --export-json "$OUT/rg.json" \
      "rg -i '$rq' $toml" >/dev/null 2>&1
    python3 - "$OUT" "$n" "$label" "$wq" <<'PY'
import json, sys
out = sys.argv[1]
wk, fzf, rg = (json.load(open(f"{out}/{t}.json"))["results"][0]["median"] * 1000 for t in ("wk", "fzf", "rg"))
print(f"| {int(sys.argv[2]):,} | {sys.argv[3]}: `{sys.argv[4]}` | {wk:.1f} | {fzf:.1f} | {rg:.1f} | {wk/fzf:.2f} | {wk/rg:.2f} |", flush=True)
PY
  done
done

# The interface: time to the first frame and memory after start, with a
# fresh kept index (as after any previous start). The load average is
# printed with the table: on a shared machine the clock times depend on it. `WIJKKAART_FIRST_FRAME=1`
# makes the interface draw one frame off screen and exit.
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '| entries | first frame ms (warm) | memory after start MB |\n|---:|---:|---:|\n'
for n in "${SIZES[@]}"; do
  data=$OUT/data-$n
  json=$OUT/start.json
  hyperfine -N --warmup 2 --min-runs 10 --export-json "$json" \
    "env WIJKKAART_FIRST_FRAME=1 $WK --data-dir $data" >/dev/null 2>&1
  ms=$(python3 -c "import json;print('%.1f'%(json.load(open('$json'))['results'][0]['median']*1000))")
  kb=$( { /usr/bin/time -f '%M' env WIJKKAART_FIRST_FRAME=1 "$WK" --data-dir "$data" >/dev/null; } 2>&1 | tail -1)
  printf '| %s | %s | %s |\n' "$(printf "%'d" "$n")" "$ms" "$((kb / 1024))"
done
