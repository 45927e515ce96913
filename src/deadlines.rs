//! Deadlines (docs/deadlines.md): task due dates, obligations opened by events
//! (`after` rules), quotas, feedback periods, traffic lights, and the items
//! `tasks check` reports. Pure functions: the time is always an argument.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::calendar::Calendar;
use crate::duration::Duration;
use crate::status::Status;
use crate::store::{EventRow, RuleRow};
use crate::time::{end_of_day, format_time};

/// How early a deadline turns yellow when a plan sets no `warn`.
pub const DEFAULT_WARN: Duration = Duration {
    count: 5,
    unit: crate::duration::Unit::WorkingDays,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    Green,
    Yellow,
    Red,
}

impl Light {
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            Light::Green => lang.pick("green", "绿"),
            Light::Yellow => lang.pick("yellow", "黄"),
            Light::Red => lang.pick("red", "红"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObligationState {
    Open,
    Overdue,
    Met,
    MetLate,
}

/// A duty opened by an event under an `after` rule: `TASK#N`.
#[derive(Debug, Clone, Serialize)]
pub struct Obligation {
    pub n: u32,
    pub event: String,
    pub opened: String,
    pub within: String,
    pub deadline: String,
    pub what: Option<String>,
    pub met: Option<String>,
    pub state: ObligationState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuotaState {
    Met,
    OnTrack,
    AtRisk,
    Failed,
}

/// A `quota` rule's standing.
#[derive(Debug, Clone, Serialize)]
pub struct Quota {
    pub event: String,
    pub count: u32,
    pub by: String,
    pub recorded: u32,
    pub what: Option<String>,
    pub state: QuotaState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Overdue,
    ObligationOverdue,
    QuotaFailed,
    MissingFeedback,
    DueSoon,
    ObligationOpen,
    QuotaAtRisk,
}

impl ItemKind {
    pub fn label(self, lang: crate::lang::Lang) -> &'static str {
        use ItemKind::*;
        match self {
            Overdue => lang.pick("overdue", "逾期"),
            ObligationOverdue => lang.pick("obligation overdue", "时限事项逾期"),
            QuotaFailed => lang.pick("quota missed", "次数未达标"),
            MissingFeedback => lang.pick("feedback missing", "未按期反馈"),
            DueSoon => lang.pick("due soon", "即将到期"),
            ObligationOpen => lang.pick("obligation open", "时限事项待办"),
            QuotaAtRisk => lang.pick("quota at risk", "次数可能不达标"),
        }
    }

    /// The stable id, as JSON writes it.
    pub fn id(self) -> &'static str {
        use ItemKind::*;
        match self {
            Overdue => "overdue",
            ObligationOverdue => "obligation-overdue",
            QuotaFailed => "quota-failed",
            MissingFeedback => "missing-feedback",
            DueSoon => "due-soon",
            ObligationOpen => "obligation-open",
            QuotaAtRisk => "quota-at-risk",
        }
    }

    /// The kind of an id written by `id`.
    pub fn from_id(id: &str) -> Option<ItemKind> {
        use ItemKind::*;
        [
            Overdue,
            ObligationOverdue,
            QuotaFailed,
            MissingFeedback,
            DueSoon,
            ObligationOpen,
            QuotaAtRisk,
        ]
        .into_iter()
        .find(|k| k.id() == id)
    }

    /// Red for what is late (the task's due date, an obligation's deadline
    /// or a quota's date has passed), yellow for a warning.
    pub fn light(self) -> Light {
        use ItemKind::*;
        match self {
            Overdue | ObligationOverdue | QuotaFailed => Light::Red,
            MissingFeedback | DueSoon | ObligationOpen | QuotaAtRisk => Light::Yellow,
        }
    }
}

/// One thing that needs attention: a line of `tasks check`.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub plan: String,
    pub task: String,
    pub title: String,
    pub obligation: Option<u32>,
    pub division: String,
    pub deadline: String,
    pub kind: ItemKind,
    /// Days left until the deadline; negative when late.
    pub days: i64,
    pub detail: String,
    /// The task's supporting assignees, who are reminded of task-level items
    /// too.
    #[serde(skip)]
    pub support: Vec<String>,
    #[serde(skip)]
    pub order: (i64, usize),
}

