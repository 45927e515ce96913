//! Typed reading queries.

use chrono::NaiveDate;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::Serialize;

use super::Store;
use crate::error::UserError;
use crate::messages::{self, Msg};
use crate::rollup::Assignee;
use crate::status::Status;

/// A task's due date: its own, else the plan's, except for a task whose
/// own `due` is ongoing or unstated, which has none (task `t`, plan `p`).
pub(super) const DUE_SQL: &str = "CASE WHEN t.due_kind IN ('ongoing', 'unstated') THEN NULL
                                       ELSE coalesce(t.due, p.due) END";

/// The kind and wording of a task's `due` phrase, its own or the plan's
/// (none for a date).
const DUE_PHRASE_SQL: &str =
    "CASE WHEN t.due IS NOT NULL OR t.due_kind IS NOT NULL THEN t.due_kind ELSE p.due_kind END,
     CASE WHEN t.due IS NOT NULL OR t.due_kind IS NOT NULL THEN t.due_text ELSE p.due_text END";

/// The status of a task before what was recorded is taken into account;
/// `crate::view` derives the real one.
fn base_status(withdrawn: bool) -> Status {
    if withdrawn {
        Status::Withdrawn
    } else {
        Status::NotStarted
    }
}

#[derive(Debug, Serialize)]
pub struct PlanRow {
    pub id: String,
    pub title: String,
    pub doc_no: Option<String>,
    pub issuer: Option<String>,
    pub issued: Option<String>,
    pub office: String,
    pub due: Option<String>,
    /// The default `due` given as a phrase: its kind and wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_text: Option<String>,
    pub tasks: i64,
    pub withdrawn: i64,
    pub sections: i64,
    pub divisions: i64,
    pub groups: i64,
    pub source: String,
    pub loaded_at: String,
}

#[derive(Debug, Serialize)]
pub struct TaskRow {
    #[serde(skip)]
    pub pk: i64,
    pub plan: String,
    pub id: String,
    pub section: String,
    pub title: String,
    pub lead: String,
    pub support: Vec<String>,
    /// The other assignees: under a role word, or co-leads.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<super::roles::Named>,
    #[serde(flatten)]
    pub outcome: super::roles::Outcome,
    pub due: Option<String>,
    /// `due` given as a phrase: its kind (period, ongoing, unstated) and
    /// the notice's wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_text: Option<String>,
    pub status: Status,
    /// Its position in the plan.
    #[serde(skip)]
    pub ord: i64,
    /// The task it is a sub-task of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Levels above it: 0 for a task without a parent.
    #[serde(skip)]
    pub depth: usize,
    /// It has sub-tasks, and its status and progress roll up from them.
    #[serde(skip)]
    pub has_sub_tasks: bool,
    /// For a task with sub-tasks, the average progress of its leaves
    /// (`crate::tree::rolled_percent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<u8>,
}

