//! A plan of a few thousand tasks: read one `[[task]]` table at a time, its
//! problems are still placed at the right line and column of the file.

use crate::support::Env;

const TASKS: usize = 1200;

/// A plan of `TASKS` tasks; `edit` may change the text of the task with the
/// given 1-based number.
fn plan_text(edit: impl Fn(usize, String) -> String) -> String {
    let mut text = String::from(
        "[plan]\nid = \"big\"\ntitle = \"大方案\"\noffice = \"办公室\"\nissued = 2026-01-05\n\n\
         [[division]]\nname = \"办公室\"\n[[division]]\nname = \"法规处\"\n\n\
         [[section]]\nid = \"1\"\ntitle = \"牵头工作\"\nrole = \"lead\"\n",
    );
    for n in 1..=TASKS {
        let mut task = format!(
            "\n[[task]]\nid = \"1.{n}\"\nsection = \"1\"\ntitle = \"第{n}项工作\"\nlead = \"办公室\"\n"
        );
        if n % 3 == 0 {
            task.push_str(
                "\n[[task.rule]]\nkind = \"after\"\nevent = \"公开\"\nwithin = \"3wd\"\n",
            );
        }
        text.push_str(&edit(n, task));
    }
    text
}

/// The 1-based line and column (in characters) where `needle` first occurs.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (
        text[..at].matches('\n').count() + 1,
        text[line_start..at].chars().count() + 1,
    )
}

/// Loads `text` as big.toml into a database holding the unedited plan;
/// returns stderr after checking that nothing was loaded.
fn rejected(env: &Env, text: &str) -> String {
    let path = env.write("big.toml", text);
    let before = env.snapshot();
    let run = env.tasks(&["load", path.to_str().unwrap()]);
    assert_eq!(
        run.status, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert_eq!(before, env.snapshot(), "the database changed");
    run.stderr
}

#[test]
fn problems_deep_in_a_large_plan_are_placed_at_their_line_and_column() {
    let env = Env::new();
    let path = env.write("big.toml", plan_text(|_, t| t));
    let loaded = env.tasks(&["load", path.to_str().unwrap()]);
    assert!(loaded.ok().contains("1200 tasks"), "{}", loaded.stdout);

    // Problems found when checking the tasks.
    let text = plan_text(|n, t| match n {
        1000 => t.replace("lead = \"办公室\"", "lead = \"无此处\""),
        1100 => t.replace("id = \"1.1100\"", "id = \"1.10\""),
        1197 => t.replace("within = \"3wd\"", "within = \"三天\""),
        _ => t,
    });
    let stderr = rejected(&env, &text);
    let (line, column) = position(&text, "\"无此处\"");
    assert!(
        stderr.contains(&format!(
            "big.toml:{line}:{column}: the lead \"无此处\" is not declared"
        )),
        "{stderr}"
    );
    let (first, _) = position(&text, "id = \"1.10\"");
    let second = text.match_indices("id = \"1.10\"").nth(1).unwrap().0;
    let line = text[..second].matches('\n').count() + 1;
    assert!(
        stderr.contains(&format!(
            "big.toml:{line}:6: task id \"1.10\" is used twice (first on line {first})"
        )),
        "{stderr}"
    );
    let (line, column) = position(&text, "\"三天\"");
    assert!(
        stderr.contains(&format!(
            "big.toml:{line}:{column}: \"三天\" is not a duration"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("3 problems found"), "{stderr}");

    // A syntax error is reported before a field unknown earlier in the file,
    // as when the file was read as one document.
    let text = plan_text(|n, t| match n {
        800 => t.replace("lead = ", "colour = \"红\"\nlead = "),
        1150 => t.replace("title = \"第1150项工作\"", "title = \"第1150项工作"),
        _ => t,
    });
    let stderr = rejected(&env, &text);
    let (line, column) = position(&text, "title = \"第1150项工作\n");
    let column = column + "title = \"第1150项工作".chars().count();
    assert!(
        stderr.contains(&format!("big.toml:{line}:{column}: invalid basic string")),
        "{stderr}"
    );

    let text = plan_text(|n, t| match n {
        800 => t.replace("lead = ", "colour = \"红\"\nlead = "),
        _ => t,
    });
    let stderr = rejected(&env, &text);
    let (line, column) = position(&text, "colour");
    assert!(
        stderr.contains(&format!("big.toml:{line}:{column}: unknown field `colour`")),
        "{stderr}"
    );
}

#[test]
fn a_large_plan_reloads_unchanged_and_reports_each_edit() {
    let env = Env::new();
    let path = env.write("big.toml", plan_text(|_, t| t));
    let path = path.to_str().unwrap();
    env.tasks(&["load", path]).ok();
    let again = env.tasks(&["load", path]);
    assert_eq!(
        again.ok(),
        "Plan big is unchanged (1200 tasks): nothing to do.\n"
    );
    env.write(
        "big.toml",
        plan_text(|n, t| match n {
            7 => t.replace("第7项工作", "第七项工作"),
            1197 => t.replace("\"3wd\"", "\"5wd\""),
            1200 => String::new(),
            _ => t,
        }),
    );
    let report = env.tasks(&["load", "--format", "json", path]).json();
    assert_eq!(
        report["changed"],
        serde_json::json!([
            {"id": "1.7", "fields": ["text", "title"]},
            {"id": "1.1197", "fields": ["rules"]},
        ])
    );
    assert_eq!(report["withdrawn"], serde_json::json!(["1.1200"]));
    assert_eq!(report["unchanged"], 1197);
}

#[test]
fn a_plan_with_a_byte_order_mark_and_crlf_line_ends_loads_and_reloads_unchanged() {
    let env = Env::new();
    let text = format!("\u{feff}{}", plan_text(|_, t| t).replace('\n', "\r\n"));
    let path = env.write("big.toml", text);
    let path = path.to_str().unwrap();
    assert!(env.tasks(&["load", path]).ok().contains("1200 tasks"));
    assert_eq!(
        env.tasks(&["load", path]).ok(),
        "Plan big is unchanged (1200 tasks): nothing to do.\n"
    );
    // The same plan without them is the same plan.
    env.write("big.toml", plan_text(|_, t| t));
    assert_eq!(
        env.tasks(&["load", path]).ok(),
        "Plan big is unchanged (1200 tasks): nothing to do.\n"
    );
}
