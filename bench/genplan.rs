//! Writes a synthetic plan of a given size, a batch feedback file for it and
//! the same tasks as a Taskwarrior import file, for the benchmark.
//!
//! ```text
//! cargo run --release --example genplan -- TASKS OUT_DIR
//! ```
//!
//! Output, for TASKS = 1000: `OUT_DIR/plan-1000.toml`,
//! `OUT_DIR/feedback-1000.csv` (ten entries per task),
//! `OUT_DIR/return-1000.xlsx` (a division's return as a workbook: 2,000
//! rows under a title and Chinese headings) and
//! `OUT_DIR/taskwarrior-1000.json`. The same arguments always give the same
//! files: the numbers come from a fixed-seed generator, not from the clock.
//!
//! The plan: 280 divisions and 20 groups (15 with members, 5 without), 3 to
//! 10 sections depending on the size, one to four assignees per task, a rule
//! on every tenth task, and a tenth of the tasks due before the benchmark's
//! date (2026-11-27) so that `check` has overdue work to report.

use std::fmt::Write as _;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

const DIVISIONS: usize = 280;
const GROUPS: usize = 20;
/// Groups with members; the others have none and report for themselves.
const GROUPS_WITH_MEMBERS: usize = 15;
const ENTRIES_PER_TASK: usize = 10;

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn division(i: usize) -> String {
    format!("第{:03}处", i + 1)
}

fn group(i: usize) -> String {
    format!("第{:02}组", i + 1)
}

/// Group `g`'s members: four divisions in a row.
fn members(g: usize) -> Vec<usize> {
    if g < GROUPS_WITH_MEMBERS {
        (0..4).map(|k| (g * 7 + k * 3) % DIVISIONS).collect()
    } else {
        Vec::new()
    }
}

const PHRASES: &[&str] = &[
    "加强政务公开标准化规范化建设",
    "推进重点领域信息公开",
    "完善政策解读和回应关切机制",
    "做好政府信息依申请公开工作",
    "加强政府网站和政务新媒体管理",
    "推进决策过程和结果公开",
    "深化行政审批服务事项公开",
    "做好财政预决算信息公开",
];

struct Task {
    id: String,
    section: usize,
    title: String,
    /// Assignee names, lead first.
    assignees: Vec<String>,
    /// Who reports for each assignee: itself, or a member of its group.
    reporters: Vec<String>,
    due: Option<String>,
}

fn tasks(n: usize, sections: usize, rng: &mut Rng) -> Vec<Task> {
    let mut out = Vec::with_capacity(n);
    let per_section = n.div_ceil(sections);
    for i in 0..n {
        let section = i / per_section;
        let mut picked: Vec<(String, String)> = Vec::new();
        let count = 1 + rng.below(4);
        while picked.len() < count {
            let (name, reporter) = if rng.below(10) == 0 {
                let g = rng.below(GROUPS);
                let reporter = members(g)
                    .first()
                    .map_or_else(|| group(g), |&m| division(m));
                (group(g), reporter)
            } else {
                let d = division(rng.below(DIVISIONS));
                (d.clone(), d)
            };
            if picked.iter().all(|(p, _)| *p != name) {
                picked.push((name, reporter));
            }
        }
        let due = if i % 10 == 3 {
            Some(format!(
                "2026-{:02}-{:02}",
                6 + rng.below(5),
                1 + rng.below(28)
            ))
        } else if i % 4 == 0 {
            Some("2026-12-15".to_string())
        } else {
            None
        };
        out.push(Task {
            id: format!("{}.{}", section + 1, i - section * per_section + 1),
            section,
            title: format!("{}（第{}项）", PHRASES[rng.below(PHRASES.len())], i + 1),
            assignees: picked.iter().map(|p| p.0.clone()).collect(),
            reporters: picked.into_iter().map(|p| p.1).collect(),
            due,
        });
    }
    out
}

