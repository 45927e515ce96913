//! `tasks remind`: whom reminders go to, what they say, the files they are
//! written to, and their records.

use std::io::Read;
use std::path::Path;

use crate::support::{at, json_at, Env, SEED_PLAN};

/// A plan whose office leads a task, with a group of members (the office
/// among them), a group without members, and divisions whose names are no
/// file names.
const PLAN: &str = r#"[plan]
id = "cuiban"
title = "催办测试方案"
doc_no = "测发〔2016〕1号"
issuer = "测试委员会"
issued = 2016-06-01
office = "办公室"
due = 2016-12-31

[[division]]
name = "办公室"

[[division]]
name = "法规处"
aliases = ["政策法规处"]

[[division]]
name = "甲处"

[[division]]
name = "乙处"

[[division]]
name = "a/b"

[[division]]
name = "../逃逸"

[[group]]
name = "业务组"
members = ["甲处", "乙处", "办公室"]

[[group]]
name = "空组"
members = []

[[section]]
id = "1"
title = "重点工作"
role = "lead"

[[task]]
id = "t1"
section = "1"
title = "办公室牵头的任务"
lead = "办公室"
support = ["法规处"]
due = 2016-10-10

[[task]]
id = "t2"
section = "1"
title = "业务组牵头的任务"
lead = "业务组"
due = 2016-10-10

[[task]]
id = "t3"
section = "1"
title = "空组牵头的任务"
lead = "空组"
due = 2016-10-10

[[task]]
id = "t4"
section = "1"
title = "名字古怪的处室"
lead = "a/b"
support = ["../逃逸"]
due = 2016-10-10

[[task]]
id = "t5"
section = "1"
title = "甲处牵头、业务组配合"
lead = "甲处"
support = ["业务组"]
due = 2016-10-18
"#;

/// When the reminders are sent: t1–t4 are 2 days late, t5 is due soon.
const WHEN: &str = "2016-10-12T09:00";

fn env() -> Env {
    let env = Env::new();
    env.write("cuiban.toml", PLAN);
    env.tasks(&["load", "cuiban.toml"]).ok();
    env
}

/// Runs a command at `WHEN`, expecting it to succeed; returns (stdout,
/// stderr).
#[track_caller]
fn run(env: &Env, args: &[&str]) -> (String, String) {
    let out = env.tasks_at(WHEN, args);
    out.ok();
    (out.stdout, out.stderr)
}

/// Runs a command at `WHEN`, expecting it to be refused; returns stderr.
#[track_caller]
fn refused(env: &Env, args: &[&str]) -> String {
    let out = env.tasks_at(WHEN, args);
    assert_eq!(
        out.status, 2,
        "stdout: {}\nstderr: {}",
        out.stdout, out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    out.stderr
}

/// The notices of a text run, each from its title.
fn notices(text: &str) -> Vec<String> {
    text.split(&format!("\n{}\n\n", "-".repeat(40)))
        .map(str::to_string)
        .collect()
}

/// The division a notice is addressed to.
fn addressee(notice: &str) -> String {
    notice
        .lines()
        .find_map(|l| l.strip_prefix("To:   "))
        .expect("To: line")
        .to_string()
}

/// The names of the files in a folder, sorted.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The XML of a .docx file's document part.
fn docx_xml(path: &Path) -> String {
    let file = std::fs::File::open(path).expect("open docx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip package");
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
    ] {
        assert!(zip.by_name(part).is_ok(), "{part} missing");
    }
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    xml
}

