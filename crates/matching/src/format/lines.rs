//! A forward-only reader of lines with a bounded buffer, so a damaged file (a 2 GB line)
//! costs bounded memory and names its line.

use std::io::{ErrorKind as IoKind, Read};

use super::error::{ErrorKind, FormatError};

const CHUNK: usize = 8 << 20;

/// Lines of a source, read in chunks; a missing final LF is supplied, as `check.py` does.
pub(crate) struct Lines<R> {
    src: R,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
    /// Lines consumed so far (the next line is `consumed + 1`).
    pub consumed: u64,
    /// Longest line accepted, in bytes.
    pub max_line: usize,
}

impl<R: Read> Lines<R> {
    pub fn new(src: R) -> Self {
        Self {
            src,
            buf: Vec::new(),
            pos: 0,
            end: 0,
            eof: false,
            consumed: 0,
            max_line: 1 << 20,
        }
    }

    fn io(&self, e: std::io::Error) -> FormatError {
        FormatError::new(self.consumed + 1, ErrorKind::Io(e.to_string()))
    }

    /// Reads more bytes after the unconsumed ones; false at the end of the source.
    fn fill(&mut self) -> Result<bool, FormatError> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        let want = (self.end + CHUNK).max(self.buf.len());
        if self.buf.len() < want {
            self.buf.resize(want, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    if self.end > 0 && self.buf[self.end - 1] != b'\n' {
                        if self.end == self.buf.len() {
                            self.buf.push(0);
                        }
                        self.buf[self.end] = b'\n';
                        self.end += 1;
                    }
                    return Ok(false);
                }
                Ok(k) => {
                    self.end += k;
                    return Ok(true);
                }
                Err(e) if e.kind() == IoKind::Interrupted => continue,
                Err(e) => return Err(self.io(e)),
            }
        }
    }

    /// Makes sure the buffer holds at least one complete line; false at the end.
    fn ensure_line(&mut self) -> Result<bool, FormatError> {
        loop {
            if memchr::memchr(b'\n', &self.buf[self.pos..self.end]).is_some() {
                return Ok(true);
            }
            if self.end - self.pos > self.max_line {
                return Err(FormatError::new(
                    self.consumed + 1,
                    ErrorKind::LineTooLong(self.max_line as u64),
                ));
            }
            if !self.fill()? && memchr::memchr(b'\n', &self.buf[self.pos..self.end]).is_none() {
                return Ok(false);
            }
        }
    }

    /// The next line without its LF.
    pub fn next_line(&mut self) -> Result<Option<&[u8]>, FormatError> {
        if !self.ensure_line()? {
            return Ok(None);
        }
        let at = self.pos + memchr::memchr(b'\n', &self.buf[self.pos..self.end]).unwrap_or(0);
        let line = &self.buf[self.pos..at];
        if line.len() > self.max_line {
            return Err(FormatError::new(
                self.consumed + 1,
                ErrorKind::LineTooLong(self.max_line as u64),
            ));
        }
        self.pos = at + 1;
        self.consumed += 1;
        Ok(Some(line))
    }

    /// Up to `max` complete lines (each with its LF) that are in the buffer, at least one
    /// unless the source has ended.
    pub fn block(&mut self, max: u64) -> Result<(&[u8], u64), FormatError> {
        if max == 0 || !self.ensure_line()? {
            return Ok((&[], 0));
        }
        let hay = &self.buf[self.pos..self.end];
        let mut taken = 0u64;
        let mut cut = 0usize;
        for at in memchr::memchr_iter(b'\n', hay) {
            if at - cut > self.max_line {
                break;
            }
            taken += 1;
            cut = at + 1;
            if taken == max {
                break;
            }
        }
        if taken == 0 {
            return Err(FormatError::new(
                self.consumed + 1,
                ErrorKind::LineTooLong(self.max_line as u64),
            ));
        }
        let start = self.pos;
        self.pos += cut;
        self.consumed += taken;
        Ok((&self.buf[start..start + cut], taken))
    }

    /// Counts the lines left in the source (used only to word an error the way `check.py` does).
    pub fn count_rest(&mut self) -> Result<u64, FormatError> {
        let mut lines = 0;
        loop {
            lines += memchr::memchr_iter(b'\n', &self.buf[self.pos..self.end]).count() as u64;
            self.pos = self.end;
            if !self.fill()? {
                lines += memchr::memchr_iter(b'\n', &self.buf[self.pos..self.end]).count() as u64;
                self.pos = self.end;
                return Ok(lines);
            }
        }
    }

    /// The line of the first byte that is not whitespace after this point, if any.
    pub fn first_data(&mut self) -> Result<Option<u64>, FormatError> {
        let mut line = self.consumed + 1;
        loop {
            for &b in &self.buf[self.pos..self.end] {
                match b {
                    b'\n' => line += 1,
                    b' ' | b'\t' | b'\r' => {}
                    _ => return Ok(Some(line)),
                }
            }
            self.pos = self.end;
            if !self.fill()? {
                return Ok(None);
            }
        }
    }
}
