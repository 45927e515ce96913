//! `tasks import`: notices of several layouts, made by other programs (Word
//! documents by python-docx, binary Word by LibreOffice, GB18030 text),
//! read into draft plans and compared with plans written by hand.

use std::path::{Path, PathBuf};

use crate::support::Env;

const NOTICES: &str = "tests/data/notices";

fn notice(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(NOTICES)
        .join(name)
        .display()
        .to_string()
}

/// A plan file's tasks by id.
fn tasks_of(text: &str) -> Vec<toml::Table> {
    let doc: toml::Table = toml::from_str(text).expect("a TOML plan");
    doc.get("task")
        .and_then(|t| t.as_array())
        .map(|a| a.iter().filter_map(|t| t.as_table().cloned()).collect())
        .unwrap_or_default()
}

fn field<'a>(t: &'a toml::Table, name: &str) -> Option<&'a str> {
    t.get(name).and_then(|v| v.as_str())
}

/// The lead and support a task ends up with: its own, else its parent's.
fn units(t: &toml::Table, all: &[toml::Table]) -> (Option<String>, Vec<String>) {
    let mut at = Some(t);
    for _ in 0..8 {
        let Some(task) = at else { break };
        if let Some(lead) = field(task, "lead") {
            let list = |v: Option<&toml::Value>| -> Vec<String> {
                v.and_then(|s| s.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            // Units under 指导 support, as the plan counts them.
            let mut support = list(task.get("support"));
            if let Some(roles) = task.get("roles").and_then(|r| r.as_table()) {
                support.extend(list(roles.get("指导")));
            }
            return (Some(lead.to_string()), support);
        }
        at = field(task, "parent").and_then(|p| all.iter().find(|x| field(x, "id") == Some(p)));
    }
    (None, Vec::new())
}

/// How the draft compares with the key: tasks exactly right (id, title,
/// lead and support), and the differences.
struct Score {
    right: usize,
    total: usize,
    lost: Vec<String>,
    wrong: Vec<String>,
}

fn score(draft: &str, key: &str) -> Score {
    let (d, k) = (tasks_of(draft), tasks_of(key));
    let mut s = Score {
        right: 0,
        total: k.len(),
        lost: Vec::new(),
        wrong: Vec::new(),
    };
    for want in &k {
        let id = field(want, "id").unwrap_or_default();
        let Some(got) = d.iter().find(|t| field(t, "id") == Some(id)) else {
            s.lost
                .push(format!("{id} {}", field(want, "title").unwrap_or_default()));
            continue;
        };
        let a = (field(got, "title"), units(got, &d));
        let b = (field(want, "title"), units(want, &k));
        if a == b {
            s.right += 1;
        } else {
            s.wrong.push(format!("{id}: got {a:?}, want {b:?}"));
        }
    }
    s
}

fn import(env: &Env, args: &[&str]) -> (String, String) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let r = env.tasks(&all);
    (r.ok().to_string(), r.stderr)
}

#[test]
fn the_sample_notice_gives_the_plan_written_by_hand() {
    let env = Env::new();
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seed-notice.txt");
    let (draft, stderr) = import(&env, &[&seed.display().to_string(), "--office", "办公室"]);
    let key = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/fjdrc-2016-zwgk.toml"),
    )
    .unwrap();
    let s = score(&draft, &key);
    assert_eq!(
        (s.right, s.total),
        (19, 19),
        "lost {:?}, wrong {:?}",
        s.lost,
        s.wrong
    );
    assert!(stderr.contains("19 tasks, 19 with units named"), "{stderr}");
    // The time rules of 2.5 and 3.3: kind, limit, count and date.
    let rules = |text: &str, id: &str| -> Vec<(String, String)> {
        let tasks = tasks_of(text);
        let t = tasks.iter().find(|t| field(t, "id") == Some(id)).unwrap();
        t.get("rule")
            .and_then(|r| r.as_array())
            .map(|a| {
                a.iter()
                    .map(|r| {
                        let r = r.as_table().unwrap();
                        let kind = field(r, "kind").unwrap().to_string();
                        let limit = r
                            .get("within")
                            .map(|v| v.to_string())
                            .or_else(|| {
                                r.get("count")
                                    .map(|c| format!("{c} by {}", r.get("by").unwrap()))
                            })
                            .unwrap();
                        (kind, limit)
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    for id in ["2.5", "3.3"] {
        assert_eq!(rules(&draft, id), rules(&key, id), "{id}");
    }
    // Loaded, the draft shows a division the same tasks as the plan.
    let path = env.write("draft.toml", &draft);
    env.tasks(&["load", &path.display().to_string()]).ok();
    let hand = Env::seeded();
    let ids = |e: &Env| {
        let v = e
            .tasks(&["list", "--division", "法规处", "--format", "json"])
            .json();
        let mut ids: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&env), ids(&hand));
}

/// Every test notice, through the command and in every format it comes
/// in: none of the key's tasks lost, every one exactly right, and the
/// draft loads as it is.
#[test]
fn every_test_notice_comes_out_as_its_key() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(NOTICES);
    let mut keys: Vec<PathBuf> = walk(&dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".expected.toml"))
        .collect();
    keys.sort();
    assert!(keys.len() >= 43, "{keys:?}");
    let (mut right, mut total) = (0, 0);
    let mut report = Vec::new();
    for key in keys {
        let stem = key
            .to_string_lossy()
            .trim_end_matches(".expected.toml")
            .to_string();
        for ext in ["txt", "md", "html", "docx", "doc", "wps", "rtf"] {
            let notice = PathBuf::from(format!("{stem}.{ext}"));
            if !notice.exists() {
                continue;
            }
            if ["doc", "wps", "rtf"].contains(&ext) && soffice().is_none() {
                continue;
            }
            let env = Env::new();
            let (draft, _) = import(&env, &[&notice.display().to_string()]);
            let s = score(&draft, &std::fs::read_to_string(&key).unwrap());
            assert!(s.lost.is_empty(), "{}: lost {:?}", notice.display(), s.lost);
            right += s.right;
            total += s.total;
            report.push(format!(
                "{}: {}/{} {:?}",
                notice.display(),
                s.right,
                s.total,
                s.wrong
            ));
            let path = env.write("draft.toml", &draft);
            env.tasks(&["load", "--dry-run", &path.display().to_string()])
                .ok();
        }
    }
    assert!(right == total, "{right}/{total}\n{}", report.join("\n"));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn gb18030_text_reads_as_its_utf8_source() {
    let env = Env::new();
    let (gb, _) = import(&env, &[&notice("prose-responsible.txt"), "--id", "x"]);
    let (utf8, _) = import(&env, &[&notice("prose-responsible.utf8.txt"), "--id", "x"]);
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&gb), body(&utf8));
    assert!(
        gb.contains("title = \"示例市2018年优化营商环境重点任务分工方案\""),
        "{gb}"
    );
}

/// LibreOffice, when installed (and under CI, where .ci/run installs it).
fn soffice() -> Option<PathBuf> {
    let found = [
        "/usr/bin/soffice",
        "/usr/bin/libreoffice",
        "/usr/lib/libreoffice/program/soffice",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice is required under CI to read .doc and .wps notices"
        );
        eprintln!("skipped: LibreOffice (soffice) is not installed");
    }
    found
}

