//! Reading one cell as people type it: dates (text or Excel serials), classes, years of
//! experience, contacts, a parent's relation, and Latin look-alikes inside Cyrillic names.

use chrono::{Datelike, NaiveDate};

use crate::name::{is_cyrillic, lookalike};
use crate::search::search_key;
use crate::sheet::excel_serial_to_date;

use super::types::{Options, Value};

/// «01.09.2012», «1.9.2012», «01.09.12», «2012-09-01», «01/09/2012», with an optional
/// time («01.09.2012 0:00:00») or «г.». A two-digit year is in the past of `today`.
pub(super) fn parse_date_text(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let mut t = text.trim();
    if let Some((date, rest)) = t.split_once(' ')
        && rest.contains(':')
    {
        t = date;
    }
    t = t.trim_end_matches(['г', '.', ' ']);
    let sep = t.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let mut parts = t.split(sep);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || ![a, b, c]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (year, month, day) = if a.len() == 4 { (a, b, c) } else { (c, b, a) };
    if month.len() > 2 || day.len() > 2 {
        return None;
    }
    let y: i32 = year.parse().ok()?;
    let y = match year.len() {
        4 => y,
        2 => {
            let century = today.year() - today.year().rem_euclid(100);
            if y <= today.year().rem_euclid(100) {
                century + y
            } else {
                century - 100 + y
            }
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, month.parse().ok()?, day.parse().ok()?)
}

/// A class cell: «7А», «7 А», «7-а», «7 «А»», «7», «7а класс», a number 7.
/// Returns the grade digits and the letter (upper case; Latin look-alikes read as Cyrillic).
pub(super) fn parse_class(text: &str) -> Option<(String, Option<String>)> {
    let lower = text.trim().to_lowercase();
    let t = lower
        .strip_suffix("класс")
        .or_else(|| lower.strip_suffix("кл."))
        .or_else(|| lower.strip_suffix("кл"))
        .unwrap_or(&lower);
    let compact: String = t
        .chars()
        .filter(|c| !c.is_whitespace() && !"-–—«»\"'“”„.()".contains(*c))
        .collect();
    let digits_end = compact.find(|c: char| !c.is_ascii_digit()).unwrap_or(compact.len());
    if digits_end == 0 || digits_end > 2 {
        return None;
    }
    let (grade, rest) = compact.split_at(digits_end);
    let mut rest = rest.chars();
    let letter = match (rest.next(), rest.next()) {
        (None, _) => None,
        (Some(c), None) => Some(class_letter(c)?),
        _ => return None,
    };
    Some((grade.to_string(), letter))
}

fn class_letter(c: char) -> Option<String> {
    let c = lookalike(c).unwrap_or(c);
    is_cyrillic(c).then(|| c.to_uppercase().collect())
}

/// The first class named inside a longer text: «9 «Б» класс», «МБОУ СОШ № 17, 10А» (a
/// number after «№» or outside 1–11 is not a class).
pub(super) fn find_class(text: &str) -> Option<(String, Option<String>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let grade: String = chars[start..i].iter().collect();
        let numbered = chars[..start]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace())
            .is_some_and(|c| matches!(c, '№' | 'N' | '#'));
        if numbered || !grade.parse::<u8>().is_ok_and(|g| (1..=11).contains(&g)) {
            continue;
        }
        let mut j = i;
        while j < chars.len() && (chars[j].is_whitespace() || "-–—«»\"'“”„".contains(chars[j])) {
            j += 1;
        }
        let letter = chars.get(j).copied().filter(|c| {
            let next_is_letter = chars.get(j + 1).is_some_and(|n| n.is_alphabetic());
            !next_is_letter && class_letter(*c).is_some()
        });
        return Some((grade, letter.and_then(class_letter)));
    }
    None
}

/// «12», «12 лет», «12 л.» → «12»; anything else is passed on for `Category::parse` to name.
pub(super) fn experience_years(text: &str) -> String {
    let t = text.trim();
    let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let rest = search_key(&t[digits_end..]);
    let unit = rest.trim_matches(|c: char| c == '.' || c.is_whitespace());
    if digits_end > 0 && (unit.is_empty() || matches!(unit, "лет" | "л" | "год" | "года" | "г")) {
        t[..digits_end].to_string()
    } else {
        t.to_string()
    }
}

/// «мама» → «мать»; the rest as written, in lower case.
pub(super) fn relation(text: &str) -> String {
    let key = search_key(text.trim_matches(|c: char| !c.is_alphanumeric()));
    match key.as_str() {
        "мать" | "мама" | "матерь" => "мать".into(),
        "отец" | "папа" => "отец".into(),
        "" => DEFAULT_RELATION.into(),
        _ => key,
    }
}

/// The relation of a parent whose row does not say it.
pub(super) const DEFAULT_RELATION: &str = "законный представитель";

/// A phone, an e-mail and maybe a parent's name and relation in one contacts cell:
/// «Иванова Мария Петровна (мать), +7 916 123-45-67, ivanova@mail.ru».
#[derive(Debug, Default, PartialEq)]
pub(super) struct ContactParts {
    pub(super) phone: Option<String>,
    pub(super) email: Option<String>,
    /// More than one phone or e-mail: only the first ones are taken.
    pub(super) extra: bool,
    /// Two to four capitalized Cyrillic words: a person's name.
    pub(super) name: Option<String>,
    pub(super) relation: Option<&'static str>,
}

