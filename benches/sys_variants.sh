#!/usr/bin/env bash
# What in heygen-sys costs compile time: builds variants of a scratch copy of the workspace
# whose generated.rs lacks a derive (benches/sys_variant.py), dependencies prebuilt, and
# records heygen-sys's own build, debug and release: its unit time (`cargo build --timings`,
# wall) and the CPU time (user+sys) of the build, which is heygen-sys alone since every
# dependency is already built (CPU time stays meaningful when other work shares the cores).
#
# Writes target/bench-results/sys-variants.json. Never touches the real heygen-sys.
# Usage: benches/sys_variants.sh [scratch dir, default /tmp/heygen-sys-variants]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${1:-/tmp/heygen-sys-variants}
results="$root/target/bench-results"
mkdir -p "$results" "$scratch"
# Each measured build compiles heygen-sys from nothing, debug included.
export CARGO_INCREMENTAL=0
rm -rf "$scratch/src"
mkdir -p "$scratch/src"
git -C "$root" archive HEAD | tar -x -C "$scratch/src"
cp "$root/heygen-sys/src/generated.rs" "$scratch/generated.orig.rs"

unit_time() { # the heygen-sys lib unit's duration in a timings report
    awk '/"name": "heygen-sys"/ { found = 1 } found && /"duration"/ { gsub(/[",]/, ""); print $2; exit }' "$1"
}

# Dependencies first (not measured).
for flag in "" --release; do
    # shellcheck disable=SC2086
    (cd "$scratch/src" && CARGO_TARGET_DIR="$scratch/target" cargo build --quiet $flag -p heygen-sys)
done

json="{"
for variant in base no-schemars no-cmp lean; do
    cp "$scratch/generated.orig.rs" "$scratch/src/heygen-sys/src/generated.rs"
    python3 "$root/benches/sys_variant.py" "$scratch/src/heygen-sys/src/generated.rs" "$variant"
    json+="\"$variant\":{"
    for profile in debug release; do
        flag=""
        [ "$profile" = release ] && flag="--release"
        touch "$scratch/src/heygen-sys/src/generated.rs"
        # shellcheck disable=SC2086
        (cd "$scratch/src" && CARGO_TARGET_DIR="$scratch/target" /usr/bin/time -f '%e %U %S' -o "$scratch/time" \
            cargo build --quiet --timings $flag -p heygen-sys)
        seconds=$(unit_time "$scratch/target/cargo-timings/cargo-timing.html")
        cpu=$(awk '{ print $2 + $3 }' "$scratch/time")
        echo "$variant $profile: heygen-sys ${seconds}s wall, ${cpu}s CPU" >&2
        json+="\"$profile\":$seconds,\"${profile}_cpu\":$cpu,"
    done
    json="${json%,}},"
done
json="${json%,}}"
echo "$json" > "$results/sys-variants.json"
cat "$results/sys-variants.json"
