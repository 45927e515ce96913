//! `report --format html` and `--format pdf`: one page with the figures,
//! charts drawn from them, the items by division and every task; escaped
//! text; a real browser to open and print it when one is installed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::*;

const WHEN: &str = "2016-10-10";

/// The seed plan with the sample's events, returns and reviews, recorded
/// over the summer of 2016.
fn env() -> Env {
    let env = Env::seeded();
    at(
        &env,
        WHEN,
        &[
            "event",
            "2.5",
            "特别重大、重大突发事件",
            "--at",
            "2016-08-12T10:00",
        ],
    );
    at(
        &env,
        WHEN,
        &["event", "3.3", "政策文件公开", "--at", "2016-09-30T10:00"],
    );
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample-feedback.toml");
    at(&env, WHEN, &["feedback", "--from", sample]);
    at(
        &env,
        WHEN,
        &["review", "2.4", "--accept", "--at", "2016-08-03"],
    );
    at(
        &env,
        WHEN,
        &["review", "1.6", "--accept", "--at", "2016-09-05"],
    );
    env
}

fn page(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["report", "--format", "html"];
    all.extend(args);
    at(env, WHEN, &all)
}

/// The values of attribute `name` on the elements that hold `marker`.
fn attrs<'a>(html: &'a str, marker: &str, name: &str) -> Vec<&'a str> {
    html.split('<')
        .filter(|tag| tag.contains(marker))
        .filter_map(|tag| {
            let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
            let end = tag[start..].find('"')? + start;
            Some(&tag[start..end])
        })
        .collect()
}

/// The part of the page inside `<svg … data-chart="name">`.
fn chart<'a>(html: &'a str, name: &str) -> &'a str {
    let start = html
        .find(&format!("data-chart=\"{name}\""))
        .unwrap_or_else(|| panic!("no chart {name}"));
    let end = html[start..].find("</svg>").unwrap() + start;
    &html[start..end]
}

