#!/usr/bin/env bash
# The benchmark: `tasks` at 1,000, 10,000 and 100,000 tasks (ten feedback
# entries per task), against the sqlite3 command line running equivalent
# queries on tasks's own database (the floor) and against Taskwarrior on
# the same tasks (the peer).
#
#   bench/run.sh                 # all three sizes
#   bench/run.sh 1000 10000      # chosen sizes
#
# Environment: BENCH_DIR (work files, default target/bench), RUNS_MAX
# (most runs per measurement, default 10; at least 3 are made), and
# TW_MAX (largest size Taskwarrior is run at, default 100000).
#
# It installs what it lacks (hyperfine, sqlite3, taskwarrior, GNU time)
# with apt-get, builds the release binary and the plan generator, and
# prints one table: median milliseconds, peak memory (largest resident set
# over the runs), and the ratio of each command to the floor and to
# Taskwarrior. Figures from one run are only compared with figures of the
# same run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)
BENCH_DIR=${BENCH_DIR:-$ROOT/target/bench}
RUNS_MAX=${RUNS_MAX:-10}
TW_MAX=${TW_MAX:-100000}

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v task >/dev/null || missing+=(taskwarrior)
[ -x /usr/bin/time ] || missing+=(time)
command -v jq >/dev/null || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

cargo build --release --locked --bin tasks --example genplan >&2
TASKS=$ROOT/target/release/tasks
GEN=$ROOT/target/release/examples/genplan
mkdir -p "$BENCH_DIR"
cd "$BENCH_DIR"

# Every command sees the same date, the one the generated plans are made for.
export TASKS_NOW=2026-11-27T09:00 LANG=C LC_ALL=C NO_COLOR=1
unset TASKS_DB

results=$BENCH_DIR/results.tsv
: >"$results"

# measure SIZE NAME PREPARE COMMAND [MAX_STATUS]: median ms and peak KB of
# COMMAND, with PREPARE (may be empty) run before each run, outside the
# timing. An exit status above MAX_STATUS (default 0) is a failure: `tasks
# check` exits 1 when it finds items.
# Both are shell text, written to scripts that hyperfine runs; every
# measured command, of tasks, sqlite3 or Taskwarrior alike, is timed with
# the same wrapper (bash and GNU time, about 2 ms).
measure() {
    local size=$1 name=$2 prepare=$3 cmd=$4 max_status=${5:-0}
    local mem=$BENCH_DIR/mem.txt json=$BENCH_DIR/hf.json
    : >"$mem"
    printf '%s\n' "$prepare" >"$BENCH_DIR/prepare.sh"
    printf '/usr/bin/time -a -o %s -f %%M %s >/dev/null 2>&1\n[ $? -le %s ]\n' \
        "$mem" "$cmd" "$max_status" >"$BENCH_DIR/cmd.sh"
    hyperfine --style none --min-runs 3 --max-runs "$RUNS_MAX" -N --export-json "$json" \
        --prepare "bash $BENCH_DIR/prepare.sh" "bash $BENCH_DIR/cmd.sh" >/dev/null 2>&1 || {
        echo "failed: $name: $cmd" >&2
        return 1
    }
    local median peak
    median=$(jq '.results[0].median * 1000' "$json")
    peak=$(sort -n "$mem" | tail -1)
    printf '%s\t%s\t%.1f\t%s\n' "$size" "$name" "$median" "$peak" >>"$results"
    awk -v n="$name" -v ms="$median" -v kb="$peak" \
        'BEGIN { printf "  %-28s %10.1f ms %8.1f MB\n", n, ms, kb / 1024 }' >&2
}

