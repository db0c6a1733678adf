#!/usr/bin/env bash
# Runs every benchmark of heygen-rs and prints the one table of BENCHMARKS.md:
#   1-3. criterion (per call, streams, decode):  cargo bench -p heygen-benches
#   1,2. ratios robust to a busy machine:        the `paired` binary (ABBA blocks, thread CPU)
#   1,2,4. allocations, memory, waits at scale:  the `scale` binary (counting allocator)
#   1.   callgrind instructions per call:        benches/profile.sh      (skip: --no-profile)
#   5.   build cost:                             benches/build_cost.sh   (skip: --no-build)
#        heygen-sys derive variants:             benches/sys_variants.sh (only with --variants)
#   6.   the table:                              the `report` binary
# Criterion arguments go after `--` (e.g. `benches/run.sh --no-build -- --quick`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
profile=1 build=1 variants=0
criterion_args=()
while [ $# -gt 0 ]; do
    case $1 in
        --no-profile) profile=0 ;;
        --no-build) build=0 ;;
        --variants) variants=1 ;;
        --) shift; criterion_args=("$@"); break ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

cargo bench -p heygen-benches --bench per_call --bench streams --bench decode -- "${criterion_args[@]}"
cargo run --quiet --release -p heygen-benches --bin paired > /dev/null
cargo run --quiet --release -p heygen-benches --bin scale > /dev/null
[ $profile = 1 ] && benches/profile.sh
[ $build = 1 ] && benches/build_cost.sh
[ $variants = 1 ] && benches/sys_variants.sh
cargo run --quiet --release -p heygen-benches --bin report
