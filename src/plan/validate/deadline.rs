//! Checks of deadline phrases (`due` as 年底前, 长期坚持, 适时), the plan's
//! `year`, and `every` rules (recurring duties).

use chrono::{Datelike, NaiveDate};
use toml::Spanned;

use super::{date, optional_text, required, Of, Problems};
use crate::messages as m;
use crate::plan::due::{self, DueKind, Reading, Refusal};
use crate::plan::raw::RawRule;
use crate::plan::Rule;
use crate::recurring::{Every, Recurrence};

/// Earliest and latest year a plan may give.
const YEARS: std::ops::RangeInclusive<i64> = 1949..=2200;

/// A `due` as read: the date (given, or where a period phrase ends), and
/// for a phrase its kind and wording.
#[derive(Default)]
pub(super) struct DueValue {
    pub date: Option<NaiveDate>,
    pub kind: Option<DueKind>,
    pub text: Option<String>,
}

/// The plan's `year`, else the year it was issued.
pub(super) fn plan_year(
    value: &Option<Spanned<i64>>,
    issued: Option<NaiveDate>,
    p: &mut Problems,
) -> (Option<i32>, Option<i32>) {
    let written = value
        .as_ref()
        .and_then(|y| i32::try_from(*y.get_ref()).ok());
    let given = match value {
        Some(y) if YEARS.contains(y.get_ref()) => written,
        Some(y) => {
            p.at(
                y.span(),
                m::plan_year_out_of_range(*y.get_ref()),
                m::expected_plan_year_range(),
            );
            None
        }
        None => None,
    };
    // A year out of range is reported once: phrases are still read with it.
    (given, written.or(issued.map(|d| d.year())))
}

/// Whether a quoted `due` is meant as a date (digits and separators) rather
/// than a phrase: such text keeps the date's own messages.
fn written_as_date(text: &str) -> bool {
    !text.trim().is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || "-/.: T".contains(c))
}

/// `due` of the plan or of a task: a date, or a deadline phrase read with
/// the plan's `year`.
pub(super) fn due_value(
    value: &Option<Spanned<toml::Value>>,
    field: &str,
    year: Option<i32>,
    p: &mut Problems,
) -> DueValue {
    let Some(v) = value else {
        return DueValue::default();
    };
    let text = match v.get_ref() {
        toml::Value::String(s) if !written_as_date(s) => s.trim(),
        _ => {
            return DueValue {
                date: date(value, field, p),
                ..DueValue::default()
            }
        }
    };
    let (kind, date) = match due::read(text, year) {
        Ok(Reading::Ongoing) => (DueKind::Ongoing, None),
        Ok(Reading::Unstated) => (DueKind::Unstated, None),
        Ok(Reading::Date(d)) => (DueKind::Period, Some(d)),
        Err(refusal) => {
            let (message, expected) = match refusal {
                Refusal::NeedsYear => (
                    m::due_phrase_needs_year(field, text),
                    m::expected_plan_year(),
                ),
                Refusal::NotReal => (m::due_phrase_not_real(field, text), m::expected_due()),
                Refusal::Unknown => (m::due_phrase_unknown(field, text), m::expected_due()),
            };
            p.at(v.span(), message, expected);
            return DueValue::default();
        }
    };
    DueValue {
        date,
        kind: Some(kind),
        text: Some(text.to_string()),
    }
}

/// The fields of an `after` or `quota` rule that belong to `every` rules
/// alone, refused there.
pub(super) fn every_fields(r: &RawRule) -> [(Option<std::ops::Range<usize>>, &'static str); 3] {
    [
        (r.every.as_ref().map(Spanned::span), "every"),
        (r.from.as_ref().map(Spanned::span), "from"),
        (r.until.as_ref().map(Spanned::span), "until"),
    ]
}

/// An `every` rule: a recurring duty.
pub(super) fn every_rule(
    rule: &Spanned<RawRule>,
    of: Of,
    issued: Option<NaiveDate>,
    p: &mut Problems,
) -> Option<Rule> {
    let span = rule.span();
    let r = rule.get_ref();
    for (present, field) in [
        (r.within.as_ref().map(Spanned::span), "within"),
        (r.count.as_ref().map(Spanned::span), "count"),
    ] {
        if let Some(s) = present {
            let s = p.key_span(&s);
            p.at(s, m::not_in_every_rule(field), m::expected_every_fields());
        }
    }
    let every = required(&r.every, span.clone(), "every", of, p)?;
    let text = every.get_ref().trim();
    let recurrence = if let Some(period) = Every::parse(text) {
        match &r.by {
            None => Some(Recurrence::new(
                period,
                if period == Every::Year { 12 } else { 0 },
                None,
            )),
            Some(by) => {
                let given = match by.get_ref() {
                    toml::Value::String(s) => s.trim().to_string(),
                    toml::Value::Integer(n) => format!("{n:02}"),
                    other => other.to_string(),
                };
                let read = match by.get_ref() {
                    toml::Value::String(_) | toml::Value::Integer(_) => {
                        due::read_by(period, &given)
                    }
                    _ => None,
                };
                if read.is_none() {
                    let (message, expected) = match period {
                        Every::Year => (m::bad_yearly_by(&given), m::expected_yearly_by()),
                        _ => (m::bad_day_by(&given), m::expected_day_by()),
                    };
                    p.at(by.span(), message, expected);
                }
                read
            }
        }
    } else {
        match due::read_every(text) {
            Ok(rec) => {
                if let Some(by) = &r.by {
                    let s = p.key_span(&by.span());
                    p.at(s, m::by_beside_every_phrase(), m::expected_by_or_phrase());
                    None
                } else {
                    Some(rec)
                }
            }
            Err(_) => {
                p.at(every.span(), m::unknown_every(text), m::expected_every());
                None
            }
        }
    };
    let from = match &r.from {
        Some(_) => date(&r.from, "from", p),
        None if issued.is_some() => issued,
        None => {
            let task = match of {
                Of::Rule(task) => Of::Task(task),
                other => other,
            };
            p.at(
                span.clone(),
                m::every_rule_without_start(task),
                m::expected_from(),
            );
            None
        }
    };
    let until = date(&r.until, "until", p);
    if let (Some(from), Some(until), Some(v)) = (from, until, &r.until) {
        if until < from {
            p.at(
                v.span(),
                m::until_before_from(until, from),
                m::expected_until_after_from(),
            );
        }
    }
    let event = match &r.event {
        Some(e) if e.get_ref().trim().is_empty() => {
            p.at(e.span(), m::field_empty("event"), m::expected_some_text());
            None
        }
        _ => optional_text(&r.event),
    };
    Some(Rule::Every {
        every: recurrence?.every,
        by: recurrence?.by_text(),
        from: from?,
        until,
        event,
        what: optional_text(&r.what),
    })
}
