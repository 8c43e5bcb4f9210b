//! Reading instance files (FORMAT.md): a fast path for valid files, using both cores, and an
//! exact path that finds the first error in the order `check.py` reports it.

use std::io::Read;

use super::error::{ErrorKind, FormatError};
use super::lines::Lines;
use crate::instance::{Instance, Layout, MAX_SCORE, Prefs};

const MAGIC: &str = "nastavnik-match";
const MAX_INT: u64 = i32::MAX as u64;
/// Blocks smaller than this are parsed on one thread.
const PARALLEL_MIN: usize = 1 << 18;
/// Longest line of a dense row: generous for any real matrix, still bounded.
const MAX_DENSE_LINE: u64 = 256 << 20;
/// More mentees or mentors than any region has: refused before anything is allocated.
const MAX_PEOPLE: u64 = 50_000_000;

/// Reads and validates an instance, using up to `threads` threads (1 or 2 pay here).
pub fn read_instance<R: Read>(src: R, threads: usize) -> Result<Instance, FormatError> {
    let mut lines = Lines::new(src);
    let h = header(&mut lines)?;
    let (n, m, e) = (h.n, h.m, h.e);

    let mut mentors = Vec::with_capacity(m.min(1 << 20) as usize * 2);
    read_section(
        &mut lines,
        m,
        2,
        "mentor capacity",
        "what-mentor-lines",
        threads,
        &mut mentors,
    )?;
    let first_mentor_line = lines.consumed - m + 1;
    let mut capacity = Vec::with_capacity(m as usize);
    for (j, row) in mentors.chunks_exact(2).enumerate() {
        if row[0] as i64 != j as i64 {
            let kind = ErrorKind::MentorOrder {
                expected: j as u64,
                found: row[0] as i64,
                last: m - 1,
            };
            return Err(FormatError::new(first_mentor_line + j as u64, kind));
        }
    }
    for (j, row) in mentors.chunks_exact(2).enumerate() {
        if row[1] < 0 {
            let kind = ErrorKind::NegativeCapacity {
                capacity: row[1] as i64,
                mentor: j as u64,
            };
            return Err(FormatError::new(first_mentor_line + j as u64, kind));
        }
        capacity.push(row[1] as u32);
    }
    drop(mentors);

    let e0 = lines.consumed; // 0-based index of the first candidate line
    match h.layout {
        Layout::Sparse => {
            let k = if h.prefs == Prefs::Ranks { 5 } else { 3 };
            let fields = if k == 5 {
                "mentee mentor score mentee_rank mentor_rank"
            } else {
                "mentee mentor score"
            };
            let mut raw = Vec::with_capacity((e.min(1 << 24) as usize) * k);
            read_section(&mut lines, e, k, fields, "what-candidate-lines", threads, &mut raw)?;
            rest_is_blank(&mut lines)?;
            if let Some(inst) = sparse_fast(n, &capacity, h.prefs, &raw) {
                return Ok(inst);
            }
            Err(exact_sparse(n, m, h.prefs, &raw, e0))
        }
        Layout::Dense => {
            lines.max_line = (m.saturating_mul(24) + (1 << 20)).min(MAX_DENSE_LINE) as usize;
            let cells = (n * m) as usize;
            let mut mats: Vec<Vec<i32>> = Vec::new();
            let parts: &[(&str, &str)] = if h.prefs == Prefs::Ranks {
                &[
                    ("one score per mentor", "what-score-rows"),
                    ("one mentee_rank per mentor", "what-mentee-rank-rows"),
                    ("one mentor_rank per mentor", "what-mentor-rank-rows"),
                ]
            } else {
                &[("one score per mentor", "what-score-rows")]
            };
            for (fields, what) in parts {
                let mut mat = Vec::with_capacity(cells.min(1 << 26));
                read_section(&mut lines, n, m as usize, fields, what, threads, &mut mat)?;
                mats.push(mat);
            }
            rest_is_blank(&mut lines)?;
            if let Some(inst) = dense_fast(n, &capacity, h.prefs, &mats) {
                return Ok(inst);
            }
            Err(exact_dense(n, m, &mats, e0))
        }
    }
}

