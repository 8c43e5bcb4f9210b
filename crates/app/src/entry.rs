//! One entry of a base on its own page (R3): the columns of TEMPLATES.md §1.2 and the
//! questionnaire answers as the respondent gave them. The curator edits the entry's columns
//! with the checks of the import (the row goes through `domain::roster` as one row of the
//! base's template), in one transaction, audited; an edit of a version that changed in the
//! meantime is refused and the page shows the fresh values.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use domain::base::{BaseKind, Labelled};
use domain::questionnaire::Answers;
use domain::roster::{self, EntryRecord, ListKind, Options, Severity, SourceRow, Value};
use domain::{AcademicYear, AuditEvent, Permission, Violation, Violations};
use serde::Deserialize;
use storage::repo::{bases, entries, persons};
use storage::{Db, EntryFields, EntryRow};

use crate::{Actor, App, AppError, Result};

/// The columns of a base that belong to the person, not to the entry: they are edited on the
/// participant's card (name, contacts, birth, place) and by recording consents.
const PERSON_COLUMNS: [&str; 5] = ["full_name", "contacts", "birth_year", "workplace", "consent"];

/// Who filled in an entry's questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Respondent {
    /// The participant.
    Participant,
    /// A parent (legal representative): «Сафина Гульнара Рашитовна (мать)».
    Guardian(String),
    /// Not recorded (answered before the system kept who answered).
    Unknown,
}

/// An entry's questionnaire as answered.
#[derive(Debug, Clone)]
pub struct Answered {
    /// The answers as given.
    pub answers: Answers,
    /// Who answered.
    pub by: Respondent,
    /// When, on the school's clock.
    pub at: NaiveDateTime,
    /// The request is not shown: the entry's category is sensitive and the actor may not see it.
    pub request_hidden: bool,
}

/// The entry's own columns as the edit form holds them: codes of the lists, dates as
/// ДД.ММ.ГГГГ, text as is; `version` is the version the form was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct EntryInput {
    /// Категория наставника / наставляемого (code).
    #[serde(default)]
    pub category: String,
    /// Ключевые компетенции, достижения (mentors).
    #[serde(default)]
    pub competences: String,
    /// Основной запрос (mentees).
    #[serde(default)]
    pub request: String,
    /// Источник сведений о запросе (code, mentees).
    #[serde(default)]
    pub request_source: String,
    /// Дата вхождения в программу (mentees).
    #[serde(default)]
    pub entry_date: String,
    /// Договор о сотрудничестве (mentors).
    #[serde(default)]
    pub agreement: String,
    /// Обучение («Школа наставников») (mentors).
    #[serde(default)]
    pub trained: String,
    /// Форма наставничества (code).
    #[serde(default)]
    pub form: String,
    /// The other side of the pair.
    #[serde(default)]
    pub counterpart: String,
    /// Место и сроки реализации программы.
    #[serde(default)]
    pub program_dates: String,
    /// Результаты программы.
    #[serde(default)]
    pub results: String,
    /// Ссылка на кейс / отзыв.
    #[serde(default)]
    pub case_link: String,
    /// Status (code).
    #[serde(default)]
    pub status: String,
    /// The version the form was made from.
    #[serde(default)]
    pub version: String,
}

impl EntryInput {
    /// The value of a column by the import's code of it (`None`: not an entry's column).
    pub fn get(&self, code: &str) -> Option<&str> {
        Some(match code {
            "category" => &self.category,
            "competences" => &self.competences,
            "request" => &self.request,
            "request_source" => &self.request_source,
            "entry_date" => &self.entry_date,
            "agreement" => &self.agreement,
            "trained" => &self.trained,
            "form" => &self.form,
            "counterpart" => &self.counterpart,
            "program_dates" => &self.program_dates,
            "results" => &self.results,
            "case_link" => &self.case_link,
            "status" => &self.status,
            _ => return None,
        })
    }

    fn of(f: &EntryFields, version: String) -> Self {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            category: text(&f.category),
            competences: f.competences.clone(),
            request: f.request.clone(),
            request_source: text(&f.request_source),
            entry_date: f
                .entry_date
                .map(|d| d.format("%d.%m.%Y").to_string())
                .unwrap_or_default(),
            agreement: f.agreement.clone(),
            trained: f.trained.clone(),
            form: text(&f.form),
            counterpart: f.counterpart.clone(),
            program_dates: f.program_dates.clone(),
            results: f.results.clone(),
            case_link: f.case_link.clone(),
            status: f.status.clone(),
            version,
        }
    }
}

