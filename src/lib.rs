//! `tasks`: track how a government body carries out a work plan that it has
//! broken down into tasks for its divisions.

pub mod account;
pub mod app;
pub mod batch;
pub mod calendar;
pub mod catalogue;
pub mod cli;
pub mod commands;
pub mod complete;
pub mod deadlines;
pub mod duration;
pub mod error;
pub mod help;
pub mod help_zh;
pub mod lang;
pub mod messages;
pub mod notice;
pub mod parallel;
pub mod plan;
pub mod progress;
pub mod recording;
pub mod recurring;
pub mod refusal;
pub mod render;
pub mod rollup;
pub mod spelling;
pub mod status;
pub mod store;
pub mod time;
pub mod tree;
pub mod trend;
pub mod view;

pub use app::run;
