//! Voids: a record taken back with `tasks void` (or `feedback --amend`) is
//! kept, marked, and everything derived from the records is as if it had
//! never been made.
//!
//! The property test records a random history on the seed plan — entries
//! one by one and in small batch files, reviews, events and reports on the
//! obligations they open — voids a random part of it, and compares every
//! reading command with a second database where only the records never
//! voided were made. The other tests are the rules of what may be voided,
//! told as refusals that change nothing, and voids made by several
//! processes at once.
//!
//! `TASKS_VOID_STATS=1 cargo test --test integration voids -- --nocapture`
//! prints, for each generated history, how many records of each kind stood
//! and were voided, and how many voids were refused for records resting on
//! theirs.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use chrono::{NaiveDateTime, TimeDelta};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;
use serde_json::Value;

use crate::support::{integrity, json_at, Env, Run};

/// Proptest's settings with `cases` unless PROPTEST_CASES says otherwise,
/// and no failure files written into the source tree.
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// (task, a division that reports on it). The first division named for a
/// task is its lead, whose `done` can be reviewed.
const REPORTERS: &[(&str, &str)] = &[
    ("1.1", "信用办"),
    ("1.1", "数字福建技术应用处"),
    ("1.7", "法规处"),
    ("1.7", "政策法规处"),
    ("2.4", "办公室"),
    ("2.5", "办公室"),
    ("2.5", "新闻中心"),
    ("3.3", "各政策起草处室"),
    ("3.3", "新闻中心"),
];

/// Whether each reporter is its task's lead.
const LEAD: [bool; 9] = [true, false, true, true, true, true, false, true, false];

/// An entry of a lead saying its task is done: a review may answer it.
fn lead_done(e: &Entry) -> bool {
    LEAD[e.who] && STATUSES[e.status] == "done"
}

/// The tasks the reporters report on, whose `show` is compared.
const TASKS: &[&str] = &["1.1", "1.7", "2.4", "2.5", "3.3"];

/// (task, event kind, whether it opens an obligation): the rules of the
/// seed plan.
const EVENTS: &[(&str, &str, bool)] = &[
    ("3.3", "政策文件公开", true),
    ("3.3", "主要负责人解读重要政策", false),
    ("2.5", "特别重大、重大突发事件", true),
];

/// (task, division) reporting on an obligation of the task.
const OBLIGATION_REPORTERS: &[(&str, &str)] = &[
    ("3.3", "各政策起草处室"),
    ("3.3", "新闻中心"),
    ("2.5", "办公室"),
    ("2.5", "新闻中心"),
];

/// Statuses, `done` thrice so that reviews often find a task done.
const STATUSES: &[&str] = &[
    "not-started",
    "in-progress",
    "blocked",
    "done",
    "done",
    "done",
    "推进中",
];
const PERCENTS: &[Option<u8>] = &[None, Some(30), Some(60)];

/// When the history starts: the day after the plan was issued.
const START: &str = "2016-06-21T09:00";

fn parse(t: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M").expect("a time")
}

fn fmt(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M").to_string()
}

// ---------------------------------------------------------------------------
// The property: voided records are as if never made.
// ---------------------------------------------------------------------------

/// A feedback entry: which reporter, status, percent, and how many hours
/// before the clock it is dated (`--at`), if it is dated.
#[derive(Debug, Clone)]
struct Entry {
    who: usize,
    status: usize,
    percent: usize,
    back: Option<u32>,
}

#[derive(Debug, Clone)]
enum Op {
    /// `tasks feedback TASK --division D --status S ...`
    Feedback(Entry),
    /// The same with `--amend REF`: REF one of the task's standing entries
    /// made one by one.
    Amend(Entry, Index),
    /// `tasks review TASK --accept|--return` of one of the tasks done (of
    /// task 1.1 when none is).
    Review(Index, bool),
    /// `tasks event TASK KIND --at` some hours back.
    Event(usize, u32),
    /// `tasks feedback TASK#N`: N one of the obligations opened so far.
    Obligation(usize, Index, usize),
    /// `tasks feedback --from FILE.csv` of a few entries.
    Import(Vec<Entry>),
}

#[derive(Debug, Clone)]
struct Step {
    /// Hours the clock moves on before the step.
    gap: u32,
    op: Op,
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        0..REPORTERS.len(),
        0..STATUSES.len(),
        0..PERCENTS.len(),
        prop::option::of(0u32..72),
    )
        .prop_map(|(who, status, percent, back)| Entry {
            who,
            status,
            percent,
            back,
        })
}

fn step() -> impl Strategy<Value = Step> {
    let op = prop_oneof![
        5 => entry().prop_map(Op::Feedback),
        1 => (entry(), any::<Index>()).prop_map(|(e, i)| Op::Amend(e, i)),
        4 => (any::<Index>(), prop::bool::weighted(0.35)).prop_map(|(t, a)| Op::Review(t, a)),
        2 => (0..EVENTS.len(), 0u32..48).prop_map(|(e, b)| Op::Event(e, b)),
        2 => (0..OBLIGATION_REPORTERS.len(), any::<Index>(), 0..STATUSES.len())
            .prop_map(|(w, i, s)| Op::Obligation(w, i, s)),
        2 => prop::collection::vec(entry(), 1..4).prop_map(Op::Import),
    ];
    (1u32..240, op).prop_map(|(gap, op)| Step { gap, op })
}

/// A record to void: which one, among the weighty ones when the first
/// flag says so, and whether to void first the records that rest on
/// it, should the void be refused for them.
#[derive(Debug, Clone)]
struct Pick {
    which: Index,
    weighty: bool,
    dependents_first: bool,
}

/// A history, then which records to void.
fn void_case() -> impl Strategy<Value = (Vec<Step>, Vec<Pick>)> {
    (
        prop::collection::vec(step(), 4..16),
        prop::collection::vec(
            (any::<Index>(), any::<bool>(), any::<bool>()).prop_map(
                |(which, weighty, dependents_first)| Pick {
                    which,
                    weighty,
                    dependents_first,
                },
            ),
            0..10,
        ),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Entry,
    Review,
    Event,
    Import,
}

impl Kind {
    fn id(self) -> &'static str {
        match self {
            Kind::Entry => "feedback",
            Kind::Review => "review",
            Kind::Event => "event",
            Kind::Import => "import",
        }
    }
}

/// A record made, as the test knows it.
#[derive(Debug, Clone)]
struct Rec {
    kind: Kind,
    /// The task (none for an import).
    task: Option<&'static str>,
    /// An event that opens an obligation.
    trigger: bool,
    /// An entry on an obligation.
    on_obligation: bool,
    /// An entry made one by one (not by an import), which may be amended.
    single: bool,
    /// For an import's entry, the import; for an import, its entries.
    import: Option<i64>,
    rows: Vec<i64>,
    /// A record whose void changes much: one others may come to rest on
    /// (a lead's `done`, an import with one, an event that opens an
    /// obligation), a review, a report on an obligation.
    weighty: bool,
    voided: bool,
}

impl Rec {
    fn new(kind: Kind, task: Option<&'static str>) -> Rec {
        Rec {
            kind,
            task,
            trigger: false,
            on_obligation: false,
            single: false,
            import: None,
            rows: Vec::new(),
            weighty: kind == Kind::Review,
            voided: false,
        }
    }
}

/// A step that recorded something: when, how to make it again, and the
/// record it made (an entry, a review, an event or an import).
struct Made {
    clock: String,
    args: Vec<String>,
    /// For an import: the file's name and text.
    file: Option<(String, String)>,
    record: i64,
}

