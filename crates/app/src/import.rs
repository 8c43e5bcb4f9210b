//! Importing staff and student lists and the bases from XLSX or CSV (R3): a dry run that
//! names every problem by row and column, then a commit in one transaction that runs the
//! same checks against the database as it is at that moment. A re-import updates the
//! people it finds (by ФИО and birth date, ё/е and case folded) instead of duplicating them.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use documents::read::{Cell, Grid, ReadError, SourceFormat, read_book};
use domain::base::{BaseKind, Labelled};
use domain::category::Category;
use domain::roster::{self, Analysis, ListKind, Problem, Record, Severity, SourceRow, Value};
use domain::{AcademicYear, CategoryKind, ConsentStatus, OrgKind, Permission};
use serde::Serialize;
use storage::repo::{bases, orgs, persons};
use storage::{EntryFields, EntryPlace, Identity, NewGuardianship, PersonFields, PersonPlace};

use crate::import_entries;
use crate::import_guardians::{self, KnownParent, Parent};
use crate::import_known::Known;
use crate::{Actor, App, AppError, Result};

/// Largest file an import accepts.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Rows written from which a commit refreshes the database's planner statistics.
const ANALYZE_AFTER: usize = 1000;

/// Where an import is, for a progress bar: stage and rows done of rows in all.
#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
}

pub use domain::job::Stage;