for n in "${sizes[@]}"; do
    echo "== $n tasks" >&2
    [ -f "plan-$n.toml" ] || "$GEN" "$n" .
    db=$BENCH_DIR/tasks-$n.db
    plan=plan-$n.toml
    feedback=feedback-$n.csv

    # Loading: into a fresh database, then the same file again.
    measure "$n" "load (fresh)" "rm -f $db $db-wal $db-shm" "$TASKS --db $db load $plan"
    measure "$n" "load (unchanged)" "" "$TASKS --db $db load $plan"
    cp "$db" "$db.plan-only"
    measure "$n" "feedback --from (2,000-row xlsx)" "cp $db.plan-only $db; rm -f $db-wal $db-shm" \
        "$TASKS --db $db feedback --from return-$n.xlsx"
    measure "$n" "feedback --from (batch)" "cp $db.plan-only $db; rm -f $db-wal $db-shm" \
        "$TASKS --db $db feedback --from $feedback"
    # The measured import leaves the database with every entry. The floor
    # of the import: sqlite3 writing the same rows into the same tables and
    # indexes (the entries, each assignee's latest entry, the tasks' kept
    # states, the import's record) in one transaction, from CSV files of
    # those rows read into temporary tables, with the page cache `tasks`
    # writes with (32 MiB).
    fl=$BENCH_DIR/floor-$n
    sqlite3 -csv "$db" "SELECT pk, task_pk, assignee_pk, unit_pk, status, percent, note, by, at,
            recorded_at, rank, at_given, obligation, seq, same, recorded_by, import_seq, amends
        FROM feedback ORDER BY pk" >"$fl-feedback.csv"
    sqlite3 -csv "$db" "SELECT task_pk, assignee_pk, feedback_pk, unit_pk, status, percent, note,
            by, at FROM latest" >"$fl-latest.csv"
    sqlite3 -csv "$db" "SELECT pk, state, returned_at FROM task" >"$fl-state.csv"
    sqlite3 -csv "$db" "SELECT pk, seq, file, digest, entries, added, recorded_at, recorded_by
        FROM import" >"$fl-import.csv"
    cat >"$fl-import.sql" <<EOF
PRAGMA cache_size = -32768;
CREATE TEMP TABLE f (pk, task_pk, assignee_pk, unit_pk, status, percent, note, by, at,
    recorded_at, rank, at_given, obligation, seq, same, recorded_by, import_seq, amends);
CREATE TEMP TABLE l (task_pk, assignee_pk, feedback_pk, unit_pk, status, percent, note, by, at);
CREATE TEMP TABLE s (pk, state, returned_at);
CREATE TEMP TABLE i (pk, seq, file, digest, entries, added, recorded_at, recorded_by);
.import --csv $fl-feedback.csv f
.import --csv $fl-latest.csv l
.import --csv $fl-state.csv s
.import --csv $fl-import.csv i
BEGIN IMMEDIATE;
INSERT INTO import (pk, seq, file, digest, entries, added, recorded_at, recorded_by)
    SELECT * FROM i;
INSERT INTO feedback (pk, task_pk, assignee_pk, unit_pk, status, percent, note, by, at,
        recorded_at, rank, at_given, obligation, seq, same, recorded_by, import_seq, amends)
    SELECT pk, task_pk, assignee_pk, unit_pk, status, nullif(percent, ''), note, by, at,
        recorded_at, rank, at_given, nullif(obligation, ''), seq, same, recorded_by,
        nullif(import_seq, ''), nullif(amends, '') FROM f;
INSERT INTO latest (task_pk, assignee_pk, feedback_pk, unit_pk, status, percent, note, by, at)
    SELECT task_pk, assignee_pk, feedback_pk, unit_pk, status, nullif(percent, ''), note, by, at
    FROM l;
