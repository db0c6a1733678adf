#!/usr/bin/env bash
# The SDK against Prism: installs @stoplight/prism-cli (the version pinned by
# tests/prism/package-lock.json) with npm into a cache directory, starts `prism mock` on the
# cached OpenAPI 3.1 document (with the overlay's [[patch]] corrections the SDK is generated from)
# on a loopback port, builds the SDK's examples, and runs
# tests/tests/prism.rs with PRISM_URL and PRISM_EXAMPLES set: every operation through the SDK
# (one call per union member of its body) and every example up to its first status poll, with
# no `sl-violations` header and every response decoded. Prism is stopped on exit.
#
#   bash tests/prism/run.sh
#
# Environment: CARGO_TARGET_DIR (default ./target), PRISM_CACHE (default
# $CARGO_TARGET_DIR/prism), PRISM_PORT (default: the first free port from 4010).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
target=${CARGO_TARGET_DIR:-$root/target}
cache=${PRISM_CACHE:-$target/prism}
here=$root/tests/prism
command -v npm >/dev/null || { echo "tests/prism/run.sh needs node and npm" >&2; exit 1; }

file=$(sed -n '/^\[/q; s/^file = "\(.*\)"/\1/p' openapi/spec.lock)  # the pin, not [[history]]
doc=$root/openapi/cache/$file
[ -f "$doc" ] || cargo xtask fetch --from "../shared/heygen-openapi/$file"
# Prism serves what the SDK is generated from: the pin with the overlay's corrections.
mkdir -p "$cache"
patched=$cache/patched-$file
cargo xtask patched --out "$patched"

# Prism, exactly as locked; reinstalled only when the lock changes. No install scripts run.
mkdir -p "$cache"
if ! cmp -s "$here/package-lock.json" "$cache/package-lock.json" || [ ! -x "$cache/node_modules/.bin/prism" ]; then
    echo "== npm ci @stoplight/prism-cli into $cache"
    cp "$here/package.json" "$here/package-lock.json" "$cache/"
    # Prism 5.16 declares node >= 24 but runs on node 20; the engine warning is expected.
    npm ci --prefix "$cache" --ignore-scripts --no-audit --no-fund --loglevel=error
fi
prism=$cache/node_modules/.bin/prism
echo "== prism $("$prism" --version)"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${PRISM_PORT:-}
if [ -z "$port" ]; then
    for candidate in $(seq 4010 4099); do
        if port_free "$candidate"; then port=$candidate; break; fi
    done
fi
[ -n "$port" ] || { echo "no free port for Prism" >&2; exit 1; }

log=$cache/prism-$port.log
"$prism" mock --host 127.0.0.1 --port "$port" "$patched" >"$log" 2>&1 &
prism_pid=$!
stop_prism() {
    if kill -0 "$prism_pid" 2>/dev/null; then
        kill "$prism_pid" 2>/dev/null || true
        wait "$prism_pid" 2>/dev/null || true
    fi
}
trap stop_prism EXIT

echo "== prism mock $patched on 127.0.0.1:$port (pid $prism_pid, log $log)"
for _ in $(seq 1 1800); do  # up to 180 s: a busy 2-core machine starts node slowly
    grep -q "Prism is listening" "$log" && break
    if ! kill -0 "$prism_pid" 2>/dev/null; then
        cat "$log" >&2
        echo "Prism exited before listening" >&2
        exit 1
    fi
    sleep 0.1
done
grep -q "Prism is listening" "$log" || { cat "$log" >&2; echo "Prism did not start in 60 s" >&2; exit 1; }

echo "== building the SDK's examples"
examples=$(cargo build -p heygen-sdk --examples --features heygen-sdk/testing --message-format=json-render-diagnostics \
    | sed -n 's/.*"executable":"\([^"]*\/examples\/[^"]*\)".*/\1/p' | tr '\n' ':')
echo "examples: $examples"

echo "== the SDK against Prism"
PRISM_URL="http://127.0.0.1:$port" PRISM_EXAMPLES="$examples" \
    cargo test -p heygen-contract-tests --test prism -- --nocapture