/// What the test knows of a database it writes to.
#[derive(Default)]
struct Model {
    recs: BTreeMap<i64, Rec>,
    voids: Vec<i64>,
    /// Trigger events recorded per task: the obligations opened.
    triggers: HashMap<&'static str, u32>,
    made: Vec<Made>,
    /// Voids refused for the records resting on their record, and voids
    /// made after those.
    rest_refusals: usize,
    after_dependents: usize,
}

impl Model {
    /// The number the next record gets: numbers are given in order.
    fn next(&self) -> i64 {
        let last = self.recs.keys().next_back().copied().unwrap_or(0);
        last.max(self.voids.iter().copied().max().unwrap_or(0)) + 1
    }

    fn add(&mut self, number: i64, rec: Rec) {
        assert!(
            self.recs.insert(number, rec).is_none(),
            "#{number} given twice"
        );
    }
}

fn entry_args(e: &Entry, clock: NaiveDateTime, note: &str) -> Vec<String> {
    let (task, division) = REPORTERS[e.who];
    let mut args: Vec<String> = ["feedback", task, "--division", division, "--status"]
        .map(str::to_string)
        .into();
    args.push(STATUSES[e.status].to_string());
    if let (Some(p), false) = (PERCENTS[e.percent], STATUSES[e.status] == "done") {
        args.extend(["--percent".to_string(), p.to_string()]);
    }
    if let Some(at) = entry_at(e, clock) {
        args.extend(["--at".to_string(), at]);
    }
    args.extend(["--note".to_string(), note.to_string()]);
    args
}

/// The time an entry states, never before the plan was issued.
fn entry_at(e: &Entry, clock: NaiveDateTime) -> Option<String> {
    e.back.map(|h| {
        let at = (clock - TimeDelta::hours(h.into())).max(parse("2016-06-20T08:00"));
        fmt(at)
    })
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// Runs a write; when it is refused, checks that the refusal is one clear
/// message and changed nothing. Returns the run.
fn write(env: &Env, clock: &str, args: &[String]) -> Result<Run, TestCaseError> {
    let before = env.snapshot();
    let run = env.tasks_at(clock, &strs(args));
    if run.status != 0 {
        prop_assert_eq!(run.status, 2, "{:?}: {}", args, run.stderr);
        prop_assert!(
            run.stderr.starts_with("error: "),
            "{:?}: {}",
            args,
            run.stderr
        );
        prop_assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        prop_assert_eq!(run.stdout.as_str(), "");
        prop_assert!(
            before == env.snapshot(),
            "{:?} was refused but changed the database",
            args
        );
    }
    Ok(run)
}

/// The tasks of `TASKS` done at `now`.
fn done_tasks(env: &Env, now: &str) -> Vec<&'static str> {
    let done = env
        .tasks_at(now, &["list", "--status", "done", "--format", "json"])
        .json();
    done.as_array()
        .expect("tasks")
        .iter()
        .filter_map(|t| TASKS.iter().find(|id| t["id"] == **id).copied())
        .collect()
}

/// Records entry `e` one by one, amending one of its task's entries made
/// one by one when `amend` picks one.
fn entry_step(
    env: &Env,
    m: &mut Model,
    e: &Entry,
    amend: Option<&Index>,
    clock: NaiveDateTime,
    note: &str,
) -> Result<(), TestCaseError> {
    let now = fmt(clock);
    let (task, _) = REPORTERS[e.who];
    let plain = entry_args(e, clock, note);
    let mut args = plain.clone();
    let mut amended = None;
    if let Some(pick) = amend {
        let candidates: Vec<i64> = m
            .recs
            .iter()
            .filter(|(_, r)| r.kind == Kind::Entry && r.single && !r.voided && r.task == Some(task))
            .map(|(n, _)| *n)
            .collect();
        if candidates.is_empty() {
            return Ok(());
        }
        let n = candidates[pick.index(candidates.len())];
        args.extend([
            "--amend".to_string(),
            format!("#{n}"),
            "--reason".to_string(),
            "填错了".to_string(),
        ]);
        amended = Some(n);
    }
    args.extend(["--format".to_string(), "json".to_string()]);
    let run = write(env, &now, &args)?;
    if run.status != 0 {
        // A task closed, or an amended entry a review answered.
        prop_assert!(
            run.stderr.contains("closed") || run.stderr.contains(" rest on #"),
            "{:?}: {}",
            args,
            run.stderr
        );
        return Ok(());
    }
    let out: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let mut next = m.next();
    if let Some(n) = amended {
        prop_assert_eq!(&out["amends"], &serde_json::json!(n));
        prop_assert_eq!(&out["amend_void"], &serde_json::json!(next));
        m.recs.get_mut(&n).expect("amended").voided = true;
        m.voids.push(next);
        next += 1;
    }
    prop_assert_eq!(&out["number"], &serde_json::json!(next));
    m.add(
        next,
        Rec {
            single: true,
            weighty: lead_done(e),
            ..Rec::new(Kind::Entry, Some(task))
        },
    );
    m.made.push(Made {
        clock: now,
        args: plain,
        file: None,
        record: next,
    });
    Ok(())
}

