//! Durations and the command line's dates and times on arbitrary text: each
//! parser returns a value or an error, and never panics. An accepted
//! duration prints back as the text it was read from.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tasks::duration::Duration;

fuzz_target!(|text: &str| {
    if let Ok(d) = text.parse::<Duration>() {
        assert_eq!(d.to_string(), text);
    }
    let _ = tasks::time::parse_at(text);
    let _ = tasks::time::parse_as_of(text);
    let _ = tasks::time::parse_date(text);
});
