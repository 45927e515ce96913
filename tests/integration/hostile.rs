//! Hostile text: plan files, arguments and feedback files carrying terminal
//! escape sequences, BEL, NUL, C1 controls, bidirectional overrides,
//! zero-width characters, 100 KB lines and invalid UTF-8. Every reading
//! command in every format must keep its output safe: no raw control
//! character on a terminal, no spreadsheet formula in a CSV cell, JSON that
//! parses and gives back the exact text, no panic.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::{run, Env, Run};

/// Every kind of hostile text in one string, as a TOML basic string writes
/// it: SGR colour, an OSC window title ended by BEL, clear screen and cursor
/// home, BEL, NUL, C1 controls (NEL and the 8-bit CSI), the right-to-left
/// override, the isolates, zero-width space, joiner and no-break space.
const HOSTILE_TOML: &str = r"A\u001b[31mRED\u001b]0;pwned\u0007\u001b[2J\u001b[H\u0007N\u0000U\u0085\u009b31m\u202eRLO\u2066\u2067\u2068\u2069\u200b\u200d\ufeffZ";

/// `HOSTILE_TOML` as the text it stands for.
const HOSTILE: &str = "A\u{1b}[31mRED\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[H\u{7}N\u{0}U\u{85}\u{9b}31m\u{202e}RLO\u{2066}\u{2067}\u{2068}\u{2069}\u{200b}\u{200d}\u{feff}Z";

/// The same without NUL, which an argument cannot carry.
const HOSTILE_ARG: &str = "A\u{1b}[31mRED\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[H\u{7}N\u{85}\u{9b}31m\u{202e}RLO\u{2066}\u{2067}\u{2068}\u{2069}\u{200b}Z";

/// A task id and a division name with a bidi override and a zero-width
/// space (control characters are refused in names and ids).
const TASK: &str = "1.1\u{202e}";
const DIVISION: &str = "法规\u{202e}处\u{200b}";
const GROUP: &str = "组\u{2067}";

/// Characters that must never reach a terminal raw: C0 controls but line
/// feed and tab, DEL, C1 controls, and the bidirectional controls.
fn raw_controls(text: &str) -> Vec<char> {
    let mut found: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
        })
        .collect();
    found.dedup();
    found
}

#[track_caller]
fn assert_no_raw_controls(what: &str, text: &str) {
    let found = raw_controls(text);
    assert!(
        found.is_empty(),
        "{what}: raw control characters {found:?} in\n{}",
        text.chars().take(2000).collect::<String>()
    );
}

#[track_caller]
fn assert_no_panic(what: &str, run: &Run) {
    assert!(
        run.status != 101 && !run.stderr.contains("panicked"),
        "{what}: panicked: {}",
        run.stderr
    );
}

/// Every CSV cell: none may start a formula, also after leading blanks.
#[track_caller]
fn assert_csv_defused(what: &str, text: &str) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{what}: bad CSV: {e}"));
        for cell in record.iter() {
            cells += 1;
            let first = cell.trim_start().chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@')) && !cell.starts_with('\t'),
                "{what}: CSV cell {:?} starts a formula",
                cell.chars().take(80).collect::<String>()
            );
            assert!(
                !cell.contains(['\u{1b}', '\u{0}', '\u{7}', '\u{85}', '\u{9b}', '\u{202e}']),
                "{what}: raw control character in CSV cell {:?}",
                cell.chars().take(80).collect::<String>()
            );
        }
    }
    cells
}

