//! Checks a parsed plan file and reports every problem at once.

mod deadline;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;

use super::raw::{RawFile, RawHead, RawRule, RawTask, Text};
use super::tree::{self, Node, Tree};
use super::{Cadence, Diagnostic, Division, Group, Plan, PlanMeta, Role, Rule, Section, Task};
use crate::duration::Duration;
use crate::lang::Lang;
use crate::messages::{self as m, Msg, Said};

/// Longest accepted id of a plan, section or task.
const MAX_ID_CHARS: usize = 64;

pub(super) struct Problems<'s> {
    list: Vec<Diagnostic>,
    source: &'s str,
}

impl Problems<'_> {
    /// The 1-based line of a byte offset, for "first declared on line N".
    pub(super) fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        self.source.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// The span of the key on the line of a `key = value` whose value is at
    /// `value`, so that a misplaced field is pointed at by its name.
    pub(super) fn key_span(&self, value: &Range<usize>) -> Range<usize> {
        let start = value.start.min(self.source.len());
        let line_start = self.source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line = &self.source[line_start..start];
        match line.find('=') {
            Some(eq) => {
                let key = &line[..eq];
                let lead = key.len() - key.trim_start().len();
                line_start + lead..line_start + key.trim_end().len()
            }
            None => value.clone(),
        }
    }

    pub(super) fn at(&mut self, span: Range<usize>, message: Msg, expected: Msg) {
        self.list.push(Diagnostic {
            span: Some(span),
            message,
            expected: Some(expected),
        });
    }

    fn nowhere(&mut self, message: Msg, expected: Msg) {
        self.list.push(Diagnostic {
            span: None,
            message,
            expected: Some(expected),
        });
    }
}

/// What a field belongs to, as messages name it.
#[derive(Clone, Copy)]
pub(super) enum Of<'a> {
    Plan,
    Division,
    Group,
    Section,
    /// A task, by its id when it has a good one.
    Task(Option<&'a str>),
    /// A rule of a task.
    Rule(Option<&'a str>),
    RoleWord,
    Outside,
    Note,
}

impl Said for Of<'_> {
    fn said(&self, lang: Lang) -> std::borrow::Cow<'_, str> {
        let msg = match *self {
            Of::Plan => m::of_plan(),
            Of::Division => m::of_division(),
            Of::Group => m::of_group(),
            Of::Section => m::of_section(),
            Of::Task(Some(id)) => m::of_task(id),
            Of::Task(None) => m::of_this_task(),
            Of::Rule(task) => m::of_rule(Of::Task(task)),
            Of::RoleWord => m::of_role_word(),
            Of::Outside => m::of_outside(),
            Of::Note => m::of_note(),
        };
        std::borrow::Cow::Owned(msg.text(lang).to_string())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Division,
    Group,
    /// An assignee outside the body (`[[outside]]`).
    Outside,
}

/// A declared name: what it is, its canonical form, and where it was declared.
struct Declared {
    kind: Kind,
    canonical: String,
    span: Range<usize>,
}

pub(super) struct Names(HashMap<String, Declared>);

impl Names {
    pub(super) fn resolve(
        &self,
        name: &Text,
        problems: &mut Problems,
        what: fn() -> Msg,
    ) -> Option<(Kind, String)> {
        match self.0.get(name.get_ref().as_str()) {
            Some(d) => Some((d.kind, d.canonical.clone())),
            None => {
                problems.at(
                    name.span(),
                    m::name_not_declared(what(), name.get_ref()),
                    m::expected_declared_name(),
                );
                None
            }
        }
    }
}

/// Required text: present and not blank.
pub(super) fn required<'a>(
    value: &'a Option<Text>,
    owner: Range<usize>,
    field: &str,
    of: Of,
    problems: &mut Problems,
) -> Option<&'a Text> {
    match value {
        None => {
            problems.at(
                owner,
                m::field_missing(of, field),
                m::expected_field_line(field),
            );
            None
        }
        Some(v) if v.get_ref().trim().is_empty() => {
            problems.at(v.span(), m::field_empty(field), m::expected_some_text());
            None
        }
        Some(v) => Some(v),
    }
}

