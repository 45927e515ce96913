#!/usr/bin/env bash
# Soak test (RELIABILITY.md: several processes use one database at once without
# losing an entry or failing on a lock).
#
#   scripts/soak.sh [SECONDS] [WRITERS] [READERS]      (defaults: 30 16 4)
#
# Builds the release binary, loads the seed plan into a fresh database, then
# for SECONDS runs at once:
#   - WRITERS processes recording feedback in a loop (`tasks feedback`), each
#     entry with its own note; every entry acknowledged (exit 0) is logged;
#   - READERS processes running `tasks report` and `tasks check` in turn;
#   - one reloader loading two versions of the plan in turn (the second edits
#     task 2.4 and drops task 3.7, so every other reload changes the plan).
# Afterwards it checks that every acknowledged entry is in the database and
# nothing else is (through `tasks history --format json`, and with sqlite3
# when it is installed), and that no command failed: any exit status other
# than 0 (and 1 from `check`, "items found") counts, as does "locked" or
# "busy" on stderr. Prints a summary; exits 1 on any failure.
#
# TASKS_BIN=path runs another binary instead of building one; SOAK_DIR=path
# keeps the database and logs there instead of a temporary directory.

set -u

duration=${1:-30}
writers=${2:-16}
readers=${3:-4}
for n in "$duration" "$writers" "$readers"; do
    case $n in '' | *[!0-9]*) echo "usage: $0 [SECONDS] [WRITERS] [READERS]" >&2; exit 2 ;; esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${TASKS_BIN:-}" ]; then
    echo "Building the release binary..."
    cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml" || exit 2
    TASKS_BIN=$root/target/release/tasks
fi
bin=$TASKS_BIN

if [ -n "${SOAK_DIR:-}" ]; then
    work=$SOAK_DIR
    rm -rf "$work"
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/log"

export TASKS_DB=$work/tasks.db LANG=C
unset LC_ALL LC_MESSAGES TASKS_NOW NO_COLOR RUST_BACKTRACE

# Two versions of the seed plan: as shipped, and edited (task 2.4's title
# changed, task 3.7 removed).
v1=$work/plan-v1.toml
v2=$work/plan-v2.toml
cp "$root/data/fjdrc-2016-zwgk.toml" "$v1"
awk '
    /^\[\[task\]\]$/ { held = $0; next }
    held != "" { if ($0 == "id = \"3.7\"") skip = 1; else { skip = 0; print held }; held = "" }
    !skip
' "$v1" | sed 's/^title = "推进本部门预决算公开"$/title = "推进本部门预决算公开(修订)"/' >"$v2"
cmp -s "$v1" "$v2" && { echo "could not make the second plan version" >&2; exit 2; }

"$bin" load "$v1" >/dev/null || { echo "loading the seed plan failed" >&2; exit 2; }

# (task, division) pairs that take feedback in both versions of the plan.
pairs=("1.1 信用办" "1.2 数字福建技术应用处" "1.4 体改处" "1.6 投资处"
    "1.7 法规处" "2.3 区域处" "2.4 办公室" "3.3 新闻中心")

# Runs one command; counts it as failed on an unexpected exit status or on
# "locked"/"busy" in its stderr, logging why. $1: the log file, $2: the
# highest acceptable exit status; the rest: the arguments.
attempt() {
    local log=$1 max=$2 status
    shift 2
    "$bin" "$@" >/dev/null 2>"$log.err"
    status=$?
    if [ "$status" -gt "$max" ] || grep -qiE 'locked|busy' "$log.err"; then
        { echo "exit $status: $*"; cat "$log.err"; } >>"$log.failed"
        return 1
    fi
    return 0
}

now_ns() { date +%s%N; }
deadline=$(($(now_ns) + duration * 1000000000))

