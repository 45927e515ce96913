//! The only place with SQL: opening the database, migrations, and typed
//! queries. Another storage engine would be added beside this module.

mod deadline;
mod file;
mod load;
mod peek;
mod query;
mod record;
mod reminder;
mod roles;
mod schema;
mod tree;
mod trend;
mod void;
mod wait;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};

use crate::error::UserError;
use crate::messages::{self, Msg};
use file::Found;

pub use deadline::{EventRow, PlanTerms};
pub use load::{Delta, LoadReport, TaskChange};
pub use peek::{DbInfo, Peek};
pub use query::{DivisionRow, ListFilter, PlanRow, RuleRow, TaskDetail, TaskKey, TaskRow};
pub use record::{HistoryItem, NewFeedback, Target, TargetLookup, TaskFacts};
pub use reminder::{NewReminder, RemindedTask};
pub use roles::{named_of, own_word, Named, Outcome};
pub use schema::MIGRATIONS;
pub use tree::SubTask;
pub use void::{ImportCounts, ImportRow, Record, RecordKind, VoidRow};
pub use wait::set_lang as set_wait_lang;

/// A map keyed by primary keys, hashed by one multiplication: the default
/// hasher resists keys chosen to collide, which primary keys are not, and
/// costs more than the rest of reading a large plan's facts.
pub type PkMap<V> = std::collections::HashMap<i64, V, std::hash::BuildHasherDefault<PkHasher>>;

#[derive(Default)]
pub struct PkHasher(u64);

impl std::hash::Hasher for PkHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.0 = (self.0 ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// SQL for `column` being one of `pks`: a range when they are consecutive
/// keys in order (a plan read chunk by chunk), which SQLite reads as one run
/// of an index; a list otherwise, a few keys as SQL values, more as one
/// JSON array (one string to parse rather than a value each, which, with
/// hundreds of keys, takes longer than the query itself).
pub(crate) fn among(column: &str, pks: &[i64]) -> String {
    use std::fmt::Write;
    match (pks.first(), pks.last()) {
        (Some(first), Some(last)) if pks.windows(2).all(|w| w[1] == w[0] + 1) => {
            format!("{column} BETWEEN {first} AND {last}")
        }
        _ => {
            let mut list = String::with_capacity(pks.len() * 7);
            for (i, pk) in pks.iter().enumerate() {
                if i > 0 {
                    list.push(',');
                }
                let _ = write!(list, "{pk}");
            }
            if pks.len() <= AMONG_LISTED {
                format!("{column} IN ({list})")
            } else {
                format!("{column} IN (SELECT value FROM json_each('[{list}]'))")
            }
        }
    }
}

/// Up to how many keys `among` writes as SQL values.
const AMONG_LISTED: usize = 16;

/// Marks a database as ours (`PRAGMA application_id`): "task" in ASCII.
const APPLICATION_ID: i64 = 0x7461_736b;

/// Page cache sizes (negative: KiB; SQLite's default is 2 MiB). Reading
/// commands scan tables once and lean on the operating system's cache: a
/// small cache is reused, where each page of a larger one is memory the
/// process must first be given (a fault per page, costing more than the
/// read). A write transaction keeps its changed pages in memory until it
/// commits. A load writes more pages than that holds (a plan of 100,000
/// tasks), so they go to the WAL before the commit anyway, and reads each
/// stored page once: a larger cache would only add to the memory the plan
/// takes.
const READ_CACHE_KIB: i64 = -2048;
const WRITE_CACHE_KIB: i64 = -32768;
const LOAD_CACHE_KIB: i64 = -8192;

/// How long the second connection of a report waits for a lock it was
/// told is free (commands wait longer: `wait`).
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The migrations this database lacked are applied in a transaction
    /// still open: the first write commits them with its own records, and
    /// they are rolled back when no write comes (a reading command, a dry
    /// run, a command that fails).
    upgrading: Cell<bool>,
    /// How deep `write` calls are nested.
    writing: Cell<u32>,
    /// What this opening made: the file (and these directories, deepest
    /// first), or a database in a file of no bytes; see `discard`.
    made: Made,
    created_dirs: Vec<PathBuf>,
    /// The file is removed when the store is dropped (its creation failed).
    remove: Cell<bool>,
}

/// What opening a database made, to be undone if the command fails.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Made {
    Nothing,
    /// The file.
    File,
    /// A database in a file that had no bytes.
    InEmptyFile,
}

