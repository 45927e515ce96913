//! `tasks remind`: reminders (催办通知) from a plan's office to the divisions
//! that owe work, one per division and plan: on standard output, or one
//! file per division; recorded with `--record`.
//!
//! Who is reminded: for a task overdue or due soon (or an obligation or a
//! quota of it), its lead and its supporting divisions; for a missing
//! return, the assignee whose return is missing. A group is reminded
//! through its members, one reminder each. The plan's office is never
//! reminded: it sends the reminders, and its own items are left out with a
//! note on standard error (`tasks check` lists them). A group without
//! members cannot be reminded: that is a problem of the plan, said on
//! standard error with the group, the plan and the tasks left out.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::app::Ctx;
use crate::cli::{RemindArgs, RemindFormat};
use crate::deadlines::{next_feedback_day, sort_items, Item, ItemKind};
use crate::error::UserError;
use crate::messages::{self, Msg};
use crate::render::escape_control;
use crate::render::notice::{to_docx, Notice, NoticeItem, NoticeTask};
use crate::render::output::{plain_reason, write_files, write_to, Kind};
use crate::rollup::Role;
use crate::store::{DivisionRow, NewReminder, PlanRow, RemindedTask, Store};
use crate::time::{format_time, parse_stored_time};

use super::form::FileNames;

pub fn run(args: &RemindArgs, store: &Store, ctx: &Ctx, out: &mut dyn Write) -> anyhow::Result<()> {
    let lang = ctx.lang;
    let refuse = |msg: Msg| -> anyhow::Error { UserError::usage(msg).into() };
    // What cannot be done is refused before anything is read.
    if args.record && args.dry_run {
        return Err(refuse(messages::remind_record_dry_run()));
    }
    if args.record && ctx.as_of_given {
        return Err(refuse(messages::remind_record_as_of()));
    }
    if args.record {
        ctx.check_writable_now()?;
    }
    if let Some(dir) = &args.output_dir {
        check_folder(dir)?;
    }
    let date = ctx.now.date();
    if let Some(reply_by) = args.reply_by.filter(|d| *d < date) {
        return Err(refuse(messages::remind_reply_before_date(reply_by, date)));
    }
    let mut notices = gather(store, args, ctx)?;
    if notices.is_empty() {
        writeln!(out, "{}", messages::remind_nothing().text(lang))?;
        return Ok(());
    }
    match &args.output_dir {
        None => {
            if args.dry_run {
                note(lang, &messages::remind_dry_run_stdout());
            }
            let kind = match args.format {
                RemindFormat::Docx => Kind::Binary,
                _ => Kind::Text { bom: false },
            };
            let mut send = |notices: &[Notice]| -> anyhow::Result<()> {
                let bytes = render(notices, args.format)?;
                write_to(None, kind, out, |w| Ok(w.write_all(&bytes)?))
            };
            if args.record {
                store.write(|store| {
                    record(store, &mut notices, &[], ctx)?;
                    send(&notices)
                })?;
                for n in &notices {
                    let number = n.number.unwrap_or_default();
                    let tasks = messages::tasks_count(n.tasks.len());
                    let msg = messages::remind_recorded(number, &n.division, tasks);
                    crate::stderr_line!("{}", escape_control(msg.text(lang)));
                }
            } else {
                send(&notices)?;
            }
        }
        Some(dir) => {
            let paths = file_paths(dir, &notices, args.format)?;
            if args.dry_run {
                for (n, path) in notices.iter().zip(&paths) {
                    let tasks = messages::tasks_count(n.tasks.len());
                    let shown = path.display().to_string();
                    let msg = messages::remind_would_write(&shown, &n.division, tasks);
                    writeln!(out, "{}", escape_control(msg.text(lang)))?;
                }
                return Ok(());
            }
            let write = |notices: &[Notice]| -> anyhow::Result<()> {
                let files = notices
                    .iter()
                    .zip(&paths)
                    .map(|(n, path)| {
                        Ok((path.clone(), render(std::slice::from_ref(n), args.format)?))
                    })
                    .collect::<anyhow::Result<Vec<_>>>()?;
                let created = make_folder(dir)?;
                if let Err(e) = write_files(&files) {
                    if created {
                        let _ = std::fs::remove_dir(dir);
                    }
                    return Err(e);
                }
                Ok(())
            };
            if args.record {
                store.write(|store| {
                    record(store, &mut notices, &paths, ctx)?;
                    write(&notices)
                })?;
            } else {
                write(&notices)?;
            }
            for (n, path) in notices.iter().zip(&paths) {
                let tasks = messages::tasks_count(n.tasks.len());
                let recorded = match n.number {
                    Some(number) => messages::remind_recorded_as(number),
                    None => Msg::same(""),
                };
                let shown = path.display().to_string();
                let msg = messages::remind_wrote(&shown, &n.division, tasks, recorded);
                writeln!(out, "{}", escape_control(msg.text(lang)))?;
            }
        }
    }
    Ok(())
}

