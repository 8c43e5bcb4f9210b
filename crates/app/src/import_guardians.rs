//! Who the parent named on a pupil's row of a list is: a parent the school already has,
//! one named on an earlier row (brothers and sisters), or a new person. Two parents are
//! the same person only when the name **and** a phone or an e-mail agree
//! (`GuardianRecord::same_person`); a namesake without such a match becomes a new person
//! and the row says so, so the curator can link them by hand if they are one.

use std::collections::HashMap;

use domain::roster::{self, GuardianRecord, Problem, Record, Severity};

/// A parent of the school without a birth date (named by an earlier list).
#[derive(Debug, Clone)]
pub(crate) struct KnownParent {
    /// Person id.
    pub id: i64,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
}

/// The parent a row names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Parent {
    /// A person the school has.
    Known(i64),
    /// The n-th new person (in [`Resolved::new`]).
    New(usize),
}

/// Every row's parent, the new people to add and the warnings about namesakes.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    /// (record index, its parent).
    pub wards: Vec<(usize, Parent)>,
    /// The record index that first named each new parent.
    pub new: Vec<usize>,
    /// «a parent of the same name is another person» on the rows it concerns.
    pub warnings: Vec<Problem>,
}

/// Resolves the parents of the records `include` selects against the school's `known`
/// parents by name key.
pub(crate) fn resolve(
    records: &[Record],
    include: impl Fn(usize) -> bool,
    known: &HashMap<String, Vec<KnownParent>>,
) -> Resolved {
    let mut out = Resolved::default();
    // New parents by name key: (index in `out.new`).
    let mut pending: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        let Some(g) = &r.person.guardian else { continue };
        if !include(i) {
            continue;
        }
        let key = g.name.search_key();
        let school = known.get(&key).map(Vec::as_slice).unwrap_or_default();
        let earlier = pending.get(&key).map(Vec::as_slice).unwrap_or_default();
        let same_known = school
            .iter()
            .find(|k| g.same_person(k.phone.as_deref(), k.email.as_deref()));
        let same_new = earlier.iter().copied().find(|&n| {
            let first = records[out.new[n]].person.guardian.as_ref();
            first.is_some_and(|f: &GuardianRecord| g.same_person(f.phone.as_deref(), f.email.as_deref()))
        });
        let parent = match (same_known, same_new) {
            (Some(k), _) => Parent::Known(k.id),
            (None, Some(n)) => Parent::New(n),
            (None, None) => {
                if let Some(&n) = earlier.first() {
                    out.warnings
                        .push(namesake(r, g, roster::GUARDIAN_NAMESAKE_ROW, records[out.new[n]].row));
                } else if !school.is_empty() {
                    out.warnings.push(namesake(r, g, roster::GUARDIAN_NAMESAKE_SCHOOL, 0));
                }
                out.new.push(i);
                pending.entry(key).or_default().push(out.new.len() - 1);
                Parent::New(out.new.len() - 1)
            }
        };
        out.wards.push((i, parent));
    }
    out
}

fn namesake(r: &Record, g: &GuardianRecord, code: &'static str, other_row: usize) -> Problem {
    Problem {
        row: Some(r.row),
        column: None,
        severity: Severity::Warning,
        code,
        args: vec![("name", g.name.full()), ("other", other_row.to_string())],
    }
}
