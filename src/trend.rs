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

/// A plan's tasks (with their assignees, without entries) and its history,
/// read as they are counted: entries in the order of their task, assignee
/// and rank (their time first), reviews in the order of their task and of
/// when they were made.
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

/// The counts at each of `ends` (ascending), from `history`: task by task
/// (its entries and reviews come together, so that each task is looked up
/// once), recording in which month its status changes; the counts are then
/// summed month by month.
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
    let column = |s: Status| match s {
        Status::NotStarted => Some(0),
        Status::InProgress | Status::Blocked => Some(1),
        Status::Done => Some(2),
        Status::Closed => Some(3),
        Status::Withdrawn => None,
    };
    let ends_text: Vec<String> = ends.iter().map(|(_, end)| format_time(*end)).collect();
    // How many tasks enter (+) and leave (-) each column at each month.
    let mut change = vec![[0i64; 4]; ends.len()];
    let mut counted = 0i64;
    let mut pks: Vec<i64> = tasks.keys().copied().collect();
    pks.sort_unstable();
    let mut mine: Vec<TrendEntry> = Vec::new();
    let mut my_reviews: Vec<TrendReview> = Vec::new();
    for pk in pks {
        // What belongs to tasks not counted (of another plan, say) is
        // passed over.
        while entries.next_if(|e| e.task < pk).is_some() {}
        while reviews.next_if(|r| r.task < pk).is_some() {}
        mine.clear();
        my_reviews.clear();
        mine.extend(std::iter::from_fn(|| entries.next_if(|e| e.task == pk)));
        my_reviews.extend(std::iter::from_fn(|| reviews.next_if(|r| r.task == pk)));
        let Some(facts) = tasks.get_mut(&pk) else {
            continue;
        };
        if facts.withdrawn {
            continue;
        }
        counted += 1;
        // By time; a stable sort keeps one assignee's entries of the same
        // second in the order of their rank.
        mine.sort_by(|a, b| a.at.cmp(&b.at));
        let (mut e, mut r) = (0, 0);
        let mut status = Status::NotStarted;
        for (month, end) in ends_text.iter().enumerate() {
            let mut moved = false;
            while let Some(entry) = mine.get(e).filter(|x| x.at <= *end) {
                e += 1;
                // An entry for an assignment the plan no longer has counts
                // for nothing, as in every other status.
                if let Some(a) = facts.assignees.iter_mut().find(|a| a.pk == entry.assignee) {
                    a.latest = Some(Entry {
                        status: entry.status,
                        percent: None,
                        note: String::new(),
                        division: String::new(),
                        by: String::new(),
                        at: entry.at.clone(),
                        pk: entry.pk,
                    });
                    moved = true;
                }
            }
            while let Some(review) = my_reviews.get(r).filter(|x| x.at <= *end) {
                r += 1;
                if review.decision == Decision::Return {
                    facts.reviews.returned = true;
                    facts.reviews.answered.extend(review.answers);
                }
                facts.reviews.latest = Some((review.decision, review.at.clone()));
                moved = true;
            }
            if !moved {
                continue;
            }
            let new = derive_status(facts.withdrawn, &facts.assignees, &facts.reviews);
            if let (Some(from), Some(to)) = (column(status), column(new)) {
                if from != to {
                    change[month][from] -= 1;
                    change[month][to] += 1;
                }
                status = new;
            }
        }
    }
    let mut counts = [counted, 0, 0, 0];
    let mut points = Vec::with_capacity(ends.len());
    for ((month, _), (end, delta)) in ends.iter().zip(ends_text.into_iter().zip(change)) {
        for (count, d) in counts.iter_mut().zip(delta) {
            *count += d;
        }
        let n = |i: usize| usize::try_from(counts[i]).unwrap_or(0);
        points.push(Point {
            month: month.clone(),
            at: end,
            not_started: n(0),
            in_progress: n(1),
            done: n(2),
            closed: n(3),
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
        let mut entries = vec![
            entry(1, 11, Status::InProgress, 1, "2016-07-05 09:00:00"),
            entry(2, 10, Status::Done, 2, "2016-08-10 09:00:00"),
            entry(1, 10, Status::Done, 3, "2016-08-31 23:59:59"),
            // A withdrawn task and an unknown assignee count for nothing.
            entry(3, 10, Status::Done, 4, "2016-07-01 09:00:00"),
            entry(2, 99, Status::Blocked, 5, "2016-08-11 09:00:00"),
        ];
        entries.sort_by(|a, b| (a.task, a.assignee, &a.at).cmp(&(b.task, b.assignee, &b.at)));
        let mut reviews = vec![
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
        ];
        reviews.sort_by(|a, b| (a.task, &a.at).cmp(&(b.task, &b.at)));
        let history = History {
            tasks,
            entries: entries.into_iter(),
            reviews: reviews.into_iter(),
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