struct Header {
    layout: Layout,
    prefs: Prefs,
    n: u64,
    m: u64,
    e: u64,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c | 0x1c..=0x1f)
}

fn tokens(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    line.split(|&b| is_space(b)).filter(|t| !t.is_empty())
}

fn header<R: Read>(lines: &mut Lines<R>) -> Result<Header, FormatError> {
    loop {
        let Some(line) = lines.next_line()? else {
            return Err(FormatError::new(lines.consumed + 1, ErrorKind::NoHeader));
        };
        let line = line.to_vec();
        let first = tokens(&line).next();
        if first.is_none() || first.is_some_and(|t| t.starts_with(b"#")) {
            continue;
        }
        let at = lines.consumed;
        let err = |kind| FormatError::new(at, kind);
        let toks: Vec<String> = tokens(&line).map(|t| String::from_utf8_lossy(t).into_owned()).collect();
        if toks.len() != 7 || toks[0] != MAGIC {
            return Err(err(ErrorKind::NotHeader));
        }
        if toks[1] != "1" {
            return Err(err(ErrorKind::Version(toks[1].clone())));
        }
        let layout = match toks[2].as_str() {
            "sparse" => Layout::Sparse,
            "dense" => Layout::Dense,
            other => return Err(err(ErrorKind::Layout(other.to_string()))),
        };
        let prefs = match toks[3].as_str() {
            "ranks" => Prefs::Ranks,
            "scores" => Prefs::Scores,
            other => return Err(err(ErrorKind::Prefs(other.to_string()))),
        };
        let mut counts = [0u64; 3];
        for (k, name) in ["MENTEES", "MENTORS", "EDGES"].into_iter().enumerate() {
            let t = &toks[4 + k];
            let value = if t.bytes().all(|b| b.is_ascii_digit()) && t.len() <= 12 {
                t.parse::<u64>().ok()
            } else {
                None
            };
            match value {
                Some(v) if v <= MAX_INT => counts[k] = v,
                _ => return Err(err(ErrorKind::Count { name, token: t.clone() })),
            }
        }
        let [n, m, e] = counts;
        for (name, v) in [("MENTEES", n), ("MENTORS", m)] {
            if v > MAX_PEOPLE {
                return Err(err(ErrorKind::TooMany {
                    name,
                    limit: MAX_PEOPLE,
                }));
            }
        }
        if n == 0 {
            return Err(err(ErrorKind::NoMentees));
        }
        if m == 0 {
            return Err(err(ErrorKind::NoMentors));
        }
        if layout == Layout::Dense && e != n * m {
            return Err(err(ErrorKind::DenseCount {
                expected: n * m,
                found: e,
            }));
        }
        return Ok(Header { layout, prefs, n, m, e });
    }
}

/// Reads `count` records of `k` integers each (one per line) into `out`, row after row.
fn read_section<R: Read>(
    lines: &mut Lines<R>,
    count: u64,
    k: usize,
    fields: &str,
    what: &str,
    threads: usize,
    out: &mut Vec<i32>,
) -> Result<(), FormatError> {
    let first = lines.consumed;
    let mut done = 0u64;
    while done < count {
        let (bytes, got) = lines.block(count - done)?;
        if got == 0 {
            let kind = ErrorKind::FileEnds {
                have: done,
                count,
                what: what.to_string(),
            };
            return Err(FormatError::new(lines.consumed + 1, kind));
        }
        // Each number needs two bytes with its separator: a shorter block cannot hold the
        // records, so it is not given room (a forged header must not allocate gigabytes).
        let need = got as usize * k;
        if bytes.len() + 1 < need * 2
            && let Err(e) = exact_block(bytes, first + done + 1, &mut [], k, fields)
        {
            return Err(file_ends_first(lines, first, count, what, e)?);
        }
        let base = out.len();
        out.resize(base + need, 0);
        if !fast_block(bytes, &mut out[base..], k, threads)
            && let Err(e) = exact_block(bytes, first + done + 1, &mut out[base..], k, fields)
        {
            return Err(file_ends_first(lines, first, count, what, e)?);
        }
        done += got;
    }
    Ok(())
}

