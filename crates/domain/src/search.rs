//! The normalized key people are found by: case-, ё/е- and Unicode-form-insensitive.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Folds text for search and duplicate detection: normalized as every typed text is
/// (`text::for_search`: NFC, invisible characters dropped), Latin look-alikes inside Russian
/// words replaced as the import replaces them (`name::fix_lookalikes`), NFKC, lowercase,
/// ё→е (й kept), runs of whitespace collapsed.
pub fn search_key(text: &str) -> String {
    let text = crate::text::for_search(text);
    let text = match crate::name::fix_lookalikes(&text) {
        Some((fixed, _)) => Cow::Owned(fixed),
        None => text,
    };
    if text.chars().all(|c| c.is_ascii() || matches!(c, 'А'..='я' | 'Ё' | 'ё')) {
        return plain_key(&text);
    }
    general_key(&text)
}

/// `search_key` of any text.
fn general_key(text: &str) -> String {
    let folded: String = text
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            '\u{2010}'..='\u{2015}' => '-',
            '\u{2019}' | '`' | 'ʼ' => '\'',
            _ => c,
        })
        .collect();
    // NFKC composes «е» + U+0308 into «ё», which the map above already folded;
    // also drop any stray combining marks left over.
    folded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !('\u{0300}'..='\u{036f}').contains(c))
        .collect()
}

/// `search_key` of ASCII and the Russian alphabet, which NFKC leaves as they are and which
/// lowercase one letter for one: a list of 100,000 names folds in a tenth of the time.
fn plain_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().map(|c| match c {
            'ё' | 'Ё' => 'е',
            '`' => '\'',
            'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            _ => c.to_ascii_lowercase(),
        }));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_folds_as_the_general_path_does() {
        // Every ASCII character and every letter of the Russian alphabet, alone and in words.
        let mut chars: Vec<char> = (0u8..=127).map(char::from).collect();
        chars.extend('А'..='я');
        chars.extend(['Ё', 'ё']);
        for c in &chars {
            let t = format!(" {c}Ёлкина\t{c} {c}{c} ");
            assert_eq!(plain_key(&t), general_key(&t), "{t:?}");
        }
        for t in [
            "Ёлкина Дарья Сергеевна",
            "  O'Neil-Петрова\r\nАнна `Мария` ",
            "7Б",
            "",
            "   ",
        ] {
            assert_eq!(search_key(t), general_key(t), "{t:?}");
        }
    }

    #[test]
    fn folds_case_yo_and_decomposed_forms() {
        assert_eq!(search_key("Сёмин"), "семин");
        assert_eq!(search_key("СЕМИН"), "семин");
        // «ё» written as «е» + combining diaeresis
        assert_eq!(search_key("Се\u{0308}мин"), "семин");
        // «й» written as «и» + combining breve stays «й»
        assert_eq!(search_key("Андреи\u{0306}"), "андрей");
        assert_eq!(search_key("  Анна   Мария "), "анна мария");
    }

    #[test]
    fn folds_lookalikes_and_invisible_characters_as_names_are_stored() {
        let stored = crate::FullName::parse("Иванов", "Иван", "").unwrap().search_key();
        // Latin «a», «o», «c», «e», «p», «x» typed inside Russian words.
        assert_eq!(search_key("Ивaнoв Ивaн"), stored);
        assert_eq!(search_key("Сeмин Пeтp Хoxлoв"), "семин петр хохлов");
        // A zero-width space, a BOM or a direction mark pasted with the name.
        assert_eq!(search_key("\u{FEFF}Ива\u{200B}нов\u{200E} Иван"), stored);
        // Latin words stay Latin.
        assert_eq!(search_key("Smith"), "smith");
    }
}