/// A feedback period whose feedback day has passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub deadline: NaiveDateTime,
}

/// The latest feedback period whose feedback day has passed by `now`, if
/// the plan has a cadence and the period began after the plan was issued
/// (or ends after it). The feedback day defaults to the period's last day
/// and is moved back to the end of shorter months.
pub fn feedback_period(
    cadence: &str,
    feedback_day: Option<u8>,
    issued: Option<NaiveDate>,
    now: NaiveDateTime,
) -> Option<Period> {
    let months = match cadence {
        "monthly" => 1,
        "quarterly" => 3,
        _ => return None,
    };
    let first_of = |d: NaiveDate| {
        let month0 = (d.month0() / months) * months;
        NaiveDate::from_ymd_opt(d.year(), month0 + 1, 1)
    };
    let period = |start: NaiveDate| -> Option<Period> {
        let next = start.checked_add_months(Months::new(months))?;
        let end = next.pred_opt()?;
        let last_month = NaiveDate::from_ymd_opt(end.year(), end.month(), 1)?;
        let day = feedback_day.map_or(end.day(), |d| u32::from(d).min(end.day()));
        let due = last_month.with_day(day)?;
        let label = if months == 1 {
            format!("{}-{:02}", start.year(), start.month())
        } else {
            format!("{}-Q{}", start.year(), start.month0() / 3 + 1)
        };
        Some(Period {
            label,
            start,
            end,
            deadline: end_of_day(due),
        })
    };
    let current = period(first_of(now.date())?)?;
    let chosen = if current.deadline < now {
        current
    } else {
        period(first_of(now.date())?.checked_sub_months(Months::new(months))?)?
    };
    match issued {
        Some(issued) if chosen.end < issued => None,
        _ => Some(chosen),
    }
}

/// The next feedback day on or after `now`'s date: the feedback day of the
/// period `now` falls in, or of the next period when it has passed. None
/// without a cadence.
pub fn next_feedback_day(
    cadence: &str,
    feedback_day: Option<u8>,
    now: NaiveDateTime,
) -> Option<NaiveDate> {
    let months = match cadence {
        "monthly" => 1,
        "quarterly" => 3,
        _ => return None,
    };
    let today = now.date();
    let month0 = (today.month0() / months) * months;
    let mut start = NaiveDate::from_ymd_opt(today.year(), month0 + 1, 1)?;
    for _ in 0..2 {
        let next = start.checked_add_months(Months::new(months))?;
        let end = next.pred_opt()?;
        let day = feedback_day.map_or(end.day(), |d| u32::from(d).min(end.day()));
        let due = end.with_day(day)?;
        if due >= today {
            return Some(due);
        }
        start = next;
    }
    None
}

/// What `assess` needs to know about one task.
pub struct TaskInput<'a> {
    pub plan: &'a str,
    pub id: &'a str,
    pub title: &'a str,
    pub support: &'a [String],
    /// The task's position, to keep items in plan order.
    pub order: i64,
    pub lead: &'a str,
    pub status: Status,
    pub due: Option<&'a str>,
    pub rules: &'a [RuleRow],
    pub events: &'a [EventRow],
    /// When obligation N was first reported done.
    pub met: &'a dyn Fn(u32) -> Option<String>,
    /// Assignees without an entry in the feedback period.
    pub missing: Vec<String>,
    pub period: Option<&'a Period>,
    /// The wording of the task's `due` when the notice gave a phrase
    /// (年底前): said with its overdue and due-soon items.
    pub due_text: Option<&'a str>,
    /// When entries were made on the task (any assignee's, any kind), up
    /// to now, in order: returns for its recurring duties.
    pub returns: &'a [String],
}

