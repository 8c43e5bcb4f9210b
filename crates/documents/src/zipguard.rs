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
    check_directory(bytes, limits)?;
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

const EOCD: &[u8; 4] = b"PK\x05\x06";
const EOCD64_LOCATOR: &[u8; 4] = b"PK\x06\x07";
const EOCD64: &[u8; 4] = b"PK\x06\x06";
const CENTRAL_HEADER: &[u8; 4] = b"PK\x01\x02";

fn u16_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at.checked_add(2)?)
        .map(|s| u64::from(u16::from_le_bytes([s[0], s[1]])))
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u64::from(u32::from_le_bytes([s[0], s[1], s[2], s[3]])))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s: [u8; 8] = b.get(at..at.checked_add(8)?)?.try_into().ok()?;
    Some(u64::from_le_bytes(s))
}

/// Reads the end of the central directory as `zip` will (the last end record whose comment
/// fits, and its ZIP64 record when a locator stands before it) and walks the directory it
/// names. The entry count there is a number the file declares, and `zip` reserves memory
/// for it before reading a single entry: a count beyond the limit, or a directory that does
/// not hold as many entries as it claims, is refused here, before `zip` sees it. An archive
/// whose end record does not check out is refused rather than searched for another one,
/// which is what `zip` would do next.
fn check_directory(bytes: &[u8], limits: &Limits) -> Result<(), Problem> {
    let len = bytes.len();
    let end = (0..len.saturating_sub(21))
        .rev()
        .filter(|&at| bytes[at..].starts_with(EOCD))
        .find(|&at| u16_at(bytes, at + 20).is_some_and(|comment| at as u64 + 22 + comment <= len as u64))
        .ok_or(Problem::NotAnArchive)?;
    let number = |v: Option<u64>| v.ok_or(Problem::NotAnArchive);
    // `zip` sizes its table by the entries "on this disk", checks by the total: both count.
    let mut count = number(u16_at(bytes, end + 8))?.max(number(u16_at(bytes, end + 10))?);
    let mut start = number(u32_at(bytes, end + 16))?;
    if let Some(locator) = end
        .checked_sub(20)
        .filter(|&at| bytes[at..].starts_with(EOCD64_LOCATOR))
    {
        let record = usize::try_from(number(u64_at(bytes, locator + 8))?).map_err(|_| Problem::NotAnArchive)?;
        if record >= locator || !bytes[record..].starts_with(EOCD64) {
            return Err(Problem::NotAnArchive);
        }
        count = number(u64_at(bytes, record + 24))?.max(number(u64_at(bytes, record + 32))?);
        start = number(u64_at(bytes, record + 48))?;
    }
    if count > limits.max_entries as u64 {
        return Err(Problem::TooManyEntries);
    }
    // Every entry of the directory is where the one before it ends: the count is real.
    let mut at = usize::try_from(start).map_err(|_| Problem::NotAnArchive)?;
    for _ in 0..count {
        if at >= end || !bytes[at..].starts_with(CENTRAL_HEADER) {
            return Err(Problem::NotAnArchive);
        }
        let name = number(u16_at(bytes, at + 28))?;
        let extra = number(u16_at(bytes, at + 30))?;
        let comment = number(u16_at(bytes, at + 32))?;
        at += 46 + (name + extra + comment) as usize;
    }
    Ok(())
}
