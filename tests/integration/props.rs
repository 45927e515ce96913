//! Property tests: generated plans read back as written, working-day
//! arithmetic obeys its laws, and feedback replay does not depend on the
//! order of insertion.
//!
//! The plan and feedback properties run the binary, so their case counts are
//! small; the calendar and duration properties call the library and run many.
//! `PROPTEST_CASES=N` overrides every count for a longer run.

use std::collections::HashSet;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Value};

use tasks::calendar::Calendar;
use tasks::duration::{Duration, Unit};
use tasks::time::{end_of_day, format_time, parse_as_of, parse_at, parse_date};

use crate::support::{Env, Run};

/// Proptest's settings with `cases` unless PROPTEST_CASES says otherwise,
/// and no failure files written into the source tree: a failure prints its
/// minimal case, which belongs in a regression test.
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

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

// ---------------------------------------------------------------------------
// 1. A generated plan reads back as written.
// ---------------------------------------------------------------------------

/// Text as users type it: Chinese, ASCII, quotes of both kinds, backslashes,
/// `#`, `|`, full-width forms and an emoji.
const TEXT_CHARS: &str = "[\u{4e00}-\u{9fa5}A-Za-z0-9“”\"'\\\\#|,.。，、（）()：；！？🙂＃１]";

/// A text that is not blank: a non-space character, then anything with
/// spaces, with spaces around it sometimes.
fn text() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["", " ", "  "]),
        TEXT_CHARS,
        proptest::string::string_regex(&format!("({TEXT_CHARS}| ){{0,24}}")).expect("regex"),
        prop::sample::select(vec!["", " ", "\t"]),
    )
        .prop_map(|(a, first, rest, b)| format!("{a}{first}{rest}{b}"))
}

/// A long text, with line breaks and tabs inside.
fn long_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![4 => text(), 1 => Just("\n".to_string()), 1 => Just("\t".to_string())],
        1..5,
    )
    .prop_map(|parts| parts.concat())
    .prop_filter("not blank", |t| !t.trim().is_empty())
}

/// A division or group name: no spaces around it, no control characters.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "办公室",
            "法规处",
            "政策法规处",
            "投资处",
            "信用办",
            "数字福建技术应用处",
            "新闻中心",
            "各相关业务处室",
            "Finance Division",
        ])
        .prop_map(str::to_string),
        proptest::string::string_regex(
            "[\u{4e00}-\u{9fa5}A-Za-z0-9|'\"“]{1,6}( [\u{4e00}-\u{9fa5}A-Za-z]{1,3})?"
        )
        .expect("regex"),
    ]
}

/// A section or task id: no whitespace, control characters, ':' or '#'.
fn item_id() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9A-Za-z.\\-_/|\"'\u{4e00}-\u{9fa5}（）一二三]{1,12}")
        .expect("regex")
}

fn plan_id() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[A-Za-z0-9_\\-\u{4e00}-\u{9fa5}]{1,24}").expect("regex")
}

/// A duration, now and then a very long one.
fn duration() -> impl Strategy<Value = Duration> {
    duration_of(4)
}

/// A duration, a very long one once in `1 + short` times.
fn duration_of(short: u32) -> impl Strategy<Value = Duration> {
    (
        prop_oneof![short => 1u32..400, 1 => 1u32..=tasks::duration::MAX_COUNT],
        prop::sample::select(vec![Unit::WorkingDays, Unit::Days, Unit::Hours]),
    )
        .prop_map(|(count, unit)| Duration { count, unit })
}

#[derive(Debug, Clone)]
enum GenRule {
    After {
        event: String,
        within: Duration,
        what: Option<String>,
    },
    Quota {
        event: String,
        count: u32,
        by: u32,
        what: Option<String>,
    },
}

fn rule() -> impl Strategy<Value = GenRule> {
    let what = prop::option::of(prop_oneof![4 => text(), 1 => Just("  ".to_string())]);
    prop_oneof![
        (text(), duration(), what.clone()).prop_map(|(event, within, what)| GenRule::After {
            event,
            within,
            what
        }),
        (text(), 1u32..1000, 0u32..2000, what).prop_map(|(event, count, by, what)| {
            GenRule::Quota {
                event,
                count,
                by,
                what,
            }
        }),
    ]
}

#[derive(Debug, Clone)]
struct GenTask {
    id: String,
    section: usize,
    title: String,
    text: Option<String>,
    /// (unit index, which of its names: 0 the name, k its alias k).
    lead: (usize, usize),
    support: Vec<(usize, usize)>,
    /// Days after the plan's anchor date.
    due: Option<u32>,
    quoted_due: bool,
    rules: Vec<GenRule>,
}

fn task() -> impl Strategy<Value = GenTask> {
    (
        item_id(),
        any::<usize>(),
        text(),
        prop::option::of(prop_oneof![3 => long_text(), 1 => Just(" ".to_string())]),
        (any::<usize>(), 0usize..3),
        prop::collection::vec((any::<usize>(), 0usize..3), 0..4),
        prop::option::of(0u32..2000),
        any::<bool>(),
        prop::collection::vec(rule(), 0..4),
    )
        .prop_map(
            |(id, section, title, text, lead, support, due, quoted_due, rules)| GenTask {
                id,
                section,
                title,
                text,
                lead,
                support,
                due,
                quoted_due,
                rules,
            },
        )
}

