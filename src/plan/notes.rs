//! The plan's notes (`[[note]]`): text of the notice that is not a task —
//! 指导思想, 工作目标, 工作要求, the notice it replaces — kept in order.

use serde::Serialize;

use super::raw::RawHead;
use super::validate::{required, Of, Problems};
use crate::messages as m;

/// Longest accepted title of a note, in characters.
const MAX_TITLE_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub title: String,
    pub text: String,
}

/// Checks the `[[note]]` tables: each with a title and a text; titles once.
pub(super) fn notes(head: &RawHead, p: &mut Problems) -> Vec<Note> {
    let mut notes: Vec<Note> = Vec::new();
    let mut firsts: Vec<usize> = Vec::new();
    for n in &head.note {
        let span = n.span();
        let n = n.get_ref();
        let title = required(&n.title, span.clone(), "title", Of::Note, p);
        let text = required(&n.text, span.clone(), "text", Of::Note, p);
        let Some(title) = title else { continue };
        let t = title.get_ref().trim();
        if t.chars().any(char::is_control) {
            p.at(
                title.span(),
                m::name_has_controls(),
                m::expected_printable(),
            );
            continue;
        }
        if t.chars().count() > MAX_TITLE_CHARS {
            p.at(
                title.span(),
                m::note_title_too_long(MAX_TITLE_CHARS),
                m::expected_note_title(),
            );
            continue;
        }
        if let Some(i) = notes.iter().position(|x| x.title == t) {
            let line = p.line(firsts[i]);
            p.at(
                title.span(),
                m::note_title_twice(t, line),
                m::expected_note_titles_once(),
            );
            continue;
        }
        if let Some(text) = text {
            notes.push(Note {
                title: t.to_string(),
                text: text.get_ref().trim().to_string(),
            });
            firsts.push(title.span().start);
        }
    }
    notes
}