/// Applies the steps to `env`, recording what was made.
fn apply(env: &Env, steps: &[Step]) -> Result<(Model, NaiveDateTime), TestCaseError> {
    let mut m = Model::default();
    let mut clock = parse(START);
    for (i, s) in steps.iter().enumerate() {
        clock += TimeDelta::hours(s.gap.into());
        let now = fmt(clock);
        let note = format!("第{i}步");
        match &s.op {
            Op::Feedback(e) => entry_step(env, &mut m, e, None, clock, &note)?,
            Op::Amend(e, pick) => entry_step(env, &mut m, e, Some(pick), clock, &note)?,
            Op::Review(pick, accept) => {
                let decision = if *accept { "--accept" } else { "--return" };
                let mut done = done_tasks(env, &now);
                if done.is_empty() {
                    // The lead of one of the tasks reports it done first.
                    let who = LEAD.iter().enumerate().filter(|(_, l)| **l).map(|(w, _)| w);
                    let who: Vec<usize> = who.collect();
                    let e = Entry {
                        who: who[pick.index(who.len())],
                        status: 3,
                        percent: 0,
                        back: None,
                    };
                    entry_step(env, &mut m, &e, None, clock, &format!("{note}完成"))?;
                    done = done_tasks(env, &now);
                    if done.is_empty() {
                        continue;
                    }
                }
                let task = done[pick.index(done.len())];
                let args: Vec<String> = ["review", task, decision, "--note", &note]
                    .map(str::to_string)
                    .into();
                let run = write(env, &now, &args)?;
                if run.status != 0 {
                    prop_assert!(
                        run.stderr
                            .contains("only a task its lead division reported done")
                            || run.stderr.contains("already closed"),
                        "{}",
                        run.stderr
                    );
                    continue;
                }
                let next = m.next();
                m.add(next, Rec::new(Kind::Review, Some(task)));
                m.made.push(Made {
                    clock: now,
                    args,
                    file: None,
                    record: next,
                });
            }
            Op::Event(k, back) => {
                let (task, kind, trigger) = EVENTS[*k];
                let at =
                    fmt((clock - TimeDelta::hours((*back).into())).max(parse("2016-06-20T08:00")));
                let args: Vec<String> = ["event", task, kind, "--at", &at, "--note", &note]
                    .map(str::to_string)
                    .into();
                let run = write(env, &now, &args)?;
                if run.status != 0 {
                    prop_assert!(run.stderr.contains("is closed"), "{}", run.stderr);
                    continue;
                }
                let next = m.next();
                if trigger {
                    *m.triggers.entry(task).or_default() += 1;
                }
                m.add(
                    next,
                    Rec {
                        trigger,
                        weighty: trigger,
                        ..Rec::new(Kind::Event, Some(task))
                    },
                );
                m.made.push(Made {
                    clock: now,
                    args,
                    file: None,
                    record: next,
                });
            }
            Op::Obligation(w, pick, status) => {
                let (task, division) = OBLIGATION_REPORTERS[*w];
                let opened = m.triggers.get(task).copied().unwrap_or(0);
                if opened == 0 {
                    continue;
                }
                let n = pick.index(opened as usize) + 1;
                let obligation = format!("{task}#{n}");
                let args: Vec<String> = [
                    "feedback",
                    &obligation,
                    "--division",
                    division,
                    "--status",
                    STATUSES[*status],
                    "--note",
                    &note,
                ]
                .map(str::to_string)
                .into();
                let run = write(env, &now, &args)?;
                if run.status != 0 {
                    // The task was closed by a review.
                    prop_assert!(run.stderr.contains("closed"), "{}", run.stderr);
                    continue;
                }
                let next = m.next();
                m.add(
                    next,
                    Rec {
                        on_obligation: true,
                        weighty: true,
                        ..Rec::new(Kind::Entry, Some(task))
                    },
                );
                m.made.push(Made {
                    clock: now,
                    args,
                    file: None,
                    record: next,
                });
            }
            Op::Import(rows) => {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(["task", "division", "status", "percent", "note", "at"])
                    .expect("csv");
                for (j, e) in rows.iter().enumerate() {
                    let (task, division) = REPORTERS[e.who];
                    let percent = match (PERCENTS[e.percent], STATUSES[e.status]) {
                        (Some(p), s) if s != "done" => p.to_string(),
                        _ => String::new(),
                    };
                    let at = entry_at(e, clock).unwrap_or_default();
                    let note = format!("{note}第{j}行");
                    w.write_record([task, division, STATUSES[e.status], &percent, &note, &at])
                        .expect("csv");
                }
                let text = String::from_utf8(w.into_inner().expect("csv")).expect("UTF-8");
                let name = format!("返回{i}.csv");
                env.write(&name, &text);
                let args: Vec<String> = ["feedback", "--from", &name].map(str::to_string).into();
                let run = write(env, &now, &args)?;
                if run.status != 0 {
                    prop_assert!(run.stderr.contains("closed"), "{}", run.stderr);
                    continue;
                }
                let next = m.next();
                prop_assert!(
                    run.stdout.starts_with(&format!("Recorded {} ", rows.len()))
                        && run
                            .stdout
                            .contains(&format!(" from {name} (import #{next})")),
                    "{}",
                    run.stdout
                );
                let numbers: Vec<i64> = (1..=rows.len() as i64).map(|k| next + k).collect();
                m.add(
                    next,
                    Rec {
                        rows: numbers.clone(),
                        weighty: rows.iter().any(lead_done),
                        ..Rec::new(Kind::Import, None)
                    },
                );
                for (n, e) in numbers.iter().zip(rows) {
                    m.add(
                        *n,
                        Rec {
                            import: Some(next),
                            ..Rec::new(Kind::Entry, Some(REPORTERS[e.who].0))
                        },
                    );
                }
                m.made.push(Made {
                    clock: now,
                    args,
                    file: Some((name, text)),
                    record: next,
                });
            }
        }
    }
    Ok((m, clock))
}

/// `history` numbers each record of a task as the test saw it made: the
/// same kinds, the same voids.
fn history_agrees(env: &Env, m: &Model) -> Result<(), TestCaseError> {
    for task in TASKS {
        let history = env.tasks(&["history", task, "--format", "json"]).json();
        let mut shown = BTreeMap::new();
        for item in history.as_array().expect("history") {
            let n = item["number"].as_i64().expect("number");
            let kind = item["kind"].as_str().expect("kind").to_string();
            shown.insert(n, (kind, item["voided_by"].is_number()));
        }
        let want: BTreeMap<i64, (String, bool)> = m
            .recs
            .iter()
            .filter(|(_, r)| r.task == Some(*task))
            .map(|(n, r)| (*n, (r.kind.id().to_string(), r.voided)))
            .collect();
        let records: BTreeMap<i64, (String, bool)> = shown
            .into_iter()
            .filter(|(_, (k, _))| k != "void")
            .collect();
        prop_assert_eq!(records, want, "history of {}", task);
    }
    Ok(())
}

/// The numbers a `rest on` refusal names.
fn resting(stderr: &str) -> Vec<i64> {
    let text = stderr.trim_start_matches("error: ");
    let head = text.split(" rest on ").next().unwrap_or("");
    head.split(", ")
        .map(|n| n.trim_start_matches('#').parse().expect("a record number"))
        .collect()
}

/// `tasks void N` at `clock`; returns the run.
fn void_at(env: &Env, clock: &str, n: i64) -> Result<Run, TestCaseError> {
    let args: Vec<String> = [
        "void".to_string(),
        n.to_string(),
        "--reason".to_string(),
        format!("撤销#{n}"),
        "--format".to_string(),
        "json".to_string(),
    ]
    .into();
    write(env, clock, &args)
}

/// Marks `n` voided by void `v` after a void that succeeded, checking what
/// the command said it voided.
fn voided(m: &mut Model, run: &Run, n: i64) -> Result<(), TestCaseError> {
    let out: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let rec = m.recs.get(&n).expect("a record").clone();
    prop_assert_eq!(&out["voids"], &serde_json::json!(n));
    prop_assert_eq!(&out["kind"], &serde_json::json!(rec.kind.id()));
    prop_assert_eq!(&out["task"], &serde_json::json!(rec.task));
    prop_assert_eq!(&out["number"], &serde_json::json!(m.next()));
    m.voids.push(m.next());
    for row in &rec.rows {
        m.recs.get_mut(row).expect("row").voided = true;
    }
    m.recs.get_mut(&n).expect("a record").voided = true;
    Ok(())
}

/// Voids the records picked, the latest first; returns the clock after.
fn void_picked(
    env: &Env,
    m: &mut Model,
    picks: &[Pick],
    mut clock: NaiveDateTime,
) -> Result<NaiveDateTime, TestCaseError> {
    let pool = |weighty: bool| -> Vec<i64> {
        m.recs
            .iter()
            .filter(|(_, r)| !r.voided && r.import.is_none() && (r.weighty || !weighty))
            .map(|(n, _)| *n)
            .collect()
    };
    let (all, weighty) = (pool(false), pool(true));
    let mut chosen: BTreeMap<i64, bool> = BTreeMap::new();
    for pick in picks {
        let from = if pick.weighty && !weighty.is_empty() {
            &weighty
        } else {
            &all
        };
        if !from.is_empty() {
            chosen.insert(from[pick.which.index(from.len())], pick.dependents_first);
        }
    }
    for (&n, &dependents_first) in chosen.iter().rev() {
        let rec = m.recs[&n].clone();
        if rec.voided {
            continue;
        }
        // Obligations keep their numbers when an event is voided: voiding
        // one before a later trigger event of its task would renumber the
        // rest in a database where it was never made.
        if rec.trigger
            && m.recs
                .range(n + 1..)
                .any(|(_, r)| r.trigger && !r.voided && r.task == rec.task)
        {
            continue;
        }
        clock += TimeDelta::hours(1);
        let run = void_at(env, &fmt(clock), n)?;
        if run.status == 0 {
            voided(m, &run, n)?;
            continue;
        }
        prop_assert!(
            run.stderr
                .contains(&format!(" rest on #{n}: void them first")),
            "#{}: {}",
            n,
            run.stderr
        );
        m.rest_refusals += 1;
        let on = resting(&run.stderr);
        prop_assert!(!on.is_empty());
        for d in &on {
            let dep = m.recs.get(d).cloned();
            prop_assert!(dep.is_some(), "#{} rests on #{}: no such record", d, n);
            let dep = dep.unwrap();
            prop_assert!(!dep.voided && *d > n, "#{} rests on #{}", d, n);
            match rec.kind {
                Kind::Entry => {
                    prop_assert!(dep.kind == Kind::Review && dep.task == rec.task)
                }
                Kind::Import => prop_assert!(
                    dep.kind == Kind::Review && rec.rows.iter().any(|r| m.recs[r].task == dep.task)
                ),
                Kind::Event => prop_assert!(
                    dep.kind == Kind::Entry && dep.on_obligation && dep.task == rec.task
                ),
                Kind::Review => prop_assert!(false, "a review was said to have records on it"),
            }
        }
        if dependents_first {
            for d in on {
                clock += TimeDelta::hours(1);
                let run = void_at(env, &fmt(clock), d)?;
                prop_assert_eq!(run.status, 0, "{}", run.stderr);
                voided(m, &run, d)?;
            }
            clock += TimeDelta::hours(1);
            let run = void_at(env, &fmt(clock), n)?;
            prop_assert_eq!(run.status, 0, "#{}: {}", n, run.stderr);
            voided(m, &run, n)?;
            m.after_dependents += 1;
        }
    }
    Ok(clock)
}

