//! Statuses derived from what was recorded, and the office roll-up (docs/commands.md, `tasks report`).
//! Pure functions over plain data: nothing here reads the database or the
//! clock.

use std::collections::HashMap;

use serde::Serialize;

use crate::status::Status;

/// One progress entry, as far as statuses and the report need it.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub status: Status,
    pub percent: Option<u8>,
    pub note: String,
    /// The division that reported (a member, when the assignee is a group).
    pub division: String,
    pub by: String,
    pub at: String,
    /// The entry's number in the database, which a review answers.
    #[serde(skip)]
    pub pk: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Lead,
    Support,
}

/// An assignee of a task with its latest entry as of the report's time.
#[derive(Debug, Clone, Serialize)]
pub struct Assignee {
    #[serde(skip)]
    pub pk: i64,
    pub name: String,
    pub role: Role,
    /// The role word the unit is assigned under, when not the built-in
    /// 牵头 or 配合 of its role (docs/plan-format.md, role words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word: Option<String>,
    /// "division", "group" or "outside".
    pub kind: &'static str,
    pub latest: Option<Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Accept,
    Return,
}

impl Decision {
    pub fn id(self) -> &'static str {
        match self {
            Decision::Accept => "accept",
            Decision::Return => "return",
        }
    }
}

/// The office's reviews of a task as of the report's time.
#[derive(Debug, Clone, Default)]
pub struct Reviews {
    /// The latest decision and its time.
    pub latest: Option<(Decision, String)>,
    /// Whether any return was made.
    pub returned: bool,
    /// The `done` entries that returns answered.
    pub answered: Vec<i64>,
}

/// A task's status, derived (docs/statuses.md):
/// closed once the office accepts; done once the latest entry of the lead,
/// and of each unit assigned under a lead-like role word, is a `done` that
/// no return answered (a return answers the `done` it reviewed,
/// so a new `done` is needed after it); blocked if any assignee's latest
/// entry is `blocked`; in progress once any assignee's latest entry shows
/// work (in progress or done) or the office returned it; not started
/// otherwise.
pub fn derive_status(withdrawn: bool, assignees: &[Assignee], reviews: &Reviews) -> Status {
    if withdrawn {
        return Status::Withdrawn;
    }
    if matches!(reviews.latest, Some((Decision::Accept, _))) {
        return Status::Closed;
    }
    let mut leads = assignees.iter().filter(|a| a.role == Role::Lead).peekable();
    let lead_done = leads.peek().is_some()
        && leads.all(|a| {
            a.latest
                .as_ref()
                .is_some_and(|e| e.status == Status::Done && !reviews.answered.contains(&e.pk))
        });
    if lead_done {
        return Status::Done;
    }
    let latest = || assignees.iter().filter_map(|a| a.latest.as_ref());
    if latest().any(|e| e.status == Status::Blocked) {
        return Status::Blocked;
    }
    if reviews.returned || latest().any(|e| matches!(e.status, Status::InProgress | Status::Done)) {
        return Status::InProgress;
    }
    Status::NotStarted
}

/// One task of a report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportTask {
    pub id: String,
    pub section: String,
    pub title: String,
    pub lead: String,
    pub status: Status,
    pub due: Option<String>,
    /// `due` given as a phrase: its kind and the notice's wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_text: Option<String>,
    /// Red: its due date or an obligation's deadline has passed.
    pub overdue: bool,
    /// red, yellow or green; null for closed tasks.
    pub light: Option<crate::deadlines::Light>,
    /// Obligations opened by events and not yet met.
    pub open_obligations: Vec<crate::deadlines::Obligation>,
    /// Periods of recurring duties not yet returned.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub open_duties: Vec<crate::recurring::DutyStanding>,
    /// Assignees without a return for the last feedback period.
    pub missing_feedback: Vec<String>,
    pub assignees: Vec<Assignee>,
    /// Its deliverable and target, when it has them.
    #[serde(flatten)]
    pub outcome: crate::store::Outcome,
    /// The task it is a sub-task of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Levels above it: 0 for a task without a parent.
    #[serde(skip)]
    pub depth: usize,
    /// It has sub-tasks: its status rolls up from them, and it is not
    /// counted in the figures, where its leaves are.
    #[serde(skip)]
    pub has_sub_tasks: bool,
    /// For a task with sub-tasks, the average progress of its leaves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<u8>,
}

