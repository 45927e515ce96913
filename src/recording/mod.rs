//! What may be recorded, in one place. Every way of recording progress —
//! one entry from the command line, a return file, an amendment, a void —
//! goes through these rules: `clean` reads the values as people write them,
//! `admit` applies the rules of what may be recorded, and an entry the same
//! as one recorded before (`Store::same_as`) is not recorded again.
//! Commands only read their arguments and print what happened.

mod event;
mod import;
mod review;
mod void;

pub use event::{event, rules_for};
pub use import::{import, DryRow, Imported};
pub use review::review;
pub use void::{number, void, voidable, Voided};

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::messages::{self, Msg};
use crate::refusal::{Field, Refusal};
use crate::spelling;
use crate::status::Status;
use crate::store::{NewFeedback, Store, Target, TaskKey};
use crate::time::{format_time, record_time};
use crate::view::latest_status;

/// A refusal and the part of the entry it is about.
pub type Rejects = Vec<(Field, Refusal)>;

/// An entry as given, before its values are read.
pub struct Given<'a> {
    /// N of `TASK#N`.
    pub obligation: Option<u32>,
    pub division: &'a str,
    pub status: &'a str,
    pub percent: Option<&'a str>,
    pub note: &'a str,
    pub by: &'a str,
    pub at: Option<&'a str>,
}

/// An entry's values as read, before the rules are applied.
pub struct Clean {
    pub obligation: Option<u32>,
    pub division: String,
    pub status: Status,
    pub percent: Option<u8>,
    pub note: String,
    pub by: String,
    /// The time stated, if any.
    pub at: Option<NaiveDateTime>,
}

/// Reads an entry's values, every problem of them at once.
pub fn clean(given: &Given) -> Result<Clean, Rejects> {
    let mut rejects = Vec::new();
    let status = match spelling::status(given.status) {
        Some(Status::Closed) => {
            rejects.push((Field::Status, Refusal::ClosedIsTheOffices));
            None
        }
        Some(Status::Withdrawn) => {
            rejects.push((Field::Status, Refusal::WithdrawnIsNotReported));
            None
        }
        Some(s) => Some(s),
        None => {
            let text = spelling::trim(given.status).to_string();
            rejects.push((Field::Status, Refusal::UnknownStatus(text)));
            None
        }
    };
    let percent = match given.percent.map(|p| (p, spelling::percent(p))) {
        None => None,
        Some((_, Ok(p))) => Some(p),
        Some((text, Err(why))) => {
            let text = spelling::trim(text).to_string();
            rejects.push((Field::Percent, Refusal::Percent { text, why }));
            None
        }
    };
    let percent = match (status, percent) {
        (Some(Status::Done), Some(p)) if p < 100 => {
            rejects.push((Field::Percent, Refusal::DoneNot100(p)));
            None
        }
        (Some(Status::Done), None) => Some(100),
        (_, p) => p,
    };
    let at = match given.at {
        None => None,
        Some(text) => match record_time(text).or_else(|e| spelling::excel_serial(text).ok_or(e)) {
            Ok(t) => Some(t),
            Err(why) => {
                let text = spelling::trim(text).to_string();
                rejects.push((Field::At, Refusal::Time { text, why }));
                None
            }
        },
    };
    match status {
        Some(status) if rejects.is_empty() => Ok(Clean {
            obligation: given.obligation,
            division: spelling::trim(given.division).to_string(),
            status,
            percent,
            note: spelling::trim(given.note).to_string(),
            by: spelling::trim(given.by).to_string(),
            at,
        }),
        _ => Err(rejects),
    }
}

/// The time of a record given with `--at` (else now): not in the future, not
/// before the plan was issued.
pub fn check_time(
    store: &Store,
    task: &TaskKey,
    text: Option<&str>,
    now: NaiveDateTime,
) -> anyhow::Result<Result<NaiveDateTime, Msg>> {
    let at = match text.map(record_time) {
        None => now,
        Some(Ok(at)) => at,
        Some(Err(why)) => return Ok(Err(why.msg(text.unwrap_or_default()))),
    };
    let issued = store.plan_issued(task)?;
    Ok(time_within(issued.as_deref(), task, at, now).map_err(|r| messages::refusal(&r)))
}