#[derive(Debug, Clone)]
struct GenPlan {
    id: String,
    title: String,
    doc_no: Option<String>,
    /// Days after 2007-01-01.
    issued: Option<u32>,
    due: Option<u32>,
    cadence: &'static str,
    feedback_day: Option<i64>,
    warn: Option<Duration>,
    divisions: Vec<(String, Vec<String>)>,
    groups: Vec<(String, Vec<(usize, usize)>)>,
    sections: Vec<(String, String, &'static str)>,
    tasks: Vec<GenTask>,
}

fn plan() -> impl Strategy<Value = GenPlan> {
    (
        (
            plan_id(),
            text(),
            prop::option::of(text()),
            prop::option::of(0u32..4000),
            prop::option::of(0u32..2000),
            prop::sample::select(vec!["none", "monthly", "quarterly"]),
            prop::option::of(1i64..=31),
            prop::option::of(duration()),
        ),
        prop::collection::vec((name(), prop::collection::vec(name(), 0..3)), 1..6),
        prop::collection::vec(
            (
                name(),
                prop::collection::vec((any::<usize>(), 0usize..3), 0..4),
            ),
            0..3,
        ),
        prop::collection::vec(
            (
                item_id(),
                text(),
                prop::sample::select(vec!["lead", "support", "own"]),
            ),
            1..4,
        ),
        prop::collection::vec(task(), 1..8),
    )
        .prop_map(
            |(
                (id, title, doc_no, issued, due, cadence, feedback_day, warn),
                divisions,
                groups,
                sections,
                tasks,
            )| GenPlan {
                id,
                title,
                doc_no,
                issued,
                due,
                cadence,
                feedback_day,
                warn,
                divisions,
                groups,
                sections,
                tasks,
            },
        )
}

/// A TOML string literal for any text.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// One assignee of the expected plan: canonical name, kind, and the names
/// it may be referred to by.
struct Assignable {
    name: String,
    kind: &'static str,
    names: Vec<String>,
}

struct ExpectedTask {
    id: String,
    section: String,
    section_title: String,
    section_role: &'static str,
    title: String,
    text: String,
    lead: (String, &'static str),
    support: Vec<(String, &'static str)>,
    due: Option<NaiveDate>,
    due_from: Option<&'static str>,
    rules: Vec<Value>,
}

/// The file's text and what reading it back must give. Names and ids that
/// come out equal are made distinct here, so that every generated plan is
/// valid.
fn render(p: &GenPlan) -> (String, String, Vec<ExpectedTask>) {
    let base = date(2007, 1, 1);
    let issued = p.issued.map(|d| base + Days::new(d.into()));
    let anchor = issued.unwrap_or(base);
    let at = |days: u32| anchor + Days::new(days.into());
    let mut out = String::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut unique = |name: &str| {
        let mut candidate = name.to_string();
        let mut n = 2;
        while !taken.insert(candidate.clone()) {
            candidate = format!("{name}{n}");
            n += 1;
        }
        candidate
    };
    let mut units: Vec<Assignable> = Vec::new();
    for (name, aliases) in &p.divisions {
        let name = unique(name);
        let aliases: Vec<String> = aliases.iter().map(|a| unique(a)).collect();
        let mut names = vec![name.clone()];
        names.extend(aliases);
        units.push(Assignable {
            name,
            kind: "division",
            names,
        });
    }
    let divisions = units.len();
    let mut group_members = Vec::new();
    for (name, members) in &p.groups {
        let name = unique(name);
        let mut seen = HashSet::new();
        let members: Vec<String> = members
            .iter()
            .filter(|(i, _)| seen.insert(i % divisions))
            .map(|(i, k)| {
                let u = &units[i % divisions];
                u.names[k % u.names.len()].clone()
            })
            .collect();
        group_members.push(members);
        units.push(Assignable {
            names: vec![name.clone()],
            name,
            kind: "group",
        });
    }
    let plan_due = p.due.map(at);

    out += "[plan]\n";
    out += &format!("id = {}\n", quote(&p.id));
    out += &format!("title = {}\n", quote(&p.title));
    if let Some(doc_no) = &p.doc_no {
        out += &format!("doc_no = {}\n", quote(doc_no));
    }
    if let Some(issued) = issued {
        out += &format!("issued = {issued}\n");
    }
    // The office: the first division, by one of its names.
    out += &format!("office = {}\n", quote(units[0].names.last().unwrap()));
    if let Some(due) = plan_due {
        out += &format!("due = {due}\n");
    }
    out += &format!("feedback = \"{}\"\n", p.cadence);
    if let (Some(day), false) = (p.feedback_day, p.cadence == "none") {
        out += &format!("feedback_day = {day}\n");
    }
    if let Some(warn) = p.warn {
        out += &format!("warn = \"{warn}\"\n");
    }
    for u in &units[..divisions] {
        out += &format!("\n[[division]]\nname = {}\n", quote(&u.name));
        if u.names.len() > 1 {
            let aliases: Vec<String> = u.names[1..].iter().map(|a| quote(a)).collect();
            out += &format!("aliases = [{}]\n", aliases.join(", "));
        }
    }
    for (u, members) in units[divisions..].iter().zip(&group_members) {
        out += &format!("\n[[group]]\nname = {}\n", quote(&u.name));
        let members: Vec<String> = members.iter().map(|m| quote(m)).collect();
        out += &format!("members = [{}]\n", members.join(", "));
    }
    let mut section_ids = HashSet::new();
    let mut sections = Vec::new();
    for (id, title, role) in &p.sections {
        let mut id = id.clone();
        while !section_ids.insert(id.clone()) {
            id.push('x');
        }
        out += &format!(
            "\n[[section]]\nid = {}\ntitle = {}\nrole = \"{role}\"\n",
            quote(&id),
            quote(title)
        );
        sections.push((id, title.trim().to_string(), *role));
    }
    let mut task_ids = HashSet::new();
    let mut expected = Vec::new();
    for t in &p.tasks {
        let mut id = t.id.clone();
        while !task_ids.insert(id.clone()) {
            id.push('x');
        }
        let (section, section_title, role) = &sections[t.section % sections.len()];
        let pick = |(i, k): (usize, usize)| {
            let u = &units[i % units.len()];
            (i % units.len(), u.names[k % u.names.len()].clone())
        };
        let (lead_index, lead_ref) = pick(t.lead);
        let mut assigned = vec![lead_index];
        let mut support = Vec::new();
        for s in &t.support {
            let (index, reference) = pick(*s);
            if !assigned.contains(&index) {
                assigned.push(index);
                support.push((index, reference));
            }
        }
        out += &format!(
            "\n[[task]]\nid = {}\nsection = {}\ntitle = {}\n",
            quote(&id),
            quote(section),
            quote(&t.title)
        );
        if let Some(text) = &t.text {
            out += &format!("text = {}\n", quote(text));
        }
        out += &format!("lead = {}\n", quote(&lead_ref));
        if !support.is_empty() {
            let refs: Vec<String> = support.iter().map(|(_, r)| quote(r)).collect();
            out += &format!("support = [{}]\n", refs.join(", "));
        }
        let due = t.due.map(at);
        if let Some(due) = due {
            if t.quoted_due {
                out += &format!("due = \"{due}\"\n");
            } else {
                out += &format!("due = {due}\n");
            }
        }
        let mut after_events = HashSet::new();
        let mut rules = Vec::new();
        for r in &t.rules {
            let what_json = |what: &Option<String>| {
                what.as_ref()
                    .map(|w| w.trim().to_string())
                    .filter(|w| !w.is_empty())
                    .map_or(Value::Null, Value::String)
            };
            match r {
                GenRule::After {
                    event,
                    within,
                    what,
                } => {
                    if !after_events.insert(event.trim().to_string()) {
                        continue;
                    }
                    out += &format!(
                        "\n[[task.rule]]\nkind = \"after\"\nevent = {}\nwithin = \"{within}\"\n",
                        quote(event)
                    );
                    if let Some(what) = what {
                        out += &format!("what = {}\n", quote(what));
                    }
                    rules.push(json!({
                        "kind": "after",
                        "event": event.trim(),
                        "within": within.to_string(),
                        "what": what_json(what),
                    }));
                }
                GenRule::Quota {
                    event,
                    count,
                    by,
                    what,
                } => {
                    let by = at(*by);
                    out += &format!(
                        "\n[[task.rule]]\nkind = \"quota\"\nevent = {}\ncount = {count}\nby = {by}\n",
                        quote(event)
                    );
                    if let Some(what) = what {
                        out += &format!("what = {}\n", quote(what));
                    }
                    rules.push(json!({
                        "kind": "quota",
                        "event": event.trim(),
                        "count": count,
                        "by": by.to_string(),
                        "what": what_json(what),
                    }));
                }
            }
        }
        let unit = |i: usize| (units[i].name.clone(), units[i].kind);
        expected.push(ExpectedTask {
            id,
            section: section.clone(),
            section_title: section_title.clone(),
            section_role: role,
            title: t.title.trim().to_string(),
            text: t
                .text
                .as_ref()
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .unwrap_or_else(|| t.title.trim().to_string()),
            lead: unit(lead_index),
            support: support.iter().map(|(i, _)| unit(*i)).collect(),
            due: due.or(plan_due),
            due_from: match (due, plan_due) {
                (Some(_), _) => Some("task"),
                (None, Some(_)) => Some("plan"),
                (None, None) => None,
            },
            rules,
        });
    }
    (out, p.title.trim().to_string(), expected)
}

fn check_plan_reads_back(p: &GenPlan) -> Result<(), TestCaseError> {
    let (file, plan_title, expected) = render(p);
    let env = Env::new();
    let path = env.write("plan.toml", &file);
    let path = path.to_str().expect("UTF-8 path");
    let load = env.tasks(&["load", path]);
    prop_assert_eq!(load.status, 0, "{}\n{}", load.stderr, file);

    let list = env.tasks(&["list", "--format", "json"]).json();
    let list = list.as_array().expect("a JSON array");
    prop_assert_eq!(list.len(), expected.len(), "{}", file);
    for (row, want) in list.iter().zip(&expected) {
        let due = want.due.map(|d| d.to_string());
        let support: Vec<&str> = want.support.iter().map(|(n, _)| n.as_str()).collect();
        prop_assert_eq!(&row["plan"], &json!(p.id), "{}", file);
        prop_assert_eq!(&row["id"], &json!(want.id), "{}", file);
        prop_assert_eq!(&row["section"], &json!(want.section), "{}", file);
        prop_assert_eq!(&row["title"], &json!(want.title), "{}", file);
        prop_assert_eq!(&row["lead"], &json!(want.lead.0), "{}", file);
        prop_assert_eq!(&row["support"], &json!(support), "{}", file);
        prop_assert_eq!(&row["due"], &json!(due), "{}", file);
        prop_assert_eq!(&row["status"], &json!("not-started"), "{}", file);

        // `--` before the id: a task id may begin with '-'.
        let shown = env
            .tasks(&["show", "--format", "json", "--", &want.id])
            .json();
        let mut assignees = vec![json!({"name": want.lead.0, "role": "lead", "kind": want.lead.1})];
        for (name, kind) in &want.support {
            assignees.push(json!({"name": name, "role": "support", "kind": kind}));
        }
        let got_assignees: Vec<Value> = shown["assignees"]
            .as_array()
            .expect("assignees")
            .iter()
            .map(|a| json!({"name": a["name"], "role": a["role"], "kind": a["kind"]}))
            .collect();
        prop_assert_eq!(&shown["plan_title"], &json!(plan_title), "{}", file);
        prop_assert_eq!(&shown["id"], &json!(want.id), "{}", file);
        prop_assert_eq!(&shown["section_title"], &json!(want.section_title));
        prop_assert_eq!(&shown["section_role"], &json!(want.section_role));
        prop_assert_eq!(&shown["title"], &json!(want.title), "{}", file);
        prop_assert_eq!(&shown["text"], &json!(want.text), "{}", file);
        prop_assert_eq!(&shown["lead"], &json!(want.lead.0), "{}", file);
        prop_assert_eq!(&shown["support"], &json!(support), "{}", file);
        prop_assert_eq!(&shown["due"], &json!(due), "{}", file);
        prop_assert_eq!(&shown["due_from"], &json!(want.due_from), "{}", file);
        prop_assert_eq!(&shown["rules"], &json!(want.rules), "{}", file);
        prop_assert_eq!(&json!(got_assignees), &json!(assignees), "{}", file);
    }

    // Reloading the same file changes nothing.
    let before = env.snapshot();
    let again = env.tasks(&["load", path]);
    prop_assert_eq!(again.status, 0, "{}", again.stderr);
    prop_assert_eq!(before, env.snapshot(), "{}", file);
    Ok(())
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn a_generated_plan_reads_back_as_written(p in plan()) {
        check_plan_reads_back(&p)?;
    }
}

// ---------------------------------------------------------------------------
// 2. Durations and working-day arithmetic.
// ---------------------------------------------------------------------------

thread_local! {
    static CALENDAR: Calendar = Calendar::embedded();
}

/// A day the embedded calendar covers (2007 to 2026) and a little beyond.
fn day() -> impl Strategy<Value = NaiveDate> {
    (0u64..(20 * 366)).prop_map(|n| date(2007, 1, 1) + Days::new(n))
}

fn instant() -> impl Strategy<Value = NaiveDateTime> {
    (day(), 0u32..86_400).prop_map(|(d, s)| {
        d.and_time(NaiveTime::from_num_seconds_from_midnight_opt(s, 0).expect("a time"))
    })
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1i32..=9999, 1u32..=12, 1u32..=31)
        .prop_filter_map("a real date", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn adding_one_working_day_n_times_is_adding_n(start in day(), n in 0u32..80) {
        CALENDAR.with(|cal| {
            let mut stepped = start;
            for _ in 0..n {
                stepped = cal.add_working_days(stepped, 1).expect("in range");
            }
            prop_assert_eq!(cal.add_working_days(start, n), Some(stepped));
            Ok(())
        })?;
    }

    #[test]
    fn working_days_add_up(start in day(), a in 0u32..200, b in 0u32..200) {
        CALENDAR.with(|cal| {
            let both = cal.add_working_days(start, a + b);
            let one_then_other = cal
                .add_working_days(start, a)
                .and_then(|mid| cal.add_working_days(mid, b));
            prop_assert_eq!(both, one_then_other);
            Ok(())
        })?;
    }

    #[test]
    fn n_working_days_land_on_a_working_day_after_exactly_n(start in day(), n in 1u32..300) {
        CALENDAR.with(|cal| {
            let end = cal.add_working_days(start, n).expect("in range");
            prop_assert!(end > start);
            prop_assert!(cal.is_working_day(end), "{} + {}wd = {} is a rest day", start, n, end);
            // Exactly n working days in (start, end].
            let mut count = 0;
            let mut d = start;
            while d < end {
                d = d.succ_opt().expect("a next day");
                count += u32::from(cal.is_working_day(d));
            }
            prop_assert_eq!(count, n);
            prop_assert_eq!(cal.add_working_days(start, 0), Some(start));
            Ok(())
        })?;
    }

    #[test]
    fn adding_working_days_is_monotonic(
        a in day(),
        b in day(),
        n in 0u32..300,
        m in 0u32..300,
    ) {
        CALENDAR.with(|cal| {
            let (a, b) = (a.min(b), a.max(b));
            let (n, m) = (n.min(m), n.max(m));
            let add = |d, k| cal.add_working_days(d, k).expect("in range");
            prop_assert!(add(a, n) <= add(b, n));
            prop_assert!(add(a, n) <= add(a, m));
            if n < m {
                prop_assert!(add(a, n) < add(a, m));
            }
            Ok(())
        })?;
    }

    #[test]
    fn deadlines_follow_their_unit(start in instant(), d in duration_of(20), e in duration_of(20)) {
        CALENDAR.with(|cal| {
            let deadline = cal.deadline(start, d).expect("in range");
            prop_assert!(deadline > start);
            let want = match d.unit {
                Unit::WorkingDays => end_of_day(
                    cal.add_working_days(start.date(), d.count).expect("in range"),
                ),
                Unit::Days => end_of_day(start.date() + Days::new(d.count.into())),
                Unit::Hours => start + TimeDelta::hours(d.count.into()),
            };
            prop_assert_eq!(deadline, want);
            if d.unit == Unit::WorkingDays {
                prop_assert!(cal.is_working_day(deadline.date()));
            }
            // A longer duration of the same unit never ends earlier.
            let longer = Duration { count: d.count.max(e.count), unit: d.unit };
            prop_assert!(cal.deadline(start, longer).expect("in range") >= deadline);
            Ok(())
        })?;
    }

    #[test]
    fn a_duration_prints_as_it_parses(d in duration()) {
        let text = d.to_string();
        prop_assert_eq!(text.parse::<Duration>(), Ok(d));
    }

    #[test]
    fn an_accepted_duration_text_is_its_printed_form(
        text in prop_oneof![
            "[0-9]{0,6}(wd|d|h|w|D|WD|)",
            "[+\\- ]?[0-9０-９]{1,3}[ ]?(wd|d|h)[ ]?",
            ".{0,8}",
        ]
    ) {
        if let Ok(d) = text.parse::<Duration>() {
            prop_assert_eq!(d.to_string(), text);
            prop_assert!((1..=tasks::duration::MAX_COUNT).contains(&d.count));
        }
    }

    #[test]
    fn dates_and_times_round_trip(d in any_date(), s in 0u32..86_400) {
        let text = d.format("%Y-%m-%d").to_string();
        prop_assert_eq!(parse_date(&text), Ok(d));
        prop_assert_eq!(parse_at(&text), Ok(d.and_time(NaiveTime::MIN)));
        prop_assert_eq!(parse_as_of(&text), Ok(end_of_day(d)));
        let t = d.and_time(NaiveTime::from_num_seconds_from_midnight_opt(s, 0).expect("a time"));
        let printed = format_time(t);
        prop_assert_eq!(parse_at(&printed), Ok(t));
        prop_assert_eq!(parse_as_of(&printed), Ok(t));
        prop_assert_eq!(parse_at(&printed.replacen(' ', "T", 1)), Ok(t));
    }
}

// ---------------------------------------------------------------------------
// 3. Feedback replay does not depend on the order of insertion.
// ---------------------------------------------------------------------------

/// A small plan: a division with an alias, a group with members (whose
/// members report for it), a group without members.
const REPLAY_PLAN: &str = r#"
[plan]
id = "replay"
title = "反馈顺序测试"
issued = 2016-01-04
office = "办公室"
due = 2016-12-31
feedback = "monthly"
feedback_day = 25

[[division]]
name = "办公室"

[[division]]
name = "法规处"
aliases = ["政策法规处"]

[[division]]
name = "投资处"

[[group]]
name = "各相关业务处室"
members = ["法规处", "投资处"]

[[section]]
id = "1"
title = "牵头工作"
role = "lead"

[[task]]
id = "1.1"
section = "1"
title = "任务一"
lead = "法规处"
support = ["办公室"]

[[task]]
id = "1.2"
section = "1"
title = "任务二"
lead = "各相关业务处室"

[[task]]
id = "1.3"
section = "1"
title = "任务三"
lead = "投资处"
support = ["法规处"]
"#;

/// (task, a division that may report on it, by one of its names).
const REPORTERS: &[(&str, &str)] = &[
    ("1.1", "法规处"),
    ("1.1", "政策法规处"),
    ("1.1", "办公室"),
    ("1.2", "法规处"),
    ("1.2", "投资处"),
    ("1.3", "投资处"),
    ("1.3", "政策法规处"),
];

#[derive(Debug, Clone)]
struct Fb {
    task: &'static str,
    division: &'static str,
    status: &'static str,
    percent: Option<u8>,
    note: String,
    by: String,
    at: String,
}

fn fb() -> impl Strategy<Value = Fb> {
    // Few values, so that entries often tie on time and on content; `|` and
    // spaces in notes and names, as people type them.
    let words = || {
        prop::sample::select(vec![
            "",
            "a",
            "a|",
            "|a",
            "a|b",
            "b",
            "已完成初审",
            " 推进中 ",
            "|",
            "a||b",
        ])
        .prop_map(str::to_string)
    };
    (
        prop::sample::select(REPORTERS),
        prop::sample::select(vec![
            "not-started",
            "in-progress",
            "blocked",
            "done",
            "推进中",
        ]),
        prop::option::of(prop::sample::select(vec![0u8, 40, 100])),
        words(),
        words(),
        prop::sample::select(vec![
            "2016-03-01",
            "2016-03-01T09:30",
            "2016-03-01 09:30:00",
            "2016-04-10T08:00",
        ]),
    )
        .prop_map(|((task, division), status, percent, note, by, at)| Fb {
            task,
            division,
            status,
            percent: if status == "done" {
                percent.map(|_| 100)
            } else {
                percent
            },
            note,
            by,
            at: at.to_string(),
        })
}

#[derive(Debug, Clone, Copy)]
enum Via {
    Csv,
    Toml,
    /// One `tasks feedback --at` per entry.
    Commands,
}

fn record(env: &Env, entries: &[Fb], via: Via) -> Result<(), TestCaseError> {
    const AS_OF: &str = "2016-06-30";
    match via {
        Via::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["task", "division", "status", "percent", "note", "by", "at"])
                .expect("csv");
            for e in entries {
                let percent = e.percent.map(|p| p.to_string()).unwrap_or_default();
                w.write_record([
                    e.task, e.division, e.status, &percent, &e.note, &e.by, &e.at,
                ])
                .expect("csv");
            }
            let path = env.write("feedback.csv", w.into_inner().expect("csv"));
            let run = env.tasks_at(AS_OF, &["feedback", "--from", path.to_str().unwrap()]);
            prop_assert_eq!(run.status, 0, "{}", run.stderr);
        }
        Via::Toml => {
            let mut text = String::new();
            for e in entries {
                text += &format!(
                    "[[feedback]]\ntask = {}\ndivision = {}\nstatus = {}\nnote = {}\nby = {}\nat = {}\n",
                    quote(e.task),
                    quote(e.division),
                    quote(e.status),
                    quote(&e.note),
                    quote(&e.by),
                    quote(&e.at)
                );
                if let Some(p) = e.percent {
                    text += &format!("percent = {p}\n");
                }
            }
            let path = env.write("feedback.toml", text);
            let run = env.tasks_at(AS_OF, &["feedback", "--from", path.to_str().unwrap()]);
            prop_assert_eq!(run.status, 0, "{}", run.stderr);
        }
        Via::Commands => {
            for e in entries {
                let mut args = feedback_args(e);
                if let Some(p) = e.percent {
                    args.extend(["--percent".to_string(), p.to_string()]);
                }
                args.push(format!("--by={}", e.by));
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                let run = env.tasks_at(AS_OF, &args);
                prop_assert_eq!(run.status, 0, "{}", run.stderr);
            }
        }
    }
    Ok(())
}

/// `tasks feedback` of `e`'s task, division, status, time and note.
fn feedback_args(e: &Fb) -> Vec<String> {
    [
        "feedback",
        e.task,
        "--division",
        e.division,
        "--status",
        e.status,
        "--at",
        &e.at,
    ]
    .map(str::to_string)
    .into_iter()
    .chain([format!("--note={}", e.note)])
    .collect()
}

fn report(env: &Env, as_of: &str) -> Value {
    env.tasks(&["report", "--format", "json", "--as-of", as_of])
        .json()
}

/// An entry like `e` but for one field: the near-duplicates that make
/// ties. `k` picks the field, `n` the new value.
fn variant(e: &Fb, k: u8, n: usize) -> Fb {
    let mut v = e.clone();
    match k % 5 {
        // The same moment written another way.
        0 => {
            v.at = match e.at.as_str() {
                "2016-03-01T09:30" => "2016-03-01 09:30:00",
                "2016-03-01 09:30:00" => "2016-03-01T09:30:00",
                "2016-03-01" => "2016-03-01T00:00",
                other => other,
            }
            .to_string()
        }
        // The same division by another of its names.
        1 => {
            v.division = match e.division {
                "法规处" => "政策法规处",
                "政策法规处" => "法规处",
                other => other,
            }
        }
        // The same characters split otherwise between `by` and `note`.
        2 => {
            let joined = format!("{}|{}", e.by, e.note);
            let cuts: Vec<usize> = joined.match_indices('|').map(|(i, _)| i).collect();
            let cut = cuts[n % cuts.len()];
            v.by = joined[..cut].to_string();
            v.note = joined[cut + 1..].to_string();
        }
        3 => v.note = ["", "a", "b|", "已完成初审"][n % 4].to_string(),
        _ => {
            v.status = ["in-progress", "推进中", "blocked"][n % 3];
            if v.percent == Some(100) {
                v.percent = None;
            }
        }
    }
    v
}

/// Entries, some of them near-duplicates of others, and two orders of them;
/// how each database records them.
fn replay_case() -> impl Strategy<Value = (Vec<Fb>, Vec<Fb>, Via, Via)> {
    let via = || prop::sample::select(vec![Via::Csv, Via::Toml, Via::Commands]);
    (
        prop::collection::vec(fb(), 1..6),
        prop::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 0..4),
    )
        .prop_map(|(mut entries, variants)| {
            for (i, k, n) in variants {
                let v = variant(&entries[i % entries.len()], k, n);
                entries.push(v);
            }
            entries
        })
        .prop_flat_map(move |entries| {
            (
                Just(entries.clone()).prop_shuffle(),
                Just(entries).prop_shuffle(),
                via(),
                via(),
            )
        })
}