/// The plan: hostile text in every free-text field, a 100 KB title, titles
/// that look like formulas, a bidi override in a task id and in the names.
fn hostile_plan() -> String {
    let h = HOSTILE_TOML;
    let long = "长".repeat(34_000); // 102 KB of UTF-8 on one line
    format!(
        r#"[plan]
id = "hostile"
title = "T {h}"
doc_no = "D {h}"
issuer = "I {h}"
office = "办公室"
due = 2016-12-31
feedback = "monthly"

[[division]]
name = "办公室"

[[division]]
name = "法规\u202e处\u200b"
aliases = ["\u2066别名\u2069"]

[[group]]
name = "组\u2067"
members = ["法规\u202e处\u200b"]

[[section]]
id = "1"
title = "S {h}"
role = "lead"

[[section]]
id = "2\u200b"
title = "=HYPERLINK(\"http://x\") {h}"
role = "own"

[[task]]
id = "1.1\u202e"
section = "1"
title = "=cmd|' /C calc'!A0 {h}"
text = "line one {h}\nline two {h}\r\nline three"
lead = "法规\u202e处\u200b"
support = ["组\u2067"]

[[task.rule]]
kind = "after"
event = "E \u001b[31m\u202e"
within = "3wd"
what = "W {h}"

[[task.rule]]
kind = "quota"
event = "Q \u0085\u2069"
count = 2
by = 2016-12-31

[[task]]
id = "1.2"
section = "1"
title = " +1+1 {h}"
lead = "办公室"
support = ["法规\u202e处\u200b"]
due = 2016-08-01

[[task]]
id = "2.1"
section = "2\u200b"
title = "{long}"
text = "{long}{h}"
lead = "组\u2067"

[[task]]
id = "2.2"
section = "2\u200b"
title = "\t@SUM(A1) {h}"
lead = "办公室"
"#
    )
}

