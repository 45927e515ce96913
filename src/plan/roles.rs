//! Role words (`[[role]]`), tasks assigned by a list whose first unit leads
//! (`[plan] first_is_lead`, a task's `assignees`), units assigned under a
//! role word (a task's `roles`), and a task's deliverable and target
//! (docs/plan-format.md, "Role words, outside assignees, targets and notes").

use serde::Serialize;
use toml::Spanned;

use super::raw::{RawHead, RawPlan, RawTask, Text};
use super::validate::{check_name, required, Names, Of, Problems};
use crate::messages as m;

/// The built-in word of a lead.
pub const LEAD_WORD: &str = "牵头";
/// The built-in word of a supporting assignee.
pub const SUPPORT_WORD: &str = "配合";

/// What an assignee under a role word counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CountsAs {
    /// Shares the lead's duties: items addressed to it, and the task done
    /// only when it reports done too.
    Lead,
    /// Reports as a supporting assignee (配合) does.
    Support,
}

impl CountsAs {
    pub fn id(self) -> &'static str {
        match self {
            CountsAs::Lead => "lead",
            CountsAs::Support => "support",
        }
    }

    fn parse(text: &str) -> Option<CountsAs> {
        [CountsAs::Lead, CountsAs::Support]
            .into_iter()
            .find(|c| c.id() == text)
    }
}

/// A role word declared by the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleWord {
    pub word: String,
    pub counts_as: CountsAs,
}

/// An assignee of a task beyond its lead and its plain supporting units:
/// a unit under a role word, or a co-lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assigned {
    pub counts_as: CountsAs,
    pub name: String,
    pub word: String,
}

/// A task's target: its text as the notice words it, and the figure read
/// from it or given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The number, as decimal text (`6.2`, `15`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_number")]
    pub value: Option<String>,
}

fn as_number<S: serde::Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match v.as_deref().and_then(|v| v.parse::<f64>().ok()) {
        Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => s.serialize_i64(n as i64),
        Some(n) => s.serialize_f64(n),
        None => s.serialize_none(),
    }
}

/// The plan's role words and how `assignees` is read.
pub(super) struct RoleBook {
    words: Vec<RoleWord>,
    first_is_lead: bool,
    /// The word the units of `assignees` after the first are under.
    rest: (String, CountsAs),
}

impl RoleBook {
    /// What `word` counts as: a declared word, or a built-in one.
    fn lookup(&self, word: &str) -> Option<CountsAs> {
        match word {
            LEAD_WORD => Some(CountsAs::Lead),
            SUPPORT_WORD => Some(CountsAs::Support),
            _ => self
                .words
                .iter()
                .find(|w| w.word == word)
                .map(|w| w.counts_as),
        }
    }

    /// Where `word` stands among the words, for the order of a task's
    /// assignees: 牵头, the declared words in order, 配合.
    fn rank(&self, word: &str) -> usize {
        match word {
            LEAD_WORD => 0,
            SUPPORT_WORD => usize::MAX,
            _ => 1 + self.words.iter().position(|w| w.word == word).unwrap_or(0),
        }
    }

    pub(super) fn words(&self) -> Vec<RoleWord> {
        self.words.clone()
    }

    pub(super) fn first_is_lead(&self) -> bool {
        self.first_is_lead
    }

    /// `[plan] rest`, when it is not the built-in 配合.
    pub(super) fn rest(&self) -> Option<String> {
        (self.rest.0 != SUPPORT_WORD).then(|| self.rest.0.clone())
    }
}

