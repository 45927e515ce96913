//! Tasks as users see them: rows from the store with statuses derived from
//! what was recorded, and deadlines, as of a time.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};

use crate::calendar::Calendar;
use crate::deadlines::{
    self, feedback_period, start_of_day, Assessment, Light, TaskInput, DEFAULT_WARN,
};
use crate::duration::Duration;
use crate::rollup::{derive_status, Assignee, Role};
use crate::status::Status;
use crate::store::{ListFilter, Store, TaskFacts, TaskKey, TaskRow};

/// Above this many tasks, facts are read for the whole plan rather than for
/// a list of ids.
const MAX_ID_LIST: usize = 5_000;

/// A task with its derived status, assignees' latest entries and deadlines.
pub struct TaskView {
    pub row: TaskRow,
    pub assignees: Vec<Assignee>,
    pub deadlines: Assessment,
}

/// The working-day calendar: the embedded years and those loaded into the
/// database.
pub fn calendar(store: Option<&Store>) -> anyhow::Result<Calendar> {
    let cal = Calendar::embedded();
    Ok(match store {
        Some(store) => cal.with_years(store.calendar_years()?),
        None => cal,
    })
}

/// Statuses and deadlines of `rows` as of `now`. `look_ahead` widens how far
/// ahead due dates are reported (never narrower than the plan's `warn`).
pub fn assess(
    store: &Store,
    rows: Vec<TaskRow>,
    cal: &Calendar,
    now: NaiveDateTime,
    look_ahead: Option<Duration>,
) -> anyhow::Result<Vec<TaskView>> {
    assess_map(store, rows, cal, now, look_ahead, |v| v)
}

/// `assess`, each view turned into a `T` as soon as it is made: the views
/// of a large plan are never all held at once.
pub fn assess_map<T>(
    store: &Store,
    mut rows: Vec<TaskRow>,
    cal: &Calendar,
    now: NaiveDateTime,
    look_ahead: Option<Duration>,
    mut f: impl FnMut(TaskView) -> T,
) -> anyhow::Result<Vec<T>> {
    // Rows come from `Store::list`, one plan after another; each run of a
    // plan is assessed with that plan's terms. Runs are split off from the
    // end, which moves no row of the others.
    let mut out = Vec::with_capacity(rows.len());
    let mut runs = Vec::new();
    while let Some(last) = rows.last() {
        let plan = last.plan.clone();
        let start = rows
            .iter()
            .rposition(|r| r.plan != plan)
            .map_or(0, |i| i + 1);
        let run = if start == 0 {
            std::mem::take(&mut rows)
        } else {
            rows.split_off(start)
        };
        runs.push((plan, run));
    }
    for (plan, run) in runs.into_iter().rev() {
        let terms = Terms::of(store, &plan, cal, now, look_ahead)?;
        let pks: Vec<i64> = run.iter().map(|r| r.pk).collect();
        let scope = (pks.len() <= MAX_ID_LIST).then_some(pks.as_slice());
        assess_plan(store, &terms, run, scope, 0, &mut |v| {
            out.push(f(v));
            Ok(())
        })?;
    }
    Ok(out)
}

/// Tasks read and assessed at a time by `each_task`.
pub(crate) const CHUNK: usize = 4096;

/// Every task of `plan`, withdrawn ones aside, assessed as of `now`, turned
/// by `make` into what `sink` takes and given to `sink` in the plan's
/// order. The plan is read a chunk of tasks at a time, so that the facts of
/// a large plan are never all held at once.
///
/// With `helper`, a second connection reading the same snapshot as
/// `store`, chunks are read, assessed and made on two threads, whichever
/// is free; `sink` is called on this one.
pub fn each_task<T: Send>(
    store: &Store,
    helper: Option<&mut Store>,
    plan: &str,
    cal: &Calendar,
    now: NaiveDateTime,
    make: &(dyn Fn(TaskView) -> T + Sync),
    sink: &mut dyn FnMut(T) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let terms = Terms::of(store, plan, cal, now, None)?;
    each_task_with(store, helper, &terms, make, sink)
}