impl ReportTask {
    /// The due date as people see it (`crate::plan::due::shown`).
    pub fn due_shown(&self, lang: crate::lang::Lang) -> Option<String> {
        crate::plan::due::shown(
            self.due.as_deref(),
            self.due_kind.as_deref(),
            self.due_text.as_deref(),
            lang,
        )
    }
}

/// Figures for one section or division, or the whole plan.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    /// Section id, division or group name; "" for the total.
    pub key: String,
    /// Section title, or "division" / "group".
    pub label: String,
    pub tasks: usize,
    pub lead: usize,
    pub support: usize,
    pub not_started: usize,
    pub in_progress: usize,
    pub blocked: usize,
    pub done: usize,
    pub closed: usize,
    pub overdue: usize,
    /// Tasks with an assignee (for a division: that division) missing its
    /// return for the last feedback period.
    pub missing_feedback: usize,
    /// Closed tasks as a share of all tasks, 0–100, rounded down.
    pub completion: u32,
    /// Figures by division: the reminders (催办) sent to the division and
    /// recorded, voided ones aside (for the total: to every division).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reminders: Option<usize>,
}

impl Figures {
    /// Sets the reminders of figures by division from the count of each
    /// division's (a group is never reminded itself: none), and of the
    /// total.
    pub fn add_reminders(
        rows: &mut [Figures],
        total: &mut Figures,
        counts: &std::collections::HashMap<String, usize>,
    ) {
        for f in rows.iter_mut() {
            f.reminders = Some(counts.get(&f.key).copied().unwrap_or(0));
        }
        total.reminders = Some(counts.values().sum());
    }

    fn count(&mut self, task: &ReportTask, role: Option<Role>, missing: bool) {
        self.tasks += 1;
        if missing {
            self.missing_feedback += 1;
        }
        match role {
            Some(Role::Lead) => self.lead += 1,
            Some(Role::Support) => self.support += 1,
            None => {}
        }
        self.add_status(task.status, 1);
        if task.overdue {
            self.overdue += 1;
        }
    }

    /// The columns after the task counts, in the order reports show them:
    /// not started, in progress, blocked, done, closed, overdue, missing a
    /// return.
    pub fn by_status(&self) -> [usize; 7] {
        [
            self.not_started,
            self.in_progress,
            self.blocked,
            self.done,
            self.closed,
            self.overdue,
            self.missing_feedback,
        ]
    }

    /// Adds `n` tasks to the column of `status` (withdrawn tasks have none).
    fn add_status(&mut self, status: Status, n: usize) {
        match status {
            Status::NotStarted => self.not_started += n,
            Status::InProgress => self.in_progress += n,
            Status::Blocked => self.blocked += n,
            Status::Done => self.done += n,
            Status::Closed => self.closed += n,
            Status::Withdrawn => {}
        }
    }

    fn finish(&mut self) {
        self.completion = (self.closed * 100)
            .checked_div(self.tasks)
            .map_or(0, |c| c as u32);
    }
}

/// Figures per section, in the sections' order, and the total.
pub fn by_section(tasks: &[ReportTask], sections: &[(String, String)]) -> (Vec<Figures>, Figures) {
    let mut tally = Tally::by_section(sections);
    tasks.iter().for_each(|t| tally.add(t));
    tally.finish()
}

/// Empty figures for each section, in order.
fn section_rows(sections: &[(String, String)]) -> Vec<Figures> {
    sections
        .iter()
        .map(|(id, title)| Figures {
            key: id.clone(),
            label: title.clone(),
            ..Figures::default()
        })
        .collect()
}