/// Checks the `[[role]]` tables and `[plan] first_is_lead` / `rest`.
pub(super) fn role_book(head: &RawHead, p: &mut Problems) -> RoleBook {
    let mut words: Vec<RoleWord> = Vec::new();
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    for r in &head.role {
        let span = r.span();
        let r = r.get_ref();
        let word = required(&r.word, span.clone(), "word", Of::RoleWord, p);
        let counts_as = required(&r.counts_as, span.clone(), "counts_as", Of::RoleWord, p)
            .and_then(|c| {
                CountsAs::parse(c.get_ref()).or_else(|| {
                    p.at(
                        c.span(),
                        m::unknown_counts_as(c.get_ref()),
                        m::expected_counts_as(),
                    );
                    None
                })
            });
        let Some(word) = word else { continue };
        let text = word.get_ref().trim();
        if text != word.get_ref() || text.chars().any(|c| c.is_control() || c.is_whitespace()) {
            p.at(
                word.span(),
                m::role_word_spaced(word.get_ref()),
                m::expected_role_word(),
            );
            continue;
        }
        if text == LEAD_WORD || text == SUPPORT_WORD {
            p.at(
                word.span(),
                m::role_word_built_in(text),
                m::expected_new_role_word(),
            );
            continue;
        }
        if let Some(i) = words.iter().position(|w| w.word == text) {
            let line = p.line(spans[i].start);
            p.at(
                word.span(),
                m::role_word_twice(text, line),
                m::expected_role_words_once(),
            );
            continue;
        }
        // A word with a bad `counts_as` is still declared, so that its
        // uses are not reported as well; the plan is not loaded anyway.
        words.push(RoleWord {
            word: text.to_string(),
            counts_as: counts_as.unwrap_or(CountsAs::Support),
        });
        spans.push(word.span());
    }
    let plan = head.plan.as_ref().map(Spanned::get_ref);
    let first_is_lead = plan
        .and_then(|p| p.first_is_lead.as_ref())
        .is_some_and(|f| *f.get_ref());
    let mut book = RoleBook {
        words,
        first_is_lead,
        rest: (SUPPORT_WORD.to_string(), CountsAs::Support),
    };
    if let Some(RawPlan {
        rest: Some(rest), ..
    }) = plan
    {
        if !first_is_lead {
            p.at(
                p.key_span(&rest.span()),
                m::rest_without_rule(),
                m::expected_first_is_lead(),
            );
        } else if let Some(c) = book.lookup(rest.get_ref()) {
            book.rest = (rest.get_ref().clone(), c);
        } else {
            p.at(
                rest.span(),
                m::unknown_role_word(rest.get_ref()),
                m::expected_role_word_declared(),
            );
        }
    }
    book
}

/// A task's assignees: its lead, its plain supporting units and the others.
pub(super) struct Assignment {
    pub lead: Option<String>,
    pub support: Vec<String>,
    pub others: Vec<Assigned>,
}

/// Resolves an assignee named in a task; each unit is assigned once.
fn take(
    name: &Text,
    what: fn() -> m::Msg,
    of: Of,
    names: &Names,
    assigned: &mut Vec<String>,
    p: &mut Problems,
) -> Option<String> {
    if !check_name(name, p) {
        return None;
    }
    let (_, canonical) = names.resolve(name, p, what)?;
    if assigned.contains(&canonical) {
        p.at(
            name.span(),
            m::assigned_twice(name.get_ref(), of),
            m::expected_assignees_once(),
        );
        return None;
    }
    assigned.push(canonical.clone());
    Some(canonical)
}

/// What a sub-task takes from its parent when it names neither a lead nor
/// supporters (docs/plan-format.md, "Sub-tasks").
pub(super) struct Inherited<'a> {
    /// The task names a parent (which may itself have failed its checks:
    /// then nothing more is said of what it would inherit).
    pub named: bool,
    pub lead: Option<&'a str>,
    pub support: &'a [String],
}