UPDATE task SET state = s.state, returned_at = s.returned_at FROM s WHERE s.pk = task.pk;
COMMIT;
EOF
    measure "$n" "floor: feedback --from (batch)" "cp $db.plan-only $fl.db; rm -f $fl.db-wal $fl.db-shm" \
        "sqlite3 $fl.db < $fl-import.sql"
    d=第100处
    task_id=$(sed -n 's/^id = "\([0-9]*\.[0-9]*\)"$/\1/p' "$plan" | sed -n '123p')
    measure "$n" "list --division" "" "$TASKS --db $db list --division $d --format table"
    measure "$n" "list --division (json)" "" "$TASKS --db $db list --division $d --format json"
    measure "$n" "show" "" "$TASKS --db $db show $task_id"
    measure "$n" "report" "" "$TASKS --db $db report --format table"
    measure "$n" "report (json)" "" "$TASKS --db $db report --format json"
    measure "$n" "report (xlsx)" "" "$TASKS --db $db report --format xlsx --output $BENCH_DIR/report-$n.xlsx"
    measure "$n" "report (html)" "" "$TASKS --db $db report --format html --output $BENCH_DIR/report-$n.html"
    measure "$n" "report --summary" "" "$TASKS --db $db report --summary --format table"
    measure "$n" "check" "" "$TASKS --db $db check" 1
    lead=$("$TASKS" --db "$db" show "$task_id" --format json | jq -r .lead)
    measure "$n" "feedback (one entry)" "" \
        "$TASKS --db $db feedback $task_id --division $lead --status in-progress --percent 50 --note bench"

    # The floor: the same questions asked of the same file with sqlite3.
    unit="(SELECT pk FROM unit WHERE name = '$d')"
    measure "$n" "floor: list --division" "" \
        "sqlite3 $db \"SELECT t.id, t.title, coalesce(t.due, p.due), u.name, a.role, l.status, l.percent, l.note
          FROM assignment a JOIN task t ON t.pk = a.task_pk JOIN plan p ON p.pk = t.plan_pk
          JOIN unit u ON u.pk = a.unit_pk
          LEFT JOIN latest l ON l.task_pk = a.task_pk AND l.assignee_pk = a.unit_pk
          WHERE a.task_pk IN (SELECT task_pk FROM assignment WHERE unit_pk IN
                  (SELECT $unit UNION SELECT group_pk FROM group_member WHERE member_pk = $unit))
            AND NOT t.withdrawn ORDER BY t.ord, a.role = 'support', a.ord\""
    # The per-section counts, alone for the summary; then every task's lines.
    counts="SELECT s.id, count(*), sum(l.status IS NULL), sum(l.status = 'in-progress'),
                sum(l.status = 'blocked'), sum(l.status = 'done'),
                sum(coalesce(t.due, p.due) < date('2026-11-27') AND coalesce(l.status, '') <> 'done')
          FROM task t JOIN plan p ON p.pk = t.plan_pk JOIN section s ON s.pk = t.section_pk
          JOIN assignment a ON a.task_pk = t.pk AND a.role = 'lead'
          LEFT JOIN latest l ON l.task_pk = t.pk AND l.assignee_pk = a.unit_pk
          WHERE NOT t.withdrawn GROUP BY s.pk ORDER BY s.ord"
    measure "$n" "floor: report" "" \
        "sqlite3 $db \"$counts;
          SELECT t.id, t.title, coalesce(t.due, p.due), u.name, a.role, l.status, l.percent, l.note, l.at
          FROM task t JOIN plan p ON p.pk = t.plan_pk JOIN assignment a ON a.task_pk = t.pk
          JOIN unit u ON u.pk = a.unit_pk
          LEFT JOIN latest l ON l.task_pk = t.pk AND l.assignee_pk = a.unit_pk
          WHERE NOT t.withdrawn ORDER BY t.ord, a.role = 'support', a.ord\""
    measure "$n" "floor: report --summary" "" "sqlite3 $db \"$counts\""
    measure "$n" "floor: check" "" \
        "sqlite3 $db \"SELECT t.id, u.name, coalesce(t.due, p.due)
          FROM task t JOIN plan p ON p.pk = t.plan_pk
          JOIN assignment a ON a.task_pk = t.pk AND a.role = 'lead' JOIN unit u ON u.pk = a.unit_pk
          LEFT JOIN latest l ON l.task_pk = t.pk AND l.assignee_pk = a.unit_pk
          WHERE NOT t.withdrawn AND coalesce(l.status, '') <> 'done'
            AND coalesce(t.due, p.due) < date('2026-12-04')\""

    # The peer: Taskwarrior, the lead as project, the due dates, done tasks
    # completed.
    if [ "$n" -le "$TW_MAX" ]; then
        tw=$BENCH_DIR/tw-$n
        rc=$BENCH_DIR/taskrc-$n
        printf 'data.location=%s\nconfirmation=off\nverbose=nothing\ncolor=off\nhooks=off\nnews.version=2.6.2\n' \
            "$tw" >"$rc"
        export TASKRC=$rc
        measure "$n" "taskwarrior: import" "rm -rf $tw; mkdir -p $tw" \
            "task import taskwarrior-$n.json"
        measure "$n" "taskwarrior: project list" "" "task project.is:$d list"
        measure "$n" "taskwarrior: summary" "" "task summary"
        measure "$n" "taskwarrior: +OVERDUE count" "" "task +OVERDUE count" 1
        unset TASKRC
    fi
done