/// A name of a division or group: no control characters, no surrounding spaces.
pub(super) fn check_name(name: &Text, problems: &mut Problems) -> bool {
    let s = name.get_ref();
    if s.trim().is_empty() {
        problems.at(name.span(), m::name_empty(), m::expected_unit_name());
        false
    } else if s.trim() != s {
        problems.at(name.span(), m::name_spaced(s), m::expected_name_unspaced());
        false
    } else if s.chars().any(char::is_control) {
        problems.at(name.span(), m::name_has_controls(), m::expected_printable());
        false
    } else {
        true
    }
}

fn check_id(id: &Text, plan_id: bool, problems: &mut Problems) -> bool {
    let s = id.get_ref();
    let ok_char = |c: char| {
        if plan_id {
            c.is_alphanumeric() || c == '-' || c == '_'
        } else {
            !(c.is_whitespace() || c.is_control() || c == ':' || c == '#')
        }
    };
    let expected = if plan_id {
        m::expected_plan_id
    } else {
        m::expected_task_id
    };
    if s.is_empty() {
        problems.at(id.span(), m::id_empty(), expected());
        false
    } else if s.chars().count() > MAX_ID_CHARS {
        problems.at(id.span(), m::id_too_long(MAX_ID_CHARS), expected());
        false
    } else if let Some(c) = s.chars().find(|&c| !ok_char(c)) {
        problems.at(id.span(), m::id_bad_char(s, format!("{c:?}")), expected());
        false
    } else {
        true
    }
}

fn date(
    value: &Option<Spanned<toml::Value>>,
    field: &str,
    problems: &mut Problems,
) -> Option<NaiveDate> {
    let value = value.as_ref()?;
    let expected = m::expected_date;
    let parsed = match value.get_ref() {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            dt.date.and_then(|d| {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
            })
        }
        toml::Value::Datetime(_) => {
            problems.at(
                value.span(),
                m::date_has_time(field),
                m::expected_date_without_time(),
            );
            return None;
        }
        toml::Value::String(s) if s.len() != 10 => {
            problems.at(value.span(), m::date_not_iso(field, s), expected());
            return None;
        }
        // A year with a sign is no date.
        toml::Value::String(s) if s.starts_with(['+', '-']) => None,
        toml::Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
        other => {
            problems.at(
                value.span(),
                m::date_of_wrong_kind(field, m::toml_kind(other.type_str())),
                expected(),
            );
            return None;
        }
    }
    // There is no year 0.
    .filter(|d| chrono::Datelike::year(d) >= crate::time::FIRST_YEAR);
    if parsed.is_none() {
        problems.at(
            value.span(),
            m::date_not_real(field, value.get_ref().to_string()),
            expected(),
        );
    }
    parsed
}

fn duration(value: &Option<Text>, problems: &mut Problems) -> Option<Duration> {
    let value = value.as_ref()?;
    let text = value.get_ref();
    match Duration::parse_msg(text) {
        Ok(d) => Some(d),
        Err(e) => {
            let message = if e == m::duration_too_long(text, crate::duration::MAX_COUNT) {
                e
            } else {
                m::not_a_duration_plainly(text)
            };
            problems.at(value.span(), message, m::expected_duration());
            None
        }
    }
}

