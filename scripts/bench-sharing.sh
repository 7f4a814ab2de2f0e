#!/bin/sh
# Whole-process figures for sharing at the scale of a district (issue 9):
# 50 colleagues' files in one shared folder, 20,000 entries in all.
#
#   sync with nothing new          target <= 0.3 s
#   one colleague's 100 edits      target <= 0.5 s
#   a new laptop's first sync      target <= 5 s
#   the shared folder              target <= 2 x one full export
#   import of a 100,000-entry file target <= 300 MB peak (/usr/bin/time -v)
#
# Usage: scripts/bench-sharing.sh [WORKDIR]   (needs a release build:
#   cargo build --release --bin wijkkaart --example genmap)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/target/release/wijkkaart"
GEN="$ROOT/target/release/examples/genmap"
WORK=${1:-$(mktemp -d)}
SHARED="$WORK/shared"
rm -rf "$WORK/laptop" "$WORK/colleague" "$SHARED"
mkdir -p "$SHARED"

wk() { dir=$1; shift; "$BIN" --data-dir "$dir" --no-default-map "$@"; }
now() { date +%s.%N; }
took() { echo "$2 - $1" | bc; }
# What the index step of a sync or import costs (it is made incremental
# elsewhere): building the index from the same records, in a copy of the
# data dir without its kept index (a search builds it and keeps nothing).
index_step() {
  rm -rf "$WORK/idx"; cp -a "$1" "$WORK/idx"; rm -f "$WORK/idx/index.bin"
  a=$(now); wk "$WORK/idx" search --json --limit 1 zzzz > /dev/null; b=$(now)
  rm -rf "$WORK/idx"; took "$a" "$b"
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# 50 colleagues' files: the invented 20,000-entry map, entry by entry in turn.
"$GEN" 20000 1 > "$WORK/map20k.toml"
awk -v dir="$SHARED" '
  /^\[\[entry\]\]/ { n++; f = sprintf("%s/w%02d.abcdef.toml", dir, n % 50);
                     if (!(f in seen)) { seen[f] = 1; print "[map]\nformat = 2\n" > f } }
  n > 0 { print >> f }
' "$WORK/map20k.toml"

wk "$WORK/laptop" init --id laptop --name Laptop > /dev/null
t0=$(now); wk "$WORK/laptop" sync "$SHARED" > /dev/null; t1=$(now)
echo "first sync of a new laptop (50 files, 20000 entries): $(took "$t0" "$t1") s (index step in it: about $(index_step "$WORK/laptop") s)"

t0=$(now); wk "$WORK/laptop" sync "$SHARED" > /dev/null; t1=$(now)
echo "sync with nothing new: $(took "$t0" "$t1") s"

# A colleague edits 100 entries and syncs; then the laptop syncs.
wk "$WORK/colleague" init --id bram --name Bram > /dev/null
wk "$WORK/colleague" sync "$SHARED" > /dev/null
wk "$WORK/colleague" search --json --limit 100 > "$WORK/ids.json"
for id in $(grep -o '"id":"[^"]*"' "$WORK/ids.json" | cut -d'"' -f4); do
  wk "$WORK/colleague" edit "$id" --set "hours=ma-vr 9-17" > /dev/null
done
wk "$WORK/colleague" sync "$SHARED" > /dev/null
t0=$(now); wk "$WORK/laptop" sync "$SHARED" > /dev/null; t1=$(now)
echo "sync after one colleague's 100 edits: $(took "$t0" "$t1") s (the kept index follows by its delta; building it whole would take $(index_step "$WORK/laptop") s)"
echo "backups of the laptop (a delta after a small change): $(grep -l '^wijkkaart-backup 2' "$WORK"/laptop/backups/*/manifest 2>/dev/null | wc -l) deltas of $(ls "$WORK/laptop/backups" | wc -l)"

wk "$WORK/laptop" export -o "$WORK/export.toml" > /dev/null
folder=$(du -sb "$SHARED" | cut -f1)
export=$(stat -c %s "$WORK/export.toml")
echo "shared folder: $folder bytes; one full export: $export bytes; ratio $(echo "scale=2; $folder / $export" | bc)"

"$GEN" 100000 1 > "$WORK/map100k.toml"
rm -rf "$WORK/big"
/usr/bin/time -v "$BIN" --data-dir "$WORK/big" --no-default-map import "$WORK/map100k.toml" \
  2> "$WORK/time.txt" > /dev/null
echo "import of 100000 entries ($(stat -c %s "$WORK/map100k.toml") bytes), whole process: peak $(grep 'Maximum resident' "$WORK/time.txt" | awk '{print $6}') kB, $(grep 'Elapsed' "$WORK/time.txt" | awk '{print $8}') (with the kept index written)"
# For comparison: a search building the index of the same 100,000 records in
# memory (the import writes its kept index a record at a time, IndexWriter).
rm -f "$WORK/big/index.bin"
/usr/bin/time -v "$BIN" --data-dir "$WORK/big" --no-default-map search --json --limit 1 zzzz \
  2> "$WORK/time-index.txt" > /dev/null
echo "  a search building the index in memory instead (nothing kept): peak $(grep 'Maximum resident' "$WORK/time-index.txt" | awk '{print $6}') kB, $(grep 'Elapsed' "$WORK/time-index.txt" | awk '{print $8}')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
