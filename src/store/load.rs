//! Loading and reloading a plan: one transaction that updates tasks by id,
//! withdraws tasks missing from the file, and never deletes what was recorded.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::Store;
use crate::duration::Duration;
use crate::plan::due::DueKind;
use crate::plan::{Assigned, Plan, Rule, Target, Task};
use crate::recurring::Every;
use crate::time::format_time;

/// What a load added, changed, restored and withdrew.
#[derive(Debug, Default, Serialize)]
pub struct LoadReport {
    pub plan: String,
    pub new_plan: bool,
    pub dry_run: bool,
    /// Plan metadata fields whose value changed.
    pub plan_fields: Vec<String>,
    pub units: Delta,
    pub sections: Delta,
    pub added: Vec<String>,
    pub changed: Vec<TaskChange>,
    pub restored: Vec<String>,
    pub withdrawn: Vec<String>,
    pub unchanged: usize,
    /// The file lists the kept tasks in a different order than before.
    pub reordered: bool,
    /// Tasks in the plan after the load, withdrawn ones not counted.
    pub tasks: usize,
    /// The tasks whose assignees or withdrawal the load changed (changed,
    /// restored, withdrawn): their kept states are refreshed.
    #[serde(skip)]
    touched: Vec<i64>,
}

#[derive(Debug, Default, Serialize)]
pub struct Delta {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl Delta {
    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

#[derive(Debug, Serialize)]
pub struct TaskChange {
    pub id: String,
    pub fields: Vec<String>,
}

impl LoadReport {
    pub fn is_noop(&self) -> bool {
        !self.new_plan
            && self.plan_fields.is_empty()
            && self.units.is_empty()
            && self.sections.is_empty()
            && self.added.is_empty()
            && self.changed.is_empty()
            && self.restored.is_empty()
            && self.withdrawn.is_empty()
            && !self.reordered
    }
}

/// The fields of two JSON objects that differ, in the new object's order,
/// then those only the old object has (a `parent` taken away).
fn changed_fields(old: &str, new: &serde_json::Value) -> Vec<String> {
    let old: serde_json::Value = serde_json::from_str(old).unwrap_or_default();
    match (old.as_object(), new.as_object()) {
        // Fields left out when empty (a `due` phrase's) count when they go.
        (Some(o), Some(n)) => n
            .iter()
            .filter(|(k, v)| o.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .chain(o.keys().filter(|k| !n.contains_key(*k)).cloned())
            .collect(),
        _ => vec!["all".into()],
    }
}

/// A task's content as stored: its JSON object without the id, keys in
/// alphabetical order as `serde_json::Value` writes them. Written directly
/// rather than through a `Value`, which would copy every text of the task.
#[derive(Serialize)]
struct Content<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    deliverable: &'a Option<String>,
    due: &'a Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due_kind: &'a Option<DueKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due_text: &'a Option<String>,
    lead: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    others: &'a [Assigned],
    #[serde(skip_serializing_if = "no_parent")]
    parent: &'a Option<String>,
    rules: Vec<RuleContent<'a>>,
    section: &'a str,
    support: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    target: &'a Option<Target>,
    text: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum RuleContent<'a> {
    After {
        event: &'a str,
        kind: &'static str,
        what: &'a Option<String>,
        #[serde(serialize_with = "display")]
        within: &'a Duration,
    },
    Quota {
        by: &'a NaiveDate,
        count: u32,
        event: &'a str,
        kind: &'static str,
        what: &'a Option<String>,
    },
    Every {
        by: &'a str,
        event: &'a Option<String>,
        every: Every,
        from: &'a NaiveDate,
        kind: &'static str,
        until: &'a Option<NaiveDate>,
        what: &'a Option<String>,
    },
}

/// A task without a parent has no `parent` in its content, as before
/// sub-tasks were known: its content stays what earlier versions stored.
fn no_parent(parent: &&Option<String>) -> bool {
    parent.is_none()
}

fn display<S: serde::Serializer>(v: &&Duration, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// The content text of `task`, equal to `serde_json::to_value(task)` written
/// out. Every field is named here, so that a field added to `Task` or `Rule`
/// must be added here too.
fn content(task: &Task) -> serde_json::Result<String> {
    let Task {
        id: _,
        section,
        title,
        text,
        lead,
        support,
        due,
        parent,
        due_kind,
        due_text,
        rules,
        others,
        deliverable,
        target,
    } = task;
    let rules = rules
        .iter()
        .map(|rule| match rule {
            Rule::After {
                event,
                within,
                what,
            } => RuleContent::After {
                event,
                kind: "after",
                what,
                within,
            },
            Rule::Quota {
                event,
                count,
                by,
                what,
            } => RuleContent::Quota {
                by,
                count: *count,
                event,
                kind: "quota",
                what,
            },
            Rule::Every {
                every,
                by,
                from,
                until,
                event,
                what,
            } => RuleContent::Every {
                by,
                event,
                every: *every,
                from,
                kind: "every",
                until,
                what,
            },
        })
        .collect();
    serde_json::to_string(&Content {
        deliverable,
        due,
        due_kind,
        due_text,
        lead,
        others,
        parent,
        rules,
        section,
        support,
        target,
        text,
        title,
    })
}

impl Store {
    /// Loads or reloads `plan` in one transaction. With `dry_run` the
    /// transaction is rolled back and the report says what would happen.
    pub fn load_plan(
        &mut self,
        plan: &Plan,
        source: &str,
        now: NaiveDateTime,
        dry_run: bool,
    ) -> anyhow::Result<LoadReport> {
        if dry_run {
            self.trial(|store| store.load_in(plan, source, now, dry_run))
        } else {
            self.write(|store| store.load_in(plan, source, now, dry_run))
        }
    }

    /// The work of `load_plan`, in its transaction.
    fn load_in(
        &self,
        plan: &Plan,
        source: &str,
        now: NaiveDateTime,
        dry_run: bool,
    ) -> anyhow::Result<LoadReport> {
        self.set_cache(super::LOAD_CACHE_KIB)?;
        let tx = &self.conn;
        let mut report = LoadReport {
            plan: plan.meta.id.clone(),
            dry_run,
            ..LoadReport::default()
        };
        let plan_pk = upsert_plan(tx, plan, source, now, &mut report)?;
        let units = upsert_units(tx, plan_pk, plan, &mut report)?;
        let sections = upsert_sections(tx, plan_pk, plan, &mut report)?;
        let had_sub_tasks = has_sub_tasks(tx, plan_pk)?;
        upsert_tasks(tx, plan_pk, plan, &units, &sections, &mut report)?;
        // Added tasks have nothing recorded yet and start with the right
        // defaults; the others the load touched are refreshed. A plan with
        // sub-tasks, before or after, is refreshed whole: a task may have
        // gained or lost its sub-tasks without a change of its own.
        let tasks_changed = !(report.added.is_empty()
            && report.changed.is_empty()
            && report.restored.is_empty()
            && report.withdrawn.is_empty());
        if tasks_changed && (had_sub_tasks || has_sub_tasks(tx, plan_pk)?) {
            let mut stmt = tx.prepare("SELECT pk FROM task WHERE plan_pk = ?1 ORDER BY pk")?;
            let all: Vec<i64> = stmt
                .query_map([plan_pk], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            self.refresh_states(Some(&all))?;
        } else {
            self.refresh_states(Some(&report.touched))?;
        }
        report.tasks = plan.tasks.len();
        if !report.is_noop() {
            tx.execute(
                "UPDATE plan SET source = ?2, loaded_at = ?3 WHERE pk = ?1",
                params![plan_pk, source, format_time(now)],
            )?;
            tx.execute(
                "INSERT INTO load (plan_pk, at, source, added, changed, withdrawn, restored)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    plan_pk,
                    format_time(now),
                    source,
                    report.added.len() as i64,
                    report.changed.len() as i64,
                    report.withdrawn.len() as i64,
                    report.restored.len() as i64
                ],
            )?;
        }
        Ok(report)
    }
}

/// Whether a task of the plan has a parent (migration 10).
fn has_sub_tasks(tx: &Connection, plan_pk: i64) -> anyhow::Result<bool> {
    Ok(tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM task INDEXED BY task_parent
                        WHERE parent_pk IS NOT NULL AND plan_pk = ?1)",
        [plan_pk],
        |r| r.get(0),
    )?)
}

/// Tasks stored between two moves of a progress bar.
const PROGRESS_CHUNK: usize = 256;

fn upsert_plan(
    tx: &Connection,
    plan: &Plan,
    source: &str,
    now: NaiveDateTime,
    report: &mut LoadReport,
) -> anyhow::Result<i64> {
    let m = &plan.meta;
    let meta = serde_json::to_value(m)?;
    let meta_text = meta.to_string();
    let existing: Option<(i64, String)> = tx
        .query_row("SELECT pk, meta FROM plan WHERE id = ?1", [&m.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match &existing {
        Some((_, old)) if *old == meta_text => return Ok(existing.map_or(0, |e| e.0)),
        Some((_, old)) => report.plan_fields = changed_fields(old, &meta),
        None => report.new_plan = true,
    }
    // A new plan is inserted; a changed one keeps its row (and its source
    // and load time until the end of the load) and takes the new values.
    tx.execute(
        "INSERT INTO plan (id, title, doc_no, issuer, issued, office, due, feedback,
                           feedback_day, warn, meta, source, loaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET
             title = excluded.title, doc_no = excluded.doc_no, issuer = excluded.issuer,
             issued = excluded.issued, office = excluded.office, due = excluded.due,
             feedback = excluded.feedback, feedback_day = excluded.feedback_day,
             warn = excluded.warn, meta = excluded.meta",
        params![
            m.id,
            m.title,
            m.doc_no,
            m.issuer,
            m.issued.map(|d| d.to_string()),
            m.office,
            m.due.map(|d| d.to_string()),
            m.feedback.id(),
            m.feedback_day,
            m.warn.map(|w| w.to_string()),
            meta_text,
            source,
            format_time(now),
        ],
    )?;
    let pk = match existing {
        Some((pk, _)) => pk,
        None => tx.last_insert_rowid(),
    };
    tx.execute(
        "UPDATE plan SET due_kind = ?2, due_text = ?3 WHERE pk = ?1",
        params![pk, m.due_kind.map(DueKind::id), m.due_text],
    )?;
    Ok(pk)
}

/// A division or group as the file declares it, in comparable form.
#[derive(PartialEq, Eq)]
struct UnitShape {
    kind: &'static str,
    aliases: Vec<String>,
    members: Vec<String>,
}

/// Brings the plan's divisions and groups in line with the file. Units are
/// never deleted (feedback refers to them); those gone from the file become
/// inactive. Returns name → pk of every unit of the file.
fn upsert_units(
    tx: &Connection,
    plan_pk: i64,
    plan: &Plan,
    report: &mut LoadReport,
) -> anyhow::Result<HashMap<String, i64>> {
    let mut old: HashMap<String, (i64, bool, UnitShape)> = HashMap::new();
    {
        let mut stmt = tx.prepare(
            "SELECT u.pk, u.name, u.kind, u.active,
                    (SELECT json_group_array(alias) FROM
                        (SELECT alias FROM unit_alias WHERE unit_pk = u.pk ORDER BY alias)),
                    (SELECT json_group_array(name) FROM
                        (SELECT m.name FROM group_member g JOIN unit m ON m.pk = g.member_pk
                         WHERE g.group_pk = u.pk ORDER BY m.name))
             FROM unit u WHERE u.plan_pk = ?1",
        )?;
        let rows = stmt.query_map([plan_pk], |r| {
            let kind: String = r.get(2)?;
            let aliases: String = r.get(4)?;
            let members: String = r.get(5)?;
            Ok((
                r.get::<_, String>(1)?,
                (
                    r.get(0)?,
                    r.get::<_, bool>(3)?,
                    UnitShape {
                        kind: match kind.as_str() {
                            "group" => "group",
                            "outside" => "outside",
                            _ => "division",
                        },
                        aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                        members: serde_json::from_str(&members).unwrap_or_default(),
                    },
                ),
            ))
        })?;
        for row in rows {
            let (name, value) = row?;
            old.insert(name, value);
        }
    }
    let mut wanted: Vec<(String, UnitShape)> = Vec::new();
    for d in &plan.divisions {
        let mut aliases = d.aliases.clone();
        aliases.sort();
        wanted.push((
            d.name.clone(),
            UnitShape {
                kind: "division",
                aliases,
                members: Vec::new(),
            },
        ));
    }
    for d in &plan.outside {
        let mut aliases = d.aliases.clone();
        aliases.sort();
        wanted.push((
            d.name.clone(),
            UnitShape {
                kind: "outside",
                aliases,
                members: Vec::new(),
            },
        ));
    }
    for g in &plan.groups {
        let mut members = g.members.clone();
        members.sort();
        wanted.push((
            g.name.clone(),
            UnitShape {
                kind: "group",
                aliases: Vec::new(),
                members,
            },
        ));
    }
    let mut pks: HashMap<String, i64> = HashMap::new();
    let mut touched: Vec<(i64, &UnitShape)> = Vec::new();
    let next_ord: i64 = tx.query_row(
        "SELECT coalesce(max(ord), 0) + 1 FROM unit WHERE plan_pk = ?1",
        [plan_pk],
        |r| r.get(0),
    )?;
    for (i, (name, shape)) in wanted.iter().enumerate() {
        match old.get(name) {
            Some((pk, active, old_shape)) => {
                pks.insert(name.clone(), *pk);
                if *active && old_shape == shape {
                    continue;
                }
                if *active {
                    report.units.changed.push(name.clone());
                } else {
                    report.units.added.push(name.clone());
                }
                tx.execute(
                    "UPDATE unit SET kind = ?2, active = 1 WHERE pk = ?1",
                    params![pk, shape.kind],
                )?;
                touched.push((*pk, shape));
            }
            None => {
                tx.execute(
                    "INSERT INTO unit (plan_pk, name, kind, ord) VALUES (?1, ?2, ?3, ?4)",
                    params![plan_pk, name, shape.kind, next_ord + i as i64],
                )?;
                let pk = tx.last_insert_rowid();
                pks.insert(name.clone(), pk);
                if !report.new_plan {
                    report.units.added.push(name.clone());
                }
                touched.push((pk, shape));
            }
        }
    }
    for (pk, shape) in touched {
        tx.execute("DELETE FROM unit_alias WHERE unit_pk = ?1", [pk])?;
        tx.execute("DELETE FROM group_member WHERE group_pk = ?1", [pk])?;
        for alias in &shape.aliases {
            tx.execute(
                "INSERT INTO unit_alias (unit_pk, alias) VALUES (?1, ?2)",
                params![pk, alias],
            )?;
        }
        for member in &shape.members {
            tx.execute(
                "INSERT INTO group_member (group_pk, member_pk) VALUES (?1, ?2)",
                params![pk, pks[member]],
            )?;
        }
    }
    let mut removed: Vec<(i64, String)> = old
        .iter()
        .filter(|(name, (_, active, _))| *active && !pks.contains_key(*name))
        .map(|(name, (pk, _, _))| (*pk, name.clone()))
        .collect();
    removed.sort();
    for (pk, name) in removed {
        tx.execute("UPDATE unit SET active = 0 WHERE pk = ?1", [pk])?;
        tx.execute("DELETE FROM unit_alias WHERE unit_pk = ?1", [pk])?;
        tx.execute("DELETE FROM group_member WHERE group_pk = ?1", [pk])?;
        report.units.removed.push(name);
    }
    Ok(pks)
}

fn upsert_sections(
    tx: &Connection,
    plan_pk: i64,
    plan: &Plan,
    report: &mut LoadReport,
) -> anyhow::Result<HashMap<String, i64>> {
    let mut old: HashMap<String, (i64, String, Option<String>, i64, bool)> = HashMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT pk, id, title, role, ord, active FROM section WHERE plan_pk = ?1")?;
        let rows = stmt.query_map([plan_pk], |r| {
            Ok((
                r.get::<_, String>(1)?,
                (r.get(0)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?),
            ))
        })?;
        for row in rows {
            let (id, value) = row?;
            old.insert(id, value);
        }
    }
    let mut pks = HashMap::new();
    for (i, s) in plan.sections.iter().enumerate() {
        let ord = i as i64 + 1;
        match old.get(&s.id) {
            Some((pk, title, role, old_ord, active)) => {
                pks.insert(s.id.clone(), *pk);
                let same_role = role.as_deref() == s.role.map(crate::plan::Role::id);
                if *active && title == &s.title && same_role && *old_ord == ord {
                    continue;
                }
                if *active {
                    report.sections.changed.push(s.id.clone());
                } else {
                    report.sections.added.push(s.id.clone());
                }
                tx.execute(
                    "UPDATE section SET title = ?2, role = ?3, ord = ?4, active = 1 WHERE pk = ?1",
                    params![pk, s.title, s.role.map(crate::plan::Role::id), ord],
                )?;
            }
            None => {
                tx.execute(
                    "INSERT INTO section (plan_pk, id, title, role, ord) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![plan_pk, s.id, s.title, s.role.map(crate::plan::Role::id), ord],
                )?;
                pks.insert(s.id.clone(), tx.last_insert_rowid());
                if !report.new_plan {
                    report.sections.added.push(s.id.clone());
                }
            }
        }
    }
    let mut removed: Vec<&String> = old
        .iter()
        .filter(|(id, v)| v.4 && !pks.contains_key(*id))
        .map(|(id, _)| id)
        .collect();
    removed.sort();
    for id in removed {
        tx.execute(
            "UPDATE section SET active = 0 WHERE plan_pk = ?1 AND id = ?2",
            params![plan_pk, id],
        )?;
        report.sections.removed.push(id.clone());
    }
    Ok(pks)
}

fn upsert_tasks(
    tx: &Connection,
    plan_pk: i64,
    plan: &Plan,
    units: &HashMap<String, i64>,
    sections: &HashMap<String, i64>,
    report: &mut LoadReport,
) -> anyhow::Result<()> {
    // Each task of the file is looked up by id as it comes, and its stored
    // content compared there: neither the stored tasks nor their contents
    // are held all at once.
    let stored_count: i64 = tx.query_row(
        "SELECT count(*) FROM task WHERE plan_pk = ?1",
        [plan_pk],
        |r| r.get(0),
    )?;
    let mut stored = tx.prepare_cached(
        "SELECT pk, withdrawn, ord, content FROM task WHERE plan_pk = ?1 AND id = ?2",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO task (plan_pk, id, section_pk, ord, title, text, due, content,
                           deliverable, target, parent_pk)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE task SET section_pk = ?2, ord = ?3, title = ?4, text = ?5, due = ?6,
                         content = ?7, withdrawn = 0, deliverable = ?8, target = ?9,
                         parent_pk = ?10
         WHERE pk = ?1",
    )?;
    let mut reorder = tx.prepare_cached("UPDATE task SET ord = ?2 WHERE pk = ?1")?;
    let mut due_phrase =
        tx.prepare_cached("UPDATE task SET due_kind = ?2, due_text = ?3 WHERE pk = ?1")?;
    // Stored tasks found in the file, and the old position of the last one
    // kept from the last load.
    let mut found: i64 = 0;
    let mut last_kept: Option<i64> = None;
    // The keys of the tasks that are parents, as they are stored: a
    // parent comes before its sub-tasks.
    let parents: HashSet<&str> = plan
        .tasks
        .iter()
        .filter_map(|t| t.parent.as_deref())
        .collect();
    let mut parent_pks: HashMap<&str, i64> = HashMap::new();
    for (i, task) in plan.tasks.iter().enumerate() {
        // The bar of a long load, by chunks of tasks.
        if i % PROGRESS_CHUNK == 0 && i > 0 {
            crate::progress::advance(PROGRESS_CHUNK as u64);
        }
        let ord = i as i64 + 1;
        let content_text = content(task)?;
        let section_pk = sections[&task.section];
        let due = task.due.map(|d| d.to_string());
        let (deliverable, target) = crate::store::roles::outcome_columns(task)?;
        let parent_pk = task
            .parent
            .as_deref()
            .and_then(|p| parent_pks.get(p).copied());
        let old = if found < stored_count {
            stored
                .query_row(params![plan_pk, task.id], |r| {
                    let (pk, withdrawn, old_ord): (i64, bool, i64) =
                        (r.get(0)?, r.get(1)?, r.get(2)?);
                    // The stored text is written the same way: equal text is
                    // an unchanged task, without parsing what was stored.
                    let old_content = r.get_ref(3)?.as_str()?;
                    let differs = !withdrawn && old_content != content_text;
                    Ok((
                        pk,
                        withdrawn,
                        old_ord,
                        differs.then(|| old_content.to_string()),
                    ))
                })
                .optional()?
        } else {
            None
        };
        let old = match old {
            Some((pk, withdrawn, old_ord, Some(old_content))) => {
                let fields = changed_fields(&old_content, &serde_json::to_value(task)?);
                Some((pk, withdrawn, old_ord, fields))
            }
            Some((pk, withdrawn, old_ord, None)) => Some((pk, withdrawn, old_ord, Vec::new())),
            None => None,
        };
        let existed = old.is_some();
        let pk = match old {
            None => {
                insert.execute(params![
                    plan_pk,
                    task.id,
                    section_pk,
                    ord,
                    task.title,
                    task.text,
                    due,
                    content_text,
                    deliverable,
                    target,
                    parent_pk
                ])?;
                report.added.push(task.id.clone());
                tx.last_insert_rowid()
            }
            Some((pk, withdrawn, old_ord, fields)) => {
                found += 1;
                if !withdrawn {
                    // Positions shift when tasks are added or removed; only
                    // a change in the relative order of the kept tasks is
                    // reported.
                    report.reordered |= last_kept.is_some_and(|last| last > old_ord);
                    last_kept = Some(old_ord);
                }
                if !withdrawn && fields.is_empty() {
                    report.unchanged += 1;
                    if old_ord != ord {
                        reorder.execute(params![pk, ord])?;
                    }
                    if parents.contains(task.id.as_str()) {
                        parent_pks.insert(&task.id, pk);
                    }
                    continue;
                }
                update.execute(params![
                    pk,
                    section_pk,
                    ord,
                    task.title,
                    task.text,
                    due,
                    content_text,
                    deliverable,
                    target,
                    parent_pk
                ])?;
                if withdrawn {
                    report.restored.push(task.id.clone());
                } else {
                    report.changed.push(TaskChange {
                        id: task.id.clone(),
                        fields,
                    });
                }
                tx.execute("DELETE FROM assignment WHERE task_pk = ?1", [pk])?;
                tx.execute("DELETE FROM rule WHERE task_pk = ?1", [pk])?;
                report.touched.push(pk);
                pk
            }
        };
        if parents.contains(task.id.as_str()) {
            parent_pks.insert(&task.id, pk);
        }
        if existed || task.due_kind.is_some() {
            due_phrase.execute(params![pk, task.due_kind.map(DueKind::id), task.due_text])?;
        }
        write_assignments_and_rules(tx, pk, task, units)?;
    }
    if found < stored_count {
        withdraw_missing(tx, plan_pk, plan, report)?;
    }
    Ok(())
}

/// Withdraws the stored tasks of the plan that the file no longer lists, in
/// their old order. Tasks of the file have been written already; the others
/// still have their old position.
fn withdraw_missing(
    tx: &Connection,
    plan_pk: i64,
    plan: &Plan,
    report: &mut LoadReport,
) -> anyhow::Result<()> {
    let listed: HashSet<&str> = plan.tasks.iter().map(|t| t.id.as_str()).collect();
    let mut gone: Vec<(i64, String)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT pk, id FROM task WHERE plan_pk = ?1 AND withdrawn = 0 ORDER BY ord, pk",
        )?;
        let mut rows = stmt.query([plan_pk])?;
        while let Some(r) = rows.next()? {
            let id = r.get_ref(1)?.as_str()?;
            if !listed.contains(id) {
                gone.push((r.get(0)?, id.to_string()));
            }
        }
    }
    for (pk, id) in gone {
        tx.execute("UPDATE task SET withdrawn = 1 WHERE pk = ?1", [pk])?;
        report.withdrawn.push(id);
        report.touched.push(pk);
    }
    Ok(())
}

