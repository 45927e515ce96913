//! Errors a user must act on. Every error ends the command with exit status 2.

use std::fmt;
use std::path::PathBuf;

use crate::lang::Lang;
use crate::messages::{self, Msg};

/// A problem caused by the user's input or environment, with a message that
/// says what to do about it, in either language.
#[derive(Debug)]
pub enum UserError {
    Usage(Msg),
    NoSuchTask {
        reference: String,
        /// The plan the reference named, if it named one.
        plan: Option<String>,
    },
    AmbiguousTask {
        id: String,
        /// The plans that have a task of that id, in order.
        plans: Vec<String>,
    },
    NoSuchPlan(String),
    NoDatabase(PathBuf),
    Database {
        path: PathBuf,
        reason: Msg,
    },
    Plan(crate::plan::PlanErrors),
    Returns(crate::batch::ReturnErrors),
}

impl From<crate::plan::PlanErrors> for UserError {
    fn from(e: crate::plan::PlanErrors) -> Self {
        UserError::Plan(e)
    }
}

impl From<crate::batch::ReturnErrors> for UserError {
    fn from(e: crate::batch::ReturnErrors) -> Self {
        UserError::Returns(e)
    }
}

impl UserError {
    pub fn usage(message: Msg) -> Self {
        UserError::Usage(message)
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let msg = match self {
            UserError::Usage(msg) => return msg.text(lang).to_string(),
            UserError::Plan(e) => return e.text(lang),
            // Told in the language it was found in.
            UserError::Returns(e) => return e.to_string(),
            UserError::NoSuchTask {
                reference,
                plan: Some(plan),
            } => messages::no_task_in_plan(reference, plan),
            UserError::NoSuchTask {
                reference,
                plan: None,
            } => messages::no_task(reference),
            UserError::AmbiguousTask { id, plans } => messages::ambiguous_task(
                id,
                Msg::list(plans),
                format!("{}:{id}", plans.first().map_or("", String::as_str)),
            ),
            UserError::NoSuchPlan(plan) => messages::no_plan(plan),
            UserError::NoDatabase(path) => messages::no_database(path),
            UserError::Database { path, reason } => messages::database_refused(path, reason),
        };
        msg.text(lang).to_string()
    }
}

/// English, for logs and tests.
impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for UserError {}