fn optional_text(value: &Option<Text>) -> Option<String> {
    value
        .as_ref()
        .map(|v| v.get_ref().trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Validates a plan one part at a time: the head first, then each task as
/// it is read, so that the tasks as written need not all be held at once.
/// The problems found are the same, in the same order, as for the whole file.
pub(super) struct Validator<'s> {
    p: Problems<'s>,
    names: Names,
    meta: Option<PlanMeta>,
    issued: Option<NaiveDate>,
    /// The year of deadline phrases that name none.
    year: Option<i32>,
    divisions: Vec<Division>,
    groups: Vec<Group>,
    outside: Vec<Division>,
    book: super::roles::RoleBook,
    sections: Vec<Section>,
    /// Every declared section id counts, even of a section with other
    /// problems, so that one mistake is reported once.
    section_ids: HashSet<String>,
    /// Task id → where it was first given.
    seen: HashMap<String, Range<usize>>,
    tasks: Vec<Task>,
    any_task: bool,
    /// The tasks read so far, as parents of those below.
    tree: Tree,
}

impl<'s> Validator<'s> {
    /// Checks the head of a plan file; `source` is the whole file.
    pub(super) fn new(head: &RawHead, source: &'s str) -> Validator<'s> {
        let mut p = Problems {
            list: Vec::new(),
            source,
        };
        let names = declare_names(head, &mut p);
        let book = super::roles::role_book(head, &mut p);
        let (mut meta, issued, year) = validate_meta(head, &names, &mut p);
        if let Some(meta) = &mut meta {
            meta.roles = book.words();
            meta.first_is_lead = book.first_is_lead();
            meta.rest = book.rest();
        }
        let notes = super::notes::notes(head, &mut p);
        if let Some(meta) = &mut meta {
            meta.notes = notes;
        }
        let units = |list: &[Spanned<super::raw::RawDivision>]| -> Vec<Division> {
            list.iter()
                .filter_map(|d| {
                    let d = d.get_ref();
                    Some(Division {
                        name: d.name.as_ref()?.get_ref().clone(),
                        aliases: d.aliases.iter().map(|a| a.get_ref().clone()).collect(),
                    })
                })
                .collect()
        };
        let divisions = units(&head.division);
        let outside = units(&head.outside);
        let groups = validate_groups(head, &names, &mut p);
        let sections = validate_sections(head, &mut p);
        let section_ids = head
            .section
            .iter()
            .filter_map(|s| s.get_ref().id.as_ref().map(|id| id.get_ref().clone()))
            .collect();
        Validator {
            p,
            names,
            meta,
            issued,
            year,
            divisions,
            groups,
            outside,
            book,
            sections,
            section_ids,
            seen: HashMap::new(),
            tasks: Vec::new(),
            any_task: false,
            tree: Tree::default(),
        }
    }

    /// Checks the next task of the file.
    pub(super) fn task(&mut self, task: &Spanned<RawTask>) {
        self.any_task = true;
        let known = Known {
            names: &self.names,
            book: &self.book,
            section_ids: &self.section_ids,
            issued: self.issued,
            year: self.year,
        };
        let valid = validate_task(task, &known, &mut self.seen, &mut self.tree, &mut self.p);
        // Once the plan has a problem it will not be loaded: its tasks are
        // still checked but no longer kept.
        if let Some(t) = valid.filter(|_| self.p.list.is_empty()) {
            self.tasks.push(t);
        }
    }

    /// Whether any problem has been found so far.
    pub(super) fn has_problems(&self) -> bool {
        !self.p.list.is_empty()
    }

    /// The plan, or every problem found, in the order of the file.
    pub(super) fn finish(mut self) -> Result<Plan, Vec<Diagnostic>> {
        self.tree.finish(&self.seen, &mut self.p);
        if !self.any_task {
            self.p.nowhere(m::plan_has_no_tasks(), m::expected_a_task());
        }
        match self.meta {
            Some(meta) if self.p.list.is_empty() => Ok(Plan {
                meta,
                divisions: self.divisions,
                groups: self.groups,
                outside: self.outside,
                sections: self.sections,
                tasks: tree::in_tree_order(self.tasks),
            }),
            _ => {
                self.p
                    .list
                    .sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |s| s.start));
                Err(self.p.list)
            }
        }
    }
}

/// Validates a whole plan file read at once.
pub(super) fn validate(raw: RawFile, source: &str) -> Result<Plan, Vec<Diagnostic>> {
    let (head, tasks) = raw.split();
    let mut validator = Validator::new(&head, source);
    for task in &tasks {
        validator.task(task);
    }
    validator.finish()
}

