//! Errors a user must act on. Every error ends the command with exit status 2.

use std::path::PathBuf;

use crate::lang::Lang;
use crate::messages::Msg;

/// A problem caused by the user's input or environment, with a message that
/// says what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("{0}")]
    Usage(Msg),
    #[error("no task {reference:?}{hint}")]
    NoSuchTask { reference: String, hint: String },
    #[error("task id {id:?} is in several plans ({plans}); write it as PLAN:ID, e.g. {example}")]
    AmbiguousTask {
        id: String,
        plans: String,
        example: String,
    },
    #[error("no plan {0:?} is loaded (see `tasks plans`)")]
    NoSuchPlan(String),
    #[error("no database at {}: load a plan first with `tasks load FILE` (or point --db / TASKS_DB at an existing database)", .0.display())]
    NoDatabase(PathBuf),
    #[error("{}: {reason}", .path.display())]
    Database { path: PathBuf, reason: String },
    #[error(transparent)]
    Plan(#[from] crate::plan::PlanErrors),
    #[error(transparent)]
    Returns(#[from] crate::batch::ReturnErrors),
}

impl UserError {
    pub fn usage(message: impl Into<Msg>) -> Self {
        UserError::Usage(message.into())
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            UserError::Usage(msg) => msg.text(lang).to_string(),
            other => other.to_string(),
        }
    }
}