/// Whether opening may create the database file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Access {
    /// Reading commands, and writing commands that need a database already
    /// there: the database must exist and hold the tables of tasks.
    Existing,
    /// Writing commands: the file and its directory are created if missing.
    Create,
    /// Dry runs: like `Create`, except that when there is no database yet
    /// (no file, an empty one, an empty SQLite database) the store is one in
    /// memory, and the file is not touched.
    Trial,
}

impl Store {
    /// Opens the database at `path`, or creates it with `Access::Create`.
    /// Nothing is changed in the files until a command writes: a database
    /// of an older schema is read as migrated, in a transaction that only a
    /// write commits, and a database that cannot be used is refused before
    /// SQLite opens it.
    pub fn open(path: &Path, access: Access) -> anyhow::Result<Store> {
        let fail = |reason: Msg| UserError::Database {
            path: path.to_path_buf(),
            reason,
        };
        let latest = MIGRATIONS.len();
        let found = file::inspect(path, APPLICATION_ID).map_err(fail)?;
        let empty = match found {
            Found::Missing | Found::ThroughFile | Found::Empty => true,
            Found::Sqlite(head) => {
                check_header(head.app_id, head.version, head.has_schema.into(), latest)
                    .map_err(fail)?;
                !head.has_schema
            }
        };
        match (access, &found) {
            (Access::Existing, Found::Missing) => {
                return Err(UserError::NoDatabase(path.to_path_buf()).into())
            }
            (Access::Existing | Access::Trial, Found::ThroughFile) => {
                return Err(fail(messages::db_path_through_file()).into())
            }
            (Access::Existing, Found::Empty) => {
                return Err(fail(messages::db_is_empty_file()).into())
            }
            (Access::Existing, _) if empty => return Err(fail(messages::db_empty_sqlite()).into()),
            (Access::Trial, _) if empty => return Store::in_memory(),
            _ => {}
        }
        let dangling_link = std::fs::symlink_metadata(path).is_ok();
        let mut created_dirs = Vec::new();
        if matches!(found, Found::Missing | Found::ThroughFile) {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                created_dirs = dir
                    .ancestors()
                    .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
                    .map(Path::to_path_buf)
                    .collect();
                std::fs::create_dir_all(dir).map_err(|e| {
                    fail(messages::cannot_create_directory(
                        dir,
                        crate::render::output::plain_reason(&e),
                    ))
                })?;
            }
        }
        let flags = match access {
            Access::Existing | Access::Trial => OpenFlags::SQLITE_OPEN_READ_WRITE,
            Access::Create => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags);
        let mut store = Store::of(
            conn.map_err(|e| {
                remove_dirs(&created_dirs);
                fail(explain(&e))
            })?,
            path,
        );
        store.made = match found {
            // A link to no file: SQLite made the file it names, not kept
            // track of here.
            Found::Missing if dangling_link => Made::Nothing,
            Found::Missing | Found::ThroughFile => Made::File,
            Found::Empty => Made::InEmptyFile,
            Found::Sqlite(_) => Made::Nothing,
        };
        store.created_dirs = created_dirs;
        // Until the database is made, a failure undoes what was made.
        store.remove.set(store.made != Made::Nothing);
        // Whose database it is, before anything is changed in it: setting
        // WAL mode rewrites the header of another program's database.
        let (app_id, version, tables) = store.header().map_err(|e| fail(explain(&e)))?;
        check_header(app_id, version, tables, latest).map_err(fail)?;
        // A database being made gets its journal mode; an existing one is
        // kept as it is.
        store
            .configure(access == Access::Create && empty)
            .map_err(|e| fail(explain(&e)))?;
        // A new database is made at once; an existing one is migrated by
        // the first write.
        store.upgrade(access == Access::Create && empty)?;
        store.remove.set(false);
        Ok(store)
    }

    /// Closes a database and, when this store made it and no plan or
    /// calendar year was stored in it since, removes it with the directories made for it (or
    /// empties again the file of no bytes it was made in): a command that
    /// created a database and then failed leaves things as they were.
    pub fn discard(self) {
        let unused = self.made != Made::Nothing
            && self
                .conn
                .query_row(
                    "SELECT NOT EXISTS (SELECT 1 FROM plan)
                        AND NOT EXISTS (SELECT 1 FROM calendar_year)",
                    [],
                    |r| r.get(0),
                )
                .unwrap_or(false);
        self.remove.set(unused);
    }

    /// A store on `conn`, with nothing pending.
    fn of(conn: Connection, path: &Path) -> Store {
        Store {
            conn,
            path: path.to_path_buf(),
            upgrading: Cell::new(false),
            writing: Cell::new(0),
            made: Made::Nothing,
            created_dirs: Vec::new(),
            remove: Cell::new(false),
        }
    }

    /// A database in memory, for dry runs when no database file exists yet.
    pub fn in_memory() -> anyhow::Result<Store> {
        let conn = Connection::open_in_memory()?;
        stable_plans(&conn)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut store = Store::of(conn, Path::new(":memory:"));
        store.migrate()?;
        Ok(store)
    }

    /// Runs `work` in one write transaction (BEGIN IMMEDIATE): the checks it
    /// makes and the records it writes see no other writer in between.
    /// Committed when `work` succeeds, rolled back otherwise. Migrations
    /// applied when the database was opened are committed with it.
    pub fn write<T>(&self, work: impl FnOnce(&Store) -> anyhow::Result<T>) -> anyhow::Result<T> {
        if !self.conn.is_autocommit() {
            if !self.upgrading.get() || self.writing.get() > 0 {
                return work(self);
            }
            self.set_cache(WRITE_CACHE_KIB)?;
            self.writing.set(1);
            let result = work(self);
            self.writing.set(0);
            let result = result?;
            self.commit_upgrade()?;
            return Ok(result);
        }
        self.set_cache(WRITE_CACHE_KIB)?;
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let result = work(self)?;
        tx.commit()?;
        Ok(result)
    }

    /// Runs `work` in a write transaction that is always rolled back: a dry
    /// run sees what a real one would (its own writes included) and leaves
    /// the database as it was.
    pub fn trial<T>(&self, work: impl FnOnce(&Store) -> anyhow::Result<T>) -> anyhow::Result<T> {
        if !self.conn.is_autocommit() {
            // Within migrations not committed (or another write): undone to
            // where it began.
            self.conn.execute_batch("SAVEPOINT trial")?;
            let result = work(self);
            self.conn
                .execute_batch("ROLLBACK TO trial; RELEASE trial")?;
            return result;
        }
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let result = work(self);
        tx.rollback()?;
        result
    }

    /// Runs `work` on one snapshot of the database (a read transaction):
    /// its queries see nothing another process writes meanwhile. Within a
    /// transaction already open, `work` simply runs in it.
    pub fn snapshot<T>(&self, work: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
        if !self.conn.is_autocommit() {
            return work();
        }
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        let result = work()?;
        tx.commit()?;
        Ok(result)
    }

    /// `snapshot`, with a second connection reading the same snapshot when
    /// `pair` asks for one and one can be had, for `work` to read with on
    /// another thread. A third connection holds the write lock while the
    /// two start reading, so that no commit comes between them. When the
    /// lock is not free at once (another process is writing), or outside
    /// a database file, `work` gets no second connection.
    pub fn snapshot_pair<T>(
        &self,
        pair: bool,
        work: impl FnOnce(Option<Store>) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        // Within a transaction already open, this one's snapshot may have
        // begun long before.
        let pair = pair && self.conn.is_autocommit() && self.path != Path::new(":memory:");
        self.snapshot(|| work(if pair { self.second_reader() } else { None }))
    }

    /// A connection reading the snapshot this one, in a transaction yet to
    /// read, starts reading now: see `snapshot_pair`.
    fn second_reader(&self) -> Option<Store> {
        let open = || {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(&self.path, flags).ok()
        };
        let start_reading = |conn: &Connection| {
            conn.query_row("SELECT count(*) FROM plan", [], |_| Ok(()))
                .ok()
        };
        let lock = open()?;
        lock.busy_timeout(Duration::ZERO).ok()?;
        lock.execute_batch("BEGIN IMMEDIATE").ok()?;
        start_reading(&self.conn)?;
        let conn = open()?;
        stable_plans(&conn).ok()?;
        conn.busy_timeout(BUSY_TIMEOUT).ok()?;
        conn.pragma_update(None, "cache_size", READ_CACHE_KIB)
            .ok()?;
        conn.execute_batch("BEGIN").ok()?;
        start_reading(&conn)?;
        lock.execute_batch("ROLLBACK").ok()?;
        Some(Store::of(conn, &self.path))
    }

    /// Whether the database holds more than `n` tasks.
    pub fn has_more_tasks_than(&self, n: usize) -> rusqlite::Result<bool> {
        self.conn.query_row(
            "SELECT count(*) > ?1 FROM (SELECT 1 FROM task LIMIT ?1 + 1)",
            [n as i64],
            |r| r.get(0),
        )
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&mut self, set_wal: bool) -> rusqlite::Result<()> {
        stable_plans(&self.conn)?;
        // Another process's write is waited for, saying so (`wait`).
        self.conn.busy_handler(Some(wait::busy))?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        if set_wal {
            let mode: String =
                self.conn
                    .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(rusqlite::Error::InvalidQuery);
            }
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        self.set_cache(READ_CACHE_KIB)
    }

    /// Sets the page cache to one of the `*_CACHE_KIB` sizes.
    fn set_cache(&self, kib: i64) -> rusqlite::Result<()> {
        self.conn.pragma_update(None, "cache_size", kib)
    }

    /// A condition on `column`, a task's pk, that keeps the tasks of `plan`
    /// (every plan if `None`) and, when given, only `tasks` among them. Only
    /// integers are written into it; the plan's part is true when the
    /// database holds no other plan.
    pub(crate) fn scope(
        &self,
        plan: Option<&str>,
        tasks: Option<&[i64]>,
        column: &str,
    ) -> anyhow::Result<String> {
        let of_plan = match plan {
            None => "1".to_string(),
            Some(plan) => {
                let (pk, others): (Option<i64>, i64) = self
                    .conn
                    .prepare_cached(
                        "SELECT (SELECT pk FROM plan WHERE id = ?1),
                                (SELECT count(*) FROM plan WHERE id <> ?1)",
                    )?
                    .query_row([plan], |r| Ok((r.get(0)?, r.get(1)?)))?;
                match (pk, others) {
                    (None, _) => "0".to_string(),
                    (Some(_), 0) => "1".to_string(),
                    (Some(pk), _) => {
                        format!("{column} IN (SELECT pk FROM task WHERE plan_pk = {pk})")
                    }
                }
            }
        };
        Ok(match tasks {
            Some(pks) => format!("{} AND {of_plan}", among(column, pks)),
            None => of_plan,
        })
    }

    /// Applies the migrations this database lacks, all in one transaction,
    /// and commits them. Returns how many were applied.
    pub fn migrate(&mut self) -> anyhow::Result<usize> {
        let applied = self.upgrade(true)?;
        Ok(applied)
    }

    /// Applies the migrations this database lacks in one transaction, and
    /// commits it when `commit`; else leaves it open for the first write to
    /// commit (see `upgrading`). Returns how many were applied.
    fn upgrade(&mut self, commit: bool) -> anyhow::Result<usize> {
        let fail = self.failing();
        let (app_id, version, tables) = self.header().map_err(|e| fail(explain(&e)))?;
        let latest = MIGRATIONS.len();
        check_header(app_id, version, tables, latest).map_err(&fail)?;
        if version as usize == latest || self.upgrading.get() {
            return Ok(0);
        }
        self.set_cache(WRITE_CACHE_KIB)
            .map_err(|e| fail(explain(&e)))?;
        // A migration that makes a table again (to change a CHECK) drops the
        // table other tables refer to: foreign keys are not enforced while
        // migrating (they cannot be switched inside a transaction), and are
        // checked in full before the migration is committed.
        self.conn
            .pragma_update(None, "foreign_keys", false)
            .map_err(|e| fail(explain(&e)))?;
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| fail(explain(&e)))?;
        let applied = match self.migrate_steps(latest, &fail) {
            Ok(applied) => applied,
            Err(e) => {
                self.undo_upgrade();
                return Err(e);
            }
        };
        self.upgrading.set(true);
        if commit {
            self.commit_upgrade()?;
        }
        Ok(applied)
    }

    /// The error of this database, for `reason`.
    fn failing(&self) -> impl Fn(Msg) -> UserError {
        let path = self.path.clone();
        move |reason: Msg| UserError::Database {
            path: path.clone(),
            reason,
        }
    }

    /// Rolls back the migrations not committed.
    fn undo_upgrade(&self) {
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let _ = self.conn.pragma_update(None, "foreign_keys", true);
        self.upgrading.set(false);
    }

    /// Commits the migrations applied when the database was opened (and
    /// whatever was written since), once the references hold throughout.
    fn commit_upgrade(&self) -> anyhow::Result<()> {
        let fail = self.failing();
        let broken: Option<String> = self
            .conn
            .query_row(
                "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
                [],
                |r| r.get(0),
            )
            .map_or_else(
                |e| match e {
                    rusqlite::Error::QueryReturnedNoRows => Ok(None),
                    e => Err(e),
                },
                |t| Ok(Some(t)),
            )?;
        if let Some(table) = broken {
            self.undo_upgrade();
            return Err(fail(messages::migration_failed(
                messages::migration_step(MIGRATIONS.len()),
                messages::migration_broken_references(table),
            ))
            .into());
        }
        if let Err(e) = self.conn.execute_batch("COMMIT") {
            self.undo_upgrade();
            return Err(fail(explain(&e)).into());
        }
        self.upgrading.set(false);
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(|e| fail(explain(&e)))?;
        Ok(())
    }

    /// The migrations from the database's version to `latest`, in the
    /// transaction begun by `upgrade`.
    fn migrate_steps(
        &self,
        latest: usize,
        fail: &dyn Fn(Msg) -> UserError,
    ) -> anyhow::Result<usize> {
        let tx = &self.conn;
        // Another process may have migrated while this one waited.
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        check_header(APPLICATION_ID, version, 1, latest).map_err(fail)?;
        let mut applied = 0;
        let failed = |step: Msg, e: anyhow::Error| -> anyhow::Error {
            let reason = match (e.downcast_ref::<rusqlite::Error>(), e.downcast_ref()) {
                (Some(sqlite), _) => explain(sqlite),
                (None, Some(UserError::Usage(why))) => why.clone(),
                (None, _) => messages::as_reported(e.to_string()),
            };
            fail(messages::migration_failed(step, reason)).into()
        };
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)
                .map_err(|e| failed(messages::migration_step(i + 1), e.into()))?;
            applied += 1;
        }
        // Migration 5 added the states kept for each task; the tasks already
        // there get theirs from what was recorded for them.
        if version < 5 {
            self.refresh_states(None)
                .map_err(|e| failed(messages::migration_states(), e))?;
        }
        // Migration 6 added the sameness key of each entry.
        if version < 6 {
            self.refresh_sameness()
                .map_err(|e| failed(messages::migration_sameness(), e))?;
        }
        tx.pragma_update(None, "user_version", latest as i64)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        Ok(applied)
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

    /// The schema version recorded in the database.
    pub fn schema_version(&self) -> anyhow::Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// Keeps a prepared statement's query plan whatever values are bound to it.