/// As in check.py, a file too short for the section is reported before its bad tokens.
fn file_ends_first<R: Read>(
    lines: &mut Lines<R>,
    first: u64,
    count: u64,
    what: &str,
    found: FormatError,
) -> Result<FormatError, FormatError> {
    let total = lines.consumed + lines.count_rest()?;
    if first + count > total {
        let kind = ErrorKind::FileEnds {
            have: total - first,
            count,
            what: what.to_string(),
        };
        return Ok(FormatError::new(total + 1, kind));
    }
    Ok(found)
}

/// Parses complete lines of exactly `k` plain integers; false on anything unusual.
fn fast_block(bytes: &[u8], out: &mut [i32], k: usize, threads: usize) -> bool {
    if threads < 2 || bytes.len() < PARALLEL_MIN {
        return fast_lines(bytes, out, k);
    }
    let mid = bytes.len() / 2;
    let Some(nl) = memchr::memchr(b'\n', &bytes[mid..]) else {
        return fast_lines(bytes, out, k);
    };
    let cut = mid + nl + 1;
    let (a, b) = bytes.split_at(cut);
    let lines_a = memchr::memchr_iter(b'\n', a).count();
    if lines_a * k > out.len() {
        return false;
    }
    let (oa, ob) = out.split_at_mut(lines_a * k);
    std::thread::scope(|s| {
        let hb = s.spawn(|| fast_lines(b, ob, k));
        let ra = fast_lines(a, oa, k);
        ra & hb.join().unwrap_or(false)
    })
}

/// One pass over the bytes, no per-byte bounds checks: a digit extends the number, a blank
/// ends it, a LF ends the line (which must have held exactly `k` numbers).
fn fast_lines(b: &[u8], out: &mut [i32], k: usize) -> bool {
    let mut o = 0usize;
    let mut line_end = k;
    let mut v: u64 = 0;
    let mut digits = 0u32;
    let mut neg = false;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d < 10 {
            v = v * 10 + u64::from(d);
            digits += 1;
            continue;
        }
        if digits > 0 {
            if digits > 10 || v > MAX_INT || o >= line_end || o >= out.len() {
                return false;
            }
            out[o] = if neg { -(v as i64) as i32 } else { v as i32 };
            o += 1;
            v = 0;
            digits = 0;
            neg = false;
            if c == b'-' {
                return false; // "5-3" is one bad token, not two numbers
            }
        } else if neg {
            return false;
        }
        match c {
            b' ' | b'\t' | b'\r' => {}
            b'\n' => {
                if o != line_end {
                    return false;
                }
                line_end += k;
            }
            b'-' => neg = true,
            _ => return false,
        }
    }
    digits == 0 && !neg && o == out.len() && line_end == o + k
}

fn token(t: &[u8]) -> Result<i32, ErrorKind> {
    let text = || String::from_utf8_lossy(t).into_owned();
    let (neg, digits) = match t.strip_prefix(b"-") {
        Some(d) => (true, d),
        None => (false, t),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(ErrorKind::NotInteger(text()));
    }
    let v = digits
        .iter()
        .fold(0u64, |v, d| v.saturating_mul(10).saturating_add(u64::from(d - b'0')));
    if v > MAX_INT {
        return Err(ErrorKind::TooLarge(text()));
    }
    Ok(if neg { -(v as i64) as i32 } else { v as i32 })
}