impl Progress {
    fn set(&self, stage: Stage, done: usize, total: usize) {
        self.stage.store(stage as u8, Ordering::Relaxed);
        self.done.store(done, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// The stage, rows done and rows in all.
    pub fn get(&self) -> (Stage, usize, usize) {
        let stage = match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Reading,
            1 => Stage::Checking,
            2 => Stage::Comparing,
            3 => Stage::Writing,
            _ => Stage::Done,
        };
        (
            stage,
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

/// What an import found and (after a commit) did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// The file could not be read at all: the reader's message.
    pub file_error: Option<String>,
    /// «XLSX», «CSV (windows-1251, «;»)».
    pub format: String,
    /// The header row found.
    pub header_row: Option<usize>,
    /// Columns: header as in the file and whether it is loaded.
    pub columns: Vec<(String, bool)>,
    /// Rows with data under the header.
    pub rows: usize,
    /// Of them, rows without errors (those a commit writes).
    pub clean_rows: usize,
    /// People to add.
    pub new_people: usize,
    /// People found and changed.
    pub updated_people: usize,
    /// People found unchanged.
    pub unchanged_people: usize,
    /// Guardians to add.
    pub new_guardians: usize,
    /// Base entries to add.
    pub new_entries: usize,
    /// Base entries to update.
    pub updated_entries: usize,
    /// Every problem, errors first.
    pub problems: Vec<Problem>,
    /// Written to the database.
    pub committed: bool,
}

impl ImportReport {
    /// Errors (the import cannot be committed while there are any).
    pub fn errors(&self) -> usize {
        usize::from(self.file_error.is_some()) + self.problems.iter().filter(|p| p.severity == Severity::Error).count()
    }

    /// Warnings.
    pub fn warnings(&self) -> usize {
        self.problems.iter().filter(|p| p.severity == Severity::Warning).count()
    }
}

/// One upload: what it is, for which year, and the bytes.
#[derive(Debug, Clone)]
pub struct Upload {
    /// Staff, students, or one of the bases.
    pub kind: ListKind,
    /// The file's name as uploaded (helps to tell formats apart).
    pub file_name: String,
    /// Academic year for base imports; the current one when `None`.
    pub year: Option<AcademicYear>,
    /// The file.
    pub bytes: Vec<u8>,
}

fn to_value(c: Cell) -> Value {
    match c {
        Cell::Empty => Value::Empty,
        Cell::Text(s) => Value::Text(s),
        Cell::Number(n) => Value::Number(n),
        Cell::Bool(b) => Value::Bool(b),
        Cell::Date(d) => Value::Date(d),
        Cell::DateTime(d) => Value::Date(d.date()),
        Cell::Error(e) => Value::Text(e),
    }
}

/// What the plan does with one record's person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Person {
    New,
    Update(i64),
    Same(i64),
}

/// The file read and checked on its own.
enum Read {
    /// The file does not read: the plan is its report alone.
    Unreadable(Plan),
    /// Read and checked, not yet matched with the school's people.
    Checked {
        org: storage::OrgRow,
        today: chrono::NaiveDate,
        report: ImportReport,
        analysis: Analysis,
    },
}

/// The checked file and what a commit would write.
struct Plan {
    report: ImportReport,
    analysis: Analysis,
    people: Vec<Person>,
    /// Birth dates of the school's people as the plan read them.
    births: HashMap<i64, chrono::NaiveDate>,
    /// The school's people without a birth date (guardians from earlier lists) by name key.
    undated: HashMap<String, Vec<KnownParent>>,
    /// The entries of the base and year the file goes to: person → (entry, fields).
    existing: HashMap<i64, (i64, u64)>,
    /// Consent statuses of the school's people (read for a base's import only).
    consented: HashMap<i64, ConsentStatus>,
}

impl Plan {
    /// A file that could not be read: the report carries the reader's message.
    fn unreadable(report: ImportReport, kind: ListKind, today: chrono::NaiveDate) -> Self {
        Self {
            report,
            analysis: roster::analyze(kind, &[], &roster::Options::new(today)),
            people: Vec::new(),
            births: HashMap::new(),
            undated: HashMap::new(),
            existing: HashMap::new(),
            consented: HashMap::new(),
        }
    }
}

fn problem(row: usize, severity: Severity, code: &'static str, args: Vec<(&'static str, String)>) -> Problem {
    Problem {
        row: Some(row),
        column: None,
        severity,
        code,
        args,
    }
}

fn details_of(c: &Category) -> String {
    serde_json::to_string(c).unwrap_or_else(|_| "{}".into())
}

fn grade_of(c: &Category) -> Option<i64> {
    match c {
        Category::Student { grade, .. } => Some(i64::from(*grade)),
        _ => None,
    }
}

/// A person of the file as the school's person row would hold it, to tell a change.
fn changed(id: &Identity, r: &Record) -> bool {
    let p = &r.person;
    match &p.category {
        Some(c) => {
            id.place != persons::place_fingerprint(c.kind().code(), &details_of(c), &c.place())
                || (p.phone.is_some() && id.phone != p.phone)
                || (p.email.is_some() && id.email != p.email)
                || id.withdrawn
        }
        None => (p.phone.is_some() && id.phone != p.phone) || (p.email.is_some() && id.email != p.email),
    }
}

/// The sheet of a book that holds the list: the first one with its header, else the first
/// (whose report then says the header is missing).
fn list_sheet(kind: ListKind, book: Vec<Grid>) -> Option<Grid> {
    let head = |g: &Grid| -> Vec<SourceRow> {
        g.rows
            .iter()
            .take(roster::HEADER_SEARCH)
            .map(|r| SourceRow {
                number: r.number,
                cells: r.cells.iter().cloned().map(to_value).collect(),
            })
            .collect()
    };
    let at = book
        .iter()
        .position(|g| roster::has_header(kind, &head(g)))
        .unwrap_or(0);
    book.into_iter().nth(at)
}

impl App {
    /// Reads and checks a file against the school's people: the report a dry run shows.
    pub async fn import_dry_run(&self, actor: &Actor, upload: &Upload, progress: &Progress) -> Result<ImportReport> {
        actor.require(Permission::ImportLists)?;
        let mut conn = self.store.read().await?;
        Ok(self.plan(&mut conn, actor, upload, progress).await?.report)
    }

    /// Runs the dry run again inside one transaction and writes everything, or nothing
    /// when there is any error (the report says which).
    pub async fn import_commit(&self, actor: &Actor, upload: &Upload, progress: &Progress) -> Result<ImportReport> {
        self.commit_once(actor, upload, progress, None).await
    }

    /// [`App::import_commit`] of a job's run: the job is marked written in the same
    /// transaction, which rolls back if the job was written already or the run is stale.
    pub(crate) async fn import_commit_job(
        &self,
        actor: &Actor,
        upload: &Upload,
        progress: &Progress,
        job: (&str, i64),
    ) -> Result<ImportReport> {
        self.commit_once(actor, upload, progress, Some(job)).await
    }

