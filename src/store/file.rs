//! What is at a database's path, found by reading the file as bytes before
//! SQLite opens it: SQLite changes files as it opens them (it copies a WAL
//! into the database when its last connection closes, and writes a header
//! into an empty file), so a file that is not to be used is refused before.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::messages::{self, Msg};

/// What a path holds.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Found {
    /// No file (or a link to a file that does not exist).
    Missing,
    /// No file, and a part of the path before its last name is a file: no
    /// folder can be made there either.
    ThroughFile,
    /// A file of no bytes.
    Empty,
    /// An SQLite database, with the figures of its header as SQLite would
    /// read them (from the WAL beside it when that holds a newer header).
    Sqlite(Header),
}

/// The figures of a database's header that say whose it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Header {
    pub app_id: i64,
    pub version: i64,
    /// Whether the database holds any table, index or view.
    pub has_schema: bool,
}

/// The first 16 bytes of every SQLite database file.
pub(super) const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// The bytes of page 1 read: the database header (100 bytes) and the
/// header of the schema table's first page (8 bytes).
const HEAD_BYTES: usize = 108;

/// Looks at `path`, changing nothing. `Err` says in a message why the path
/// cannot hold a database.
pub(super) fn inspect(path: &Path, ours: i64) -> Result<Found, Msg> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return missing(path, &e),
    };
    if meta.is_dir() {
        return Err(messages::db_is_directory());
    }
    if ends_in_slash(path) {
        return Err(messages::db_path_is_directory_name());
    }
    if !meta.is_file() {
        return Err(special_file(&meta));
    }
    let unreadable =
        |e: std::io::Error| messages::db_unreadable(crate::render::output::plain_reason(&e));
    let mut head = Vec::with_capacity(HEAD_BYTES);
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD_BYTES as u64).read_to_end(&mut head))
        .map_err(unreadable)?;
    if head.is_empty() {
        return Ok(Found::Empty);
    }
    if !head.starts_with(SQLITE_HEADER) {
        return Err(messages::db_not_sqlite());
    }
    if head.len() < HEAD_BYTES {
        return Err(messages::sqlite_corrupt());
    }
    if !plausible(&head) {
        return Err(messages::db_not_sqlite());
    }
    let mut header = header_of(&head);
    // A database's own header stays once written there; a newer one, not
    // yet copied into the file, is in the WAL.
    if header.app_id != ours {
        if let Some(page) = latest_first_page(&beside(path, "-wal")) {
            header = header_of(&page);
        }
    }
    Ok(Found::Sqlite(header))
}

/// Why a path where no file can be found cannot be used, or `Missing`.
fn missing(path: &Path, e: &std::io::Error) -> Result<Found, Msg> {
    if is_loop(e) {
        return Err(messages::db_symlink_loop());
    }
    match e.kind() {
        std::io::ErrorKind::NotFound if ends_in_slash(path) => {
            Err(messages::db_path_is_directory_name())
        }
        std::io::ErrorKind::NotFound => Ok(Found::Missing),
        std::io::ErrorKind::NotADirectory if ends_in_slash(path) => {
            Err(messages::db_path_is_directory_name())
        }
        std::io::ErrorKind::NotADirectory => Ok(Found::ThroughFile),
        _ => Err(messages::db_unreadable(
            crate::render::output::plain_reason(e),
        )),
    }
}

/// Whether following the links of a path went round in a circle.
fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    const ELOOP: i32 = 40;
    #[cfg(not(target_os = "linux"))]
    const ELOOP: i32 = 62;
    cfg!(unix) && e.raw_os_error() == Some(ELOOP)
}

/// Whether `path` as written ends in a separator: it names a directory,
/// whatever is there (the standard library drops the separator).
fn ends_in_slash(path: &Path) -> bool {
    let text = path.as_os_str().as_encoded_bytes();
    text.ends_with(b"/") || (cfg!(windows) && text.ends_with(b"\\"))
}

#[cfg(unix)]
fn special_file(meta: &std::fs::Metadata) -> Msg {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        messages::db_is_named_pipe()
    } else if kind.is_char_device() || kind.is_block_device() {
        messages::db_is_device()
    } else if kind.is_socket() {
        messages::db_is_socket()
    } else {
        messages::db_is_special_file()
    }
}

#[cfg(not(unix))]
fn special_file(_: &std::fs::Metadata) -> Msg {
    messages::db_is_special_file()
}

/// The file named by `path` with `suffix` added (`-wal`, `-shm`).
pub(super) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether the fixed fields of a database header hold what SQLite requires
/// of them (it calls the file "not a database" otherwise).
fn plausible(head: &[u8]) -> bool {
    let page_size = u32::from(u16::from_be_bytes([head[16], head[17]]));
    let page_size = if page_size == 1 { 65536 } else { page_size };
    (512..=65536).contains(&page_size)
        && page_size.is_power_of_two()
        && (1..=2).contains(&head[18])
        && (1..=2).contains(&head[19])
        && head[21..24] == [64, 32, 32]
}