/// A void of something voided already (an entry voided with its import
/// among them), and a void of a void, are refused and change nothing.
fn voids_are_final(env: &Env, m: &Model, clock: NaiveDateTime) -> Result<(), TestCaseError> {
    let now = fmt(clock + TimeDelta::hours(1));
    if let Some((n, _)) = m.recs.iter().find(|(_, r)| r.voided && r.import.is_none()) {
        let run = void_at(env, &now, *n)?;
        prop_assert_eq!(run.status, 2);
        prop_assert!(
            run.stderr
                .starts_with(&format!("error: #{n} was voided already, by #")),
            "{}",
            run.stderr
        );
    }
    // An entry voided with its import is voided already too.
    if let Some((n, _)) = m
        .recs
        .iter()
        .find(|(_, r)| r.import.is_some_and(|i| m.recs[&i].voided))
    {
        let run = void_at(env, &now, *n)?;
        prop_assert_eq!(run.status, 2);
        prop_assert!(
            run.stderr
                .starts_with(&format!("error: #{n} was voided already, by #")),
            "{}",
            run.stderr
        );
    }
    if let Some(v) = m.voids.first() {
        let run = void_at(env, &now, *v)?;
        prop_assert_eq!(run.status, 2);
        prop_assert_eq!(
            run.stderr,
            format!(
                "error: #{v} is a void, which is final: to restore what it voided, record it again\n"
            )
        );
    }
    Ok(())
}

/// Makes again, in a fresh database, the records of `m` never voided.
fn replay(m: &Model) -> Result<Env, TestCaseError> {
    let env = Env::seeded();
    for made in &m.made {
        let rec = &m.recs[&made.record];
        if rec.voided {
            continue;
        }
        // Imports are voided whole, or their entries all stand.
        prop_assert!(rec.rows.iter().all(|r| !m.recs[r].voided));
        if let Some((name, text)) = &made.file {
            env.write(name, text);
        }
        let run = env.tasks_at(&made.clock, &strs(&made.args));
        prop_assert_eq!(run.status, 0, "{:?}: {}", made.args, run.stderr);
    }
    Ok(env)
}

/// Every reading command at `as_of` (when `all`; else the report by
/// section and check), without record numbers: JSON where there is JSON,
/// with the exit status.
fn readings(env: &Env, as_of: &str, all: bool) -> Vec<(String, i32, String)> {
    let mut out = Vec::new();
    let mut read = |args: &[&str], strip: bool| {
        let mut all = args.to_vec();
        all.extend(["--as-of", as_of]);
        let run = env.tasks(&all);
        let mut text = run.stdout;
        if strip {
            let mut v: Value = serde_json::from_str(&text).expect("JSON");
            if let Some(o) = v.as_object_mut() {
                o.remove("history");
            }
            text = serde_json::to_string_pretty(&v).expect("JSON");
        }
        out.push((
            format!("{as_of} {}", args.join(" ")),
            run.status,
            text + &run.stderr,
        ));
    };
    read(&["report", "--format", "json"], false);
    read(&["check", "--format", "json", "--within", "30d"], false);
    if !all {
        return out;
    }
    read(&["report", "--format", "json", "--by", "division"], false);
    read(&["check", "--format", "json"], false);
    read(&["list", "--overdue", "--format", "json"], false);
    read(&["list", "--format", "json"], false);
    read(&["remind"], false);
    for task in TASKS {
        read(&["show", task, "--format", "json"], true);
    }
    out
}

