//! `tasks calendar add|show|load`

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use toml::Spanned;

use crate::app::Ctx;
use crate::calendar::{Calendar, Listed, Year};
use crate::cli::CalendarCommand;
use crate::duration::{Duration, Unit};
use crate::error::UserError;
use crate::messages::{self as m, Msg};
use crate::plan::{Diagnostic, PlanErrors};
use crate::render::escape_control;
use crate::store::{Access, Store};
use crate::time::{format_time, parse_at};

pub fn run(command: &CalendarCommand, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    match command {
        CalendarCommand::Add { date, duration } => add(date, *duration, ctx, out),
        CalendarCommand::Show { month } => show(month, ctx, out),
        CalendarCommand::Load { file } => load(file, ctx, out),
    }
}

/// The calendar with the years loaded into the database, if there is one.
fn calendar(ctx: &Ctx) -> anyhow::Result<Calendar> {
    if ctx.db.exists() {
        let store = Store::open(&ctx.db, Access::Existing)?;
        crate::view::calendar(Some(&store))
    } else {
        crate::view::calendar(None)
    }
}

fn add(date: &str, duration: Duration, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let start = parse_at(date).map_err(|e| UserError::usage(m::date_argument_refused(e)))?;
    let cal = calendar(ctx)?;
    let deadline = cal
        .deadline(start, duration)
        .ok_or_else(|| UserError::usage(m::beyond_calendar(duration, date)))?;
    super::warn_missing_years_in(&cal, ctx.lang);
    if duration.unit == Unit::Hours {
        writeln!(out, "{}", &format_time(deadline)[..16])?;
    } else {
        writeln!(out, "{}", deadline.date())?;
    }
    Ok(())
}

