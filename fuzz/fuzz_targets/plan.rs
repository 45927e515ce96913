//! The plan file parser and validator on arbitrary bytes: it returns a plan
//! or a list of problems, and never panics. The problems render to text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match tasks::plan::parse("fuzz.toml", data) {
        Ok(plan) => {
            assert!(!plan.tasks.is_empty());
        }
        Err(errors) => {
            let _ = errors.to_string();
        }
    }
});