proptest! {
    #![proptest_config(config(32))]

    #[test]
    fn feedback_replay_does_not_depend_on_insertion_order(
        (first, second, via_a, via_b) in replay_case()
    ) {
        let a = Env::new();
        let b = Env::new();
        for env in [&a, &b] {
            env.write("plan.toml", REPLAY_PLAN);
            env.tasks(&["load", "plan.toml"]).ok();
        }
        record(&a, &first, via_a)?;
        record(&b, &second, via_b)?;
        for as_of in ["2016-03-01T12:00", "2016-06-30"] {
            prop_assert_eq!(report(&a, as_of), report(&b, as_of));
        }
    }
}

// ---------------------------------------------------------------------------
// 4. `check` and `report --summary` read the states kept at write time;
//    what they find is what assessing every task finds.
// ---------------------------------------------------------------------------

/// The replay plan with due dates and rules, so that every kind of item can
/// arise: overdue and due soon, missing returns, obligations, quotas.
fn kept_plan(variant: bool) -> String {
    let mut plan = REPLAY_PLAN.replace("id = \"replay\"", "id = \"kept\"");
    plan = plan.replace("title = \"任务一\"", "title = \"任务一\"\ndue = 2016-03-15");
    plan = plan.replace("title = \"任务二\"", "title = \"任务二\"\ndue = 2016-04-20");
    plan += r#"
[[task.rule]]
kind = "after"
event = "政策文件公开"
within = "3wd"

[[task.rule]]
kind = "quota"
event = "培训"
count = 2
by = 2016-06-30
"#;
    if variant {
        // Task 1.2 withdrawn; 1.1 without its supporting division.
        let start = plan.find("[[task]]\nid = \"1.2\"").expect("task 1.2");
        let end = start + plan[start..].find("\n\n[[task]]").expect("next task");
        plan.replace_range(start..end + 2, "");
        plan = plan.replace("support = [\"办公室\"]\n", "");
    }
    plan
}