/// Without this, SQLite prepares a statement again each time a new value is
/// bound to a parameter that could change its plan, which made statements
/// run once per batch entry cost as much as preparing them.
fn stable_plans(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    Ok(())
}

fn check_header(app_id: i64, version: i64, tables: i64, latest: usize) -> Result<(), Msg> {
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(messages::db_of_another_program());
    }
    if version < 0 {
        return Err(messages::db_negative_version(version));
    }
    if version as usize > latest {
        return Err(messages::db_too_new(version, latest));
    }
    Ok(())
}

/// Removes the directories made for a database not created after all,
/// deepest first, each only if it is empty.
fn remove_dirs(dirs: &[PathBuf]) {
    for dir in dirs {
        if std::fs::remove_dir(dir).is_err() {
            break;
        }
    }
}

/// A database whose creation failed, or one discarded, is removed with the
/// files beside it and the directories made for it.
impl Drop for Store {
    fn drop(&mut self) {
        if !self.remove.get() {
            return;
        }
        let Ok(nothing) = Connection::open_in_memory() else {
            return;
        };
        let conn = std::mem::replace(&mut self.conn, nothing);
        if conn.close().is_err() {
            return;
        }
        let main = match self.made {
            Made::Nothing => return,
            Made::File => std::fs::remove_file(&self.path),
            Made::InEmptyFile => std::fs::OpenOptions::new()
                .write(true)
                .open(&self.path)
                .and_then(|f| f.set_len(0)),
        };
        if main.is_err() {
            return;
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(file::beside(&self.path, suffix));
        }
        remove_dirs(&self.created_dirs);
    }
}

