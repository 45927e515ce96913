//! The one integration test binary: the `tasks` executable run as a user would.

mod bad_input;
mod batch_large;
mod clock;
mod corpus;
mod corrections;
mod crash;
mod deadlines;
mod forms;
mod gaps;
mod hostile;
mod large_plan;
mod migration;
mod plan_core;
mod progress;
mod progress_rejects;
mod props;
mod remind;
mod returns;
mod seed;
mod shell;
mod soak;
mod spreadsheets_out;
mod storage;
mod support;
mod tables;
mod voids;
