//! Every test notice in `tests/data/notices` read, recognised and written
//! as a draft by the library alone, and the draft compared with the plan
//! written by hand for it.

use std::path::{Path, PathBuf};

use crate::lang::Lang;
use crate::plan::{self, Plan};

use super::{draft, read, recognise};

fn keys() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.to_string_lossy().ends_with(".expected.toml") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/notices"),
        &mut out,
    );
    out.sort();
    out
}

fn drafted(notice: &Path) -> Plan {
    let doc = read::read(notice, None).unwrap();
    let stem = notice.file_stem().unwrap().to_string_lossy().into_owned();
    let options = recognise::Options {
        office: None,
        year: None,
        id: None,
        stem,
    };
    let d = recognise::recognise(&doc, &options);
    let name = notice.file_name().unwrap().to_string_lossy().into_owned();
    let text = draft::write(&d, &name, Lang::En);
    // Every mark the summary counts is in the draft.
    assert_eq!(text.matches("# check:").count(), d.check_count(), "{name}");
    plan::parse(&name, text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// The units a task ends up with, as the office counts them: its lead,
/// and the units that support it, under 配合 or 指导.
fn units(t: &plan::Task) -> (String, Vec<String>) {
    let mut support = t.support.clone();
    support.extend(t.others.iter().map(|o| o.name.clone()));
    (t.lead.clone(), support)
}

/// Every test notice of text, Markdown, HTML or Word (.docx; the binary
/// formats need LibreOffice and are left to the command's tests): the draft
/// loads, has the key's tasks and no others, in its order, each with the
/// key's title, parent and units; the plan's 文号, issuer and date are the
/// key's, and its title is the key's or the key's without the issuer.
#[test]
fn every_test_notice_gives_its_key_exactly() {
    let mut read = 0;
    for key in keys() {
        let stem = key
            .to_string_lossy()
            .trim_end_matches(".expected.toml")
            .to_string();
        let want = plan::parse("key", &std::fs::read(&key).unwrap()).unwrap();
        for ext in ["txt", "md", "html", "docx"] {
            let notice = PathBuf::from(format!("{stem}.{ext}"));
            if !notice.exists() {
                continue;
            }
            read += 1;
            let got = drafted(&notice);
            let n = notice.display();
            let (g, w) = (&got.meta, &want.meta);
            assert_eq!(
                (&g.doc_no, &g.issuer, g.issued),
                (&w.doc_no, &w.issuer, w.issued),
                "{n}"
            );
            assert!(
                w.title.ends_with(&g.title),
                "{n}: {} for {}",
                g.title,
                w.title
            );
            assert_eq!(got.sections.len(), want.sections.len(), "{n}");
            let ids = |p: &Plan| p.tasks.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&got), ids(&want), "{n}");
            for (gt, wt) in got.tasks.iter().zip(&want.tasks) {
                assert_eq!(
                    (&gt.title, &gt.parent, units(gt)),
                    (&wt.title, &wt.parent, units(wt)),
                    "{n}: task {}",
                    wt.id
                );
            }
        }
    }
    assert!(read >= 38, "{read} notices");
}