/// Declares every division, alias and group name; a name may be declared once.
fn declare_names(raw: &RawHead, p: &mut Problems) -> Names {
    let mut names: HashMap<String, Declared> = HashMap::new();
    let mut declare = |name: &Text, kind: Kind, canonical: &str, p: &mut Problems| {
        if !check_name(name, p) {
            return;
        }
        if let Some(first) = names.get(name.get_ref().as_str()) {
            let line = p.line(first.span.start);
            p.at(
                name.span(),
                m::name_declared_twice(name.get_ref(), line),
                m::expected_names_once(),
            );
            return;
        }
        names.insert(
            name.get_ref().clone(),
            Declared {
                kind,
                canonical: canonical.to_string(),
                span: name.span(),
            },
        );
    };
    for d in &raw.division {
        let Some(name) = required(&d.get_ref().name, d.span(), "name", Of::Division, p) else {
            continue;
        };
        declare(name, Kind::Division, name.get_ref(), p);
        for alias in &d.get_ref().aliases {
            declare(alias, Kind::Division, name.get_ref(), p);
        }
    }
    for g in &raw.group {
        let Some(name) = required(&g.get_ref().name, g.span(), "name", Of::Group, p) else {
            continue;
        };
        declare(name, Kind::Group, name.get_ref(), p);
    }
    for d in &raw.outside {
        let Some(name) = required(&d.get_ref().name, d.span(), "name", Of::Outside, p) else {
            continue;
        };
        declare(name, Kind::Outside, name.get_ref(), p);
        for alias in &d.get_ref().aliases {
            declare(alias, Kind::Outside, name.get_ref(), p);
        }
    }
    Names(names)
}

/// The plan's metadata, and its issue date even when other fields are wrong
/// (task due dates are checked against it).
fn validate_meta(
    raw: &RawHead,
    names: &Names,
    p: &mut Problems,
) -> (Option<PlanMeta>, Option<NaiveDate>, Option<i32>) {
    let Some(plan) = &raw.plan else {
        p.nowhere(m::no_plan_table(), m::expected_plan_table());
        return (None, None, None);
    };
    let span = plan.span();
    let plan = plan.get_ref();
    let id = required(&plan.id, span.clone(), "id", Of::Plan, p).filter(|id| check_id(id, true, p));
    let title = required(&plan.title, span.clone(), "title", Of::Plan, p);
    let office = required(&plan.office, span.clone(), "office", Of::Plan, p).and_then(|o| {
        // A notice issued downward is collected by the issuing body's own
        // office, which need not be a unit of the plan.
        if !raw.outside.is_empty() && !names.0.contains_key(o.get_ref().as_str()) {
            return check_name(o, p).then(|| o.get_ref().clone());
        }
        match names.resolve(o, p, m::the_office)? {
            (Kind::Division | Kind::Outside, canonical) => Some(canonical),
            (Kind::Group, _) => {
                p.at(
                    o.span(),
                    m::office_is_group(o.get_ref()),
                    m::expected_a_division(),
                );
                None
            }
        }
    });
    let issued = date(&plan.issued, "issued", p);
    let (year_given, year) = deadline::plan_year(&plan.year, issued, p);
    let due_value = deadline::due_value(&plan.due, "due", year, p);
    let due = due_value.date;
    if let (Some(issued), Some(due), Some(v)) = (issued, due, &plan.due) {
        if due < issued {
            p.at(
                v.span(),
                m::plan_due_before_issued(due, issued),
                m::expected_due_after_issued(),
            );
        }
    }
    let feedback = match &plan.feedback {
        None => Some(Cadence::None),
        Some(f) => Cadence::parse(f.get_ref()).or_else(|| {
            p.at(
                f.span(),
                m::unknown_cadence(f.get_ref()),
                m::expected_cadence(),
            );
            None
        }),
    };
    let feedback_day = match &plan.feedback_day {
        None => None,
        Some(d) if !(1..=31).contains(d.get_ref()) => {
            p.at(
                d.span(),
                m::feedback_day_not_a_day(*d.get_ref()),
                m::expected_day_of_month(),
            );
            None
        }
        Some(d) if feedback == Some(Cadence::None) => {
            p.at(
                d.span(),
                m::feedback_day_without_cadence(),
                m::expected_cadence_beside(),
            );
            None
        }
        Some(d) => u8::try_from(*d.get_ref()).ok(),
    };
    let warn = duration(&plan.warn, p);
    if plan.warn.is_some() && warn.is_none() {
        return (None, issued, year);
    }
    let meta = || -> Option<PlanMeta> {
        Some(PlanMeta {
            id: id?.get_ref().clone(),
            title: title?.get_ref().trim().to_string(),
            doc_no: optional_text(&plan.doc_no),
            issuer: optional_text(&plan.issuer),
            issued,
            office: office?,
            due,
            feedback: feedback?,
            feedback_day,
            warn,
            roles: Vec::new(),
            first_is_lead: false,
            rest: None,
            notes: Vec::new(),
            year: year_given,
            due_kind: due_value.kind,
            due_text: due_value.text,
        })
    };
    (meta(), issued, year)
}

