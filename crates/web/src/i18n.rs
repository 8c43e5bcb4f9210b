//! Texts from the Fluent files (`locales/ru/*.ftl`); Russian is the default and fallback.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use domain::Violation;
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

const RU: LanguageIdentifier = langid!("ru");

/// The interface language of a request (only Russian for now; English may follow).
#[derive(Debug, Clone, Copy, Default)]
pub struct L;

impl L {
    /// A message without arguments (memoized: labels are looked up many times per page).
    pub fn t(&self, key: &str) -> String {
        static MEMO: OnceLock<RwLock<HashMap<String, String>>> = OnceLock::new();
        let memo = MEMO.get_or_init(RwLock::default);
        if let Some(hit) = memo.read().ok().and_then(|m| m.get(key).cloned()) {
            return hit;
        }
        let text = LOCALES.lookup(&RU, key);
        if let Ok(mut m) = memo.write() {
            m.insert(key.to_string(), text.clone());
        }
        text
    }

    /// A message with one numeric argument (plural forms).
    pub fn n(&self, key: &str, name: &str, n: i64) -> String {
        let mut args = HashMap::new();
        args.insert(Cow::Owned(name.to_string()), FluentValue::from(n));
        LOCALES.lookup_with_args(&RU, key, &args)
    }

    /// A message with string arguments.
    pub fn args<'a>(&self, key: &str, args: impl AsRef<[(&'a str, String)]>) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .as_ref()
            .iter()
            .map(|(k, v)| (Cow::Owned(k.to_string()), FluentValue::from(v.clone())))
            .collect();
        LOCALES.lookup_with_args(&RU, key, &map)
    }

    /// The Russian text of a field violation, naming the field by its label.
    pub fn violation(&self, v: &Violation) -> String {
        let mut map: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        map.insert(
            Cow::Borrowed("field"),
            FluentValue::from(self.t(&format!("field-{}", v.field))),
        );
        for (k, val) in &v.args {
            let value = match val.parse::<i64>() {
                Ok(n) if *k != "letters" => FluentValue::from(n),
                _ => FluentValue::from(val.clone()),
            };
            map.insert(Cow::Owned(k.to_string()), value);
        }
        if let Some((_, age)) = v.args.iter().find(|(k, _)| *k == "age") {
            map.insert(Cow::Borrowed("age"), FluentValue::from(self.age(age)));
        }
        LOCALES.lookup_with_args(&RU, v.code, &map)
    }

    /// An age with its unit, as messages print it: «15 лет», «21 год».
    pub fn age(&self, years: &str) -> String {
        self.n("card-age", "age", years.parse().unwrap_or(0))
    }

    /// Every violation's text, in one paragraph.
    pub fn violations(&self, v: &domain::Violations) -> String {
        v.0.iter().map(|v| self.violation(v)).collect::<Vec<_>>().join(" ")
    }

    /// Label of a consent status.
    pub fn consent_status(&self, s: domain::ConsentStatus) -> String {
        self.t(&format!("consent-status-{}", s.code()))
    }
}

/// Every message id the code uses exists in the Russian file (checked by a test).
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals_and_fields() {
        let l = L;
        assert_eq!(l.n("participants-found", "n", 1), "Найден 1 участник");
        assert_eq!(l.n("participants-found", "n", 3), "Найдено 3 участника");
        assert_eq!(l.n("participants-found", "n", 11), "Найдено 11 участников");
        assert_eq!(l.n("participants-found", "n", 21), "Найден 21 участник");
        assert_eq!(l.n("card-age", "age", 14), "14 лет");
        let v = Violation::new("grade", "err-grade").arg("min", 5).arg("max", 11);
        assert_eq!(l.violation(&v), "Класс должен быть числом от 5 до 11.");
        let v = Violation::new("last_name", "err-required");
        assert_eq!(l.violation(&v), "Заполните поле «Фамилия».");
    }

    #[test]
    fn every_violation_code_has_a_message() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        // Every locale file: a message may live in the file of its part of the product.
        let mut src = String::new();
        for entry in std::fs::read_dir(root.join("locales/ru")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "ftl") {
                src.push_str(&std::fs::read_to_string(&path).unwrap());
                src.push('\n');
            }
        }
        let mut files = Vec::new();
        for dir in ["../domain/src", "../app/src", "src"] {
            walk(&root.join(dir), &mut files);
        }
        let mut checked = 0;
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (i, _) in text.match_indices("\"err-") {
                let code: String = text[i + 1..].chars().take_while(|c| *c != '"').collect();
                if code.len() > "err-".len() && !code.contains('{') {
                    assert!(
                        src.contains(&format!("\n{code} =")),
                        "{code} missing in the locale files ({path:?})"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 40, "the scan found the codes ({checked})");
    }
}
