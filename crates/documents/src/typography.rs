//! Russian typography done by the engine: «ёлочки», non-breaking spaces, dates, safe text.

use chrono::{Datelike, NaiveDate};

/// A non-breaking space.
pub const NBSP: char = '\u{a0}';

/// The longest run of letters without a break point; longer runs get invisible break
/// opportunities so that a 10,000-character "word" wraps instead of running off the page.
const MAX_UNBROKEN: usize = 40;

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// «01 сентября 2025 г.» (with a non-breaking space before «г.»).
pub fn long_date(d: NaiveDate) -> String {
    format!(
        "{:02} {} {}{NBSP}г.",
        d.day(),
        MONTHS_GENITIVE[d.month0() as usize],
        d.year()
    )
}

/// «01.09.2025», the form of order numbers' dates and appendix captions.
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// «сентябрь 2025», for periods in tables.
pub fn month_year(d: NaiveDate) -> String {
    format!("{} {}", MONTHS_NOMINATIVE[d.month0() as usize], d.year())
}

/// «№ 145» with a non-breaking space.
pub fn number(n: &str) -> String {
    format!("№{NBSP}{}", n.trim())
}

/// Text from a user made safe and typographically correct for a document:
/// control characters dropped (they are invalid in XML), line breaks folded into spaces,
/// runs of spaces collapsed, quotes turned into «ёлочки» and non-breaking spaces placed.
pub fn clean(text: &str) -> String {
    let folded = fold_spaces(text);
    let quoted = quotes(&folded);
    let spaced = nbsp(&quoted);
    break_long_words(&spaced)
}

/// Like [`clean`], but keeps line breaks (for multi-line fields such as addresses).
pub fn clean_multiline(text: &str) -> Vec<String> {
    text.split(['\n', '\r']).map(clean).filter(|l| !l.is_empty()).collect()
}

fn fold_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => ' ',
            c if c.is_control() => continue,
            // Noncharacters and unpaired surrogates never reach a &str; FFFE/FFFF are not valid XML.
            '\u{fffe}' | '\u{ffff}' => continue,
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Straight and English quotes become «ёлочки»; quotes inside quotes become „лапки“.
pub fn quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut depth = 0usize;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        match c {
            '"' | '\u{201c}' | '\u{201d}' => {
                let opening = match prev {
                    None => true,
                    Some(p) => p.is_whitespace() || "([{«„-–—/".contains(p),
                };
                if opening {
                    out.push(if depth == 0 { '«' } else { '„' });
                    depth += 1;
                } else {
                    depth = depth.saturating_sub(1);
                    out.push(if depth == 0 { '»' } else { '“' });
                }
            }
            '«' => {
                depth += 1;
                out.push(c);
            }
            '»' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            c => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// Non-breaking spaces after «№», between initials and the surname, before «г.», «гг.»
/// and after one-letter prepositions and conjunctions.
pub fn nbsp(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    for (i, w) in words.iter().enumerate() {
        out.push_str(w);
        let Some(next) = words.get(i + 1) else { break };
        let glue = *w == "№"
            || is_initial(w)
            || matches!(*next, "г." | "гг." | "г" | "г.," | "г.;" | "гг.," | "г.»")
            || is_short_word(w)
            || next.starts_with('—') && !w.is_empty();
        out.push(if glue { NBSP } else { ' ' });
    }
    out
}

/// «И.» or «И.И.»: an initial followed by a surname should not be left on its own line.
fn is_initial(w: &str) -> bool {
    let mut chars = w.chars();
    let mut count = 0;
    loop {
        match (chars.next(), chars.next()) {
            (Some(c), Some('.')) if c.is_uppercase() => count += 1,
            (None, _) => return count > 0,
            _ => return false,
        }
    }
}

fn is_short_word(w: &str) -> bool {
    let mut chars = w.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => "вВсСкКиИоОуУаАяЯ".contains(c),
        _ => false,
    }
}

fn break_long_words(text: &str) -> String {
    if text.len() <= MAX_UNBROKEN {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + text.len() / MAX_UNBROKEN);
    let mut run = 0;
    for c in text.chars() {
        if c.is_whitespace() || c == '-' {
            run = 0;
        } else {
            run += 1;
            if run > MAX_UNBROKEN {
                out.push('\u{200b}');
                run = 1;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_schools_write_them() {
        let d = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        assert_eq!(long_date(d), "01 сентября 2025\u{a0}г.");
        assert_eq!(short_date(d), "01.09.2025");
        assert_eq!(month_year(d), "сентябрь 2025");
    }

    #[test]
    fn quotes_become_yolochki_and_nest() {
        assert_eq!(quotes(r#"МБОУ "Знаменская СОШ""#), "МБОУ «Знаменская СОШ»");
        assert_eq!(
            quotes(r#"проект "Билет в "будущее"" дальше"#),
            "проект «Билет в „будущее“» дальше"
        );
    }

    #[test]
    fn non_breaking_spaces_glue_what_must_stay_together() {
        assert_eq!(nbsp("приказ № 145"), "приказ №\u{a0}145");
        assert_eq!(nbsp("Е. М. Шевченко"), "Е.\u{a0}М.\u{a0}Шевченко");
        assert_eq!(nbsp("в 2025 г. и все"), "в\u{a0}2025\u{a0}г. и\u{a0}все");
    }

    #[test]
    fn hostile_text_is_made_safe() {
        assert_eq!(clean("Иван\r\nов\u{0}\u{7}  Пётр"), "Иван ов Пётр");
        let long = "я".repeat(10_000);
        let cleaned = clean(&long);
        assert!(cleaned.split('\u{200b}').all(|p| p.chars().count() <= MAX_UNBROKEN));
        assert_eq!(cleaned.replace('\u{200b}', ""), long);
    }
}
