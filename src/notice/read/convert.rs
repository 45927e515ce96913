//! Binary Word (.doc), WPS (.wps) and RTF notices, converted to .docx by
//! LibreOffice run headless, with a profile of its own for each run (so that
//! a LibreOffice the user has open, or another conversion, does not get in
//! the way), in a temporary folder that is removed afterwards.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::messages::{self as m, Msg};

/// The LibreOffice program: `TASKS_SOFFICE`, else `soffice` or
/// `libreoffice` on the PATH, else the usual install places.
pub fn find_soffice(var: Option<std::ffi::OsString>) -> Option<PathBuf> {
    if let Some(v) = var.filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(v));
    }
    let on_path = std::env::var_os("PATH").into_iter().flat_map(|p| {
        std::env::split_paths(&p)
            .flat_map(|dir| ["soffice", "libreoffice"].map(|n| dir.join(n)))
            .collect::<Vec<_>>()
    });
    let usual = [
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
    ]
    .map(PathBuf::from);
    on_path.chain(usual).find(|p| p.is_file())
}

/// The bytes of the .docx LibreOffice makes of `path`.
pub fn to_docx(soffice: &Path, path: &Path) -> Result<Vec<u8>, Msg> {
    let work = tempfile::tempdir().map_err(|e| Msg::same(e.to_string()))?;
    let profile = work.path().join("profile");
    let out = work.path().join("out");
    // LibreOffice names its output after the input's stem; a copy with a
    // plain name keeps odd file names out of its way.
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_else(|| "doc".into());
    let input = work.path().join(format!("notice.{ext}"));
    std::fs::copy(path, &input).map_err(|e| Msg::same(e.to_string()))?;
    let mut profile_url = String::from("file://");
    if !profile.starts_with("/") {
        profile_url.push('/');
    }
    profile_url.push_str(&profile.to_string_lossy().replace('\\', "/"));
    let result = Command::new(soffice)
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&out)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| m::soffice_not_run(soffice.display().to_string(), e.to_string()))?;
    let made = out.join("notice.docx");
    match std::fs::read(&made) {
        Ok(bytes) if !bytes.is_empty() => Ok(bytes),
        _ => {
            let said = String::from_utf8_lossy(&result.stderr);
            let said = said.lines().last().unwrap_or("").trim().to_string();
            Err(m::soffice_made_nothing(crate::render::escape_control(
                &said,
            )))
        }
    }
}
