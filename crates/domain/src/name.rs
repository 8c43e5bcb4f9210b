//! A Russian full name (ФИО): фамилия, имя and an optional отчество.

use serde::{Deserialize, Serialize};

use crate::error::{Violation, Violations};
use crate::search::search_key;

/// Longest accepted name part, in characters.
pub const MAX_PART_LEN: usize = 60;

/// A validated Russian full name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FullName {
    last: String,
    first: String,
    patronymic: Option<String>,
}

impl FullName {
    /// Parses the three parts; every broken part is reported with its field.
    pub fn parse(last: &str, first: &str, patronymic: &str) -> Result<Self, Violations> {
        let mut errs = Violations::default();
        let last = errs.take(parse_part("last_name", last, true));
        let first = errs.take(parse_part("first_name", first, true));
        let patronymic = errs.take(parse_part("patronymic", patronymic, false));
        match (last, first, patronymic) {
            (Some(Some(last)), Some(Some(first)), Some(patronymic)) if errs.is_empty() => Ok(Self {
                last,
                first,
                patronymic,
            }),
            _ => Err(errs),
        }
    }

    /// Фамилия.
    pub fn last(&self) -> &str {
        &self.last
    }

    /// Имя.
    pub fn first(&self) -> &str {
        &self.first
    }

    /// Отчество, if any.
    pub fn patronymic(&self) -> Option<&str> {
        self.patronymic.as_deref()
    }

    /// «Иванова Мария Петровна».
    pub fn full(&self) -> String {
        match &self.patronymic {
            Some(p) => format!("{} {} {}", self.last, self.first, p),
            None => format!("{} {}", self.last, self.first),
        }
    }

    /// «Иванова М. П.» with non-breaking spaces, for lists and signatures.
    pub fn short(&self) -> String {
        let initial = |s: &str| s.chars().next().map(|c| format!("{c}.")).unwrap_or_default();
        let mut out = format!("{}\u{a0}{}", self.last, initial(&self.first));
        if let Some(p) = &self.patronymic {
            out.push('\u{a0}');
            out.push_str(&initial(p));
        }
        out
    }

    /// The normalized key used for search and duplicate detection.
    pub fn search_key(&self) -> String {
        search_key(&self.full())
    }
}

/// The Cyrillic letter a Latin one looks like: a Latin one inside a Russian word is a typo.
/// The one table of look-alikes: the name check refuses them and the import replaces them.
pub(crate) fn lookalike(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'K' => 'К',
        'M' => 'М',
        'O' => 'О',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        'k' => 'к',
        'm' => 'м',
        _ => return None,
    })
}

/// Replaces Latin look-alikes inside Cyrillic words («Сeмин» with a Latin «e»): the import
/// (with a warning) and the search (silently) fix them; words in Latin only stay as they
/// are, for the name check to refuse. `None` when nothing changed;
/// else the fixed text and the Latin letters replaced.
pub fn fix_lookalikes(text: &str) -> Option<(String, String)> {
    if !text.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut letters = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String, letters: &mut String| {
        let fixable = word.chars().any(is_cyrillic)
            && word
                .chars()
                .filter(char::is_ascii_alphabetic)
                .all(|c| lookalike(c).is_some());
        if fixable {
            for c in word.chars() {
                match lookalike(c) {
                    Some(r) => {
                        letters.push(c);
                        out.push(r);
                    }
                    None => out.push(c),
                }
            }
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out, &mut letters);
            out.push(c);
        }
    }
    flush(&mut word, &mut out, &mut letters);
    (!letters.is_empty()).then_some((out, letters))
}

/// A letter of the Russian alphabet (the range А–я holds all but Ё and ё).
pub(crate) fn is_cyrillic(c: char) -> bool {
    matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

/// One part of a name: Cyrillic letters, with hyphens, apostrophes and spaces
/// between words («Мамедов-Алиев», «Д'Арк», «Исмаил оглы»).
/// The text is normalized first (`text::normalize`): NFC, invisible characters removed, and
/// a character that would change what the name looks like named in the message.
fn parse_part(field: &'static str, raw: &str, required: bool) -> Result<Option<String>, Violation> {
    let raw = crate::text::normalize(raw);
    if let Some(c) = crate::text::hidden_char(&raw) {
        return Err(Violation::new(field, "err-name-invisible").arg("char", c));
    }
    let trimmed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let text: String = trimmed
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2014}' => '-',
            '\u{2019}' | 'ʼ' | '`' => '\'',
            _ => c,
        })
        .collect();
    if text.is_empty() {
        return if required {
            Err(Violation::new(field, "err-required"))
        } else {
            Ok(None)
        };
    }
    let len = text.chars().count();
    if len > MAX_PART_LEN {
        return Err(Violation::new(field, "err-too-long").arg("max", MAX_PART_LEN));
    }
    let latin: Vec<char> = text.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if !latin.is_empty() {
        let has_cyrillic = text.chars().any(is_cyrillic);
        let all_lookalike = latin.iter().all(|c| lookalike(*c).is_some());
        return Err(if has_cyrillic && all_lookalike {
            let letters: String = latin.iter().collect();
            Violation::new(field, "err-name-latin-lookalike").arg("letters", letters)
        } else {
            Violation::new(field, "err-name-not-cyrillic")
        });
    }
    let ok_chars = text.chars().all(|c| is_cyrillic(c) || matches!(c, '-' | '\'' | ' '));
    let starts_ok = text.chars().next().is_some_and(is_cyrillic);
    let ends_ok = text.chars().last().is_some_and(is_cyrillic);
    let no_double = !text.contains("--") && !text.contains("''") && !text.contains("- ");
    if !(ok_chars && starts_ok && ends_ok && no_double) {
        return Err(Violation::new(field, "err-name-chars"));
    }
    Ok(Some(capitalize_words(&text)))
}

