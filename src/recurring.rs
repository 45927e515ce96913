//! Recurring duties (docs/deadlines.md, "Recurring duties"): an `every`
//! rule opens one obligation each year, quarter or month, due by a day of
//! that period (每年2月底前, 每季度末, 每月25日前). Pure functions: the time
//! is always an argument.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::store::{EventRow, RuleRow};
use crate::time::{end_of_day, format_time};

/// The period a duty recurs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Every {
    Year,
    Quarter,
    Month,
}

impl Every {
    pub fn id(self) -> &'static str {
        match self {
            Every::Year => "year",
            Every::Quarter => "quarter",
            Every::Month => "month",
        }
    }

    pub fn parse(text: &str) -> Option<Every> {
        [Every::Year, Every::Quarter, Every::Month]
            .into_iter()
            .find(|e| e.id() == text)
    }

    fn months(self) -> u32 {
        match self {
            Every::Year => 12,
            Every::Quarter => 3,
            Every::Month => 1,
        }
    }
}

/// When a duty falls due: the period, and the day within it. `month` is the
/// month of a yearly duty (1–12; 0 otherwise); `day` the day of that month,
/// of the quarter's last month or of the month, `None` for its last day. A
/// day past the end of a shorter month is that month's last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    pub every: Every,
    pub month: u32,
    pub day: Option<u32>,
}

/// One period of a duty: its label (2017, 2017-Q1, 2017-03), its first and
/// last day, and the day the duty is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyPeriod {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub deadline: NaiveDate,
}

/// Most periods a duty is followed for, from its start: a monthly duty over
/// a century.
const MAX_PERIODS: usize = 1200;

impl Recurrence {
    pub fn new(every: Every, month: u32, day: Option<u32>) -> Recurrence {
        Recurrence { every, month, day }
    }

    /// The stored form of the day: "02-28" or "02-end" for a year, "25" or
    /// "end" otherwise (`crate::plan::due::read_by` reads it back).
    pub fn by_text(&self) -> String {
        let day = self.day.map_or("end".to_string(), |d| format!("{d:02}"));
        match self.every {
            Every::Year => format!("{:02}-{day}", self.month),
            _ => day,
        }
    }

    /// The rule as stored (`every`, `by`), read back.
    pub fn from_stored(every: &str, by: &str) -> Option<Recurrence> {
        crate::plan::due::read_by(Every::parse(every)?, by)
    }

    /// The first day of the period `date` falls in.
    fn start_of(&self, date: NaiveDate) -> Option<NaiveDate> {
        let months = self.every.months();
        let month0 = (date.month0() / months) * months;
        NaiveDate::from_ymd_opt(date.year(), month0 + 1, 1)
    }

    /// The period that begins on `start`.
    fn period(&self, start: NaiveDate) -> Option<DutyPeriod> {
        let next = start.checked_add_months(Months::new(self.every.months()))?;
        let end = next.pred_opt()?;
        let month = match self.every {
            Every::Year => self.month,
            _ => end.month(),
        };
        let first = NaiveDate::from_ymd_opt(start.year(), month, 1)?;
        let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
        let deadline = match self.day {
            None => last,
            Some(d) => last.with_day(d.min(last.day()))?,
        };
        let label = match self.every {
            Every::Year => format!("{}", start.year()),
            Every::Quarter => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
            Every::Month => format!("{}-{:02}", start.year(), start.month()),
        };
        Some(DutyPeriod {
            label,
            start,
            end,
            deadline,
        })
    }