/// The states kept at write time, by content: each task's state and
/// earliest latest return, and each assignee's latest entry.
fn kept(env: &Env) -> Vec<String> {
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let mut rows: Vec<String> = conn
        .prepare("SELECT id, state, returned_at FROM task ORDER BY pk")
        .expect("prepare")
        .query_map([], |r| {
            Ok(format!(
                "task {} {} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?
            ))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let latest: Vec<String> = conn
        .prepare(
            "SELECT t.id, a.name, u.name, l.status, l.percent, l.note, l.by, l.at, f.note, f.voided
             FROM latest l JOIN task t ON t.pk = l.task_pk JOIN unit a ON a.pk = l.assignee_pk
             JOIN unit u ON u.pk = l.unit_pk JOIN feedback f ON f.pk = l.feedback_pk
             ORDER BY t.pk, a.pk",
        )
        .expect("prepare")
        .query_map([], |r| {
            Ok(format!(
                "latest {} {} {} {} {:?} {} {} {} {} {:?}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<i64>>(9)?,
            ))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    rows.extend(latest);
    rows
}

/// Where two readings differ: the command, and the first lines that differ
/// with a little of what comes before.
fn difference(a: &(String, i32, String), b: &(String, i32, String)) -> String {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.2.lines().collect(), b.2.lines().collect());
    let at = x.iter().zip(&y).take_while(|(p, q)| p == q).count();
    let from = at.saturating_sub(12);
    let end = |v: &[&str]| (at + 3).min(v.len());
    format!(
        "`{}` differs (exit {} with the voids, {} without the voided records) at line {}:\n\
         --- with the voids\n{}\n--- without the voided records\n{}",
        a.0,
        a.1,
        b.1,
        at + 1,
        x[from..end(&x)].join("\n"),
        y[from..end(&y)].join("\n")
    )
}

/// Compares the kept states of the two databases, and the readings at each
/// time (all of them from the second time on).
fn compare(a: &Env, b: &Env, times: &[String]) -> Result<(), TestCaseError> {
    prop_assert_eq!(kept(a), kept(b), "kept states");
    // The two databases are read at once, each by its own thread.
    let (x, y) = std::thread::scope(|s| {
        let read = |env: &Env| -> Vec<_> {
            times
                .iter()
                .enumerate()
                .flat_map(|(i, t)| readings(env, t, i > 0))
                .collect()
        };
        let x = s.spawn(move || read(a));
        let y = read(b);
        (x.join().expect("reader"), y)
    });
    for (x, y) in x.into_iter().zip(y) {
        prop_assert!(x == y, "{}", difference(&x, &y));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn voided_records_are_as_if_never_made((steps, picks) in void_case()) {
        let a = Env::seeded();
        let (mut m, end) = apply(&a, &steps)?;
        let clock = void_picked(&a, &mut m, &picks, end)?;
        voids_are_final(&a, &m, clock)?;
        history_agrees(&a, &m)?;
        let b = replay(&m)?;
        let middle = m.made.get(m.made.len() / 2).map_or(START.to_string(), |x| x.clock.clone());
        let times = [middle, fmt(end), "2017-01-10T09:00".to_string()];
        compare(&a, &b, &times)?;
        if std::env::var("TASKS_VOID_STATS").is_ok() {
            let count = |k: Kind, v: bool| m.recs.values().filter(|r| r.kind == k && r.voided == v).count();
            eprintln!("STATS entries {}/{} reviews {}/{} events {}/{} imports {}/{} voids {} refused {} after {}",
                count(Kind::Entry, false), count(Kind::Entry, true),
                count(Kind::Review, false), count(Kind::Review, true),
                count(Kind::Event, false), count(Kind::Event, true),
                count(Kind::Import, false), count(Kind::Import, true), m.voids.len(), m.rest_refusals, m.after_dependents);
        }
    }
}

// ---------------------------------------------------------------------------
// The rules of what may be voided: refusals, each one clear message that
// changes nothing.
// ---------------------------------------------------------------------------

/// The clock of the rules' tests.
const NOW: &str = "2016-09-01T10:00";

/// `TASKS_NOW=NOW tasks ARGS`, expected to be refused: exit 2, one message
/// on stderr, nothing on stdout, the database unchanged. Returns stderr.
#[track_caller]
fn refused(env: &Env, args: &[&str]) -> String {
    let before = env.snapshot();
    let run = env.tasks_at(NOW, args);
    assert_eq!(run.status, 2, "{args:?}: {}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "{args:?}");
    assert!(
        run.stderr.starts_with("error: "),
        "{args:?}: {}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error").count(), 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        before == env.snapshot(),
        "{args:?} was refused but changed the database"
    );
    run.stderr
}

/// Records one entry at NOW; returns its number.
#[track_caller]
fn record(env: &Env, task: &str, division: &str, status: &str) -> i64 {
    let out = env
        .tasks_at(
            NOW,
            &[
                "feedback",
                task,
                "--division",
                division,
                "--status",
                status,
                "--format",
                "json",
            ],
        )
        .json();
    out["number"].as_i64().expect("number")
}

/// Voids `n` at NOW, expecting success; returns the void's number.
#[track_caller]
fn void_ok(env: &Env, n: i64, reason: &str) -> i64 {
    let out = env
        .tasks_at(
            NOW,
            &[
                "void",
                &n.to_string(),
                "--reason",
                reason,
                "--format",
                "json",
            ],
        )
        .json();
    assert_eq!(out["voids"], n);
    out["number"].as_i64().expect("number")
}

/// A task's status as `show` tells it at NOW.
fn status(env: &Env, task: &str) -> String {
    let shown = env
        .tasks_at(NOW, &["show", task, "--format", "json"])
        .json();
    shown["status"].as_str().expect("status").to_string()
}

/// The `voided_by` of each record of a task's history, by number.
fn voided_by(env: &Env, task: &str) -> BTreeMap<i64, Option<i64>> {
    let history = env.tasks(&["history", task, "--format", "json"]).json();
    history
        .as_array()
        .expect("history")
        .iter()
        .filter(|i| i["kind"] != "void")
        .map(|i| (i["number"].as_i64().unwrap(), i["voided_by"].as_i64()))
        .collect()
}

#[test]
fn voiding_a_voided_record_is_refused_naming_the_earlier_void() {
    let env = Env::seeded();
    let n = record(&env, "2.4", "办公室", "in-progress");
    let v = void_ok(&env, n, "误填为推进中");
    let stderr = refused(&env, &["void", &n.to_string(), "--reason", "再次撤销"]);
    assert_eq!(
        stderr,
        format!("error: #{n} was voided already, by #{v} at 2016-09-01 10:00:00: 误填为推进中\n")
    );
    // `--amend` of it likewise.
    let stderr = refused(
        &env,
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "done",
            "--amend",
            &n.to_string(),
        ],
    );
    assert_eq!(
        stderr,
        format!(
            "error: --amend: #{n} was voided already, by #{v} at 2016-09-01 10:00:00: 误填为推进中\n"
        )
    );
}

#[test]
fn a_void_is_final() {
    let env = Env::seeded();
    let n = record(&env, "2.4", "办公室", "in-progress");
    let v = void_ok(&env, n, "误填");
    for reference in [v.to_string(), format!("#{v}"), format!("＃{v}")] {
        let stderr = refused(&env, &["void", &reference, "--reason", "撤回撤销"]);
        assert_eq!(
            stderr,
            format!(
                "error: #{v} is a void, which is final: to restore what it voided, record it again\n"
            )
        );
    }
    assert_eq!(status(&env, "2.4"), "not-started");
}

#[test]
fn an_entry_a_review_answered_is_voided_after_the_review() {
    let env = Env::seeded();
    let done = record(&env, "2.4", "办公室", "done");
    env.tasks_at(NOW, &["review", "2.4", "--return", "--note", "材料不全"])
        .ok();
    let review = done + 1;
    assert_eq!(status(&env, "2.4"), "in-progress");
    let stderr = refused(&env, &["void", &done.to_string(), "--reason", "x"]);
    assert_eq!(
        stderr,
        format!("error: #{review} rest on #{done}: void them first\n")
    );
    let stderr = refused(
        &env,
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "blocked",
            "--amend",
            &done.to_string(),
        ],
    );
    assert_eq!(
        stderr,
        format!("error: --amend: #{review} rest on #{done}: void them first\n")
    );
    // The review voided, the task is done again, awaiting review; then the
    // entry voided, it was never started.
    void_ok(&env, review, "退回有误");
    assert_eq!(status(&env, "2.4"), "done");
    void_ok(&env, done, "误报完成");
    assert_eq!(status(&env, "2.4"), "not-started");
}

#[test]
fn an_accepted_task_reopens_when_the_acceptance_is_voided() {
    let env = Env::seeded();
    let done = record(&env, "2.4", "办公室", "done");
    env.tasks_at(NOW, &["review", "2.4", "--accept"]).ok();
    assert_eq!(status(&env, "2.4"), "closed");
    let stderr = refused(
        &env,
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "blocked",
        ],
    );
    assert!(stderr.contains("closed"), "{stderr}");
    void_ok(&env, done + 1, "尚未验收");
    assert_eq!(status(&env, "2.4"), "done");
    // It takes feedback again.
    env.tasks_at(
        "2016-09-02T10:00",
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "blocked",
        ],
    )
    .ok();
    let shown = json_at(
        &env,
        "2016-09-02T10:00",
        &["show", "2.4", "--format", "json"],
    );
    assert_eq!(shown["status"], "blocked");
}

#[test]
fn an_event_whose_obligation_has_reports_is_voided_after_them() {
    let env = Env::seeded();
    env.tasks_at(NOW, &["event", "3.3", "政策文件公开", "--at", "2016-08-30"])
        .ok();
    let event = 1;
    let obligations = || {
        env.tasks_at(NOW, &["show", "3.3", "--format", "json"])
            .json()["obligations"]
            .clone()
    };
    let before = obligations();
    assert_eq!(before[0]["state"], "open", "{before}");
    let report = record(&env, "3.3#1", "新闻中心", "done");
    let stderr = refused(&env, &["void", &event.to_string(), "--reason", "x"]);
    assert_eq!(
        stderr,
        format!("error: #{report} rest on #{event}: void them first\n")
    );
    assert_eq!(obligations()[0]["state"], "met");
    void_ok(&env, report, "误报");
    assert_eq!(obligations(), before);
    void_ok(&env, event, "文件未公开");
    let shown = env
        .tasks_at(NOW, &["show", "3.3", "--format", "json"])
        .json();
    assert_eq!(shown["obligations"], serde_json::json!([]), "{shown}");
    // What the event opened is gone from check as well.
    let check = env.tasks_at(NOW, &["check", "--format", "json"]);
    assert!(!check.stdout.contains("obligation"), "{}", check.stdout);
    // A report on the obligation is refused now: nothing opened it.
    let stderr = refused(
        &env,
        &[
            "feedback",
            "3.3#1",
            "--division",
            "新闻中心",
            "--status",
            "done",
        ],
    );
    assert!(stderr.contains("3.3"), "{stderr}");
}

