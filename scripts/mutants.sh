#!/usr/bin/env bash
# Mutation testing of the domain modules with cargo-mutants (RELIABILITY.md,
# "Mutation testing"): each mutant is a small change to the code (a `<=` made
# `<`, a function returning a default, a `&&` made `||`); a mutant the tests
# do not notice shows a behaviour no test pins down.
#
#   scripts/mutants.sh                      every domain module, one after another
#   scripts/mutants.sh src/deadlines.rs     one module
#   scripts/mutants.sh src/rollup.rs src/status.rs
#   scripts/mutants.sh src/recording/ src/batch/columns.rs
#   scripts/mutants.sh --summary            only rewrite the summary from earlier runs
#
# Each argument is a source file or a directory (all its .rs files). Each is
# run on its own, in two rounds:
#
#   1. every mutant against the library's unit tests alone: a quick build
#      and two seconds of tests, which catch most mutants;
#   2. the mutants the first round missed (or that timed out) again, against
#      the unit tests and the integration test modules that exercise the
#      module (the table in `tests_for` below), which run the `tasks`
#      binary as users do.
#
# The results are kept in target/mutants/<name>/: quick.out for the first
# round, mutants.out for the second (caught.txt, missed.txt, unviable.txt,
# timeout.txt, outcomes.json, and a log per mutant). After every module,
# target/mutants-summary.txt is written again from every module run so far
# and printed: the counts per module and the list of missed mutants.
#
# It is slow: every mutant is a build and a test run. On two cores the
# domain modules take about two hours in all, so it does not run in CI; run
# it module by module, or all in the background:
#
#   nohup scripts/mutants.sh > target/mutants.log 2>&1 &
#
# Tests run under cargo-nextest when it is installed (`cargo install
# cargo-nextest --locked`), with its `mutants` profile (.config/nextest.toml:
# the first failing test ends the run), else under `cargo test`. Builds
# leave out debugging information (CARGO_PROFILE_DEV_DEBUG=0), which makes
# them quicker.
#
# The second round leaves out the long tests that only repeat quick ones at
# a larger scale (the crash kills, the soak, the large plans and the 24-case
# check/report property). A filtered run can only call a mutant missed that
# the whole suite would catch, never the other way round. To run the whole
# suite in the second round instead (slower):
#
#   MUTANTS_TESTS=all scripts/mutants.sh src/status.rs
#
# Other settings, by environment:
#   MUTANTS_JOBS=2                 builds and test runs at once (-j)
#   MUTANTS_TIMEOUT_MULTIPLIER=3   a test run may take this many times the
#                                  unmutated run before it counts as a timeout
#   MUTANTS_MIN_TIMEOUT=60         ... and at least this many seconds (raise it
#                                  when the machine is busy with other work,
#                                  or slow test runs count as timeouts)
#   MUTANTS_TEST_TOOL=cargo        force `cargo test` even with nextest
#   MUTANTS_ARGS="..."             more options for cargo mutants, e.g.
#                                  "--re csv_cell" to try one function's mutants
#   MUTANTS_ROUNDS=1               the first round only: its misses stand
#                                  (for modules whose unit tests are meant
#                                  to catch every mutant, like the readers')
#   MUTANTS_QUICK=0                skip the first round and run every mutant
#                                  against the integration tests at once: for
#                                  modules whose unit tests are few (the
#                                  recording rules, the return-file readers),
#                                  where the first round would only cost time
#
# To see the mutants of a module without running them:
#   cargo mutants --list --file src/deadlines.rs
set -euo pipefail
cd "$(dirname "$0")/.."
unset RUST_BACKTRACE
export CARGO_PROFILE_DEV_DEBUG=${CARGO_PROFILE_DEV_DEBUG:-0}

summary=target/mutants-summary.txt
results=target/mutants

# The domain modules: the calendar, durations, deadlines, statuses and the
# roll-up, the recording rules, spelling, times, the escaping and the CSV
# formula guard, the return-file readers, and the notice reader.
all_modules=(
    src/calendar.rs
    src/duration.rs
    src/deadlines.rs
    src/status.rs
    src/rollup.rs
    src/recording/
    src/spelling.rs
    src/time.rs
    src/render/mod.rs
    src/render/csv.rs
    src/render/html.rs
    src/trend.rs
    src/batch/columns.rs
    src/batch/decode.rs
    src/batch/text.rs
    src/batch/sheet.rs
    src/notice/recognise/
    src/notice/read/
)

