//! The text of a return file as UTF-8, whatever it was saved as: UTF-8 with
//! or without a byte order mark, UTF-16 with one (Excel's "Unicode text"),
//! or else GB18030, the superset of GBK that Excel and WPS write on Chinese
//! Windows.

use std::io::{self, Read};

use encoding_rs::{CoderResult, Decoder, Encoding, GB18030, UTF_16BE, UTF_16LE};

/// How much of a file without a byte order mark is looked at to tell UTF-8
/// from GB18030.
const SNIFF: usize = 1024 * 1024;

/// Bytes read from the file at a time when decoding.
const CHUNK: usize = 64 * 1024;

/// A file's bytes turned into UTF-8 as they are read.
pub struct Decoded<R> {
    input: R,
    /// `None` for UTF-8, passed on as it is (and checked by the reader).
    decoder: Option<Decoder>,
    /// Bytes read from the file and not yet passed on or decoded.
    pending: Vec<u8>,
    /// Decoded text not yet passed on, from `out_at`.
    out: Vec<u8>,
    out_at: usize,
    at_end: bool,
    /// The decoder has given everything.
    flushed: bool,
}

impl<R: Read> Decoded<R> {
    /// Looks at the start of `input` to find its encoding; `utf8_only`
    /// for a format that is UTF-8 by definition (TOML).
    pub fn new(mut input: R, utf8_only: bool) -> io::Result<Self> {
        let mut head = Vec::new();
        (&mut input).take(SNIFF as u64).read_to_end(&mut head)?;
        let at_end = head.len() < SNIFF;
        let (encoding, bom) = match Encoding::for_bom(&head) {
            Some((encoding, bom)) => (encoding, bom),
            None if utf8_only || looks_like_utf8(&head, at_end) => (encoding_rs::UTF_8, 0),
            None => (GB18030, 0),
        };
        head.drain(..bom);
        let decoder = [UTF_16LE, UTF_16BE, GB18030]
            .contains(&encoding)
            .then(|| encoding.new_decoder_without_bom_handling());
        Ok(Decoded {
            input,
            decoder,
            pending: head,
            out: Vec::new(),
            out_at: 0,
            at_end,
            flushed: false,
        })
    }