/// `each_task` with the plan's terms given.
fn each_task_with<T: Send>(
    store: &Store,
    helper: Option<&mut Store>,
    terms: &Terms,
    make: &(dyn Fn(TaskView) -> T + Sync),
    sink: &mut dyn FnMut(T) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let keys = store.task_keys_in_order(terms.plan)?;
    let chunks = Chunks {
        terms,
        keys: &keys,
        make,
    };
    match helper {
        Some(helper) if chunks.count() > 1 => chunks.each_shared(store, helper, sink),
        _ => (0..chunks.count())
            .try_for_each(|k| chunks.read(store, k)?.into_iter().try_for_each(&mut *sink)),
    }
}

/// A plan's tasks in chunks of `CHUNK` keys, in the plan's order.
struct Chunks<'a, T> {
    terms: &'a Terms<'a>,
    keys: &'a [i64],
    make: &'a (dyn Fn(TaskView) -> T + Sync),
}

impl<T: Send> Chunks<'_, T> {
    fn count(&self) -> usize {
        self.keys.len().div_ceil(CHUNK)
    }

    /// Chunk `k`'s tasks, read from `store`, assessed and made.
    fn read(&self, store: &Store, k: usize) -> anyhow::Result<Vec<T>> {
        let first = k * CHUNK;
        let chunk = &self.keys[first..(first + CHUNK).min(self.keys.len())];
        // Sorted, the keys of a chunk of a plan loaded in one go are a
        // range; withdrawn tasks are read with the others and left out by
        // `list`. A chunk's positions start at its first key's, withdrawn
        // ones counted: they only order.
        let mut pks = chunk.to_vec();
        pks.sort_unstable();
        let rows = store.list(&ListFilter {
            plan: Some(self.terms.plan.to_string()),
            tasks: Some(pks.clone()),
            ..ListFilter::default()
        })?;
        let mut made = Vec::with_capacity(rows.len());
        assess_plan(store, self.terms, rows, Some(&pks), first, &mut |v| {
            made.push((self.make)(v));
            Ok(())
        })?;
        Ok(made)
    }

    /// Every chunk, read by this thread and by another on `helper`, given
    /// to `sink` in order.
    fn each_shared(
        &self,
        store: &Store,
        helper: &mut Store,
        sink: &mut dyn FnMut(T) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        crate::parallel::in_order(
            self.count(),
            &mut |k| self.read(store, k),
            move |k| self.read(helper, k),
            &mut |made| made.into_iter().try_for_each(&mut *sink),
        )
    }
}

/// The tasks that need attention as of `now` (those with items), with
/// their deadlines: what `tasks check` reports from. Only the candidates
/// the store selects by the states it keeps are assessed, unless something
/// is recorded later than `now`; then every task of the plan is, and only
/// those with items are kept.
pub fn attention(
    store: &Store,
    plan: &str,
    cal: &Calendar,
    now: NaiveDateTime,
    look_ahead: Option<Duration>,
) -> anyhow::Result<Vec<TaskView>> {
    let terms = Terms::of(store, plan, cal, now, look_ahead)?;
    let mut views = Vec::new();
    // Items are the leaves': a task with sub-tasks passes its due date on
    // to them.
    let mut keep = |v: TaskView| {
        if !v.deadlines.items.is_empty() && !v.row.has_sub_tasks {
            views.push(v);
        }
        Ok(())
    };
    match candidates_with(store, &terms)? {
        Some(candidates) => candidates.into_iter().try_for_each(&mut keep)?,
        None => each_task_with(store, None, &terms, &|v| v, &mut keep)?,
    }
    Ok(views)
}

/// The candidates of `attention`, assessed: every task of the plan that
/// may be overdue, due within `look_ahead` (or the plan's `warn`), missing
/// a return, or have an obligation or a quota due. `None` when they cannot
/// be told apart from the others by the kept states (something is recorded
/// later than `now`), or are too many to be worth telling apart.
pub fn candidates(
    store: &Store,
    plan: &str,
    cal: &Calendar,
    now: NaiveDateTime,
    look_ahead: Option<Duration>,
) -> anyhow::Result<Option<Vec<TaskView>>> {
    let terms = Terms::of(store, plan, cal, now, look_ahead)?;
    candidates_with(store, &terms)
}