/// A task's deadlines as of `now`.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// None for closed and withdrawn tasks.
    pub light: Option<Light>,
    pub obligations: Vec<Obligation>,
    pub quotas: Vec<Quota>,
    /// Assignees missing their return for the last feedback period.
    pub missing_feedback: Vec<String>,
    /// Recurring duties (`every` rules), each period's standing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duties: Vec<crate::recurring::Duty>,
    #[serde(skip)]
    pub items: Vec<Item>,
}

/// The latest deadline that counts as "within `dur`" of `now`. For working
/// days, a deadline falling on the rest days after the Nth working day is
/// still within: what counts is that no more than N working days are left.
fn horizon(cal: &Calendar, now: NaiveDateTime, dur: Duration) -> NaiveDateTime {
    match dur.unit {
        crate::duration::Unit::WorkingDays => cal
            .add_working_days(now.date(), dur.count + 1)
            .and_then(|d| d.pred_opt())
            .map(end_of_day),
        _ => cal.deadline(now, dur),
    }
    .unwrap_or(NaiveDateTime::MAX)
}

fn parse_time(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").ok()
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    crate::time::parse_stored_date(text)
}

fn days_between(now: NaiveDateTime, deadline: NaiveDateTime) -> i64 {
    (deadline.date() - now.date()).num_days()
}

/// The latest deadlines that turn a task yellow (`warn`) and that are
/// reported as due soon (`look_ahead`, never narrower than `warn`), as of a
/// time: the same for every task of a plan.
#[derive(Debug, Clone, Copy)]
pub struct Horizons {
    pub warn_until: NaiveDateTime,
    pub ahead_until: NaiveDateTime,
}

impl Horizons {
    /// The last due date reported as due soon, as the store compares it:
    /// `None` when the look-ahead reaches past the calendar (unbounded),
    /// which is later than every date.
    pub fn due_by(&self) -> Option<NaiveDate> {
        let date = self.ahead_until.date();
        (date.year() <= crate::calendar::LAST_YEAR).then_some(date)
    }

    pub fn new(cal: &Calendar, now: NaiveDateTime, warn: Duration, look_ahead: Duration) -> Self {
        let warn_until = horizon(cal, now, warn);
        Horizons {
            warn_until,
            ahead_until: horizon(cal, now, look_ahead).max(warn_until),
        }
    }
}