fn plan_text(n: usize, sections: usize, tasks: &[Task]) -> String {
    let mut s = String::with_capacity(n * 400);
    let _ = writeln!(
        s,
        "[plan]\nid = \"bench-{n}\"\ntitle = \"基准测试工作方案（{n}项任务）\"\n\
         doc_no = \"测〔2026〕{n}号\"\nissued = 2026-01-05\noffice = \"第001处\"\n\
         due = 2026-12-31\nfeedback = \"quarterly\"\nfeedback_day = 25\nwarn = \"5wd\"\n"
    );
    for d in 0..DIVISIONS {
        let _ = writeln!(s, "[[division]]\nname = \"{}\"", division(d));
        if d % 50 == 0 {
            let _ = writeln!(s, "aliases = [\"{}别称\"]", division(d));
        }
    }
    for g in 0..GROUPS {
        let names: Vec<String> = members(g)
            .iter()
            .map(|&m| format!("\"{}\"", division(m)))
            .collect();
        let _ = writeln!(
            s,
            "[[group]]\nname = \"{}\"\nmembers = [{}]",
            group(g),
            names.join(", ")
        );
    }
    let roles = ["lead", "support", "own"];
    for k in 0..sections {
        let _ = writeln!(
            s,
            "[[section]]\nid = \"{}\"\ntitle = \"第{}部分\"\nrole = \"{}\"",
            k + 1,
            k + 1,
            roles[k % 3]
        );
    }
    for (i, t) in tasks.iter().enumerate() {
        let _ = writeln!(
            s,
            "\n[[task]]\nid = \"{}\"\nsection = \"{}\"\ntitle = \"{}\"\n\
             text = \"{}。各责任处室要明确分工、细化措施，按时报送进展情况。\"\nlead = \"{}\"",
            t.id,
            t.section + 1,
            t.title,
            t.title,
            t.assignees[0]
        );
        if t.assignees.len() > 1 {
            let support: Vec<String> = t.assignees[1..]
                .iter()
                .map(|a| format!("\"{a}\""))
                .collect();
            let _ = writeln!(s, "support = [{}]", support.join(", "));
        }
        if let Some(due) = &t.due {
            let _ = writeln!(s, "due = {due}");
        }
        match i % 20 {
            7 => {
                let _ = writeln!(
                    s,
                    "[[task.rule]]\nkind = \"after\"\nevent = \"专题会议召开\"\n\
                     within = \"3wd\"\nwhat = \"公开会议纪要\""
                );
            }
            17 => {
                let _ = writeln!(
                    s,
                    "[[task.rule]]\nkind = \"quota\"\nevent = \"政策解读\"\ncount = 2\n\
                     by = 2026-12-31\nwhat = \"发布政策解读\""
                );
            }
            _ => {}
        }
    }
    s
}

/// Ten entries per task, one a month from January to October, taking the
/// assignees in turn; the lead's last entry is `done` for four tasks in ten.
fn write_feedback(path: &Path, tasks: &[Task], rng: &mut Rng) -> std::io::Result<()> {
    let mut w = BufWriter::new(fs::File::create(path)?);
    writeln!(w, "task,division,status,percent,note,by,at")?;
    for (i, t) in tasks.iter().enumerate() {
        let finished = i % 10 < 4;
        for k in 0..ENTRIES_PER_TASK {
            let a = k % t.assignees.len();
            let last_of_lead = a == 0 && k + t.assignees.len() >= ENTRIES_PER_TASK;
            let (status, percent) = if finished && last_of_lead {
                ("done", 100)
            } else if rng.below(25) == 0 {
                ("blocked", 10 * k)
            } else {
                ("in-progress", 10 * k + 5)
            };
            writeln!(
                w,
                "{},{},{status},{percent},第{}次进展：已完成阶段性工作,联络员{},2026-{:02}-{:02}T{:02}:{:02}",
                t.id,
                t.reporters[a],
                k + 1,
                1 + rng.below(40),
                k + 1,
                6 + rng.below(20),
                8 + rng.below(9),
                rng.below(60)
            )?;
        }
    }
    w.flush()
}

/// Rows of the workbook return.
const RETURN_ROWS: usize = 2_000;