/// The reminders to send, in the order of the plans and of their
/// divisions. Says on standard error what is left out: the office's own
/// items, and the items of groups without members (when every division is
/// reminded; not with `--division`).
fn gather(store: &Store, args: &RemindArgs, ctx: &Ctx) -> anyhow::Result<Vec<Notice>> {
    let lang = ctx.lang;
    let all_plans = store.plans()?;
    if let Some(plan) = &args.plan {
        store.check_plan(plan)?;
    } else if all_plans.is_empty() {
        return Err(UserError::usage(messages::no_plans_to_check(store.path())).into());
    }
    let with_plan = all_plans.len() > 1;
    let plans: Vec<&PlanRow> = all_plans
        .iter()
        .filter(|p| args.plan.as_ref().is_none_or(|id| *id == p.id))
        .collect();
    let mut units_of: HashMap<&str, Vec<DivisionRow>> = HashMap::new();
    for p in &plans {
        units_of.insert(&p.id, store.units(Some(&p.id))?);
    }
    let wanted = match &args.division {
        None => None,
        Some(name) => Some(wanted(name, &plans, &units_of)?),
    };
    let cal = crate::view::calendar(Some(store))?;
    let mut notices = Vec::new();
    for plan in &plans {
        let units = &units_of[plan.id.as_str()];
        let views = crate::view::attention(store, &plan.id, &cal, ctx.now, args.within)?;
        // Each task's lead and supporting assignees, and every item in the
        // order of `check`.
        type Assignees = (String, Vec<String>, String, Vec<crate::store::Named>);
        let mut assignees: HashMap<String, Assignees> = HashMap::new();
        let mut items: Vec<Item> = Vec::new();
        for v in views {
            assignees.insert(
                v.row.id.clone(),
                (
                    v.row.lead.clone(),
                    v.row.support.clone(),
                    v.row.title.clone(),
                    v.row.roles.clone(),
                ),
            );
            items.extend(v.deadlines.items);
        }
        sort_items(&mut items);
        let mut addressing = Addressing::new(&plan.office, units);
        for item in &items {
            let Some((lead, support, _, roles)) = assignees.get(&item.task) else {
                continue;
            };
            // A unit under a role word is reminded with its word, and as a
            // lead when the word counts as one.
            let named = |name: &str| roles.iter().find(|r| r.name == name);
            let role_of = |name: &str| {
                let lead_like =
                    named(name).is_some_and(|r| r.counts_as == crate::plan::CountsAs::Lead);
                if name == lead || lead_like {
                    Role::Lead
                } else {
                    Role::Support
                }
            };
            let word_of = |name: &str| {
                named(name)
                    .filter(|r| r.word != crate::plan::LEAD_WORD)
                    .map(|r| r.word.as_str())
            };
            if item.kind == ItemKind::MissingFeedback {
                let d = item.division.as_str();
                addressing.address(item, d, role_of(d), word_of(d));
            } else {
                // Task-level items come once for the lead and once for each
                // lead-like unit (`crate::view`), each to its division.
                let d = item.division.as_str();
                addressing.address(item, d, Role::Lead, word_of(d));
                for s in support {
                    addressing.address(item, s, Role::Support, None);
                }
                for r in roles
                    .iter()
                    .filter(|r| r.counts_as == crate::plan::CountsAs::Support)
                {
                    addressing.address(item, &r.name, Role::Support, Some(&r.word));
                }
            }
        }
        if wanted.is_none() {
            addressing.say_left_out(&plan.id, lang);
        }
        // Replies are asked for by the date given, else by the plan's next
        // feedback day.
        let terms = store.plan_terms(&plan.id)?;
        let reply_by = args
            .reply_by
            .or_else(|| next_feedback_day(&terms.feedback, terms.feedback_day, ctx.now));
        for (division, tasks) in addressing.into_notices() {
            if wanted
                .as_ref()
                .is_some_and(|w| !w.contains(&(plan.id.clone(), division.clone())))
            {
                continue;
            }
            let tasks: Vec<NoticeTask> = tasks
                .into_iter()
                .map(|t| NoticeTask {
                    label: if with_plan {
                        format!("{}:{}", plan.id, t.id)
                    } else {
                        t.id.clone()
                    },
                    title: assignees
                        .get(&t.id)
                        .map(|a| a.2.clone())
                        .unwrap_or_default(),
                    ..t
                })
                .collect();
            // A reminder of missing returns alone asks for them at once,
            // not by the next feedback day (unless told a date).
            let returns_only = tasks
                .iter()
                .flat_map(|t| &t.items)
                .all(|i| i.kind == ItemKind::MissingFeedback);
            let reply_by = if returns_only {
                args.reply_by
            } else {
                reply_by
            };
            notices.push(Notice {
                lang,
                plan_id: plan.id.clone(),
                plan_title: plan.title.clone(),
                doc_no: plan.doc_no.clone(),
                issuer: plan.issuer.clone(),
                office: plan.office.clone(),
                division,
                date: ctx.now.date(),
                reply_by,
                number: None,
                tasks,
            });
        }
    }
    super::warn_missing_years_in(&cal, ctx.lang);
    Ok(notices)
}