/// A record's time: not in the future, not before the plan was issued.
fn time_within(
    issued: Option<&str>,
    task: &TaskKey,
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, Refusal> {
    if at > now {
        return Err(Refusal::Future {
            at: format_time(at),
            now: format_time(now),
        });
    }
    if let Some(issued) = issued {
        if *format_time(at) < *issued {
            return Err(Refusal::BeforeIssued {
                at: format_time(at),
                plan: task.plan.clone(),
                issued: issued.to_string(),
            });
        }
    }
    Ok(at)
}

/// When obligation `n` of a task was opened, or why there is no such
/// obligation.
fn obligation_opened(
    store: &Store,
    task: &TaskKey,
    n: u32,
) -> anyhow::Result<Result<NaiveDateTime, Refusal>> {
    let events = store.events(None, Some(&[task.pk]), crate::time::far_future())?;
    let opened: Vec<&crate::store::EventRow> = events
        .get(&task.pk)
        .map(|e| e.iter().filter(|e| e.obligation.is_some()).collect())
        .unwrap_or_default();
    match opened.iter().find(|e| e.obligation == Some(n)) {
        Some(e) => Ok(Ok(
            crate::time::parse_at(&e.at).unwrap_or(NaiveDateTime::MIN)
        )),
        None if opened.is_empty() => Ok(Err(Refusal::NoObligations {
            task: task.id.clone(),
        })),
        None => Ok(Err(Refusal::NoSuchObligation {
            task: task.id.clone(),
            n,
            open: opened
                .iter()
                .filter_map(|e| e.obligation)
                .map(|k| format!("{}#{k}", task.id))
                .collect(),
        })),
    }
}

/// Splits `TASK#N` into the task reference and N.
pub fn split_obligation(reference: &str) -> Result<(&str, Option<u32>), Refusal> {
    match reference.rsplit_once('#') {
        None => Ok((reference, None)),
        Some((task, n)) => match n.parse::<u32>() {
            Ok(n) if n > 0 => Ok((task, Some(n))),
            _ => Err(Refusal::ObligationRef(reference.to_string())),
        },
    }
}

/// What a batch has looked up already: tasks' statuses, plans' issue dates
/// and whom each division reports for, so that each is read once per batch.
/// Kept small: a batch may name every task of a large plan.
#[derive(Default)]
pub struct Seen {
    statuses: HashMap<i64, Status>,
    /// Plan → its issue date.
    issued: HashMap<String, Option<String>>,
    /// (task, division as given) → (unit, assignee), the division's number
    /// in `divisions`, the units' names in `units`.
    targets: HashMap<(i64, u32), (i64, i64)>,
    divisions: HashMap<String, u32>,
    units: HashMap<i64, String>,
    /// What finding the targets read.
    lookup: crate::store::TargetLookup,
    /// The task last admitted and the ids of its sub-tasks, if it has any.
    subs: Option<(i64, Option<Vec<String>>)>,
}

impl Seen {
    fn target(&self, task: &TaskKey, division: &str) -> Option<Target> {
        let division = self.divisions.get(division)?;
        let &(unit_pk, assignee_pk) = self.targets.get(&(task.pk, *division))?;
        Some(Target {
            task: task.clone(),
            unit_pk,
            unit: self.units.get(&unit_pk)?.clone(),
            assignee_pk,
            assignee: self.units.get(&assignee_pk)?.clone(),
        })
    }

    fn remember_target(&mut self, division: &str, t: &Target) {
        let next = u32::try_from(self.divisions.len()).unwrap_or(u32::MAX);
        let division = *self.divisions.entry(division.to_string()).or_insert(next);
        self.targets
            .insert((t.task.pk, division), (t.unit_pk, t.assignee_pk));
        for (pk, name) in [(t.unit_pk, &t.unit), (t.assignee_pk, &t.assignee)] {
            self.units.entry(pk).or_insert_with(|| name.clone());
        }
    }
}

/// Applies the rules of what may be recorded to an entry read by `clean`:
/// the time is not before the plan was issued nor after now, an obligation
/// reported on exists and was opened before, the task still takes
/// feedback, and the division is assigned to it.
pub fn admit(
    store: &Store,
    task: &TaskKey,
    c: &Clean,
    now: NaiveDateTime,
    seen: &mut Seen,
) -> anyhow::Result<Result<NewFeedback, Rejects>> {
    let mut rejects = Vec::new();
    if !seen.issued.contains_key(&task.plan) {
        let issued = store.plan_issued(task)?;
        seen.issued.insert(task.plan.clone(), issued);
    }
    let issued = seen.issued.get(&task.plan).and_then(Option::as_deref);
    let at = c.at.unwrap_or(now);
    if let Err(r) = time_within(issued, task, at, now) {
        rejects.push((Field::At, r));
    }
    if let Some(n) = c.obligation {
        match obligation_opened(store, task, n)? {
            Err(r) => rejects.push((Field::Task, r)),
            Ok(opened) if at < opened => rejects.push((
                if c.at.is_some() {
                    Field::At
                } else {
                    Field::Task
                },
                Refusal::BeforeObligation {
                    at: format_time(at),
                    given: c.at.is_some(),
                    task: task.id.clone(),
                    n,
                    opened: format_time(opened),
                },
            )),
            Ok(_) => {}
        }
    }
    let current = match seen.statuses.get(&task.pk) {
        Some(s) => *s,
        None => {
            let s = latest_status(store, task)?;
            seen.statuses.insert(task.pk, s);
            s
        }
    };
    match current {
        Status::Withdrawn => rejects.push((Field::Task, Refusal::TaskWithdrawn(task.id.clone()))),
        Status::Closed => rejects.push((Field::Task, Refusal::TaskClosed(task.id.clone()))),
        _ => {}
    }
    if seen.subs.as_ref().is_none_or(|(pk, _)| *pk != task.pk) {
        seen.subs = Some((task.pk, sub_task_ids(store, task)?));
    }
    if let Some((_, Some(subs))) = &seen.subs {
        rejects.push((
            Field::Task,
            Refusal::HasSubTasks(task.id.clone(), subs.clone()),
        ));
    }
    let target = match seen.target(task, &c.division) {
        Some(t) => Some(t),
        None => match store.feedback_target_with(task, &c.division, &mut seen.lookup)? {
            Ok(t) => {
                seen.remember_target(&c.division, &t);
                Some(t)
            }
            Err(why) => {
                rejects.push((Field::Division, Refusal::Division(why)));
                None
            }
        },
    };
    Ok(match target {
        Some(target) if rejects.is_empty() => Ok(NewFeedback {
            target,
            status: c.status,
            percent: c.percent,
            note: c.note.clone(),
            by: c.by.clone(),
            at,
            at_given: c.at.is_some(),
            obligation: c.obligation,
            import: None,
            amends: None,
        }),
        _ => Err(rejects),
    })
}

/// The ids of the task's sub-tasks, if it has any: feedback, reviews and
/// events are recorded on them, and the task's status rolls up from them.
pub fn sub_task_ids(store: &Store, task: &TaskKey) -> anyhow::Result<Option<Vec<String>>> {
    let subs: Vec<String> = store.sub_tasks(task)?.into_iter().map(|s| s.id).collect();
    Ok((!subs.is_empty()).then_some(subs))
}

/// Refuses a task that has sub-tasks, for a review or an event.
pub fn refuse_parent(store: &Store, task: &TaskKey) -> anyhow::Result<()> {
    match sub_task_ids(store, task)? {
        Some(subs) => Err(crate::error::UserError::usage(messages::task_has_sub_tasks(
            &task.id,
            Msg::list(&subs),
        ))
        .into()),
        None => Ok(()),
    }
}

/// One entry recorded.
#[derive(Debug, Clone)]
pub struct Entered {
    pub entry: NewFeedback,
    /// The entry's number.
    pub number: i64,
    /// The void that took back the entry it amends.
    pub amended: Option<Voided>,
    /// The assignee's entry of a later date that still decides its status,
    /// when the new one is dated earlier: its number and time.
    pub later: Option<(i64, String)>,
}

/// Records one entry given on the command line, inside the caller's write
/// transaction: read, admitted, and with `amends`, the entry it replaces
/// voided first (`reason` says why), the two linked.
pub fn enter(
    store: &Store,
    task: &TaskKey,
    given: &Given,
    amends: Option<(i64, &str)>,
    now: NaiveDateTime,
) -> anyhow::Result<Result<Entered, Rejects>> {
    let clean = match clean(given) {
        Ok(c) => c,
        Err(rejects) => return Ok(Err(rejects)),
    };
    let mut amended = None;
    if let Some((n, reason)) = amends {
        let record = match void::voidable(store, n, Some(&task.plan))? {
            Ok(r) => r,
            Err(r) => return Ok(Err(vec![(Field::Task, r)])),
        };
        if record.kind != crate::store::RecordKind::Feedback {
            return Ok(Err(vec![(
                Field::Task,
                Refusal::AmendsNotAnEntry {
                    number: n,
                    kind: record.kind,
                },
            )]));
        }
        if record.task.as_ref().is_some_and(|t| t.pk != task.pk) {
            let other = record.task.map(|t| t.id).unwrap_or_default();
            return Ok(Err(vec![(
                Field::Task,
                Refusal::AmendsOtherTask {
                    number: n,
                    task: other,
                },
            )]));
        }
        let reason = match spelling::trim(reason) {
            "" => "amended",
            r => r,
        };
        match void::void(store, n, Some(&task.plan), reason, given.by, now)? {
            Ok(v) => amended = Some(v),
            Err(r) => return Ok(Err(vec![(Field::Task, r)])),
        }
    }
    let mut entry = match admit(store, task, &clean, now, &mut Seen::default())? {
        Ok(e) => e,
        Err(rejects) => return Ok(Err(rejects)),
    };
    entry.amends = amends.map(|(n, _)| n);
    let number = store.record_one(&entry, now)?;
    let later = match entry.obligation {
        Some(_) => None,
        None => store
            .latest_of(task, entry.target.assignee_pk)?
            .filter(|(n, _)| *n != number),
    };
    Ok(Ok(Entered {
        entry,
        number,
        amended,
        later,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given<'a>(status: &'a str, percent: Option<&'a str>) -> Given<'a> {
        Given {
            obligation: None,
            division: " 法规处 ",
            status,
            percent,
            note: "",
            by: "",
            at: None,
        }
    }

    #[test]
    fn done_means_all_of_the_work() {
        // Done with less than 100% is refused at the percent.
        let rejects = clean(&given("done", Some("80"))).err().unwrap();
        assert!(
            matches!(
                rejects.as_slice(),
                [(Field::Percent, Refusal::DoneNot100(80))]
            ),
            "{rejects:?}"
        );
        // Done with 100%, or without a percent, is 100%.
        for percent in [Some("100"), Some("100%"), None] {
            let c = clean(&given("done", percent)).unwrap();
            assert_eq!((c.status, c.percent), (Status::Done, Some(100)));
            assert_eq!(c.division, "法规处");
        }
        // Work in progress keeps its percent, or none.
        let c = clean(&given("in-progress", Some("80"))).unwrap();
        assert_eq!(c.percent, Some(80));
        assert_eq!(clean(&given("推进中", None)).unwrap().percent, None);
    }
}
