//! A look at a database that changes nothing on disk: no database is
//! created, nothing is migrated, and no `-wal` or `-shm` file is left
//! behind. For shell completion, which runs at every Tab and must be quick
//! and harmless, and for `tasks db`, which says what a database holds.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::file::{self, Found};
use super::{check_header, APPLICATION_ID, MIGRATIONS};
use crate::error::UserError;

/// A read-only connection to a tasks database.
pub struct Peek {
    conn: Connection,
}

/// What a database holds, in figures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DbInfo {
    /// The schema version recorded in the file.
    pub schema_version: i64,
    /// The schema version this `tasks` writes (the next command that writes
    /// to an older file migrates it; reading commands read it as migrated
    /// and leave it as it is).
    pub current_schema_version: i64,
    pub plans: i64,
    /// Tasks in force (not withdrawn), in every plan.
    pub tasks: i64,
    pub withdrawn: i64,
    /// The size of the database file, in bytes.
    pub bytes: u64,
}

impl Peek {
    /// Opens the database at `path` to read it, or `Ok(None)` when there is
    /// no file there. A file that is not a tasks database, or one of a newer
    /// schema, is refused as `Store::open` refuses it.
    ///
    /// SQLite creates the `-wal` and `-shm` files of a WAL database for any
    /// reader, and a read-only one leaves them behind. When they are not
    /// there (no other process has the database open) the file is read as
    /// immutable, which needs neither; when they are, they are used as they
    /// are.
    pub fn open(path: &Path) -> anyhow::Result<Option<Peek>> {
        let fail = |reason: crate::messages::Msg| UserError::Database {
            path: path.to_path_buf(),
            reason,
        };
        let head = match file::inspect(path, APPLICATION_ID).map_err(fail)? {
            Found::Missing => return Ok(None),
            Found::ThroughFile => return Err(fail(crate::messages::db_path_through_file()).into()),
            Found::Empty => return Err(fail(crate::messages::db_is_empty_file()).into()),
            Found::Sqlite(head) => head,
        };
        // Refused before SQLite reads it: a reader may change the -shm file
        // of another program's database.
        check_header(
            head.app_id,
            head.version,
            head.has_schema.into(),
            MIGRATIONS.len(),
        )
        .map_err(fail)?;
        let beside = |suffix: &str| file::beside(path, suffix).exists();
        let immutable = !(beside("-wal") && beside("-shm"));
        let uri = format!(
            "file:{}?mode=ro{}",
            uri_path(path),
            if immutable { "&immutable=1" } else { "" }
        );
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(&uri, flags).map_err(|e| fail(super::explain(&e)))?;
        conn.busy_timeout(std::time::Duration::from_millis(500))
            .map_err(|e| fail(super::explain(&e)))?;
        let peek = Peek { conn };
        let header = peek.header().map_err(|e| fail(super::explain(&e)))?;
        check_header(header.0, header.1, header.2, MIGRATIONS.len()).map_err(fail)?;
        Ok(Some(peek))
    }

    fn header(&self) -> rusqlite::Result<(i64, i64, i64)> {
        let app_id = self
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        Ok((app_id, version, tables))
    }

    /// Whether the file holds tables yet (a database being created holds
    /// none until its first migration is committed).
    fn has_tables(&self) -> rusqlite::Result<bool> {
        Ok(self.header()?.1 > 0)
    }