    /// The periods of a duty followed from `from` to `until` (a period
    /// counts when its deadline is not before `from` and it begins on or
    /// before `until`) that have begun by `today` or fall due by `ahead`,
    /// in order, and the one after the last of them (the next, whose
    /// deadline ends the time a late return is taken for the last).
    pub fn periods(
        &self,
        from: NaiveDate,
        until: Option<NaiveDate>,
        today: NaiveDate,
        ahead: NaiveDate,
    ) -> (Vec<DutyPeriod>, Option<DutyPeriod>) {
        let mut list = Vec::new();
        let Some(mut start) = self.start_of(from) else {
            return (list, None);
        };
        while list.len() < MAX_PERIODS {
            let Some(p) = self.period(start) else { break };
            let later = p.start > today && p.deadline > ahead;
            if later || until.is_some_and(|u| p.start > u) {
                return (list, Some(p));
            }
            start = match p.end.succ_opt() {
                Some(next) => next,
                None => break,
            };
            if p.deadline >= from {
                list.push(p);
            }
        }
        (list, None)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DutyState {
    /// Not returned yet; its deadline has not passed.
    Open,
    Met,
    /// Returned after its deadline.
    MetLate,
    /// Its deadline has passed without a return, and the next period's
    /// has not: the task is red.
    Overdue,
    /// Not returned by the next period's deadline: a miss on the record,
    /// no longer red.
    Missed,
}

/// One period's standing, as `show` and JSON give it.
#[derive(Debug, Clone, Serialize)]
pub struct DutyStanding {
    pub label: String,
    pub deadline: String,
    /// The return (an entry on the task, or an event of the rule's kind)
    /// that met it.
    pub met: Option<String>,
    pub state: DutyState,
}

/// The standing of each period of a duty as of `now` (periods that fall due
/// by `ahead` included, though not begun). `returns` are the
/// times of the entries on the task and of the events of the rule's kind,
/// sorted. Each return meets one period: the earliest period not yet met
/// that began on or before it, if it comes no later than that period's
/// next one's deadline (on time by its own deadline, late after it).
pub fn standings(
    rec: &Recurrence,
    from: NaiveDate,
    until: Option<NaiveDate>,
    returns: &[NaiveDateTime],
    now: NaiveDateTime,
    ahead: NaiveDateTime,
) -> Vec<(DutyPeriod, DutyStanding)> {
    let (periods, after) = rec.periods(from, until, now.date(), ahead.date());
    let mut out = Vec::with_capacity(periods.len());
    let mut next = 0;
    for (k, p) in periods.iter().enumerate() {
        let deadline = end_of_day(p.deadline);
        let limit = periods
            .get(k + 1)
            .or(after.as_ref())
            .map_or(NaiveDateTime::MAX, |n| end_of_day(n.deadline));
        while returns.get(next).is_some_and(|t| t.date() < p.start) {
            next += 1;
        }
        let met = returns
            .get(next)
            .filter(|t| **t <= limit && **t <= now)
            .copied();
        let state = match met {
            Some(t) => {
                next += 1;
                if t <= deadline {
                    DutyState::Met
                } else {
                    DutyState::MetLate
                }
            }
            None if now <= deadline => DutyState::Open,
            None if now <= limit => DutyState::Overdue,
            None => DutyState::Missed,
        };
        out.push((
            p.clone(),
            DutyStanding {
                label: p.label.clone(),
                deadline: format_time(deadline),
                met: met.map(format_time),
                state,
            },
        ));
    }
    out
}

/// A duty as `show` and JSON give it: the rule, and each period's standing.
#[derive(Debug, Clone, Serialize)]
pub struct Duty {
    pub every: String,
    pub by: String,
    pub from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    pub event: Option<String>,
    pub what: Option<String>,
    pub periods: Vec<DutyStanding>,
}

/// A duty assessed: what is shown, and each period with its deadline.
pub struct Assessed {
    pub shown: Duty,
    pub due: Vec<(NaiveDateTime, DutyStanding)>,
}

impl Assessed {
    /// What an item of period `label` says: the requirement (or the event)
    /// and the period.
    pub fn detail(&self, label: &str) -> String {
        match self.shown.what.as_ref().or(self.shown.event.as_ref()) {
            Some(what) => format!("{what} ({label})"),
            None => label.to_string(),
        }
    }
}

/// An `every` rule's standing as of `now`, with the periods that fall due
/// by `ahead`: returns are the task's entries (`entries`, times as stored)
/// and its events of the rule's kind. None for a rule that is not an
/// `every` rule or cannot be read.
pub fn assess_rule(
    rule: &RuleRow,
    events: &[EventRow],
    entries: &[String],
    now: NaiveDateTime,
    ahead: NaiveDateTime,
) -> Option<Assessed> {
    let rec = Recurrence::from_stored(rule.every.as_deref()?, rule.by.as_deref()?)?;
    let day = |d: &Option<String>| d.as_deref().and_then(crate::time::parse_stored_date);
    let from = day(&rule.from)?;
    let until = day(&rule.until);
    let parse = |t: &str| NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S").ok();
    let mut returns: Vec<NaiveDateTime> = entries.iter().filter_map(|t| parse(t)).collect();
    if !rule.event.is_empty() {
        returns.extend(
            events
                .iter()
                .filter(|e| e.kind == rule.event)
                .filter_map(|e| parse(&e.at)),
        );
    }
    returns.sort_unstable();
    let due: Vec<(NaiveDateTime, DutyStanding)> =
        standings(&rec, from, until, &returns, now, ahead)
            .into_iter()
            .map(|(p, s)| (end_of_day(p.deadline), s))
            .collect();
    Some(Assessed {
        shown: Duty {
            every: rec.every.id().to_string(),
            by: rec.by_text(),
            from: from.to_string(),
            until: until.map(|d| d.to_string()),
            event: (!rule.event.is_empty()).then(|| rule.event.clone()),
            what: rule.what.clone(),
            periods: due.iter().map(|(_, s)| s.clone()).collect(),
        },
        due,
    })
}

impl Recurrence {
    /// The duty's period and day in words: 每年2月底前, every month by day 25.
    pub fn words(&self) -> crate::messages::Msg {
        use crate::messages as m;
        match (self.every, self.day) {
            (Every::Year, Some(d)) => m::every_year_by(self.month, d),
            (Every::Year, None) => m::every_year_by_month_end(self.month),
            (Every::Quarter, Some(d)) => m::every_quarter_by(d),
            (Every::Quarter, None) => m::every_quarter_end(),
            (Every::Month, Some(d)) => m::every_month_by(d),
            (Every::Month, None) => m::every_month_end(),
        }
    }
}

impl DutyState {
    pub fn label(self, lang: crate::lang::Lang) -> String {
        use crate::messages as m;
        let msg = match self {
            DutyState::Open => m::duty_state_open(),
            DutyState::Met => m::duty_state_met(),
            DutyState::MetLate => m::duty_state_met_late(),
            DutyState::Overdue => m::duty_state_overdue(),
            DutyState::Missed => m::duty_state_missed(),
        };
        msg.text(lang).to_string()
    }
}

/// The periods of `duties` not yet returned: open or overdue.
pub fn outstanding(duties: &[Duty]) -> impl Iterator<Item = &DutyStanding> {
    duties
        .iter()
        .flat_map(|d| &d.periods)
        .filter(|p| matches!(p.state, DutyState::Open | DutyState::Overdue))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn t(text: &str) -> NaiveDateTime {
        crate::time::parse_as_of(text).unwrap()
    }

    #[test]
    fn periods_are_labelled_and_fall_due_on_their_day() {
        let yearly = Recurrence::new(Every::Year, 2, None);
        let today = day("2018-03-01");
        let (list, after) = yearly.periods(day("2016-07-15"), None, today, today);
        // 2016's deadline passed before the duty began.
        let got: Vec<(String, String)> = list
            .iter()
            .map(|p| (p.label.clone(), p.deadline.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("2017".to_string(), "2017-02-28".to_string()),
                ("2018".to_string(), "2018-02-28".to_string())
            ]
        );
        assert_eq!(after.unwrap().deadline, day("2019-02-28"));
        let quarterly = Recurrence::new(Every::Quarter, 0, Some(20));
        let today = day("2016-08-01");
        let (list, _) = quarterly.periods(day("2016-01-01"), None, today, today);
        let got: Vec<String> = list
            .iter()
            .map(|p| format!("{} {}", p.label, p.deadline))
            .collect();
        assert_eq!(
            got,
            [
                "2016-Q1 2016-03-20",
                "2016-Q2 2016-06-20",
                "2016-Q3 2016-09-20"
            ]
        );
        // A day past the end of a short month is its last day.
        let monthly = Recurrence::new(Every::Month, 0, Some(31));
        let today = day("2017-12-01");
        let (list, _) = monthly.periods(day("2017-01-01"), Some(day("2017-02-10")), today, today);
        let got: Vec<String> = list.iter().map(|p| p.deadline.to_string()).collect();
        assert_eq!(got, ["2017-01-31", "2017-02-28"]);
    }

    #[test]
    fn a_period_is_open_then_overdue_then_missed_unless_returned() {
        let rec = Recurrence::new(Every::Month, 0, Some(25));
        let from = day("2017-03-01");
        let state = |returns: &[&str], now: &str| -> Vec<DutyState> {
            let returns: Vec<NaiveDateTime> = returns.iter().map(|r| t(r)).collect();
            standings(&rec, from, None, &returns, t(now), t(now))
                .into_iter()
                .map(|(_, s)| s.state)
                .collect()
        };
        use DutyState::*;
        assert_eq!(state(&[], "2017-03-25"), [Open]);
        assert_eq!(state(&[], "2017-03-26"), [Overdue]);
        assert_eq!(state(&[], "2017-04-26"), [Missed, Overdue]);
        assert_eq!(state(&["2017-03-10"], "2017-04-26"), [Met, Overdue]);
        // A late return meets the period missed; the next still wants one.
        assert_eq!(state(&["2017-04-02"], "2017-04-10"), [MetLate, Open]);
        assert_eq!(
            state(&["2017-04-02", "2017-04-03"], "2017-04-10"),
            [MetLate, Met]
        );
        // Two returns in one period meet it once; the second is not carried on.
        assert_eq!(
            state(&["2017-03-10", "2017-03-11"], "2017-04-26"),
            [Met, Overdue]
        );
        // A return later than `now` is not seen.
        assert_eq!(state(&["2017-03-28"], "2017-03-27"), [Overdue]);
    }

    #[test]
    fn a_period_not_begun_is_followed_once_it_falls_due_within_the_look_ahead() {
        let rec = Recurrence::new(Every::Month, 0, Some(3));
        let from = day("2017-01-05");
        let labels = |now: &str, ahead: &str| -> Vec<String> {
            standings(&rec, from, None, &[], t(now), t(ahead))
                .into_iter()
                .map(|(p, s)| format!("{} {:?}", p.label, s.state))
                .collect()
        };
        // January's deadline came before the duty began.
        assert!(labels("2017-01-24", "2017-01-31").is_empty());
        assert_eq!(labels("2017-01-24", "2017-02-03"), ["2017-02 Open"]);
    }
}
