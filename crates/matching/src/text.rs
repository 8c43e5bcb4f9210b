//! Messages of the engine in Russian and English, from the Fluent files in `locales/`.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "ru",
        customise: |b| b.set_use_isolating(false),
    };
}

/// The language of messages: Russian by default; English matches `check.py` word for word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    /// Русский.
    #[default]
    Ru,
    /// English.
    En,
}

impl Lang {
    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::Ru => langid!("ru"),
            Lang::En => langid!("en"),
        }
    }

    /// The text of `key` with string arguments.
    pub fn text(self, key: &str, args: &[(&str, String)]) -> String {
        if args.is_empty() {
            return LOCALES.lookup(&self.id(), key);
        }
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone())))
            .collect();
        LOCALES.lookup_with_args(&self.id(), key, &map)
    }

    /// The text of `key` with one number that chooses the plural form, plus string arguments.
    pub fn count(self, key: &str, name: &str, n: i64, args: &[(&str, String)]) -> String {
        let mut map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone())))
            .collect();
        map.insert(Cow::Owned(name.to_string()), FluentValue::from(n));
        LOCALES.lookup_with_args(&self.id(), key, &map)
    }
}
