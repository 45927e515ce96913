#!/usr/bin/env bash
# Fuzzing of the input parsers with cargo-fuzz (libFuzzer).
#
# Usage:
#   scripts/fuzz.sh                  replay the committed corpus of every target
#                                    once (-runs=0): quick, for CI-style checks
#   scripts/fuzz.sh SECONDS          fuzz each target for SECONDS, one after
#                                    another, then minimize its corpus (cmin)
#   scripts/fuzz.sh SECONDS TARGET…  the same for the named targets only
#   scripts/fuzz.sh 0 TARGET…        replay the corpus of the named targets
#
# Targets (fuzz/fuzz_targets/):
#   plan      tasks::plan::parse on arbitrary bytes (parser and validator)
#   duration  Duration::from_str, time::parse_at, parse_date, parse_as_of
#   batch     tasks::batch::read on arbitrary text, as x.csv and as x.toml
#
# The corpus is kept in fuzz/corpus/TARGET and committed; fuzzing adds to it,
# and cmin keeps only inputs that add a new edge. A crash is saved under
# fuzz/artifacts/TARGET/ and the run stops; replay it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-…
# then fix it and add a regression test.
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`) and a C++ compiler.
# cargo-fuzz passes nightly-only flags (-Zsanitizer); RUSTC_BOOTSTRAP=1,
# set here, lets the stable toolchain accept them. Targets run one at a time:
# each uses one core.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1

seconds="${1:-0}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(plan duration batch)
fi
case "$seconds" in
    '' | *[!0-9]*)
        echo "usage: scripts/fuzz.sh [SECONDS [TARGET...]]" >&2
        exit 2
        ;;
esac

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: cargo install cargo-fuzz --locked" >&2
    exit 2
fi

for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    if [ "$seconds" -eq 0 ]; then
        echo "== $target: replaying $(find "$corpus" -type f | wc -l) inputs"
        cargo fuzz run "$target" "$corpus" -- -runs=0
    else
        echo "== $target: fuzzing for $seconds s"
        cargo fuzz run "$target" "$corpus" -- -max_total_time="$seconds" -timeout=10
        echo "== $target: minimizing the corpus"
        # Edges only (no hit counts): a small corpus that keeps the coverage.
        cargo fuzz cmin "$target" "$corpus" -- -use_counters=0
    fi
done