#[test]
fn an_import_an_entry_of_which_a_review_answered_is_voided_after_the_review() {
    let env = Env::seeded();
    env.write(
        "returns.csv",
        "task,division,status,note\n2.4,办公室,done,已公开\n1.1,信用办,in-progress,推进中\n",
    );
    env.tasks_at(NOW, &["feedback", "--from", "returns.csv"])
        .ok();
    let import = 1;
    env.tasks_at(NOW, &["review", "2.4", "--accept"]).ok();
    let review = 4;
    let stderr = refused(&env, &["void", &import.to_string(), "--reason", "x"]);
    assert_eq!(
        stderr,
        format!("error: #{review} rest on #{import}: void them first\n")
    );
    void_ok(&env, review, "验收有误");
    void_ok(&env, import, "文件发错");
    assert_eq!(status(&env, "2.4"), "not-started");
    assert_eq!(status(&env, "1.1"), "not-started");
    let imports = env.tasks(&["imports", "--format", "json"]).json();
    assert_eq!(imports[0]["number"], import);
    assert_eq!(imports[0]["voided"], 6);
}

#[test]
fn an_import_voided_keeps_the_voids_made_before_of_its_entries() {
    let env = Env::seeded();
    env.write(
        "returns.csv",
        "task,division,status,note\n2.4,办公室,in-progress,一\n2.4,办公室,blocked,二\n",
    );
    env.tasks_at(NOW, &["feedback", "--from", "returns.csv"])
        .ok();
    let (import, first, second) = (1, 2, 3);
    let v1 = void_ok(&env, first, "第一条有误");
    let v2 = void_ok(&env, import, "整个文件有误");
    assert_eq!(
        voided_by(&env, "2.4"),
        BTreeMap::from([(first, Some(v1)), (second, Some(v2))])
    );
    assert_eq!(status(&env, "2.4"), "not-started");
}

/// An entry voided with its import is voided already: voiding or amending
/// it again is refused, naming the import's void.
#[test]
fn an_entry_of_a_voided_import_is_voided_already() {
    let env = Env::seeded();
    env.write(
        "returns.csv",
        "task,division,status,note\n2.4,办公室,in-progress,一\n1.1,信用办,blocked,二\n",
    );
    env.tasks_at(NOW, &["feedback", "--from", "returns.csv"])
        .ok();
    let (import, entry) = (1, 3);
    let v = void_ok(&env, import, "文件发错");
    let stderr = refused(&env, &["void", &entry.to_string(), "--reason", "再撤一次"]);
    assert_eq!(
        stderr,
        format!("error: #{entry} was voided already, by #{v} at 2016-09-01 10:00:00: 文件发错\n")
    );
    let stderr = refused(
        &env,
        &[
            "feedback",
            "1.1",
            "--division",
            "信用办",
            "--status",
            "done",
            "--amend",
            &entry.to_string(),
        ],
    );
    assert!(
        stderr.contains(&format!("#{entry} was voided already, by #{v}")),
        "{stderr}"
    );
    assert_eq!(voided_by(&env, "1.1"), BTreeMap::from([(entry, Some(v))]));
}

/// A second plan, with a task id of its own.
const OTHER_PLAN: &str = r#"
[plan]
id = "other"
title = "另一方案"
issued = 2016-01-01
office = "办公室"

[[division]]
name = "办公室"

[[section]]
id = "1"
title = "工作"
role = "own"

[[task]]
id = "X1"
section = "1"
title = "另一项任务"
lead = "办公室"
"#;

#[test]
fn plan_names_the_plan_whose_record_is_voided() {
    let env = Env::seeded();
    env.write("other.toml", OTHER_PLAN);
    env.tasks(&["load", "other.toml"]).ok();
    let n = record(&env, "2.4", "办公室", "in-progress");
    let m = record(&env, "X1", "办公室", "in-progress");
    let stderr = refused(
        &env,
        &["void", &n.to_string(), "--reason", "x", "--plan", "other"],
    );
    assert_eq!(
        stderr,
        format!("error: #{n} belongs to plan fjdrc-2016-zwgk, not other\n")
    );
    let stderr = refused(
        &env,
        &[
            "void",
            &n.to_string(),
            "--reason",
            "x",
            "--plan",
            "no-such-plan",
        ],
    );
    assert!(stderr.contains("no-such-plan"), "{stderr}");
    env.tasks_at(
        NOW,
        &[
            "void",
            &n.to_string(),
            "--reason",
            "x",
            "--plan",
            "fjdrc-2016-zwgk",
        ],
    )
    .ok();
    env.tasks_at(
        NOW,
        &["void", &m.to_string(), "--reason", "x", "--plan", "other"],
    )
    .ok();
    assert_eq!(status(&env, "2.4"), "not-started");
    assert_eq!(status(&env, "X1"), "not-started");
}

#[test]
fn amend_takes_only_an_entry_of_the_same_task() {
    let env = Env::seeded();
    let n = record(&env, "2.4", "办公室", "done");
    env.tasks_at(NOW, &["review", "2.4", "--return"]).ok();
    let review = n + 1;
    env.tasks_at(NOW, &["event", "3.3", "主要负责人解读重要政策"])
        .ok();
    let event = n + 2;
    let other = record(&env, "1.1", "信用办", "in-progress");
    let amend = |task: &str, division: &str, reference: i64| -> String {
        refused(
            &env,
            &[
                "feedback",
                task,
                "--division",
                division,
                "--status",
                "done",
                "--amend",
                &reference.to_string(),
            ],
        )
    };
    assert_eq!(
        amend("2.4", "办公室", review),
        format!(
            "error: --amend: #{review} is a review, not a feedback entry: only an entry is amended \
             (void a review with `tasks void`)\n"
        )
    );
    assert_eq!(
        amend("3.3", "新闻中心", event),
        format!(
            "error: --amend: #{event} is a event, not a feedback entry: only an entry is amended \
             (void a event with `tasks void`)\n"
        )
    );
    assert_eq!(
        amend("2.4", "办公室", other),
        format!(
            "error: --amend: #{other} is an entry of task 1.1: an amendment is for the same task\n"
        )
    );
    assert!(amend("2.4", "办公室", 999).contains("#999"));
    // Amending the entry of the right task records the new one in its
    // place, in one go.
    let out = env
        .tasks_at(
            NOW,
            &[
                "feedback",
                "1.1",
                "--division",
                "信用办",
                "--status",
                "blocked",
                "--amend",
                &format!("#{other}"),
                "--reason",
                "状态填错",
                "--format",
                "json",
            ],
        )
        .json();
    assert_eq!(out["amends"], other);
    assert_eq!(status(&env, "1.1"), "blocked");
    let history = env.tasks(&["history", "1.1", "--format", "json"]).json();
    let void = history
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "void")
        .expect("the amendment's void");
    assert_eq!(void["voids"], other);
    assert_eq!(void["note"], "状态填错");
}

// ---------------------------------------------------------------------------
// Several processes at once.
// ---------------------------------------------------------------------------

