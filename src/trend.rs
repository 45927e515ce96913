//! Progress over time: how many of a plan's tasks were closed, done and
//! awaiting review, in progress (blocked ones included) and not started at
//! the end of each month, from the plan's issue to the report's time
//! (docs/report-html.md). Statuses are derived as `rollup::derive_status`
//! derives them, from the entries and reviews recorded by each month's end,
//! in one pass over the history.
//!
//! What is voided is left out of every month, as if it had never been
//! recorded; a task withdrawn today is left out of every month too (the
//! database keeps when a task was withdrawn only as a load, not as a time
//! of the task).

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::rollup::{derive_status, Decision, Entry};
use crate::status::Status;
use crate::store::{PkMap, TaskFacts};
use crate::time::{end_of_day, format_time};

/// One progress entry, as far as statuses need it.
#[derive(Debug, Clone)]
pub struct TrendEntry {
    pub task: i64,
    pub assignee: i64,
    pub status: Status,
    pub pk: i64,
    /// The stored time, `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
}

/// One review, as far as statuses need it.
#[derive(Debug, Clone)]
pub struct TrendReview {
    pub task: i64,
    pub decision: Decision,
    /// The `done` entry a return answered.
    pub answers: Option<i64>,
    pub at: String,
}

/// A plan's tasks (with their assignees, without entries) and its history:
/// entries in the order of their rank (their time first), reviews in the
/// order made, read as they are counted.
pub struct History<E, R> {
    pub tasks: PkMap<TaskFacts>,
    pub entries: E,
    pub reviews: R,
}

/// The tasks of each status at one time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Point {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// The time counted to: the month's last second, or the report's time
    /// in its month.
    pub at: String,
    pub not_started: usize,
    /// In progress and blocked.
    pub in_progress: usize,
    /// Done and awaiting the office's review.
    pub done: usize,
    pub closed: usize,
}

impl Point {
    pub fn total(&self) -> usize {
        self.not_started + self.in_progress + self.done + self.closed
    }
}

/// The most months a trend shows: the last ones, when a plan runs longer.
pub const MAX_MONTHS: usize = 60;

/// The end of each month from `start`'s month to `now`'s, the last one cut
/// at `now`: at most `MAX_MONTHS`, the latest kept.
pub fn month_ends(start: NaiveDate, now: NaiveDateTime) -> Vec<(String, NaiveDateTime)> {
    let mut ends = Vec::new();
    let mut first = NaiveDate::from_ymd_opt(start.year(), start.month(), 1);
    while let Some(month) = first.filter(|m| *m <= now.date()) {
        let next = month.checked_add_months(chrono::Months::new(1));
        let last = next.and_then(|n| n.pred_opt()).map_or(now, end_of_day);
        ends.push((
            format!("{}-{:02}", month.year(), month.month()),
            last.min(now),
        ));
        first = next;
    }
    if ends.len() > MAX_MONTHS {
        ends.drain(..ends.len() - MAX_MONTHS);
    }
    ends
}