writer() {
    local w=$1 i=0 log=$work/log/writer-$1
    local pair=${pairs[$((w % ${#pairs[@]}))]}
    local task=${pair%% *} division=${pair#* }
    : >"$log.acked"
    while [ "$(now_ns)" -lt "$deadline" ]; do
        i=$((i + 1))
        note="soak-w$w-$i"
        if attempt "$log" 0 feedback "$task" --division "$division" \
            --status in-progress --percent $((i % 100)) --note "$note"; then
            echo "$note" >>"$log.acked"
        fi
        echo "$note" >>"$log.tried"
    done
}

reader() {
    local r=$1 n=0 log=$work/log/reader-$1
    while [ "$(now_ns)" -lt "$deadline" ]; do
        attempt "$log" 0 report
        attempt "$log" 1 check
        n=$((n + 2))
    done
    echo "$n" >"$log.count"
}

reloader() {
    local n=0 log=$work/log/reloader
    while [ "$(now_ns)" -lt "$deadline" ]; do
        if [ $((n % 2)) -eq 0 ]; then plan=$v2; else plan=$v1; fi
        attempt "$log" 0 load "$plan"
        n=$((n + 1))
    done
    echo "$n" >"$log.count"
}

echo "Soak: $duration s, $writers writers, $readers readers, 1 reloader; database $TASKS_DB"
start=$(now_ns)
pids=()
for ((w = 0; w < writers; w++)); do writer "$w" & pids+=($!); done
for ((r = 0; r < readers; r++)); do reader "$r" & pids+=($!); done
reloader & pids+=($!)
wait "${pids[@]}"
elapsed_ms=$((($(now_ns) - start) / 1000000))

# The plan as shipped, so that every task is listed again.
"$bin" load "$v1" >/dev/null || echo "the final reload failed" >>"$work/log/final.failed"

cat "$work"/log/writer-*.acked | sort >"$work/acked"
cat "$work"/log/writer-*.tried | sort >"$work/tried"
for pair in "${pairs[@]}"; do
    "$bin" history "${pair%% *}" --format json ||
        echo "history ${pair%% *} failed" >>"$work/log/final.failed"
done | grep -oE '"soak-w[0-9]+-[0-9]+"' | tr -d '"' | sort >"$work/recorded"

acked=$(wc -l <"$work/acked")
tried=$(wc -l <"$work/tried")
recorded=$(wc -l <"$work/recorded")
missing=$(comm -23 "$work/acked" "$work/recorded" | wc -l)
surprise=$(comm -13 "$work/acked" "$work/recorded" | wc -l)
duplicated=$(uniq -d "$work/recorded" | wc -l)
reads=$(cat "$work"/log/reader-*.count 2>/dev/null | awk '{s += $1} END {print s + 0}')
reloads=$(cat "$work/log/reloader.count" 2>/dev/null || echo 0)
failures=$(cat "$work"/log/*.failed 2>/dev/null | grep -c '^exit ' || true)
other=$(cat "$work/log/final.failed" 2>/dev/null | wc -l)

db_rows=n/a
integrity=n/a
if command -v sqlite3 >/dev/null; then
    db_rows=$(sqlite3 "$TASKS_DB" "SELECT count(*) FROM feedback")
    integrity=$(sqlite3 "$TASKS_DB" "PRAGMA integrity_check")
fi

echo "Ran $elapsed_ms ms."
echo "  writes tried         $tried"
echo "  writes acknowledged  $acked"
echo "  entries recorded     $recorded (feedback rows: $db_rows)"
echo "  acknowledged, lost   $missing"
echo "  recorded, not acked  $surprise"
echo "  recorded twice       $duplicated"
echo "  reads (report+check) $reads"
echo "  reloads              $reloads"
echo "  failed commands      $failures"
echo "  integrity_check      $integrity"

ok=1
[ "$missing" -eq 0 ] && [ "$surprise" -eq 0 ] && [ "$duplicated" -eq 0 ] || ok=0
[ "$acked" -eq "$recorded" ] && [ "$acked" -gt 0 ] || ok=0
[ "$failures" -eq 0 ] && [ "$other" -eq 0 ] || ok=0
[ "$db_rows" = n/a ] || [ "$db_rows" -eq "$acked" ] || ok=0
[ "$integrity" = n/a ] || [ "$integrity" = ok ] || ok=0
[ "$reads" -gt 0 ] && [ "$reloads" -gt 0 ] || ok=0
if [ "$ok" -eq 1 ]; then
    echo "PASS"
    exit 0
fi
echo "FAIL"
for f in "$work"/log/*.failed; do
    [ -e "$f" ] || continue
    echo "--- $(basename "$f" .failed)"
    head -n 20 "$f"
done
comm -23 "$work/acked" "$work/recorded" | head -n 5 | sed 's/^/  lost: /'
comm -13 "$work/acked" "$work/recorded" | head -n 5 | sed 's/^/  not acknowledged: /'
exit 1
