//! The batch feedback reader on arbitrary text, read as CSV and as TOML: it
//! returns entries or problems, and never panics. Every span it reports lies
//! within the text, and the problems render to a message as `tasks feedback
//! --from` prints them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tasks::plan::PlanErrors;

fn within(span: &std::ops::Range<usize>, text: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "span {span:?} outside a text of {} bytes",
        text.len()
    );
}

fuzz_target!(|text: &str| {
    for name in ["x.csv", "x.toml"] {
        match tasks::batch::read(name, text) {
            Ok(entries) => {
                for e in &entries {
                    within(&e.span, text);
                    for l in [&e.task, &e.division, &e.status] {
                        within(&l.span, text);
                    }
                    for l in [&e.percent, &e.note, &e.by, &e.at].into_iter().flatten() {
                        within(&l.span, text);
                    }
                }
            }
            Err(problems) => {
                for span in problems.iter().filter_map(|p| p.span.as_ref()) {
                    within(span, text);
                }
                let _ = PlanErrors {
                    path: name.to_string(),
                    source: text.to_string(),
                    problems,
                    outcome: "nothing was recorded",
                }
                .to_string();
            }
        }
    }
});
