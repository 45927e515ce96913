//! Waiting for another process's write. SQLite lets one process write at a
//! time; a command that finds the database being written (a long batch
//! import, a load of a large plan) waits for it rather than fail, says on
//! standard error that it is waiting once it has waited a moment, and goes
//! on when the other write is done. It gives up only after `MAX_WAIT`,
//! with "the database stayed locked by another process".

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::lang::Lang;

/// How long a command waits at most.
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
/// How long it waits before saying so.
const SAY_AFTER: Duration = Duration::from_secs(2);

/// The language of the message: Chinese when set.
static CHINESE: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// The wait going on: when it began, and whether it was said.
    static WAITING: Cell<Option<(Instant, bool)>> = const { Cell::new(None) };
}

/// The language the waiting message is said in.
pub fn set_lang(lang: Lang) {
    CHINESE.store(lang == Lang::Zh, Ordering::Relaxed);
}

/// A duration from an environment variable in milliseconds, for tests.
fn from_env(name: &str, default: Duration) -> Duration {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(default, Duration::from_millis)
}

/// SQLite's busy handler: called with how many times it was called for
/// this lock; true to try again, false to give up.
pub(super) fn busy(attempts: i32) -> bool {
    let now = Instant::now();
    WAITING.with(|waiting| {
        let (began, said) = match waiting.get() {
            Some(w) if attempts > 0 => w,
            _ => (now, false),
        };
        let waited = now - began;
        if waited >= from_env("TASKS_WAIT_MAX_MS", MAX_WAIT) {
            waiting.set(None);
            return false;
        }
        let said = said || {
            let say = waited >= from_env("TASKS_WAIT_SAY_MS", SAY_AFTER);
            if say {
                let lang = if CHINESE.load(Ordering::Relaxed) {
                    Lang::Zh
                } else {
                    Lang::En
                };
                crate::stderr_line!("{}", crate::messages::waiting_for_writer().text(lang));
            }
            say
        };
        waiting.set(Some((began, said)));
        // Short steps at first, then a tenth of a second.
        let step = Duration::from_millis(5 * u64::from(attempts.clamp(1, 20) as u32));
        std::thread::sleep(step);
        true
    })
}
