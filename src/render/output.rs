//! Where a reading command's output goes: standard output, or the file of
//! `--output`, written whole or not at all. Binary output (a workbook) never
//! goes to a terminal.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::error::UserError;
use crate::messages::{self, Msg};

/// The byte order mark that tells Excel a CSV file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What is written, as far as the destination cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text; `bom` puts a byte order mark first.
    Text { bom: bool },
    /// Bytes that a terminal cannot show, e.g. a workbook.
    Binary,
}

/// Runs `write` with the destination: `stdout`, or a temporary file beside
/// `path` that replaces `path` once `write` succeeds (a failure leaves any
/// earlier `path` as it was, and no temporary file behind).
pub fn write_to(
    path: Option<&Path>,
    kind: Kind,
    stdout: &mut dyn Write,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let Some(path) = path else {
        if kind == Kind::Binary && io::stdout().is_terminal() {
            return Err(UserError::usage(messages::binary_to_terminal()).into());
        }
        if kind == (Kind::Text { bom: true }) {
            stdout.write_all(BOM)?;
        }
        return write(stdout);
    };
    write_file(path, |file| {
        if kind == (Kind::Text { bom: true }) {
            file.write_all(BOM)?;
        }
        write(file)
    })
}

/// Writes `path` whole through a temporary file in the same folder.
pub fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let staged = stage(path, write)?;
    put_in_place(staged, path)
}

/// Writes every file whole, or none of them: each is first written to a
/// temporary file beside it, and they are put in place once all are
/// written.
pub fn write_files(files: &[(PathBuf, Vec<u8>)]) -> anyhow::Result<()> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        staged.push(stage(path, |w| Ok(w.write_all(bytes)?))?);
    }
    for (temp, (path, _)) in staged.into_iter().zip(files) {
        put_in_place(temp, path)?;
    }
    Ok(())
}

/// `write`'s output in a temporary file in `path`'s folder, on disk.
fn stage(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<tempfile::NamedTempFile> {
    let shown = path.display().to_string();
    if path.as_os_str().is_empty() {
        return Err(UserError::usage(messages::output_empty()).into());
    }
    if path.is_dir() {
        return Err(UserError::usage(messages::output_is_folder(&shown)).into());
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tasks-").suffix(".part");
    // Made as any new file is (read and write for all, less the umask), not
    // private as a temporary file is: a report is written to be shared.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder
        .tempfile_in(folder)
        .map_err(|e| cannot_write(path, &e))?;
    {
        let mut buffered = io::BufWriter::new(temp.as_file_mut());
        write(&mut buffered)?;
        buffered.flush().map_err(|e| cannot_write(path, &e))?;
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| cannot_write(path, &e))?;
    Ok(temp)
}

/// A staged file moved to `path`, replacing what was there.
fn put_in_place(temp: tempfile::NamedTempFile, path: &Path) -> anyhow::Result<()> {
    temp.persist(path)
        .map_err(|e| cannot_write(path, &e.error))?;
    Ok(())
}

fn cannot_write(path: &Path, e: &io::Error) -> anyhow::Error {
    UserError::usage(messages::cannot_write(path, plain_reason(e))).into()
}

/// An I/O error's reason: the usual ones in plain words, any other as the
/// system tells it, without the "(os error N)" tail.
pub fn plain_reason(e: &io::Error) -> Msg {
    match e.kind() {
        io::ErrorKind::NotFound => messages::no_such_folder(),
        io::ErrorKind::PermissionDenied => messages::permission_denied(),
        io::ErrorKind::StorageFull => messages::disk_full(),
        io::ErrorKind::ReadOnlyFilesystem => messages::read_only_file_system(),
        io::ErrorKind::AlreadyExists => messages::already_exists(),
        io::ErrorKind::NotADirectory => messages::not_a_directory_on_the_way(),
        io::ErrorKind::IsADirectory => messages::is_a_directory(),
        _ => {
            let text = e.to_string();
            messages::as_reported(match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            })
        }
    }
}

/// Whether `--bom` is in effect: asked for, or implied by an output file
/// ending in `.csv` (such a file is meant to be opened in Excel).
pub fn wants_bom(asked: bool, path: Option<&Path>) -> bool {
    asked
        || path
            .and_then(Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_earlier_file_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        let failed = write_to(
            Some(&path),
            Kind::Text { bom: true },
            &mut Vec::new(),
            |w| {
                w.write_all(b"half")?;
                anyhow::bail!("stopped")
            },
        );
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_to(
            Some(&path),
            Kind::Text { bom: true },
            &mut Vec::new(),
            |w| Ok(w.write_all(b"new")?),
        )
        .unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"\xEF\xBB\xBFnew");
    }

    /// A written file has the permissions of any new file, not a temporary
    /// file's owner-only ones.
    #[cfg(unix)]
    #[test]
    fn a_written_file_is_readable_as_any_new_file_is() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let made = dir.path().join("made");
        std::fs::write(&made, "x").unwrap();
        let path = dir.path().join("out.csv");
        write_to(
            Some(&path),
            Kind::Text { bom: false },
            &mut Vec::new(),
            |w| Ok(w.write_all(b"x")?),
        )
        .unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&made));
    }

    #[test]
    fn bom_is_implied_by_a_csv_file_name_only() {
        assert!(wants_bom(false, Some(Path::new("汇总.CSV"))));
        assert!(!wants_bom(false, Some(Path::new("汇总.txt"))));
        assert!(!wants_bom(false, None));
        assert!(wants_bom(true, None));
    }
}
