//! What the database keeps of role words, outside assignees, targets and
//! notes: assignments under a role word (`assignment.word`), and the reading
//! of a task's deliverable and target from its stored content.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::Store;
use crate::plan::{CountsAs, Note, Target, Task};

/// Writes the assignees of `task` beyond its lead and plain supporting
/// units, after them: a lead-like one as a `lead` assignment, a
/// support-like one as a `support` assignment, each with its word.
pub(super) fn write_others(
    tx: &Connection,
    task_pk: i64,
    task: &Task,
    units: &HashMap<String, i64>,
) -> anyhow::Result<()> {
    let mut assign = tx.prepare_cached(
        "INSERT INTO assignment (task_pk, unit_pk, role, ord, word) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let first = task.support.len() as i64 + 1;
    for (i, a) in task.others.iter().enumerate() {
        assign.execute(params![
            task_pk,
            units[&a.name],
            a.counts_as.id(),
            first + i as i64,
            a.word
        ])?;
    }
    Ok(())
}

/// The `deliverable` and `target` columns of `task` (the target as JSON).
pub(super) fn outcome_columns(task: &Task) -> serde_json::Result<(Option<&str>, Option<String>)> {
    let target = task
        .target
        .as_ref()
        .map(serde_json::to_string)
        .transpose()?;
    Ok((task.deliverable.as_deref(), target))
}

/// A task's deliverable and target.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Outcome {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deliverable: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
}

impl Outcome {
    pub fn is_empty(&self) -> bool {
        self.deliverable.is_none() && self.target.is_none()
    }

    /// The target's text, or "".
    pub fn target_text(&self) -> &str {
        self.target.as_ref().map_or("", |t| t.text.as_str())
    }

    /// The deliverable, or "".
    pub fn deliverable_text(&self) -> &str {
        self.deliverable.as_deref().unwrap_or("")
    }
}

/// `Target` as stored in a task's content (its value as a number).
#[derive(serde::Deserialize)]
struct StoredTarget {
    text: String,
    value: Option<serde_json::Number>,
    unit: Option<String>,
}

pub(super) fn outcome_of(deliverable: Option<String>, target: Option<String>) -> Outcome {
    let target = target
        .and_then(|t| serde_json::from_str::<StoredTarget>(&t).ok())
        .map(|t| Target {
            text: t.text,
            value: t.value.map(|v| v.to_string()),
            unit: t.unit,
        });
    Outcome {
        deliverable,
        target,
    }
}

/// An assignee under a role word, or a co-lead, by name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Named {
    pub name: String,
    pub word: String,
    pub counts_as: CountsAs,
}

impl Named {
    /// Its name with its word: "国家发展改革委（指导）"; a co-lead under
    /// the built-in 牵头 by its name alone.
    pub fn tagged(&self, lang: crate::lang::Lang) -> String {
        if self.word == crate::plan::LEAD_WORD {
            self.name.clone()
        } else {
            lang.pick(
                &format!("{} ({})", self.name, self.word),
                &format!("{}（{}）", self.name, self.word),
            )
            .to_string()
        }
    }
}

/// The other assignees of a task, in order, as the view reads them: the
/// units under a word, and co-leads (lead-role beyond the first).
pub fn named_of(assignees: &[crate::rollup::Assignee]) -> Vec<Named> {
    use crate::rollup::Role;
    let mut first_lead = true;
    assignees
        .iter()
        .filter(|a| {
            let lead = a.role == Role::Lead;
            let plain = a.word.is_none() && (!lead || first_lead);
            if lead && a.word.is_none() {
                first_lead = false;
            }
            !plain
        })
        .map(|a| Named {
            name: a.name.clone(),
            word: a.word.clone().unwrap_or_else(|| match a.role {
                Role::Lead => crate::plan::LEAD_WORD.to_string(),
                Role::Support => crate::plan::SUPPORT_WORD.to_string(),
            }),
            counts_as: match a.role {
                Role::Lead => CountsAs::Lead,
                Role::Support => CountsAs::Support,
            },
        })
        .collect()
}