/// (label, value) of each bar of a chart; with `series`, of its parts of
/// that series.
fn bars(svg: &str, series: Option<&str>) -> Vec<(String, f64)> {
    let marker = match series {
        None => "class=\"bar\"".to_string(),
        Some(s) => format!("data-series=\"{s}\""),
    };
    let labels = attrs(svg, &marker, "data-label");
    let values = attrs(svg, &marker, "data-value");
    labels
        .into_iter()
        .zip(values)
        .map(|(l, v)| (unescape(l), v.parse().unwrap()))
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_page_lists_every_task_and_its_charts_show_the_reports_figures() {
    let env = env();
    let html = page(&env, &["--lang", "zh"]);
    let by_section = json_at(&env, WHEN, &["report", "--format", "json"]);
    let by_division = json_at(
        &env,
        WHEN,
        &["report", "--format", "json", "--by", "division"],
    );
    let plan = &by_section["plans"][0];
    let tasks = plan["tasks"].as_array().unwrap();
    // One block per task, in the plan's order.
    let ids = attrs(&html, "tbody class=\"task\"", "data-task");
    let expected: Vec<&str> = tasks.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, expected);
    // Completion by section and by division: one bar each, of its rate.
    let figures = |report: &serde_json::Value, label: &str| -> Vec<(String, f64)> {
        report["plans"][0]["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f[label].as_str().unwrap().to_string(),
                    f["completion"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        bars(chart(&html, "sections"), None),
        figures(&by_section, "label")
    );
    assert_eq!(
        bars(chart(&html, "divisions"), None),
        figures(&by_division, "key")
    );
    assert!(figures(&by_section, "label").iter().any(|(_, v)| *v > 0.0));
    // Lights by division: each division's tasks of each light, closed
    // apart, as the task lines give them.
    let mut lights: BTreeMap<(String, &str), f64> = BTreeMap::new();
    for t in tasks {
        let series = match (t["status"].as_str().unwrap(), t["light"].as_str()) {
            ("closed", _) => "closed",
            (_, Some(light)) => light,
            (_, None) => continue,
        };
        for a in t["assignees"].as_array().unwrap() {
            *lights
                .entry((a["name"].as_str().unwrap().to_string(), series))
                .or_default() += 1.0;
        }
    }
    let svg = chart(&html, "lights");
    let mut drawn = 0;
    for series in ["red", "yellow", "green", "closed"] {
        for (division, n) in bars(svg, Some(series)) {
            let want = lights
                .get(&(division.clone(), series))
                .copied()
                .unwrap_or(0.0);
            assert_eq!(n, want, "{division} {series}");
            drawn += n as usize;
        }
    }
    assert_eq!(drawn as f64, lights.values().sum::<f64>());
    // The header: title, document number, issuer, date in words, office.
    for text in [
        "2016年政务公开工作分解落实方案",
        "闽发改办〔2016〕452号",
        "福建省发展和改革委员会",
        "截至2016年10月10日",
        "汇总：办公室",
    ] {
        assert!(html.contains(text), "{text}");
    }
    // Items by division: each division of `check` heads its group.
    // (`check` exits 1 when it finds something.)
    let check = env.tasks_at(WHEN, &["check", "--format", "json"]);
    let items: Vec<serde_json::Value> = check
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!items.is_empty());
    for line in &items {
        let division = line["division"].as_str().unwrap();
        assert!(html.contains(&format!("<h3>{division}（")), "{division}");
    }
}

#[test]
fn progress_over_time_counts_the_statuses_of_each_months_end() {
    let env = env();
    // A voided return counts in no month: 2.2 done in August, voided.
    let done = json_at(
        &env,
        WHEN,
        &[
            "feedback",
            "2.2",
            "--division",
            "法规处",
            "--status",
            "done",
            "--at",
            "2016-08-20",
            "--format",
            "json",
        ],
    );
    let number = format!("#{}", done["number"]);
    at(&env, WHEN, &["void", &number, "--reason", "误报"]);
    let html = page(&env, &[]);
    let svg = chart(&html, "trend");
    let months: Vec<String> = bars(svg, Some("closed")).into_iter().map(|b| b.0).collect();
    assert_eq!(
        months,
        ["2016-06", "2016-07", "2016-08", "2016-09", "2016-10"]
    );
    let ends = [
        "2016-06-30",
        "2016-07-31",
        "2016-08-31",
        "2016-09-30",
        "2016-10-10",
    ];
    for (series, statuses) in [
        ("closed", &["closed"][..]),
        ("done", &["done"][..]),
        ("progress", &["in-progress", "blocked"][..]),
        ("idle", &["not-started"][..]),
    ] {
        let drawn: Vec<f64> = bars(svg, Some(series)).into_iter().map(|b| b.1).collect();
        let counted: Vec<f64> = ends
            .iter()
            .map(|end| {
                let report = json_at(&env, WHEN, &["report", "--format", "json", "--as-of", end]);
                report["plans"][0]["tasks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|t| statuses.contains(&t["status"].as_str().unwrap()))
                    .count() as f64
            })
            .collect();
        assert_eq!(drawn, counted, "{series}");
    }
    // The sample's history moves: something was closed by October that
    // was not in June.
    let closed: Vec<f64> = bars(svg, Some("closed")).into_iter().map(|b| b.1).collect();
    assert!(closed[0] < closed[4], "{closed:?}");
}

#[test]
fn markup_in_notes_is_text_in_the_page_and_in_markdown() {
    let env = env();
    let hostile = "<img src=x onerror=alert(1)> & <script>alert(2)</script>";
    at(
        &env,
        WHEN,
        &[
            "feedback",
            "1.1",
            "--division",
            "信用办",
            "--status",
            "in-progress",
            "--note",
            hostile,
        ],
    );
    let html = page(&env, &[]);
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(2)&lt;"));
    assert!(!html.contains("<img"));
    assert!(!html.to_lowercase().contains("<script"));
    let md = at(&env, WHEN, &["report", "--format", "md"]);
    assert!(
        md.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;"),
        "{md}"
    );
    assert!(!md.contains("<img") && !md.contains("<script"));
}

#[test]
fn the_page_needs_nothing_from_outside() {
    let env = env();
    let html = page(&env, &["--by", "division"]);
    let lower = html.to_lowercase();
    for outside in [
        "http:", "https:", "src=", "url(", "@import", "<link", "<script", "//cdn",
    ] {
        assert!(!lower.contains(outside), "{outside}");
    }
    assert!(lower.starts_with("<!doctype html>") || lower.contains("<!doctype html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    // Chinese fonts are asked for by name, from the system.
    assert!(html.contains("\"Noto Sans CJK SC\""));
}

#[test]
fn an_office_template_lays_the_page_out() {
    let env = env();
    env.write(
        "mine.html",
        "<h1>{{ plans[0].title }}</h1>{% for t in plans[0].tasks %}[{{ t.id }}]{% endfor %} {{ plans[0].total.closed }}",
    );
    let html = page(&env, &["--template", "mine.html"]);
    assert!(
        html.starts_with("<h1>2016年政务公开工作分解落实方案</h1>[1.1][1.2]"),
        "{html}"
    );
    assert!(html.trim_end().ends_with(" 2"), "{html}");
}

#[test]
fn bad_page_options_are_refused_and_write_nothing() {
    let env = env();
    env.write("broken.html", "{% for t in plans %}");
    let before = env.snapshot();
    for (args, says) in [
        (
            vec!["report", "--template", "mine.html"],
            "--template is used only with --format html or --format pdf",
        ),
        (
            vec!["report", "--format", "html", "--chromium", "/usr/bin/true"],
            "--chromium is used only with --format html or --format pdf",
        ),
        (
            vec![
                "report",
                "--format",
                "html",
                "--template",
                "none.html",
                "-o",
                "out.html",
            ],
            "cannot read the template none.html: no such file",
        ),
        (
            vec![
                "report",
                "--format",
                "html",
                "--template",
                "broken.html",
                "-o",
                "out.html",
            ],
            "the report template cannot be used",
        ),
        (
            vec![
                "report",
                "--format",
                "pdf",
                "--chromium",
                "/no/such/chromium",
                "-o",
                "out.pdf",
            ],
            "no Chromium at /no/such/chromium",
        ),
    ] {
        let run = env.tasks_at(WHEN, &args);
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr
                .lines()
                .filter(|l| l.starts_with("error"))
                .count(),
            1
        );
        assert!(!env.path("out.html").exists() && !env.path("out.pdf").exists());
    }
    // Without a Chromium anywhere on PATH.
    let mut cmd = env.command_at(WHEN, &["report", "--format", "pdf", "-o", "out.pdf"]);
    cmd.env("PATH", env.path("empty"));
    let refused = run(cmd);
    assert_eq!(refused.status, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("none was found"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("--chromium PATH"),
        "{}",
        refused.stderr
    );
    assert!(!env.path("out.pdf").exists());
    // The same in Chinese.
    let mut cmd = env.command_at(
        WHEN,
        &["--lang", "zh", "report", "--format", "pdf", "-o", "out.pdf"],
    );
    cmd.env("PATH", env.path("empty"));
    let refused = run(cmd);
    assert_eq!(refused.status, 2);
    assert!(refused.stderr.contains("未找到"), "{}", refused.stderr);
    assert_eq!(env.snapshot(), before);
}

/// Chromium, when installed (and under CI, where .ci/run installs it).
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| {
            std::process::Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is required under CI to open the HTML report"
        );
        println!("note: chromium not found; the page was not opened in a browser");
    }
    found
}

/// Chromium run headless on `page` with its own profile, every request
/// sent to a proxy that does not exist (so that any request for something
/// outside the page fails, and says so in the log).
fn headless(chromium: &Path, dir: &Path, page: &Path, what: &[String]) -> std::process::Output {
    std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--enable-logging=stderr",
            "--v=0",
            "--proxy-server=127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--window-size=1200,1600",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(what)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium")
}

#[test]
fn a_browser_opens_prints_and_draws_the_page() {
    let Some(chromium) = chromium() else { return };
    let env = env();
    let file = env.path("通报.html");
    at(
        &env,
        WHEN,
        &[
            "--lang",
            "zh",
            "report",
            "--format",
            "html",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let figures = json_at(&env, WHEN, &["report", "--format", "json"]);
    let tasks = figures["plans"][0]["tasks"].as_array().unwrap().len();

    // The page as the browser built it.
    let dom = headless(
        &chromium,
        env.dir.path(),
        &file,
        &["--dump-dom".to_string()],
    );
    let log = String::from_utf8_lossy(&dom.stderr);
    let html = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.status.success(), "{log}");
    assert_eq!(html.matches("<tbody class=\"task\"").count(), tasks);
    for line in log.lines() {
        let lower = line.to_lowercase();
        assert!(!lower.contains("console"), "console: {line}");
        assert!(
            !lower.contains("err_proxy") && !lower.contains("net::err"),
            "request: {line}"
        );
    }
    // Each chart as drawn holds the bars the program wrote.
    let bars_written = bars(
        chart(&std::fs::read_to_string(&file).unwrap(), "sections"),
        None,
    );
    assert_eq!(bars(chart(&html, "sections"), None), bars_written);

    // A screenshot and a PDF.
    let shot = env.path("shot.png");
    let out = headless(
        &chromium,
        env.dir.path(),
        &file,
        &[format!("--screenshot={}", shot.display())],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&shot).unwrap().starts_with(b"\x89PNG"));
    let pdf = env.path("通报.pdf");
    let run = env.tasks_at(
        WHEN,
        &[
            "--lang",
            "zh",
            "report",
            "--format",
            "pdf",
            "--chromium",
            chromium.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    // A4 pages, some turned for the wide tables.
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/MediaBox [0 0 594"), "no A4 portrait page");
    assert!(text.contains("/MediaBox [0 0 841"), "no A4 landscape page");
}

#[test]
fn role_words_outside_units_deliverables_and_targets_show_on_the_page() {
    let env = Env::new();
    let notice = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/notice.toml");
    at(&env, "2024-06-01", &["load", notice]);
    let html = at(
        &env,
        "2024-06-01",
        &["report", "--format", "html", "--lang", "zh"],
    );
    for text in [
        "<td>各省级人民政府</td><td class=\"k\">负责</td>",
        "<td>国家发展改革委</td><td class=\"k\">指导</td>",
        "成果形式：实施办法",
        "目标：规模以上工业企业关键工序数控化率增长6.2%左右",
        "汇总：国务院办公厅秘书局",
    ] {
        assert!(html.contains(text), "{text}");
    }
    // Units outside the body are units, not divisions (处室).
    for heading in [
        "按单位统计",
        "各单位完成率",
        "各单位任务亮灯情况",
        "逾期及预警事项（按单位）",
    ] {
        assert!(html.contains(heading), "{heading}");
    }
    assert!(!html.contains("处室"), "a heading still says 处室");
    // Outside units have their bars like divisions.
    let labels: Vec<String> = bars(chart(&html, "divisions"), None)
        .into_iter()
        .map(|b| b.0)
        .collect();
    assert!(labels.contains(&"工业和信息化部".to_string()), "{labels:?}");
}
