//! The base of mentors and the base of mentees (R3): lists with filters and counts, the
//! status of entries, adding a participant, exports to XLSX and CSV, the municipal base.

use chrono::NaiveDate;
use documents::{Base, BaseMeta, MenteeRow, MentorRow, Organization};
use domain::age::{adult_born_on_or_before, is_minor_if_known};
use domain::base::{BaseKind, EntryStatus, Form, Labelled, MenteeCategory, MentorCategory, RequestSource};
use domain::{AcademicYear, CategoryKind, ConsentStatus, OrgKind, Permission, Violation};
use serde::{Deserialize, Serialize};
use storage::repo::{bases, orgs, persons};
use storage::{Count, EntryFields, EntryFilter, EntryRow};

use crate::{Actor, App, AppError, Result};

/// Rows per page of a base.
pub const PAGE_SIZE: i64 = 50;

/// What a base list is asked for (query string of the page, the API and the export).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct BaseQuery {
    /// Academic year «2025» (its first year); the current one when empty.
    pub year: Option<String>,
    /// Search by name.
    pub q: Option<String>,
    /// Status code.
    pub status: Option<String>,
    /// Category code.
    pub category: Option<String>,
    /// `teacher` («из числа педагогов») or `learner` («из числа обучающихся»).
    pub group: Option<String>,
    /// Form code.
    pub form: Option<String>,
    /// Sort column (`-` prefix: descending).
    pub sort: Option<String>,
    /// `1`: only those ready for remote (online or mixed) mentoring.
    pub remote: Option<String>,
    /// Page, from 1.
    pub page: Option<String>,
}

/// One entry as the list shows it: the template's 15 columns after «№», as text.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// Entry id.
    pub id: i64,
    /// Person id.
    pub person_id: i64,
    /// Status as the list shows it.
    pub status: EntryStatus,
    /// The columns of TEMPLATES.md §1.2 after «№ п/п» the actor may see, in order.
    pub cells: Vec<String>,
    /// Statuses the entry may move to: (code, label).
    pub next: Vec<(&'static str, &'static str)>,
}

/// A page of a base with its counts.
#[derive(Debug, Clone, Serialize)]
pub struct BasePage {
    /// Which base.
    pub base: BaseKind,
    /// Academic year.
    pub year: AcademicYear,
    /// The school (or municipality).
    pub organization: String,
    /// Rows of this page.
    pub rows: Vec<EntryView>,
    /// Matching entries in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Pages in all.
    pub pages: i64,
    /// Counts by form, category and status, under the same filter.
    pub by_form: Vec<(String, i64)>,
    /// Counts by category.
    pub by_category: Vec<(String, i64)>,
    /// Counts by status.
    pub by_status: Vec<(String, i64)>,
    /// Counts of teachers and learners.
    pub by_group: Vec<(String, i64)>,
    /// The filter in words, for the export's subtitle.
    pub filter_text: String,
    /// Headers of the columns in `cells`.
    pub headers: Vec<&'static str>,
}

/// The columns the actor sees.
#[derive(Debug, Clone, Copy)]
struct Visibility {
    /// Contacts, birth year, consent, source (not public).
    private: bool,
    /// Sensitive categories named.
    sensitive: bool,
}

fn nonempty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d.%m.%Y").to_string()).unwrap_or_default()
}

fn label<T: Labelled>(code: Option<&str>) -> String {
    code.and_then(T::from_code)
        .map(|v| v.label().to_string())
        .unwrap_or_default()
}

/// «Фамилия Имя Отчество».
pub(crate) fn person_name(last: &str, first: &str, patronymic: Option<&str>) -> String {
    match patronymic {
        Some(p) => format!("{last} {first} {p}"),
        None => format!("{last} {first}"),
    }
}

fn full_name(r: &EntryRow) -> String {
    person_name(&r.last_name, &r.first_name, r.patronymic.as_deref())
}

