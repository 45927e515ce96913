//! The one integration test binary: the `tasks` executable run as a user would.

mod bad_input;
mod batch_large;
mod chinese;
mod clock;
mod corpus;
mod corrections;
mod crash;
mod deadlines;
mod forms;
mod hostile;
mod large_plan;
mod migration;
mod plan_core;
mod progress;
mod progress_rejects;
mod props;
mod returns;
mod seed;
mod soak;
mod spreadsheets_out;
mod storage;
mod support;
mod voids;