/// A task's deadlines, items and light as of `now`, with the horizons of
/// its plan (computed once for all its tasks).
pub fn assess(
    task: &TaskInput,
    cal: &Calendar,
    now: NaiveDateTime,
    horizons: Horizons,
) -> Assessment {
    let open = task.status.is_open();
    let working = matches!(
        task.status,
        Status::NotStarted | Status::InProgress | Status::Blocked
    );
    let Horizons {
        warn_until,
        ahead_until,
    } = horizons;
    let mut light = Light::Green;
    let mut items = Vec::new();
    let mut item = |kind: ItemKind,
                    obligation: Option<u32>,
                    division: &str,
                    deadline: NaiveDateTime,
                    detail: String| {
        items.push(Item {
            plan: task.plan.to_string(),
            task: task.id.to_string(),
            title: task.title.to_string(),
            obligation,
            division: division.to_string(),
            deadline: format_time(deadline),
            kind,
            days: days_between(now, deadline),
            detail,
            support: if kind == ItemKind::MissingFeedback {
                Vec::new()
            } else {
                task.support.to_vec()
            },
            order: (task.order, items.len()),
        });
    };
    // The task's own due date.
    let wording = task.due_text.unwrap_or_default().to_string();
    if let Some(due) = task.due.and_then(parse_day).map(end_of_day) {
        if working && due < now {
            light = Light::Red;
            item(ItemKind::Overdue, None, task.lead, due, wording);
        } else if working && due <= ahead_until {
            if due <= warn_until {
                light = light.max(Light::Yellow);
            }
            item(ItemKind::DueSoon, None, task.lead, due, wording);
        }
    }
    // Obligations opened by events.
    let mut obligations = Vec::new();
    for event in task.events {
        let Some(n) = event.obligation else { continue };
        let Some(rule) = task
            .rules
            .iter()
            .find(|r| r.kind == "after" && r.event == event.kind)
        else {
            continue;
        };
        let (Some(opened), Some(within)) = (
            parse_time(&event.at),
            rule.within
                .as_deref()
                .and_then(|w| w.parse::<Duration>().ok()),
        ) else {
            continue;
        };
        let Some(deadline) = cal.deadline(opened, within) else {
            continue;
        };
        let met = (task.met)(n);
        let state = match &met {
            Some(at) if parse_time(at).is_some_and(|at| at > deadline) => ObligationState::MetLate,
            Some(_) => ObligationState::Met,
            None if deadline < now => ObligationState::Overdue,
            None => ObligationState::Open,
        };
        let what = rule.what.clone().unwrap_or_else(|| rule.event.clone());
        if open && met.is_none() {
            if deadline < now {
                light = Light::Red;
                item(
                    ItemKind::ObligationOverdue,
                    Some(n),
                    task.lead,
                    deadline,
                    what,
                );
            } else {
                if deadline <= warn_until {
                    light = light.max(Light::Yellow);
                }
                item(ItemKind::ObligationOpen, Some(n), task.lead, deadline, what);
            }
        }
        obligations.push(Obligation {
            n,
            event: event.kind.clone(),
            opened: event.at.clone(),
            within: within.to_string(),
            deadline: format_time(deadline),
            what: rule.what.clone(),
            met,
            state,
        });
    }
    // Quotas.
    let mut quotas = Vec::new();
    for rule in task.rules.iter().filter(|r| r.kind == "quota") {
        let (Some(by), Some(count)) = (rule.by.as_deref().and_then(parse_day), rule.count) else {
            continue;
        };
        let by_end = end_of_day(by);
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        let recorded = task
            .events
            .iter()
            .filter(|e| e.kind == rule.event && parse_time(&e.at).is_some_and(|at| at <= by_end))
            .count() as u32;
        let what = rule.what.clone().unwrap_or_else(|| rule.event.clone());
        let detail = format!("{what} ({recorded}/{count})");
        let state = if recorded >= count {
            QuotaState::Met
        } else if by_end < now {
            QuotaState::Failed
        } else if by_end <= ahead_until {
            QuotaState::AtRisk
        } else {
            QuotaState::OnTrack
        };
        if open {
            match state {
                QuotaState::Failed => {
                    light = Light::Red;
                    item(ItemKind::QuotaFailed, None, task.lead, by_end, detail);
                }
                QuotaState::AtRisk => {
                    if by_end <= warn_until {
                        light = light.max(Light::Yellow);
                    }
                    item(ItemKind::QuotaAtRisk, None, task.lead, by_end, detail);
                }
                _ => {}
            }
        }
        quotas.push(Quota {
            event: rule.event.clone(),
            count,
            by: by.to_string(),
            recorded,
            what: rule.what.clone(),
            state,
        });
    }
    // Recurring duties: a red item for the period missed, until the next
    // period's deadline or a late return; an open one within the look-ahead.
    let mut duties = Vec::new();
    for rule in task.rules.iter().filter(|r| r.kind == "every") {
        let Some(duty) =
            crate::recurring::assess_rule(rule, task.events, task.returns, now, ahead_until)
        else {
            continue;
        };
        if open {
            for (deadline, standing) in &duty.due {
                let detail = duty.detail(&standing.label);
                match standing.state {
                    crate::recurring::DutyState::Overdue => {
                        light = Light::Red;
                        item(
                            ItemKind::ObligationOverdue,
                            None,
                            task.lead,
                            *deadline,
                            detail,
                        );
                    }
                    crate::recurring::DutyState::Open if *deadline <= ahead_until => {
                        if *deadline <= warn_until {
                            light = light.max(Light::Yellow);
                        }
                        item(ItemKind::ObligationOpen, None, task.lead, *deadline, detail);
                    }
                    _ => {}
                }
            }
        }
        duties.push(duty.shown);
    }
    // Returns missing for the last feedback period.
    let missing = if working {
        task.missing.clone()
    } else {
        Vec::new()
    };
    if let Some(period) = task.period.filter(|_| !missing.is_empty()) {
        light = light.max(Light::Yellow);
        for division in &missing {
            item(
                ItemKind::MissingFeedback,
                None,
                division,
                period.deadline,
                period.label.clone(),
            );
        }
    }
    Assessment {
        light: open.then_some(light),
        obligations,
        quotas,
        missing_feedback: missing,
        duties,
        items,
    }
}