/// One entry as its page shows it.
#[derive(Debug, Clone)]
pub struct EntryDetail {
    /// Entry id.
    pub id: i64,
    /// Which base.
    pub base: BaseKind,
    /// The participant.
    pub person_id: i64,
    /// Academic year.
    pub year: AcademicYear,
    /// «Фамилия Имя Отчество».
    pub name: String,
    /// The template's columns after «№ п/п» as the list shows them to the actor: (header, text).
    pub columns: Vec<(&'static str, String)>,
    /// The entry's own columns, in the template's order: (import code, header).
    pub editable: Vec<(&'static str, &'static str)>,
    /// Their current values.
    pub values: EntryInput,
    /// The questionnaire, if it was answered.
    pub answered: Option<Answered>,
    /// The actor may edit the entry.
    pub can_edit: bool,
    /// The category is sensitive and hidden from the actor (it and the request are not edited).
    pub hidden: bool,
}

/// What an edit came to.
#[derive(Debug, Clone)]
pub enum EntrySave {
    /// Written and audited.
    Saved,
    /// Nothing differed from what is stored.
    Unchanged,
    /// The entry changed since the form was made: nothing written; the fresh entry.
    Stale(Box<EntryDetail>),
}

fn list_kind(base: BaseKind) -> ListKind {
    match base {
        BaseKind::Mentors => ListKind::Mentors,
        BaseKind::Mentees => ListKind::Mentees,
    }
}

/// A version as the form carries it (the stored moment to the nanosecond).
fn version_token(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Nanos, true)
}

fn stored_fields(r: &EntryRow) -> EntryFields {
    EntryFields {
        status: r.status.code().to_string(),
        category: r.category.clone(),
        teacher: r.teacher,
        sensitive: r.sensitive,
        request: r.request.clone(),
        competences: r.competences.clone(),
        request_source: r.request_source.clone(),
        form: r.form.clone(),
        entry_date: r.entry_date,
        agreement: r.agreement.clone(),
        trained: r.trained.clone(),
        counterpart: r.counterpart.clone(),
        program_dates: r.program_dates.clone(),
        results: r.results.clone(),
        case_link: r.case_link.clone(),
    }
}

/// The import's code of each column of the base's template, in order.
fn template_codes(kind: ListKind, header: &SourceRow, opts: &Options) -> Vec<Option<&'static str>> {
    roster::analyze(kind, std::slice::from_ref(header), opts)
        .columns
        .into_iter()
        .map(|(_, code)| code)
        .collect()
}

/// The entry's own columns of a base: (import code, header).
fn editable_columns(base: BaseKind, today: NaiveDate) -> Vec<(&'static str, &'static str)> {
    let kind = list_kind(base);
    let header = header_row(kind);
    template_codes(kind, &header, &Options::new(today))
        .into_iter()
        .zip(kind.headers())
        .filter_map(|(code, h)| code.filter(|c| !PERSON_COLUMNS.contains(c)).map(|c| (c, *h)))
        .collect()
}

fn header_row(kind: ListKind) -> SourceRow {
    SourceRow {
        number: 1,
        cells: kind.headers().iter().map(|h| Value::Text(h.to_string())).collect(),
    }
}

