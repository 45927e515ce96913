#!/usr/bin/env bash
# The long reliability runs (RELIABILITY.md), one after another:
#
#   scripts/reliability.sh [FUZZ_SECONDS]        (default 600 per target)
#
#   1. 20 SIGKILLs of `tasks load` and 20 of a batch `tasks feedback --from`
#      (the suite runs 4 of each);
#   2. the 30-second soak: 16 writers, 4 readers and a plan reloader
#      (the suite runs 8 writers, 2 readers for 5 seconds);
#   3. fuzzing of the plan parser, durations and times, and batch feedback
#      files, FUZZ_SECONDS each (the corpus replay is quick: FUZZ_SECONDS=0).
#
# The quick versions of all three run in `cargo test` and `.ci/run`. This
# script stops at the first part that fails. Fuzzing needs cargo-fuzz
# (`cargo install cargo-fuzz --locked`); see scripts/fuzz.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzz_seconds=${1:-600}
unset RUST_BACKTRACE

echo "== 1. crash safety: 20 kills per command" >&2
TASKS_CRASH_KILLS=20 cargo test --locked --test integration crash \
    -- --nocapture --test-threads 1

echo "== 2. concurrency soak: 30 s, 16 writers, 4 readers, 1 reloader" >&2
scripts/soak.sh 30 16 4

echo "== 3. fuzzing: ${fuzz_seconds} s per target" >&2
scripts/fuzz.sh "$fuzz_seconds"