impl TaskRow {
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

#[derive(Debug, Serialize)]
pub struct RuleRow {
    pub kind: String,
    pub event: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub within: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub what: Option<String>,
    /// Of an `every` rule: the period, and the days it is followed from
    /// and until.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TaskDetail {
    #[serde(skip)]
    pub pk: i64,
    pub plan: String,
    pub plan_title: String,
    pub id: String,
    pub section: String,
    pub section_title: String,
    /// `None` for a section that states no role.
    pub section_role: Option<String>,
    pub title: String,
    pub text: String,
    pub lead: String,
    pub support: Vec<String>,
    /// The other assignees: under a role word, or co-leads.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<super::roles::Named>,
    #[serde(flatten)]
    pub outcome: super::roles::Outcome,
    pub due: Option<String>,
    /// "task" when the task sets its own due date, "parent" when a sub-task
    /// has its parent's, "plan" when it inherits the plan's.
    pub due_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_text: Option<String>,
    pub status: Status,
    pub rules: Vec<RuleRow>,
    /// The task it is a sub-task of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Its sub-tasks, withdrawn ones aside, with their statuses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_tasks: Vec<super::SubTask>,
    /// For a task with sub-tasks, the average progress of its leaves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<u8>,
}

#[derive(Debug, Serialize)]
pub struct DivisionRow {
    pub plan: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub members: Vec<String>,
    pub groups: Vec<String>,
    pub lead: i64,
    pub support: i64,
}

/// Which tasks `list` shows.
#[derive(Debug, Default)]
pub struct ListFilter {
    pub plan: Option<String>,
    pub division: Option<String>,
    pub section: Option<String>,
    pub statuses: Vec<Status>,
    /// Only tasks due before this day.
    pub due_before: Option<NaiveDate>,
    /// Only these tasks (primary keys).
    pub tasks: Option<Vec<i64>>,
}

/// A resolved task reference.
#[derive(Debug, Clone)]
pub struct TaskKey {
    pub pk: i64,
    pub plan: String,
    pub id: String,
}

/// A task's kept state (`task.state`), read back.
fn kept_state(state: String) -> anyhow::Result<Status> {
    Status::parse_msg(&state)
        .map_err(|why| UserError::usage(messages::stored_state_unknown(&state, why)).into())
}

fn json_list(text: Option<String>) -> Vec<String> {
    text.and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// The assignees of task `t`, as JSON arrays, in the file's order.
const ASSIGNEES_SQL: &str = "
    (SELECT u.name FROM assignment a JOIN unit u ON u.pk = a.unit_pk
      WHERE a.task_pk = t.pk AND a.role = 'lead' AND a.word IS NULL),
    (SELECT json_group_array(name) FROM
        (SELECT u.name FROM assignment a JOIN unit u ON u.pk = a.unit_pk
          WHERE a.task_pk = t.pk AND a.role = 'support' AND a.word IS NULL ORDER BY a.ord))";

impl Store {
    /// The ids of the loaded plans, in order.
    pub fn plan_ids(&self) -> anyhow::Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM plan ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<Result<_, _>>()?)
    }

    pub fn plans(&self) -> anyhow::Result<Vec<PlanRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.id, p.title, p.doc_no, p.issuer, p.issued, p.office, p.due,
                (SELECT count(*) FROM task t INDEXED BY task_due
                 WHERE t.plan_pk = p.pk AND NOT t.withdrawn),
                (SELECT count(*) FROM task t INDEXED BY task_withdrawn
                 WHERE t.withdrawn AND t.plan_pk = p.pk),
                (SELECT count(*) FROM section s WHERE s.plan_pk = p.pk AND s.active),
                (SELECT count(*) FROM unit u WHERE u.plan_pk = p.pk AND u.active AND u.kind = 'division'),
                (SELECT count(*) FROM unit u WHERE u.plan_pk = p.pk AND u.active AND u.kind = 'group'),
                p.source, p.loaded_at, p.due_kind, p.due_text
             FROM plan p ORDER BY p.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(PlanRow {
                id: r.get(0)?,
                title: r.get(1)?,
                doc_no: r.get(2)?,
                issuer: r.get(3)?,
                issued: r.get(4)?,
                office: r.get(5)?,
                due: r.get(6)?,
                tasks: r.get(7)?,
                withdrawn: r.get(8)?,
                sections: r.get(9)?,
                divisions: r.get(10)?,
                groups: r.get(11)?,
                source: r.get(12)?,
                loaded_at: r.get(13)?,
                due_kind: r.get(14)?,
                due_text: r.get(15)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The keys of every task of `plan`, withdrawn ones included, in the
    /// plan's order.
    pub fn task_keys_in_order(&self, plan: &str) -> anyhow::Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT pk FROM task WHERE plan_pk = (SELECT pk FROM plan WHERE id = ?1) ORDER BY ord",
        )?;
        let pks = stmt.query_map([plan], |r| r.get(0))?;
        Ok(pks.collect::<Result<_, _>>()?)
    }

    /// Fails with a clear message when no plan `id` is loaded.
    pub fn check_plan(&self, id: &str) -> anyhow::Result<()> {
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT pk FROM plan WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        match found {
            Some(_) => Ok(()),
            None => Err(UserError::NoSuchPlan(id.to_string()).into()),
        }
    }