/// Reads a task's `lead`, `support`, `assignees` and `roles`; each unit is
/// assigned once. A sub-task without a lead (and without `assignees`) has
/// its parent's lead, and without `support` its parent's supporters; units
/// under role words are not inherited.
pub(super) fn assign(
    t: &RawTask,
    span: std::ops::Range<usize>,
    of: Of,
    names: &Names,
    book: &RoleBook,
    inherited: &Inherited,
    p: &mut Problems,
) -> Assignment {
    let mut assigned: Vec<String> = Vec::new();
    let mut out = Assignment {
        lead: None,
        support: Vec::new(),
        others: Vec::new(),
    };
    let mut rest: Vec<&Text> = Vec::new();
    match (t.assignees.first(), &t.lead) {
        (Some(_), Some(lead)) => {
            let at = p.key_span(&lead.span());
            p.at(
                at,
                m::lead_and_assignees(of),
                m::expected_lead_or_assignees(),
            );
        }
        (Some(first), None) if !book.first_is_lead => {
            p.at(
                first.span(),
                m::assignees_without_rule(of),
                m::expected_first_is_lead(),
            );
        }
        (Some(first), None) => {
            out.lead = take(first, m::the_lead, of, names, &mut assigned, p);
            rest = t.assignees.iter().skip(1).collect();
        }
        (None, None) if inherited.named => {
            out.lead = inherited.lead.map(str::to_string);
            assigned.extend(out.lead.clone());
        }
        (None, None) if book.first_is_lead => {
            p.at(
                span,
                m::field_missing(of, "lead"),
                m::expected_lead_or_assignees(),
            );
        }
        (None, _) => {
            out.lead = required(&t.lead, span, "lead", of, p)
                .and_then(|l| names.resolve(l, p, m::the_lead))
                .map(|(_, canonical)| canonical);
            assigned.extend(out.lead.clone());
        }
    }
    match &t.support {
        None if inherited.named => {
            for s in inherited.support {
                if !assigned.contains(s) {
                    assigned.push(s.clone());
                    out.support.push(s.clone());
                }
            }
        }
        None => {}
        Some(support) => {
            for s in support {
                if let Some(name) = take(s, m::the_supporting_assignee, of, names, &mut assigned, p)
                {
                    out.support.push(name);
                }
            }
        }
    }
    let (rest_word, rest_counts) = &book.rest;
    for r in rest {
        if let Some(name) = take(r, m::the_assignee, of, names, &mut assigned, p) {
            if rest_word == SUPPORT_WORD {
                out.support.push(name);
            } else {
                out.others.push(Assigned {
                    counts_as: *rest_counts,
                    name,
                    word: rest_word.clone(),
                });
            }
        }
    }
    if let Some(roles) = &t.roles {
        let mut by_word: Vec<(&Text, CountsAs, &Vec<Text>)> = Vec::new();
        for (word, units) in roles.get_ref() {
            match book.lookup(word.get_ref()) {
                Some(c) => by_word.push((word, c, units)),
                None => p.at(
                    word.span(),
                    m::unknown_role_word(word.get_ref()),
                    m::expected_role_word_declared(),
                ),
            }
        }
        by_word.sort_by_key(|(w, _, _)| book.rank(w.get_ref()));
        for (word, counts_as, units) in by_word {
            if units.is_empty() {
                p.at(
                    word.span(),
                    m::role_word_no_units(word.get_ref()),
                    m::expected_role_units(),
                );
            }
            for u in units {
                let Some(name) = take(u, m::the_assignee, of, names, &mut assigned, p) else {
                    continue;
                };
                if word.get_ref() == SUPPORT_WORD {
                    out.support.push(name);
                } else {
                    out.others.push(Assigned {
                        counts_as,
                        name,
                        word: word.get_ref().clone(),
                    });
                }
            }
        }
    }
    out
}

