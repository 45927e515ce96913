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
    conn.execute_batch(
        "DROP INDEX feedback_same;
         ALTER TABLE feedback DROP COLUMN same; ALTER TABLE feedback DROP COLUMN at_given;
         DROP INDEX task_due; DROP INDEX task_returned; DROP INDEX task_section;
         DROP INDEX review_at;
         ALTER TABLE task DROP COLUMN state; ALTER TABLE task DROP COLUMN returned_at;
         PRAGMA user_version = 4;",
    )
    .expect("back to schema 4");
    drop(conn);

    at(&env, "2016-07-12", &["plans"]);
    assert_eq!(kept_states(&env), before);
    let conn = rusqlite::Connection::open(&env.db).expect("open");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version as usize, tasks::store::MIGRATIONS.len());
}