fn write_assignments_and_rules(
    tx: &Connection,
    task_pk: i64,
    task: &crate::plan::Task,
    units: &HashMap<String, i64>,
) -> anyhow::Result<()> {
    let mut assign = tx.prepare_cached(
        "INSERT INTO assignment (task_pk, unit_pk, role, ord) VALUES (?1, ?2, ?3, ?4)",
    )?;
    assign.execute(params![task_pk, units[&task.lead], "lead", 0])?;
    for (i, s) in task.support.iter().enumerate() {
        assign.execute(params![task_pk, units[s], "support", i as i64 + 1])?;
    }
    if !task.others.is_empty() {
        crate::store::roles::write_others(tx, task_pk, task, units)?;
    }
    let mut rule = tx.prepare_cached(
        "INSERT INTO rule (task_pk, ord, kind, event, within, count, by, what)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut every_rule = tx.prepare_cached(
        "INSERT INTO rule (task_pk, ord, kind, event, by, what, every, starts, ends)
         VALUES (?1, ?2, 'every', ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, r) in task.rules.iter().enumerate() {
        match r {
            Rule::After {
                event,
                within,
                what,
            } => rule.execute(params![
                task_pk,
                i as i64 + 1,
                "after",
                event,
                within.to_string(),
                None::<i64>,
                None::<String>,
                what
            ])?,
            Rule::Quota {
                event,
                count,
                by,
                what,
            } => rule.execute(params![
                task_pk,
                i as i64 + 1,
                "quota",
                event,
                None::<String>,
                count,
                by.to_string(),
                what
            ])?,
            Rule::Every {
                every,
                by,
                from,
                until,
                event,
                what,
            } => every_rule.execute(params![
                task_pk,
                i as i64 + 1,
                event.as_deref().unwrap_or(""),
                by,
                what,
                every.id(),
                from.to_string(),
                until.map(|d| d.to_string())
            ])?,
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_the_task_as_a_json_value_written_out() {
        let date = NaiveDate::from_ymd_opt(2016, 12, 31);
        let mut task = Task {
            id: "1.1".into(),
            section: "1".into(),
            title: "做好\"信用福建\"网站".into(),
            text: "第一行\n第二行\t\u{1b}".into(),
            lead: "信用办".into(),
            support: vec!["法规处".into(), "投资处".into()],
            due: date,
            parent: None,
            due_kind: None,
            due_text: None,
            rules: vec![
                Rule::After {
                    event: "政策文件公开".into(),
                    within: "3wd".parse().unwrap(),
                    what: Some("发布解读".into()),
                },
                Rule::Quota {
                    event: "解读".into(),
                    count: 2,
                    by: date.unwrap(),
                    what: None,
                },
                Rule::After {
                    event: "会议".into(),
                    within: "48h".parse().unwrap(),
                    what: None,
                },
            ],
            others: vec![Assigned {
                counts_as: crate::plan::CountsAs::Support,
                name: "国家发展改革委".into(),
                word: "指导".into(),
            }],
            deliverable: Some("实施办法".into()),
            target: Some(Target {
                text: "增长6.2%左右".into(),
                value: Some("6.2".into()),
                unit: Some("%".into()),
            }),
        };
        let value = |t: &Task| serde_json::to_value(t).unwrap().to_string();
        assert_eq!(content(&task).unwrap(), value(&task));
        task.support.clear();
        task.rules.clear();
        task.due = None;
        task.others.clear();
        task.deliverable = None;
        task.target = None;
        assert_eq!(content(&task).unwrap(), value(&task));
        // A task without the newer fields is stored as before them.
        assert!(!content(&task).unwrap().contains("others"));
        assert!(!content(&task).unwrap().contains("target"));
        // A task without a parent has no `parent` key, as before sub-tasks.
        assert!(!content(&task).unwrap().contains("parent"));
        task.parent = Some("1".into());
        assert_eq!(content(&task).unwrap(), value(&task));
        // A phrase and a recurring duty are written the same way too.
        task.due_kind = Some(DueKind::Ongoing);
        task.due_text = Some("长期坚持".into());
        task.rules.push(Rule::Every {
            every: Every::Year,
            by: "02-end".into(),
            from: date.unwrap(),
            until: None,
            event: Some("年报报送".into()),
            what: None,
        });
        assert_eq!(content(&task).unwrap(), value(&task));
    }

    #[test]
    fn a_task_without_a_phrase_is_written_as_before_phrases_were_known() {
        let task = Task {
            id: "1.1".into(),
            section: "1".into(),
            title: "t".into(),
            text: "t".into(),
            lead: "法规处".into(),
            support: Vec::new(),
            due: NaiveDate::from_ymd_opt(2016, 12, 31),
            due_kind: None,
            due_text: None,
            parent: None,
            rules: Vec::new(),
            others: Vec::new(),
            deliverable: None,
            target: None,
        };
        assert_eq!(
            content(&task).unwrap(),
            r#"{"due":"2016-12-31","lead":"法规处","rules":[],"section":"1","support":[],"text":"t","title":"t"}"#
        );
    }
}