/// A return as an office sends it: a title row, a line naming the plan,
/// Chinese headings on row 4, then the first entries of the tasks in turn
/// with date cells and whole-number percents.
fn write_return(path: &Path, tasks: &[Task], rng: &mut Rng) -> std::io::Result<()> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| std::io::Error::other(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("反馈表").map_err(fail)?;
    let date = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    sheet.write(0, 0, "进展情况反馈表").map_err(fail)?;
    sheet
        .write(1, 0, format!("方案：bench-{}", tasks.len()))
        .map_err(fail)?;
    for (c, h) in [
        "任务编号",
        "责任处室",
        "状态",
        "进度(%)",
        "情况说明",
        "填报人",
        "填报日期",
    ]
    .iter()
    .enumerate()
    {
        sheet.write(3, c as u16, *h).map_err(fail)?;
    }
    for r in 0..RETURN_ROWS.min(tasks.len() * ENTRIES_PER_TASK) {
        let t = &tasks[r % tasks.len()];
        let k = r / tasks.len();
        let row = 4 + r as u32;
        let when = ExcelDateTime::from_ymd(2026, 1 + k as u8 % 10, 6 + rng.below(20) as u8)
            .and_then(|d| d.and_hms(8 + rng.below(9) as u16, rng.below(60) as u8, 0))
            .map_err(fail)?;
        sheet.write(row, 0, t.id.as_str()).map_err(fail)?;
        sheet
            .write(row, 1, t.reporters[k % t.reporters.len()].as_str())
            .map_err(fail)?;
        sheet.write(row, 2, "推进中").map_err(fail)?;
        sheet.write(row, 3, (10 * k + 5) as f64).map_err(fail)?;
        sheet
            .write(row, 4, format!("第{}次进展：已完成阶段性工作", k + 1))
            .map_err(fail)?;
        sheet
            .write(row, 5, format!("联络员{}", 1 + rng.below(40)))
            .map_err(fail)?;
        sheet
            .write_datetime_with_format(row, 6, &when, &date)
            .map_err(fail)?;
    }
    book.save(path).map_err(fail)
}

/// The same tasks for Taskwarrior: the lead as project, supporting
/// assignees as tags, the due date, and done tasks completed.
fn write_taskwarrior(path: &Path, tasks: &[Task]) -> std::io::Result<()> {
    let mut w = BufWriter::new(fs::File::create(path)?);
    writeln!(w, "[")?;
    for (i, t) in tasks.iter().enumerate() {
        let due = t.due.as_deref().unwrap_or("2026-12-31").replace('-', "");
        let status = if i % 10 < 4 { "completed" } else { "pending" };
        let end = if status == "completed" {
            ",\"end\":\"20261015T080000Z\""
        } else {
            ""
        };
        let tags: Vec<String> = t.assignees[1..]
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect();
        let comma = if i + 1 < tasks.len() { "," } else { "" };
        writeln!(
            w,
            "{{\"uuid\":\"{:08x}-0000-4000-8000-{:012x}\",\"description\":\"{} {}\",\
             \"project\":\"{}\",\"tags\":[{}],\"due\":\"{due}T000000Z\",\
             \"entry\":\"20260105T000000Z\",\"status\":\"{status}\"{end}}}{comma}",
            i,
            i,
            t.id,
            t.title,
            t.assignees[0],
            tags.join(",")
        )?;
    }
    writeln!(w, "]")?;
    w.flush()
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: genplan TASKS OUT_DIR");
        std::process::exit(2);
    };
    let out = Path::new(out);
    fs::create_dir_all(out)?;
    // 3 sections up to 1,000 tasks, 6 up to 10,000, 10 above.
    let sections = match n {
        0..=1000 => 3,
        1001..=10_000 => 6,
        _ => 10,
    };
    let mut rng = Rng(0x7461_736b ^ n as u64);
    let tasks = tasks(n, sections, &mut rng);
    fs::write(
        out.join(format!("plan-{n}.toml")),
        plan_text(n, sections, &tasks),
    )?;
    write_feedback(&out.join(format!("feedback-{n}.csv")), &tasks, &mut rng)?;
    write_return(&out.join(format!("return-{n}.xlsx")), &tasks, &mut rng)?;
    write_taskwarrior(&out.join(format!("taskwarrior-{n}.json")), &tasks)?;
    Ok(())
}