fn be32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// The figures of the first `HEAD_BYTES` of page 1.
fn header_of(page: &[u8]) -> Header {
    // Both are signed 32-bit integers, as the pragmas read them.
    let version = i64::from(be32(page, 60) as i32);
    let app_id = i64::from(be32(page, 68) as i32);
    // The schema table's page: a leaf (13) with no cells is an empty schema.
    let leaf = page[100] == 13;
    let cells = u16::from_be_bytes([page[103], page[104]]);
    Header {
        app_id,
        version,
        has_schema: !(leaf && cells == 0),
    }
}

/// The first `HEAD_BYTES` of the latest committed page 1 in the WAL file at
/// `wal`, found as SQLite's recovery finds it: frames are read while their
/// salts and running checksums hold, and a frame counts once a commit frame
/// ends its transaction. `None` when the WAL has no such frame.
fn latest_first_page(wal: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(wal).ok()?;
    let mut wal = std::io::BufReader::with_capacity(1 << 16, file);
    let mut head = [0u8; 32];
    wal.read_exact(&mut head).ok()?;
    let big_endian = match be32(&head, 0) {
        0x377f_0682 => false,
        0x377f_0683 => true,
        _ => return None,
    };
    let page_size = be32(&head, 8) as usize;
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return None;
    }
    let mut sum = (0u32, 0u32);
    checksum(big_endian, &head[..24], &mut sum);
    if sum != (be32(&head, 24), be32(&head, 28)) {
        return None;
    }
    let salts = (be32(&head, 16), be32(&head, 20));
    let mut frame = vec![0u8; 24 + page_size];
    let (mut pending, mut committed) = (None, None);
    while wal.read_exact(&mut frame).is_ok() {
        if (be32(&frame, 8), be32(&frame, 12)) != salts {
            break;
        }
        checksum(big_endian, &frame[..8], &mut sum);
        checksum(big_endian, &frame[24..], &mut sum);
        if sum != (be32(&frame, 16), be32(&frame, 20)) {
            break;
        }
        if be32(&frame, 0) == 1 {
            pending = Some(frame[24..24 + HEAD_BYTES].to_vec());
        }
        if be32(&frame, 4) != 0 && pending.is_some() {
            committed = pending.take();
        }
    }
    committed
}

/// SQLite's WAL checksum of `data`, continued from `sum`.
fn checksum(big_endian: bool, data: &[u8], sum: &mut (u32, u32)) {
    let word = |b: &[u8]| {
        let b = [b[0], b[1], b[2], b[3]];
        if big_endian {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        }
    };
    for pair in data.chunks_exact(8) {
        sum.0 = sum.0.wrapping_add(word(&pair[..4]).wrapping_add(sum.1));
        sum.1 = sum.1.wrapping_add(word(&pair[4..]).wrapping_add(sum.0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_in_an_uncheckpointed_wal_is_the_one_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        let first = inspect(&path, 1).unwrap();
        conn.execute_batch("CREATE TABLE t(x); PRAGMA application_id = 7; PRAGMA user_version = 3")
            .unwrap();
        // Uncommitted frames do not count.
        conn.execute_batch("BEGIN; DROP TABLE t; PRAGMA user_version = 9")
            .unwrap();
        let seen = inspect(&path, 1).unwrap();
        conn.execute_batch("ROLLBACK").unwrap();
        let header = |found| match found {
            Found::Sqlite(h) => h,
            other => panic!("{other:?}"),
        };
        assert!(!header(first).has_schema);
        assert_eq!(
            header(seen),
            Header {
                app_id: 7,
                version: 3,
                has_schema: true
            }
        );
    }

    #[test]
    fn paths_that_cannot_hold_a_database_say_why() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(inspect(&dir.path().join("none"), 1), Ok(Found::Missing));
        let slash = PathBuf::from(format!("{}/newdir/", dir.path().display()));
        assert_eq!(
            inspect(&slash, 1),
            Err(messages::db_path_is_directory_name())
        );
        std::fs::write(dir.path().join("f"), "").unwrap();
        assert_eq!(inspect(&dir.path().join("f"), 1), Ok(Found::Empty));
        assert_eq!(
            inspect(&dir.path().join("f").join("x.db"), 1),
            Ok(Found::ThroughFile)
        );
        #[cfg(unix)]
        {
            let link = dir.path().join("loop");
            std::os::unix::fs::symlink(&link, &link).unwrap();
            assert_eq!(inspect(&link, 1), Err(messages::db_symlink_loop()));
            assert_eq!(
                inspect(Path::new("/dev/null"), 1),
                Err(messages::db_is_device())
            );
        }
    }
}
