//! Errors of the instance format: each names the 1-based line, as FORMAT.md requires.

use std::cmp::Ordering;
use std::fmt;

use crate::text::Lang;

/// What is wrong with an instance file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// Only comments or blank lines.
    NoHeader,
    /// The first other line is not a `nastavnik-match` header.
    NotHeader,
    /// A version other than 1.
    Version(String),
    /// Neither `sparse` nor `dense`.
    Layout(String),
    /// Neither `ranks` nor `scores`.
    Prefs(String),
    /// A count of the header that is not a non-negative integer.
    Count { name: &'static str, token: String },
    /// More mentees or mentors than one instance may hold.
    TooMany { name: &'static str, limit: u64 },
    /// N = 0.
    NoMentees,
    /// M = 0.
    NoMentors,
    /// A dense header whose E is not N·M.
    DenseCount { expected: u64, found: u64 },
    /// Fewer lines than the header promised.
    FileEnds { have: u64, count: u64, what: String },
    /// A record with the wrong number of tokens.
    TokenCount { expected: u64, fields: String, found: u64 },
    /// A token that is not `-?[0-9]+`.
    NotInteger(String),
    /// A token beyond ±(2^31 − 1).
    TooLarge(String),
    /// Something other than whitespace after the last record.
    Trailing,
    /// A line too long to be a record (bounded memory for damaged files).
    LineTooLong(u64),
    /// Mentor lines out of order.
    MentorOrder { expected: u64, found: i64, last: u64 },
    /// A negative capacity.
    NegativeCapacity { capacity: i64, mentor: u64 },
    /// A mentee id outside 0..N.
    UnknownMentee { id: i64, n: u64 },
    /// A mentor id outside 0..M.
    UnknownMentor { id: i64, m: u64 },
    /// A score outside 0..1000.
    ScoreRange(i64),
    /// Candidate lines not grouped by mentee.
    Grouping { mentee: i64, after: i64 },
    /// The same pair twice.
    Duplicate { mentee: i64, mentor: i64, first_line: u64 },
    /// A rank outside 1..d.
    RankRange {
        mentor_side: bool,
        owner: i64,
        rank: i64,
        degree: u64,
    },
    /// A rank given twice.
    RankRepeat {
        mentor_side: bool,
        owner: i64,
        rank: i64,
        first_line: u64,
    },
    /// The file could not be read.
    Io(String),
}

/// An error in an instance file at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// 1-based line of the file.
    pub line: u64,
    /// What is wrong.
    pub kind: ErrorKind,
}

impl FormatError {
    pub(crate) fn new(line: u64, kind: ErrorKind) -> Self {
        Self { line, kind }
    }