/// Sorts items into the fixed order of `tasks check`: by deadline, then plan,
/// then position in the plan.
pub fn sort_items(items: &mut [Item]) {
    items.sort_by(|a, b| {
        (&a.deadline, &a.plan, a.order, a.kind, &a.division).cmp(&(
            &b.deadline,
            &b.plan,
            b.order,
            b.kind,
            &b.division,
        ))
    });
}

/// The start of a day, for period bounds.
pub fn start_of_day(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A look-ahead that reaches past the calendar has no last due date:
    /// it is later than every date, the last day of the calendar included.
    #[test]
    fn a_look_ahead_past_the_calendar_is_later_than_every_date() {
        let cal = Calendar::embedded();
        let at = |d: &str| crate::time::parse_as_of(d).unwrap();
        let wd = |count| Duration {
            count,
            unit: crate::duration::Unit::WorkingDays,
        };
        let bounded = Horizons::new(&cal, at("2017-01-03"), DEFAULT_WARN, wd(9999));
        let due_by = bounded.due_by().expect("within the calendar");
        assert!(due_by.year() <= 9999, "{due_by}");
        let last = crate::time::far_future();
        for (now, look_ahead) in [("2017-01-03", wd(10_000)), ("9999-12-24", DEFAULT_WARN)] {
            let h = Horizons::new(&cal, at(now), DEFAULT_WARN, look_ahead);
            assert_eq!(h.due_by(), None, "{now} {look_ahead}");
            assert!(h.ahead_until > last && h.warn_until <= h.ahead_until);
        }
        // The day before, the plan's warning still ends in the calendar.
        let h = Horizons::new(&cal, at("9999-12-23"), DEFAULT_WARN, DEFAULT_WARN);
        assert_eq!(
            h.due_by().map(|d| d.to_string()).as_deref(),
            Some("9999-12-30")
        );
    }

    #[test]
    fn days_are_read_as_the_format_parser_reads_them() {
        for text in [
            "2026-11-27",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-12-32",
            "0000-01-01",
            "9999-12-31",
            "2026-1-05",
            "2026-01-5 ",
            "2026/01/05",
            "２026-01-05",
            "+2026-01-05",
            "2026-01-0a",
            "",
            "2026-01-05x",
            "20260-1-05",
        ] {
            let parser = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            assert_eq!(parse_day(text), parser, "{text:?}");
        }
    }

    fn assess(
        task: &TaskInput,
        cal: &Calendar,
        now: NaiveDateTime,
        warn: Duration,
        look_ahead: Duration,
    ) -> Assessment {
        super::assess(task, cal, now, Horizons::new(cal, now, warn, look_ahead))
    }

    fn t(text: &str) -> NaiveDateTime {
        crate::time::parse_as_of(text).unwrap()
    }

    #[test]
    fn feedback_periods_follow_the_cadence_and_the_feedback_day() {
        let p = feedback_period("monthly", Some(25), None, t("2016-08-26")).unwrap();
        assert_eq!(p.label, "2016-08");
        assert_eq!(p.deadline.to_string(), "2016-08-25 23:59:59");
        // On the feedback day itself the period is not yet late.
        let p = feedback_period("monthly", Some(25), None, t("2016-08-25")).unwrap();
        assert_eq!(p.label, "2016-07");
        let p = feedback_period("quarterly", None, None, t("2016-11-02")).unwrap();
        assert_eq!(
            (p.label.as_str(), p.deadline.to_string()),
            ("2016-Q3", "2016-09-30 23:59:59".to_string())
        );
        // A feedback day past the end of February moves back to its last day.
        let p = feedback_period("monthly", Some(31), None, t("2016-03-10")).unwrap();
        assert_eq!(p.deadline.to_string(), "2016-02-29 23:59:59");
        assert!(feedback_period("none", Some(25), None, t("2016-08-26")).is_none());
        let issued = NaiveDate::from_ymd_opt(2016, 9, 1);
        assert!(feedback_period("monthly", Some(25), issued, t("2016-09-10")).is_none());
        // A plan issued on the last day of a period owes a return for it.
        let issued = NaiveDate::from_ymd_opt(2016, 8, 31);
        let p = feedback_period("monthly", Some(25), issued, t("2016-09-10")).unwrap();
        assert_eq!(p.label, "2016-08");
    }

    #[test]
    fn the_next_feedback_day_is_this_periods_or_the_next_ones() {
        let day = |c, d, now| next_feedback_day(c, d, t(now)).map(|d| d.to_string());
        assert_eq!(
            day("monthly", Some(25), "2016-10-10").as_deref(),
            Some("2016-10-25")
        );
        assert_eq!(
            day("monthly", Some(25), "2016-10-25").as_deref(),
            Some("2016-10-25")
        );
        assert_eq!(
            day("monthly", Some(25), "2016-10-26").as_deref(),
            Some("2016-11-25")
        );
        assert_eq!(
            day("monthly", Some(31), "2016-02-10").as_deref(),
            Some("2016-02-29")
        );
        assert_eq!(
            day("monthly", None, "2016-12-31").as_deref(),
            Some("2016-12-31")
        );
        assert_eq!(
            day("quarterly", None, "2016-11-02").as_deref(),
            Some("2016-12-31")
        );
        assert_eq!(
            day("quarterly", Some(5), "2016-12-06").as_deref(),
            Some("2017-03-05")
        );
        assert_eq!(day("none", Some(25), "2016-10-10"), None);
    }

    #[test]
    fn item_kinds_are_read_back_from_their_ids() {
        for kind in [
            ItemKind::Overdue,
            ItemKind::ObligationOverdue,
            ItemKind::QuotaFailed,
            ItemKind::MissingFeedback,
            ItemKind::DueSoon,
            ItemKind::ObligationOpen,
            ItemKind::QuotaAtRisk,
        ] {
            let json = serde_json::to_value(kind).unwrap();
            assert_eq!(json, kind.id());
            assert_eq!(ItemKind::from_id(kind.id()), Some(kind));
        }
        assert_eq!(ItemKind::from_id("late"), None);
    }

    fn rule_after(event: &str, within: &str) -> RuleRow {
        RuleRow {
            kind: "after".into(),
            event: event.into(),
            within: Some(within.into()),
            count: None,
            by: None,
            what: Some("发布解读材料".into()),
            every: None,
            from: None,
            until: None,
        }
    }

    #[test]
    fn an_obligation_follows_its_own_rule_and_its_deadline_to_the_second() {
        let cal = Calendar::embedded();
        // Two `after` rules on two events: each event opens an obligation
        // under its own rule.
        let rules = [
            rule_after("政策文件公开", "3wd"),
            rule_after("督查通报", "10d"),
        ];
        let events = [
            EventRow {
                kind: "政策文件公开".into(),
                at: "2016-09-30 10:00:00".into(),
                note: String::new(),
                obligation: Some(1),
            },
            EventRow {
                kind: "督查通报".into(),
                at: "2016-10-01 10:00:00".into(),
                note: String::new(),
                obligation: Some(2),
            },
        ];
        fn not_met(_: u32) -> Option<String> {
            None
        }
        // Obligation 1 met on the second of its deadline, 2 not met.
        fn met_on_time(n: u32) -> Option<String> {
            (n == 1).then(|| "2016-10-10 23:59:59".to_string())
        }
        let input = |met: &'static dyn Fn(u32) -> Option<String>| TaskInput {
            plan: "p",
            id: "3.3",
            title: "主动做好政策解读",
            support: &[],
            order: 1,
            lead: "新闻中心",
            status: Status::InProgress,
            due: None,
            rules: &rules,
            events: &events,
            met,
            missing: Vec::new(),
            period: None,
            due_text: None,
            returns: &[],
        };
        let a = assess(
            &input(&not_met),
            &cal,
            t("2016-10-10"),
            DEFAULT_WARN,
            DEFAULT_WARN,
        );
        let deadlines: Vec<(&str, &str)> = a
            .obligations
            .iter()
            .map(|o| (o.within.as_str(), o.deadline.as_str()))
            .collect();
        assert_eq!(
            deadlines,
            [
                ("3wd", "2016-10-10 23:59:59"),
                ("10d", "2016-10-11 23:59:59")
            ]
        );
        // At the last second of its deadline an obligation is still open.
        assert_eq!(a.obligations[0].state, ObligationState::Open);
        assert_eq!(a.light, Some(Light::Yellow));
        let a = assess(
            &input(&met_on_time),
            &cal,
            t("2016-10-12"),
            DEFAULT_WARN,
            DEFAULT_WARN,
        );
        // Met on the second of its deadline: in time.
        assert_eq!(a.obligations[0].state, ObligationState::Met);
        assert_eq!(a.obligations[1].state, ObligationState::Overdue);
    }

    #[test]
    fn an_obligation_is_open_then_overdue_then_met() {
        let cal = Calendar::embedded();
        let rules = [rule_after("政策文件公开", "3wd")];
        let events = [EventRow {
            kind: "政策文件公开".into(),
            at: "2016-09-30 10:00:00".into(),
            note: String::new(),
            obligation: Some(1),
        }];
        fn not_met(_: u32) -> Option<String> {
            None
        }
        fn met_late(_: u32) -> Option<String> {
            Some("2016-10-12 09:00:00".to_string())
        }
        let input = |met: &'static dyn Fn(u32) -> Option<String>| TaskInput {
            plan: "p",
            id: "3.3",
            title: "主动做好政策解读",
            support: &[],
            order: 1,
            lead: "新闻中心",
            status: Status::InProgress,
            due: None,
            rules: &rules,
            events: &events,
            met,
            missing: Vec::new(),
            period: None,
            due_text: None,
            returns: &[],
        };
        let a = assess(
            &input(&not_met),
            &cal,
            t("2016-10-09"),
            DEFAULT_WARN,
            DEFAULT_WARN,
        );
        assert_eq!(a.obligations[0].deadline, "2016-10-10 23:59:59");
        assert_eq!(a.obligations[0].state, ObligationState::Open);
        assert_eq!(a.light, Some(Light::Yellow));
        assert_eq!(a.items[0].kind, ItemKind::ObligationOpen);
        assert_eq!(a.items[0].days, 1);
        let a = assess(
            &input(&not_met),
            &cal,
            t("2016-10-11"),
            DEFAULT_WARN,
            DEFAULT_WARN,
        );
        assert_eq!(a.light, Some(Light::Red));
        assert_eq!(a.items[0].kind, ItemKind::ObligationOverdue);
        assert_eq!(a.items[0].days, -1);
        let a = assess(
            &input(&met_late),
            &cal,
            t("2016-10-12"),
            DEFAULT_WARN,
            DEFAULT_WARN,
        );
        assert_eq!(a.obligations[0].state, ObligationState::MetLate);
        assert_eq!(a.light, Some(Light::Green));
        assert!(a.items.is_empty());
    }
}
