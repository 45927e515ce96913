//! The plan file (docs/plan-format.md): its TOML form, and the validated plan.

mod diag;
pub mod due;
mod notes;
mod raw;
mod roles;
mod tables;
mod tree;
mod validate;

use chrono::NaiveDate;
use serde::Serialize;

use crate::duration::Duration;
use crate::lang::Lang;
use crate::messages::{self, Msg, Said};

pub use diag::{write_marked, Diagnostic, PlanErrors};
pub use notes::Note;
pub use roles::{read_figure, Assigned, CountsAs, RoleWord, Target, LEAD_WORD, SUPPORT_WORD};
pub use tables::parse_reader;
pub use tree::MAX_LEVELS;

/// Plan files larger than this are refused before parsing. A plan of 100,000
/// tasks with paragraph-long texts stays well below it.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// A plan that passed validation. Assignee and member names are canonical
/// (aliases resolved).
#[derive(Debug, Clone)]
pub struct Plan {
    pub meta: PlanMeta,
    pub divisions: Vec<Division>,
    pub groups: Vec<Group>,
    /// Assignees outside the body (`[[outside]]`): ministries, provinces.
    pub outside: Vec<Division>,
    pub sections: Vec<Section>,
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanMeta {
    pub id: String,
    pub title: String,
    pub doc_no: Option<String>,
    pub issuer: Option<String>,
    pub issued: Option<NaiveDate>,
    pub office: String,
    pub due: Option<NaiveDate>,
    pub feedback: Cadence,
    pub feedback_day: Option<u8>,
    #[serde(serialize_with = "display_opt")]
    pub warn: Option<Duration>,
    /// Role words the plan declares (`[[role]]`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleWord>,
    /// The first unit of a task's `assignees` is its lead.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub first_is_lead: bool,
    /// The role word the other units of `assignees` are assigned under,
    /// when not 配合.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rest: Option<String>,
    /// Text of the notice that is not a task (`[[note]]`), in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The year of deadline phrases that name none (`year`, else the year
    /// of `issued`); only when the file gives `year`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The default `due` as a phrase: what kind it is, and its wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_kind: Option<due::DueKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    None,
    Monthly,
    Quarterly,
}

impl Cadence {
    pub fn id(self) -> &'static str {
        match self {
            Cadence::None => "none",
            Cadence::Monthly => "monthly",
            Cadence::Quarterly => "quarterly",
        }
    }

