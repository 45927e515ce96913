//! `tasks form`: blank return forms, read back as a spreadsheet program
//! would read them.

use std::io::Read;
use std::path::Path;

use calamine::{open_workbook, Data, DataType, Range, Reader, Xlsx};

use crate::support::{seed_text, Env, Run};

const ZH_HEADERS: [&str; 10] = [
    "任务编号",
    "任务名称",
    "承担方式",
    "期限",
    "当前状态",
    "状态",
    "进度(%)",
    "情况说明",
    "填报人",
    "填报日期",
];

const EN_HEADERS: [&str; 10] = [
    "task",
    "title",
    "role",
    "due",
    "current status",
    "status",
    "percent",
    "note",
    "by",
    "at",
];

/// The zero-based row of the header; tasks follow it.
const HEADER_ROW: u32 = 3;

/// The form's only sheet.
fn sheet(path: &Path) -> Range<Data> {
    let mut book: Xlsx<_> = open_workbook(path).expect("a workbook");
    assert_eq!(book.sheet_names().len(), 1);
    book.worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable")
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("cell ({row}, {col}) is not text: {other:?}"),
    }
}

fn header(range: &Range<Data>) -> Vec<String> {
    (0..10).map(|c| text(range, HEADER_ROW, c)).collect()
}

/// The task rows: the cells of each row below the header that has a task id.
fn task_rows(range: &Range<Data>) -> Vec<Vec<Data>> {
    let (end, _) = range.end().expect("not empty");
    (HEADER_ROW + 1..=end)
        .map(|r| {
            (0..10)
                .map(|c| range.get_value((r, c)).cloned().unwrap_or(Data::Empty))
                .collect::<Vec<_>>()
        })
        .filter(|cells| !cells[0].is_empty())
        .collect()
}

fn ids(rows: &[Vec<Data>]) -> Vec<String> {
    rows.iter()
        .map(|cells| match &cells[0] {
            Data::String(s) => s.clone(),
            other => panic!("the task id is not text: {other:?}"),
        })
        .collect()
}

/// A file of an .xlsx package, as text.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("open workbook");
    let mut zip = zip::ZipArchive::new(file).expect("a zip package");
    let mut text = String::new();
    zip.by_name(name)
        .expect("part in the package")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

/// The ids of `list --division D` that are still open, in order.
fn open_ids_listed(env: &Env, division: &str) -> Vec<String> {
    let listed = env
        .tasks(&["list", "--division", division, "--format", "json"])
        .json();
    listed
        .as_array()
        .expect("an array")
        .iter()
        .filter(|t| !matches!(t["status"].as_str(), Some("closed" | "withdrawn")))
        .map(|t| t["id"].as_str().expect("id").to_string())
        .collect()
}

/// Closes `task` as the office would: its lead reports it done, the office
/// accepts it.
fn close(env: &Env, task: &str, lead: &str) {
    env.tasks(&["feedback", task, "--division", lead, "--status", "done"])
        .ok();
    env.tasks(&["review", task, "--accept"]).ok();
}

/// The seed plan with 法规处 a member of 各政策起草处室 (lead of 3.3), and a
/// task 1.10 for 法规处 due on 2016-10-31.
fn seed_with_group_and_task_1_10() -> String {
    let text = seed_text().replacen(
        "name = \"各政策起草处室\"\nmembers = []",
        "name = \"各政策起草处室\"\nmembers = [\"法规处\"]",
        1,
    );
    assert!(text.contains("members = [\"法规处\"]"));
    let task = "[[task]]\nid = \"1.10\"\nsection = \"1\"\ntitle = \"第十项任务\"\n\
                text = \"第十项任务的全文。\"\nlead = \"法规处\"\ndue = 2016-10-31\n\n";
    let at = text.find("[[task]]\nid = \"2.1\"").expect("task 2.1");
    format!("{}{task}{}", &text[..at], &text[at..])
}