/// Checks the entry's columns exactly as the import checks a row of the base's template
/// (the person's name stands in its column; their other columns stay empty): every error
/// names the column by the import's code, with the import's message.
fn check_as_import(
    base: BaseKind,
    name: &str,
    input: &EntryInput,
    today: NaiveDate,
) -> Result<EntryRecord, Violations> {
    let kind = list_kind(base);
    let header = header_row(kind);
    let opts = Options::new(today);
    let codes = template_codes(kind, &header, &opts);
    let cells = codes
        .iter()
        .map(|code| match *code {
            Some("full_name") => Value::Text(name.to_string()),
            Some(c) => input.get(c).map(|v| Value::Text(v.to_string())).unwrap_or(Value::Empty),
            None => Value::Empty,
        })
        .collect();
    let analysis = roster::analyze(kind, &[header, SourceRow { number: 2, cells }], &opts);
    let mut errors = Violations::default();
    for p in analysis.problems.iter().filter(|p| p.severity == Severity::Error) {
        let field = p
            .column
            .as_deref()
            .and_then(|col| kind.headers().iter().position(|h| col.starts_with(&format!("«{h}» ("))))
            .and_then(|i| codes.get(i).copied().flatten())
            .unwrap_or("entry");
        errors.push(Violation {
            field,
            code: p.code,
            args: p.args.clone(),
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    analysis
        .records
        .into_iter()
        .next()
        .and_then(|r| r.entry)
        .map(|e| *e)
        .ok_or_else(|| Violation::new("entry", "err-entry-unreadable").into())
}

impl App {
    /// An entry of the actor's school with its questionnaire; opening it is audited (it
    /// shows a minor's answers).
    pub async fn base_entry(&self, actor: &Actor, id: i64) -> Result<EntryDetail> {
        actor.require(Permission::ViewBases)?;
        let mut tx = self.store.begin().await?;
        let detail = self.entry_detail(&mut tx, actor, id).await?;
        self.audit(&mut tx, actor, Some(detail.person_id), AuditEvent::EntryView(detail.id))
            .await?;
        tx.commit().await?;
        Ok(detail)
    }

    /// The entry again for the form its editor just posted (not audited again).
    pub async fn base_entry_again(&self, actor: &Actor, id: i64) -> Result<EntryDetail> {
        actor.require(Permission::EditBases)?;
        let mut conn = self.store.read().await?;
        self.entry_detail(&mut conn, actor, id).await
    }

    async fn entry_detail(&self, db: &mut impl Db, actor: &Actor, id: i64) -> Result<EntryDetail> {
        let org = actor.org_id;
        let today = self.today_for(db, org).await?;
        let row = bases::get(db, org, id, today).await?.ok_or(AppError::NotFound)?;
        let version = entries::version(db, org, id).await?.ok_or(AppError::NotFound)?;
        let base = row.base;
        let hidden = row.sensitive && !actor.role.allows(Permission::ViewSensitive);
        let answered = match row.answered_at {
            None => None,
            Some(at) => {
                let by = match entries::answered_by(db, org, id).await? {
                    None => Respondent::Unknown,
                    Some(p) if p == row.person_id => Respondent::Participant,
                    Some(g) => {
                        let links = persons::guardians_of(db, org, row.person_id).await?;
                        let name = match links.iter().find(|l| l.person_id == g) {
                            Some(l) => format!(
                                "{} ({})",
                                crate::bases::person_name(&l.last_name, &l.first_name, l.patronymic.as_deref()),
                                l.relation
                            ),
                            None => persons::get(db, org, g)
                                .await?
                                .map(|p| {
                                    crate::bases::person_name(&p.last_name, &p.first_name, p.patronymic.as_deref())
                                })
                                .unwrap_or_default(),
                        };
                        Respondent::Guardian(name)
                    }
                };
                let tz = self.org_row(db, org).await?.map(|o| o.timezone).unwrap_or_default();
                let mut answers: Answers = serde_json::from_str(&row.answers).unwrap_or_default();
                if hidden {
                    answers.request.clear();
                    answers.topics.clear();
                }
                Some(Answered {
                    answers,
                    by,
                    at: crate::local_time(&tz, at),
                    request_hidden: hidden,
                })
            }
        };
        let mut values = EntryInput::of(&stored_fields(&row), version_token(version));
        if hidden {
            values.category.clear();
            values.request.clear();
        }
        Ok(EntryDetail {
            id,
            base,
            person_id: row.person_id,
            year: AcademicYear::starting(i32::try_from(row.start_year).unwrap_or(2000)),
            name: crate::bases::person_name(&row.last_name, &row.first_name, row.patronymic.as_deref()),
            columns: crate::bases::entry_columns(actor, base, &row, today),
            editable: editable_columns(base, today)
                .into_iter()
                .filter(|(c, _)| !(hidden && matches!(*c, "category" | "request")))
                .collect(),
            values,
            answered,
            can_edit: actor.role.allows(Permission::EditBases),
            hidden,
        })
    }

    /// Rewrites the entry's own columns from its page: checked as the import checks them,
    /// the status along its paths, written in one transaction with an audit entry naming
    /// the entry and the columns changed. A form made from an older version is refused.
    pub async fn save_base_entry(&self, actor: &Actor, id: i64, input: &EntryInput) -> Result<EntrySave> {
        actor.require(Permission::EditBases)?;
        let org = actor.org_id;
        let mut tx = self.store.begin().await?;
        let version = entries::lock_version(&mut tx, org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        if version_token(version) != input.version.trim() {
            drop(tx);
            let mut conn = self.store.read().await?;
            return Ok(EntrySave::Stale(Box::new(
                self.entry_detail(&mut conn, actor, id).await?,
            )));
        }
        let today = self.today_for(&mut tx, org).await?;
        let row = bases::get(&mut tx, org, id, today).await?.ok_or(AppError::NotFound)?;
        let base = row.base;
        let old = stored_fields(&row);
        let mut input = input.clone();
        let hidden = row.sensitive && !actor.role.allows(Permission::ViewSensitive);
        if hidden {
            // What the actor may not see stays as it is.
            input.category = old.category.clone().unwrap_or_default();
            input.request = old.request.clone();
        }
        if input.status.trim().is_empty() {
            input.status = old.status.clone();
        }
        let name = crate::bases::person_name(&row.last_name, &row.first_name, row.patronymic.as_deref());
        let record = check_as_import(base, &name, &input, today)?;
        let from = row.status;
        let to = record.status.unwrap_or(from);
        if to != from {
            self.check_status_move(&row, to)?;
        }
        let (mut fields, _) = crate::import_entries::entry_fields(&record, true);
        fields.status = to.code().to_string();
        if record.mentee_category.is_none() && record.mentor_category.is_none() {
            // Without a category the group («из числа педагогов») stays as it was entered.
            fields.teacher = old.teacher;
        }
        // The other base's columns are not in this form: kept.
        match base {
            BaseKind::Mentors => {
                fields.request = old.request.clone();
                fields.request_source = old.request_source.clone();
                fields.entry_date = old.entry_date;
            }
            BaseKind::Mentees => {
                fields.competences = old.competences.clone();
                fields.agreement = old.agreement.clone();
                fields.trained = old.trained.clone();
            }
        }
        if fields == old {
            return Ok(EntrySave::Unchanged);
        }
        bases::update(&mut tx, org, id, &fields, self.now()).await?;
        self.audit(&mut tx, actor, Some(row.person_id), AuditEvent::EntryEdit(id))
            .await?;
        tx.commit().await?;
        Ok(EntrySave::Saved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_entry_columns_are_those_of_the_template_without_the_persons() {
        let codes: Vec<&str> = editable_columns(BaseKind::Mentees, day(2025, 10, 1))
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(
            codes,
            [
                "category",
                "request",
                "request_source",
                "entry_date",
                "counterpart",
                "form",
                "program_dates",
                "results",
                "case_link",
                "status"
            ]
        );
        let codes: Vec<&str> = editable_columns(BaseKind::Mentors, day(2025, 10, 1))
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(
            codes,
            [
                "category",
                "competences",
                "agreement",
                "trained",
                "form",
                "counterpart",
                "program_dates",
                "results",
                "case_link",
                "status"
            ]
        );
    }

    #[test]
    fn bad_cells_are_refused_by_the_imports_checks_and_named() {
        let input = EntryInput {
            entry_date: "31.02.2025".into(),
            form: "nonsense".into(),
            status: "in_base".into(),
            ..Default::default()
        };
        let e = check_as_import(BaseKind::Mentees, "Сафина Алия Ильдаровна", &input, day(2025, 10, 1)).unwrap_err();
        let found: Vec<(&str, &str)> = e.0.iter().map(|v| (v.field, v.code)).collect();
        assert_eq!(
            found,
            vec![("form", "imp-value-not-in-list"), ("entry_date", "imp-date")]
        );
        let ok = EntryInput {
            entry_date: "01.09.2025".into(),
            form: "student_student".into(),
            category: "gifted".into(),
            status: "in_pair".into(),
            results: "  призёр олимпиады ".into(),
            ..Default::default()
        };
        let r = check_as_import(BaseKind::Mentees, "Сафина Алия Ильдаровна", &ok, day(2025, 10, 1)).unwrap();
        assert_eq!(r.entry_date, Some(day(2025, 9, 1)));
        assert_eq!(r.status, Some(domain::base::EntryStatus::InPair));
        assert_eq!(r.results, "призёр олимпиады");
    }
}