fn show(month: &str, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    // A year of four digits, 0001 to 9999, and a month (no sign, no year 0).
    let first = match crate::time::spelled(&format!("{}-01", month.trim())) {
        Ok((first, None)) if month.trim().len() <= 7 => first,
        _ => return Err(UserError::usage(m::not_a_month(month)).into()),
    };
    let cal = calendar(ctx)?;
    let lang = ctx.lang;
    let days_in_month = (28..=31)
        .rev()
        .find(|&d| first.with_day(d).is_some())
        .unwrap_or(28);
    // Cells are five columns wide: a day number and a two-column mark.
    let two_columns = |mark: Msg| {
        let mark = mark.text(lang);
        let width = unicode_width::UnicodeWidthStr::width(mark);
        format!("{}{mark}", " ".repeat(2usize.saturating_sub(width)))
    };
    let (off_mark, work_mark) = (two_columns(m::mark_off()), two_columns(m::mark_work()));
    let title = m::month_title(m::MonthOf(first), first.year());
    let title = title.text(lang);
    let width: usize = 7 * 5 + 6;
    let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(title)) / 2;
    writeln!(out, "{}{title}", " ".repeat(pad))?;
    let header: Vec<String> = m::weekdays()
        .text(lang)
        .split(' ')
        .map(|d| format!("   {d}"))
        .collect();
    writeln!(out, "{}", header.join(" "))?;
    let mut cells: Vec<String> =
        vec!["     ".to_string(); first.weekday().num_days_from_monday() as usize];
    let mut notes: Vec<(NaiveDate, &Listed)> = Vec::new();
    for day in 1..=days_in_month {
        let Some(date) = first.with_day(day) else {
            continue;
        };
        let working = cal.is_working_day(date);
        let listed = cal.listed(date);
        if let Some(l) = listed {
            notes.push((date, l));
        }
        let mark = match listed {
            Some(l) if l.off => off_mark.as_str(),
            Some(_) if working => work_mark.as_str(),
            _ => "  ",
        };
        cells.push(format!("{day:>3}{mark}"));
    }
    for week in cells.chunks(7) {
        writeln!(out, "{}", week.join(" ").trim_end())?;
    }
    if !notes.is_empty() {
        writeln!(out)?;
        // Grouped by holiday and kind, in the order of their first day.
        let mut by_name: Vec<((bool, &str), Vec<u32>)> = Vec::new();
        for (date, l) in &notes {
            let key = (l.off, l.name.as_str());
            match by_name.iter_mut().find(|(k, _)| *k == key) {
                Some((_, days)) => days.push(date.day()),
                None => by_name.push((key, vec![date.day()])),
            }
        }
        for ((off, name), days) in by_name {
            let days: Vec<String> = days.iter().map(u32::to_string).collect();
            let (kind, mark) = match off {
                true => (m::days_off(), off_mark.trim()),
                false => (m::days_worked(), work_mark.trim()),
            };
            let name = if name.is_empty() {
                String::new()
            } else {
                format!("{} ", escape_control(name))
            };
            let note = m::calendar_days(mark, name, kind, Msg::list(&days));
            writeln!(out, "{}", note.text(lang))?;
        }
    }
    super::warn_missing_years_in(&cal, lang);
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    #[serde(default)]
    year: Vec<Spanned<YearEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearEntry {
    year: Spanned<i64>,
    #[serde(default)]
    off: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    work: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    holiday: Vec<Spanned<HolidayEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayEntry {
    name: Spanned<String>,
    #[serde(default)]
    off: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    work: Vec<Spanned<toml::Value>>,
}

fn problem(span: std::ops::Range<usize>, message: Msg, expected: Msg) -> Diagnostic {
    Diagnostic {
        span: Some(span),
        message,
        expected: Some(expected),
    }
}

/// Reads and checks a calendar file: every date real and in its notice's
/// year (or the December before), make-up working days on weekends, no day
/// both off and worked.
pub fn parse_calendar(text: &str) -> Result<BTreeMap<i32, Year>, Vec<Diagnostic>> {
    let file: CalendarFile =
        toml::from_str(text).map_err(|e| vec![crate::plan::toml_problem(&e)])?;
    let mut problems = Vec::new();
    let mut years = BTreeMap::new();
    if file.year.is_empty() {
        problems.push(Diagnostic {
            span: None,
            message: m::no_year_tables(),
            expected: Some(m::expected_year_table_each()),
        });
    }
    for entry in &file.year {
        let e = entry.get_ref();
        let Ok(year) = i32::try_from(*e.year.get_ref())
            .map_err(|_| ())
            .and_then(|y| {
                if (1949..=9998).contains(&y) {
                    Ok(y)
                } else {
                    Err(())
                }
            })
        else {
            problems.push(problem(
                e.year.span(),
                m::not_a_year(*e.year.get_ref()),
                m::expected_year(),
            ));
            continue;
        };
        if years.contains_key(&year) {
            problems.push(problem(
                e.year.span(),
                m::year_twice(year),
                m::expected_year_table_each(),
            ));
            continue;
        }
        let mut days: BTreeMap<NaiveDate, Listed> = BTreeMap::new();
        let groups = std::iter::once(("", &e.off, &e.work)).chain(e.holiday.iter().map(|h| {
            (
                h.get_ref().name.get_ref().as_str(),
                &h.get_ref().off,
                &h.get_ref().work,
            )
        }));
        for (name, off, work) in groups {
            for (list, is_off) in [(off, true), (work, false)] {
                for value in list {
                    let date = match value.get_ref() {
                        toml::Value::Datetime(dt) if dt.time.is_none() => dt.date.and_then(|d| {
                            NaiveDate::from_ymd_opt(
                                i32::from(d.year),
                                u32::from(d.month),
                                u32::from(d.day),
                            )
                        }),
                        toml::Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                        _ => None,
                    };
                    let Some(date) = date else {
                        problems.push(problem(
                            value.span(),
                            m::calendar_not_a_date(),
                            m::expected_calendar_date(),
                        ));
                        continue;
                    };
                    let in_year =
                        date.year() == year || (date.year() == year - 1 && date.month() == 12);
                    if !in_year {
                        problems.push(problem(
                            value.span(),
                            m::date_not_in_year(date, year),
                            m::expected_dates_of_year(),
                        ));
                        continue;
                    }
                    let weekend = date.weekday().num_days_from_monday() >= 5;
                    if !is_off && !weekend {
                        problems.push(problem(
                            value.span(),
                            m::already_working_day(date, m::WeekdayOf(date)),
                            m::expected_make_up_days(),
                        ));
                        continue;
                    }
                    if let Some(before) = days.get(&date) {
                        if before.off != is_off {
                            problems.push(problem(
                                value.span(),
                                m::day_off_and_worked(date),
                                m::expected_each_day_once(),
                            ));
                            continue;
                        }
                    }
                    days.insert(
                        date,
                        Listed {
                            off: is_off,
                            name: name.to_string(),
                        },
                    );
                }
            }
        }
        years.insert(year, Year { days });
    }
    if problems.is_empty() {
        Ok(years)
    } else {
        Err(problems)
    }
}

fn load(file: &Path, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let shown = file.display().to_string();
    let bytes = super::load::read_input_file(file, &shown, 1024 * 1024, m::the_calendar_file)?;
    let fail = |problems: Vec<Diagnostic>, source: String| -> anyhow::Error {
        UserError::Plan(PlanErrors {
            path: shown.clone(),
            source,
            problems,
            outcome: m::nothing_loaded(),
        })
        .into()
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        fail(
            vec![Diagnostic {
                span: None,
                message: m::not_utf8(),
                expected: Some(m::expected_toml_utf8()),
            }],
            String::new(),
        )
    })?;
    let years = parse_calendar(&text).map_err(|p| fail(p, text.clone()))?;
    ctx.check_writable_now()?;
    let mut store = super::open_or_create(ctx)?;
    let embedded: Vec<i32> = Calendar::embedded().years().collect();
    let stored = store.calendar_years()?;
    let before: Vec<i32> = stored.keys().copied().collect();
    let changed: BTreeMap<i32, Year> = years
        .iter()
        .filter(|(y, days)| stored.get(y) != Some(days))
        .map(|(y, d)| (*y, d.clone()))
        .collect();
    if let Err(e) = store.save_calendar_years(&changed, &shown, ctx.clock) {
        // A database made for this load and left empty is removed again.
        store.discard();
        return Err(e);
    }
    for (year, days) in &years {
        if !changed.contains_key(year) {
            writeln!(out, "{}", m::calendar_unchanged(*year).text(ctx.lang))?;
            continue;
        }
        let off = days.days.values().filter(|l| l.off).count();
        let work = days.days.len() - off;
        let (off, work) = (m::rest_days(off), m::make_up_days(work));
        let line = if before.contains(year) || embedded.contains(year) {
            m::calendar_replaced(*year, off, work)
        } else {
            m::calendar_loaded(*year, off, work)
        };
        writeln!(out, "{}", line.text(ctx.lang))?;
    }
    Ok(())
}