# A notice of about a hundred pages (30 sections of 20 items, each item a
# paragraph of some 250 characters with its 责任处室 line and a deadline):
# `tasks import` reads it and writes the draft plan.
notice=$BENCH_DIR/notice-100-pages.txt
awk 'function cn(n,   d) {
         split("一 二 三 四 五 六 七 八 九", d, " ")
         if (n < 10) return d[n]
         return (n >= 20 ? d[int(n / 10)] : "") "十" (n % 10 ? d[n % 10] : "")
     }
     BEGIN {
         print "示例省发展和改革委员会关于印发2016年重点工作任务分解方案的通知"
         print "示发改办〔2016〕100号"
         print "各处室、直属单位："
         print "有关工作完成情况请于每季度末反馈办公室汇总。"
         print "示例省发展和改革委员会"
         print "2016年3月1日"
         for (s = 1; s <= 30; s++) {
             print cn(s) "、第" s "方面的重点工作"
             for (i = 1; i <= 20; i++) {
                 printf "（%s）推进第%d项重点工作。围绕全省经济社会发展大局，细化工作措施，明确时间节点，", cn(i), i
                 printf "加强统筹协调和跟踪督办，及时研究解决工作推进中遇到的困难和问题，确保各项任务按期完成。"
                 printf "对照年度目标，逐月梳理进展情况，形成工作台账，做到底数清、情况明，"
                 printf "于%d月底前完成阶段性任务，年底前全面完成。\n", (i % 12) + 1
                 printf "责任处室：第%d处、第%d处、办公室\n", (s + i) % 25 + 1, (s * i) % 25 + 1
             }
         }
     }' >"$notice"
echo "notice: $(wc -c <"$notice") bytes, $(grep -c '^（' "$notice") items" >&2
measure 0 "import (100-page notice)" "" "$TASKS import $notice"

# The table: each command with its floor and its peer, where there is one.
awk -F'\t' '
    { ms[$1 FS $2] = $3; kb[$1 FS $2] = $4; if (!($1 in seen)) { seen[$1]; order[++n] = $1 } }
    function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "" : sprintf("%.2f", a / b) }
    END {
        ncmds = split("load (fresh)|load (unchanged)|feedback --from (2,000-row xlsx)|feedback --from (batch)|list --division|list --division (json)|show|report|report (json)|report (xlsx)|report (html)|report --summary|check|feedback (one entry)", cmds, "|")
        floor["feedback --from (batch)"] = "floor: feedback --from (batch)"
        floor["list --division"] = "floor: list --division"
        floor["list --division (json)"] = "floor: list --division"
        floor["report"] = "floor: report"
        floor["report (json)"] = "floor: report"
        floor["report (xlsx)"] = "floor: report"
        floor["report (html)"] = "floor: report"
        floor["report --summary"] = "floor: report --summary"
        floor["check"] = "floor: check"
        peer["load (fresh)"] = "taskwarrior: import"
        peer["list --division"] = "taskwarrior: project list"
        peer["report"] = "taskwarrior: summary"
        peer["report --summary"] = "taskwarrior: summary"
        peer["check"] = "taskwarrior: +OVERDUE count"
        printf "| tasks | command | median ms | peak MB | floor ms | x floor | Taskwarrior ms | Taskwarrior / tasks |\n"
        printf "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n"
        for (i = 1; i <= n; i++) {
            s = order[i]
            for (j = 1; j <= ncmds; j++) {
                c = cmds[j]; k = s FS c
                if (!(k in ms)) continue
                f = (c in floor) ? ms[s FS floor[c]] : ""
                p = (c in peer) ? ms[s FS peer[c]] : ""
                printf "| %d | %s | %.1f | %.1f | %s | %s | %s | %s |\n", s, c, ms[k], kb[k] / 1024,
                    (f == "" ? "" : sprintf("%.1f", f)), ratio(ms[k], f),
                    (p == "" ? "" : sprintf("%.1f", p)), ratio(p, ms[k])
            }
        }
    }' "$results"
awk -F'\t' '$2 == "import (100-page notice)" {
    printf "\n| notice | command | median ms | peak MB |\n| --- | --- | ---: | ---: |\n"
    printf "| 100 pages, 600 items | tasks import | %.1f | %.1f |\n", $3, $4 / 1024 }' "$results"