fn validate_groups(raw: &RawHead, names: &Names, p: &mut Problems) -> Vec<Group> {
    let mut groups = Vec::new();
    for g in &raw.group {
        let g = g.get_ref();
        let Some(name) = &g.name else { continue };
        let mut members: Vec<String> = Vec::new();
        for member in &g.members {
            match names.resolve(member, p, m::the_member) {
                Some((Kind::Division | Kind::Outside, canonical))
                    if members.contains(&canonical) =>
                {
                    p.at(
                        member.span(),
                        m::member_twice(member.get_ref()),
                        m::expected_members_once(),
                    );
                }
                Some((Kind::Division | Kind::Outside, canonical)) => members.push(canonical),
                Some((Kind::Group, _)) => {
                    p.at(
                        member.span(),
                        m::group_in_group(member.get_ref()),
                        m::expected_a_division(),
                    );
                }
                None => {}
            }
        }
        groups.push(Group {
            name: name.get_ref().clone(),
            members,
        });
    }
    groups
}

fn validate_sections(raw: &RawHead, p: &mut Problems) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for s in &raw.section {
        let span = s.span();
        let s = s.get_ref();
        let id =
            required(&s.id, span.clone(), "id", Of::Section, p).filter(|id| check_id(id, false, p));
        if let Some(id) = id {
            if seen.contains(id.get_ref().as_str()) {
                p.at(
                    id.span(),
                    m::section_id_twice(id.get_ref()),
                    m::expected_unique_section_id(),
                );
                continue;
            }
        }
        if let Some(id) = id {
            seen.insert(id.get_ref());
        }
        let title = required(&s.title, span.clone(), "title", Of::Section, p);
        // A section may state no role.
        let role = match &s.role {
            None => Some(None),
            Some(r) => Role::parse(r.get_ref()).map(Some).or_else(|| {
                p.at(
                    r.span(),
                    m::unknown_section_role(r.get_ref()),
                    m::expected_section_role(),
                );
                None
            }),
        };
        if let (Some(id), Some(title), Some(role)) = (id, title, role) {
            sections.push(Section {
                id: id.get_ref().clone(),
                title: title.get_ref().trim().to_string(),
                role,
            });
        }
    }
    sections
}

/// What a task is checked against: the plan's names, role words, sections
/// and issue date.
struct Known<'a> {
    names: &'a Names,
    book: &'a super::roles::RoleBook,
    section_ids: &'a HashSet<String>,
    issued: Option<NaiveDate>,
    /// The year of deadline phrases that name none.
    year: Option<i32>,
}