    pub fn parse(text: &str) -> Option<Cadence> {
        [Cadence::None, Cadence::Monthly, Cadence::Quarterly]
            .into_iter()
            .find(|c| c.id() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Division {
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub name: String,
    pub members: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Lead,
    Support,
    Own,
}

impl Role {
    pub fn id(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
            Role::Own => "own",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        [Role::Lead, Role::Support, Role::Own]
            .into_iter()
            .find(|r| r.id() == text)
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Support => "配合",
            Role::Own => "自身建设",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// `None` for a section that states no role.
    pub role: Option<Role>,
}

/// One task. Its serialized form (without the id) is what reloads compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    #[serde(skip)]
    pub id: String,
    pub section: String,
    pub title: String,
    pub text: String,
    pub lead: String,
    pub support: Vec<String>,
    pub due: Option<NaiveDate>,
    /// The task this one is a sub-task of (docs/plan-format.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// `due` given as a phrase (年底前, 长期坚持, 适时): what kind it is, and
    /// the notice's wording. `due` holds the date a period phrase ends on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_kind: Option<due::DueKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_text: Option<String>,
    pub rules: Vec<Rule>,
    /// Assignees beyond the lead and the plain supporting ones: under a
    /// role word, or co-leads.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<Assigned>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deliverable: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Rule {
    After {
        event: String,
        #[serde(serialize_with = "display")]
        within: Duration,
        what: Option<String>,
    },
    Quota {
        event: String,
        count: u32,
        by: NaiveDate,
        what: Option<String>,
    },
    /// A recurring duty: one obligation each period, due by a day of it.
    Every {
        every: crate::recurring::Every,
        /// The day within the period, as `Recurrence::by_text` writes it.
        by: String,
        from: NaiveDate,
        until: Option<NaiveDate>,
        event: Option<String>,
        what: Option<String>,
    },
}

fn display<S: serde::Serializer, T: std::fmt::Display>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

fn display_opt<S: serde::Serializer, T: std::fmt::Display>(
    v: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

/// Parses and validates a plan file's bytes. `path` names the file in
/// messages. Every problem found is reported at once.
pub fn parse(path: &str, bytes: &[u8]) -> Result<Plan, PlanErrors> {
    let fail = |message: Msg, expected: Msg| PlanErrors {
        path: path.to_string(),
        source: String::new(),
        problems: vec![Diagnostic {
            span: None,
            message,
            expected: Some(expected),
        }],
        outcome: messages::nothing_loaded(),
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64, MAX_FILE_BYTES));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return Err(fail(
                messages::not_utf8_at(e.valid_up_to()),
                messages::expected_plan_text(),
            ))
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(at) = text.find('\0') {
        return Err(fail(
            messages::nul_byte_at(at),
            messages::expected_plan_text(),
        ));
    }
    let blank = text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if blank {
        return Err(fail(
            if text.trim().is_empty() {
                messages::file_empty()
            } else {
                messages::file_only_comments()
            },
            messages::expected_plan_content(),
        ));
    }
    tables::parse_by_task(text)
        .unwrap_or_else(|| parse_whole(text))
        .map_err(|problems| PlanErrors {
            path: path.to_string(),
            source: text.to_string(),
            problems,
            outcome: messages::nothing_loaded(),
        })
}

/// Parses and validates a plan file's text read as one TOML document.
fn parse_whole(text: &str) -> Result<Plan, Vec<Diagnostic>> {
    let raw: raw::RawFile = toml::from_str(text).map_err(|e| vec![toml_problem(&e)])?;
    validate::validate(raw, text)
}

/// The error for an input file of `len` bytes, over `max`.
pub fn too_large(path: &str, len: u64, max: u64) -> PlanErrors {
    PlanErrors {
        path: path.to_string(),
        source: String::new(),
        problems: vec![Diagnostic {
            span: None,
            message: messages::file_too_large(
                format!("{:.1}", len as f64 / (1024.0 * 1024.0)),
                max / (1024 * 1024),
            ),
            expected: None,
        }],
        outcome: messages::nothing_loaded(),
    }
}

/// A TOML syntax or shape error as a problem of the file, for the other
/// TOML inputs (batch feedback, calendar years).
pub fn toml_problem(e: &toml::de::Error) -> Diagnostic {
    let (message, expected) = split_toml_message(e.message());
    Diagnostic {
        span: e.span(),
        message,
        expected,
    }
}

/// Turns the TOML parser's message into a sentence and what was expected.
fn split_toml_message(message: &str) -> (Msg, Option<Msg>) {
    let message = message.trim().trim_end_matches('.');
    let first = message.lines().next().unwrap_or(message);
    if let Some(rest) = first.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once("`, expected ") {
            let said = TomlSays(expected.to_string());
            return (
                unknown_field(field, expected),
                Some(messages::toml_says(&said)),
            );
        }
    }
    if let Some((what, expected)) = first.split_once(", expected ") {
        let (what, expected) = (TomlSays(what.to_string()), TomlSays(expected.to_string()));
        return (
            messages::toml_says(&what),
            Some(messages::toml_says(&expected)),
        );
    }
    if first == "invalid basic string" || first == "invalid literal string" {
        return (
            messages::bad_string(),
            Some(messages::expected_closing_quote()),
        );
    }
    (messages::invalid_toml(&TomlSays(first.to_string())), None)
}

/// A phrase of the TOML reader (or of serde through it), told in words an
/// office clerk knows: serde's type names in plain English, or in Chinese.
#[derive(Debug, Clone)]
pub struct TomlSays(pub String);

impl Said for TomlSays {
    fn said(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        std::borrow::Cow::Owned(match lang {
            Lang::En => messages::toml_in_english(&self.0),
            Lang::Zh => messages::toml_in_chinese(&self.0),
        })
    }
}

/// "unknown field `x`", with a suggestion when a known field is close.
fn unknown_field(field: &str, expected: &str) -> Msg {
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let close = known.iter().find(|k| {
        let (a, b) = (k.to_lowercase(), field.to_lowercase());
        a == b.trim_end_matches('s')
            || b.starts_with(a.as_str())
            || a.starts_with(b.as_str())
            || edit_distance(&a, &b) <= 2
    });
    match close {
        Some(k) => messages::unknown_field_did_you_mean(field, k),
        None => messages::unknown_field(field),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}