fn candidates_with(store: &Store, terms: &Terms) -> anyhow::Result<Option<Vec<TaskView>>> {
    let Terms { plan, now, .. } = *terms;
    let returns_from = terms.period.as_ref().map(|p| start_of_day(p.start));
    let due_by = terms.horizons.due_by();
    // A long list of candidates is no cheaper to read than the whole plan.
    let Some(pks) = store
        .check_candidates(plan, due_by, returns_from, now)?
        .filter(|pks| pks.len() <= MAX_ID_LIST)
    else {
        return Ok(None);
    };
    let mut views = Vec::new();
    if pks.is_empty() {
        return Ok(Some(views));
    }
    let rows = store.list(&ListFilter {
        plan: Some(plan.to_string()),
        tasks: Some(pks.clone()),
        ..ListFilter::default()
    })?;
    assess_plan(store, terms, rows, Some(&pks), 0, &mut |v| {
        if !v.row.has_sub_tasks {
            views.push(v);
        }
        Ok(())
    })?;
    Ok(Some(views))
}

/// A plan's terms as assessments use them, as of a time, with the
/// calendar they count in.
struct Terms<'a> {
    plan: &'a str,
    cal: &'a Calendar,
    now: NaiveDateTime,
    horizons: deadlines::Horizons,
    period: Option<deadlines::Period>,
    /// Each sub-task of the plan and its parent (empty without sub-tasks).
    parents: crate::store::PkMap<i64>,
}

impl<'a> Terms<'a> {
    /// `look_ahead` widens how far ahead due dates are reported (never
    /// narrower than the plan's `warn`).
    fn of(
        store: &Store,
        plan: &'a str,
        cal: &'a Calendar,
        now: NaiveDateTime,
        look_ahead: Option<Duration>,
    ) -> anyhow::Result<Terms<'a>> {
        let terms = store.plan_terms(plan)?;
        let warn = terms
            .warn
            .as_deref()
            .and_then(|w| w.parse().ok())
            .unwrap_or(DEFAULT_WARN);
        let issued = terms
            .issued
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        Ok(Terms {
            plan,
            cal,
            now,
            horizons: deadlines::Horizons::new(cal, now, warn, look_ahead.unwrap_or(warn)),
            period: feedback_period(&terms.feedback, terms.feedback_day, issued, now),
            parents: store.parents_in(plan)?,
        })
    }
}