/// The text of a paragraph-structured XML, without its tags.
fn xml_text(xml: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

// ------------------------------------------------------------- addressing

#[test]
fn reminders_go_to_the_divisions_that_owe_the_work() {
    let env = env();
    let (out, err) = run(&env, &["remind"]);
    let notices = notices(&out);
    let to: Vec<String> = notices.iter().map(|n| addressee(n)).collect();
    // In the plan's order of divisions; never the office, never a group.
    assert_eq!(to, ["法规处", "甲处", "乙处", "a/b", "../逃逸"]);
    // The office's own task goes to its supporting division only.
    let legal = &notices[0];
    assert!(
        legal.contains(
            "Task t1 “办公室牵头的任务” (support): overdue, deadline 2016-10-10, 2 days late."
        ),
        "{legal}"
    );
    assert!(!legal.contains("t2"), "{legal}");
    // A group with members: one reminder to each member, naming the group.
    let jia = &notices[1];
    assert!(
        jia.contains("Task t2 “业务组牵头的任务” (lead, as one of 业务组): overdue"),
        "{jia}"
    );
    // A division both assigned directly and through a group is reminded
    // once, as it is assigned itself.
    assert_eq!(jia.matches("Task t5").count(), 1, "{jia}");
    assert!(
        jia.contains(
            "Task t5 “甲处牵头、业务组配合” (lead): due soon, deadline 2016-10-18, 6 days left."
        ),
        "{jia}"
    );
    let yi = &notices[2];
    assert!(
        yi.contains("Task t5 “甲处牵头、业务组配合” (support, as one of 业务组): due soon"),
        "{yi}"
    );
    assert!(
        yi.contains("the following 2 tasks of your division are overdue or due soon:"),
        "{yi}"
    );
    // The office and the empty group: said on stderr, with the plan and
    // the tasks left out.
    assert_eq!(
        err,
        "note: 办公室 is the office of plan cuiban and sends the reminders: none is addressed to it for its own tasks (t1 t2 t5); `tasks check` lists them\n\
         warning: group 空组 of plan cuiban has no members, so no reminder is addressed to it (tasks t3): list its members in the plan file's `[[group]]` table and load it again\n"
    );
    assert!(!out.contains("To:   办公室"), "{out}");
    assert!(!out.contains("空组"), "{out}");
}

#[test]
fn the_stderr_notes_follow_the_language() {
    let env = env();
    let (_, err) = run(&env, &["--lang", "zh", "remind"]);
    assert_eq!(
        err,
        "提示：办公室是方案 cuiban 的汇总处室，负责发出催办，不向自身催办（任务 t1 t2 t5），可用 `tasks check` 查看\n\
         警告：方案 cuiban 的处室组“空组”未列出成员，未向其发出催办（任务 t3）：请在方案文件的 `[[group]]` 表中列出成员后重新载入\n"
    );
}

#[test]
fn division_picks_a_division_or_the_members_of_a_group() {
    let env = env();
    let (out, err) = run(&env, &["remind", "--division", "政策法规处"]);
    assert_eq!(notices(&out).len(), 1);
    assert_eq!(addressee(&out), "法规处");
    // Only the notes of the whole run speak of what is left out.
    assert_eq!(err, "");
    let (out, _) = run(&env, &["remind", "--division", "业务组"]);
    let to: Vec<String> = notices(&out).iter().map(|n| addressee(n)).collect();
    assert_eq!(to, ["甲处", "乙处"]);
    // The office and a group without members are refused, each with why.
    assert_eq!(
        refused(&env, &["remind", "--division", "办公室"]),
        "error: 办公室 is the office of plan cuiban: it sends the reminders and is not sent one (see `tasks check` for its own items)\n"
    );
    assert_eq!(
        refused(&env, &["remind", "--division", "空组"]),
        "error: group 空组 of plan cuiban has no members, so no reminder can be addressed to it: list its members in the plan file's `[[group]]` table and load it again\n"
    );
    assert_eq!(
        refused(&env, &["--lang", "zh", "remind", "--division", "人事处"]),
        "错误：已载入的方案中没有处室或处室组“人事处”\n"
    );
}

// ------------------------------------------------------------- wording

#[test]
fn a_chinese_reminder_reads_as_an_office_sends_it() {
    let env = env();
    let (out, _) = run(
        &env,
        &[
            "--lang",
            "zh",
            "remind",
            "--division",
            "甲处",
            "--reply-by",
            "2016-10-14",
        ],
    );
    let lines: Vec<&str> = out.lines().collect();
    // 标题, 主送, 正文, 落款, 日期.
    assert_eq!(lines[0].trim(), "催办通知");
    assert_eq!(lines[2], "甲处：");
    assert_eq!(
        lines[3].trim(),
        "按照《催办测试方案》（测发〔2016〕1号）分工，截至2016年10月12日，你处承担的以下2项任务已逾期或即将到期，现予催办："
    );
    assert_eq!(
        lines[5].trim(),
        "1. 任务t2“业务组牵头的任务”（业务组牵头）：逾期，时限2016年10月10日，逾期2天。"
    );
    assert_eq!(
        lines[6].trim(),
        "2. 任务t5“甲处牵头、业务组配合”（牵头）：即将到期，时限2016年10月18日，剩6天。"
    );
    assert_eq!(
        lines[8].trim(),
        "请抓紧推进，确保按时限完成，并于2016年10月14日前将办理情况反馈办公室。"
    );
    assert_eq!(lines[10].trim(), "测试委员会办公室");
    assert_eq!(lines[11].trim(), "2016年10月12日");
    // A name longer than the date ends two characters from the right, the
    // date centred under it (GB/T 9704); the layout is 64 columns wide.
    let right = |l: &str| 64 - unicode_width(l);
    assert_eq!(right(lines[10]), 4);
    assert_eq!(right(lines[11]), 4 + (16 - 14) / 2);
    assert_eq!(lines.len(), 12);
    // English dates stay ISO.
    let (en, _) = run(
        &env,
        &["remind", "--division", "甲处", "--reply-by", "2016-10-14"],
    );
    assert!(en.contains("Date: 2016-10-12\n"), "{en}");
    assert!(en.contains("deadline 2016-10-10, 2 days late"), "{en}");
    assert!(
        en.contains("report progress to 办公室 by 2016-10-14."),
        "{en}"
    );
    assert!(en.ends_with("\n办公室, 测试委员会\n2016-10-12\n"), "{en}");
    assert!(!en.contains('年'), "{en}");
}

/// The Markdown files under a folder, at any depth.
fn markdown_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found
}