/// A seeded database reloaded with `seed_with_group_and_task_1_10`.
fn env_with_group() -> Env {
    let env = Env::seeded();
    let plan = env.write("plan.toml", seed_with_group_and_task_1_10());
    env.tasks(&["load", plan.to_str().expect("UTF-8 path")])
        .ok();
    env
}

/// Checks a rejection: exit 2, one line on stderr, nothing on stdout.
#[track_caller]
fn rejected(run: &Run) -> &str {
    assert_eq!(run.status, 2, "stderr: {}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    &run.stderr
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_header_and_preamble_are_in_the_language_asked_for() {
    let env = Env::seeded();
    for (lang, headers) in [("zh", ZH_HEADERS), ("en", EN_HEADERS)] {
        let file = format!("{lang}.xlsx");
        let out = env.tasks(&[
            "--lang",
            lang,
            "--as-of",
            "2016-09-30",
            "form",
            "--division",
            "政策法规处",
            "--output",
            &file,
        ]);
        let range = sheet(&env.path(&file));
        assert_eq!(header(&range), headers, "{lang}");
        let (title, division, plan, as_of, wrote) = match lang {
            "zh" => (
                "2016年政务公开工作分解落实方案 进展情况反馈表",
                "填报单位：法规处",
                "方案：fjdrc-2016-zwgk",
                "截至：2016-09-30",
                "已生成 zh.xlsx：4 项任务。\n",
            ),
            _ => (
                "Progress return: 2016年政务公开工作分解落实方案",
                "Division: 法规处",
                "Plan: fjdrc-2016-zwgk",
                "As of: 2016-09-30",
                "Wrote en.xlsx: 4 tasks.\n",
            ),
        };
        assert_eq!(out.ok(), wrote);
        assert_eq!(text(&range, 0, 0), title);
        assert_eq!(text(&range, 1, 0), division);
        assert_eq!(text(&range, 1, 3), plan);
        assert_eq!(text(&range, 1, 7), as_of);
        let rows = task_rows(&range);
        let roles: Vec<&Data> = rows.iter().map(|r| &r[2]).collect();
        let (lead, support) = match lang {
            "zh" => ("牵头", "配合"),
            _ => ("lead", "support"),
        };
        // 1.7, 2.1 and 2.2 are led by 法规处; it supports 3.5.
        assert_eq!(
            roles,
            [lead, lead, lead, support]
                .map(|r| Data::String(r.into()))
                .iter()
                .collect::<Vec<_>>()
        );
        let current = match lang {
            "zh" => "未启动",
            _ => "not-started",
        };
        assert!(rows.iter().all(|r| r[4] == Data::String(current.into())));
        // The columns to fill in are empty.
        assert!(rows.iter().all(|r| r[5..].iter().all(DataType::is_empty)));
    }
}

#[test]
fn a_form_lists_the_open_tasks_of_the_division_in_plan_order() {
    let env = Env::seeded();
    close(&env, "2.1", "法规处");
    let listed = env
        .tasks(&["list", "--division", "法规处", "--format", "json"])
        .json();
    assert!(
        listed
            .as_array()
            .expect("array")
            .iter()
            .any(|t| t["id"] == "2.1" && t["status"] == "closed"),
        "2.1 is closed and still listed"
    );
    let open = open_ids_listed(&env, "法规处");
    assert_eq!(open, ["1.7", "2.2", "3.5"]);
    env.tasks(&["form", "--division", "法规处", "--output", "f.xlsx"])
        .ok();
    let range = sheet(&env.path("f.xlsx"));
    let rows = task_rows(&range);
    assert_eq!(ids(&rows), open);
    // The due cell is a date, the task's.
    for (row, task) in rows.iter().zip(
        listed
            .as_array()
            .expect("array")
            .iter()
            .filter(|t| t["status"] != "closed"),
    ) {
        assert!(row[3].is_datetime(), "{:?}", row[3]);
        let due = row[3].as_date().expect("a date").to_string();
        assert_eq!(Some(due.as_str()), task["due"].as_str());
    }
}

#[test]
fn a_group_task_reaches_its_member_and_ids_stay_text() {
    let env = env_with_group();
    let run = env.tasks(&[
        "--lang",
        "zh",
        "form",
        "--division",
        "法规处",
        "--output",
        "法规处.xlsx",
    ]);
    let range = sheet(&env.path("法规处.xlsx"));
    let rows = task_rows(&range);
    assert_eq!(ids(&rows), open_ids_listed(&env, "法规处"));
    assert_eq!(ids(&rows), ["1.7", "1.10", "2.1", "2.2", "3.3", "3.5"]);
    assert_eq!(run.ok(), "已生成 法规处.xlsx：6 项任务。\n");
    let row = |id: &str| {
        rows.iter()
            .find(|r| r[0] == Data::String(id.into()))
            .unwrap_or_else(|| panic!("no row {id}"))
    };
    assert_eq!(row("3.3")[2], Data::String("牵头（各政策起草处室）".into()));
    assert_eq!(row("1.10")[2], Data::String("牵头".into()));
    let due = row("1.10")[3].as_date().expect("a date");
    assert_eq!(due.to_string(), "2016-10-31");
    // A group with members reports through them.
    let err = env.tasks(&["form", "--division", "各政策起草处室", "--output", "g.xlsx"]);
    assert!(rejected(&err).contains("法规处"), "{}", err.stderr);
    assert!(!env.path("g.xlsx").exists());
}

#[test]
fn the_workbook_guards_what_calamine_does_not_show() {
    let env = Env::seeded();
    env.tasks(&[
        "--lang",
        "zh",
        "form",
        "--division",
        "法规处",
        "-o",
        "f.xlsx",
    ])
    .ok();
    let path = env.path("f.xlsx");
    let xml = part(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<dataValidation type=\"list\""), "{xml}");
    assert!(
        xml.contains("<formula1>\"未启动,推进中,受阻,已完成\"</formula1>"),
        "{xml}"
    );
    assert!(xml.contains("sqref=\"F5:F8\""), "{xml}");
    assert!(xml.contains("<dataValidation type=\"whole\""), "{xml}");
    assert!(
        xml.contains("<formula1>0</formula1><formula2>100</formula2>"),
        "{xml}"
    );
    assert!(xml.contains("<dataValidation type=\"date\""), "{xml}");
    assert!(xml.contains("error=\"请从下拉列表中选择"), "{xml}");
    assert!(xml.contains("<sheetProtection"), "{xml}");
    assert!(!xml.contains("password"), "{xml}");
    assert!(xml.contains("formatColumns=\"0\"") && xml.contains("formatRows=\"0\""));
    assert!(
        xml.contains("ySplit=\"4\"") && xml.contains("state=\"frozen\""),
        "{xml}"
    );
    assert!(xml.contains("orientation=\"landscape\""), "{xml}");
    assert!(xml.contains("paperSize=\"9\""), "{xml}");
    assert!(xml.contains("fitToPage=\"1\"") && xml.contains("fitToHeight=\"0\""));
    assert!(xml.contains("<mergeCell ref=\"A1:J1\"/>"), "{xml}");
    let book = part(&path, "xl/workbook.xml");
    assert!(
        book.contains("_xlnm.Print_Titles") && book.contains("$4:$4"),
        "{book}"
    );
    // Input cells are unlocked, the task's cells are not.
    let styles = part(&path, "xl/styles.xml");
    let locked = |cell: &str| {
        let styled = format!("<c r=\"{cell}\" s=\"");
        let at = xml
            .find(&styled)
            .unwrap_or_else(|| panic!("no styled cell {cell}"));
        let rest = &xml[at + styled.len()..];
        let index: usize = rest[..rest.find('"').expect("quote")]
            .parse()
            .expect("index");
        let xfs = &styles[styles.find("<cellXfs").expect("cellXfs")..];
        let xfs = &xfs[..xfs.find("</cellXfs>").expect("end")];
        let xf = xfs.split("<xf ").nth(index + 1).expect("the cell's format");
        !xf.contains("locked=\"0\"")
    };
    for cell in ["A5", "B5", "C5", "D5", "E5"] {
        assert!(locked(cell), "{cell}");
    }
    for cell in ["F5", "G5", "H5", "I5", "J5", "J8"] {
        assert!(!locked(cell), "{cell}");
    }
}

#[test]
fn a_csv_form_is_written_for_excel() {
    let env = env_with_group();
    let run = env.tasks(&[
        "--lang",
        "zh",
        "form",
        "--division",
        "法规处",
        "-o",
        "f.csv",
    ]);
    assert_eq!(run.ok(), "已生成 f.csv：6 项任务。\n");
    // Excel would turn 1.10 into 1.1: the user is told.
    assert!(
        run.stderr.contains("1.10") && run.stderr.contains(".xlsx"),
        "{}",
        run.stderr
    );
    let bytes = std::fs::read(env.path("f.csv")).expect("the form");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(text.ends_with("\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], "2016年政务公开工作分解落实方案 进展情况反馈表");
    assert_eq!(lines[1], "填报单位：法规处");
    assert_eq!(lines[2], "方案：fjdrc-2016-zwgk");
    assert_eq!(lines[3], ZH_HEADERS.join(","));
    assert_eq!(
        lines[4],
        "1.7,推进公共资源配置领域信息公开,牵头,2016-12-31,未启动,,,,,"
    );
    assert_eq!(
        lines[8],
        "3.3,主动做好政策解读,牵头（各政策起草处室）,2016-12-31,未启动,,,,,"
    );
    assert_eq!(lines.len(), 4 + 6 + 1);

    let run = env.tasks(&["form", "--division", "法规处", "-o", "en.CSV"]);
    run.ok();
    let text = std::fs::read_to_string(env.path("en.CSV")).expect("the form");
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines[1], "Division: 法规处");
    assert_eq!(lines[2], "Plan: fjdrc-2016-zwgk");
    assert_eq!(lines[3], EN_HEADERS.join(","));
}

#[test]
fn csv_cells_that_would_be_formulas_are_defused() {
    let env = Env::seeded();
    let plan = seed_text().replace(
        "title = \"推进公共资源配置领域信息公开\"",
        "title = \"=HYPERLINK(\\\"http://x\\\")\"",
    );
    assert!(plan.contains("=HYPERLINK"));
    let plan = env.write("plan.toml", plan);
    env.tasks(&["load", plan.to_str().expect("UTF-8")]).ok();
    env.tasks(&["form", "--division", "法规处", "-o", "f.csv"])
        .ok();
    let text = std::fs::read_to_string(env.path("f.csv")).expect("the form");
    assert!(
        text.contains("\r\n1.7,\"'=HYPERLINK(\"\"http://x\"\")\",lead,"),
        "{text}"
    );
}

#[test]
fn all_writes_one_form_per_division_that_reports() {
    let env = env_with_group();
    let run = env.tasks(&["--lang", "zh", "form", "--all", "--output-dir", "表"]);
    let stdout = run.ok();
    let dir = env.path("表");
    // Every division, and the groups without members (they report
    // themselves); 各政策起草处室 now has a member, who reports for it.
    let divisions = env.tasks(&["divisions", "--format", "json"]).json();
    let mut expected: Vec<String> = divisions
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["kind"] == "division" || d["members"].as_array().is_some_and(Vec::is_empty))
        .map(|d| format!("{}.xlsx", d["name"].as_str().expect("name")))
        .collect();
    expected.sort();
    assert_eq!(expected.len(), 11);
    assert!(!expected.contains(&"各政策起草处室.xlsx".to_string()));
    assert_eq!(files_in(&dir), expected);
    assert_eq!(stdout.lines().count(), expected.len());
    assert!(
        stdout.contains(&format!(
            "已生成 {}：6 项任务。",
            Path::new("表").join("法规处.xlsx").display()
        )),
        "{stdout}"
    );
    let range = sheet(&dir.join("新闻中心.xlsx"));
    assert_eq!(text(&range, 1, 0), "填报单位：新闻中心");
    assert_eq!(ids(&task_rows(&range)), open_ids_listed(&env, "新闻中心"));

    // CSV into a folder that exists.
    env.tasks(&["form", "--all", "--output-dir", "表", "--format", "csv"])
        .ok();
    assert_eq!(files_in(&dir).len(), 2 * expected.len());
    let text = std::fs::read_to_string(dir.join("法规处.csv")).expect("the form");
    assert!(text.contains("\r\nDivision: 法规处\r\n"));
}

#[test]
fn a_division_without_open_tasks_gets_an_empty_form_and_a_note() {
    let env = Env::seeded();
    close(&env, "1.1", "信用办");
    let run = env.tasks(&["form", "--division", "信用办", "-o", "f.xlsx"]);
    assert_eq!(run.ok(), "Wrote f.xlsx: 0 tasks.\n");
    assert!(
        run.stderr.contains("信用办 has no open tasks"),
        "{}",
        run.stderr
    );
    let range = sheet(&env.path("f.xlsx"));
    assert_eq!(header(&range), EN_HEADERS);
    assert!(task_rows(&range).is_empty());
}

#[test]
fn bad_requests_are_refused_and_write_nothing() {
    let env = Env::seeded();
    let before = files_in(env.dir.path());

    let err = env.tasks(&["form", "--division", "无此处", "-o", "f.xlsx"]);
    assert!(
        rejected(&err).contains("no division or group \"无此处\""),
        "{}",
        err.stderr
    );
    assert!(err.stderr.contains("法规处"), "the divisions are listed");

    let err = env.tasks(&["form", "--division", "法规处", "-o", "f.txt"]);
    assert!(rejected(&err).contains(".xlsx or .csv"), "{}", err.stderr);
    let err = env.tasks(&["form", "--division", "法规处", "-o", "form"]);
    rejected(&err);
    let err = env.tasks(&[
        "form",
        "--division",
        "法规处",
        "-o",
        "f.xlsx",
        "--format",
        "csv",
    ]);
    rejected(&err);

    let err = env.tasks(&["form", "--division", "法规处", "-o", "missing/f.xlsx"]);
    assert!(rejected(&err).contains("no such folder"), "{}", err.stderr);
    let err = env.tasks(&["form", "--all", "--output-dir", "missing/forms"]);
    assert!(rejected(&err).contains("missing/forms"), "{}", err.stderr);

    let err = env.tasks(&[
        "form",
        "--division",
        "法规处",
        "--plan",
        "nope",
        "-o",
        "f.xlsx",
    ]);
    assert!(
        rejected(&err).contains("no plan \"nope\""),
        "{}",
        err.stderr
    );

    // clap's own messages: exit 2, nothing written.
    for args in [
        &["form", "--division", "法规处"][..],
        &["form", "--all"],
        &["form", "--all", "--division", "法规处", "--output-dir", "x"],
    ] {
        let run = env.tasks(args);
        assert_eq!(run.status, 2, "{args:?}");
        assert_eq!(run.stdout, "");
    }
    assert_eq!(files_in(env.dir.path()), before);
}

#[test]
fn several_plans_need_plan() {
    let env = Env::seeded();
    let other = seed_text().replacen("id = \"fjdrc-2016-zwgk\"", "id = \"other\"", 1);
    let other = env.write("other.toml", other);
    env.tasks(&["load", other.to_str().expect("UTF-8")]).ok();
    let err = env.tasks(&["form", "--division", "法规处", "-o", "f.xlsx"]);
    let message = rejected(&err);
    assert!(
        message.contains("fjdrc-2016-zwgk") && message.contains("other"),
        "{message}"
    );
    assert!(message.contains("--plan"), "{message}");
    assert!(!env.path("f.xlsx").exists());
    env.tasks(&[
        "form",
        "--plan",
        "other",
        "--division",
        "法规处",
        "-o",
        "f.xlsx",
    ])
    .ok();
    let range = sheet(&env.path("f.xlsx"));
    assert_eq!(text(&range, 1, 3), "Plan: other");
}