/// A database holding the hostile plan and hostile records of every kind.
fn hostile_env() -> Env {
    let env = Env::new();
    env.write("plan.toml", hostile_plan());
    let run = env.tasks(&["load", "plan.toml"]);
    assert_no_panic("load", &run);
    run.ok();
    assert_no_raw_controls("load", &run.stdout);
    // Loading again changes nothing: hostile text compares equal.
    let again = env.tasks(&["load", "plan.toml"]);
    assert!(again.ok().contains("unchanged"), "{}", again.stdout);

    let note = format!("--note=-{HOSTILE_ARG}");
    let by = format!("@{HOSTILE_ARG}");
    let long_note = format!("{}{HOSTILE_ARG}", "x".repeat(100_000));
    let obligation = format!("{TASK}#1");
    let steps: Vec<Vec<&str>> = vec![
        vec![
            "event",
            TASK,
            "E \u{1b}[31m\u{202e}",
            "--at",
            "2016-07-04T10:00",
            "--note",
            HOSTILE_ARG,
        ],
        vec!["event", TASK, "Q \u{85}\u{2069}", "--at", "2016-07-05"],
        vec![
            "feedback",
            TASK,
            "--division",
            DIVISION,
            "--status",
            "done",
            &note,
            "--by",
            &by,
            "--at",
            "2016-07-06",
        ],
        vec![
            "review",
            TASK,
            "--return",
            &note,
            "--by",
            &by,
            "--at",
            "2016-07-07",
        ],
        vec![
            "feedback",
            &obligation,
            "--division",
            DIVISION,
            "--status",
            "done",
            &note,
            "--at",
            "2016-07-07T12:00",
        ],
        vec![
            "feedback",
            "1.2",
            "--division",
            "\u{2066}别名\u{2069}",
            "--status",
            "blocked",
            "--note",
            &long_note,
            "--at",
            "2016-07-08",
        ],
    ];
    for args in &steps {
        let run = env.tasks_at("2016-07-10", args);
        let what = format!("{:?}", &args[..2]);
        assert_no_panic(&what, &run);
        assert_eq!(run.status, 0, "{what}: {}", run.stderr);
        assert_no_raw_controls(&what, &run.stdout);
    }
    // Batch files: NUL and every escape in TOML, raw controls and NUL in CSV.
    env.write(
        "fb.toml",
        format!(
            "[[feedback]]\ntask = \"1.1\\u202e\"\ndivision = \"法规\\u202e处\\u200b\"\nstatus = \"in-progress\"\npercent = 40\nnote = \"{HOSTILE_TOML}\"\nby = \"=1+1\"\nat = \"2016-07-09\"\n"
        ),
    );
    let run = env.tasks_at("2016-07-10", &["feedback", "--from", "fb.toml"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let csv_note = HOSTILE.replace('"', "\"\"");
    env.write(
        "fb.csv",
        format!(
            "task,division,status,note,by,at\n\"{TASK}\",\"{DIVISION}\",in-progress,\" =2+2{csv_note}\",\"\r\n-1\",2016-07-09T15:00\n"
        ),
    );
    let run = env.tasks_at("2016-07-10", &["feedback", "--from", "fb.csv"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_no_raw_controls("feedback --from", &run.stdout);
    env
}

/// Every reading command with every format it offers.
fn reading_commands() -> Vec<Vec<String>> {
    let mut all: Vec<Vec<&str>> = Vec::new();
    for format in ["table", "json", "csv"] {
        all.push(vec!["plans", "--format", format]);
        all.push(vec!["list", "--format", format]);
        all.push(vec!["list", "--division", DIVISION, "--format", format]);
        all.push(vec!["show", TASK, "--format", format]);
        all.push(vec!["show", "1.2", "--format", format]);
        all.push(vec!["show", "2.1", "--format", format]);
        all.push(vec!["divisions", "--format", format]);
        all.push(vec!["history", TASK, "--format", format]);
        all.push(vec!["history", "1.2", "--format", format]);
        all.push(vec!["history", "2.2", "--format", format]);
    }
    for format in ["table", "json", "csv", "md"] {
        for by in ["section", "division"] {
            all.push(vec!["report", "--by", by, "--format", format]);
        }
    }
    for lang in ["en", "zh"] {
        all.push(vec!["--lang", lang, "check"]);
        all.push(vec!["--lang", lang, "check", "--format", "json"]);
        all.push(vec!["--lang", lang, "remind"]);
        all.push(vec!["--lang", lang, "remind", "--division", DIVISION]);
        all.push(vec!["--lang", lang, "remind", "--format", "md"]);
        all.push(vec!["--lang", lang, "show", TASK]);
        all.push(vec!["--lang", lang, "report"]);
    }
    all.into_iter()
        .map(|args| args.into_iter().map(String::from).collect())
        .collect()
}

fn format_of(args: &[String]) -> &str {
    args.iter()
        .position(|a| a == "--format")
        .map_or("table", |i| args[i + 1].as_str())
}

/// Walks a JSON value and collects every string in it.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn hostile_text_is_escaped_defused_or_kept_exact_in_every_format() {
    let env = hostile_env();
    let mut seen_json = Vec::new();
    let mut csv_cells = 0;
    for args in reading_commands() {
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = env.tasks_at("2016-09-30", &argv);
        let what = format!("{:?}", &argv[..argv.len().min(4)]);
        assert_no_panic(&what, &run);
        let expected = if argv.contains(&"check") { 1 } else { 0 };
        assert_eq!(run.status, expected, "{what}: {}", run.stderr);
        assert_no_raw_controls(&format!("{what} stderr"), &run.stderr);
        match format_of(&args) {
            "json" => {
                let docs: Vec<Value> = if argv.contains(&"check") {
                    run.stdout
                        .split('\n')
                        .filter(|l| !l.is_empty())
                        .map(|l| serde_json::from_str(l).expect("check JSON line"))
                        .collect()
                } else {
                    vec![serde_json::from_str(&run.stdout)
                        .unwrap_or_else(|e| panic!("{what}: invalid JSON: {e}"))]
                };
                for doc in &docs {
                    strings(doc, &mut seen_json);
                }
                // JSON escapes C0 controls itself; nothing raw below U+0020.
                assert!(
                    !run.stdout.contains(|c: char| c < ' ' && c != '\n'),
                    "{what}: raw C0 control in JSON"
                );
            }
            "csv" => {
                assert_no_raw_controls(&what, &run.stdout.replace("\r\n", "\n"));
                csv_cells += assert_csv_defused(&what, &run.stdout);
            }
            _ => assert_no_raw_controls(&what, &run.stdout),
        }
    }
    assert!(csv_cells > 100, "only {csv_cells} CSV cells checked");
    // JSON gives back the exact text, NUL and all.
    let long = "长".repeat(34_000);
    for exact in [
        format!("T {HOSTILE}"),
        format!("D {HOSTILE}"),
        format!("S {HOSTILE}"),
        format!("=cmd|' /C calc'!A0 {HOSTILE}"),
        format!("line one {HOSTILE}\nline two {HOSTILE}\r\nline three"),
        // Titles, notes and names are stored trimmed.
        format!("+1+1 {HOSTILE}"),
        format!("@SUM(A1) {HOSTILE}"),
        format!("=HYPERLINK(\"http://x\") {HOSTILE}"),
        format!("W {HOSTILE}"),
        HOSTILE.to_string(),
        HOSTILE_ARG.to_string(),
        format!("-{HOSTILE_ARG}"),
        format!("@{HOSTILE_ARG}"),
        format!("=2+2{HOSTILE}"),
        format!("{}{HOSTILE_ARG}", "x".repeat(100_000)),
        "-1".to_string(),
        "=1+1".to_string(),
        long.clone(),
        format!("{long}{HOSTILE}"),
        TASK.to_string(),
        DIVISION.to_string(),
        GROUP.to_string(),
        "2\u{200b}".to_string(),
        "\u{2066}别名\u{2069}".to_string(),
        "E \u{1b}[31m\u{202e}".to_string(),
    ] {
        assert!(
            seen_json.contains(&exact),
            "JSON never gave back {:?}",
            exact.chars().take(60).collect::<String>()
        );
    }
}

#[test]
fn hostile_text_is_shown_escaped_where_people_read_it() {
    let env = hostile_env();
    let show = env.tasks_at("2016-09-30", &["show", TASK]);
    let out = show.ok();
    // Visible escapes in place of the raw characters.
    for escaped in [
        "\\u{1b}[31mRED",
        "\\u{1b}]0;pwned\\u{7}",
        "\\u{1b}[2J\\u{1b}[H",
        "N\\u{0}U\\u{85}\\u{9b}31m",
        "\\u{202e}RLO\\u{2066}\\u{2067}\\u{2068}\\u{2069}",
        "1.1\\u{202e}",
        "法规\\u{202e}处",
    ] {
        assert!(out.contains(escaped), "show lacks {escaped}:\n{out}");
    }
    // The task text keeps its line breaks; the CR of a CRLF is shown.
    assert!(out.contains("line two"), "{out}");
    assert!(out.contains("\\u{d}"), "{out}");
    let md = env.tasks_at("2016-09-30", &["report", "--format", "md"]);
    assert!(md.ok().contains("## T A\\u{1b}[31mRED"), "{}", md.stdout);
    // History of a task with nothing recorded names the id escaped.
    let empty = env.tasks(&["history", "2.1"]);
    assert_no_raw_controls("history 2.1", empty.ok());
}

/// Arguments with hostile text: every rejection is one escaped message.
#[test]
fn hostile_arguments_get_escaped_messages() {
    let env = hostile_env();
    let before = env.snapshot();
    let bad = "nope\u{1b}[2J\u{202e}\u{85}\u{7}";
    let path = format!("{bad}.toml");
    let cases: Vec<Vec<&str>> = vec![
        vec!["show", bad],
        vec!["history", bad],
        vec!["list", "--plan", bad],
        vec!["list", "--division", bad],
        vec!["list", "--section", bad],
        vec!["list", "--status", bad],
        vec!["list", "--due-before", bad],
        vec!["--as-of", bad, "list"],
        vec!["report", "--plan", bad],
        vec!["divisions", "--plan", bad],
        vec!["check", "--plan", bad],
        vec!["check", "--within", bad],
        vec!["remind", "--division", bad],
        vec!["event", TASK, bad],
        vec!["event", bad, "x"],
        vec!["feedback", TASK, "--division", bad, "--status", "done"],
        vec!["feedback", TASK, "--division", DIVISION, "--status", bad],
        vec![
            "feedback",
            TASK,
            "--division",
            DIVISION,
            "--status",
            "done",
            "--at",
            bad,
        ],
        vec!["review", bad, "--accept"],
        vec!["load", &path],
        vec!["feedback", "--from", &path],
        vec!["calendar", "add", bad, "3wd"],
        vec!["calendar", "show", bad],
        vec!["calendar", "load", &path],
        vec![bad],
        vec!["list", bad],
        vec!["--db", &path, "list"],
    ];
    for args in &cases {
        let run = env.tasks(args);
        let what = format!("{args:?}");
        assert_no_panic(&what, &run);
        assert_eq!(run.status, 2, "{what}: {}", run.stderr);
        assert!(run.stderr.starts_with("error: "), "{what}: {}", run.stderr);
        assert_no_raw_controls(&what, &run.stderr);
        assert_eq!(run.stdout, "", "{what}");
    }
    // An argument that is not UTF-8.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut cmd = env.command(&["feedback", TASK, "--division", DIVISION, "--status"]);
        cmd.arg(std::ffi::OsStr::from_bytes(b"\xff\xfe"));
        let run = run(cmd);
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert!(run.stderr.contains("invalid UTF-8"), "{}", run.stderr);
    }
    assert_eq!(
        before,
        env.snapshot(),
        "a rejected command changed the database"
    );
}

/// Names and ids with control characters are refused, with the offending
/// text escaped in the message; ids with other hostile characters load.
#[test]
fn control_characters_in_names_and_ids_are_refused_with_escaped_messages() {
    let env = Env::seeded();
    let before = env.snapshot();
    let cases = [
        ("division", "[[division]]\nname = \"a\\u001b[2J\"\n"),
        ("division C1", "[[division]]\nname = \"a\\u009b2J\"\n"),
        ("division NUL", "[[division]]\nname = \"a\\u0000b\"\n"),
        (
            "alias",
            "[[division]]\nname = \"b\"\naliases = [\"c\\u0007\"]\n",
        ),
        ("group", "[[group]]\nname = \"g\\u0085h\"\n"),
    ];
    for (what, extra) in cases {
        let plan = format!(
            "[plan]\nid = \"p\"\ntitle = \"t\"\noffice = \"办公室\"\n[[division]]\nname = \"办公室\"\n{extra}\
             [[section]]\nid = \"1\"\ntitle = \"s\"\nrole = \"own\"\n[[task]]\nid = \"1\"\nsection = \"1\"\ntitle = \"t\"\nlead = \"办公室\"\n"
        );
        env.write("bad.toml", &plan);
        let run = env.tasks(&["load", "bad.toml"]);
        assert_no_panic(what, &run);
        assert_eq!(run.status, 2, "{what}: {}", run.stdout);
        assert!(
            run.stderr.contains("control characters"),
            "{what}: {}",
            run.stderr
        );
        assert_no_raw_controls(what, &run.stderr);
    }
    for (what, id) in [
        ("plan id", "[plan]\nid = \"p\\u001b\""),
        ("task id", "[[task]]\nid = \"1\\u0007\""),
    ] {
        env.write("bad.toml", format!("{id}\n"));
        let run = env.tasks(&["load", "bad.toml"]);
        assert_eq!(run.status, 2, "{what}");
        assert_no_raw_controls(what, &run.stderr);
    }
    // A TOML syntax error on a line full of raw escapes: the snippet shows
    // the line escaped.
    env.write(
        "bad.toml",
        "[plan]\nid = \"p\"\n\u{1b}[2J\u{202e}\u{85} = = 1\n",
    );
    let run = env.tasks(&["load", "bad.toml"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("\\u{1b}[2J"), "{}", run.stderr);
    assert_no_raw_controls("syntax error", &run.stderr);
    assert_eq!(before, env.snapshot());
}

/// Files that are not UTF-8: one message, exit 2, nothing written.
#[test]
fn invalid_utf8_files_are_refused_and_change_nothing() {
    let env = Env::seeded();
    env.tasks(&[
        "feedback",
        "1.7",
        "--division",
        "法规处",
        "--status",
        "in-progress",
        "--at",
        "2016-07-04",
    ])
    .ok();
    let before = env.snapshot();
    let seed = crate::support::seed_text();
    // A broken sequence in a title, a lone continuation byte, an overlong
    // encoding, a surrogate, Latin-1 text, and UTF-16 with its BOM.
    let mut plans: Vec<(&str, Vec<u8>)> = vec![
        (
            "truncated sequence",
            seed.replacen("信用", "信\u{0}", 1).into_bytes(),
        ),
        (
            "lone continuation",
            [b"\x80".as_slice(), seed.as_bytes()].concat(),
        ),
        (
            "overlong",
            seed.replacen("2016年", "2016\u{1}", 1).into_bytes(),
        ),
        (
            "surrogate",
            b"[plan]\nid = \"p\"\ntitle = \"\xed\xa0\x80\"\n".to_vec(),
        ),
        (
            "latin-1",
            b"[plan]\nid = \"p\"\ntitle = \"caf\xe9\"\n".to_vec(),
        ),
        ("utf-16", {
            let mut b = vec![0xff, 0xfe];
            b.extend(
                "[plan]\nid = \"p\"\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            );
            b
        }),
    ];
    // Make the first three really invalid: replace the marker characters by
    // bytes that cannot start or continue UTF-8 there.
    for (_, bytes) in plans.iter_mut().take(3) {
        for b in bytes.iter_mut() {
            if *b == 0 {
                *b = 0xe4; // a 3-byte lead followed by ASCII
            } else if *b == 1 {
                *b = 0xc0; // an overlong lead byte
            }
        }
    }
    for (what, bytes) in &plans {
        env.write("plan.toml", bytes);
        let run = env.tasks(&["load", "plan.toml"]);
        assert_no_panic(what, &run);
        assert_eq!(run.status, 2, "{what}: {}", run.stdout);
        assert!(
            run.stderr.contains("invalid UTF-8"),
            "{what}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("nothing was loaded"), "{what}");
        assert_eq!(run.stdout, "");
        let dry = env.tasks(&["load", "--dry-run", "plan.toml"]);
        assert_eq!(dry.status, 2, "{what} --dry-run");
    }
    let rows: Vec<(&str, &[u8])> = vec![
        ("csv", b"task,division,status,note\n1.7,\xe6\xb3\x95\xe8\xa7\x84\xe5\xa4\x84,done,\xff\xfe\n"),
        ("csv", b"task,division,status\n1.7,\xe6\xb3\x95\x80,done\n"),
        ("csv", b"\xef\xbb\xbftask,division,status\n1.7,x,do\xc3\n"),
        ("toml", b"[[feedback]]\ntask = \"1.7\"\ndivision = \"\xe6\xb3\x95\xe8\xa7\x84\xe5\xa4\x84\"\nstatus = \"done\"\nnote = \"\xc3\x28\"\n"),
        ("toml", b"[[feedback]]\ntask = \"1.7\xed\xbf\xbf\"\n"),
    ];
    for (i, (ext, bytes)) in rows.iter().enumerate() {
        let name = format!("fb{i}.{ext}");
        env.write(&name, bytes);
        let run = env.tasks(&["feedback", "--from", &name]);
        assert_no_panic(&name, &run);
        assert_eq!(run.status, 2, "{name}: {}", run.stdout);
        assert!(
            run.stderr.contains("invalid UTF-8"),
            "{name}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("nothing was recorded"), "{name}");
        assert_no_raw_controls(&name, &run.stderr);
    }
    assert_eq!(
        before,
        env.snapshot(),
        "an invalid file changed the database"
    );
}

/// Where `script` (util-linux) is available, run reading commands on a
/// pseudo-terminal: the table renderer then wraps cells to the terminal's
/// width, a different code path from the one-pass layout off a terminal.
#[test]
fn hostile_text_on_a_terminal_is_escaped_and_quick() {
    let Some(script) = find_script() else {
        eprintln!("note: `script` not found; the terminal path is left to the render unit tests");
        return;
    };
    let env = hostile_env();
    let tasks = env!("CARGO_BIN_EXE_tasks");
    for args in [
        "list",
        "list --section 1",
        "show 1.1\u{202e}",
        "show 1.2",
        "history 1.2",
        "history 1.1\u{202e}",
        "report",
        "report --by division",
        "divisions",
        "plans",
        "check",
        "remind",
    ] {
        let shell = format!("stty cols 100 rows 50; exec '{tasks}' --as-of 2016-09-30 {args}");
        let mut cmd = Command::new(&script);
        cmd.args(["-qec", &shell, "/dev/null"])
            .current_dir(env.dir.path())
            .env_remove("RUST_BACKTRACE")
            .env("LANG", "C")
            .env("TASKS_DB", &env.db)
            .env("HOME", env.dir.path())
            .stdin(std::process::Stdio::null());
        let started = std::time::Instant::now();
        let out = run(cmd);
        let took = started.elapsed();
        assert!(
            took < std::time::Duration::from_secs(20),
            "{args}: {took:?} on a terminal"
        );
        assert!(!out.stdout.contains("panicked"), "{args}: {}", out.stdout);
        // The terminal adds a CR to every line break.
        let text = out.stdout.replace("\r\n", "\n");
        assert_no_raw_controls(&format!("{args} on a terminal"), &text);
        let expected = if args == "check" { 1 } else { 0 };
        assert_eq!(out.status, expected, "{args}: {}", out.stdout);
        // The wrapped layout was taken: the escapes are there.
        if args == "list" {
            assert!(text.contains("\\u{202e}"), "{text}");
        }
    }
}

fn find_script() -> Option<std::path::PathBuf> {
    ["/usr/bin/script", "/bin/script"]
        .iter()
        .map(Path::new)
        .find(|p| p.exists())
        .map(Path::to_path_buf)
}