/// Assesses `rows`, tasks of the plan of `terms`, giving each view to
/// `sink`. The facts are read for the tasks in `scope` (every task of the
/// plan if `None`), which holds those of `rows`; `first` is the position of
/// the first row in the plan.
fn assess_plan(
    store: &Store,
    terms: &Terms,
    rows: Vec<TaskRow>,
    scope: Option<&[i64]>,
    first: usize,
    sink: &mut dyn FnMut(TaskView) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let Terms {
        plan,
        cal,
        now,
        horizons,
        period,
        parents,
    } = terms;
    let (plan, now) = (*plan, *now);
    let parent_pks: Vec<i64> = rows
        .iter()
        .filter(|r| r.has_sub_tasks)
        .map(|r| r.pk)
        .collect();
    let rolled = rolled_up(store, plan, &parent_pks, now)?;
    let mut facts = store.task_facts(Some(plan), scope, now)?;
    let rules = store.rules(Some(plan), scope)?;
    let events = store.events(Some(plan), scope, now)?;
    let met = store.obligations_met(Some(plan), scope, now)?;
    let duty_returns = store.duty_returns(Some(plan), scope, now)?;
    // An assignee has returned for the period when it has an entry made
    // since the period began (one made after the period ended, but before
    // now, still counts): its latest entry, or a report on an obligation.
    let period_start = period.as_ref().map(|p| start_of_day(p.start));
    let obligation_returns: HashSet<(i64, i64)> = match period_start {
        Some(start) => store.obligation_returns_between(Some(plan), scope, start, now)?,
        None => HashSet::new(),
    };
    let period_start = period_start.map(crate::time::format_time);
    for (i, mut row) in rows.into_iter().enumerate() {
        let f = facts.remove(&row.pk).unwrap_or_default();
        row.lead = f
            .assignees
            .iter()
            .find(|a| a.role == Role::Lead && a.word.is_none())
            .map(|a| a.name.clone())
            .unwrap_or_default();
        row.support = f
            .assignees
            .iter()
            .filter(|a| a.role == Role::Support && a.word.is_none())
            .map(|a| a.name.clone())
            .collect();
        row.roles = crate::store::named_of(&f.assignees);
        row.status = derive_status(row.status == Status::Withdrawn, &f.assignees, &f.reviews);
        row.depth = depth(parents, row.pk);
        let rolled = rolled.get(&row.pk).copied();
        if let Some((status, percent)) = rolled {
            row.status = status;
            row.percent = Some(percent);
        }
        let missing: Vec<String> = match &period_start {
            // Returns are the leaves'.
            _ if rolled.is_some() => Vec::new(),
            Some(start) => f
                .assignees
                .iter()
                .filter(|a| {
                    a.latest.as_ref().is_none_or(|e| e.at < *start)
                        && !obligation_returns.contains(&(row.pk, a.pk))
                })
                .map(|a| a.name.clone())
                .collect(),
            None => Vec::new(),
        };
        let pk = row.pk;
        let met_fn = |n: u32| met.get(&(pk, n)).cloned();
        let input = TaskInput {
            plan,
            id: &row.id,
            title: &row.title,
            support: &row.support,
            order: (first + i) as i64,
            lead: &row.lead,
            status: row.status,
            due: row.due.as_deref(),
            rules: rules.get(&pk).map_or(&[], Vec::as_slice),
            events: events.get(&pk).map_or(&[], Vec::as_slice),
            met: &met_fn,
            missing,
            period: period.as_ref(),
            due_text: row.due_text.as_deref(),
            returns: duty_returns.get(&pk).map_or(&[], Vec::as_slice),
        };
        let mut assessed = deadlines::assess(&input, cal, now, *horizons);
        co_lead_items(&mut assessed, &row.roles);
        sink(TaskView {
            assignees: f.assignees,
            deadlines: assessed,
            row,
        })?;
    }
    Ok(())
}

/// Levels above task `pk`, by `parents` (sub-task → parent).
fn depth(parents: &crate::store::PkMap<i64>, pk: i64) -> usize {
    let mut at = pk;
    let mut levels = 0;
    while let Some(&up) = parents.get(&at) {
        levels += 1;
        at = up;
        if levels > crate::plan::MAX_LEVELS {
            break;
        }
    }
    levels
}

/// The status and progress as of `now` of each of `tasks` (tasks with
/// sub-tasks), rolled up from the leaves beneath it (`crate::tree`).
fn rolled_up(
    store: &Store,
    plan: &str,
    tasks: &[i64],
    now: NaiveDateTime,
) -> anyhow::Result<crate::store::PkMap<(Status, u8)>> {
    let mut rolled = crate::store::PkMap::default();
    if tasks.is_empty() {
        return Ok(rolled);
    }
    let leaves = store.leaves_under(tasks)?;
    let mut all: Vec<i64> = leaves.values().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let scope = (all.len() <= MAX_ID_LIST).then_some(all.as_slice());
    let facts = store.task_facts(Some(plan), scope, now)?;
    let none = TaskFacts::default();
    let leaf = |pk: &i64| {
        let f = facts.get(pk).unwrap_or(&none);
        let status = status_of(f);
        let reported = f
            .assignees
            .iter()
            .find(|a| a.role == Role::Lead)
            .and_then(|a| a.latest.as_ref())
            .and_then(|e| e.percent);
        (status, reported)
    };
    for (&pk, under) in &leaves {
        let states: Vec<(Status, Option<u8>)> = under.iter().map(leaf).collect();
        if let (Some(status), Some(percent)) = (
            crate::tree::roll_up(states.iter().map(|s| s.0)),
            crate::tree::rolled_percent(states.iter().copied()),
        ) {
            rolled.insert(pk, (status, percent));
        }
    }
    Ok(rolled)
}