fn validate_task(
    task: &Spanned<RawTask>,
    known: &Known,
    seen: &mut HashMap<String, Range<usize>>,
    tree: &mut Tree,
    p: &mut Problems,
) -> Option<Task> {
    let Known {
        names,
        book,
        section_ids,
        issued,
        year,
    } = *known;
    let span = task.span();
    let t = task.get_ref();
    let id =
        required(&t.id, span.clone(), "id", Of::Task(None), p).filter(|id| check_id(id, false, p));
    let of = Of::Task(id.map(|id| id.get_ref().as_str()));
    if let Some(id) = id {
        if let Some(first) = seen.get(id.get_ref()) {
            let line = p.line(first.start);
            p.at(
                id.span(),
                m::task_id_twice(id.get_ref(), line),
                m::expected_unique_task_id(),
            );
        } else {
            seen.insert(id.get_ref().clone(), id.span());
        }
    }
    // A sub-task takes from its parent the section, lead, supporters and
    // due date it does not give.
    let parent = tree.lookup(id.map(|id| id.get_ref().as_str()), &t.parent, p);
    let section = match (&t.section, &parent) {
        (None, from) if from.named() => from.node().and_then(|n| n.section.clone()),
        _ => required(&t.section, span.clone(), "section", of, p)
            .filter(|s| {
                let known = section_ids.contains(s.get_ref().as_str());
                if !known {
                    p.at(
                        s.span(),
                        m::section_not_declared(s.get_ref()),
                        m::expected_section_id(),
                    );
                }
                known
            })
            .map(|s| s.get_ref().clone()),
    };
    if let (Some(node), Some(written), Some(section), Some(name)) =
        (parent.node(), &t.section, &section, &t.parent)
    {
        if let Some(theirs) = node.section.as_ref().filter(|theirs| *theirs != section) {
            p.at(
                written.span(),
                m::section_not_parents(section, name.get_ref(), theirs),
                m::expected_parents_section(),
            );
        }
    }
    let title = required(&t.title, span.clone(), "title", of, p);
    let inherited = super::roles::Inherited {
        named: parent.named(),
        lead: parent.node().and_then(|n| n.lead.as_deref()),
        support: parent.node().map_or(&[][..], |n| n.support.as_slice()),
    };
    let assignment = super::roles::assign(t, span.clone(), of, names, book, &inherited, p);
    let (lead, support) = (assignment.lead.clone(), assignment.support.clone());
    let due_value = deadline::due_value(&t.due, "due", year, p);
    let due = due_value.date;
    if let (Some(due), Some(issued), Some(v)) = (due, issued, &t.due) {
        if due < issued {
            p.at(
                v.span(),
                m::task_due_before_issued(of, due, issued),
                m::expected_due_after_plan_issued(),
            );
        }
    }
    // A sub-task without a `due` of its own has its parent's, wording and
    // kind included (an unstated or ongoing parent makes it so too).
    let inherited_due = t.due.is_none().then(|| parent.node()).flatten();
    let (due, due_kind, due_text) = match inherited_due {
        Some(node) => (node.due, node.due_kind, node.due_text.clone()),
        None => (due, due_value.kind, due_value.text.clone()),
    };
    if let Some(id) = id {
        tree.add(
            id.get_ref(),
            Node {
                section: section.clone(),
                lead: lead.clone(),
                support: support.clone(),
                due,
                due_kind,
                due_text: due_text.clone(),
                level: parent.node().map_or(1, |n| n.level + 1),
                has_rules: !t.rule.is_empty(),
            },
        );
    }
    let rules: Vec<Option<Rule>> = t
        .rule
        .iter()
        .map(|r| validate_rule(r, of, issued, p))
        .collect();
    // One event opens one obligation, `TASK#N`: two `after` rules on the
    // same event would give two obligations the same number.
    let mut after_events: Vec<&str> = Vec::new();
    for (raw, rule) in t.rule.iter().zip(&rules) {
        if let Some(Rule::After { event, .. }) = rule {
            if after_events.contains(&event.as_str()) {
                let span = raw
                    .get_ref()
                    .event
                    .as_ref()
                    .map_or(raw.span(), Spanned::span);
                p.at(
                    span,
                    m::two_after_rules(of, event),
                    m::expected_one_after_rule(),
                );
            } else {
                after_events.push(event);
            }
        }
    }
    let deliverable = super::roles::deliverable(&t.deliverable, p);
    let target = super::roles::target(&t.target, p);
    Some(Task {
        id: id?.get_ref().clone(),
        section: section?,
        title: title?.get_ref().trim().to_string(),
        text: optional_text(&t.text).unwrap_or_else(|| {
            title
                .map(|t| t.get_ref().trim().to_string())
                .unwrap_or_default()
        }),
        lead: assignment.lead?,
        support: assignment.support,
        due,
        parent: t.parent.as_ref().map(|p| p.get_ref().clone()),
        due_kind,
        due_text,
        rules: rules.into_iter().collect::<Option<Vec<Rule>>>()?,
        others: assignment.others,
        deliverable,
        target,
    })
}