fn unicode_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

#[test]
fn the_reply_date_comes_from_the_plans_feedback_day() {
    let env = Env::new();
    env.write(
        "m.toml",
        PLAN.replace(
            "due = 2016-12-31\n",
            "due = 2016-12-31\nfeedback = \"monthly\"\nfeedback_day = 25\n",
        ),
    );
    env.tasks(&["load", "m.toml"]).ok();
    let (out, _) = run(&env, &["--lang", "zh", "remind", "--division", "法规处"]);
    assert!(
        out.contains("并于2016年10月25日前将办理情况反馈办公室。"),
        "{out}"
    );
    // Without a cadence, and without --reply-by: no date is made up.
    let env = self::env();
    let (out, _) = run(&env, &["--lang", "zh", "remind", "--division", "法规处"]);
    assert!(out.contains("并及时将办理情况反馈办公室。"), "{out}");
    // A reply date before the reminder's own is refused.
    assert_eq!(
        refused(&env, &["remind", "--reply-by", "2016-10-01"]),
        "error: --reply-by 2016-10-01 is before the reminders' date (2016-10-12): give a later date\n"
    );
}

#[test]
fn markdown_has_the_heading_table_and_signature() {
    let env = env();
    let (out, _) = run(
        &env,
        &[
            "--lang",
            "zh",
            "remind",
            "--division",
            "甲处",
            "--format",
            "md",
        ],
    );
    assert!(
        out.starts_with("# 催办通知\n\n**甲处**：\n\n按照《催办测试方案》（测发〔2016〕1号）分工"),
        "{out}"
    );
    assert!(out.contains("| 序号 | 任务编号 | 任务名称 | 承担方式 | 催办事项 | 时限 | 情况 |\n| --- | --- | --- | --- | --- | --- | --- |\n"), "{out}");
    assert!(
        out.contains(
            "| 1 | t2 | 业务组牵头的任务 | 业务组牵头 | 逾期 | 2016年10月10日 | 逾期2天 |\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "| 2 | t5 | 甲处牵头、业务组配合 | 牵头 | 即将到期 | 2016年10月18日 | 剩6天 |\n"
        ),
        "{out}"
    );
    assert!(
        out.ends_with("测试委员会办公室  \n2016年10月12日\n"),
        "{out}"
    );
    // A name Markdown would read as markup is escaped.
    let (out, _) = run(&env, &["remind", "--division", "a/b", "--format", "md"]);
    assert!(out.contains("**To:** a/b  \n"), "{out}");
    let (out, _) = run(&env, &["remind", "--format", "md"]);
    assert_eq!(out.matches("# REMINDER\n").count(), 5, "{out}");
    assert_eq!(out.matches("\n---\n\n# REMINDER").count(), 4, "{out}");
}