    /// The message in the given language, starting with the line («строка 5: …» / "line 5: …").
    pub fn message(&self, lang: Lang) -> String {
        let line = lang.text("fmt-line", &[("line", self.line.to_string())]);
        format!("{line}: {}", self.kind.message(lang))
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for FormatError {}

/// Errors met at once are reported by line, then (as `check.py` does) by their English text.
impl Ord for FormatError {
    fn cmp(&self, other: &Self) -> Ordering {
        self.line
            .cmp(&other.line)
            .then_with(|| self.kind.message(Lang::En).cmp(&other.kind.message(Lang::En)))
    }
}

impl PartialOrd for FormatError {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Python's `repr` of a string, so English messages match `check.py` exactly.
pub(crate) fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// The fields of a record in the message's language (English: the names of FORMAT.md).
fn field_names(fields: &str, lang: Lang) -> String {
    let key = match fields {
        "mentee mentor score mentee_rank mentor_rank" => "fields-ranks",
        "mentee mentor score" => "fields-scores",
        "mentor capacity" => "fields-mentor",
        "one score per mentor" => "fields-score-row",
        "one mentee_rank per mentor" => "fields-mentee-rank-row",
        "one mentor_rank per mentor" => "fields-mentor-rank-row",
        _ => return fields.to_string(),
    };
    lang.text(key, &[])
}

impl ErrorKind {
    /// The message without the line, in the given language.
    pub fn message(&self, lang: Lang) -> String {
        use ErrorKind::*;
        let s = |v: &dyn ToString| v.to_string();
        let side = |mentor_side: bool| if mentor_side { "mentor" } else { "mentee" }.to_string();
        match self {
            NoHeader => lang.text("fmt-no-header", &[]),
            NotHeader => lang.text("fmt-not-header", &[]),
            Version(v) => lang.text("fmt-version", &[("version", v.clone())]),
            Layout(v) => lang.text("fmt-layout", &[("value", py_repr(v))]),
            Prefs(v) => lang.text("fmt-prefs", &[("value", py_repr(v))]),
            Count { name, token } => lang.text("fmt-count", &[("name", s(name)), ("value", py_repr(token))]),
            TooMany { name, limit } => lang.text("fmt-too-many", &[("name", s(name)), ("limit", s(limit))]),
            NoMentees => lang.text("fmt-no-mentees", &[]),
            NoMentors => lang.text("fmt-no-mentors", &[]),
            DenseCount { expected, found } => {
                lang.text("fmt-dense-count", &[("expected", s(expected)), ("found", s(found))])
            }
            FileEnds { have, count, what } => lang.text(
                "fmt-file-ends",
                &[("have", s(have)), ("count", s(count)), ("what", lang.text(what, &[]))],
            ),
            TokenCount {
                expected,
                fields,
                found,
            } => lang.text(
                "fmt-token-count",
                &[
                    ("expected", s(expected)),
                    ("fields", field_names(fields, lang)),
                    ("found", s(found)),
                ],
            ),
            NotInteger(t) => lang.text("fmt-not-integer", &[("token", py_repr(t))]),
            TooLarge(t) => lang.text("fmt-too-large", &[("token", t.clone())]),
            Trailing => lang.text("fmt-trailing", &[]),
            LineTooLong(limit) => lang.text("fmt-line-too-long", &[("limit", s(limit))]),
            MentorOrder { expected, found, last } => lang.text(
                "fmt-mentor-order",
                &[("expected", s(expected)), ("found", s(found)), ("last", s(last))],
            ),
            NegativeCapacity { capacity, mentor } => lang.text(
                "fmt-negative-capacity",
                &[("capacity", s(capacity)), ("mentor", s(mentor))],
            ),
            UnknownMentee { id, n } => lang.text(
                "fmt-unknown-mentee",
                &[("id", s(id)), ("last", s(&(n.saturating_sub(1))))],
            ),
            UnknownMentor { id, m } => lang.text(
                "fmt-unknown-mentor",
                &[("id", s(id)), ("last", s(&(m.saturating_sub(1))))],
            ),
            ScoreRange(v) => lang.text("fmt-score-range", &[("score", s(v))]),
            Grouping { mentee, after } => lang.text("fmt-grouping", &[("mentee", s(mentee)), ("after", s(after))]),
            Duplicate {
                mentee,
                mentor,
                first_line,
            } => lang.text(
                "fmt-duplicate",
                &[("mentee", s(mentee)), ("mentor", s(mentor)), ("first", s(first_line))],
            ),
            RankRange {
                mentor_side,
                owner,
                rank,
                degree,
            } => lang.text(
                "fmt-rank-range",
                &[
                    ("side", side(*mentor_side)),
                    ("owner", s(owner)),
                    ("rank", s(rank)),
                    ("degree", s(degree)),
                ],
            ),
            RankRepeat {
                mentor_side,
                owner,
                rank,
                first_line,
            } => lang.text(
                "fmt-rank-repeat",
                &[
                    ("side", side(*mentor_side)),
                    ("owner", s(owner)),
                    ("rank", s(rank)),
                    ("first", s(first_line)),
                ],
            ),
            Io(e) => lang.text("fmt-io", &[("error", e.clone())]),
        }
    }
}
