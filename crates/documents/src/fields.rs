//! The values a school's own DOCX blank can use as placeholders, under Russian names:
//! `{{школа.название}}`, `{{приказ.номер}}`, and lists for repeated table rows
//! (`{{пары.наставник}}` in a row repeats that row once per pair).

use std::collections::BTreeMap;

use crate::typography::clean;

/// Placeholder values of one document.
#[derive(Debug, Default, Clone)]
pub struct Fields {
    texts: BTreeMap<String, String>,
    lists: BTreeMap<String, Vec<BTreeMap<String, String>>>,
}

impl Fields {
    /// Sets a text value (cleaned typographically).
    pub fn text(&mut self, key: &str, value: &str) {
        self.texts.insert(key.to_owned(), clean(value));
    }

    /// Adds a list whose items fill a repeated table row; each item gets `№` as well.
    pub fn list(&mut self, key: &str, items: Vec<Vec<(&str, String)>>) {
        let rows = items
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                let mut row: BTreeMap<String, String> =
                    item.into_iter().map(|(k, v)| (k.to_owned(), clean(&v))).collect();
                row.insert("№".into(), (i + 1).to_string());
                row
            })
            .collect();
        self.lists.insert(key.to_owned(), rows);
    }

    /// The text value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }

    /// The list named by the first part of `key` («пары» in «пары.наставник»).
    pub fn list_of(&self, key: &str) -> Option<(&str, &[BTreeMap<String, String>])> {
        let (list, _) = key.split_once('.')?;
        self.lists.get_key_value(list).map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Every placeholder name, for the message about an unknown one and for `document kinds`.
    pub fn names(&self) -> Vec<String> {
        let mut out: Vec<String> = self.texts.keys().cloned().collect();
        for (list, rows) in &self.lists {
            // A row is a BTreeMap: its keys come sorted.
            let keys = rows.first().into_iter().flat_map(|r| r.keys());
            out.extend(keys.map(|k| format!("{list}.{k}")));
        }
        out
    }
}