/// Splits a contacts cell into its phone, e-mail, name and relation (see [`ContactParts`]).
pub(super) fn parse_contacts(text: &str) -> ContactParts {
    let mut parts = ContactParts::default();
    let mut rest = String::with_capacity(text.len());
    for (i, token) in text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .enumerate()
    {
        if token.contains('@') {
            let email = token.trim_matches(|c: char| !(c.is_alphanumeric() || c == '_'));
            if parts.email.is_none() {
                parts.email = Some(email.to_string());
            } else {
                parts.extra = true;
            }
            rest.push(' ');
        } else {
            if i > 0 {
                rest.push(' ');
            }
            rest.push_str(token);
        }
    }
    // Phones: runs of digits, spaces, «+», «-», brackets with at least 7 digits.
    let mut words = String::with_capacity(rest.len());
    let mut run = String::new();
    let mut digits = 0;
    let take_run = |run: &mut String, digits: &mut usize, parts: &mut ContactParts, words: &mut String| {
        if *digits >= 7 {
            if parts.phone.is_none() {
                parts.phone = Some(run.trim().to_string());
            } else {
                parts.extra = true;
            }
            words.push(' ');
        } else {
            words.push_str(run);
        }
        run.clear();
        *digits = 0;
    };
    for c in rest.chars() {
        let phone_char = c.is_ascii_digit() || "+-()– ".contains(c);
        if c == '+' && digits >= 7 {
            take_run(&mut run, &mut digits, &mut parts, &mut words);
        }
        if phone_char {
            run.push(c);
            digits += usize::from(c.is_ascii_digit());
        } else {
            take_run(&mut run, &mut digits, &mut parts, &mut words);
            words.push(c);
        }
    }
    take_run(&mut run, &mut digits, &mut parts, &mut words);
    const NOISE: &[&str] = &[
        "тел",
        "телефон",
        "моб",
        "мобильный",
        "сотовый",
        "email",
        "e",
        "mail",
        "почта",
        "эл",
        "адрес",
        "контакты",
        "для",
        "связи",
    ];
    let mut name_words: Vec<&str> = Vec::new();
    let mut other = false;
    for w in words
        .split(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
    {
        let key = search_key(w);
        match key.as_str() {
            "мать" | "мама" => parts.relation = parts.relation.or(Some("мать")),
            "отец" | "папа" => parts.relation = parts.relation.or(Some("отец")),
            "опекун" => parts.relation = parts.relation.or(Some("опекун")),
            "попечитель" => parts.relation = parts.relation.or(Some("попечитель")),
            "родитель" | "законный" | "представитель" => {
                parts.relation = parts.relation.or(Some(DEFAULT_RELATION));
            }
            k if NOISE.contains(&k) => {}
            "оглы" | "кызы" if !name_words.is_empty() => name_words.push(w),
            _ if w.chars().next().is_some_and(|c| c.is_uppercase() && is_cyrillic(c)) => name_words.push(w),
            _ => other = true,
        }
    }
    if !other && (2..=4).contains(&name_words.len()) {
        parts.name = Some(name_words.join(" "));
    }
    parts
}

/// The person's birth as read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Birth {
    Known(NaiveDate),
    /// No date in the row.
    Missing,
    /// A date that is not one (already reported).
    Invalid,
}

/// What a birth-year cell of a base holds: «1999», «2011 / 9 «Б»», or a whole date.
#[derive(Debug, Default, PartialEq)]
pub(super) struct YearCell {
    pub(super) year: Option<i32>,
    pub(super) date: Option<NaiveDate>,
    pub(super) class: Option<(String, Option<String>)>,
}

/// Reads a birth-year cell of a base; `Err` for a value that is no year, date or class, or a
/// year outside the last 120.
pub(super) fn parse_year_cell(v: &Value, opts: &Options) -> Result<YearCell, ()> {
    let plausible = |y: i32| (opts.today.year() - 120..=opts.today.year()).contains(&y);
    let mut cell = YearCell::default();
    match v {
        Value::Empty => {}
        Value::Bool(_) => return Err(()),
        Value::Date(d) => cell.date = Some(*d),
        Value::Number(n) if n.fract() == 0.0 && (1000.0..10000.0).contains(n) => cell.year = Some(*n as i32),
        Value::Number(n) => cell.date = Some(excel_serial_to_date(*n, opts.date1904).ok_or(())?),
        Value::Text(t) => {
            let t = t.trim();
            if let Some(d) = parse_date_text(t, opts.today) {
                cell.date = Some(d);
            } else {
                let (head, rest) = t.split_once(['/', ',', ';']).unwrap_or((t, ""));
                let head = head.trim().trim_end_matches(['г', 'р', '.', ' ']);
                if head.len() == 4 && head.bytes().all(|b| b.is_ascii_digit()) {
                    cell.year = head.parse().ok();
                } else if !head.is_empty() {
                    cell.date = Some(parse_date_text(head, opts.today).ok_or(())?);
                }
                if !rest.trim().is_empty() {
                    cell.class = Some(parse_class(rest).ok_or(())?);
                }
            }
        }
    }
    if let Some(d) = cell.date {
        cell.year = Some(d.year());
    }
    match cell.year {
        Some(y) if !plausible(y) => Err(()),
        _ => Ok(cell),
    }
}

/// A date cell: a date, an Excel serial or text; `Ok(None)` for an empty cell.
pub(super) fn read_date(v: &Value, opts: &Options) -> Result<Option<NaiveDate>, ()> {
    match v {
        Value::Empty => Ok(None),
        Value::Date(d) => Ok(Some(*d)),
        Value::Number(n) => excel_serial_to_date(*n, opts.date1904).map(Some).ok_or(()),
        Value::Bool(_) => Err(()),
        Value::Text(t) if t.trim().is_empty() => Ok(None),
        Value::Text(t) => parse_date_text(t, opts.today).map(Some).ok_or(()),
    }
}
