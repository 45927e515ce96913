//! JSON: one pretty-printed document.

use super::*;

/// One JSON document followed by a newline.
pub fn write_json<T: Serialize + ?Sized>(value: &T, out: &mut dyn Write) -> io::Result<()> {
    // The writer's many small writes go to a buffer of a known type, where
    // they cost a copy rather than a call through `dyn Write`.
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()
}