/// Parses the lines one by one with exact errors; `line0` is the 1-based line of the first.
fn exact_block(bytes: &[u8], line0: u64, out: &mut [i32], k: usize, fields: &str) -> Result<(), FormatError> {
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    for (idx, line) in body.split(|&b| b == b'\n').enumerate() {
        let at = line0 + idx as u64;
        let found = tokens(line).count();
        if found != k {
            let kind = ErrorKind::TokenCount {
                expected: k as u64,
                fields: fields.to_string(),
                found: found as u64,
            };
            return Err(FormatError::new(at, kind));
        }
        for (c, t) in tokens(line).enumerate() {
            let v = token(t).map_err(|kind| FormatError::new(at, kind))?;
            if let Some(slot) = out.get_mut(idx * k + c) {
                *slot = v;
            }
        }
    }
    Ok(())
}

fn rest_is_blank<R: Read>(lines: &mut Lines<R>) -> Result<(), FormatError> {
    match lines.first_data()? {
        Some(line) => Err(FormatError::new(line, ErrorKind::Trailing)),
        None => Ok(()),
    }
}

/// Builds a sparse instance when every rule holds; `None` sends the caller to [`exact_sparse`].
fn sparse_fast(n: u64, capacity: &[u32], prefs: Prefs, raw: &[i32]) -> Option<Instance> {
    let k = if prefs == Prefs::Ranks { 5 } else { 3 };
    let m = capacity.len();
    let e = raw.len() / k;
    let mut start = vec![0u32; n as usize + 1];
    let mut last = vec![u32::MAX; m];
    let mut mentor_deg = vec![0u32; m];
    let mut prev: i64 = -1;
    let mut group = 0usize;
    let mut seen: Vec<u32> = Vec::new();
    let ranks = prefs == Prefs::Ranks;
    let close = |from: usize, to: usize, seen: &mut Vec<u32>| -> bool {
        let d = to - from;
        if seen.len() < d {
            seen.resize(d, u32::MAX);
        }
        for x in from..to {
            let r = raw[x * k + 3];
            if r < 1 || r as usize > d || seen[r as usize - 1] == from as u32 {
                return false;
            }
            seen[r as usize - 1] = from as u32;
        }
        true
    };
    // Edges land in their final place in the same pass: with ranks, in the mentee's own
    // order (its group's first edge + rank − 1; a bad rank is caught when the group closes).
    let mut mentor = vec![0u32; e];
    let mut score = vec![0u16; e];
    let mut mentor_rank = if ranks { vec![0u32; e] } else { Vec::new() };
    for x in 0..e {
        let row = &raw[x * k..x * k + k];
        let (i, j, s) = (row[0] as i64, row[1], row[2]);
        if i < 0 || i as u64 >= n || j < 0 || j as usize >= m || !(0..=MAX_SCORE as i32).contains(&s) {
            return None;
        }
        if i != prev {
            if i < prev || (ranks && prev >= 0 && !close(group, x, &mut seen)) {
                return None;
            }
            prev = i;
            group = x;
        }
        let j = j as usize;
        if last[j] != u32::MAX && last[j] as usize >= group {
            return None;
        }
        last[j] = x as u32;
        start[i as usize + 1] += 1;
        mentor_deg[j] += 1;
        let slot = if ranks {
            let slot = group + row[3].max(1) as usize - 1;
            if slot >= e {
                return None;
            }
            mentor_rank[slot] = row[4] as u32;
            slot
        } else {
            x
        };
        mentor[slot] = j as u32;
        score[slot] = s as u16;
    }
    if ranks && prev >= 0 && !close(group, e, &mut seen) {
        return None;
    }
    for i in 0..n as usize {
        start[i + 1] += start[i];
    }
    if ranks && !mentor_ranks_ok(e, &mentor_deg, |x| (raw[x * k + 1] as usize, raw[x * k + 4])) {
        return None;
    }
    Some(Instance {
        layout: Layout::Sparse,
        prefs,
        n: n as u32,
        capacity: capacity.to_vec(),
        start,
        mentor,
        score,
        mentor_rank,
    })
}