/// A task's target: `"不少于15%"`, or `{ text = "...", value = 15, unit = "%" }`.
pub(super) fn target(value: &Option<Spanned<toml::Value>>, p: &mut Problems) -> Option<Target> {
    let value = value.as_ref()?;
    let span = value.span();
    match value.get_ref() {
        toml::Value::String(text) if text.trim().is_empty() => {
            p.at(span, m::field_empty("target"), m::expected_target());
            None
        }
        toml::Value::String(text) => {
            let (value, unit) = read_figure(text.trim()).unzip();
            Some(Target {
                text: text.trim().to_string(),
                value,
                unit: unit.flatten(),
            })
        }
        toml::Value::Table(table) => {
            let mut ok = true;
            for key in table.keys() {
                if !["text", "value", "unit"].contains(&key.as_str()) {
                    p.at(
                        span.clone(),
                        m::target_unknown_key(key),
                        m::expected_target(),
                    );
                    ok = false;
                }
            }
            let text = match table.get("text") {
                Some(toml::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Some(toml::Value::String(_)) | None => {
                    p.at(span.clone(), m::target_without_text(), m::expected_target());
                    None
                }
                Some(other) => {
                    p.at(
                        span.clone(),
                        m::target_text_not_text(m::toml_kind(other.type_str())),
                        m::expected_target(),
                    );
                    None
                }
            };
            let number = match table.get("value") {
                None => None,
                Some(toml::Value::Integer(n)) => Some(n.to_string()),
                Some(toml::Value::Float(f)) if f.is_finite() => Some(f.to_string()),
                Some(other) => {
                    p.at(
                        span.clone(),
                        m::target_value_not_number(other.to_string()),
                        m::expected_target_value(),
                    );
                    ok = false;
                    None
                }
            };
            let unit = match table.get("unit") {
                None => None,
                Some(toml::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Some(other) => {
                    p.at(
                        span.clone(),
                        m::target_unit_bad(other.to_string()),
                        m::expected_target_unit(),
                    );
                    ok = false;
                    None
                }
            };
            if unit.is_some() && number.is_none() && table.get("value").is_none() {
                p.at(
                    span.clone(),
                    m::target_unit_without_value(),
                    m::expected_target_value(),
                );
                ok = false;
            }
            let text = text?;
            if !ok {
                return None;
            }
            // A figure not given is read from the text.
            let (value, unit) = match number {
                Some(v) => (Some(v), unit),
                None => {
                    let (v, u) = read_figure(&text).unzip();
                    (v, u.flatten())
                }
            };
            Some(Target { text, value, unit })
        }
        other => {
            p.at(
                span,
                m::target_of_wrong_kind(m::toml_kind(other.type_str())),
                m::expected_target(),
            );
            None
        }
    }
}

/// Words after a figure that qualify it rather than name its unit.
const QUALIFIERS: [&str; 10] = [
    "左右",
    "以上",
    "以下",
    "以内",
    "及以上",
    "及以下",
    "上下",
    "内",
    "）",
    ")",
];

/// The first number of `text` that is a figure, and the unit right after
/// it: "增长6.2%左右" → 6.2, "%"; "不少于15个" → 15, "个"; "新建5G基站60万个"
/// → 60, "万个" (a number run into Latin letters, as in 5G, names a thing).
pub fn read_figure(text: &str) -> Option<(String, Option<String>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut from = 0;
    let (start, end) = loop {
        let start = from + chars[from..].iter().position(char::is_ascii_digit)?;
        let mut end = start;
        while end < chars.len()
            && (chars[end].is_ascii_digit()
                || (chars[end] == '.' && chars.get(end + 1).is_some_and(char::is_ascii_digit)))
        {
            end += 1;
        }
        let named = chars.get(end).is_some_and(char::is_ascii_alphabetic)
            || (start > 0 && chars[start - 1].is_ascii_alphabetic());
        if !named {
            break (start, end);
        }
        from = end;
    };
    let number: String = chars[start..end].iter().collect();
    let number = number.trim_start_matches('0');
    let number = if number.is_empty() || number.starts_with('.') {
        format!("0{number}")
    } else {
        number.to_string()
    };
    let after: String = chars[end..].iter().collect();
    let unit = if after.starts_with(['%', '％']) {
        Some("%".to_string())
    } else if after.starts_with('‰') {
        Some("‰".to_string())
    } else {
        let mut unit = String::new();
        for c in after.chars() {
            let rest = &after[unit.len()..];
            if QUALIFIERS.iter().any(|q| rest.starts_with(q))
                || !(c.is_alphabetic())
                || unit.chars().count() >= 4
            {
                break;
            }
            unit.push(c);
        }
        (!unit.is_empty()).then_some(unit)
    };
    Some((number, unit))
}

/// A task's deliverable: free text, not blank when given.
pub(super) fn deliverable(value: &Option<Text>, p: &mut Problems) -> Option<String> {
    let v = value.as_ref()?;
    if v.get_ref().trim().is_empty() {
        p.at(
            v.span(),
            m::field_empty("deliverable"),
            m::expected_some_text(),
        );
        return None;
    }
    Some(v.get_ref().trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(text: &str) -> Option<(String, Option<String>)> {
        read_figure(text)
    }

    #[test]
    fn a_figure_is_read_with_its_unit_and_without_its_qualifier() {
        let f = |v: &str, u: Option<&str>| Some((v.to_string(), u.map(str::to_string)));
        assert_eq!(figure("增长6.2%左右"), f("6.2", Some("%")));
        assert_eq!(figure("不少于15％"), f("15", Some("%")));
        assert_eq!(figure("新增100万人以上"), f("100", Some("万人")));
        assert_eq!(figure("控制在3.0以内"), f("3.0", None));
        assert_eq!(figure("2项"), f("2", Some("项")));
        assert_eq!(figure("全面完成"), None);
        assert_eq!(figure("第1.季度"), f("1", None));
        assert_eq!(figure("新建5G基站不少于60万个"), f("60", Some("万个")));
        assert_eq!(figure("建成5G网络"), None);
    }
}