/// (task, division) pairs of the seed plan, one assignee each.
const PAIRS: [(&str, &str); 8] = [
    ("1.1", "信用办"),
    ("1.2", "数字福建技术应用处"),
    ("1.4", "体改处"),
    ("1.6", "投资处"),
    ("1.7", "法规处"),
    ("2.3", "区域处"),
    ("2.4", "办公室"),
    ("3.3", "新闻中心"),
];

/// When the records the processes void were made, and when they run.
const BEFORE: &str = "2016-09-01T10:00";
const DURING: &str = "2016-09-02T10:00";

/// The entries made one by one before: three per pair, dated apart.
fn earlier_entries() -> Vec<Vec<String>> {
    let statuses = ["in-progress", "blocked", "done", "推进中"];
    let mut out = Vec::new();
    for (k, (task, division)) in PAIRS.iter().enumerate() {
        for j in 0..3 {
            out.push(
                [
                    "feedback",
                    task,
                    "--division",
                    division,
                    "--status",
                    statuses[(k + j) % 4],
                    "--at",
                    &format!("2016-08-{:02}T{:02}:00", 1 + j * 9, 9 + k),
                    "--note",
                    &format!("先前{k}-{j}"),
                ]
                .map(str::to_string)
                .into(),
            );
        }
    }
    out
}

/// A batch file of 40 entries on the pairs.
fn earlier_import() -> String {
    let mut out = String::from("task,division,status,percent,note,at\n");
    for r in 0..40 {
        let (task, division) = PAIRS[r % PAIRS.len()];
        let status = ["in-progress", "blocked", "not-started"][r % 3];
        out += &format!(
            "{task},{division},{status},{},导入{r},2016-08-{:02}T08:00\n",
            r * 2,
            5 + r % 20
        );
    }
    out
}

/// What one process does: its commands, run one after another.
struct Worker {
    name: String,
    commands: Vec<Vec<String>>,
    /// Whether a refusal saying the record was voided already is expected
    /// of its voids (it races another for the same records).
    races: bool,
}

#[test]
fn voids_and_entries_from_eight_processes_at_once_are_each_made_once() {
    let a = Env::seeded();
    let earlier = earlier_entries();
    for args in &earlier {
        a.tasks_at(BEFORE, &strs(args)).ok();
    }
    a.write("import.csv", earlier_import());
    let import = earlier.len() as i64 + 1;
    let run = a.tasks_at(BEFORE, &["feedback", "--from", "import.csv"]);
    assert!(
        run.ok().contains(&format!("(import #{import})")),
        "{}",
        run.stdout
    );
    let rows: Vec<i64> = (import + 1..=import + 40).collect();

    let void = |n: i64, who: &str| -> Vec<String> {
        [
            "void",
            &n.to_string(),
            "--reason",
            &format!("{who}撤销"),
            "--by",
            who,
        ]
        .map(str::to_string)
        .into()
    };
    // Entries #1..#12 voided by four processes, three each; a fifth voids
    // the import; a sixth races the first for its entries, and the fifth
    // for one of the import's entries.
    let mut workers: Vec<Worker> = (0..4)
        .map(|i| Worker {
            name: format!("voider {i}"),
            commands: (0..3).map(|j| void(1 + i + 4 * j, "处长")).collect(),
            races: i == 0,
        })
        .collect();
    workers.push(Worker {
        name: "import voider".to_string(),
        commands: vec![void(import, "办公室")],
        races: false,
    });
    // The racer takes the first's entries in the other order, so that each
    // wins some.
    let mut racer: Vec<Vec<String>> = (0..3).rev().map(|j| void(1 + 4 * j, "副处长")).collect();
    racer.insert(0, void(rows[7], "副处长"));
    workers.push(Worker {
        name: "racer".to_string(),
        commands: racer,
        races: true,
    });
    let mut later = Vec::new();
    for w in 0..2 {
        let commands: Vec<Vec<String>> = (0..5)
            .map(|i| {
                let (task, division) = PAIRS[w * 4 + i % 4];
                [
                    "feedback",
                    task,
                    "--division",
                    division,
                    "--status",
                    ["in-progress", "blocked"][i % 2],
                    "--at",
                    &format!("2016-08-{:02}T12:00", 12 + i * 3),
                    "--note",
                    &format!("并发{w}-{i}"),
                ]
                .map(str::to_string)
                .into()
            })
            .collect();
        later.extend(commands.clone());
        workers.push(Worker {
            name: format!("writer {w}"),
            commands,
            races: false,
        });
    }
    assert_eq!(workers.len(), 8);

    let runs = Mutex::new(Vec::<(String, Vec<String>, Run)>::new());
    let start = std::sync::Barrier::new(workers.len());
    std::thread::scope(|s| {
        for w in &workers {
            let (a, runs, start) = (&a, &runs, &start);
            s.spawn(move || {
                start.wait();
                for args in &w.commands {
                    let run = a.tasks_at(DURING, &strs(args));
                    runs.lock()
                        .unwrap()
                        .push((w.name.clone(), args.clone(), run));
                }
            });
        }
    });
    let runs = runs.into_inner().unwrap();
    assert_eq!(
        runs.len(),
        workers.iter().map(|w| w.commands.len()).sum::<usize>()
    );

    // Every command succeeded, but for a void that lost a race: refused,
    // naming the void that won. No lock was ever reported.
    let mut won: BTreeMap<String, usize> = BTreeMap::new();
    for (name, args, run) in &runs {
        let stderr = run.stderr.to_lowercase();
        assert!(
            !stderr.contains("locked") && !stderr.contains("busy") && !stderr.contains("panicked"),
            "{name} {args:?}: {}",
            run.stderr
        );
        let races = workers.iter().any(|w| &w.name == name && w.races);
        match run.status {
            0 if args[0] == "void" => *won.entry(args[1].clone()).or_default() += 1,
            0 => {}
            2 if races => assert!(
                run.stderr
                    .starts_with(&format!("error: #{} was voided already, by #", args[1])),
                "{name} {args:?}: {}",
                run.stderr
            ),
            _ => panic!("{name} {args:?} exited {}: {}", run.status, run.stderr),
        }
    }
    // Each void command's record was voided by exactly one of them (the
    // import's entry the racer named, by it or by the import's void).
    let mut targets: Vec<String> = workers
        .iter()
        .flat_map(|w| w.commands.iter())
        .filter(|args| args[0] == "void")
        .map(|args| args[1].clone())
        .collect();
    targets.sort();
    targets.dedup();
    for target in &targets {
        let count = won.get(target).copied().unwrap_or(0);
        if *target == rows[7].to_string() {
            assert!(count <= 1, "#{target} voided {count} times");
        } else {
            assert_eq!(count, 1, "#{target} voided {count} times");
        }
    }
    assert_eq!(integrity(&a.db), "ok");

    // Each record voided once, and marked with the void that voided it (the
    // import's entries with the import's void, but for one the racer may
    // have voided first).
    let conn = rusqlite::Connection::open(&a.db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).expect(sql) };
    assert_eq!(
        count("SELECT count(*) FROM (SELECT target FROM void GROUP BY target HAVING count(*) > 1)"),
        0
    );
    // Twelve entries, the import, and the import's entry if the racer got
    // there first.
    let racer_first = won.contains_key(&rows[7].to_string());
    assert_eq!(
        count("SELECT count(*) FROM void"),
        12 + 1 + i64::from(racer_first)
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM feedback f JOIN void v ON v.seq = f.voided
             WHERE v.target = f.seq OR v.target = f.import_seq"
        ),
        12 + 40
    );
    // The racer's void of the import's entry, if it got through, came
    // before the import's void: after it, the entry was voided already.
    assert_eq!(
        count(&format!(
            "SELECT count(*) FROM void r JOIN void i ON i.target = {import}
             WHERE r.target = {} AND r.seq > i.seq",
            rows[7]
        )),
        0
    );
    println!("concurrent voids: {} refusals of a void that lost a race; racer first on the import's entry: {racer_first}",
        runs.iter().filter(|r| r.2.status == 2).count());
    assert_eq!(
        count("SELECT count(*) FROM feedback WHERE voided IS NOT NULL"),
        12 + 40
    );
    assert_eq!(
        count("SELECT count(*) FROM import i JOIN void v ON v.seq = i.voided AND v.target = i.seq"),
        1
    );
    let voided: Vec<i64> = conn
        .prepare(
            "SELECT seq FROM feedback WHERE voided IS NOT NULL AND import_seq IS NULL ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(voided, (1..=12).collect::<Vec<i64>>());
    drop(conn);

    // What is derived is what the records never voided give, made again in
    // a fresh database.
    let b = Env::seeded();
    for args in &earlier[12..] {
        b.tasks_at(BEFORE, &strs(args)).ok();
    }
    for args in &later {
        b.tasks_at(DURING, &strs(args)).ok();
    }
    assert_eq!(kept(&a), kept(&b));
    for as_of in [DURING, "2017-01-10T09:00"] {
        for (x, y) in readings(&a, as_of, true)
            .into_iter()
            .zip(readings(&b, as_of, true))
        {
            assert!(x == y, "{}", difference(&x, &y));
        }
        for (task, _) in PAIRS {
            let show = |env: &Env| {
                let mut v = env
                    .tasks(&["show", task, "--format", "json", "--as-of", as_of])
                    .json();
                v.as_object_mut().unwrap().remove("history");
                v
            };
            assert_eq!(show(&a), show(&b), "show {task} as of {as_of}");
        }
    }
}

