#!/usr/bin/env bash
# Callgrind profile of the per-call overhead (instruction counts: stable on a busy machine).
# For get, create, a 10-item list page and a page of a 100-item stream, through heygen and
# through the hand-written baseline: instructions per call (per page) on the client thread, as the difference of two runs (N1 and
# N2 calls) divided by N2 - N1, so start-up and warm-up cancel out. Then, for get, the
# functions whose inclusive cost per call heygen has and the baseline has not
# (`callgrind_diff`).
#
# Writes target/bench-results/profile.json and target/bench-results/profile/*.
# Usage: benches/profile.sh   (needs valgrind; builds the release driver first)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
target=${CARGO_TARGET_DIR:-$root/target}
out="$target/bench-results/profile"
mkdir -p "$out"
N1=${N1:-200}
N2=${N2:-1200}
cargo build --quiet --release -p heygen-benches --bin profile_call --bin callgrind_diff --bin pieces
bin="$target/release/profile_call"

# Client-thread instructions of one run (thread 1; the loopback server is thread 2).
instructions() {
    local side=$1 op=$2 n=$3 file="$out/$1-$2-$3.cg"
    valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$file" \
        "$bin" "$side" "$op" "$n" 2>/dev/null
    awk '/^(summary|totals):/ { print $2; exit }' "$file-01"
}

json="{"
for op in get create list stream; do
    json+="\"$op\":{"
    # A stream's N counts pages of 100 videos.
    n1=$N1 n2=$N2
    [ $op = stream ] && n1=$((N1 / 20)) n2=$((N2 / 20))
    for side in heygen raw; do
        a=$(instructions "$side" "$op" "$n1")
        b=$(instructions "$side" "$op" "$n2")
        per_call=$(( (b - a) / (n2 - n1) ))
        echo "$op $side: $per_call instructions per call" >&2
        json+="\"$side\":$per_call,"
    done
    json="${json%,}},"
done
json="${json%,}"

# The pieces of heygen's path, alone (`pieces`): inclusive instructions per occurrence.
NP=${NP:-10000}
valgrind --tool=callgrind --callgrind-out-file="$out/pieces.cg" "$target/release/pieces" "$NP" \
    2>/dev/null > "$out/future-sizes.json"
pieces=$(callgrind_annotate --inclusive=yes --threshold=100 "$out/pieces.cg" | awk -v n="$NP" '
    match($0, /pieces::piece_[a-z_]+ \[/) {
        name = substr($0, RSTART + 14, RLENGTH - 16); count = $1; gsub(",", "", count)
        printf "\"%s\":%d,", name, count / n
    }')
json+=",\"pieces\":{${pieces%,}},\"future_bytes\":$(sed 's/.*"future_bytes"://; s/}$//' "$out/future-sizes.json")}"
echo "$json" > "$target/bench-results/profile.json"

# Where heygen's extra instructions go, per call (inclusive and self).
for op in get create list stream; do
    n1=$N1 n2=$N2
    [ $op = stream ] && n1=$((N1 / 20)) n2=$((N2 / 20))
    "$target/release/callgrind_diff" "$out/heygen-$op-$n1.cg-01" "$out/heygen-$op-$n2.cg-01" \
        "$out/raw-$op-$n1.cg-01" "$out/raw-$op-$n2.cg-01" "$((n2 - n1))" > "$out/diff-$op.txt"
done
echo "per-function differences: $out/diff-{get,create,list,stream}.txt" >&2