// ------------------------------------------------------------- files

#[test]
fn output_dir_writes_one_file_per_division_with_safe_names() {
    let env = env();
    let dir = env.path("催办");
    let before = env.snapshot();
    let (out, _) = run(
        &env,
        &[
            "--lang",
            "zh",
            "remind",
            "--output-dir",
            "催办",
            "--format",
            "md",
        ],
    );
    assert_eq!(
        files_in(&dir),
        [".._逃逸.md", "a_b.md", "乙处.md", "法规处.md", "甲处.md"]
    );
    // Nothing was written outside the folder (no 逃逸.md above it, no a/).
    assert_eq!(markdown_files(env.dir.path()).len(), 5);
    assert!(markdown_files(env.dir.path())
        .iter()
        .all(|p| p.parent() == Some(dir.as_path())));
    assert!(!env.path("逃逸.md").exists());
    assert!(!env.path("a").exists() && !dir.join("a").exists());
    let legal = std::fs::read_to_string(dir.join("法规处.md")).unwrap();
    assert!(legal.starts_with("# 催办通知\n\n**法规处**："), "{legal}");
    assert!(!legal.contains("甲处"), "{legal}");
    let odd = std::fs::read_to_string(dir.join(".._逃逸.md")).unwrap();
    assert!(odd.contains("**../逃逸**："), "{odd}");
    // One line per file on stdout.
    assert!(
        out.contains("催办/法规处.md：致法规处的催办通知，1 项任务\n"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 5, "{out}");
    // Reading commands write nothing to the database.
    assert_eq!(env.snapshot(), before);
}

#[test]
fn an_existing_file_is_replaced_whole() {
    let env = env();
    let dir = env.path("out");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("法规处.txt"),
        "old notice, much longer than the new one ".repeat(200),
    )
    .unwrap();
    std::fs::write(dir.join("其他.txt"), "kept").unwrap();
    run(&env, &["remind", "--output-dir", "out"]);
    let legal = std::fs::read_to_string(dir.join("法规处.txt")).unwrap();
    assert!(legal.starts_with("REMINDER\n\nTo:   法规处\n"), "{legal}");
    assert!(!legal.contains("old notice"), "{legal}");
    assert_eq!(
        std::fs::read_to_string(dir.join("其他.txt")).unwrap(),
        "kept"
    );
    // No temporary file is left behind.
    assert!(
        files_in(&dir).iter().all(|n| !n.ends_with(".part")),
        "{:?}",
        files_in(&dir)
    );
    // Several plans: the plan's id leads each name.
    env.tasks(&["load", SEED_PLAN]).ok();
    let (out, _) = run(
        &env,
        &["--as-of", "2016-12-26", "remind", "--output-dir", "both"],
    );
    let names = files_in(&env.path("both"));
    assert!(
        names.contains(&"cuiban_法规处.txt".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"fjdrc-2016-zwgk_法规处.txt".to_string()),
        "{names:?}"
    );
    assert!(out.contains("fjdrc-2016-zwgk_法规处.txt"), "{out}");
}

#[test]
fn a_docx_holds_the_division_the_tasks_and_the_dates() {
    let env = env();
    run(
        &env,
        &[
            "--lang",
            "zh",
            "remind",
            "--output-dir",
            "docx",
            "--format",
            "docx",
            "--reply-by",
            "2016-10-14",
        ],
    );
    let dir = env.path("docx");
    assert_eq!(
        files_in(&dir),
        [
            ".._逃逸.docx",
            "a_b.docx",
            "乙处.docx",
            "法规处.docx",
            "甲处.docx"
        ]
    );
    let xml = docx_xml(&dir.join("甲处.docx"));
    let text = xml_text(&xml);
    for want in [
        "催办通知",
        "甲处：",
        "测发〔2016〕1号",
        "t2",
        "t5",
        "业务组牵头的任务",
        "2016年10月10日",
        "2016年10月18日",
        "2016年10月14日前",
        "测试委员会办公室",
        "2016年10月12日",
        "逾期2天",
    ] {
        assert!(text.contains(want), "{want} not in {text}");
    }
    // A table with its header repeated on each page, on A4.
    assert!(
        xml.contains("<w:tbl>") && xml.contains("<w:tblHeader/>"),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#),
        "{xml}"
    );
    // Names are escaped for XML.
    let odd = docx_xml(&dir.join("a_b.docx"));
    assert!(xml_text(&odd).contains("a/b："), "{odd}");
    // The same notice makes the same bytes.
    let first = std::fs::read(dir.join("甲处.docx")).unwrap();
    run(
        &env,
        &[
            "--lang",
            "zh",
            "remind",
            "--output-dir",
            "docx",
            "--format",
            "docx",
            "--reply-by",
            "2016-10-14",
        ],
    );
    assert_eq!(std::fs::read(dir.join("甲处.docx")).unwrap(), first);
}