/// `by_section` from counts instead of every task: how many tasks each
/// section has in each status, and, of the tasks that may be overdue or
/// missing a return, their section and whether they are.
pub fn by_section_counts(
    counts: &[(String, Status, usize)],
    flagged: &[(String, bool, bool)],
    sections: &[(String, String)],
) -> (Vec<Figures>, Figures) {
    let mut rows = section_rows(sections);
    let mut total = Figures::default();
    for (section, status, n) in counts {
        let row = rows.iter_mut().find(|r| r.key == *section);
        for f in row.into_iter().chain(std::iter::once(&mut total)) {
            f.tasks += n;
            f.add_status(*status, *n);
        }
    }
    for (section, overdue, missing) in flagged {
        let row = rows.iter_mut().find(|r| r.key == *section);
        for f in row.into_iter().chain(std::iter::once(&mut total)) {
            f.overdue += usize::from(*overdue);
            f.missing_feedback += usize::from(*missing);
        }
    }
    rows.iter_mut().for_each(Figures::finish);
    total.finish();
    (rows, total)
}

/// A division or group, in declared order, with the groups it belongs to.
pub struct Unit {
    pub name: String,
    pub kind: String,
    pub groups: Vec<String>,
}

/// Figures per division and group. A division counts the tasks assigned to
/// it and to the groups it belongs to; a group counts its own. A task counts
/// once for a unit: with the role of its own assignment, else with the role
/// of the first of its groups among the task's assignees.
pub fn by_division(tasks: &[ReportTask], units: &[Unit]) -> (Vec<Figures>, Figures) {
    let mut tally = Tally::by_division(units);
    tasks.iter().for_each(|t| tally.add(t));
    tally.finish()
}

/// Figures counted one task at a time, by section or by division (see
/// `by_section` and `by_division`): a report need not hold its tasks to
/// count them.
pub struct Tally<'u> {
    rows: Vec<Figures>,
    total: Figures,
    by: By<'u>,
}

enum By<'u> {
    Section,
    Division {
        units: &'u [Unit],
        index: HashMap<&'u str, usize>,
        /// The units belonging to each group.
        members: HashMap<&'u str, Vec<usize>>,
        /// The last task each unit was counted for: a unit counts once per
        /// task.
        counted: Vec<Option<usize>>,
        /// Tasks counted so far.
        seen: usize,
    },
}