#[test]
fn binary_word_and_wps_files_read_as_the_docx_they_were_made_from() {
    let Some(soffice) = soffice() else { return };
    let env = Env::new();
    let (docx, _) = import(&env, &[&notice("task-table.docx"), "--id", "x"]);
    for ext in ["doc", "wps"] {
        let (other, _) = import(
            &env,
            &[
                &notice(&format!("task-table.{ext}")),
                "--id",
                "x",
                "--soffice",
                &soffice.display().to_string(),
            ],
        );
        let s = score(&other, &docx);
        assert_eq!(
            (s.right, s.total),
            (13, 13),
            "{ext}: {:?} {:?}",
            s.lost,
            s.wrong
        );
    }
}

#[test]
fn a_binary_file_without_libreoffice_is_refused_with_the_way_out() {
    let env = Env::new();
    let r = env.tasks(&[
        "import",
        &notice("task-table.doc"),
        "--soffice",
        "/nonexistent/soffice",
    ]);
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("could not run /nonexistent/soffice"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
}

#[test]
fn output_goes_to_a_file_that_is_not_replaced_unless_asked() {
    let env = Env::new();
    let out = env.path("plan.toml").display().to_string();
    let md = notice("plain-markdown.md");
    let r = env.tasks(&["import", &md, "--output", &out]);
    r.ok();
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains(&format!("draft written to {out}")),
        "{}",
        r.stderr
    );
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.contains("[[task]]"));
    env.write("plan.toml", "kept");
    let r = env.tasks(&["import", &md, "--output", &out]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("already exists"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "kept");
    env.tasks(&["import", &md, "--output", &out, "--force"])
        .ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
    // The database is not touched.
    assert!(!env.db.exists());
}

