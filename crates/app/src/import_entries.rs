//! A base's entries as the import writes them: the fields a row gives, and the rows whose
//! status a missing consent turns into «кандидат» (reported by the dry run and the commit).

use domain::base::{EntryStatus, Labelled};
use domain::roster::{EntryRecord, Problem, Record, Severity};
use storage::EntryFields;

/// The rows of a base whose entry will be «кандидат» instead of the status the file gives,
/// for lack of a consent in force (`consent(i)`: the i-th record's person has one; new
/// people have none yet): one warning each, and their count first. The dry run and the
/// commit report them alike.
pub(crate) fn downgrades(records: &[Record], consent: impl Fn(usize) -> bool) -> Vec<Problem> {
    let mut out: Vec<Problem> = records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let e = r.entry.as_deref()?;
            let (_, downgraded) = entry_fields(e, consent(i));
            downgraded.then(|| {
                let status = e.status.unwrap_or(EntryStatus::InBase);
                Problem {
                    row: Some(r.row),
                    column: None,
                    severity: Severity::Warning,
                    code: "imp-status-candidate",
                    args: vec![("name", r.person.name.full()), ("status", status.label().to_string())],
                }
            })
        })
        .collect();
    if !out.is_empty() {
        let count = Problem {
            row: None,
            column: None,
            severity: Severity::Warning,
            code: "imp-status-needs-consent",
            args: vec![("count", out.len().to_string())],
        };
        out.insert(0, count);
    }
    out
}

/// The fields of a base entry as a row of the file gives them; without a consent in force
/// an entry that would be in the base waits as «кандидат» (the flag says it was moved).
pub(crate) fn entry_fields(e: &EntryRecord, consent: bool) -> (EntryFields, bool) {
    let mut status = e.status.unwrap_or(EntryStatus::InBase);
    let downgraded = !consent && status != EntryStatus::Candidate && status != EntryStatus::Left;
    if downgraded {
        status = EntryStatus::Candidate;
    }
    let fields = EntryFields {
        status: status.code().to_string(),
        category: e
            .mentee_category
            .map(|c| c.code())
            .or(e.mentor_category.map(|c| c.code()))
            .map(str::to_string),
        teacher: e.mentee_category.is_some_and(|c| c.is_teacher())
            || e.mentor_category.is_some_and(|c| {
                matches!(
                    c,
                    domain::base::MentorCategory::Teacher
                        | domain::base::MentorCategory::VeteranTeacher
                        | domain::base::MentorCategory::SchoolHead
                )
            }),
        sensitive: e.mentee_category.is_some_and(|c| c.is_sensitive()),
        request: e.request.clone(),
        competences: e.competences.clone(),
        request_source: e.request_source.map(|s| s.code().to_string()),
        form: e.form.map(|f| f.code().to_string()),
        entry_date: e.entry_date,
        agreement: e.agreement.clone(),
        trained: e.trained.clone(),
        counterpart: e.counterpart.clone(),
        program_dates: e.program_dates.clone(),
        results: e.results.clone(),
        case_link: e.case_link.clone(),
    };
    (fields, downgraded)
}