/// The divisions `--division NAME` stands for, by plan: the division
/// itself, or the members of a group. Naming the office, or a group
/// without members, is refused: no reminder can go to either.
fn wanted(
    name: &str,
    plans: &[&PlanRow],
    units_of: &HashMap<&str, Vec<DivisionRow>>,
) -> anyhow::Result<HashSet<(String, String)>> {
    let mut found = false;
    let mut wanted = HashSet::new();
    for plan in plans {
        let units = &units_of[plan.id.as_str()];
        for u in units
            .iter()
            .filter(|u| u.name == name || u.aliases.iter().any(|a| a == name))
        {
            found = true;
            if u.name == plan.office {
                return Err(UserError::usage(messages::remind_division_is_office(
                    &u.name, &plan.id,
                ))
                .into());
            }
            if u.kind == "group" {
                if u.members.is_empty() {
                    return Err(UserError::usage(messages::remind_division_is_empty_group(
                        &u.name, &plan.id,
                    ))
                    .into());
                }
                for m in u.members.iter().filter(|m| **m != plan.office) {
                    wanted.insert((plan.id.clone(), m.clone()));
                }
            } else {
                wanted.insert((plan.id.clone(), u.name.clone()));
            }
        }
    }
    if !found {
        return Err(UserError::usage(messages::remind_no_such_division(name)).into());
    }
    Ok(wanted)
}

/// Who is reminded of what in one plan, as its items are addressed.
struct Addressing<'a> {
    office: &'a str,
    units: &'a [DivisionRow],
    /// Division → its tasks, in the order they were first addressed.
    notices: HashMap<String, Vec<NoticeTask>>,
    /// Tasks left out because they are the office's own.
    office_tasks: Vec<String>,
    /// Groups without members → the tasks left out.
    empty_groups: Vec<(String, Vec<String>)>,
}

