//! The draft plan file: the plan format of docs/plan-format.md, with a
//! `# check:` comment above every line that rests on a guess, and the
//! notice's lines that went into nothing listed at the end.

use std::fmt::Write;

use super::recognise::{Draft, Rule, UnitKind};
use crate::lang::Lang;
use crate::messages as m;

/// A TOML string: quoted and escaped.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A comment's text: on one line, with nothing a TOML comment may not hold.
fn comment(text: &str) -> String {
    crate::render::escape_control(&text.replace(['\n', '\r'], " "))
}

fn check(out: &mut String, msg: &m::Msg, lang: Lang) {
    let text = comment(msg.text(lang));
    let _ = writeln!(out, "# check: {text}");
}

/// The plan file for `draft`, made from the notice `source`, its comments
/// in `lang`.
pub fn write(draft: &Draft, source: &str, lang: Lang) -> String {
    let mut o = String::new();
    for line in m::import_draft_header(source).text(lang).lines() {
        let _ = writeln!(o, "# {}", comment(line));
    }
    o.push('\n');
    let plan_checks = |o: &mut String, field: &str| {
        for (_, msg) in draft.checks.iter().filter(|(f, _)| *f == field) {
            check(o, msg, lang);
        }
    };
    o.push_str("[plan]\n");
    let _ = writeln!(o, "id = {}", q(&draft.id));
    plan_checks(&mut o, "title");
    let _ = writeln!(o, "title = {}", q(&draft.title));
    if let Some(d) = &draft.doc_no {
        let _ = writeln!(o, "doc_no = {}", q(d));
    }
    if let Some(i) = &draft.issuer {
        let _ = writeln!(o, "issuer = {}", q(i));
    }
    plan_checks(&mut o, "issued");
    if let Some(d) = draft.issued {
        let _ = writeln!(o, "issued = {d}");
    }
    plan_checks(&mut o, "office");
    let _ = writeln!(o, "office = {}", q(&draft.office));
    plan_checks(&mut o, "year");
    if let Some(y) = draft.year {
        let _ = writeln!(o, "year = {y}");
    }
    plan_checks(&mut o, "due");
    if let Some(d) = &draft.due {
        let _ = writeln!(o, "due = {}", q(d));
    }
    plan_checks(&mut o, "feedback");
    if let Some((cadence, day)) = draft.feedback {
        let _ = writeln!(o, "feedback = {}", q(cadence));
        if let Some(day) = day {
            let _ = writeln!(o, "feedback_day = {day}");
        }
    }
    if draft.guide_role {
        o.push_str("\n[[role]]\nword = \"指导\"\ncounts_as = \"support\"\n");
    }
    for u in &draft.units {
        o.push('\n');
        match u.kind {
            UnitKind::Division => {
                let _ = writeln!(o, "[[division]]\nname = {}", q(&u.name));
            }
            UnitKind::Outside => {
                let _ = writeln!(o, "[[outside]]\nname = {}", q(&u.name));
            }
            UnitKind::Group => {
                if u.name == super::recognise::UNDECIDED {
                    check(&mut o, &m::import_check_undecided_group(), lang);
                }
                let _ = writeln!(o, "[[group]]\nname = {}\nmembers = []", q(&u.name));
            }
        }
    }
    if draft.named_groups() {
        o.push('\n');
        check(&mut o, &m::import_check_group_members(), lang);
    }
    for (title, text) in &draft.notes {
        o.push('\n');
        check(&mut o, &m::import_check_kept_as_note(), lang);
        let _ = writeln!(o, "[[note]]\ntitle = {}\ntext = {}", q(title), q(text));
    }
    for s in &draft.sections {
        let _ = writeln!(
            o,
            "\n[[section]]\nid = {}\ntitle = {}",
            q(&s.id),
            q(&s.title)
        );
    }
    for t in &draft.tasks {
        o.push('\n');
        o.push_str("[[task]]\n");
        for c in &t.checks {
            check(&mut o, c, lang);
        }
        let _ = writeln!(o, "id = {}", q(&t.id));
        match &t.parent {
            Some(p) => {
                let _ = writeln!(o, "parent = {}", q(p));
            }
            None => {
                let _ = writeln!(o, "section = {}", q(&t.section));
            }
        }
        let _ = writeln!(o, "title = {}", q(&t.title));
        if !t.text.is_empty() && t.text != t.title {
            let _ = writeln!(o, "text = {}", q(&t.text));
        }
        if t.assigned {
            if let Some(l) = &t.lead {
                let _ = writeln!(o, "lead = {}", q(l));
            }
            let list: Vec<String> = t.support.iter().map(|s| q(s)).collect();
            if !list.is_empty() || t.parent.is_some() {
                let _ = writeln!(o, "support = [{}]", list.join(", "));
            }
            if !t.guide.is_empty() {
                let list: Vec<String> = t.guide.iter().map(|s| q(s)).collect();
                let _ = writeln!(o, "roles = {{ \"指导\" = [{}] }}", list.join(", "));
            }
        }
        if let Some(d) = &t.due {
            let _ = writeln!(o, "due = {}", q(d));
        }
        for r in &t.rules {
            o.push_str("\n[[task.rule]]\n");
            match r {
                Rule::After {
                    event,
                    within,
                    what,
                } => {
                    let _ = writeln!(
                        o,
                        "kind = \"after\"\nevent = {}\nwithin = {}",
                        q(event),
                        q(within)
                    );
                    if !what.is_empty() {
                        let _ = writeln!(o, "what = {}", q(what));
                    }
                }
                Rule::Quota {
                    event,
                    count,
                    by,
                    what,
                } => {
                    let _ = writeln!(
                        o,
                        "kind = \"quota\"\nevent = {}\ncount = {count}\nby = {by}",
                        q(event)
                    );
                    if !what.is_empty() {
                        let _ = writeln!(o, "what = {}", q(what));
                    }
                }
                Rule::Every { every, what } => {
                    let _ = writeln!(o, "kind = \"every\"\nevery = {}", q(every));
                    if !what.is_empty() {
                        let _ = writeln!(o, "what = {}", q(what));
                    }
                }
            }
        }
    }
    if !draft.unread.is_empty() {
        o.push('\n');
        check(&mut o, &m::import_check_unread(draft.unread.len()), lang);
        for line in &draft.unread {
            let _ = writeln!(o, "#   {}", comment(line));
        }
    }
    o
}
