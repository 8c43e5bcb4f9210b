//! The normalized key people are found by: case-, ё/е- and Unicode-form-insensitive.

use unicode_normalization::UnicodeNormalization;

/// Folds text for search and duplicate detection: NFKC, lowercase, ё→е (й kept),
/// runs of whitespace collapsed.
pub fn search_key(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