impl<'u> Tally<'u> {
    pub fn by_section(sections: &[(String, String)]) -> Tally<'u> {
        Tally {
            rows: section_rows(sections),
            total: Figures::default(),
            by: By::Section,
        }
    }

    pub fn by_division(units: &'u [Unit]) -> Tally<'u> {
        let mut index = HashMap::new();
        let mut members: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut rows = Vec::new();
        for (i, u) in units.iter().enumerate() {
            index.insert(u.name.as_str(), i);
            for g in &u.groups {
                members.entry(g.as_str()).or_default().push(i);
            }
            rows.push(Figures {
                key: u.name.clone(),
                label: u.kind.clone(),
                ..Figures::default()
            });
        }
        Tally {
            rows,
            total: Figures::default(),
            by: By::Division {
                units,
                index,
                members,
                counted: vec![None; units.len()],
                seen: 0,
            },
        }
    }

    pub fn add(&mut self, t: &ReportTask) {
        // Each leaf counts once: a task with sub-tasks is counted in them.
        if t.has_sub_tasks {
            return;
        }
        let missing = !t.missing_feedback.is_empty();
        self.total.count(t, None, missing);
        match &mut self.by {
            By::Section => {
                if let Some(row) = self.rows.iter_mut().find(|r| r.key == t.section) {
                    row.count(t, None, missing);
                }
            }
            By::Division {
                units,
                index,
                members,
                counted,
                seen,
            } => {
                let n = *seen;
                *seen += 1;
                let direct = t
                    .assignees
                    .iter()
                    .filter_map(|a| Some((*index.get(a.name.as_str())?, a.role)));
                let grouped = t.assignees.iter().flat_map(|a| {
                    let of_group = members.get(a.name.as_str()).map_or(&[][..], Vec::as_slice);
                    of_group.iter().map(move |&i| (i, a.role))
                });
                for (i, role) in direct.chain(grouped) {
                    if counted[i] != Some(n) {
                        counted[i] = Some(n);
                        let missing = t.missing_feedback.contains(&units[i].name);
                        self.rows[i].count(t, Some(role), missing);
                    }
                }
            }
        }
    }

    /// The figures of each section or unit, in order, and the total.
    pub fn finish(mut self) -> (Vec<Figures>, Figures) {
        self.rows.iter_mut().for_each(Figures::finish);
        self.total.finish();
        (self.rows, self.total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `by_division` as the rule reads, unit by unit over every task.
    fn by_division_naive(tasks: &[ReportTask], units: &[Unit]) -> (Vec<Figures>, Figures) {
        let mut rows: Vec<Figures> = units
            .iter()
            .map(|u| Figures {
                key: u.name.clone(),
                label: u.kind.clone(),
                ..Figures::default()
            })
            .collect();
        let mut total = Figures::default();
        for t in tasks {
            total.count(t, None, !t.missing_feedback.is_empty());
            for (i, u) in units.iter().enumerate() {
                let role = t
                    .assignees
                    .iter()
                    .find(|a| a.name == u.name)
                    .or_else(|| t.assignees.iter().find(|a| u.groups.contains(&a.name)))
                    .map(|a| a.role);
                if let Some(role) = role {
                    rows[i].count(t, Some(role), t.missing_feedback.contains(&u.name));
                }
            }
        }
        rows.iter_mut().for_each(Figures::finish);
        total.finish();
        (rows, total)
    }

    const NAMES: [&str; 6] = ["d1", "d2", "d3", "d4", "g1", "g2"];

    fn report_task(
        assigned: Vec<(usize, bool)>,
        status: usize,
        overdue: bool,
        missing: Vec<usize>,
    ) -> ReportTask {
        let mut seen = Vec::new();
        let assignees = assigned
            .into_iter()
            .filter(|(u, _)| {
                let new = !seen.contains(u);
                seen.push(*u);
                new
            })
            .enumerate()
            .map(|(k, (u, lead))| Assignee {
                pk: u as i64,
                name: NAMES[u].to_string(),
                role: if k == 0 || lead {
                    Role::Lead
                } else {
                    Role::Support
                },
                kind: if u >= 4 { "group" } else { "division" },
                word: None,
                latest: None,
            })
            .collect();
        ReportTask {
            id: String::new(),
            section: String::new(),
            title: String::new(),
            lead: String::new(),
            status: Status::ALL[status % 5],
            due: None,
            due_kind: None,
            due_text: None,
            overdue,
            light: None,
            open_obligations: Vec::new(),
            open_duties: Vec::new(),
            missing_feedback: missing.into_iter().map(|u| NAMES[u].to_string()).collect(),
            outcome: Default::default(),
            assignees,
            parent: None,
            depth: 0,
            has_sub_tasks: false,
            percent: None,
        }
    }

    proptest! {
        #[test]
        fn by_division_counts_as_the_rule_reads(
            tasks in prop::collection::vec(
                (
                    prop::collection::vec((0..6usize, any::<bool>()), 1..5),
                    0..5usize,
                    any::<bool>(),
                    prop::collection::vec(0..6usize, 0..3),
                ),
                0..30,
            ),
            memberships in prop::collection::vec((0..4usize, 4..6usize), 0..6),
        ) {
            let tasks: Vec<ReportTask> = tasks
                .into_iter()
                .map(|(a, s, o, m)| report_task(a, s, o, m))
                .collect();
            let units: Vec<Unit> = (0..6)
                .map(|u| Unit {
                    name: NAMES[u].to_string(),
                    kind: if u >= 4 { "group" } else { "division" }.to_string(),
                    groups: memberships
                        .iter()
                        .filter(|(m, _)| *m == u)
                        .map(|(_, g)| NAMES[*g].to_string())
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect(),
                })
                .collect();
            let (rows, total) = by_division(&tasks, &units);
            let (want_rows, want_total) = by_division_naive(&tasks, &units);
            prop_assert_eq!(format!("{rows:?} {total:?}"), format!("{want_rows:?} {want_total:?}"));
        }
    }

    #[test]
    fn sections_count_overdue_tasks_and_missing_returns_as_the_kept_counts_do() {
        let sections = vec![
            ("1".to_string(), "一".to_string()),
            ("2".to_string(), "二".to_string()),
        ];
        // Not started, overdue, missing a return; in progress and overdue;
        // closed and missing a return.
        let mut tasks = vec![
            report_task(vec![(0, true)], 0, true, vec![0]),
            report_task(vec![(1, true), (2, false)], 1, true, vec![]),
            report_task(vec![(2, true)], 4, false, vec![2]),
        ];
        for (t, section) in tasks.iter_mut().zip(["1", "1", "2"]) {
            t.section = section.to_string();
        }
        let (rows, total) = by_section(&tasks, &sections);
        let figures = |f: &Figures| {
            (
                f.key.clone(),
                f.tasks,
                f.overdue,
                f.missing_feedback,
                f.closed,
                f.completion,
            )
        };
        assert_eq!(
            rows.iter().map(figures).collect::<Vec<_>>(),
            [
                ("1".to_string(), 2, 2, 1, 0, 0),
                ("2".to_string(), 1, 0, 1, 1, 100)
            ]
        );
        assert_eq!(figures(&total), (String::new(), 3, 2, 2, 1, 33));
        // The same figures from the counts kept with the tasks.
        let counts: Vec<(String, Status, usize)> = tasks
            .iter()
            .map(|t| (t.section.clone(), t.status, 1))
            .collect();
        let flagged: Vec<(String, bool, bool)> = tasks
            .iter()
            .map(|t| (t.section.clone(), t.overdue, !t.missing_feedback.is_empty()))
            .collect();
        let (kept_rows, kept_total) = by_section_counts(&counts, &flagged, &sections);
        assert_eq!(
            format!("{rows:?} {total:?}"),
            format!("{kept_rows:?} {kept_total:?}")
        );
    }

    fn entry(status: Status, at: &str) -> Option<Entry> {
        Some(Entry {
            status,
            percent: None,
            note: String::new(),
            division: "d".into(),
            by: String::new(),
            at: at.into(),
            pk: at.parse().unwrap_or(0),
        })
    }

    fn assignee(role: Role, latest: Option<Entry>) -> Assignee {
        Assignee {
            pk: 0,
            name: format!("{role:?}"),
            role,
            kind: "division",
            word: None,
            latest,
        }
    }

    #[test]
    fn status_follows_the_rules_in_order() {
        let none = Reviews::default();
        let lead = |s, at| assignee(Role::Lead, entry(s, at));
        let support = |s, at| assignee(Role::Support, entry(s, at));
        assert_eq!(
            derive_status(false, &[assignee(Role::Lead, None)], &none),
            Status::NotStarted
        );
        assert_eq!(
            derive_status(false, &[lead(Status::NotStarted, "1")], &none),
            Status::NotStarted
        );
        assert_eq!(
            derive_status(false, &[lead(Status::InProgress, "1")], &none),
            Status::InProgress
        );
        // A supporter's "done" is progress, not completion.
        let t = [assignee(Role::Lead, None), support(Status::Done, "1")];
        assert_eq!(derive_status(false, &t, &none), Status::InProgress);
        // Any blocked assignee blocks, unless the lead reported done.
        let t = [lead(Status::InProgress, "1"), support(Status::Blocked, "2")];
        assert_eq!(derive_status(false, &t, &none), Status::Blocked);
        let t = [lead(Status::Done, "3"), support(Status::Blocked, "2")];
        assert_eq!(derive_status(false, &t, &none), Status::Done);
        // A return after the lead's "done" puts it back in progress...
        let returned = Reviews {
            latest: Some((Decision::Return, "4".into())),
            returned: true,
            answered: vec![3],
        };
        assert_eq!(
            derive_status(false, &[lead(Status::Done, "3")], &returned),
            Status::InProgress
        );
        // ...until the lead reports done again.
        assert_eq!(
            derive_status(false, &[lead(Status::Done, "5")], &returned),
            Status::Done
        );
        let accepted = Reviews {
            latest: Some((Decision::Accept, "6".into())),
            returned: true,
            answered: vec![3],
        };
        assert_eq!(
            derive_status(false, &[lead(Status::Done, "5")], &accepted),
            Status::Closed
        );
        assert_eq!(
            derive_status(true, &[lead(Status::Done, "5")], &accepted),
            Status::Withdrawn
        );
    }
}
