//! From a notice (公文) to a draft plan file, for `tasks import`.
//!
//! Three steps, each in its own folder or file, none of which touches the
//! database:
//! - [`read`] turns a file — plain text or Markdown in UTF-8 or GB18030, a
//!   Word document (.docx), or a binary Word or WPS file through LibreOffice
//!   — into the same thing: paragraphs and tables in document order;
//! - [`recognise`] finds in them the head (title, 文号, issuer, date,
//!   addressees), the structure (sections, tasks, sub-tasks, table rows),
//!   who is assigned each task and its deadlines, and marks every guess;
//! - [`draft`] writes the plan file, with a `# check:` comment at each guess.

pub mod draft;
pub mod read;
pub mod recognise;

#[cfg(test)]
mod every_notice;
