//! A pairing round (R4): the school's weights of the soft criteria, what the proposal
//! optimizes, the curator's pins and exclusions, and how a request's words are compared
//! with a mentor's competences. The engine itself is `matching`; this is what the school
//! decides and keeps.

use serde::{Deserialize, Serialize};

use crate::base::Labelled;
use crate::{Violation, Violations};

/// The soft criteria in the order of the engine's weights: the code of each (form field,
/// Fluent key suffix `pairing-crit-…`).
pub const CRITERIA: [&str; 8] = [
    "competences",
    "subjects",
    "interests",
    "same_school",
    "age_fit",
    "availability",
    "meeting",
    "mutual_choice",
];

/// The field of each criterion's weight in a refusal (its label is `field-weight_…`).
const WEIGHT_FIELDS: [&str; 8] = [
    "weight_competences",
    "weight_subjects",
    "weight_interests",
    "weight_same_school",
    "weight_age_fit",
    "weight_availability",
    "weight_meeting",
    "weight_mutual_choice",
];

/// The points a pair can get at most: the weights add up to no more than this.
pub const MAX_TOTAL: u32 = 1000;

/// The school's weights of the soft criteria, in the order of [`CRITERIA`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights(pub [u16; 8]);

impl Default for Weights {
    /// The model's defaults: the request met by competences counts most.
    fn default() -> Self {
        Self([300, 200, 100, 100, 100, 100, 50, 50])
    }
}

impl Weights {
    /// Reads the weights typed into the form (`value(code)` gives the field's text): each a
    /// whole number of points from 0 to 1000, together no more than 1000. Every wrong field
    /// is named.
    pub fn parse(value: impl Fn(&str) -> Option<String>) -> Result<Self, Violations> {
        let mut out = [0u16; 8];
        let mut errors = Violations::default();
        for ((slot, code), field) in out.iter_mut().zip(CRITERIA).zip(WEIGHT_FIELDS) {
            let text = value(code).unwrap_or_default();
            match text.trim().parse::<u16>() {
                Ok(n) if u32::from(n) <= MAX_TOTAL => *slot = n,
                _ => errors.push(Violation::new(field, "err-pairing-weight").arg("value", text.trim())),
            }
        }
        if errors.is_empty() && out.iter().map(|&w| u32::from(w)).sum::<u32>() > MAX_TOTAL {
            errors.push(Violation::new("weights", "err-pairing-weights-total"));
        }
        if errors.is_empty() { Ok(Self(out)) } else { Err(errors) }
    }

    /// The weight of a criterion by its code.
    pub fn get(&self, code: &str) -> Option<u16> {
        CRITERIA.iter().position(|c| *c == code).map(|i| self.0[i])
    }
}

crate::base::labelled! {
    /// What the proposal puts first (R4.2): the best total score, or as many people paired
    /// as possible and then the best total.
    Objective {
        /// The best sum of scores.
        Score = "score", "наилучшая суммарная совместимость";
        /// As many pairs as possible, then the best sum.
        Count = "count", "как можно больше пар";
        /// After the group meeting: mentee-optimal stable pairs over the mutual ranking,
        /// ties by score.
        Stable = "stable", "устойчивые пары по взаимному выбору";
    }
}

crate::base::labelled! {
    /// Where a round stands.
    RoundState {
        /// The curator works on the proposal.
        Draft = "draft", "черновик";
        /// Sent to the head for approval.
        Sent = "sent", "на утверждении";
        /// Approved by the head's order.
        Approved = "approved", "утверждён";
        /// A school's part of a municipal round its head declined (the mentees wait again).
        Returned = "returned", "возвращён школой";
    }
}

crate::base::labelled! {
    /// A decision of the curator about one mentee and one mentor.
    Decision {
        /// This pair is fixed (several pins to one mentor form a group).
        Pin = "pin", "закреплена";
        /// This pair is ruled out.
        Exclude = "exclude", "исключена";
    }
}

/// Words of a request or of competences that carry meaning, reduced to a common stem so
/// that «олимпиаде» meets «олимпиадная»: lower case, «ё» as «е», words of four letters or
/// more that are not service words, their first six letters. Each stem comes with the
/// first word it was taken from, for the reasons the curator reads.
pub fn stems(text: &str) -> Vec<(String, String)> {
    const SERVICE: [&str; 14] = [
        "для",
        "при",
        "через",
        "после",
        "перед",
        "также",
        "более",
        "менее",
        "очень",
        "работа",
        "работе",
        "помощь",
        "помощи",
        "умение",
    ];
    let mut out: Vec<(String, String)> = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .filter(|w| w.chars().count() >= 4 && !SERVICE.contains(&w.as_str()))
    {
        let stem: String = word.chars().take(6).collect();
        if !out.iter().any(|(s, _)| *s == stem) {
            out.push((stem, word));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_name_each_wrong_field_and_the_total() {
        let ok = Weights::parse(|c| Weights::default().get(c).map(|w| w.to_string())).unwrap();
        assert_eq!(ok, Weights::default());
        let bad = Weights::parse(|c| match c {
            "subjects" => Some("-5".into()),
            "meeting" => Some("много".into()),
            _ => Some("10".into()),
        })
        .unwrap_err();
        let fields: Vec<&str> = bad.0.iter().map(|v| v.field).collect();
        assert_eq!(fields, ["weight_subjects", "weight_meeting"]);
        let total = Weights::parse(|_| Some("200".into())).unwrap_err();
        assert_eq!(total.0[0].field, "weights");
    }

    #[test]
    fn stems_meet_across_word_forms() {
        let a: Vec<String> = stems("Подготовка к олимпиаде по математике")
            .into_iter()
            .map(|s| s.0)
            .collect();
        let b: Vec<String> = stems("олимпиадная подготовка; математика")
            .into_iter()
            .map(|s| s.0)
            .collect();
        assert_eq!(a, ["подгот", "олимпи", "матема"]);
        assert!(a.iter().all(|s| b.contains(s)));
        assert_eq!(stems("ЕГЭ и ОГЭ по физике")[0].1, "физике");
    }
}