#[derive(Debug, Clone)]
enum Op {
    Feedback(Fb),
    Review(&'static str, bool, &'static str),
    Event(&'static str, &'static str),
    ObligationDone(&'static str),
    Reload(bool),
}

fn op() -> impl Strategy<Value = Op> {
    let when = || {
        prop::sample::select(vec![
            "2016-02-10T10:00",
            "2016-03-14T09:00",
            "2016-03-28T16:00",
            "2016-04-12T11:00",
            "2016-06-02T08:30",
        ])
    };
    prop_oneof![
        4 => (fb(), when()).prop_map(|(mut e, at)| {
            e.at = at.to_string();
            Op::Feedback(e)
        }),
        2 => (prop::sample::select(vec!["1.1", "1.2", "1.3"]), any::<bool>(), when())
            .prop_map(|(t, accept, at)| Op::Review(t, accept, at)),
        1 => (prop::sample::select(vec!["政策文件公开", "培训"]), when())
            .prop_map(|(kind, at)| Op::Event(kind, at)),
        1 => when().prop_map(Op::ObligationDone),
        1 => any::<bool>().prop_map(Op::Reload),
    ]
}

/// Applies `op`; refused operations (a review of a task not done, feedback
/// from a division no longer assigned) are part of the test and change
/// nothing.
fn apply(env: &Env, op: &Op) {
    let at_day_end = |at: &str| format!("{}T23:00", &at[..10]);
    match op {
        Op::Feedback(e) => {
            let args = feedback_args(e);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            env.tasks_at(&at_day_end(&e.at), &args);
        }
        Op::Review(task, accept, at) => {
            let decision = if *accept { "--accept" } else { "--return" };
            env.tasks_at(at, &["review", task, decision]);
        }
        Op::Event(kind, at) => {
            env.tasks_at(&at_day_end(at), &["event", "1.3", kind, "--at", at]);
        }
        Op::ObligationDone(at) => {
            env.tasks_at(
                &at_day_end(at),
                &[
                    "feedback",
                    "1.3#1",
                    "--division",
                    "投资处",
                    "--status",
                    "done",
                    "--at",
                    at,
                ],
            );
        }
        Op::Reload(variant) => {
            env.write("kept.toml", kept_plan(*variant));
            env.tasks_at("2016-01-05", &["load", "kept.toml"]).ok();
        }
    }
}

/// 2016-04-13 sees task 1.2's due date (04-20) as the last day within the
/// default `warn` of 5 working days.
const KEPT_AS_OF: [&str; 5] = [
    "2016-04-13T09:00",
    "2016-06-03T09:00",
    "2016-06-27T09:00",
    "2016-08-26T09:00",
    "2016-12-26T09:00",
];

/// The figures of `report --summary` at each time, by section and by
/// division, compared with those of the whole report; by section, also
/// with the report's own task lines. Returns the figures, to compare with
/// those made another way.
fn summaries_agree(env: &Env) -> Result<Vec<serde_json::Value>, TestCaseError> {
    let mut seen = Vec::new();
    for as_of in KEPT_AS_OF {
        for by in ["section", "division"] {
            let args = ["report", "--plan", "kept", "--by", by, "--format", "json"];
            let whole = env.tasks_at(as_of, &args).json();
            let mut args = args.to_vec();
            args.push("--summary");
            let summary = env.tasks_at(as_of, &args).json();
            let plan = &summary["plans"][0];
            prop_assert_eq!(
                &plan["figures"],
                &whole["plans"][0]["figures"],
                "{} by {}",
                as_of,
                by
            );
            prop_assert_eq!(
                &plan["total"],
                &whole["plans"][0]["total"],
                "{} by {}",
                as_of,
                by
            );
            prop_assert!(plan.get("tasks").is_none());
            if by == "section" {
                let counted = section_figures_of_lines(&whole["plans"][0]);
                prop_assert_eq!(&counted, &whole["plans"][0]["figures"], "{}", as_of);
            }
            seen.push(whole["plans"][0]["figures"].clone());
            seen.push(whole["plans"][0]["total"].clone());
        }
    }
    Ok(seen)
}

/// The figures by section of a report's JSON, counted from its task lines.
fn section_figures_of_lines(plan: &serde_json::Value) -> serde_json::Value {
    let mut figures = plan["figures"].clone();
    for f in figures.as_array_mut().expect("figures") {
        let tasks: Vec<&serde_json::Value> = plan["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .filter(|t| t["section"] == f["key"])
            .collect();
        let count = |keep: &dyn Fn(&serde_json::Value) -> bool| {
            serde_json::json!(tasks.iter().filter(|t| keep(t)).count())
        };
        for (key, status) in [
            ("not_started", "not-started"),
            ("in_progress", "in-progress"),
            ("blocked", "blocked"),
            ("done", "done"),
            ("closed", "closed"),
        ] {
            f[key] = count(&|t| t["status"] == status);
        }
        f["tasks"] = serde_json::json!(tasks.len());
        f["overdue"] = count(&|t| t["overdue"] == true);
        f["missing_feedback"] = count(&|t| {
            !t["missing_feedback"]
                .as_array()
                .expect("missing")
                .is_empty()
        });
        let closed = f["closed"].as_u64().expect("closed");
        f["completion"] =
            serde_json::json!((closed * 100).checked_div(tasks.len() as u64).unwrap_or(0));
    }
    figures
}

/// The report of the plan as tables at each time, by section and by
/// division.
fn tables(env: &Env) -> Vec<Run> {
    let mut runs = Vec::new();
    for as_of in KEPT_AS_OF {
        for by in ["section", "division"] {
            runs.push(env.tasks_at(as_of, &["report", "--plan", "kept", "--by", by]));
        }
    }
    runs
}

/// `check` of the plan at each time, with two horizons.
fn checks(env: &Env) -> Vec<Run> {
    let mut runs = Vec::new();
    for as_of in KEPT_AS_OF {
        for within in [None, Some("30d")] {
            let mut args = vec!["check", "--plan", "kept", "--format", "json"];
            args.extend(within.iter().flat_map(|w| ["--within", *w]));
            runs.push(env.tasks_at(as_of, &args));
        }
    }
    runs
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn check_and_summary_from_kept_states_agree_with_assessing_every_task(
        ops in prop::collection::vec(op(), 0..14)
    ) {
        let env = Env::new();
        apply(&env, &Op::Reload(false));
        for op in &ops {
            apply(&env, op);
        }
        // The kept state of every task is its status with everything
        // recorded, as the report derives it.
        let report = env.tasks(&["report", "--format", "json", "--as-of", "2017-01-05"]).json();
        let derived: Vec<(String, String)> = report["plans"][0]["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .map(|t| (t["id"].as_str().unwrap().to_string(), t["status"].as_str().unwrap().to_string()))
            .collect();
        let conn = rusqlite::Connection::open(&env.db).expect("open");
        let mut stmt = conn
            .prepare("SELECT id, state FROM task WHERE NOT withdrawn ORDER BY ord")
            .expect("prepare");
        let kept: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        prop_assert_eq!(&kept, &derived);
        let withdrawn_kept: i64 = conn
            .query_row("SELECT count(*) FROM task WHERE withdrawn AND state <> 'withdrawn'", [], |r| r.get(0))
            .expect("count");
        prop_assert_eq!(withdrawn_kept, 0);
        drop(stmt);
        drop(conn);

        let fast = checks(&env);
        let kept_figures = summaries_agree(&env)?;
        let kept_tables = tables(&env);
        // An entry of another plan, dated after every time checked: the
        // kept states no longer hold as of those times, so every task of
        // the plan is assessed.
        env.write("other.toml", REPLAY_PLAN.replace("id = \"replay\"", "id = \"other\""));
        env.tasks_at("2016-01-05", &["load", "other.toml"]).ok();
        env.tasks_at(
            "2017-01-07",
            &["feedback", "other:1.1", "--division", "法规处", "--status", "in-progress", "--at", "2017-01-06"],
        )
        .ok();
        let full = checks(&env);
        // The figures by section now come from assessing every task.
        let counted_figures = summaries_agree(&env)?;
        prop_assert_eq!(kept_figures, counted_figures);
        // A table counts its figures as it reads the task lines.
        for (a, b) in kept_tables.iter().zip(&tables(&env)) {
            prop_assert_eq!((a.status, &a.stdout, &a.stderr), (b.status, &b.stdout, &b.stderr));
        }
        for (a, b) in fast.iter().zip(&full) {
            prop_assert_eq!((a.status, &a.stdout, &a.stderr), (b.status, &b.stdout, &b.stderr));
        }
    }
}