fn validate_rule(
    rule: &Spanned<RawRule>,
    of: Of,
    issued: Option<NaiveDate>,
    p: &mut Problems,
) -> Option<Rule> {
    let task = match of {
        Of::Task(id) => id,
        _ => None,
    };
    let span = rule.span();
    let r = rule.get_ref();
    let kind = required(&r.kind, span.clone(), "kind", Of::Rule(task), p)?;
    let event = match kind.get_ref().as_str() {
        "every" => None,
        _ => required(&r.event, span.clone(), "event", Of::Rule(task), p),
    };
    let what = optional_text(&r.what);
    let forbid = |present: Option<Range<usize>>, field: &str, kind: &str, p: &mut Problems| {
        if let Some(s) = present {
            let s = p.key_span(&s);
            let (message, expected) = match kind {
                "after" => (m::not_in_after_rule(field), m::expected_after_fields()),
                _ => (m::not_in_quota_rule(field), m::expected_quota_fields()),
            };
            p.at(s, message, expected);
        }
    };
    if matches!(kind.get_ref().as_str(), "after" | "quota") {
        for (present, field) in deadline::every_fields(r) {
            forbid(present, field, kind.get_ref(), p);
        }
    }
    match kind.get_ref().as_str() {
        "every" => deadline::every_rule(rule, Of::Rule(task), issued, p),
        "after" => {
            forbid(r.count.as_ref().map(Spanned::span), "count", "after", p);
            forbid(r.by.as_ref().map(Spanned::span), "by", "after", p);
            let within = match &r.within {
                None => {
                    p.at(
                        span,
                        m::after_rule_without_within(of),
                        m::expected_within_line(),
                    );
                    None
                }
                some => duration(some, p),
            };
            Some(Rule::After {
                event: event?.get_ref().trim().to_string(),
                within: within?,
                what,
            })
        }
        "quota" => {
            forbid(r.within.as_ref().map(Spanned::span), "within", "quota", p);
            let count = match &r.count {
                None => {
                    p.at(
                        span.clone(),
                        m::quota_rule_without_count(of),
                        m::expected_count_line(),
                    );
                    None
                }
                Some(c) => match u32::try_from(*c.get_ref()) {
                    Ok(n) if n >= 1 => Some(n),
                    _ => {
                        p.at(
                            c.span(),
                            m::count_not_positive(*c.get_ref()),
                            m::expected_positive_count(),
                        );
                        None
                    }
                },
            };
            let by = match &r.by {
                None => {
                    p.at(span, m::quota_rule_without_by(of), m::expected_by_line());
                    None
                }
                some => date(some, "by", p),
            };
            if let (Some(by), Some(issued), Some(v)) = (by, issued, &r.by) {
                if by < issued {
                    p.at(
                        v.span(),
                        m::quota_ends_before_issued(of, by, issued),
                        m::expected_by_after_issued(),
                    );
                }
            }
            Some(Rule::Quota {
                event: event?.get_ref().trim().to_string(),
                count: count?,
                by: by?,
                what,
            })
        }
        other => {
            p.at(
                kind.span(),
                m::unknown_rule_kind(other),
                m::expected_rule_kind(),
            );
            None
        }
    }
}