/// «иванова-петрова» → «Иванова-Петрова»; particles like «оглы», «кызы» stay lowercase.
fn capitalize_words(text: &str) -> String {
    const PARTICLES: &[&str] = &["оглы", "кызы", "улы", "уулу", "заде", "ибн", "бен", "фон", "де"];
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && PARTICLES.contains(&word.to_lowercase().as_str()) {
            out.push_str(&word.to_lowercase());
            continue;
        }
        let mut start = true;
        for c in word.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            start = c == '-';
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(r: Result<FullName, Violations>) -> Vec<(&'static str, &'static str)> {
        r.unwrap_err().0.iter().map(|v| (v.field, v.code)).collect()
    }

    #[test]
    fn accepts_real_russian_names() {
        let n = FullName::parse("Салтыков-Щедрин", "Михаил", "Евграфович").unwrap();
        assert_eq!(n.full(), "Салтыков-Щедрин Михаил Евграфович");
        assert_eq!(n.short(), "Салтыков-Щедрин\u{a0}М.\u{a0}Е.");
        let n = FullName::parse("Алиев", "Рашид", "Исмаил оглы").unwrap();
        assert_eq!(n.patronymic(), Some("Исмаил оглы"));
        let n = FullName::parse("  семёнова ", "анна", "").unwrap();
        assert_eq!(n.full(), "Семёнова Анна");
        assert_eq!(n.search_key(), "семенова анна");
        assert!(FullName::parse("Д'Артаньян", "Шарль", "").is_ok());
    }

    #[test]
    fn names_the_broken_fields() {
        assert_eq!(
            codes(FullName::parse("", "", "")),
            vec![("last_name", "err-required"), ("first_name", "err-required")]
        );
        assert_eq!(
            codes(FullName::parse("Иван0в", "Иван", "")),
            vec![("last_name", "err-name-chars")]
        );
        assert_eq!(
            codes(FullName::parse("-Иванов", "Иван", "")),
            vec![("last_name", "err-name-chars")]
        );
        assert_eq!(
            codes(FullName::parse(&"Я".repeat(1_000_000), "Иван", "")),
            vec![("last_name", "err-too-long")]
        );
    }

    #[test]
    fn decomposed_letters_and_invisible_characters() {
        // «й» typed as «и» + combining breve, «ё» as «е» + diaeresis.
        let n = FullName::parse("Андреи\u{0306}чук", "Се\u{0308}ма", "").unwrap();
        assert_eq!(n.full(), "Андрейчук Сёма");
        // Zero-width space, joiners, BOM, soft hyphen, word joiner: removed.
        for c in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{00AD}', '\u{2060}'] {
            let n = FullName::parse(&format!("Ива{c}нов"), &format!("{c}Иван"), "").unwrap();
            assert_eq!(n.full(), "Иванов Иван", "{c:?}");
        }
        // A direction override would change what the name looks like: named, not removed.
        let err = FullName::parse("Иванов", "\u{202E}навИ", "").unwrap_err();
        assert_eq!(err.0[0].code, "err-name-invisible");
        assert_eq!(err.0[0].args, vec![("char", "U+202E".to_string())]);
    }

    #[test]
    fn catches_latin_lookalikes() {
        // «Иванов» typed with Latin «о» and «a»
        let err = FullName::parse("Ивaнoв", "Иван", "").unwrap_err();
        assert_eq!(err.0[0].code, "err-name-latin-lookalike");
        assert_eq!(err.0[0].args, vec![("letters", "ao".to_string())]);
        let err = FullName::parse("Smith", "John", "").unwrap_err();
        assert_eq!(err.0[0].code, "err-name-not-cyrillic");
    }
}