    async fn commit_once(
        &self,
        actor: &Actor,
        upload: &Upload,
        progress: &Progress,
        job: Option<(&str, i64)>,
    ) -> Result<ImportReport> {
        actor.require(Permission::ImportLists)?;
        if matches!(upload.kind, ListKind::Mentors | ListKind::Mentees) {
            actor.require(Permission::EditBases)?;
        }
        // The file is read and checked before the write lock is taken: on SQLite, everyone
        // else's writes wait while the lock is held.
        let read = {
            let mut conn = self.store.read().await?;
            self.read(&mut conn, actor, upload, progress).await?
        };
        let mut tx = self.store.begin_bulk().await?;
        let plan = self.compare(&mut tx, read, upload).await?;
        if plan.report.errors() > 0 {
            return Ok(plan.report);
        }
        let report = self.write(&mut tx, actor, upload, plan, progress).await?;
        tx.check_foreign_keys(&["persons", "guardianships", "base_entries"])
            .await?;
        if let Some((id, attempt)) = job
            && !storage::repo::jobs::mark_committed(&mut tx, id, attempt).await?
        {
            return Err(AppError::Internal(format!("import job {id} was written already")));
        }
        tx.commit().await?;
        let written = report.new_people
            + report.updated_people
            + report.new_guardians
            + report.new_entries
            + report.updated_entries;
        if written >= ANALYZE_AFTER {
            // The data is in; stale statistics only make later queries slower.
            if let Err(e) = self
                .store
                .analyze_tables(&["persons", "guardianships", "base_entries"])
                .await
            {
                tracing::warn!(error = %e, "statistics not refreshed after the import");
            }
        }
        progress.set(Stage::Done, report.rows, report.rows);
        Ok(report)
    }

    async fn plan(
        &self,
        db: &mut impl storage::Db,
        actor: &Actor,
        upload: &Upload,
        progress: &Progress,
    ) -> Result<Plan> {
        let read = self.read(db, actor, upload, progress).await?;
        self.compare(db, read, upload).await
    }