# Long tests left out of every filtered run: each repeats at a large scale
# what quick tests check at a small one.
slow='test(/^crash::/) | test(/^soak::/) | test(/^large_plan::/) | test(/^batch_large::/)'
slow+=' | test(=props::check_and_summary_from_kept_states_agree_with_assessing_every_task)'
slow+=' | test(=spreadsheets_out::a_write_that_fails_part_way_leaves_the_earlier_file_and_no_part)'

# The integration test modules that exercise a source module (a regular
# expression on their names). The library's unit tests always run.
tests_for() {
    case "$1" in
    src/calendar.rs | src/duration.rs | src/time.rs)
        echo 'deadlines|clock|props|gaps|progress|corrections' ;;
    src/deadlines.rs)
        echo 'deadlines|gaps|clock|progress|spreadsheets_out|props' ;;
    src/status.rs | src/rollup.rs)
        echo 'progress|progress_rejects|gaps|corrections|seed|spreadsheets_out|plan_core|props|deadlines' ;;
    src/recording*)
        echo 'progress|progress_rejects|corrections|voids|clock|returns|deadlines|gaps|props|bad_input' ;;
    src/spelling.rs)
        echo 'progress|progress_rejects|returns|bad_input|corpus|forms|gaps|clock' ;;
    src/render/mod.rs | src/render/csv.rs)
        echo 'hostile|gaps|spreadsheets_out|forms|progress' ;;
    src/render/html.rs | src/trend.rs)
        echo 'report_html' ;;
    src/batch*)
        echo 'returns|corpus|bad_input|forms|progress|gaps' ;;
    src/notice*)
        echo 'import' ;;
    *)
        echo '' ;;
    esac
}

# Only the escaping of src/render/mod.rs and the formula guard of
# src/render/csv.rs; the escaping of src/render/html.rs.
mutant_filter_for() {
    case "$1" in
    src/render/mod.rs) echo 'escaped|escape_control' ;;
    src/render/csv.rs) echo 'csv_cell' ;;
    src/render/html.rs) echo 'escape|shortened' ;;
    *) echo '' ;;
    esac
}

# The unit tests that can notice a mutant of the module, when only some
# can (a nextest filter on their paths): the rest are left out of the first
# round.
unit_filter_for() {
    case "$1" in
    src/notice*) echo 'test(/^notice::/)' ;;
    *) echo '' ;;
    esac
}