/// Each mentor's ranks are exactly 1..degree, each once (a bitset over mentor slots).
fn mentor_ranks_ok(e: usize, deg: &[u32], at: impl Fn(usize) -> (usize, i32)) -> bool {
    let mut first = Vec::with_capacity(deg.len());
    let mut acc = 0usize;
    for &d in deg {
        first.push(acc);
        acc += d as usize;
    }
    let mut bits = vec![0u64; e.div_ceil(64)];
    for x in 0..e {
        let (j, r) = at(x);
        if r < 1 || r as u32 > deg[j] {
            return false;
        }
        let slot = first[j] + r as usize - 1;
        let (w, b) = (slot / 64, 1u64 << (slot % 64));
        if bits[w] & b != 0 {
            return false;
        }
        bits[w] |= b;
    }
    true
}

fn dense_fast(n: u64, capacity: &[u32], prefs: Prefs, mats: &[Vec<i32>]) -> Option<Instance> {
    let m = capacity.len();
    let n = n as usize;
    let cells = n * m;
    if mats[0].iter().any(|&s| !(0..=MAX_SCORE as i32).contains(&s)) {
        return None;
    }
    let start: Vec<u32> = (0..=n).map(|i| (i * m) as u32).collect();
    let (mentor, score, mentor_rank) = if prefs == Prefs::Ranks {
        let (mr, rr) = (&mats[1], &mats[2]);
        let mut seen = vec![u32::MAX; m];
        for i in 0..n {
            for &r in &mr[i * m..(i + 1) * m] {
                if r < 1 || r as usize > m || seen[r as usize - 1] == i as u32 {
                    return None;
                }
                seen[r as usize - 1] = i as u32;
            }
        }
        let deg = vec![n as u32; m];
        if !mentor_ranks_ok(cells, &deg, |x| (x % m, rr[x])) {
            return None;
        }
        let mut mentor = vec![0u32; cells];
        let mut score = vec![0u16; cells];
        let mut rank = vec![0u32; cells];
        for x in 0..cells {
            let slot = (x / m) * m + mr[x] as usize - 1;
            mentor[slot] = (x % m) as u32;
            score[slot] = mats[0][x] as u16;
            rank[slot] = rr[x] as u32;
        }
        (mentor, score, rank)
    } else {
        let mentor = (0..cells).map(|x| (x % m) as u32).collect();
        (mentor, mats[0].iter().map(|&s| s as u16).collect(), Vec::new())
    };
    Some(Instance {
        layout: Layout::Dense,
        prefs,
        n: n as u32,
        capacity: capacity.to_vec(),
        start,
        mentor,
        score,
        mentor_rank,
    })
}

/// The first error of a sparse candidate section, in `check.py`'s order.
fn exact_sparse(n: u64, m: u64, prefs: Prefs, raw: &[i32], e0: u64) -> FormatError {
    let k = if prefs == Prefs::Ranks { 5 } else { 3 };
    let col = |c: usize| raw.iter().skip(c).step_by(k).map(|&v| v as i64).collect::<Vec<i64>>();
    let (mentee, mentor, score) = (col(0), col(1), col(2));
    let line = |x: usize| e0 + x as u64 + 1;
    let mut cands = Vec::new();
    if let Some(x) = mentee.iter().position(|&i| i < 0 || i as u64 >= n) {
        cands.push(FormatError::new(line(x), ErrorKind::UnknownMentee { id: mentee[x], n }));
    }
    if let Some(x) = mentor.iter().position(|&j| j < 0 || j as u64 >= m) {
        cands.push(FormatError::new(line(x), ErrorKind::UnknownMentor { id: mentor[x], m }));
    }
    if let Some(first) = cands.into_iter().min() {
        return first;
    }
    let mut cands = Vec::new();
    if let Some(x) = score.iter().position(|&s| !(0..=MAX_SCORE as i64).contains(&s)) {
        cands.push(FormatError::new(line(x), ErrorKind::ScoreRange(score[x])));
    }
    if let Some(x) = (1..mentee.len()).find(|&x| mentee[x] < mentee[x - 1]) {
        cands.push(FormatError::new(
            line(x),
            ErrorKind::Grouping {
                mentee: mentee[x],
                after: mentee[x - 1],
            },
        ));
    }
    if let Some((later, earlier)) = first_repeat(&mentee, &mentor, |_| true) {
        let kind = ErrorKind::Duplicate {
            mentee: mentee[later],
            mentor: mentor[later],
            first_line: line(earlier),
        };
        cands.push(FormatError::new(line(later), kind));
    }
    if prefs == Prefs::Ranks {
        let (mr, rr) = (col(3), col(4));
        cands.extend(rank_errors(&mentee, &mr, n, false, &line));
        cands.extend(rank_errors(&mentor, &rr, m, true, &line));
    }
    cands
        .into_iter()
        .min()
        .unwrap_or_else(|| FormatError::new(e0 + 1, ErrorKind::Trailing))
}