impl<'a> Addressing<'a> {
    fn new(office: &'a str, units: &'a [DivisionRow]) -> Addressing<'a> {
        Addressing {
            office,
            units,
            notices: HashMap::new(),
            office_tasks: Vec::new(),
            empty_groups: Vec::new(),
        }
    }

    /// Addresses `item` to the assignee `name` in `role`: to the division,
    /// or to each member of a group.
    fn address(&mut self, item: &Item, name: &str, role: Role, word: Option<&str>) {
        let unit = self.units.iter().find(|u| u.name == name);
        match unit {
            Some(u) if u.kind == "group" => {
                if u.members.is_empty() {
                    match self.empty_groups.iter_mut().find(|(g, _)| g == name) {
                        Some((_, tasks)) => push_once(tasks, &item.task),
                        None => self
                            .empty_groups
                            .push((name.to_string(), vec![item.task.clone()])),
                    }
                    return;
                }
                let members = u.members.clone();
                for m in &members {
                    self.address_division(item, m, (role, word), Some(name));
                }
            }
            _ => self.address_division(item, name, (role, word), None),
        }
    }

    fn address_division(
        &mut self,
        item: &Item,
        division: &str,
        (role, word): (Role, Option<&str>),
        through: Option<&str>,
    ) {
        if division == self.office {
            push_once(&mut self.office_tasks, &item.task);
            return;
        }
        let tasks = self.notices.entry(division.to_string()).or_default();
        let task = match tasks.iter_mut().position(|t| t.id == item.task) {
            Some(i) => &mut tasks[i],
            None => {
                tasks.push(NoticeTask {
                    id: item.task.clone(),
                    label: String::new(),
                    title: String::new(),
                    role,
                    word: word.map(str::to_string),
                    through: through.map(str::to_string),
                    items: Vec::new(),
                });
                tasks.last_mut().expect("just pushed")
            }
        };
        // A division's own assignment comes before one through a group, a
        // lead's before a supporter's.
        let rank = |through: bool, role: Role| (through, role == Role::Support);
        if rank(through.is_some(), role) < rank(task.through.is_some(), task.role) {
            task.role = role;
            task.word = word.map(str::to_string);
            task.through = through.map(str::to_string);
        }
        let new = NoticeItem {
            kind: item.kind,
            obligation: item.obligation,
            detail: item.detail.clone(),
            deadline: parse_stored_time(&item.deadline).unwrap_or_default(),
            days: item.days,
        };
        let same = |i: &NoticeItem| {
            i.kind == new.kind
                && i.obligation == new.obligation
                && i.detail == new.detail
                && i.deadline == new.deadline
        };
        if !task.items.iter().any(same) {
            task.items.push(new);
        }
    }

    /// Says on standard error what was left out, and why.
    fn say_left_out(&self, plan: &str, lang: crate::lang::Lang) {
        if !self.office_tasks.is_empty() {
            let tasks = few(&self.office_tasks);
            note(
                lang,
                &messages::remind_office_not_reminded(self.office, plan, &tasks),
            );
        }
        for (group, tasks) in &self.empty_groups {
            let msg = messages::remind_empty_group(group, plan, &few(tasks));
            crate::stderr_line!(
                "{}{}",
                messages::warning_word().text(lang),
                escape_control(msg.text(lang))
            );
        }
    }

    /// The reminders, one per division, in the plan's order of divisions.
    fn into_notices(mut self) -> Vec<(String, Vec<NoticeTask>)> {
        let mut out = Vec::new();
        for u in self.units {
            if let Some(tasks) = self.notices.remove(&u.name) {
                out.push((u.name.clone(), tasks));
            }
        }
        // Divisions no longer in the plan's list, if any, last.
        let mut rest: Vec<(String, Vec<NoticeTask>)> = self.notices.into_iter().collect();
        rest.sort_by(|a, b| a.0.cmp(&b.0));
        out.extend(rest);
        out
    }
}