#[test]
fn a_docx_on_standard_output_has_a_page_per_division() {
    let env = env();
    let out = env
        .command_at(WHEN, &["remind", "--format", "docx"])
        .output()
        .expect("run tasks");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = env.write("all.docx", &out.stdout);
    let xml = docx_xml(&path);
    assert_eq!(xml.matches("<w:pageBreakBefore/>").count(), 4);
    let text = xml_text(&xml);
    for division in ["法规处", "甲处", "乙处", "a/b", "../逃逸"] {
        assert!(
            text.contains(&format!("To: {division}")),
            "{division}: {text}"
        );
    }
}

/// LibreOffice, if installed, reads the document as a clerk's word
/// processor would: its text is the notice's. Without it the test says so
/// and passes, except under CI (`CI` set), where LibreOffice is required.
#[test]
fn libreoffice_reads_the_docx() {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(soffice) = soffice else {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice (soffice) is required under CI to check the .docx reminders"
        );
        println!("note: soffice not found; the .docx was not opened in LibreOffice");
        return;
    };
    let env = env();
    run(
        &env,
        &[
            "--lang",
            "zh",
            "remind",
            "--division",
            "甲处",
            "--output-dir",
            "lo",
            "--format",
            "docx",
        ],
    );
    let profile = env.path("lo-profile");
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(env.path("lo"))
        .arg(env.path("lo").join("甲处.docx"))
        .env("HOME", env.dir.path())
        .output()
        .expect("run soffice");
    let txt = env.path("lo").join("甲处.txt");
    if !txt.exists() {
        // LibreOffice without Writer (only Calc, say) cannot read it.
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice Writer is required under CI to check the .docx reminders; soffice said: {said}"
        );
        println!(
            "note: {soffice} could not read the .docx (is LibreOffice Writer installed?): {said}"
        );
        return;
    }
    let text = std::fs::read_to_string(&txt).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    for want in [
        "催办通知",
        "甲处：",
        "按照《催办测试方案》（测发〔2016〕1号）分工，截至2016年10月12日",
        "t2",
        "业务组牵头的任务",
        "2016年10月10日",
        "逾期2天",
        "t5",
        "2016年10月18日",
        "测试委员会办公室",
    ] {
        assert!(text.contains(want), "{want} not in {text}");
    }
}

// ------------------------------------------------------------- records

