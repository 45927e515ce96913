//! Reminders (催办) as records: who was reminded of which tasks, and when.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::deadlines::ItemKind;
use crate::rollup::Role;
use crate::time::format_time;

/// A reminder to record: one division of one plan, and the tasks it names.
#[derive(Debug, Clone)]
pub struct NewReminder<'a> {
    pub plan: &'a str,
    /// The division reminded (its canonical name).
    pub division: &'a str,
    /// The date the reminder bears.
    pub issued: NaiveDate,
    pub reply_by: Option<NaiveDate>,
    /// The file it was written to, if any.
    pub file: Option<&'a str>,
    pub tasks: Vec<RemindedTask>,
}

/// A task a reminder names.
#[derive(Debug, Clone)]
pub struct RemindedTask {
    /// The task's id in the plan.
    pub id: String,
    pub role: Role,
    /// The group the division has the task through, if not directly.
    pub through: Option<String>,
    /// What the reminder says of it: overdue, due soon, a return missing…
    pub kinds: Vec<ItemKind>,
    /// The earliest deadline named (stored form).
    pub deadline: String,
}

impl Store {
    /// Records a reminder, inside the caller's write transaction, and
    /// returns its number.
    pub fn record_reminder(&self, r: &NewReminder, now: NaiveDateTime) -> anyhow::Result<i64> {
        let plan_pk: i64 = self
            .conn
            .query_row("SELECT pk FROM plan WHERE id = ?1", [r.plan], |row| {
                row.get(0)
            })
            .optional()?
            .ok_or_else(|| anyhow::anyhow!("no plan {:?}", r.plan))?;
        let unit_pk: i64 = self
            .conn
            .query_row(
                "SELECT pk FROM unit WHERE plan_pk = ?1 AND name = ?2",
                params![plan_pk, r.division],
                |row| row.get(0),
            )
            .optional()?
            .ok_or_else(|| anyhow::anyhow!("no division {:?} in plan {}", r.division, r.plan))?;
        let number = self.next_seq()?;
        self.conn.execute(
            "INSERT INTO reminder (seq, plan_pk, unit_pk, issued, reply_by, file,
                                   recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                number,
                plan_pk,
                unit_pk,
                r.issued.to_string(),
                r.reply_by.map(|d| d.to_string()),
                r.file,
                format_time(now),
                crate::account::name(),
            ],
        )?;
        let reminder_pk = self.conn.last_insert_rowid();
        let mut task_pk = self
            .conn
            .prepare_cached("SELECT pk FROM task WHERE plan_pk = ?1 AND id = ?2")?;
        let mut insert = self.conn.prepare_cached(
            "INSERT INTO reminder_task (reminder_pk, task_pk, ord, role, through, kinds, deadline)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (ord, t) in r.tasks.iter().enumerate() {
            let pk: i64 = task_pk
                .query_row(params![plan_pk, t.id], |row| row.get(0))
                .optional()?
                .ok_or_else(|| anyhow::anyhow!("no task {:?} in plan {}", t.id, r.plan))?;
            let kinds: Vec<&str> = t.kinds.iter().map(|k| k.id()).collect();
            insert.execute(params![
                reminder_pk,
                pk,
                ord as i64,
                match t.role {
                    Role::Lead => "lead",
                    Role::Support => "support",
                },
                t.through,
                kinds.join(","),
                t.deadline,
            ])?;
        }
        Ok(number)
    }

    /// How many reminders each division of `plan` was sent up to `as_of`,
    /// voided ones aside, by the division's name.
    pub fn reminder_counts(
        &self,
        plan: &str,
        as_of: NaiveDateTime,
    ) -> anyhow::Result<HashMap<String, usize>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.name, count(*) FROM reminder r
             JOIN unit u ON u.pk = r.unit_pk JOIN plan p ON p.pk = r.plan_pk
             WHERE p.id = ?1 AND r.voided IS NULL AND r.recorded_at <= ?2
             GROUP BY u.name",
        )?;
        let counts = stmt
            .query_map(params![plan, format_time(as_of)], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
            })?
            .collect::<Result<_, _>>()?;
        Ok(counts)
    }
}