/// A short, plain reason for an SQLite failure.
pub fn explain(e: &rusqlite::Error) -> Msg {
    if let rusqlite::Error::SqliteFailure(f, _) = e {
        // Growing the shared-memory file beside a WAL database fails first
        // when the disk is full.
        if f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE {
            return messages::sqlite_shm_full();
        }
    }
    e.sqlite_error_code()
        .and_then(reason)
        .unwrap_or_else(|| messages::as_reported(e.to_string()))
}

fn reason(code: ErrorCode) -> Option<Msg> {
    Some(match code {
        ErrorCode::NotADatabase => messages::db_not_sqlite(),
        ErrorCode::DatabaseCorrupt => messages::sqlite_corrupt(),
        ErrorCode::CannotOpen => messages::sqlite_cannot_open(),
        ErrorCode::ReadOnly => messages::sqlite_read_only(),
        ErrorCode::PermissionDenied => messages::permission_denied(),
        ErrorCode::DiskFull => messages::disk_full(),
        ErrorCode::SystemIoFailure => messages::sqlite_io_error(),
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => messages::sqlite_busy(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_applies_nothing_new() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path, Access::Create).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        assert_eq!(store.migrate().unwrap(), 0);
        drop(store);
        let mut again = Store::open(&path, Access::Existing).unwrap();
        assert_eq!(again.migrate().unwrap(), 0);
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::open(&path, Access::Create).unwrap();
        store
            .conn
            .pragma_update(None, "user_version", MIGRATIONS.len() as i64 + 1)
            .unwrap();
        drop(store);
        let err = Store::open(&path, Access::Existing).err().unwrap();
        assert!(
            format!("{err:#}").contains("newer than this tasks"),
            "{err:#}"
        );
    }

    #[test]
    fn another_applications_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t(x)").unwrap();
        drop(conn);
        let err = Store::open(&path, Access::Existing).err().unwrap();
        assert!(format!("{err:#}").contains("not one of tasks"), "{err:#}");
    }

    fn plans_seen(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM plan", [], |r| r.get(0))
            .unwrap()
    }

    /// A new database in a directory of its own, kept while it is used.
    fn fresh() -> (tempfile::TempDir, PathBuf, Store) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::open(&path, Access::Create).unwrap();
        (dir, path, store)
    }

    fn add_plan(conn: &Connection, id: &str) {
        conn.execute(
            "INSERT INTO plan (id, title, office, feedback, meta, source, loaded_at)
             VALUES (?1, 'T', 'O', 'none', '{}', 'p.toml', '2026-01-01 00:00:00')",
            [id],
        )
        .unwrap();
    }

    #[test]
    fn a_second_reader_keeps_to_the_first_ones_snapshot() {
        let (_dir, path, store) = fresh();
        let other = Connection::open(&path).unwrap();
        add_plan(&other, "a");
        store
            .snapshot_pair(true, |second| {
                let second = second.expect("a second reader");
                // Written after both began reading: neither sees it.
                add_plan(&other, "b");
                assert_eq!(plans_seen(&store.conn), 1);
                assert_eq!(plans_seen(&second.conn), 1);
                Ok(())
            })
            .unwrap();
        assert_eq!(plans_seen(&store.conn), 2);
        // Not asked for, or within a transaction already open: none.
        store
            .snapshot_pair(false, |second| {
                assert!(second.is_none());
                Ok(())
            })
            .unwrap();
        store
            .snapshot(|| {
                store.snapshot_pair(true, |second| {
                    assert!(second.is_none());
                    Ok(())
                })
            })
            .unwrap();
    }

    #[test]
    fn while_another_process_writes_a_report_reads_alone() {
        let (_dir, path, store) = fresh();
        let writer = Connection::open(&path).unwrap();
        writer.execute_batch("BEGIN IMMEDIATE").unwrap();
        add_plan(&writer, "a");
        let started = std::time::Instant::now();
        store
            .snapshot_pair(true, |second| {
                assert!(second.is_none());
                // The writer's entry is not committed yet.
                assert_eq!(plans_seen(&store.conn), 0);
                Ok(())
            })
            .unwrap();
        // It does not wait for the writer.
        assert!(started.elapsed() < BUSY_TIMEOUT / 2);
        writer.execute_batch("COMMIT").unwrap();
    }

    #[test]
    fn more_tasks_than_counts_to_one_past_the_bound() {
        let (_dir, _, store) = fresh();
        assert!(!store.has_more_tasks_than(0).unwrap());
        add_plan(&store.conn, "a");
        store
            .conn
            .execute_batch(
                "INSERT INTO section (plan_pk, id, title, role, ord) VALUES (1, '1', 'S', 'own', 1);
                 INSERT INTO task (plan_pk, id, section_pk, ord, title, text, content)
                 VALUES (1, '1.1', 1, 1, 'T', '', '{}'), (1, '1.2', 1, 2, 'T', '', '{}'),
                        (1, '1.3', 1, 3, 'T', '', '{}');",
            )
            .unwrap();
        assert!(store.has_more_tasks_than(2).unwrap());
        assert!(!store.has_more_tasks_than(3).unwrap());
        assert!(!store.has_more_tasks_than(4).unwrap());
    }
}