#[test]
fn record_numbers_each_reminder_and_history_and_report_show_them() {
    let env = env();
    at(
        &env,
        "2016-10-11T10:00",
        &[
            "feedback",
            "t4",
            "--division",
            "a/b",
            "--status",
            "in-progress",
        ],
    );
    // #1 is the entry above; the reminders take the next numbers, in the
    // order they are sent.
    let out = env.tasks_at(WHEN, &["remind", "--record"]);
    out.ok();
    assert_eq!(
        out.stderr
            .lines()
            .filter(|l| l.starts_with("recorded reminder"))
            .collect::<Vec<_>>(),
        [
            "recorded reminder #2 to 法规处 (1 task)",
            "recorded reminder #3 to 甲处 (2 tasks)",
            "recorded reminder #4 to 乙处 (2 tasks)",
            "recorded reminder #5 to a/b (1 task)",
            "recorded reminder #6 to ../逃逸 (1 task)",
        ]
    );
    assert!(
        out.stdout.contains("No. #3\n\nTo:   甲处\n"),
        "{}",
        out.stdout
    );
    // Into files: each file's line says its number.
    let (files, _) = run(
        &env,
        &[
            "--lang",
            "zh",
            "remind",
            "--division",
            "甲处",
            "--record",
            "--output-dir",
            "d",
        ],
    );
    assert_eq!(
        files,
        "d/甲处.txt：致甲处的催办通知，2 项任务，已登记为 #7\n"
    );
    let notice = std::fs::read_to_string(env.path("d").join("甲处.txt")).unwrap();
    assert!(notice.contains("（编号：#7）"), "{notice}");
    // history: the reminders that named the task, with the division
    // reminded and the group it was reminded through.
    let history = json_at(&env, "2016-10-13", &["history", "t2", "--format", "json"]);
    let reminders: Vec<(i64, String, String, String)> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["kind"] == "reminder")
        .map(|h| {
            (
                h["number"].as_i64().unwrap(),
                h["who"].as_str().unwrap().to_string(),
                h["assignee"].as_str().unwrap_or("").to_string(),
                h["what"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        reminders,
        [
            (3, "甲处".into(), "业务组".into(), "overdue".into()),
            (4, "乙处".into(), "业务组".into(), "overdue".into()),
            (7, "甲处".into(), "业务组".into(), "overdue".into()),
        ]
    );
    let table = at(&env, "2016-10-13", &["--lang", "zh", "history", "t2"]);
    assert!(table.contains("催办"), "{table}");
    assert!(table.contains("逾期"), "{table}");
    assert!(table.contains("时限 2016-10-10"), "{table}");
    // report: reminders per division, and in all.
    let counts = |when: &str| -> Vec<(String, i64)> {
        let report = json_at(
            &env,
            when,
            &["report", "--by", "division", "--format", "json"],
        );
        let plan = &report["plans"][0];
        let mut counts: Vec<(String, i64)> = plan["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["key"].as_str().unwrap().to_string(),
                    f["reminders"].as_i64().unwrap(),
                )
            })
            .collect();
        counts.push(("total".into(), plan["total"]["reminders"].as_i64().unwrap()));
        counts
    };
    let now = counts("2016-10-13");
    assert!(now.contains(&("甲处".into(), 2)), "{now:?}");
    assert!(now.contains(&("乙处".into(), 1)), "{now:?}");
    assert!(now.contains(&("办公室".into(), 0)), "{now:?}");
    assert!(now.contains(&("业务组".into(), 0)), "{now:?}");
    assert!(now.contains(&("total".into(), 6)), "{now:?}");
    // As of before they were sent: none.
    assert!(counts("2016-10-11").contains(&("total".into(), 0)));
    let table = at(
        &env,
        "2016-10-13",
        &["--lang", "zh", "report", "--by", "division", "--summary"],
    );
    assert!(table.contains("催办次数"), "{table}");
    let csv = at(
        &env,
        "2016-10-13",
        &["report", "--by", "division", "--summary", "--format", "csv"],
    );
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",completion,reminders"),
        "{csv}"
    );
    let jia = csv.lines().find(|l| l.starts_with("cuiban,甲处,")).unwrap();
    assert!(jia.ends_with(",0,2"), "{jia}");
    // The workbook's table by division has them too.
    at(
        &env,
        "2016-10-13",
        &["report", "--format", "xlsx", "--output", "r.xlsx"],
    );
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(env.path("r.xlsx")).unwrap();
    use calamine::Reader;
    let sheet = book.worksheet_range("Summary").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let header = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "Division"))
        .expect("the table by division");
    let col = header
        .iter()
        .position(|h| h == "Reminders")
        .expect("a Reminders column");
    let jia = rows
        .iter()
        .find(|r| r.first().is_some_and(|c| c == "甲处"))
        .unwrap();
    assert_eq!(jia[col], "2");
    // By section, no reminders are counted.
    let by_section = json_at(&env, "2016-10-13", &["report", "--format", "json"]);
    assert!(by_section["plans"][0]["total"].get("reminders").is_none());
}