    /// Decodes what is pending, reading more of the file first if needed;
    /// false when everything was passed on.
    fn refill(&mut self) -> io::Result<bool> {
        let Some(decoder) = &mut self.decoder else {
            return Ok(false);
        };
        while !self.flushed {
            if self.pending.is_empty() && !self.at_end {
                let mut chunk = Vec::with_capacity(CHUNK);
                (&mut self.input)
                    .take(CHUNK as u64)
                    .read_to_end(&mut chunk)?;
                self.at_end = chunk.is_empty();
                self.pending = chunk;
            }
            // At the end of the file, everything left is pending.
            let last = self.at_end;
            let room = decoder
                .max_utf8_buffer_length(self.pending.len())
                .unwrap_or(CHUNK * 4)
                .max(16);
            self.out.clear();
            self.out.resize(room, 0);
            self.out_at = 0;
            let (result, read, written, _) =
                decoder.decode_to_utf8(&self.pending, &mut self.out, last);
            self.pending.drain(..read);
            self.out.truncate(written);
            if last && self.pending.is_empty() && result == CoderResult::InputEmpty {
                self.flushed = true;
            }
            if written > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Whether text without a byte order mark is UTF-8: it is, or its valid
/// characters beyond ASCII are at least as many as its invalid bytes (a
/// UTF-8 file with a damaged byte, told as such). Text in GBK is hardly
/// ever valid UTF-8 for more than a character here and there.
fn looks_like_utf8(head: &[u8], at_end: bool) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = head;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                good += valid.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += std::str::from_utf8(valid)
                    .map_or(0, |v| v.chars().filter(|c| !c.is_ascii()).count());
                match e.error_len() {
                    Some(n) => {
                        bad += 1;
                        rest = &after[n..];
                    }
                    // A sequence cut where the look ends is not an error.
                    None if !at_end => break,
                    None => {
                        bad += 1;
                        break;
                    }
                }
            }
        }
    }
    good >= bad
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.decoder.is_none() {
            // UTF-8: what was looked at, then the rest of the file.
            if !self.pending.is_empty() {
                let n = buf.len().min(self.pending.len());
                buf[..n].copy_from_slice(&self.pending[..n]);
                self.pending.drain(..n);
                return Ok(n);
            }
            return self.input.read(buf);
        }
        while self.out_at == self.out.len() {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.out_at);
        buf[..n].copy_from_slice(&self.out[self.out_at..self.out_at + n]);
        self.out_at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> String {
        let mut d = Decoded::new(bytes, false).unwrap();
        let mut out = String::new();
        // Small reads, to cross the decoder's chunks.
        let mut buf = [0u8; 7];
        let mut all = Vec::new();
        loop {
            let n = d.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        out.push_str(std::str::from_utf8(&all).unwrap());
        out
    }

    #[test]
    fn each_encoding_a_return_file_comes_in_reads_as_the_same_text() {
        let text = "任务编号,责任处室,状态\r\n2.1,法规处,推进中\r\n";
        let (gbk, _, _) = GB18030.encode(text);
        assert!(std::str::from_utf8(&gbk).is_err());
        let mut utf16le = vec![0xFF, 0xFE];
        let mut utf16be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            utf16le.extend_from_slice(&unit.to_le_bytes());
            utf16be.extend_from_slice(&unit.to_be_bytes());
        }
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        for bytes in [
            text.as_bytes().to_vec(),
            bom,
            gbk.into_owned(),
            utf16le,
            utf16be,
        ] {
            assert_eq!(decoded(&bytes), text);
        }
    }

    #[test]
    fn a_utf8_file_with_a_damaged_byte_is_still_utf8() {
        assert!(looks_like_utf8("2.1,法规处,done\n".as_bytes(), true));
        assert!(looks_like_utf8(
            b"1.7,\xe6\xb3\x95\xe8\xa7\x84\xe5\xa4\x84,done,\xff\xfe\n",
            true
        ));
        assert!(looks_like_utf8(b"1.7,\xe6\xb3\x95\x80,done\n", true));
        assert!(looks_like_utf8(b"abc,\xe6\xb3", false));
        let (gbk, _, _) = GB18030.encode("task,division,status\n2.1,法规处,done\n");
        assert!(!looks_like_utf8(&gbk, true));
    }

    #[test]
    fn a_gbk_file_whose_chinese_starts_late_is_still_gbk() {
        // Some pages of English first, then a line in Chinese.
        let mut text = "task,division,status,note\r\n".to_string();
        text.push_str(&"1.1,office,done,first draft sent for review\r\n".repeat(2000));
        text.push_str("2.1,法规处,推进中,已完成初稿\r\n");
        let (gbk, _, _) = GB18030.encode(&text);
        assert_eq!(decoded(&gbk), text);
    }

    #[test]
    fn a_gbk_file_ending_in_its_only_chinese_character_is_gbk() {
        // 娉 in GBK is the start of a three-byte UTF-8 sequence, cut short.
        let text = "task,division,status\r\n2.1,office,娉";
        let (gbk, _, _) = GB18030.encode(text);
        assert_eq!(*gbk, b"task,division,status\r\n2.1,office,\xe6\xb3"[..]);
        assert_eq!(decoded(&gbk), text);
        assert!(!looks_like_utf8(&gbk, true));
    }

    #[test]
    fn a_gbk_file_longer_than_what_is_looked_at_reads_whole() {
        let line = "3.4,新闻中心,推进中,已完成初稿\r\n";
        let text = line.repeat(SNIFF / line.len() * 3);
        let (gbk, _, _) = GB18030.encode(&text);
        assert_eq!(decoded(&gbk), text);
    }
}
