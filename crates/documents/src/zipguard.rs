//! Checks a zip container (a DOCX blank, an XLSX list) against zip bombs and damage before
//! anything in it is inflated, and reads its parts with a cap.
//!
//! Only the central directory is read to check the sizes; the archive readers of `zip` then
//! refuse to inflate an entry beyond the size it declares there, so the declared sizes bound
//! the work even when they lie.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

/// An archive opened over bytes in memory.
pub(crate) type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// How much an archive may unpack to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Entries in the archive.
    pub max_entries: usize,
    /// Uncompressed bytes of one entry.
    pub max_entry: u64,
    /// Uncompressed bytes of all entries together.
    pub max_total: u64,
    /// Uncompressed / compressed size of an entry larger than `ratio_from`.
    pub max_ratio: u64,
    /// Entries up to this size may be packed tighter (small XML compresses very well).
    pub ratio_from: u64,
}

/// What is wrong with an archive; each caller words it for its own user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The bytes are not a zip archive (or its directory is cut off).
    NotAnArchive,
    /// An entry's record does not read.
    BadEntry,
    /// An entry's data does not inflate (damaged data, wrong checksum).
    Damaged,
    /// More entries than the limit.
    TooManyEntries,
    /// Unpacks to more than the limits allow (a zip bomb).
    TooLarge,
    /// The entry is encrypted.
    Encrypted,
    /// The entry is packed by a method we don't read.
    Unsupported,
}

/// Opens `bytes` as a zip archive and checks every entry's declared sizes against `limits`.
pub(crate) fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Archive<'a>, Problem> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| Problem::NotAnArchive)?;
    if zip.len() > limits.max_entries {
        return Err(Problem::TooManyEntries);
    }
    let mut total = 0u64;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|_| Problem::BadEntry)?;
        let (size, packed) = (f.size(), f.compressed_size().max(1));
        total = total.saturating_add(size);
        if size > limits.max_entry
            || total > limits.max_total
            || (size > limits.ratio_from && size / packed > limits.max_ratio)
        {
            return Err(Problem::TooLarge);
        }
    }
    Ok(zip)
}

/// The whole entry `name`, or `None` when there is none; more than `cap` bytes is refused.
pub(crate) fn read_part(zip: &mut Archive, name: &str, cap: u64) -> Result<Option<Vec<u8>>, Problem> {
    let mut buf = Vec::new();
    match read_into(zip, name, cap.saturating_add(1), &mut buf)? {
        false => Ok(None),
        // The declared size may lie: read one byte past the cap and refuse what goes beyond it.
        true if buf.len() as u64 > cap => Err(Problem::TooLarge),
        true => Ok(Some(buf)),
    }
}

/// The first `len` bytes (at most) of the entry `name`, or `None` when there is none.
pub(crate) fn read_head(zip: &mut Archive, name: &str, len: u64) -> Result<Option<Vec<u8>>, Problem> {
    let mut buf = Vec::new();
    Ok(read_into(zip, name, len, &mut buf)?.then_some(buf))
}

fn read_into(zip: &mut Archive, name: &str, len: u64, buf: &mut Vec<u8>) -> Result<bool, Problem> {
    let f = match zip.by_name(name) {
        Ok(f) => f,
        Err(ZipError::FileNotFound) => return Ok(false),
        Err(ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED)) => return Err(Problem::Encrypted),
        Err(ZipError::UnsupportedArchive(_)) => return Err(Problem::Unsupported),
        Err(_) => return Err(Problem::BadEntry),
    };
    f.take(len).read_to_end(buf).map_err(|_| Problem::Damaged)?;
    Ok(true)
}