#[test]
fn a_recorded_reminder_is_voided_like_any_record() {
    let env = env();
    run(&env, &["remind", "--division", "甲处", "--record"]);
    run(&env, &["remind", "--division", "甲处", "--record"]);
    let out = at(
        &env,
        "2016-10-12T10:00",
        &["void", "#2", "--reason", "sent twice", "--by", "王主任"],
    );
    assert_eq!(out, "Voided reminder #2 (void #3): sent twice.\n");
    let report = json_at(
        &env,
        "2016-10-13",
        &["report", "--by", "division", "--format", "json"],
    );
    let jia = report["plans"][0]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "甲处")
        .unwrap()
        .clone();
    assert_eq!(jia["reminders"], 1);
    // history shows it voided, and the void.
    let history = json_at(&env, "2016-10-13", &["history", "t5", "--format", "json"]);
    let second = history
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["number"] == 2)
        .unwrap();
    assert_eq!(second["voided_by"], 3);
    let void = history
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["number"] == 3)
        .unwrap();
    assert_eq!(
        (void["kind"].as_str(), void["what"].as_str()),
        (Some("void"), Some("reminder"))
    );
    let zh = at(&env, "2016-10-13", &["--lang", "zh", "history", "t5"]);
    assert!(
        zh.contains("撤销 #2") && zh.contains("催办（已被 #3 撤销）"),
        "{zh}"
    );
    // A void is final; --plan guards as for the other records.
    let out = env.tasks_at("2016-10-12T11:00", &["void", "2", "--reason", "again"]);
    assert_eq!(out.status, 2);
    let out = env.tasks_at(
        "2016-10-12T11:00",
        &["void", "1", "--reason", "x", "--plan", "other"],
    );
    assert_eq!(out.status, 2, "{}", out.stdout);
}

#[test]
fn without_record_nothing_is_written_to_the_database() {
    let env = env();
    let before = env.snapshot();
    let db = std::fs::read(&env.db).unwrap();
    for args in [
        vec!["remind"],
        vec!["--lang", "zh", "remind", "--format", "md"],
        vec!["remind", "--output-dir", "d1", "--format", "docx"],
        vec!["remind", "--output-dir", "d2", "--dry-run"],
        vec!["--as-of", "2016-10-20", "remind", "--division", "甲处"],
    ] {
        let out = env.tasks_at(WHEN, &args);
        assert_eq!(out.status, 0, "{args:?}: {}", out.stderr);
    }
    assert_eq!(env.snapshot(), before);
    assert_eq!(std::fs::read(&env.db).unwrap(), db);
    // The dry run wrote no file, and made no folder.
    assert!(!env.path("d2").exists());
}

#[test]
fn a_dry_run_says_what_would_be_written() {
    let env = env();
    let (out, _) = run(
        &env,
        &[
            "remind",
            "--output-dir",
            "d",
            "--dry-run",
            "--format",
            "docx",
        ],
    );
    assert_eq!(
        out,
        "would write d/法规处.docx: reminder to 法规处, 1 task\n\
         would write d/甲处.docx: reminder to 甲处, 2 tasks\n\
         would write d/乙处.docx: reminder to 乙处, 2 tasks\n\
         would write d/a_b.docx: reminder to a/b, 1 task\n\
         would write d/.._逃逸.docx: reminder to ../逃逸, 1 task\n"
    );
    assert!(!env.path("d").exists());
}

// ------------------------------------------------------------- refusals