    /// The figures of `tasks db`.
    pub fn info(&self, path: &Path) -> anyhow::Result<DbInfo> {
        let (_, version, _) = self.header()?;
        let (plans, tasks, withdrawn) = if self.has_tables()? {
            self.conn.query_row(
                "SELECT (SELECT count(*) FROM plan),
                        (SELECT count(*) FROM task WHERE NOT withdrawn),
                        (SELECT count(*) FROM task WHERE withdrawn)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?
        } else {
            (0, 0, 0)
        };
        Ok(DbInfo {
            schema_version: version,
            current_schema_version: MIGRATIONS.len() as i64,
            plans,
            tasks,
            withdrawn,
            bytes: std::fs::metadata(path).map_or(0, |m| m.len()),
        })
    }

    /// The ids of the plans, in order.
    pub fn plan_ids(&self) -> anyhow::Result<Vec<String>> {
        self.strings("SELECT id FROM plan ORDER BY id", "")
    }

    /// The names of the divisions and groups in force, and their aliases,
    /// that begin with `prefix`, each once, in order.
    pub fn unit_names(&self, prefix: &str) -> anyhow::Result<Vec<String>> {
        self.strings(
            "SELECT name FROM unit WHERE active AND substr(name, 1, length(?1)) = ?1
             UNION
             SELECT a.alias FROM unit_alias a JOIN unit u ON u.pk = a.unit_pk
             WHERE u.active AND substr(a.alias, 1, length(?1)) = ?1
             ORDER BY 1",
            prefix,
        )
    }

    /// The tasks in force whose id begins with `prefix`, in plan order: the
    /// id alone, and `PLAN:ID` too for an id that several plans have.
    /// A prefix with a colon is matched against `PLAN:ID` of every task.
    pub fn task_ids(&self, prefix: &str, limit: usize) -> anyhow::Result<Vec<String>> {
        let sql = if prefix.contains(':') {
            "SELECT p.id || ':' || t.id FROM task t JOIN plan p ON p.pk = t.plan_pk
             WHERE NOT t.withdrawn AND substr(p.id || ':' || t.id, 1, length(?1)) = ?1
             ORDER BY p.id, t.ord LIMIT ?2"
        } else {
            "WITH m AS (
                 SELECT t.id, p.id AS plan, t.ord FROM task t JOIN plan p ON p.pk = t.plan_pk
                 WHERE NOT t.withdrawn AND substr(t.id, 1, length(?1)) = ?1
             ),
             shared AS (SELECT id FROM m GROUP BY id HAVING count(*) > 1)
             SELECT id FROM (
                 SELECT id, min(plan) AS plan, min(ord) AS ord FROM m GROUP BY id
                 UNION ALL
                 SELECT m.plan || ':' || m.id, m.plan, m.ord FROM m JOIN shared USING (id)
             ) ORDER BY plan, ord, id LIMIT ?2"
        };
        if !self.has_tables()? {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map(rusqlite::params![prefix, limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn strings(&self, sql: &str, prefix: &str) -> anyhow::Result<Vec<String>> {
        if !self.has_tables()? {
            return Ok(Vec::new());
        }
        let mut stmt = self.conn.prepare(sql)?;
        let rows = if sql.contains("?1") {
            stmt.query_map([prefix], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        } else {
            stmt.query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        };
        Ok(rows)
    }
}

/// A path as the path of a `file:` URI: the characters that end or escape
/// a path there are percent-encoded.
fn uri_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    // `file://` would begin an authority: `//x` is `/x`.
    let skip = bytes
        .iter()
        .take_while(|&&b| b == b'/')
        .count()
        .saturating_sub(1);
    let mut out = String::with_capacity(bytes.len());
    for b in bytes.into_iter().skip(skip) {
        match b {
            b'%' | b'?' | b'#' => out.push_str(&format!("%{b:02X}")),
            0x80.. => out.push_str(&format!("%{b:02X}")),
            _ => out.push(char::from(b)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Access, Store};

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn no_file_is_no_database_and_nothing_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("none").join("tasks.db");
        assert!(Peek::open(&path).unwrap().is_none());
        assert!(files(dir.path()).is_empty());
    }

    #[test]
    fn a_look_leaves_no_file_behind_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        // Odd characters in the path are part of the name, not of the URI.
        let path = dir.path().join("a?b#c%d 处.db");
        drop(Store::open(&path, Access::Create).unwrap());
        let before = files(dir.path());
        let bytes = std::fs::read(&path).unwrap();
        let peek = Peek::open(&path).unwrap().unwrap();
        let info = peek.info(&path).unwrap();
        assert_eq!(info.plans, 0);
        assert_eq!(info.schema_version, MIGRATIONS.len() as i64);
        assert!(peek.plan_ids().unwrap().is_empty());
        assert!(peek.unit_names("").unwrap().is_empty());
        assert!(peek.task_ids("", 10).unwrap().is_empty());
        drop(peek);
        assert_eq!(files(dir.path()), before);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn a_file_that_is_not_a_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        std::fs::write(&path, "not a database at all").unwrap();
        assert!(Peek::open(&path).is_err());
        assert!(Peek::open(dir.path()).is_err());
    }

    #[test]
    fn uri_paths_escape_what_ends_a_path() {
        assert_eq!(uri_path(Path::new("/a b/c?d#e%f")), "/a b/c%3Fd%23e%25f");
        assert_eq!(uri_path(Path::new("//tmp/x.db")), "/tmp/x.db");
        assert_eq!(uri_path(Path::new("x.db")), "x.db");
    }
}