#[test]
fn guesses_are_marked_and_nothing_is_dropped_unmarked() {
    let env = Env::new();
    let text = "示例局关于印发2019年工作要点的通知\n\n各科室：\n\n一、重点工作\n\n（一）加强统筹协调，确保按期完成。\n\n（二）做好信息公开。（办公室、法规科负责）\n\n二、工作要求\n\n（一）提高认识。\n\n附件下载\n";
    let path = env.write("n.txt", text);
    let r = env.tasks(&["--lang", "zh", "import", &path.display().to_string()]);
    let draft = r.ok();
    // The item without units: kept, lead 待定, marked.
    let at = draft.find("id = \"1.1\"").unwrap();
    let before = &draft[..at];
    let task_start = before.rfind("[[task]]").unwrap();
    assert!(
        draft[task_start..at].contains("# check: 通知未写明此项的责任单位"),
        "{draft}"
    );
    assert!(
        draft[at..].starts_with("id = \"1.1\"\nsection = \"1\"\ntitle = \"加强统筹协调\""),
        "{draft}"
    );
    assert!(draft.contains("lead = \"待定\""));
    // The lead chosen by order is marked.
    assert!(
        draft.contains("# check: 牵头单位按排在第一位的单位确定（办公室）"),
        "{draft}"
    );
    // The part with no units is a note, marked, with the lines after it.
    assert!(
        draft.contains("# check: 这一部分没有任何条目写明责任单位"),
        "{draft}"
    );
    assert!(
        draft.contains("title = \"工作要求\"\ntext = \"提高认识。\""),
        "{draft}"
    );
    // A stray line is listed at the end, marked.
    assert!(
        draft.contains("# check: 通知中有 1 行未读入任何任务"),
        "{draft}"
    );
    assert!(draft.ends_with("#   附件下载\n"), "{draft}");
    assert!(!draft.contains("以上各组是泛指的单位"), "{draft}");
    assert!(
        r.stderr
            .contains("共 2 项任务，其中 1 项在通知中写明了责任单位"),
        "{}",
        r.stderr
    );
    let plan = env.write("plan.toml", draft);
    env.tasks(&["load", &plan.display().to_string()]).ok();
}

#[test]
fn a_docx_made_by_another_program_keeps_insertions_drops_deletions_and_reads_numbering() {
    let env = Env::new();
    let (draft, _) = import(&env, &[&notice("lines-numbered.docx")]);
    let tasks = tasks_of(&draft);
    let text_of = |id: &str| {
        let t = tasks.iter().find(|t| field(t, "id") == Some(id)).unwrap();
        format!(
            "{}{}",
            field(t, "title").unwrap(),
            field(t, "text").unwrap_or_default()
        )
    };
    assert!(text_of("1.2").contains("和落实"), "{}", text_of("1.2"));
    assert!(!text_of("1.1").contains("积极"), "{}", text_of("1.1"));
    // The 文号 sits in a text box.
    assert!(draft.contains("doc_no = \""), "{draft}");
}

#[test]
fn a_notice_without_items_writes_nothing() {
    let env = Env::new();
    let path = env.write("n.txt", "这是一段没有编号的文字。\n");
    let out = env.path("plan.toml");
    let r = env.tasks(&[
        "import",
        &path.display().to_string(),
        "--output",
        &out.display().to_string(),
    ]);
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("found no tasks"), "{}", r.stderr);
    assert!(!out.exists());
}

#[test]
fn control_characters_in_a_notice_do_not_reach_the_draft() {
    let env = Env::new();
    let path = env.write(
        "n.txt",
        "关于印发\u{1b}[31m测试方案的通知\n各处室：\n一、工作\n（一）做好\u{1b}[2J公开。（办公室负责）\n垃圾行\u{1}\u{2028}尾\u{7}\n",
    );
    let (draft, _) = import(&env, &[&path.display().to_string()]);
    assert!(
        !draft
            .chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{2028}'),
        "{draft:?}"
    );
    assert!(draft.contains("title = \"测试方案\""), "{draft}");
    assert!(draft.contains("title = \"做好公开\""), "{draft}");
    assert!(draft.contains("#   垃圾行 尾\n"), "{draft}");
    let plan = env.write("plan.toml", &draft);
    env.tasks(&["load", "--dry-run", &plan.display().to_string()])
        .ok();
}
