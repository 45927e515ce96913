//! The plan file exactly as written: every field optional where a missing
//! value is a validation problem rather than a syntax error, so that one pass
//! can report every problem at once. Unknown fields are syntax errors.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    pub plan: Option<Spanned<RawPlan>>,
    #[serde(default)]
    pub division: Vec<Spanned<RawDivision>>,
    #[serde(default)]
    pub group: Vec<Spanned<RawGroup>>,
    #[serde(default)]
    pub section: Vec<Spanned<RawSection>>,
    #[serde(default)]
    pub task: Vec<Spanned<RawTask>>,
    #[serde(default)]
    pub role: Vec<Spanned<RawRoleWord>>,
    #[serde(default)]
    pub outside: Vec<Spanned<RawDivision>>,
    #[serde(default)]
    pub note: Vec<Spanned<RawNote>>,
}

/// What comes before the first `[[task]]` table: the plan, its divisions,
/// groups and sections.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHead {
    pub plan: Option<Spanned<RawPlan>>,
    #[serde(default)]
    pub division: Vec<Spanned<RawDivision>>,
    #[serde(default)]
    pub group: Vec<Spanned<RawGroup>>,
    #[serde(default)]
    pub section: Vec<Spanned<RawSection>>,
    #[serde(default)]
    pub role: Vec<Spanned<RawRoleWord>>,
    #[serde(default)]
    pub outside: Vec<Spanned<RawDivision>>,
    #[serde(default)]
    pub note: Vec<Spanned<RawNote>>,
    /// Tasks given before the `[[task]]` tables (`task = [...]`, `[task]`)
    /// interact with those tables; a head with any is read as part of the
    /// whole file instead.
    pub task: Option<serde::de::IgnoredAny>,
}

/// One `[[task]]` table read on its own, with the tables below it that
/// belong to it (`[[task.rule]]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTaskTable {
    pub task: Vec<Spanned<RawTask>>,
}

impl RawFile {
    /// The head and the tasks, apart.
    pub fn split(self) -> (RawHead, Vec<Spanned<RawTask>>) {
        let head = RawHead {
            plan: self.plan,
            division: self.division,
            group: self.group,
            section: self.section,
            role: self.role,
            outside: self.outside,
            note: self.note,
            task: None,
        };
        (head, self.task)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub doc_no: Option<Text>,
    pub issuer: Option<Text>,
    pub issued: Option<Spanned<toml::Value>>,
    pub office: Option<Text>,
    pub due: Option<Spanned<toml::Value>>,
    pub feedback: Option<Text>,
    pub feedback_day: Option<Spanned<i64>>,
    pub warn: Option<Text>,
    pub first_is_lead: Option<Spanned<bool>>,
    pub rest: Option<Text>,
    pub year: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDivision {
    pub name: Option<Text>,
    #[serde(default)]
    pub aliases: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    pub name: Option<Text>,
    #[serde(default)]
    pub members: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    pub id: Option<Text>,
    pub title: Option<Text>,
    pub role: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTask {
    pub id: Option<Text>,
    pub section: Option<Text>,
    pub title: Option<Text>,
    pub text: Option<Text>,
    pub lead: Option<Text>,
    /// `None` when not written: a sub-task then takes its parent's.
    pub support: Option<Vec<Text>>,
    pub due: Option<Spanned<toml::Value>>,
    /// The id of the task this one is a sub-task of (docs/plan-format.md).
    pub parent: Option<Text>,
    #[serde(default)]
    pub rule: Vec<Spanned<RawRule>>,
    #[serde(default)]
    pub assignees: Vec<Text>,
    pub roles: Option<Spanned<RawRoles>>,
    pub deliverable: Option<Text>,
    pub target: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub kind: Option<Text>,
    pub event: Option<Text>,
    pub within: Option<Text>,
    pub what: Option<Text>,
    pub count: Option<Spanned<i64>>,
    pub by: Option<Spanned<toml::Value>>,
    pub every: Option<Text>,
    pub from: Option<Spanned<toml::Value>>,
    pub until: Option<Spanned<toml::Value>>,
}

/// A task's `roles`: role word → the units assigned under it.
pub type RawRoles = std::collections::BTreeMap<Text, Vec<Text>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRoleWord {
    pub word: Option<Text>,
    pub counts_as: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNote {
    pub title: Option<Text>,
    pub text: Option<Text>,
}

/// `value` with its span moved `by` bytes later.
fn shift<T>(value: Spanned<T>, by: usize) -> Spanned<T> {
    let span = value.span();
    Spanned::new(span.start + by..span.end + by, value.into_inner())
}

fn shift_opt<T>(value: Option<Spanned<T>>, by: usize) -> Option<Spanned<T>> {
    value.map(|v| shift(v, by))
}

impl RawTask {
    /// The task with every span moved `by` bytes later: a table read apart
    /// from the file, placed back where it stands in the file.
    pub fn shifted(task: Spanned<RawTask>, by: usize) -> Spanned<RawTask> {
        let span = task.span();
        let t = task.into_inner();
        let t = RawTask {
            id: shift_opt(t.id, by),
            section: shift_opt(t.section, by),
            title: shift_opt(t.title, by),
            text: shift_opt(t.text, by),
            lead: shift_opt(t.lead, by),
            support: t
                .support
                .map(|list| list.into_iter().map(|s| shift(s, by)).collect()),
            due: shift_opt(t.due, by),
            assignees: t.assignees.into_iter().map(|s| shift(s, by)).collect(),
            roles: shift_opt(t.roles, by).map(|r| {
                let span = r.span();
                let roles = r
                    .into_inner()
                    .into_iter()
                    .map(|(k, v)| (shift(k, by), v.into_iter().map(|s| shift(s, by)).collect()))
                    .collect();
                Spanned::new(span, roles)
            }),
            deliverable: shift_opt(t.deliverable, by),
            target: shift_opt(t.target, by),
            parent: shift_opt(t.parent, by),
            rule: t
                .rule
                .into_iter()
                .map(|r| {
                    let span = r.span();
                    let r = r.into_inner();
                    let r = RawRule {
                        kind: shift_opt(r.kind, by),
                        event: shift_opt(r.event, by),
                        within: shift_opt(r.within, by),
                        what: shift_opt(r.what, by),
                        count: shift_opt(r.count, by),
                        by: shift_opt(r.by, by),
                        every: shift_opt(r.every, by),
                        from: shift_opt(r.from, by),
                        until: shift_opt(r.until, by),
                    };
                    Spanned::new(span.start + by..span.end + by, r)
                })
                .collect(),
        };
        Spanned::new(span.start + by..span.end + by, t)
    }
}
