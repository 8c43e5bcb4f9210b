//! The one normalization of text a person typed, pasted or imported, before it is checked,
//! stored or searched: the form, the import, the search and the API all call [`normalize`].

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Characters that are invisible and carry nothing in Russian text: removed without a word
/// (zero-width space and joiners, the BOM inside a text, the soft hyphen, the word joiner,
/// direction marks, the combining grapheme joiner, variation selectors).
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

/// Characters that are invisible or blank but change how the text around them looks
/// (direction overrides and isolates, control characters, blank «letters», tags): removing
/// them could change what the person saw, so they are named instead (see [`hidden_char`]).
fn is_hidden(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(
            c,
            '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{206F}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// Plain text needs nothing: ASCII and the Russian alphabet are already in NFC.
fn is_plain(c: char) -> bool {
    c.is_ascii() || matches!(c, 'А'..='я' | 'Ё' | 'ё')
}

/// Unicode NFC («й» typed as «и» + combining breve becomes one letter) with the ignorable
/// invisible characters removed. Characters that [`hidden_char`] names are kept.
pub fn normalize(raw: &str) -> Cow<'_, str> {
    if raw.chars().all(is_plain) {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(raw.chars().filter(|c| !is_ignorable(*c)).nfc().collect())
}

/// The first character left after [`normalize`] that is invisible but may change what the
/// text looks like, as «U+202E», for a message that names it.
pub fn hidden_char(text: &str) -> Option<String> {
    text.chars()
        .find(|c| is_hidden(*c))
        .map(|c| format!("U+{:04X}", u32::from(c)))
}

/// [`normalize`], and the hidden characters dropped too: for a search, which stores nothing.
pub fn for_search(raw: &str) -> Cow<'_, str> {
    match normalize(raw) {
        Cow::Owned(s) if s.chars().any(is_hidden) => Cow::Owned(s.chars().filter(|c| !is_hidden(*c)).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composes_and_drops_invisible_characters() {
        assert_eq!(normalize("Андреи\u{0306}"), "Андрей");
        assert_eq!(normalize("Се\u{0308}мин"), "Сёмин");
        for c in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{200E}',
        ] {
            assert_eq!(normalize(&format!("Ива{c}нов")), "Иванов", "{c:?}");
            assert_eq!(hidden_char(&normalize(&format!("Ива{c}нов"))), None);
        }
        assert!(matches!(normalize("Иванов Ivan 7Б"), Cow::Borrowed(_)));
    }

    #[test]
    fn names_what_would_change_the_look() {
        let t = normalize("\u{202E}вонавИ");
        assert_eq!(hidden_char(&t).as_deref(), Some("U+202E"));
        assert_eq!(hidden_char("Ива\u{3164}нов").as_deref(), Some("U+3164"));
        assert_eq!(hidden_char("Ива\u{7}нов").as_deref(), Some("U+0007"));
        assert_eq!(hidden_char("Иванов Иван\tИванович"), None);
        assert_eq!(for_search("\u{202E}Ива\u{200B}нов"), "Иванов");
    }
}