#[test]
fn record_is_refused_with_as_of_or_a_dry_run_and_records_nothing() {
    let env = env();
    let before = env.snapshot();
    assert_eq!(
        refused(&env, &["--as-of", "2016-10-12", "remind", "--record"]),
        "error: --record records the reminders as sent now; --as-of only sets the viewpoint of reading commands: drop --as-of to record, or --record to look back (scripts set the clock with TASKS_NOW=WHEN)\n"
    );
    assert_eq!(
        refused(&env, &["remind", "--record", "--dry-run"]),
        "error: --record and --dry-run contradict each other: a dry run writes and records nothing; drop one of them\n"
    );
    assert_eq!(
        refused(&env, &["--lang", "zh", "remind", "--record", "--dry-run"]),
        "错误：--record 与 --dry-run 互相矛盾：试运行不写文件也不登记；请去掉其中之一\n"
    );
    // A clock set later than the real one is refused for a record.
    let out = env.tasks_at("2999-01-01", &["remind", "--record"]);
    assert_eq!(out.status, 2);
    assert!(
        out.stderr.contains("TASKS_NOW sets the clock"),
        "{}",
        out.stderr
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn bad_destinations_and_formats_are_refused() {
    let env = env();
    env.write("a-file", "not a folder");
    let before = env.snapshot();
    assert_eq!(
        refused(&env, &["remind", "--output-dir", "a-file"]),
        "error: a-file is not a folder: --output-dir takes a folder (created if missing), one file per division is written into it\n"
    );
    // Refused before anything is recorded.
    refused(&env, &["remind", "--output-dir", "a-file", "--record"]);
    assert_eq!(env.snapshot(), before);
    let stderr = refused(&env, &["remind", "--output-dir", ""]);
    assert!(
        stderr.starts_with("error: a value is required for '--output-dir <DIR>'"),
        "{stderr}"
    );
    // A folder whose parent is missing is not made.
    let stderr = refused(&env, &["remind", "--output-dir", "no/such/dir"]);
    let last = stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: cannot create the folder no/such/dir: "),
        "{stderr}"
    );
    assert!(!env.path("no").exists());
    let stderr = refused(&env, &["remind", "--format", "pdf"]);
    assert!(
        stderr.contains("invalid value 'pdf' for '--format <FORMAT>'"),
        "{stderr}"
    );
    assert!(
        stderr.contains("[possible values: text, md, docx]"),
        "{stderr}"
    );
    let stderr = refused(&env, &["remind", "--reply-by", "next week"]);
    assert!(stderr.contains("--reply-by"), "{stderr}");
    assert_eq!(env.snapshot(), before);
}

// ------------------------------------------------------------- migration

/// A database of schema 7 (before reminders) keeps its voids when it is
/// migrated, and its records can then be reminded of and voided.
#[test]
fn a_schema_7_database_takes_reminders_when_migrated() {
    let env = env();
    at(
        &env,
        "2016-10-11T10:00",
        &[
            "feedback",
            "t4",
            "--division",
            "a/b",
            "--status",
            "in-progress",
        ],
    );
    at(
        &env,
        "2016-10-11T11:00",
        &["void", "1", "--reason", "wrong task"],
    );
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.execute_batch(crate::support::UNDO_SCHEMA_11)
        .expect("back to schema 10");
    conn.execute_batch(
        "DROP TABLE reminder_task; DROP TABLE reminder;
         CREATE TABLE void_7 (
             pk INTEGER PRIMARY KEY, seq INTEGER NOT NULL UNIQUE,
             target INTEGER NOT NULL UNIQUE,
             kind TEXT NOT NULL CHECK (kind IN ('feedback', 'review', 'event', 'import')),
             task_pk INTEGER REFERENCES task(pk), reason TEXT NOT NULL,
             by TEXT NOT NULL DEFAULT '', recorded_at TEXT NOT NULL,
             recorded_by TEXT NOT NULL DEFAULT '');
         INSERT INTO void_7 SELECT * FROM void;
         DROP TABLE void; ALTER TABLE void_7 RENAME TO void;
         CREATE INDEX void_task ON void(task_pk);
         DROP INDEX task_parent; ALTER TABLE task DROP COLUMN parent_pk;
         DROP INDEX task_outcome; ALTER TABLE task DROP COLUMN deliverable;
         ALTER TABLE task DROP COLUMN target; ALTER TABLE assignment DROP COLUMN word;
         PRAGMA user_version = 7;",
    )
    .expect("back to schema 7");
    drop(conn);
    run(&env, &["remind", "--division", "甲处", "--record"]);
    let history = json_at(&env, "2016-10-13", &["history", "t4", "--format", "json"]);
    assert_eq!(history.as_array().unwrap().len(), 2, "{history}");
    assert_eq!(history[1]["what"], "feedback");
    let out = at(&env, "2016-10-12T10:00", &["void", "3", "--reason", "x"]);
    assert!(out.starts_with("Voided reminder #3 (void #4)"), "{out}");
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version as usize, tasks::store::MIGRATIONS.len());
}