impl Store {
    /// Deliverables and targets of the tasks `pks` that have one.
    pub fn outcomes(&self, pks: &[i64]) -> anyhow::Result<HashMap<i64, Outcome>> {
        let mut out = HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT deliverable, target FROM task
             WHERE pk = ?1 AND (deliverable IS NOT NULL OR target IS NOT NULL)",
        )?;
        for &pk in pks {
            let row: Option<(Option<String>, Option<String>)> = stmt
                .query_row([pk], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if let Some((d, t)) = row {
                out.insert(pk, outcome_of(d, t));
            }
        }
        Ok(out)
    }

    /// Whether a task of plan `id` has a deliverable or a target.
    pub fn has_outcomes(&self, id: &str) -> anyhow::Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM task INDEXED BY task_outcome
                            WHERE plan_pk = (SELECT pk FROM plan WHERE id = ?1)
                              AND (deliverable IS NOT NULL OR target IS NOT NULL))",
            [id],
            |r| r.get(0),
        )?)
    }

    /// The deliverable and target of one task.
    pub fn outcome(&self, pk: i64) -> anyhow::Result<Outcome> {
        Ok(self.outcomes(&[pk])?.remove(&pk).unwrap_or_default())
    }

    /// The assignments of task `pk` made under a role word, in order.
    pub fn named(&self, pk: i64) -> anyhow::Result<Vec<Named>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT u.name, a.word, a.role FROM assignment a JOIN unit u ON u.pk = a.unit_pk
             WHERE a.task_pk = ?1 AND a.word IS NOT NULL ORDER BY a.ord",
        )?;
        let rows = stmt.query_map([pk], |r| {
            let role: String = r.get(2)?;
            Ok(Named {
                name: r.get(0)?,
                word: r.get(1)?,
                counts_as: if role == "lead" {
                    CountsAs::Lead
                } else {
                    CountsAs::Support
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The metadata of plan `id` as loaded (its `[plan]` table, role words
    /// and notes), as JSON.
    pub fn plan_meta(&self, id: &str) -> anyhow::Result<serde_json::Value> {
        let meta: String =
            self.conn
                .query_row("SELECT meta FROM plan WHERE id = ?1", [id], |r| r.get(0))?;
        Ok(serde_json::from_str(&meta)?)
    }

    /// The notes of plan `id`, in order, kept with its metadata.
    pub fn plan_notes(&self, id: &str) -> anyhow::Result<Vec<Note>> {
        let notes: Option<String> = self
            .conn
            .query_row(
                "SELECT json_extract(meta, '$.notes') FROM plan WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(notes
            .and_then(|n| serde_json::from_str::<Vec<NoteRow>>(&n).ok())
            .unwrap_or_default()
            .into_iter()
            .map(|n| Note {
                title: n.title,
                text: n.text,
            })
            .collect())
    }
}

#[derive(serde::Deserialize)]
struct NoteRow {
    title: String,
    text: String,
}

impl super::TaskRow {
    /// The lead, then the units under a lead-like role word with their word.
    pub fn leads_text(&self, lang: crate::lang::Lang) -> String {
        let mut names = vec![self.lead.clone()];
        names.extend(
            self.roles
                .iter()
                .filter(|r| r.counts_as == CountsAs::Lead)
                .map(|r| r.tagged(lang)),
        );
        names.join(lang.pick(", ", "、"))
    }

    /// The supporting units, then the units under a support-like role word
    /// with their word.
    pub fn support_text(&self, lang: crate::lang::Lang) -> String {
        let mut names = self.support.clone();
        names.extend(
            self.roles
                .iter()
                .filter(|r| r.counts_as == CountsAs::Support)
                .map(|r| r.tagged(lang)),
        );
        names.join(lang.pick(", ", "、"))
    }
}

/// The word an assignee is shown with instead of its role's: a word of the
/// plan; `None` for the built-in 牵头 and 配合, shown as the role is.
pub fn own_word(word: &Option<String>) -> Option<&str> {
    word.as_deref()
        .filter(|w| *w != crate::plan::LEAD_WORD && *w != crate::plan::SUPPORT_WORD)
}