/// The counts at each of `ends` (ascending), from `history`.
pub fn monthly<E, R>(history: History<E, R>, ends: &[(String, NaiveDateTime)]) -> Vec<Point>
where
    E: Iterator<Item = TrendEntry>,
    R: Iterator<Item = TrendReview>,
{
    let History {
        mut tasks,
        entries,
        reviews,
    } = history;
    let mut entries = entries.peekable();
    let mut reviews = reviews.peekable();
    let mut status: PkMap<Status> = PkMap::default();
    let mut counts = [0usize; 4];
    let column = |s: Status| match s {
        Status::NotStarted => Some(0),
        Status::InProgress | Status::Blocked => Some(1),
        Status::Done => Some(2),
        Status::Closed => Some(3),
        Status::Withdrawn => None,
    };
    for (&pk, facts) in &tasks {
        if !facts.withdrawn {
            status.insert(pk, Status::NotStarted);
            counts[0] += 1;
        }
    }
    let mut points = Vec::with_capacity(ends.len());
    let mut touched: Vec<i64> = Vec::new();
    for (month, end) in ends {
        let end = format_time(*end);
        touched.clear();
        while let Some(entry) = entries.next_if(|x| x.at <= end) {
            let Some(facts) = tasks.get_mut(&entry.task) else {
                continue;
            };
            // An entry for an assignment the plan no longer has counts for
            // nothing, as in every other status.
            if let Some(a) = facts.assignees.iter_mut().find(|a| a.pk == entry.assignee) {
                a.latest = Some(Entry {
                    status: entry.status,
                    percent: None,
                    note: String::new(),
                    division: String::new(),
                    by: String::new(),
                    at: entry.at,
                    pk: entry.pk,
                });
                touched.push(entry.task);
            }
        }
        while let Some(review) = reviews.next_if(|x| x.at <= end) {
            let Some(facts) = tasks.get_mut(&review.task) else {
                continue;
            };
            if review.decision == Decision::Return {
                facts.reviews.returned = true;
                facts.reviews.answered.extend(review.answers);
            }
            facts.reviews.latest = Some((review.decision, review.at));
            touched.push(review.task);
        }
        // A task touched many times in the month is derived once.
        touched.sort_unstable();
        touched.dedup();
        for pk in &touched {
            let (Some(facts), Some(old)) = (tasks.get(pk), status.get_mut(pk)) else {
                continue;
            };
            let new = derive_status(facts.withdrawn, &facts.assignees, &facts.reviews);
            if let (Some(from), Some(to)) = (column(*old), column(new)) {
                counts[from] -= 1;
                counts[to] += 1;
                *old = new;
            }
        }
        points.push(Point {
            month: month.clone(),
            at: end,
            not_started: counts[0],
            in_progress: counts[1],
            done: counts[2],
            closed: counts[3],
        });
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rollup::{Assignee, Role};

    fn t(text: &str) -> NaiveDateTime {
        crate::time::parse_as_of(text).unwrap()
    }

    #[test]
    fn months_run_from_the_start_to_now_the_last_cut_at_now() {
        let ends = month_ends(
            NaiveDate::from_ymd_opt(2016, 11, 20).unwrap(),
            t("2017-01-10"),
        );
        let shown: Vec<(String, String)> = ends
            .iter()
            .map(|(m, at)| (m.clone(), format_time(*at)))
            .collect();
        assert_eq!(
            shown,
            [
                ("2016-11".to_string(), "2016-11-30 23:59:59".to_string()),
                ("2016-12".to_string(), "2016-12-31 23:59:59".to_string()),
                ("2017-01".to_string(), "2017-01-10 23:59:59".to_string()),
            ]
        );
        assert!(month_ends(
            NaiveDate::from_ymd_opt(2017, 2, 1).unwrap(),
            t("2017-01-10")
        )
        .is_empty());
        let long = month_ends(
            NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
            t("2017-01-10"),
        );
        assert_eq!(long.len(), MAX_MONTHS);
        assert_eq!(long.last().unwrap().0, "2017-01");
    }

    fn assignee(pk: i64, role: Role) -> Assignee {
        Assignee {
            pk,
            name: format!("u{pk}"),
            role,
            word: None,
            kind: "division",
            latest: None,
        }
    }

    fn entry(task: i64, assignee: i64, status: Status, pk: i64, at: &str) -> TrendEntry {
        TrendEntry {
            task,
            assignee,
            status,
            pk,
            at: at.to_string(),
        }
    }

    #[test]
    fn each_month_counts_the_statuses_derived_from_what_was_recorded_by_its_end() {
        let mut tasks: PkMap<TaskFacts> = PkMap::default();
        for pk in 1..=3 {
            tasks.insert(
                pk,
                TaskFacts {
                    assignees: vec![assignee(10, Role::Lead), assignee(11, Role::Support)],
                    withdrawn: pk == 3,
                    ..TaskFacts::default()
                },
            );
        }
        let history = History {
            tasks,
            entries: [
                entry(1, 11, Status::InProgress, 1, "2016-07-05 09:00:00"),
                entry(2, 10, Status::Done, 2, "2016-08-10 09:00:00"),
                entry(1, 10, Status::Done, 3, "2016-08-31 23:59:59"),
                // A withdrawn task and an unknown assignee count for nothing.
                entry(3, 10, Status::Done, 4, "2016-07-01 09:00:00"),
                entry(2, 99, Status::Blocked, 5, "2016-08-11 09:00:00"),
            ]
            .into_iter(),
            reviews: [
                TrendReview {
                    task: 2,
                    decision: Decision::Return,
                    answers: Some(2),
                    at: "2016-08-20 10:00:00".into(),
                },
                TrendReview {
                    task: 1,
                    decision: Decision::Accept,
                    answers: None,
                    at: "2016-09-01 00:00:00".into(),
                },
            ]
            .into_iter(),
        };
        let ends = month_ends(
            NaiveDate::from_ymd_opt(2016, 6, 20).unwrap(),
            t("2016-09-15"),
        );
        let points = monthly(history, &ends);
        let counts: Vec<(&str, [usize; 4])> = points
            .iter()
            .map(|p| {
                (
                    p.month.as_str(),
                    [p.not_started, p.in_progress, p.done, p.closed],
                )
            })
            .collect();
        assert_eq!(
            counts,
            [
                ("2016-06", [2, 0, 0, 0]),
                ("2016-07", [1, 1, 0, 0]),
                // Task 2 done on the 10th, returned on the 20th: in progress.
                // Task 1's lead done on the last second of August.
                ("2016-08", [0, 1, 1, 0]),
                ("2016-09", [0, 1, 0, 1]),
            ]
        );
        assert!(points.iter().all(|p| p.total() == 2));
    }
}
