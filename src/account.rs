//! Who is recording: the name of the system account the process runs as,
//! kept with every record. Read once, from the operating system rather than
//! from anything given on the command line.

use std::sync::OnceLock;

/// The account's name, or its number when it has no name; empty when it
/// cannot be told.
pub fn name() -> &'static str {
    static NAME: OnceLock<String> = OnceLock::new();
    NAME.get_or_init(find)
}

#[cfg(unix)]
fn find() -> String {
    use std::os::unix::fs::MetadataExt;
    // The process's own entry in /proc belongs to its user.
    let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) else {
        return std::env::var("USER").unwrap_or_default();
    };
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .filter_map(|line| {
            let mut fields = line.split(':');
            let name = fields.next()?;
            let id: u32 = fields.nth(1)?.parse().ok()?;
            (id == uid).then(|| name.to_string())
        })
        .next()
        .unwrap_or_else(|| format!("uid {uid}"))
}

#[cfg(not(unix))]
fn find() -> String {
    std::env::var("USERNAME").unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_account_is_named() {
        assert!(!super::name().is_empty());
    }
}