    /// Reads and checks the file on its own: no table of the school is looked at but its
    /// organization, so a commit does this before it takes the database's write lock.
    async fn read(
        &self,
        db: &mut impl storage::Db,
        actor: &Actor,
        upload: &Upload,
        progress: &Progress,
    ) -> Result<Read> {
        progress.set(Stage::Reading, 0, 0);
        let org = orgs::get_org(db, actor.org_id).await?.ok_or(AppError::NotFound)?;
        if org.kind != OrgKind::School {
            return Err(domain::Violation::new("org", "err-not-a-school").into());
        }
        let today = crate::today_in(&org.timezone, self.now());
        let mut report = ImportReport::default();
        if upload.bytes.len() > MAX_FILE_BYTES {
            report.file_error = Some("файл больше 64 МБ; разделите список на части по классам или параллелям".into());
            return Ok(Read::Unreadable(Plan::unreadable(report, upload.kind, today)));
        }
        // Parsing a large workbook is CPU work: keep it off the async workers.
        let bytes = upload.bytes.clone();
        let name = upload.file_name.clone();
        let kind = upload.kind;
        let grid = tokio::task::spawn_blocking(move || {
            read_book(&bytes, Some(&name)).and_then(|book| list_sheet(kind, book).ok_or(ReadError::Empty))
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
        let grid = match grid {
            Ok(g) => g,
            Err(e) => {
                report.file_error = Some(e.to_string());
                return Ok(Read::Unreadable(Plan::unreadable(report, upload.kind, today)));
            }
        };
        report.format = match grid.format {
            SourceFormat::Xlsx => match &grid.sheet {
                Some(sheet) => format!("XLSX, лист «{sheet}»"),
                None => "XLSX".into(),
            },
            SourceFormat::Csv { encoding, delimiter } => {
                let d = match delimiter {
                    b';' => "«;»",
                    b',' => "«,»",
                    _ => "табуляция",
                };
                format!("CSV, {encoding}, разделитель {d}")
            }
        };
        let total = grid.rows.len();
        progress.set(Stage::Checking, 0, total);
        let opts = roster::Options {
            today,
            date1904: grid.date1904,
            formulas: grid.formulas.clone(),
            hidden_rows: grid.hidden_rows.clone(),
            hidden_columns: grid.hidden_columns.clone(),
        };
        let mut analysis = tokio::task::spawn_blocking(move || {
            let rows: Vec<SourceRow> = grid
                .rows
                .into_iter()
                .map(|r| SourceRow {
                    number: r.number,
                    cells: r.cells.into_iter().map(to_value).collect(),
                })
                .collect();
            roster::analyze_owned(kind, rows, &opts)
        })
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
        progress.set(Stage::Comparing, total, total);
        report.header_row = analysis.header_row;
        report.columns = analysis.columns.iter().map(|(h, f)| (h.clone(), f.is_some())).collect();
        report.rows = analysis.data_rows;
        report.clean_rows = analysis.records.len();
        // Moved, not copied: a base of 100,000 rows can carry as many warnings.
        report.problems = std::mem::take(&mut analysis.problems);
        Ok(Read::Checked {
            org,
            today,
            report,
            analysis,
        })
    }

    /// Matches the checked file with the school's people and base: what a commit would write.
    async fn compare(&self, db: &mut impl storage::Db, read: Read, upload: &Upload) -> Result<Plan> {
        let (org, today, mut report, analysis) = match read {
            Read::Unreadable(plan) => return Ok(plan),
            Read::Checked {
                org,
                today,
                report,
                analysis,
            } => (org, today, report, analysis),
        };
        // Match every record with the school's people.
        let known = persons::identities(db, org.id).await?;
        let index = Known::new(&known);
        let mut undated: HashMap<String, Vec<KnownParent>> = HashMap::new();
        for k in known.iter().filter(|k| k.birth_date == persons::UNKNOWN_BIRTH) {
            undated.entry(k.search_key.clone()).or_default().push(KnownParent {
                id: k.id,
                phone: k.phone.clone(),
                email: k.email.clone(),
            });
        }
        let mut people = Vec::with_capacity(analysis.records.len());
        let mut extra = Vec::new();
        for r in &analysis.records {
            let key = r.person.name.search_key();
            let found = match r.person.birth_date {
                Some(b) => index.find(&key, b),
                None => {
                    let same: Vec<&Identity> = index
                        .named(&key)
                        .filter(|i| {
                            r.person
                                .birth_year
                                .is_none_or(|y| chrono::Datelike::year(&i.birth_date) == y)
                        })
                        .collect();
                    if same.len() > 1 {
                        extra.push(problem(
                            r.row,
                            Severity::Error,
                            "imp-person-ambiguous",
                            vec![("name", r.person.name.full()), ("count", same.len().to_string())],
                        ));
                    }
                    (same.len() == 1).then(|| same[0])
                }
            };
            let action = match found {
                Some(i) if changed(i, r) => Person::Update(i.id),
                Some(i) => Person::Same(i.id),
                None if r.person.birth_date.is_none() || r.person.category.is_none() => {
                    extra.push(problem(
                        r.row,
                        Severity::Error,
                        "imp-person-unknown",
                        vec![("name", r.person.name.full())],
                    ));
                    Person::New
                }
                None => {
                    // Same ФИО, another birth date: most often a typo in one of the dates.
                    if let Some(other) = index.named(&key).next() {
                        extra.push(problem(
                            r.row,
                            Severity::Warning,
                            "imp-person-similar",
                            vec![
                                ("name", r.person.name.full()),
                                ("date", other.birth_date.format("%d.%m.%Y").to_string()),
                            ],
                        ));
                    }
                    Person::New
                }
            };
            match action {
                Person::New => report.new_people += 1,
                Person::Update(_) => report.updated_people += 1,
                Person::Same(_) => report.unchanged_people += 1,
            }
            people.push(action);
        }
        let parents = import_guardians::resolve(&analysis.records, |i| people[i] == Person::New, &undated);
        report.new_guardians = parents.new.len();
        extra.extend(parents.warnings);
        // What the write needs of the school's people; the rest goes before the entries
        // of the base come in (a base's import held both: a sixth of its peak memory).
        let births = known.iter().map(|k| (k.id, k.birth_date)).collect();
        drop(index);
        drop(known);
        let mut existing = HashMap::new();
        let mut consented = HashMap::new();
        if let Some(base) = base_of(upload.kind) {
            let year = self.import_year(upload, today);
            existing = bases::existing(db, org.id, i64::from(year.start_year()), base.code()).await?;
            for p in &people {
                match p {
                    Person::Update(id) | Person::Same(id) if existing.contains_key(id) => report.updated_entries += 1,
                    _ => report.new_entries += 1,
                }
            }
            consented = persons::consent_statuses(db, org.id, today)
                .await?
                .into_iter()
                .collect();
            let consent = |i: usize| match people[i] {
                Person::Same(id) | Person::Update(id) => consented.get(&id) == Some(&ConsentStatus::Valid),
                Person::New => false,
            };
            extra.extend(import_entries::downgrades(&analysis.records, consent));
        }
        report.problems.extend(extra);
        report
            .problems
            .sort_by_key(|p| (p.severity == Severity::Warning, p.row.unwrap_or(0)));
        Ok(Plan {
            report,
            analysis,
            people,
            births,
            undated,
            existing,
            consented,
        })
    }

    fn import_year(&self, upload: &Upload, today: chrono::NaiveDate) -> AcademicYear {
        upload.year.unwrap_or_else(|| AcademicYear::containing(today))
    }

    async fn write(
        &self,
        tx: &mut impl storage::Db,
        actor: &Actor,
        upload: &Upload,
        plan: Plan,
        progress: &Progress,
    ) -> Result<ImportReport> {
        let Plan {
            mut report,
            analysis,
            mut people,
            mut births,
            undated,
            existing,
            consented,
        } = plan;
        let org = orgs::get_org(tx, actor.org_id).await?.ok_or(AppError::NotFound)?;
        let region = org.region_id.unwrap_or(org.id);
        let now = self.now();
        let today = crate::today_in(&org.timezone, now);
        let total = analysis.records.len();
        progress.set(Stage::Writing, 0, total);

        // New people in multi-row statements.
        let at = PersonPlace {
            org_id: org.id,
            region_id: region,
        };
        let new_idx: Vec<usize> = (0..total).filter(|&i| people[i] == Person::New).collect();
        let rows = new_idx.iter().filter_map(|&i| {
            let p = &analysis.records[i].person;
            let (birth, cat) = (p.birth_date?, p.category.as_ref()?);
            let fields = PersonFields {
                last_name: p.name.last().into(),
                first_name: p.name.first().into(),
                patronymic: p.name.patronymic().map(Into::into),
                search_key: p.name.search_key().into(),
                birth_date: Some(birth),
                category: cat.kind(),
                details: details_of(cat).into(),
                grade: grade_of(cat),
                place: cat.place().into(),
                phone: p.phone.as_deref().map(Into::into),
                email: p.email.as_deref().map(Into::into),
                age_exception: p.age_exception,
            };
            Some((at, fields))
        });
        let ids = persons::insert_many(tx, rows, now).await?;
        for (&i, id) in new_idx.iter().zip(&ids) {
            people[i] = Person::Same(*id);
            if let Some(b) = analysis.records[i].person.birth_date {
                births.insert(*id, b);
            }
        }
        progress.set(Stage::Writing, total / 2, total);

        // Changed people in multi-row statements (a re-import of the same file changes
        // none). A row without a whole category keeps the person's category and class.
        let expected = people.iter().filter(|p| matches!(p, Person::Update(_))).count() as u64;
        let changes = people.iter().zip(&analysis.records).filter_map(|(p, r)| {
            let Person::Update(id) = p else { return None };
            let r = &r.person;
            Some(persons::PersonChange {
                id: *id,
                category: r
                    .category
                    .as_ref()
                    .map(|c| (c.kind().code().to_string(), details_of(c), grade_of(c), c.place())),
                phone: r.phone.clone(),
                email: r.email.clone(),
            })
        });
        if persons::update_many(tx, org.id, changes, now).await? != expected {
            return Err(AppError::NotFound);
        }

        // Guardians of pupils without one: a parent of the school or of an earlier row when
        // the name and a contact agree (import_guardians), else a new person; and the link.
        let links = persons::guardian_pairs(tx, org.id).await?;
        let linked: HashSet<i64> = links.iter().map(|(minor, _)| *minor).collect();
        let pupil = |i: usize| match people[i] {
            Person::Same(id) | Person::Update(id) => Some(id),
            Person::New => None,
        };
        let parents = import_guardians::resolve(
            &analysis.records,
            |i| pupil(i).is_some_and(|id| !linked.contains(&id)),
            &undated,
        );
        let new_guardians = parents.new;
        // (minor, the guardian: Ok(id) of a known person or Err(n) of the n-th new one, relation)
        let wards: Vec<(i64, std::result::Result<i64, usize>, String)> = parents
            .wards
            .into_iter()
            .filter_map(|(i, parent)| {
                let relation = analysis.records[i].person.guardian.as_ref()?.relation.clone();
                let guardian = match parent {
                    Parent::Known(id) => Ok(id),
                    Parent::New(n) => Err(n),
                };
                Some((pupil(i)?, guardian, relation))
            })
            .collect();
        let guardian_rows = new_guardians.iter().filter_map(|&i| {
            let g = analysis.records[i].person.guardian.as_ref()?;
            let fields = PersonFields {
                last_name: g.name.last().into(),
                first_name: g.name.first().into(),
                patronymic: g.name.patronymic().map(Into::into),
                search_key: g.name.search_key().into(),
                // The list gives no birth date.
                birth_date: None,
                category: CategoryKind::Parent,
                details: details_of(&Category::Parent).into(),
                grade: None,
                place: "".into(),
                phone: g.phone.as_deref().map(Into::into),
                email: g.email.as_deref().map(Into::into),
                age_exception: false,
            };
            Some((at, fields))
        });
        let guardian_ids = persons::insert_many(tx, guardian_rows, now).await?;
        let link_rows = wards.into_iter().map(|(minor, guardian, relation)| NewGuardianship {
            org_id: org.id,
            minor_id: minor,
            guardian_id: guardian.unwrap_or_else(|n| guardian_ids[n]),
            relation: relation.into(),
            authority_doc: "список обучающихся (импорт)".into(),
        });
        persons::link_many(tx, link_rows, now).await?;

        // Base entries: which to add and which changed, then each written in multi-row
        // statements, its fields made again as the statements take them (a base's fields
        // held twice over, in a list and in the statements, were a fifth of its memory).
        if let Some(base) = base_of(upload.kind) {
            let year = self.import_year(upload, today);
            let start = i64::from(year.start_year());
            // New people have no consent yet; the others' was read by the plan, in this transaction.
            let entry = |i: usize| -> Option<(i64, EntryFields, bool)> {
                let (Person::Same(pid) | Person::Update(pid)) = people[i] else {
                    return None;
                };
                let e = analysis.records[i].entry.as_deref()?;
                let consent = consented.get(&pid) == Some(&ConsentStatus::Valid);
                let (fields, downgraded) = import_entries::entry_fields(e, consent);
                Some((pid, fields, downgraded))
            };
            let mut inserts = Vec::new();
            let mut updates = Vec::new();
            for i in 0..analysis.records.len() {
                let Some((pid, fields, _)) = entry(i) else { continue };
                match existing.get(&pid) {
                    Some((eid, old)) if *old != fields.fingerprint() => updates.push((i, *eid)),
                    Some(_) => {}
                    None => inserts.push(i),
                }
            }
            drop(existing);
            let changed = updates
                .into_iter()
                .filter_map(|(i, eid)| entry(i).map(|(_, fields, _)| (eid, fields)));
            bases::update_many(tx, org.id, changed, now).await?;
            let place = EntryPlace {
                org_id: org.id,
                region_id: region,
                start_year: start,
                base: base.code(),
            };
            let added = inserts
                .into_iter()
                .filter_map(|i| entry(i).map(|(pid, fields, _)| (pid, fields)));
            bases::insert_many(tx, place, added, now).await?;
        }
        let event = domain::AuditEvent::Import {
            kind: upload.kind,
            added: report.new_people,
            changed: report.updated_people,
        };
        self.audit(tx, actor, None, event).await?;
        report.committed = true;
        Ok(report)
    }
}

fn base_of(kind: ListKind) -> Option<BaseKind> {
    match kind {
        ListKind::Mentors => Some(BaseKind::Mentors),
        ListKind::Mentees => Some(BaseKind::Mentees),
        _ => None,
    }
}
