#!/usr/bin/env bash
# Build cost of heygen-sys and heygen: clean debug and release builds in scratch target
# directories, then the incremental rebuild after touching one hand-written file. Each build
# records wall and CPU time (`/usr/bin/time`) and cargo's per-unit timings (`--timings`), so the
# figures mean something on a machine whose cores other work shares.
#
# Builds a copy of the committed tree (`git archive HEAD`), so that the edits below touch no
# working tree. Writes target/bench-results/build/<case>.{time,html}; `benches/run.sh` prints
# the table. Usage: benches/build_cost.sh [scratch dir, default /tmp/heygen-build-cost]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-/tmp/heygen-build-cost}
out="$root/target/bench-results/build"
mkdir -p "$out" "$scratch"
rm -rf "$scratch/src"
mkdir -p "$scratch/src"
git -C "$root" archive HEAD | tar -x -C "$scratch/src"
cd "$scratch/src"

# build <case> <target dir> <cargo build args…>
build() {
    local case=$1 dir=$2
    shift 2
    echo "== $case: cargo build $*" >&2
    CARGO_TARGET_DIR="$dir" /usr/bin/time -f '%e %U %S' -o "$out/$case.time" \
        cargo build --quiet --timings "$@"
    cp "$dir/cargo-timings/cargo-timing.html" "$out/$case.html"
    echo "   wall/user/sys: $(cat "$out/$case.time")" >&2
}

clean_build() {
    local case=$1
    shift
    rm -rf "${scratch:?}/$case"
    build "$case" "$scratch/$case" "$@"
}

clean_build sys-debug -p heygen-sys
clean_build sys-release -p heygen-sys --release
clean_build heygen-debug -p heygen-sdk
clean_build heygen-release -p heygen-sdk --release

# One hand-written file touched (mtime only), then edited (one private function added): only
# `heygen` itself recompiles.
file=heygen/src/resources/videos.rs
cp $file "$scratch/videos.rs.orig"
for profile in debug release; do
    flag=()
    [ $profile = release ] && flag=(--release)
    cp "$scratch/videos.rs.orig" $file # what this profile's build saw
    touch $file
    build heygen-$profile-touch "$scratch/heygen-$profile" -p heygen-sdk "${flag[@]}"
    printf '\n#[allow(dead_code)]\nfn edited_for_the_build_benchmark() -> u32 {\n    %s\n}\n' "$RANDOM" >> $file
    build heygen-$profile-edit "$scratch/heygen-$profile" -p heygen-sdk "${flag[@]}"
done