    pub fn list(&self, f: &ListFilter) -> anyhow::Result<Vec<TaskRow>> {
        if let Some(plan) = &f.plan {
            self.check_plan(plan)?;
        }
        // Assignees are left empty: `crate::view::assess` reads them with
        // the latest entries.
        // Given the tasks, they are looked up by key rather than found by
        // reading the whole plan (`+` keeps SQLite from the plan's index).
        let plan_of_task = if f.tasks.is_some() {
            "+t.plan_pk"
        } else {
            "t.plan_pk"
        };
        let mut sql = format!(
            "SELECT p.id, t.id, s.id, t.title, {DUE_SQL}, t.withdrawn, t.pk, t.ord,
                    t.deliverable, t.target, pt.id, {}, {DUE_PHRASE_SQL}
             FROM task t JOIN plan p ON p.pk = {plan_of_task} JOIN section s ON s.pk = t.section_pk
             LEFT JOIN task pt ON pt.pk = t.parent_pk
             WHERE 1",
            super::tree::HAS_SUB_TASKS
        );
        let mut args: Vec<String> = Vec::new();
        let mut arg = |value: String| {
            args.push(value);
            format!("?{}", args.len())
        };
        if let Some(plan) = &f.plan {
            sql += &format!(" AND p.id = {}", arg(plan.clone()));
        }
        if let Some(section) = &f.section {
            self.check_section(f.plan.as_deref(), section)?;
            sql += &format!(" AND s.id = {}", arg(section.clone()));
        }
        if let Some(division) = &f.division {
            let units = self.units_matching(f.plan.as_deref(), division)?;
            let list = units
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            sql +=
                &format!(" AND t.pk IN (SELECT task_pk FROM assignment WHERE unit_pk IN ({list}))");
        }
        if let Some(day) = f.due_before {
            sql += &format!(" AND {DUE_SQL} < {}", arg(day.to_string()));
        }
        if let Some(pks) = &f.tasks {
            sql += &format!(" AND {}", super::among("t.pk", pks));
        }
        if !f.statuses.contains(&Status::Withdrawn) {
            sql += " AND NOT t.withdrawn";
        } else if f.statuses == [Status::Withdrawn] {
            sql += " AND t.withdrawn";
        }
        // Given the tasks, rows are read in the order of their keys and
        // sorted here: SQLite would sort whole rows.
        if f.tasks.is_none() {
            sql += " ORDER BY p.id, t.ord";
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok(TaskRow {
                plan: r.get(0)?,
                id: r.get(1)?,
                section: r.get(2)?,
                title: r.get(3)?,
                lead: String::new(),
                support: Vec::new(),
                roles: Vec::new(),
                outcome: super::roles::outcome_of(r.get(8)?, r.get(9)?),
                due: r.get(4)?,
                status: base_status(r.get(5)?),
                pk: r.get(6)?,
                ord: r.get(7)?,
                parent: r.get(10)?,
                depth: 0,
                has_sub_tasks: r.get(11)?,
                percent: None,
                due_kind: r.get(12)?,
                due_text: r.get(13)?,
            })
        })?;
        let mut rows: Vec<TaskRow> = rows.collect::<Result<_, _>>()?;
        if f.tasks.is_some() {
            rows.sort_unstable_by(|a, b| (&a.plan, a.ord).cmp(&(&b.plan, b.ord)));
        }
        Ok(rows)
    }

    fn check_section(&self, plan: Option<&str>, section: &str) -> anyhow::Result<()> {
        let found: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM section s JOIN plan p ON p.pk = s.plan_pk
                            WHERE s.id = ?1 AND (?2 IS NULL OR p.id = ?2))",
            params![section, plan],
            |r| r.get(0),
        )?;
        if found {
            return Ok(());
        }
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT s.id FROM section s JOIN plan p ON p.pk = s.plan_pk
             WHERE s.active AND (?1 IS NULL OR p.id = ?1) ORDER BY s.ord",
        )?;
        let known: Vec<String> = stmt
            .query_map(params![plan], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Err(UserError::usage(messages::no_section(section, Msg::list(&known))).into())
    }

    /// The units a `--division` name stands for: the division or group of that
    /// name or alias, and the groups the division belongs to.
    fn units_matching(&self, plan: Option<&str>, name: &str) -> anyhow::Result<Vec<i64>> {
        let mut stmt = self.conn.prepare(
            "WITH named AS (
                SELECT u.pk FROM unit u JOIN plan p ON p.pk = u.plan_pk
                 WHERE (?2 IS NULL OR p.id = ?2)
                   AND (u.name = ?1 OR u.pk IN (SELECT unit_pk FROM unit_alias WHERE alias = ?1)))
             SELECT pk FROM named
             UNION
             SELECT group_pk FROM group_member WHERE member_pk IN (SELECT pk FROM named)",
        )?;
        let pks: Vec<i64> = stmt
            .query_map(params![name, plan], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if !pks.is_empty() {
            return Ok(pks);
        }
        let mut stmt = self.conn.prepare(
            "SELECT u.name, u.kind FROM unit u JOIN plan p ON p.pk = u.plan_pk
             WHERE u.active AND (?1 IS NULL OR p.id = ?1) ORDER BY p.id, u.ord",
        )?;
        let mut divisions: Vec<String> = Vec::new();
        let mut groups: Vec<String> = Vec::new();
        for row in stmt.query_map(params![plan], |r| Ok((r.get(0)?, r.get::<_, String>(1)?)))? {
            let (name, kind): (String, String) = row?;
            let list = if kind == "group" {
                &mut groups
            } else {
                &mut divisions
            };
            if !list.contains(&name) {
                list.push(name);
            }
        }
        let no_groups = groups.is_empty();
        let (divisions, groups) = (Msg::list(&divisions), Msg::list(&groups));
        let message = match (plan, no_groups) {
            (Some(plan), true) => messages::no_unit_in_plan(name, plan, divisions),
            (Some(plan), false) => messages::no_unit_in_plan_groups(name, plan, divisions, groups),
            (None, true) => messages::no_unit(name, divisions),
            (None, false) => messages::no_unit_groups(name, divisions, groups),
        };
        Err(UserError::usage(message).into())
    }

    /// Resolves `ID` (unique across plans) or `PLAN:ID`.
    pub fn resolve_task(&self, reference: &str) -> anyhow::Result<TaskKey> {
        let (plan, id) = match reference.split_once(':') {
            Some((plan, id)) => (Some(plan), id),
            None => (None, reference),
        };
        if let Some(plan) = plan {
            self.check_plan(plan)?;
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.pk, p.id, t.id FROM task t JOIN plan p ON p.pk = t.plan_pk
             WHERE t.id = ?1 AND (?2 IS NULL OR p.id = ?2) ORDER BY p.id",
        )?;
        let found: Vec<TaskKey> = stmt
            .query_map(params![id, plan], |r| {
                Ok(TaskKey {
                    pk: r.get(0)?,
                    plan: r.get(1)?,
                    id: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        match found.len() {
            1 => Ok(found.into_iter().next().expect("one row")),
            0 => Err(UserError::NoSuchTask {
                reference: id.to_string(),
                plan: plan.map(str::to_string),
            }
            .into()),
            _ => Err(UserError::AmbiguousTask {
                id: id.to_string(),
                plans: found.iter().map(|k| k.plan.clone()).collect(),
            }
            .into()),
        }
    }

    pub fn task_detail(&self, key: &TaskKey) -> anyhow::Result<TaskDetail> {
        let sql = format!(
            "SELECT p.id, p.title, t.id, s.id, s.title, s.role, t.title, t.text, {ASSIGNEES_SQL},
                    {DUE_SQL},
                    CASE WHEN (t.due IS NOT NULL OR t.due_kind IS NOT NULL)
                              AND EXISTS (SELECT 1 FROM task pt
                                          WHERE pt.pk = t.parent_pk AND pt.due IS t.due
                                            AND pt.due_kind IS t.due_kind
                                            AND pt.due_text IS t.due_text)
                         THEN 'parent'
                         WHEN t.due IS NOT NULL OR t.due_kind IS NOT NULL THEN 'task'
                         WHEN p.due IS NOT NULL OR p.due_kind IS NOT NULL THEN 'plan' END,
                    t.withdrawn, t.pk, {DUE_PHRASE_SQL}
             FROM task t JOIN plan p ON p.pk = t.plan_pk JOIN section s ON s.pk = t.section_pk
             WHERE t.pk = ?1"
        );
        let mut detail = self.conn.query_row(&sql, [key.pk], |r| {
            Ok(TaskDetail {
                plan: r.get(0)?,
                plan_title: r.get(1)?,
                id: r.get(2)?,
                section: r.get(3)?,
                section_title: r.get(4)?,
                section_role: r.get(5)?,
                title: r.get(6)?,
                text: r.get(7)?,
                lead: r.get(8)?,
                support: json_list(r.get(9)?),
                roles: Vec::new(),
                outcome: super::roles::Outcome::default(),
                due: r.get(10)?,
                due_from: r.get(11)?,
                status: base_status(r.get(12)?),
                pk: r.get(13)?,
                due_kind: r.get(14)?,
                due_text: r.get(15)?,
                rules: Vec::new(),
                parent: None,
                sub_tasks: Vec::new(),
                percent: None,
            })
        })?;
        detail.roles = self.named(key.pk)?;
        detail.outcome = self.outcome(key.pk)?;
        detail.parent = self.parent_of(key)?;
        detail.sub_tasks = self.sub_tasks(key)?;
        let mut stmt = self.conn.prepare(
            "SELECT kind, event, within, count, by, what, every, starts, ends
             FROM rule WHERE task_pk = ?1 ORDER BY ord",
        )?;
        detail.rules = stmt
            .query_map([key.pk], |r| {
                Ok(RuleRow {
                    kind: r.get(0)?,
                    event: r.get(1)?,
                    within: r.get(2)?,
                    count: r.get(3)?,
                    by: r.get(4)?,
                    what: r.get(5)?,
                    every: r.get(6)?,
                    from: r.get(7)?,
                    until: r.get(8)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(detail)
    }

    /// How many tasks of `plan` each section has in each kept state
    /// (migration 5), withdrawn tasks aside.
    pub fn state_counts(&self, plan: &str) -> anyhow::Result<Vec<(String, Status, usize)>> {
        // Tasks with sub-tasks aside: each leaf counts once.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT s.id, c.state, c.n
             FROM (SELECT t.section_pk, t.state, count(*) AS n FROM task t INDEXED BY task_section
                   WHERE t.plan_pk = (SELECT pk FROM plan WHERE id = ?1) AND NOT t.withdrawn
                     AND NOT {}
                   GROUP BY t.section_pk, t.state) c
             JOIN section s ON s.pk = c.section_pk",
            super::tree::HAS_SUB_TASKS
        ))?;
        let mut counts = Vec::new();
        let mut rows = stmt.query([plan])?;
        while let Some(r) = rows.next()? {
            counts.push((
                r.get(0)?,
                kept_state(r.get(1)?)?,
                r.get::<_, i64>(2)? as usize,
            ));
        }
        Ok(counts)
    }

    /// The active sections of a plan, in order: (id, title).
    pub fn sections(&self, plan: &str) -> anyhow::Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, s.title FROM section s JOIN plan p ON p.pk = s.plan_pk
             WHERE p.id = ?1 AND s.active ORDER BY s.ord",
        )?;
        let rows = stmt
            .query_map([plan], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    pub fn divisions(&self, plan: Option<&str>) -> anyhow::Result<Vec<DivisionRow>> {
        self.division_rows(plan, Some(&self.assignment_counts()?))
    }

    /// `divisions` without the counts of tasks led and supported (left at
    /// zero), which take a pass over every assignment.
    pub fn units(&self, plan: Option<&str>) -> anyhow::Result<Vec<DivisionRow>> {
        self.division_rows(plan, None)
    }

    fn division_rows(
        &self,
        plan: Option<&str>,
        counts: Option<&super::PkMap<(i64, i64)>>,
    ) -> anyhow::Result<Vec<DivisionRow>> {
        if let Some(plan) = plan {
            self.check_plan(plan)?;
        }
        let mut stmt = self.conn.prepare(
            "SELECT p.id, u.name, u.kind,
                (SELECT json_group_array(alias) FROM
                    (SELECT alias FROM unit_alias WHERE unit_pk = u.pk ORDER BY alias)),
                (SELECT json_group_array(name) FROM
                    (SELECT m.name FROM group_member g JOIN unit m ON m.pk = g.member_pk
                      WHERE g.group_pk = u.pk ORDER BY m.ord)),
                (SELECT json_group_array(name) FROM
                    (SELECT g.name FROM group_member gm JOIN unit g ON g.pk = gm.group_pk
                      WHERE gm.member_pk = u.pk AND g.active ORDER BY g.ord)),
                u.pk
             FROM unit u JOIN plan p ON p.pk = u.plan_pk
             WHERE u.active AND (?1 IS NULL OR p.id = ?1)
             ORDER BY p.id, u.kind, u.ord",
        )?;
        let rows = stmt.query_map(params![plan], |r| {
            let pk: i64 = r.get(6)?;
            let (lead, support) = counts.and_then(|c| c.get(&pk).copied()).unwrap_or_default();
            Ok(DivisionRow {
                plan: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                aliases: json_list(r.get(3)?),
                members: json_list(r.get(4)?),
                groups: json_list(r.get(5)?),
                lead,
                support,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Each task of `plan` without sub-tasks, withdrawn ones aside, with its kept state
    /// (migration 5) and its assignees, the lead first and then the
    /// supporting units in the file's order, without their entries. Tasks
    /// come in key order.
    pub fn each_kept_task(
        &self,
        plan: &str,
        f: &mut dyn FnMut(i64, Status, Vec<Assignee>),
    ) -> anyhow::Result<()> {
        // Tasks with sub-tasks aside: each leaf counts once.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT t.pk, t.state FROM task t INDEXED BY task_section
             WHERE t.plan_pk = (SELECT pk FROM plan WHERE id = ?1) AND NOT t.withdrawn
               AND NOT {}",
            super::tree::HAS_SUB_TASKS
        ))?;
        let mut states: super::PkMap<Status> = super::PkMap::default();
        let mut rows = stmt.query([plan])?;
        while let Some(r) = rows.next()? {
            states.insert(r.get(0)?, kept_state(r.get(1)?)?);
        }
        self.each_assignees(Some(plan), None, &mut |pk, assignees| {
            if let Some(&status) = states.get(&pk) {
                f(pk, status, assignees);
            }
        })?;
        Ok(())
    }

    /// How many tasks, withdrawn ones and those with sub-tasks aside (their
    /// sub-tasks count), each unit leads and supports: one pass over the
    /// assignments, rather than a look at each one's task.
    fn assignment_counts(&self) -> anyhow::Result<super::PkMap<(i64, i64)>> {
        let mut stmt = self.conn.prepare(
            "SELECT pk FROM task INDEXED BY task_withdrawn WHERE withdrawn
             UNION
             SELECT parent_pk FROM task INDEXED BY task_parent
             WHERE parent_pk IS NOT NULL AND NOT withdrawn",
        )?;
        let left_out: std::collections::HashSet<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        // In the table's order: an index by unit would cost a look-up of each
        // assignment's role.
        let mut stmt = self
            .conn
            .prepare("SELECT task_pk, unit_pk, role = 'lead' FROM assignment NOT INDEXED")?;
        let mut counts: super::PkMap<(i64, i64)> = super::PkMap::default();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if left_out.contains(&r.get(0)?) {
                continue;
            }
            let c = counts.entry(r.get(1)?).or_default();
            if r.get(2)? {
                c.0 += 1;
            } else {
                c.1 += 1;
            }
        }
        Ok(counts)
    }
}
