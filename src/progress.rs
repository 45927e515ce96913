//! Progress bars on standard error, for work that can take more than a
//! second: loading a large plan, importing a large return file, writing a
//! workbook of many rows, making every division's form.
//!
//! A bar is drawn only when standard error is a terminal, and only once the
//! work has gone on for a second (`TASKS_PROGRESS_DELAY_MS` sets another
//! delay, for tests): quick work, cron, pipes and files see nothing of it.
//! It is cleared when the work ends. The work reports by chunks
//! (`advance`), and indicatif redraws at most 20 times a second; off a
//! terminal `advance` costs one atomic load.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::lang::Lang;
use crate::messages::Msg;

/// The bar that `advance` moves, if one is running (one at a time).
static CURRENT: Mutex<Option<ProgressBar>> = Mutex::new(None);
/// Whether `CURRENT` holds a bar: read without the lock.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether the running work's bar is drawn yet (the delay has passed).
static SHOWN: AtomicBool = AtomicBool::new(false);

/// How long work goes on before its bar is shown.
const DELAY: Duration = Duration::from_secs(1);

/// What a bar counts.
pub enum Count {
    /// Bytes of a file, of this many.
    Bytes(u64),
    /// Items, of this many.
    Of(u64),
    /// Items of no known total, named by this word (entries, rows).
    Open(Msg),
}

/// A progress bar for one piece of work, cleared when dropped.
pub struct Progress {
    running: Option<Running>,
}

struct Running {
    lang: Lang,
    /// Dropped to tell the thread that shows the bar that the work is over.
    stop: Option<mpsc::Sender<()>>,
    shower: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts a bar for work described by `what`, shown after the delay if
    /// standard error is a terminal; nothing at all otherwise.
    pub fn start(what: Msg, lang: Lang, count: Count) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { running: None };
        }
        let Ok(mut current) = CURRENT.lock() else {
            return Progress { running: None };
        };
        SHOWN.store(false, Ordering::Release);
        *current = Some(new_bar(&what, lang, &count, false));
        ACTIVE.store(true, Ordering::Release);
        drop(current);
        let (stop, stopped) = mpsc::channel::<()>();
        let delay = delay();
        let shower = std::thread::Builder::new()
            .name("progress".into())
            .spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(delay) {
                    if let Ok(current) = CURRENT.lock() {
                        if let Some(bar) = current.as_ref() {
                            show(bar);
                            SHOWN.store(true, Ordering::Release);
                        }
                    }
                }
            })
            .ok();
        Progress {
            running: Some(Running {
                lang,
                stop: Some(stop),
                shower,
            }),
        }
    }

    /// Goes on to another stage of the same work: a new description and
    /// count, from zero. (A new bar takes the place of the old one, which
    /// is cleared: a bar changed in place would be drawn half changed.)
    pub fn stage(&self, what: Msg, count: Count) {
        let Some(r) = &self.running else {
            return;
        };
        if let Ok(mut current) = CURRENT.lock() {
            if let Some(old) = current.take() {
                old.finish_and_clear();
            }
            let shown = SHOWN.load(Ordering::Acquire);
            *current = Some(new_bar(&what, r.lang, &count, shown));
        }
    }

    /// Counts `n` more done.
    pub fn inc(&self, n: u64) {
        if self.running.is_some() {
            advance(n);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        let Some(mut r) = self.running.take() else {
            return;
        };
        drop(r.stop.take());
        if let Some(shower) = r.shower.take() {
            let _ = shower.join();
        }
        ACTIVE.store(false, Ordering::Release);
        if let Ok(mut current) = CURRENT.lock() {
            if let Some(bar) = current.take() {
                bar.finish_and_clear();
            }
        }
    }
}

/// Counts `n` more done on the bar running, if any: for work deep in the
/// program that its command watches. Call it by chunks (a read buffer, a
/// round of entries, a few hundred rows), not for every row.
pub fn advance(n: u64) {
    if !ACTIVE.load(Ordering::Acquire) {
        return;
    }
    if let Ok(current) = CURRENT.lock() {
        if let Some(bar) = current.as_ref() {
            bar.inc(n);
        }
    }
}

/// A bar for `count`, drawn on standard error if `shown`, else hidden.
fn new_bar(what: &Msg, lang: Lang, count: &Count, shown: bool) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    shape(&bar, what, lang, count);
    if shown {
        show(&bar);
    }
    bar
}

fn show(bar: &ProgressBar) {
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar.enable_steady_tick(Duration::from_millis(200));
}

fn delay() -> Duration {
    std::env::var("TASKS_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(DELAY, Duration::from_millis)
}

/// Sets the bar's description, length and look for `count`.
fn shape(bar: &ProgressBar, what: &Msg, lang: Lang, count: &Count) {
    let template = match count {
        Count::Bytes(total) => {
            bar.set_length(*total);
            "{msg} [{bar:32}] {bytes}/{total_bytes}".to_string()
        }
        Count::Of(total) => {
            bar.set_length(*total);
            "{msg} [{bar:32}] {human_pos}/{human_len}".to_string()
        }
        Count::Open(unit) => {
            bar.unset_length();
            let unit = unit.text(lang).replace('{', "{{").replace('}', "}}");
            format!("{{spinner}} {{msg}}: {{human_pos}} {unit}")
        }
    };
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(crate::render::escape_control(what.text(lang)));
}

/// A reader that counts what is read through it on the running bar: one
/// call per read, which a buffered reader above it makes for each buffer.
pub struct Counted<R>(pub R);

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        advance(n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn off_a_terminal_there_is_no_bar_and_counting_costs_nothing() {
        // `cargo test` captures standard error: not a terminal.
        if std::io::stderr().is_terminal() {
            return;
        }
        let p = Progress::start(Msg::same("work"), Lang::En, Count::Of(10));
        assert!(p.running.is_none());
        assert!(CURRENT.lock().unwrap().is_none());
        assert!(!ACTIVE.load(Ordering::Acquire));
        advance(5);
        p.inc(5);
        p.stage(Msg::same("more"), Count::Open(Msg::same("rows")));
    }

    #[test]
    fn a_counted_reader_reads_what_it_wraps() {
        use std::io::Read;
        let mut text = String::new();
        Counted("abc".as_bytes()).read_to_string(&mut text).unwrap();
        assert_eq!(text, "abc");
    }
}
