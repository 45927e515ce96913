//! The seed plan file is a faithful transcription of the notice
//! 闽发改办〔2016〕452号 (`tests/data/seed-notice.txt`).

use crate::support::SEED_PLAN;

const NOTICE: &str = include_str!("../data/seed-notice.txt");

fn plan() -> toml::Value {
    toml::from_str(&std::fs::read_to_string(SEED_PLAN).unwrap()).unwrap()
}

fn strings(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// Splits a 责任处室 line into the declared names it lists. Names are
/// separated by "," or "、", but a group's own name may contain "、", so the
/// longest declared name that fits is taken first.
fn split_assignees(line: &str, declared: &[String]) -> Vec<String> {
    let mut rest = line.trim();
    let mut names = Vec::new();
    while !rest.is_empty() {
        let name = declared
            .iter()
            .filter(|n| rest.starts_with(n.as_str()))
            .max_by_key(|n| n.len())
            .unwrap_or_else(|| panic!("undeclared name at {rest:?}"));
        names.push(name.clone());
        rest = rest[name.len()..].trim_start_matches([',', '、', ',']);
    }
    names
}

#[test]
fn every_task_text_and_assignee_list_comes_from_the_notice() {
    let plan = plan();
    let mut declared: Vec<String> = Vec::new();
    for table in ["division", "group"] {
        for d in plan[table].as_array().unwrap() {
            declared.push(d["name"].as_str().unwrap().to_string());
        }
    }
    let tasks = plan["task"].as_array().unwrap();
    assert_eq!(tasks.len(), 19);
    let lines: Vec<&str> = NOTICE.lines().map(str::trim).collect();
    for task in tasks {
        let id = task["id"].as_str().unwrap();
        let text = task["text"].as_str().unwrap();
        let title = task["title"].as_str().unwrap();
        assert!(text.contains(title), "{id}: title is not part of the text");
        let at = lines
            .iter()
            .position(|l| l.ends_with(text) && l.len() - text.len() <= "(十)".len())
            .unwrap_or_else(|| panic!("{id}: text not found as a paragraph of the notice"));
        let duty = lines[at + 1..]
            .iter()
            .find(|l| !l.is_empty())
            .and_then(|l| {
                l.strip_prefix("责任处室:")
                    .or_else(|| l.strip_prefix("责任处室:"))
            })
            .unwrap_or_else(|| panic!("{id}: no 责任处室 line after its paragraph"));
        let mut assigned = vec![task["lead"].as_str().unwrap().to_string()];
        assigned.extend(strings(task.get("support")));
        assert_eq!(split_assignees(duty, &declared), assigned, "{id}");
    }
    let duty_lines = lines.iter().filter(|l| l.starts_with("责任处室")).count();
    assert_eq!(duty_lines, 19, "the notice has one 责任处室 line per task");
}

#[test]
fn task_ids_follow_the_notice_numbering() {
    let plan = plan();
    let ids: Vec<&str> = plan["task"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = [(1, 7), (2, 5), (3, 7)]
        .iter()
        .flat_map(|&(s, n)| (1..=n).map(move |i| format!("{s}.{i}")))
        .collect();
    assert_eq!(ids, expected);
    for t in plan["task"].as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        assert_eq!(t["section"].as_str().unwrap(), &id[..1], "{id}");
    }
}

#[test]
fn the_time_rules_stated_in_the_notice_are_in_the_plan() {
    let plan = plan();
    let meta = &plan["plan"];
    assert_eq!(meta["doc_no"].as_str(), Some("闽发改办〔2016〕452号"));
    assert_eq!(meta["issued"].to_string(), "2016-06-20");
    assert_eq!(meta["due"].to_string(), "2016-12-31");
    assert_eq!(meta["office"].as_str(), Some("办公室"));
    assert!(NOTICE.contains("反馈办公室汇总"));
    let task = |id: &str| {
        plan["task"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"].as_str() == Some(id))
            .unwrap()
            .clone()
    };
    let rules = |id: &str| task(id)["rule"].as_array().cloned().unwrap_or_default();
    let r33 = rules("3.3");
    assert_eq!(r33.len(), 2);
    assert_eq!(r33[0]["kind"].as_str(), Some("after"));
    assert_eq!(r33[0]["within"].as_str(), Some("3wd"));
    assert!(task("3.3")["text"]
        .as_str()
        .unwrap()
        .contains("文件公开后3个工作日内"));
    assert_eq!(r33[1]["kind"].as_str(), Some("quota"));
    assert_eq!(r33[1]["count"].as_integer(), Some(1));
    assert!(task("3.3")["text"]
        .as_str()
        .unwrap()
        .contains("年内解读重要政策措施不少于1次"));
    let r25 = rules("2.5");
    assert_eq!(r25.len(), 1);
    assert_eq!(r25[0]["within"].as_str(), Some("24h"));
    assert!(task("2.5")["text"]
        .as_str()
        .unwrap()
        .contains("24小时内举行新闻发布会"));
    let with_rules: Vec<&str> = plan["task"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t.get("rule").is_some())
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(with_rules, ["2.5", "3.3"]);
}
