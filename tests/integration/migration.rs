//! Opening a database written under an earlier schema.

use crate::support::{at, json_at, Env};

fn kept_states(env: &Env) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let mut stmt = conn
        .prepare("SELECT id, state, returned_at FROM task ORDER BY pk")
        .expect("prepare");
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query");
    rows.collect::<Result<_, _>>().expect("rows")
}

#[test]
fn a_schema_4_database_gets_its_task_states_when_migrated() {
    let env = Env::seeded();
    let lead = |task: &str| {
        json_at(&env, "2016-07-01", &["show", task, "--format", "json"])["lead"]
            .as_str()
            .expect("lead")
            .to_string()
    };
    for (task, status) in [("1.1", "in-progress"), ("2.1", "blocked"), ("3.5", "done")] {
        let lead = lead(task);
        at(
            &env,
            "2016-07-10",
            &["feedback", task, "--division", &lead, "--status", status],
        );
    }
    at(&env, "2016-07-11", &["review", "3.5", "--accept"]);
    let before = kept_states(&env);
    let state = |id: &str| {
        before
            .iter()
            .find(|t| t.0 == id)
            .map(|t| t.1.clone())
            .expect("task")
    };
    assert_eq!(
        [state("1.1"), state("2.1"), state("3.5")],
        ["in-progress", "blocked", "closed"]
    );

    // The database as schema 4 left it: no kept states.
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.execute_batch(crate::support::UNDO_SCHEMA_11)
        .expect("back to schema 10");
    conn.execute_batch(
        "DROP TABLE reminder_task; DROP TABLE reminder;
         DROP TABLE void; DROP TABLE import; DROP INDEX feedback_import; DROP INDEX feedback_voided;
         ALTER TABLE feedback DROP COLUMN recorded_by; ALTER TABLE feedback DROP COLUMN voided;
         ALTER TABLE feedback DROP COLUMN import_seq; ALTER TABLE feedback DROP COLUMN amends;
         ALTER TABLE review DROP COLUMN recorded_by; ALTER TABLE review DROP COLUMN voided;
         ALTER TABLE event DROP COLUMN recorded_by; ALTER TABLE event DROP COLUMN voided;
         DROP INDEX feedback_same;
         ALTER TABLE feedback DROP COLUMN same; ALTER TABLE feedback DROP COLUMN at_given;
         DROP INDEX task_due; DROP INDEX task_returned; DROP INDEX task_section;
         DROP INDEX review_at;
         ALTER TABLE task DROP COLUMN state; ALTER TABLE task DROP COLUMN returned_at;
         DROP INDEX task_parent; ALTER TABLE task DROP COLUMN parent_pk;
         DROP INDEX task_outcome; ALTER TABLE task DROP COLUMN deliverable;
         ALTER TABLE task DROP COLUMN target; ALTER TABLE assignment DROP COLUMN word;
         PRAGMA user_version = 4;",
    )
    .expect("back to schema 4");
    drop(conn);

    // The first write migrates it (reading commands leave it as it is).
    at(&env, "2016-07-12", &["load", crate::support::SEED_PLAN]);
    assert_eq!(kept_states(&env), before);
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version as usize, tasks::store::MIGRATIONS.len());
}

/// A database written before schema 6 kept a joined import key for each
/// imported entry; once migrated, the entries it holds are found the same
/// as before: importing the same file again adds nothing, with or without
/// a stated time.
#[test]
fn a_schema_5_database_knows_its_imported_entries_when_migrated() {
    let env = Env::seeded();
    env.write(
        "july.csv",
        "task,division,status,percent,note,at\n\
         2.1,法规处,in-progress,40,已起草,2016-07-05\n\
         1.7,政策法规处,blocked,,等待意见,\n",
    );
    at(
        &env,
        "2016-07-10T09:00",
        &["feedback", "--from", "july.csv"],
    );
    at(
        &env,
        "2016-07-10T09:30",
        &[
            "feedback",
            "3.5",
            "--division",
            "法规处",
            "--status",
            "in-progress",
        ],
    );
    let before = kept_states(&env);

    // The database as schema 5 left it: import keys as they were written
    // then, no sameness keys.
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    conn.execute_batch(crate::support::UNDO_SCHEMA_11)
        .expect("back to schema 10");
    conn.execute_batch(
        "UPDATE feedback SET import_key =
             (SELECT p.id || ':' || t.id FROM task t JOIN plan p ON p.pk = t.plan_pk
              WHERE t.pk = feedback.task_pk)
             || char(31) || (SELECT name FROM unit WHERE pk = feedback.unit_pk)
             || char(31) || status || char(31) || coalesce(percent, '')
             || char(31) || note || char(31) || by || char(31)
             || CASE WHEN at_given THEN at ELSE 'imported ' || substr(recorded_at, 1, 10) END
         WHERE task_pk IN (SELECT pk FROM task WHERE id IN ('2.1', '1.7'));
         DROP TABLE reminder_task; DROP TABLE reminder;
         DROP TABLE void; DROP TABLE import; DROP INDEX feedback_import; DROP INDEX feedback_voided;
         ALTER TABLE feedback DROP COLUMN recorded_by; ALTER TABLE feedback DROP COLUMN voided;
         ALTER TABLE feedback DROP COLUMN import_seq; ALTER TABLE feedback DROP COLUMN amends;
         ALTER TABLE review DROP COLUMN recorded_by; ALTER TABLE review DROP COLUMN voided;
         ALTER TABLE event DROP COLUMN recorded_by; ALTER TABLE event DROP COLUMN voided;
         DROP INDEX feedback_same;
         ALTER TABLE feedback DROP COLUMN same; ALTER TABLE feedback DROP COLUMN at_given;
         DROP INDEX task_parent; ALTER TABLE task DROP COLUMN parent_pk;
         DROP INDEX task_outcome; ALTER TABLE task DROP COLUMN deliverable;
         ALTER TABLE task DROP COLUMN target; ALTER TABLE assignment DROP COLUMN word;
         PRAGMA user_version = 5;",
    )
    .expect("back to schema 5");
    drop(conn);

    let snapshot = |env: &Env| {
        let conn = rusqlite::Connection::open(&env.db).expect("open");
        let n: i64 = conn
            .query_row("SELECT count(*) FROM feedback", [], |r| r.get(0))
            .expect("count");
        n
    };
    let out = at(
        &env,
        "2016-07-10T18:00",
        &["feedback", "--from", "july.csv"],
    );
    assert_eq!(
        out,
        "july.csv: all 2 entries were recorded before; nothing added.\n"
    );
    assert_eq!(snapshot(&env), 3);
    assert_eq!(kept_states(&env), before);
    // The entry without a time is the same only on the day it was imported.
    let out = at(
        &env,
        "2016-07-11T09:00",
        &["feedback", "--from", "july.csv"],
    );
    assert_eq!(
        out,
        "Recorded 1 of 2 entries from july.csv (import #5); 1 were recorded before.\n"
    );
    // An entry typed on the command line counts too: the same report in a
    // file on the same day is not recorded again.
    env.write("same.csv", "task,division,status\n3.5,法规处,in-progress\n");
    let out = at(
        &env,
        "2016-07-10T20:00",
        &["feedback", "--from", "same.csv"],
    );
    assert_eq!(
        out,
        "same.csv: all 1 entries were recorded before; nothing added.\n"
    );
}
