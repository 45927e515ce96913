use std::ffi::{c_int, c_long};
use std::process::ExitCode;

/// Reading a large plan allocates many small strings; mimalloc handles that
/// in a fraction of the time the system allocator takes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    /// mimalloc's setter of its options (mimalloc.h), in the library the
    /// allocator above links.
    fn mi_option_set(option: c_int, value: c_long);
}

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (the same in its
/// versions 2 and 3).
const MI_OPTION_PURGE_DELAY: c_int = 15;

/// How long, in milliseconds, memory freed stays with the process before
/// it is given back. mimalloc's own default, a second, keeps most of what a
/// report's reading threads free (one allocates what the other frees) until
/// the process ends: a full report of 100,000 tasks peaked at 127 MB with
/// it and at 97 MB with 30 ms, in the same time. Shorter delays saved little
/// more and cost time. `MIMALLOC_PURGE_DELAY` in the environment still wins.
const PURGE_DELAY_MS: c_long = 30;

fn main() -> ExitCode {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: a plain setter of an integer option, which mimalloc allows
        // at any time; it takes no pointers.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
    tasks::run(std::env::args_os())
}
