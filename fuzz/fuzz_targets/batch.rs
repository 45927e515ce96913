//! The return-file reader on arbitrary bytes, read as CSV, as TOML and as a
//! workbook: it returns entries or problems, and never panics. Every span it
//! reports is ordered, and the problems render to a message as `tasks
//! feedback --from` prints them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tasks::batch::Cell;

fuzz_target!(|bytes: &[u8]| {
    for name in ["x.csv", "x.toml", "x.xlsx"] {
        match tasks::batch::read(name, bytes) {
            Ok(entries) => {
                for e in &entries {
                    let cells = [&e.task, &e.division, &e.status]
                        .into_iter()
                        .chain([&e.percent, &e.note, &e.by, &e.at].into_iter().flatten());
                    for l in cells {
                        if let Cell::Text(span) = &l.cell {
                            assert!(span.start <= span.end, "span {span:?}");
                        }
                    }
                }
            }
            Err(problems) => {
                assert!(!problems.is_empty());
                let _ = problems.to_string();
            }
        }
    }
});