write_summary() {
    mkdir -p target
    {
        echo "Mutation testing: $(date '+%Y-%m-%d %H:%M')"
        echo
        printf '%-22s %6s %6s %6s %9s %7s %9s\n' module tried caught missed unviable timeout "caught%"
        local t_all=0 c_all=0 m_all=0 u_all=0 o_all=0
        for dir in "$results"/*/mutants.out; do
            [ -d "$dir" ] || continue
            local name quick c m u o t viable pct
            name=$(basename "$(dirname "$dir")")
            quick=$(dirname "$dir")/quick.out
            # Caught or unviable in the first round, and whatever the
            # second round made of the rest.
            c=$(($(count "$quick/caught.txt") + $(count "$dir/caught.txt")))
            u=$(($(count "$quick/unviable.txt") + $(count "$dir/unviable.txt")))
            m=$(count "$dir/missed.txt")
            o=$(count "$dir/timeout.txt")
            t=$((c + m + u + o))
            viable=$((c + m + o))
            pct=$( [ "$viable" -gt 0 ] && echo $(((c + o) * 100 / viable)) || echo -)
            printf '%-22s %6d %6d %6d %9d %7d %9s\n' "$name" "$t" "$c" "$m" "$u" "$o" "$pct"
            t_all=$((t_all + t)) c_all=$((c_all + c)) m_all=$((m_all + m))
            u_all=$((u_all + u)) o_all=$((o_all + o))
        done
        local v_all=$((c_all + m_all + o_all))
        printf '%-22s %6d %6d %6d %9d %7d %9s\n' total "$t_all" "$c_all" "$m_all" "$u_all" "$o_all" \
            "$( [ "$v_all" -gt 0 ] && echo $(((c_all + o_all) * 100 / v_all)) || echo -)"
        echo
        echo "(caught% counts timeouts as caught: a mutant that hangs is noticed.)"
        echo
        echo "Missed mutants:"
        for dir in "$results"/*/mutants.out; do
            [ -s "$dir/missed.txt" ] || continue
            sed 's/^/  /' "$dir/missed.txt"
        done
        echo
        echo "Timeouts:"
        for dir in "$results"/*/mutants.out; do
            [ -s "$dir/timeout.txt" ] || continue
            sed 's/^/  /' "$dir/timeout.txt"
        done
    } > "$summary"
    cat "$summary"
}

count() {
    if [ -f "$1" ]; then grep -c . "$1" || true; else echo 0; fi
}

if [ "${1:-}" = "--summary" ]; then
    write_summary
    exit 0
fi

if ! command -v cargo-mutants > /dev/null; then
    echo "== installing cargo-mutants" >&2
    cargo install --locked cargo-mutants
fi

tool=${MUTANTS_TEST_TOOL:-}
if [ -z "$tool" ]; then
    if command -v cargo-nextest > /dev/null; then tool=nextest; else tool=cargo; fi
fi
[ "$tool" != nextest ] || export NEXTEST_PROFILE=mutants
jobs=${MUTANTS_JOBS:-2}
multiplier=${MUTANTS_TIMEOUT_MULTIPLIER:-3}
read -r -a extra <<< "${MUTANTS_ARGS:-}"

modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=("${all_modules[@]}")

# The dependencies are built once here; each scratch copy then rebuilds only
# this crate.
cargo build --tests --locked

for module in "${modules[@]}"; do
    if [ -d "$module" ]; then
        globs=("${module%/}/*.rs")
    elif [ -f "$module" ]; then
        globs=("$module")
    else
        echo "error: no file or directory $module" >&2
        exit 2
    fi
    name=$(echo "${module#src/}" | sed 's#/$##; s#\.rs$##; s#/#-#g')
    out=$results/$name
    args=(mutants --no-shuffle -j "$jobs" --timeout-multiplier "$multiplier"
        --minimum-test-timeout "${MUTANTS_MIN_TIMEOUT:-60}" --test-tool "$tool" --copy-target true
        --output "$out")
    for g in "${globs[@]}"; do args+=(--file "$g"); done
    re=$(mutant_filter_for "$module")
    [ -z "$re" ] || args+=(--re "$re")
    args+=("${extra[@]}")

    rm -rf "$out"
    mkdir -p "$out"
    # cargo mutants exits 2 when mutants are missed, 3 on timeouts: the
    # summary says which.
    if [ "${MUTANTS_QUICK:-1}" = 0 ]; then
        # No first round: an empty one, and every mutant goes to the second.
        mkdir -p "$out/quick.out"
    else
        echo "== $module, round 1: unit tests ($tool, -j $jobs)" >&2
        unit=$(unit_filter_for "$module")
        if [ -n "$unit" ] && [ "$tool" = nextest ]; then
            cargo "${args[@]}" --cargo-arg=--lib -- -E "$unit" || true
        else
            cargo "${args[@]}" --cargo-arg=--lib || true
        fi
        cp -r "$out/mutants.out" "$out/quick.out"
    fi

    tests=$(tests_for "$module")
    if [ "${MUTANTS_TESTS:-}" = all ] || [ -z "$tests" ]; then
        test_args=()
    elif [ "$tool" = nextest ]; then
        test_args=(-- -E "(kind(lib) | test(/^($tests)::/)) - ($slow)")
    else
        # cargo test: substring filters, unit tests by their module path.
        test_args=(-- --)
        for t in ${tests//|/ }; do test_args+=("$t::"); done
        test_args+=(--skip crash:: --skip soak:: --skip large_plan:: --skip batch_large::
            --skip props::check_and_summary_from_kept_states_agree_with_assessing_every_task
            --skip spreadsheets_out::a_write_that_fails_part_way_leaves_the_earlier_file_and_no_part)
        unit=${module#src/}
        unit=${unit%.rs}
        unit=${unit%/}
        test_args+=("${unit//\//::}::")
    fi
    if [ "${MUTANTS_ROUNDS:-2}" = 1 ] && [ "${MUTANTS_QUICK:-1}" != 0 ]; then
        # The first round's misses stand: no second round.
        rm -rf "$out/mutants.out"
        mkdir -p "$out/mutants.out"
        for f in missed.txt timeout.txt mutants.json; do
            [ ! -f "$out/quick.out/$f" ] || cp "$out/quick.out/$f" "$out/mutants.out/$f"
        done
    elif [ "${MUTANTS_QUICK:-1}" = 0 ] || [ -s "$out/quick.out/missed.txt" ] ||
        [ -s "$out/quick.out/timeout.txt" ]; then
        echo "== $module, round 2: the mutants round 1 missed, with the integration tests" >&2
        cargo "${args[@]}" --iterate "${test_args[@]}" || true
    else
        # Nothing left for a second round: an empty one.
        rm -rf "$out/mutants.out"
        mkdir -p "$out/mutants.out"
    fi
    write_summary
done