/// «+7 925 123-45-67, name@mail.ru»: the phone as people write it (and as a spreadsheet
/// opens a CSV cell as text).
fn contacts(r: &EntryRow) -> String {
    let phone = r.phone.as_deref().map(domain::participant::phone_text);
    [phone.as_deref(), r.email.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
}

fn category_text(r: &EntryRow, base: BaseKind, v: Visibility) -> String {
    if r.sensitive && !v.sensitive {
        return "особая категория (скрыто)".into();
    }
    match base {
        BaseKind::Mentors => label::<MentorCategory>(r.category.as_deref()),
        BaseKind::Mentees => label::<MenteeCategory>(r.category.as_deref()),
    }
}

fn birth_year(r: &EntryRow) -> String {
    r.birth_date.map(|d| d.format("%Y").to_string()).unwrap_or_default()
}

/// The consent column of a base by the one consent rule: whose consent covers the person
/// and from when («родителя, 01.09.2025»), or why none does.
fn consent_text(r: &EntryRow, whose: bool, minor: bool) -> String {
    match r.consent {
        ConsentStatus::Valid => {
            let (who, on) = if minor {
                ("родителя", r.guardian_consent)
            } else {
                ("своё", r.own_consent)
            };
            if whose {
                format!("{who}, {}", date(on))
            } else {
                date(on)
            }
        }
        ConsentStatus::TurnedAdult => "нет: исполнилось 18 лет, нужно своё".into(),
        ConsentStatus::Withdrawn => "отозвано".into(),
        ConsentStatus::MissingGuardian => "нет согласия родителя".into(),
        ConsentStatus::Missing => "нет".into(),
    }
}

/// A mentor entry as the template's row.
fn mentor_row(r: &EntryRow, v: Visibility, today: NaiveDate) -> MentorRow {
    let status = r.shown_status().mentor_label();
    MentorRow {
        full_name: full_name(r),
        contacts: if v.private { contacts(r) } else { String::new() },
        birth_year: if v.private { birth_year(r) } else { String::new() },
        workplace: if r.school.is_empty() || r.place.is_empty() {
            r.place.clone()
        } else {
            format!("{}, {}", r.place, r.school)
        },
        category: category_text(r, BaseKind::Mentors, v),
        competences: r.competences.clone(),
        pd_consent: consent_text(r, false, is_minor_if_known(r.birth_date, today)),
        agreement: r.agreement.clone(),
        trained: r.trained.clone(),
        form: label::<Form>(r.form.as_deref()),
        mentees: r.counterpart.clone(),
        program_dates: r.program_dates.clone(),
        results: r.results.clone(),
        case_link: r.case_link.clone(),
        status: status.to_string(),
    }
}

/// A mentee entry as the template's row.
fn mentee_row(r: &EntryRow, v: Visibility, today: NaiveDate) -> MenteeRow {
    let minor = is_minor_if_known(r.birth_date, today);
    let pupil = r.person_category.is_pupil();
    let consent = consent_text(r, true, minor);
    MenteeRow {
        full_name: full_name(r),
        contacts: match (v.private, minor) {
            (false, _) => String::new(),
            (true, true) => r.guardian_contact.clone().unwrap_or_default(),
            (true, false) => contacts(r),
        },
        birth_year: match (v.private, pupil) {
            (false, _) => String::new(),
            (true, true) => format!("{} / {}", birth_year(r), r.place),
            (true, false) => birth_year(r),
        },
        place: if pupil {
            format!("{} класс", r.place)
        } else {
            r.place.clone()
        },
        category: category_text(r, BaseKind::Mentees, v),
        request: if r.sensitive && !v.sensitive {
            String::new()
        } else {
            r.request.clone()
        },
        request_source: if v.private {
            label::<RequestSource>(r.request_source.as_deref())
        } else {
            String::new()
        },
        pd_consent: if v.private { consent } else { String::new() },
        entry_date: date(r.entry_date),
        mentor: r.counterpart.clone(),
        form: label::<Form>(r.form.as_deref()),
        program_dates: r.program_dates.clone(),
        results: r.results.clone(),
        case_link: r.case_link.clone(),
        status: r.shown_status().label().to_string(),
    }
}

fn counts(v: Vec<Count>, name: impl Fn(&str) -> String) -> Vec<(String, i64)> {
    v.into_iter()
        .map(|c| (c.key.as_deref().map(&name).unwrap_or_else(|| "не указано".into()), c.n))
        .collect()
}

impl App {
    /// The academic year a query names, or the current one of the school.
    async fn year_of(&self, org: i64, q: &BaseQuery) -> Result<AcademicYear> {
        match nonempty(&q.year) {
            Some(y) => {
                let start: i32 = y
                    .split(['/', '-', '–'])
                    .next()
                    .and_then(|s| s.trim().parse().ok())
                    .filter(|y| (2000..=2100).contains(y))
                    .ok_or_else(|| Violation::new("year", "err-academic-year"))?;
                Ok(AcademicYear::starting(start))
            }
            None => Ok(AcademicYear::containing(self.today_at(org).await?)),
        }
    }

    /// The filter of a query for the actor's school (or municipality).
    async fn entry_filter(&self, actor: &Actor, base: BaseKind, q: &BaseQuery) -> Result<(EntryFilter, AcademicYear)> {
        let year = self.year_of(actor.org_id, q).await?;
        let today = self.today_at(actor.org_id).await?;
        let municipal = !actor.role.allows(Permission::ViewBases);
        let org_ids = if municipal {
            let mut conn = self.store.read().await?;
            orgs::schools_under(&mut conn, actor.org_id)
                .await?
                .into_iter()
                .map(|o| o.id)
                .collect()
        } else {
            vec![actor.org_id]
        };
        let sensitive = actor.role.allows(Permission::ViewSensitive);
        let category = nonempty(&q.category).filter(|c| match base {
            BaseKind::Mentors => MentorCategory::from_code(c).is_some(),
            // Filtering by a sensitive category would reveal it.
            BaseKind::Mentees => MenteeCategory::from_code(c).is_some_and(|m| sensitive || !m.is_sensitive()),
        });
        Ok((
            EntryFilter {
                org_ids,
                start_year: i64::from(year.start_year()),
                base: base.code().to_string(),
                q: nonempty(&q.q)
                    .map(|s| domain::search_key(&s.chars().take(100).collect::<String>()))
                    .filter(|s| !s.is_empty()),
                status: nonempty(&q.status)
                    .filter(|s| EntryStatus::from_code(s).is_some())
                    .map(str::to_string),
                category: category.map(str::to_string),
                teacher: match nonempty(&q.group) {
                    Some("teacher") => Some(true),
                    Some("learner") => Some(false),
                    _ => None,
                },
                form: nonempty(&q.form)
                    .filter(|f| Form::from_code(f).is_some())
                    .map(str::to_string),
                adults_born_before: municipal.then(|| adult_born_on_or_before(today)),
                remote: nonempty(&q.remote).is_some(),
                // Candidates have no consent in force yet: they stay inside their school.
                confirmed_only: municipal,
                // The order of hidden categories would give them away.
                sort: nonempty(&q.sort)
                    .filter(|s| sensitive || s.trim_start_matches('-') != "category")
                    .unwrap_or("name")
                    .to_string(),
                today,
                ..Default::default()
            },
            year,
        ))
    }

    fn visibility(actor: &Actor) -> Visibility {
        Visibility {
            private: actor.role.allows(Permission::ViewBases),
            sensitive: actor.role.allows(Permission::ViewSensitive),
        }
    }

    fn require_base(actor: &Actor, base: BaseKind) -> Result<()> {
        if actor.role.allows(Permission::ViewBases) {
            return Ok(());
        }
        // The municipality sees the mentors of its schools, never the mentees (minors).
        match base {
            BaseKind::Mentors => actor.require(Permission::ViewMunicipalBase),
            BaseKind::Mentees => Err(AppError::Forbidden),
        }
    }

    /// One page of a base with its counts.
    pub async fn base_page(&self, actor: &Actor, base: BaseKind, q: &BaseQuery) -> Result<BasePage> {
        Self::require_base(actor, base)?;
        let (mut filter, year) = self.entry_filter(actor, base, q).await?;
        let mut conn = self.store.read().await?;
        let total = bases::count(&mut conn, &filter).await?;
        let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
        let page = nonempty(&q.page)
            .and_then(|p| p.parse::<i64>().ok())
            .unwrap_or(1)
            .clamp(1, pages);
        let cat_name = |c: &str| match base {
            BaseKind::Mentors => label::<MentorCategory>(Some(c)),
            BaseKind::Mentees => label::<MenteeCategory>(Some(c)),
        };
        let v = Self::visibility(actor);
        let hide = |mut rows: Vec<(String, i64)>| {
            if !v.sensitive {
                // Counts of sensitive categories would name them; fold them into one line.
                let hidden: i64 = rows
                    .iter()
                    .filter(|(k, _)| MenteeCategory::ALL.iter().any(|m| m.is_sensitive() && m.label() == k))
                    .map(|(_, n)| n)
                    .sum();
                rows.retain(|(k, _)| !MenteeCategory::ALL.iter().any(|m| m.is_sensitive() && m.label() == k));
                if hidden > 0 {
                    rows.push(("особые категории (скрыто)".into(), hidden));
                }
            }
            rows
        };
        let by_category = hide(counts(bases::counts(&mut conn, &filter, "category").await?, cat_name));
        let by_form = counts(bases::counts(&mut conn, &filter, "form").await?, |c| {
            label::<Form>(Some(c))
        });
        let label_of = |s: EntryStatus| match base {
            BaseKind::Mentors => s.mentor_label(),
            BaseKind::Mentees => s.label(),
        };
        let by_status = counts(bases::counts(&mut conn, &filter, "status").await?, |c| {
            EntryStatus::from_code(c).map(label_of).unwrap_or_default().to_string()
        });
        let by_group = counts(bases::counts(&mut conn, &filter, "teacher").await?, |c| {
            if c == "teacher" {
                "из числа педагогов".into()
            } else {
                "из числа обучающихся и другие".into()
            }
        });
        filter.limit = PAGE_SIZE;
        filter.offset = (page - 1) * PAGE_SIZE;
        let rows = bases::list(&mut conn, &filter).await?;
        let organization = self
            .org_row(&mut conn, actor.org_id)
            .await?
            .map(|o| o.short_name)
            .unwrap_or_default();
        let today = filter.today;
        let columns: &[(&'static str, f64, bool); 16] = match base {
            BaseKind::Mentors => <MentorRow as documents::BaseRow>::COLUMNS,
            BaseKind::Mentees => <MenteeRow as documents::BaseRow>::COLUMNS,
        };
        // Municipal roles get the public columns only; the others would be empty.
        let shown: Vec<bool> = columns[1..].iter().map(|c| v.private || c.2).collect();
        let visible = |cells: [&str; 15]| {
            cells
                .iter()
                .zip(&shown)
                .filter(|(_, s)| **s)
                .map(|(c, _)| c.to_string())
                .collect()
        };
        Ok(BasePage {
            base,
            year,
            organization,
            rows: rows
                .iter()
                .map(|r| EntryView {
                    id: r.id,
                    person_id: r.person_id,
                    status: r.shown_status(),
                    cells: match base {
                        BaseKind::Mentors => visible(documents::BaseRow::cells(&mentor_row(r, v, today))),
                        BaseKind::Mentees => visible(documents::BaseRow::cells(&mentee_row(r, v, today))),
                    },
                    next: EntryStatus::ALL
                        .iter()
                        .filter(|to| **to != r.status && r.status.can_become(**to))
                        .map(|to| (to.code(), label_of(*to)))
                        .collect(),
                })
                .collect(),
            total,
            page,
            pages,
            by_form,
            by_category,
            by_status,
            by_group,
            filter_text: self.filter_text(base, q, &filter),
            headers: columns[1..]
                .iter()
                .zip(&shown)
                .filter(|(_, s)| **s)
                .map(|(c, _)| c.0)
                .collect(),
        })
    }

    fn filter_text(&self, base: BaseKind, q: &BaseQuery, f: &EntryFilter) -> String {
        let mut parts = Vec::new();
        match f.teacher {
            Some(true) => parts.push("из числа педагогов".to_string()),
            Some(false) => parts.push("из числа обучающихся".to_string()),
            None => {}
        }
        if let Some(s) = f.status.as_deref().and_then(EntryStatus::from_code) {
            parts.push(format!("статус «{}»", s.label()));
        }
        if let Some(c) = f.category.as_deref() {
            let name = match base {
                BaseKind::Mentors => label::<MentorCategory>(Some(c)),
                BaseKind::Mentees => label::<MenteeCategory>(Some(c)),
            };
            parts.push(format!("категория «{name}»"));
        }
        if let Some(form) = f.form.as_deref() {
            parts.push(format!("форма «{}»", label::<Form>(Some(form))));
        }
        if f.remote {
            parts.push("готовы к дистанционному наставничеству".to_string());
        }
        if let Some(text) = nonempty(&q.q) {
            parts.push(format!("поиск «{}»", text.chars().take(40).collect::<String>()));
        }
        parts.join(", ")
    }

    /// Every entry under the filter, as the template's rows, for the export.
    pub async fn export_base(
        &self,
        actor: &Actor,
        base: BaseKind,
        q: &BaseQuery,
        format: ExportFormat,
    ) -> Result<Vec<u8>> {
        Self::require_base(actor, base)?;
        let (filter, year) = self.entry_filter(actor, base, q).await?;
        let v = Self::visibility(actor);
        let mut conn = self.store.read().await?;
        let org = self.org_row(&mut conn, actor.org_id).await?.ok_or(AppError::NotFound)?;
        // «База наставников Зеленодольского муниципального района»: a district's or a
        // borough's name follows the title in the genitive; a school's abbreviation and a
        // city's name («Казань») stay as written.
        let declines = org.kind != OrgKind::School && [" район", " округ"].iter().any(|e| org.short_name.ends_with(e));
        let short_name = if declines {
            documents::names::position_in(&org.short_name, documents::Case::Genitive)
        } else {
            org.short_name.clone()
        };
        let meta = BaseMeta {
            organization: Organization {
                full_name: org.name.clone(),
                short_name,
                place: String::new(),
            },
            year: format!("{}–{}", year.start_year(), year.start_year() + 1),
            public: !v.private,
            filter: Some(self.filter_text(base, q, &filter)).filter(|s| !s.is_empty()),
        };
        let today = filter.today;
        // Each entry becomes its document row as it is read.
        let out = match base {
            BaseKind::Mentors => {
                let rows = bases::list_map(&mut conn, &filter, |r| mentor_row(&r, v, today)).await?;
                drop(conn);
                let doc = Base { meta, rows };
                match format {
                    ExportFormat::Xlsx => doc.workbook(),
                    ExportFormat::Csv => doc.csv(),
                }
            }
            BaseKind::Mentees => {
                let rows = bases::list_map(&mut conn, &filter, |r| mentee_row(&r, v, today)).await?;
                drop(conn);
                let doc = Base { meta, rows };
                match format {
                    ExportFormat::Xlsx => doc.workbook(),
                    ExportFormat::Csv => doc.csv(),
                }
            }
        };
        let bytes = out.map_err(|e| AppError::Internal(e.to_string()))?;
        let mut tx = self.store.begin().await?;
        self.audit(&mut tx, actor, None, domain::AuditEvent::BaseExport(base))
            .await?;
        tx.commit().await?;
        Ok(bytes)
    }

    /// Puts a participant of the school into a base for the year: «кандидат» until the
    /// consent is in force (the guardian's for a minor), «ожидает пары» after it.
    pub async fn enroll(&self, actor: &Actor, person: i64, base: BaseKind, q: &BaseQuery) -> Result<i64> {
        actor.require(Permission::EditBases)?;
        let year = self.year_of(actor.org_id, q).await?;
        let mut tx = self.store.begin().await?;
        let p = persons::get(&mut tx, actor.org_id, person)
            .await?
            .ok_or(AppError::NotFound)?;
        let start = i64::from(year.start_year());
        if let Some(id) = bases::find(&mut tx, actor.org_id, start, base.code(), person).await? {
            return Ok(id);
        }
        let category = match base {
            BaseKind::Mentors => Some(
                match p.category {
                    CategoryKind::Student | CategoryKind::CollegeStudent => MentorCategory::Student,
                    CategoryKind::Parent => MentorCategory::Parent,
                    CategoryKind::Graduate => MentorCategory::Graduate,
                    CategoryKind::EnterpriseEmployee => MentorCategory::EnterpriseEmployee,
                    CategoryKind::Entrepreneur => MentorCategory::Entrepreneur,
                    CategoryKind::VeteranTeacher => MentorCategory::VeteranTeacher,
                    CategoryKind::UniversityTeacher => MentorCategory::UniversityTeacher,
                    CategoryKind::Head => MentorCategory::SchoolHead,
                    CategoryKind::Teacher => MentorCategory::Teacher,
                }
                .code()
                .to_string(),
            ),
            BaseKind::Mentees => None,
        };
        let fields = EntryFields {
            category,
            ..Default::default()
        };
        let id = self.insert_entry(&mut tx, &p, base, start, fields).await?;
        self.audit(&mut tx, actor, Some(person), domain::AuditEvent::BaseEnroll(base))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Stores a new entry of a person of the actor's school: «кандидат» until the consent
    /// is in force, «ожидает пары» with it; entered today unless `fields` say otherwise.
    pub(crate) async fn insert_entry(
        &self,
        db: &mut impl storage::Db,
        p: &storage::PersonRow,
        base: BaseKind,
        start_year: i64,
        mut fields: EntryFields,
    ) -> Result<i64> {
        let consent = self.consent_status(db, p.org_id, p.id).await?;
        fields.status = if consent == ConsentStatus::Valid {
            EntryStatus::InBase
        } else {
            EntryStatus::Candidate
        }
        .code()
        .to_string();
        fields.teacher = p.category.is_school_teacher();
        if fields.entry_date.is_none() {
            fields.entry_date = Some(self.today_for(db, p.org_id).await?);
        }
        let org = orgs::get_org(db, p.org_id).await?.ok_or(AppError::NotFound)?;
        let place = storage::EntryPlace {
            org_id: org.id,
            region_id: org.region_id.unwrap_or(org.id),
            start_year,
            base: base.code(),
        };
        bases::insert_many(db, place, vec![(p.id, fields)], self.now())
            .await?
            .first()
            .copied()
            .ok_or_else(|| AppError::Internal("entry not inserted".into()))
    }

    /// Moves an entry to another status along the allowed paths.
    pub async fn set_entry_status(&self, actor: &Actor, id: i64, to: EntryStatus) -> Result<()> {
        actor.require(Permission::EditBases)?;
        let mut tx = self.store.begin().await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let e = bases::get(&mut tx, actor.org_id, id, today)
            .await?
            .ok_or(AppError::NotFound)?;
        self.check_status_move(&e, to)?;
        bases::set_status(&mut tx, actor.org_id, id, to.code(), self.now()).await?;
        self.audit(&mut tx, actor, Some(e.person_id), domain::AuditEvent::BaseStatus(to))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

impl App {
    /// The status of entry `e` may move to `to`: along the allowed paths, and beyond
    /// «кандидат» only with a consent in force (the gate names what is missing: a
    /// parent's consent, an own one after 18 …).
    pub(crate) fn check_status_move(&self, e: &EntryRow, to: EntryStatus) -> Result<()> {
        let from = e.status;
        if !from.can_become(to) {
            return Err(Violation::new("status", "err-status-path")
                .arg("from", from.label())
                .arg("to", to.label())
                .into());
        }
        if to != EntryStatus::Candidate && to != EntryStatus::Left {
            e.consent.require()?;
        }
        Ok(())
    }
}

/// The template's 15 columns after «№ п/п» of one entry, as the list shows them to the
/// actor (sensitive categories masked): (header, text).
pub(crate) fn entry_columns(
    actor: &Actor,
    base: BaseKind,
    r: &EntryRow,
    today: NaiveDate,
) -> Vec<(&'static str, String)> {
    let v = App::visibility(actor);
    fn pairs<R: documents::BaseRow>(row: &R) -> Vec<(&'static str, String)> {
        R::COLUMNS[1..]
            .iter()
            .zip(row.cells())
            .map(|(c, text)| (c.0, text.to_string()))
            .collect()
    }
    match base {
        BaseKind::Mentors => pairs(&mentor_row(r, v, today)),
        BaseKind::Mentees => pairs(&mentee_row(r, v, today)),
    }
}

/// The file an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Excel workbook with the template's layout.
    Xlsx,
    /// CSV the way Russian Excel opens it.
    Csv,
}

impl ExportFormat {
    /// Parses `xlsx` or `csv`.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "xlsx" => Some(Self::Xlsx),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }
}

/// A person's entry in a base, as the participant card lists it.
#[derive(Debug, Clone, Serialize)]
pub struct EntrySummary {
    /// Entry id.
    pub id: i64,
    /// Which base.
    pub base: BaseKind,
    /// Academic year.
    pub year: AcademicYear,
    /// Status label.
    pub status: &'static str,
    /// When the questionnaire was answered.
    pub answered: Option<NaiveDate>,
}

impl App {
    /// The entries of one participant in both bases, newest year first (empty for roles
    /// that do not see the bases).
    pub async fn person_entries(&self, actor: &Actor, person: i64) -> Result<Vec<EntrySummary>> {
        if !actor.role.allows(Permission::ViewBases) {
            return Ok(Vec::new());
        }
        let today = self.today_at(actor.org_id).await?;
        let filter = EntryFilter {
            org_ids: vec![actor.org_id],
            person_id: Some(person),
            today,
            sort: "name".into(),
            ..Default::default()
        };
        let mut conn = self.store.read().await?;
        let mut rows: Vec<EntrySummary> = bases::list(&mut conn, &filter)
            .await?
            .into_iter()
            .map(|r| {
                let base = r.base;
                let status = r.shown_status();
                EntrySummary {
                    id: r.id,
                    base,
                    year: AcademicYear::starting(r.start_year as i32),
                    status: match base {
                        BaseKind::Mentors => status.mentor_label(),
                        BaseKind::Mentees => status.label(),
                    },
                    answered: r.answered_at.map(|t| t.date_naive()),
                }
            })
            .collect();
        rows.sort_by_key(|e| (std::cmp::Reverse(e.year.start_year()), e.base.code()));
        Ok(rows)
    }
}