/// The first error of a dense section (scores and ranks as matrices), in `check.py`'s order.
fn exact_dense(n: u64, m: u64, mats: &[Vec<i32>], e0: u64) -> FormatError {
    let mm = m as usize;
    let cells = mats[0].len();
    let row_line = |block: u64| move |x: usize| e0 + block * n + (x / mm) as u64 + 1;
    let mut cands = Vec::new();
    if let Some(x) = mats[0].iter().position(|&s| !(0..=MAX_SCORE as i32).contains(&s)) {
        cands.push(FormatError::new(
            row_line(0)(x),
            ErrorKind::ScoreRange(mats[0][x] as i64),
        ));
    }
    if mats.len() == 3 {
        let mentee: Vec<i64> = (0..cells).map(|x| (x / mm) as i64).collect();
        let mentor: Vec<i64> = (0..cells).map(|x| (x % mm) as i64).collect();
        let mr: Vec<i64> = mats[1].iter().map(|&v| v as i64).collect();
        let rr: Vec<i64> = mats[2].iter().map(|&v| v as i64).collect();
        cands.extend(rank_errors(&mentee, &mr, n, false, &row_line(1)));
        cands.extend(rank_errors(&mentor, &rr, m, true, &row_line(2)));
    }
    cands
        .into_iter()
        .min()
        .unwrap_or_else(|| FormatError::new(e0 + 1, ErrorKind::Trailing))
}

/// The earliest entry whose (a, b) appeared before, with the index of its first appearance.
fn first_repeat(a: &[i64], b: &[i64], keep: impl Fn(usize) -> bool) -> Option<(usize, usize)> {
    let mut idx: Vec<usize> = (0..a.len()).filter(|&x| keep(x)).collect();
    idx.sort_by_key(|&x| (a[x], b[x], x));
    let mut best: Option<(usize, usize)> = None;
    let mut run = 0;
    for p in 1..idx.len() {
        let (x, y) = (idx[p - 1], idx[p]);
        if (a[x], b[x]) != (a[y], b[y]) {
            run = p;
            continue;
        }
        if best.is_none_or(|(later, _)| y < later) {
            best = Some((y, idx[run]));
        }
    }
    best
}

/// Ranks outside 1..degree and repeated ranks of one side.
fn rank_errors(
    owner: &[i64],
    rank: &[i64],
    owners: u64,
    mentor_side: bool,
    line: &dyn Fn(usize) -> u64,
) -> Vec<FormatError> {
    let mut deg = vec![0u64; owners as usize];
    for &o in owner {
        deg[o as usize] += 1;
    }
    let mut out = Vec::new();
    if let Some(x) = (0..owner.len()).find(|&x| rank[x] < 1 || rank[x] as u64 > deg[owner[x] as usize]) {
        let kind = ErrorKind::RankRange {
            mentor_side,
            owner: owner[x],
            rank: rank[x],
            degree: deg[owner[x] as usize],
        };
        out.push(FormatError::new(line(x), kind));
    }
    let clipped: Vec<i64> = rank.iter().map(|&r| r.max(0)).collect();
    if let Some((later, earlier)) = first_repeat(owner, &clipped, |_| true) {
        let kind = ErrorKind::RankRepeat {
            mentor_side,
            owner: owner[later],
            rank: rank[later],
            first_line: line(earlier),
        };
        out.push(FormatError::new(line(later), kind));
    }
    out
}