/// `tasks list`: the filtered tasks with derived statuses and lights;
/// `overdue` keeps the red ones. That is decided after assessment, since an
/// overdue obligation makes a task red whatever its due date.
pub fn list(
    store: &Store,
    filter: &ListFilter,
    overdue: bool,
    cal: &Calendar,
    now: NaiveDateTime,
) -> anyhow::Result<Vec<TaskView>> {
    let rows = store.list(filter)?;
    let mut views = assess(store, rows, cal, now, None)?;
    views.retain(|v| {
        (filter.statuses.is_empty() || filter.statuses.contains(&v.row.status))
            && (!overdue || v.deadlines.light == Some(Light::Red))
    });
    Ok(views)
}

/// What one task's status is derived from, as of `when`.
fn facts_of(store: &Store, task: &TaskKey, when: NaiveDateTime) -> anyhow::Result<TaskFacts> {
    let mut facts = store.task_facts(None, Some(&[task.pk]), when)?;
    Ok(facts.remove(&task.pk).unwrap_or_default())
}

fn status_of(f: &TaskFacts) -> Status {
    derive_status(f.withdrawn, &f.assignees, &f.reviews)
}

/// The status of one task as of `now`.
pub fn task_status(store: &Store, task: &TaskKey, now: NaiveDateTime) -> anyhow::Result<Status> {
    Ok(status_of(&facts_of(store, task, now)?))
}

/// The status of one task with everything recorded taken into account, even
/// entries later than `--as-of` or the clock: whether a task still takes
/// feedback or a review does not depend on the time one looks from.
pub fn latest_status(store: &Store, task: &TaskKey) -> anyhow::Result<Status> {
    task_status(store, task, crate::time::far_future())
}

/// The statuses of `tasks`, as `latest_status` gives them, read together.
pub fn latest_statuses<'a>(
    store: &Store,
    tasks: impl Iterator<Item = &'a TaskKey>,
) -> anyhow::Result<HashMap<i64, Status>> {
    let mut by_plan: HashMap<&str, Vec<i64>> = HashMap::new();
    for task in tasks {
        by_plan.entry(&task.plan).or_default().push(task.pk);
    }
    let mut statuses = HashMap::new();
    for (plan, pks) in by_plan {
        let scope = (pks.len() <= MAX_ID_LIST).then_some(pks.as_slice());
        let facts = store.task_facts(Some(plan), scope, crate::time::far_future())?;
        for pk in pks {
            // The same task may be listed twice (`1.1` and `PLAN:1.1`).
            let status = facts
                .get(&pk)
                .map_or_else(|| status_of(&TaskFacts::default()), status_of);
            statuses.insert(pk, status);
        }
    }
    Ok(statuses)
}

/// The lead's `done` entry that awaits the office's review as of `when`, if
/// the task is done.
pub fn done_awaiting_review(
    store: &Store,
    task: &TaskKey,
    when: NaiveDateTime,
) -> anyhow::Result<Option<i64>> {
    let f = facts_of(store, task, when)?;
    if status_of(&f) != Status::Done {
        return Ok(None);
    }
    Ok(f.assignees
        .iter()
        .filter(|a| a.role == crate::rollup::Role::Lead)
        .filter_map(|a| a.latest.as_ref())
        .find(|e| e.status == Status::Done && !f.reviews.answered.contains(&e.pk))
        .map(|e| e.pk))
}

/// Task-level items (due dates, obligations, quotas) are the lead's, and as
/// much those of each unit assigned under a lead-like role word: each such
/// unit gets the items too.
fn co_lead_items(assessed: &mut deadlines::Assessment, roles: &[crate::store::Named]) {
    let co_leads: Vec<&str> = roles
        .iter()
        .filter(|r| r.counts_as == crate::plan::CountsAs::Lead)
        .map(|r| r.name.as_str())
        .collect();
    if co_leads.is_empty() {
        return;
    }
    let mut items = Vec::with_capacity(assessed.items.len() * (co_leads.len() + 1));
    for item in assessed.items.drain(..) {
        let shared = item.kind != deadlines::ItemKind::MissingFeedback;
        let copies: Vec<deadlines::Item> = if shared {
            co_leads
                .iter()
                .map(|name| deadlines::Item {
                    division: name.to_string(),
                    ..item.clone()
                })
                .collect()
        } else {
            Vec::new()
        };
        items.push(item);
        items.extend(copies);
    }
    assessed.items = items;
}