// ---------------------------------------------------------------------------
// Restoring, numbering, and amendments refused midway.
// ---------------------------------------------------------------------------

#[test]
fn an_amendment_refused_after_its_void_leaves_nothing() {
    let env = Env::seeded();
    // An earlier entry, then the lead's `done`, accepted: the task is
    // closed. Amending the earlier entry would void it, then record an
    // entry on a closed task, which is refused: the void must not stay.
    let earlier = record(&env, "2.4", "办公室", "in-progress");
    record(&env, "2.4", "办公室", "done");
    env.tasks_at(NOW, &["review", "2.4", "--accept"]).ok();
    let stderr = refused(
        &env,
        &[
            "feedback",
            "2.4",
            "--division",
            "办公室",
            "--status",
            "blocked",
            "--amend",
            &earlier.to_string(),
        ],
    );
    assert!(stderr.contains("closed"), "{stderr}");
    assert_eq!(voided_by(&env, "2.4")[&earlier], None);
}

#[test]
fn a_voided_import_is_restored_by_importing_the_file_again() {
    let env = Env::seeded();
    env.write(
        "returns.csv",
        "task,division,status,note\n2.4,办公室,blocked,一\n1.1,信用办,in-progress,二\n",
    );
    env.tasks_at(NOW, &["feedback", "--from", "returns.csv"])
        .ok();
    let (import, first) = (1, 2);
    // Importing the same file again adds nothing while its entries stand
    // (and is no import).
    let again = env.tasks_at(NOW, &["feedback", "--from", "returns.csv"]);
    assert!(again.ok().contains("nothing added"), "{}", again.stdout);
    // One entry voided, the file imported again: that one entry only is
    // recorded again.
    void_ok(&env, first, "误填");
    assert_eq!(status(&env, "2.4"), "not-started");
    let restored = env.tasks_at(NOW, &["feedback", "--from", "returns.csv"]);
    assert!(
        restored.ok().starts_with("Recorded 1 "),
        "{}",
        restored.stdout
    );
    assert_eq!(status(&env, "2.4"), "blocked");
    // The first import voided whole (what of it still stood), the file
    // imported once more: everything stands again, once.
    void_ok(&env, import, "文件发错");
    assert_eq!(status(&env, "1.1"), "not-started");
    assert_eq!(status(&env, "2.4"), "blocked");
    let third = env.tasks_at(NOW, &["feedback", "--from", "returns.csv"]);
    assert!(third.ok().starts_with("Recorded 1 "), "{}", third.stdout);
    assert_eq!(status(&env, "1.1"), "in-progress");
    let imports = env.tasks(&["imports", "--format", "json"]).json();
    let standing: Vec<(i64, i64)> = imports
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["voided"].is_null())
        .map(|i| (i["number"].as_i64().unwrap(), i["added"].as_i64().unwrap()))
        .collect();
    assert_eq!(standing.len(), 2, "{imports}");
    assert_eq!(
        standing.iter().map(|(_, added)| added).sum::<i64>(),
        2,
        "{imports}"
    );
}

#[test]
fn a_voided_event_keeps_its_obligation_number_and_opens_nothing() {
    let env = Env::seeded();
    for at in ["2016-08-29", "2016-08-30"] {
        env.tasks_at(NOW, &["event", "3.3", "政策文件公开", "--at", at])
            .ok();
    }
    let (first, second) = (1, 2);
    void_ok(&env, first, "文件未公开");
    let shown = env
        .tasks_at(NOW, &["show", "3.3", "--format", "json"])
        .json();
    let numbers: Vec<&Value> = shown["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["n"])
        .collect();
    assert_eq!(numbers, [&serde_json::json!(2)], "{shown}");
    let stderr = refused(
        &env,
        &[
            "feedback",
            "3.3#1",
            "--division",
            "新闻中心",
            "--status",
            "done",
        ],
    );
    assert!(stderr.contains("3.3#2"), "{stderr}");
    record(&env, "3.3#2", "新闻中心", "done");
    // The second event now has a report resting on it.
    let stderr = refused(&env, &["void", &second.to_string(), "--reason", "x"]);
    assert_eq!(
        stderr,
        format!("error: #4 rest on #{second}: void them first\n")
    );
}

/// `--plan` guards a void: an import whose entries are in another plan too
/// is refused with it, and goes through without it.
#[test]
fn plan_refuses_an_import_that_reaches_into_another_plan() {
    let env = Env::seeded();
    let other =
        crate::support::seed_text().replace("id = \"fjdrc-2016-zwgk\"", "id = \"other-plan\"");
    env.write("other.toml", other);
    env.tasks_at("2016-08-01T09:00", &["load", "other.toml"])
        .ok();
    env.write(
        "both.csv",
        "task,division,status,at\n\
         fjdrc-2016-zwgk:2.1,法规处,in-progress,2016-08-01\n\
         other-plan:2.1,法规处,in-progress,2016-08-01\n",
    );
    let out = env.tasks_at("2016-08-02T09:00", &["feedback", "--from", "both.csv"]);
    assert!(out.ok().contains("(import #"), "{}", out.stdout);
    let imports = json_at(&env, "2016-08-02T10:00", &["imports", "--format", "json"]);
    let n = imports[0]["number"].as_i64().unwrap().to_string();
    let before = env.snapshot();
    let run = env.tasks_at(
        "2016-08-02T10:00",
        &["void", &n, "--reason", "x", "--plan", "other-plan"],
    );
    assert_eq!(run.status, 2, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("belongs to plan fjdrc-2016-zwgk, other-plan"),
        "{}",
        run.stderr
    );
    assert_eq!(before, env.snapshot());
    env.tasks_at("2016-08-02T10:00", &["void", &n, "--reason", "x"])
        .ok();
}