fn push_once(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

/// A note on standard error.
fn note(lang: crate::lang::Lang, msg: &Msg) {
    crate::stderr_line!(
        "{}{}",
        messages::note_word().text(lang),
        escape_control(msg.text(lang))
    );
}

/// Records each reminder, inside the caller's write transaction, and
/// gives it its number. `paths` are the files written, if any.
fn record(
    store: &Store,
    notices: &mut [Notice],
    paths: &[PathBuf],
    ctx: &Ctx,
) -> anyhow::Result<()> {
    for (i, n) in notices.iter_mut().enumerate() {
        let file = paths.get(i).map(|p| p.display().to_string());
        let tasks = n
            .tasks
            .iter()
            .map(|t| {
                let mut kinds: Vec<ItemKind> = Vec::new();
                for i in &t.items {
                    if !kinds.contains(&i.kind) {
                        kinds.push(i.kind);
                    }
                }
                let deadline = t.items.iter().map(|i| i.deadline).min().unwrap_or_default();
                RemindedTask {
                    id: t.id.clone(),
                    role: t.role,
                    through: t.through.clone(),
                    kinds,
                    deadline: format_time(deadline),
                }
            })
            .collect();
        let reminder = NewReminder {
            plan: &n.plan_id,
            division: &n.division,
            issued: n.date,
            reply_by: n.reply_by,
            file: file.as_deref(),
            tasks,
        };
        n.number = Some(store.record_reminder(&reminder, ctx.clock)?);
    }
    Ok(())
}

/// The bytes of notices in a format: one after the other (text and
/// Markdown, with a rule between), or one Word document with a page each.
fn render(notices: &[Notice], format: RemindFormat) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        RemindFormat::Text => notices
            .iter()
            .map(Notice::to_text)
            .collect::<Vec<_>>()
            .join(&format!("\n{}\n\n", "-".repeat(40)))
            .into_bytes(),
        RemindFormat::Md => notices
            .iter()
            .map(Notice::to_markdown)
            .collect::<Vec<_>>()
            .join("\n---\n\n")
            .into_bytes(),
        RemindFormat::Docx => to_docx(notices)?,
    })
}

fn extension(format: RemindFormat) -> &'static str {
    match format {
        RemindFormat::Text => "txt",
        RemindFormat::Md => "md",
        RemindFormat::Docx => "docx",
    }
}

/// The file of each notice in `dir`: the division's name made safe (and
/// the plan's id before it when the notices are of several plans). A
/// name is one plain file name: nothing is written outside `dir`.
fn file_paths(
    dir: &Path,
    notices: &[Notice],
    format: RemindFormat,
) -> anyhow::Result<Vec<PathBuf>> {
    let plans: HashSet<&str> = notices.iter().map(|n| n.plan_id.as_str()).collect();
    let mut names = FileNames::default();
    notices
        .iter()
        .map(|n| {
            let stem = if plans.len() > 1 {
                format!("{}_{}", n.plan_id, n.division)
            } else {
                n.division.clone()
            };
            let name = names.pick(&stem, extension(format));
            let mut parts = name.components();
            match (parts.next(), parts.next()) {
                (Some(Component::Normal(_)), None) => Ok(dir.join(name)),
                _ => anyhow::bail!("unsafe file name {} for {}", name.display(), n.division),
            }
        })
        .collect()
}

/// Refuses an `--output-dir` that names something other than a folder
/// (clap refuses an empty one).
fn check_folder(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() && !dir.is_dir() {
        let shown = dir.display().to_string();
        return Err(UserError::usage(messages::remind_dir_not_folder(&shown)).into());
    }
    Ok(())
}

/// Creates `dir` (not its parents: a mistyped path is an error); says
/// whether it was created.
fn make_folder(dir: &Path) -> anyhow::Result<bool> {
    check_folder(dir)?;
    if dir.is_dir() {
        return Ok(false);
    }
    std::fs::create_dir(dir)
        .map_err(|e| UserError::usage(messages::cannot_create_folder(dir, plain_reason(&e))))?;
    Ok(true)
}

/// Task ids for a note: the first ten, and how many there are in all.
fn few(ids: &[String]) -> String {
    const SHOWN: usize = 10;
    if ids.len() <= SHOWN {
        ids.join(" ")
    } else {
        format!("{} … ({})", ids[..SHOWN].join(" "), ids.len())
    }
}
