//! The fuzzing corpus (`fuzz/corpus/`), replayed through the same parsers
//! as the fuzz targets, without libFuzzer: every saved input must still be
//! handled without a panic, with the targets' own checks.

use std::path::{Path, PathBuf};

use tasks::duration::Duration;

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    files.sort();
    assert!(
        files.len() > 50,
        "{}: the corpus is nearly empty",
        dir.display()
    );
    files
}

#[test]
fn the_plan_corpus_replays() {
    for file in inputs("plan") {
        let bytes = std::fs::read(&file).expect("read input");
        if let Err(problems) = tasks::plan::parse("x.toml", &bytes) {
            assert!(!problems.to_string().is_empty(), "{}", file.display());
        }
    }
}

#[test]
fn the_duration_corpus_replays() {
    for file in inputs("duration") {
        let Ok(text) = String::from_utf8(std::fs::read(&file).expect("read input")) else {
            continue; // the target takes text only
        };
        if let Ok(d) = text.parse::<Duration>() {
            assert_eq!(d.to_string(), text, "{}", file.display());
        }
        let _ = tasks::time::parse_at(&text);
        let _ = tasks::time::parse_as_of(&text);
        let _ = tasks::time::parse_date(&text);
    }
}

#[test]
fn the_batch_corpus_replays() {
    for file in inputs("batch") {
        let bytes = std::fs::read(&file).expect("read input");
        for name in ["x.csv", "x.toml", "x.xlsx"] {
            match tasks::batch::read(name, &bytes) {
                Ok(entries) => {
                    for e in &entries {
                        for l in [&e.task, &e.division, &e.status] {
                            if let tasks::batch::Cell::Text(span) = &l.cell {
                                assert!(span.start <= span.end, "{}", file.display());
                                // Spans are in the text as decoded: within
                                // the file when it is UTF-8.
                                if std::str::from_utf8(&bytes).is_ok() {
                                    assert!(span.end <= bytes.len(), "{}", file.display());
                                }
                            }
                        }
                    }
                }
                Err(problems) => {
                    assert!(!problems.is_empty());
                    assert!(!problems.to_string().is_empty());
                }
            }
        }
    }
}
