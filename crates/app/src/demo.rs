//! Demo data: a municipality with two schools to try the system on, or a whole region for load
//! tests. Deterministic for a given day: a seeded splitmix64 generator (no `rand`), birth dates
//! computed from today in Moscow so every pupil's age fits their class.
//!
//! Every participant goes through [`ParticipantDraft::validate`], so the demo obeys the same
//! rules as the forms; rows are written with multi-row inserts ([`storage::bulk`]).

use std::collections::HashSet;

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use domain::age::adult_born_on_or_before;
use domain::category::CategoryInput;
use domain::{AcademicYear, Category, ConsentKind, OrgKind, ParticipantDraft, Role};
use storage::bulk::{self, Value};
use storage::repo::{orgs, users};
use storage::{OrgRow, Tx};

use crate::consents::DEFAULT_PURPOSE;
use crate::{App, AppError, Result, today_in};

/// Size of the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// One region, one municipality, two schools of about 300 participants each.
    School,
    /// One region, 60 municipalities, 1,000 schools, 250,000 participants (load tests).
    Region,
}

/// One demo account: login, role, organization short name. The password is `demo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    /// Login.
    pub login: String,
    /// The role it holds.
    pub role: Role,
    /// Short name of the organization the role is held in.
    pub org: String,
}

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo";

const TIMEZONE: &str = "Europe/Moscow";
const SEED: u64 = 0x4e41_5354_4156_4e49; // "NASTAVNI"
/// Schools generated and written per step (one bulk call per table).
const SCHOOLS_PER_BATCH: usize = 50;

struct Shape {
    municipalities: usize,
    schools: usize,
    people_per_school: usize,
    teachers: usize,
}

impl Scale {
    fn shape(self) -> Shape {
        match self {
            Self::School => Shape {
                municipalities: 1,
                schools: 2,
                people_per_school: 310,
                teachers: 20,
            },
            Self::Region => Shape {
                municipalities: 60,
                schools: 1000,
                people_per_school: 250,
                teachers: 14,
            },
        }
    }
}

impl App {
    /// Fills an EMPTY database with demo organizations, participants, guardians, consents and
    /// the demo accounts (password `demo`); returns the accounts. Does nothing and returns
    /// `Ok(None)` if any organization exists.
    pub async fn seed_demo(&self, scale: Scale) -> Result<Option<Vec<DemoAccount>>> {
        let shape = scale.shape();
        let now = self.now();
        let today = today_in(TIMEZONE, now);
        let ctx = Ctx {
            today,
            year: AcademicYear::containing(today),
            adult_cutoff: adult_born_on_or_before(today),
        };
        let hash = crate::auth::hash_password(DEMO_PASSWORD.to_string()).await?;

        let mut tx = self.store.begin().await?;
        if !orgs::list_orgs(&mut tx).await?.is_empty() {
            return Ok(None);
        }
        let tree = create_orgs(&mut tx, &shape, now).await?;
        for school in &tree.schools {
            orgs::add_year(&mut tx, school.id, ctx.year.start_year() - 1, false).await?;
            orgs::add_year(&mut tx, school.id, ctx.year.start_year(), true).await?;
        }

        // Schools are generated and validated off the async threads, one batch ahead of the writes.
        let batches: Vec<Vec<i64>> = tree
            .schools
            .chunks(SCHOOLS_PER_BATCH)
            .map(|b| b.iter().map(|s| s.id).collect())
            .collect();
        let region = tree.region.id;
        let (people, teachers) = (shape.people_per_school, shape.teachers);
        let generate = |k: usize| {
            let orgs = batches[k].clone();
            tokio::task::spawn_blocking(move || {
                orgs.iter()
                    .enumerate()
                    .map(|(i, &org)| {
                        let index = k * SCHOOLS_PER_BATCH + i;
                        School::generate(index, org, people, teachers, ctx).prepare(ctx, region, now)
                    })
                    .collect::<Result<Vec<_>>>()
            })
        };
        let mut staff: Vec<Staff> = Vec::new();
        let mut next = Some(generate(0));
        for k in 0..batches.len() {
            let Some(pending) = next.take() else { break };
            let batch = pending.await.map_err(|e| AppError::Internal(e.to_string()))??;
            next = (k + 1 < batches.len()).then(|| generate(k + 1));
            for (school, ids) in write_batch(&mut tx, batch, now).await? {
                if staff.len() < 2 {
                    staff.push(school.staff.resolve(&school.people, &ids));
                }
            }
        }

        let accounts = create_accounts(&mut tx, &tree, &staff, &hash, now).await?;
        tx.commit().await?;
        tracing::info!(schools = tree.schools.len(), "demo data seeded");
        Ok(Some(accounts))
    }
}

// ---------------------------------------------------------------------------------------------
// Organizations

struct Tree {
    region: OrgRow,
    municipalities: Vec<OrgRow>,
    schools: Vec<OrgRow>,
}

const REGION_NAME: &str = "Министерство образования и науки Республики Татарстан";
const REGION_SHORT: &str = "Республика Татарстан";

/// Municipal districts of the region, the demo one first.
#[rustfmt::skip]
const DISTRICTS: [&str; 43] = [
    "Зеленодольский", "Агрызский", "Азнакаевский", "Аксубаевский", "Актанышский", "Алексеевский", "Алькеевский",
    "Альметьевский", "Апастовский", "Арский", "Атнинский", "Бавлинский", "Балтасинский", "Бугульминский",
    "Буинский", "Верхнеуслонский", "Высокогорский", "Дрожжановский", "Елабужский", "Заинский", "Кайбицкий",
    "Камско-Устьинский", "Кукморский", "Лаишевский", "Лениногорский", "Мамадышский", "Менделеевский",
    "Мензелинский", "Муслюмовский", "Нижнекамский", "Новошешминский", "Нурлатский", "Пестречинский",
    "Рыбно-Слободский", "Сабинский", "Сармановский", "Спасский", "Тетюшский", "Тукаевский", "Тюлячинский",
    "Черемшанский", "Чистопольский", "Ютазинский",
];

/// (full, short, the tail of a school's full name) of municipality `i`.
fn municipality_names(i: usize) -> (String, String, String) {
    if let Some(adj) = DISTRICTS.get(i) {
        let genitive = format!("{}ого", adj.trim_end_matches("ий"));
        return (
            format!(
                "Муниципальное казённое учреждение «Управление образования Исполнительного комитета {genitive} \
                 муниципального района Республики Татарстан»"
            ),
            format!("{adj} муниципальный район"),
            format!("{genitive} муниципального района Республики Татарстан"),
        );
    }
    let (city, city_gen) = match i - DISTRICTS.len() {
        0 => ("Казань".to_string(), "города Казани".to_string()),
        1 => ("Набережные Челны".to_string(), "города Набережные Челны".to_string()),
        n => (
            format!("Учебный округ № {}", n - 1),
            format!("учебного округа № {}", n - 1),
        ),
    };
    (
        format!("Управление образования Исполнительного комитета {city_gen}"),
        if city.starts_with("Учебный") {
            city
        } else {
            format!("Город {city}")
        },
        format!("{city_gen} Республики Татарстан"),
    )
}

/// (full, short) of the school `local` (0-based) of municipality `mun`.
fn school_names(mun: usize, local: usize, tail: &str) -> (String, String) {
    const MBOU: &str = "Муниципальное бюджетное общеобразовательное учреждение";
    let (kind, n) = match (mun, local) {
        (0, 0) => (0, 17),
        (0, 1) => (1, 5),
        (0, l) => (l % 7, l + 20),
        (_, l) => (l % 7, l + 1),
    };
    let (full, short) = match kind {
        1 => (format!("Гимназия № {n}"), format!("МБОУ «Гимназия № {n}»")),
        2 => (format!("Лицей № {n}"), format!("МБОУ «Лицей № {n}»")),
        3 => (
            format!("Средняя общеобразовательная школа № {n} с углублённым изучением отдельных предметов"),
            format!("МБОУ СОШ № {n} с УИОП"),
        ),
        _ => (
            format!("Средняя общеобразовательная школа № {n}"),
            format!("МБОУ СОШ № {n}"),
        ),
    };
    (format!("{MBOU} «{full}» {tail}"), short)
}

async fn create_orgs(tx: &mut Tx, shape: &Shape, now: DateTime<Utc>) -> Result<Tree> {
    let id = orgs::create_org(
        tx,
        OrgKind::Region.code(),
        REGION_NAME,
        REGION_SHORT,
        None,
        TIMEZONE,
        now,
    )
    .await?;
    let region = orgs::get_org(tx, id).await?.ok_or(AppError::NotFound)?;
    let mut tree = Tree {
        region,
        municipalities: Vec::new(),
        schools: Vec::new(),
    };
    for m in 0..shape.municipalities {
        let (full, short, tail) = municipality_names(m);
        let kind = OrgKind::Municipality.code();
        let id = orgs::create_org(tx, kind, &full, &short, Some(&tree.region), TIMEZONE, now).await?;
        let mun = orgs::get_org(tx, id).await?.ok_or(AppError::NotFound)?;
        // Schools spread evenly over the municipalities.
        let count = ((m + 1) * shape.schools).div_ceil(shape.municipalities)
            - (m * shape.schools).div_ceil(shape.municipalities);
        for local in 0..count {
            let (full, short) = school_names(m, local, &tail);
            let id = orgs::create_org(tx, OrgKind::School.code(), &full, &short, Some(&mun), TIMEZONE, now).await?;
            tree.schools.push(OrgRow {
                id,
                kind: OrgKind::School.code().into(),
                name: full,
                short_name: short,
                parent_id: Some(mun.id),
                region_id: mun.region_id,
                timezone: TIMEZONE.into(),
            });
        }
        tree.municipalities.push(mun);
    }
    Ok(tree)
}

// ---------------------------------------------------------------------------------------------
// Accounts

/// Participants of a school that demo accounts belong to, as stored ids and full names.
struct Staff {
    head: Holder,
    teachers: Vec<Holder>,
    mentee: Holder,
    guardian: Holder,
}

/// Who holds a demo account: the participant (if any) and the display name.
type Holder = (Option<i64>, String);

/// Indexes (into the school's people) of the participants demo accounts belong to.
#[derive(Default)]
struct StaffIdx {
    head: usize,
    teachers: Vec<usize>,
    mentee: usize,
    guardian: usize,
}

impl StaffIdx {
    fn resolve(&self, people: &[ParticipantDraft], ids: &[i64]) -> Staff {
        let get = |i: usize| {
            let p = &people[i];
            (
                Some(ids[i]),
                format!("{} {} {}", p.last_name, p.first_name, p.patronymic)
                    .trim()
                    .to_string(),
            )
        };
        Staff {
            head: get(self.head),
            teachers: self.teachers.iter().map(|&i| get(i)).collect(),
            mentee: get(self.mentee),
            guardian: get(self.guardian),
        }
    }
}

async fn create_accounts(
    tx: &mut Tx,
    tree: &Tree,
    staff: &[Staff],
    hash: &str,
    now: DateTime<Utc>,
) -> Result<Vec<DemoAccount>> {
    let [s1, s2, ..] = staff else {
        return Err(AppError::Internal("demo: two schools expected".into()));
    };
    let (school1, school2, mun) = (&tree.schools[0], &tree.schools[1], &tree.municipalities[0]);
    let teacher = |s: &Staff, i: usize| s.teachers[i.min(s.teachers.len() - 1)].clone();
    let mut rng = Rng::new(SEED ^ 0xacc0);
    let mut outsider = |sex: Sex| {
        let n = adult_name(&mut rng, sex, Pool::Russian);
        (None, format!("{} {} {}", n.0, n.1, n.2))
    };
    let specs: Vec<(&str, Role, &OrgRow, Holder)> = vec![
        ("curator", Role::Curator, school1, teacher(s1, T_DEPUTY)),
        ("head", Role::Head, school1, s1.head.clone()),
        ("coordinator", Role::Coordinator, school1, teacher(s1, T_HISTORY)),
        ("council", Role::MentorCouncil, school1, teacher(s1, T_RUSSIAN)),
        ("mentor", Role::Mentor, school1, teacher(s1, T_MATH)),
        ("mentee", Role::Mentee, school1, s1.mentee.clone()),
        ("guardian", Role::Guardian, school1, s1.guardian.clone()),
        ("classteacher", Role::ClassTeacher, school1, teacher(s1, T_ENGLISH)),
        ("psychologist", Role::Psychologist, school1, teacher(s1, T_PSYCHOLOGIST)),
        ("sysadmin", Role::SchoolSysadmin, school1, teacher(s1, T_INFORMATICS)),
        ("methodist", Role::MunicipalMethodist, mun, outsider(Sex::F)),
        ("tutor", Role::MunicipalTutor, mun, outsider(Sex::F)),
        ("admin", Role::Admin, &tree.region, outsider(Sex::M)),
        ("curator2", Role::Curator, school2, teacher(s2, T_DEPUTY)),
    ];
    let mut out = Vec::with_capacity(specs.len());
    for (login, role, org, (person, name)) in specs {
        let id = users::create_user(tx, login, &name, hash, person, now).await?;
        users::assign_role(tx, id, role.code(), org.id).await?;
        out.push(DemoAccount {
            login: login.into(),
            role,
            org: org.short_name.clone(),
        });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Writing

#[rustfmt::skip]
const PERSON_COLS: [&str; 16] = [
    "org_id", "region_id", "last_name", "first_name", "patronymic", "search_key", "birth_date", "category",
    "details", "grade", "place", "phone", "email", "age_exception", "created_at", "updated_at",
];
const LINK_COLS: [&str; 6] = [
    "org_id",
    "minor_id",
    "guardian_id",
    "relation",
    "authority_doc",
    "created_at",
];
const CONSENT_COLS: [&str; 9] = [
    "org_id",
    "person_id",
    "kind",
    "guardian_id",
    "authority_doc",
    "purpose",
    "given_on",
    "document_ref",
    "created_at",
];
const DISSEMINATION_PURPOSE: &str =
    "размещение сведений об участии в программе наставничества на официальном сайте образовательной организации";

/// A generated school and its participants as rows of `persons`, validated.
struct Prepared {
    school: School,
    rows: Vec<Vec<Value>>,
}

impl School {
    /// Validates every participant with the rules of the forms and turns them into rows; a name
    /// and birth date repeated in the school (the identity index) moves the birth date a day earlier.
    fn prepare(self, ctx: Ctx, region: i64, now: DateTime<Utc>) -> Result<Prepared> {
        let mut seen = HashSet::new();
        let mut rows = Vec::with_capacity(self.people.len());
        for d in &self.people {
            let mut p = d
                .validate(ctx.today)
                .map_err(|e| AppError::Internal(format!("demo participant {} {}: {e}", d.last_name, d.first_name)))?;
            let key = p.name.search_key();
            while !seen.insert((key.clone(), p.birth_date)) {
                p.birth_date = p.birth_date - Days::new(1);
            }
            let details = serde_json::to_string(&p.category).map_err(|e| AppError::Internal(e.to_string()))?;
            let grade = match &p.category {
                Category::Student { grade, .. } => Some(i64::from(*grade)),
                _ => None,
            };
            rows.push(vec![
                Value::Int(Some(self.org)),
                Value::Int(Some(region)),
                Value::Text(Some(p.name.last().to_string())),
                Value::Text(Some(p.name.first().to_string())),
                Value::Text(p.name.patronymic().map(str::to_string)),
                Value::Text(Some(key)),
                Value::Date(Some(p.birth_date)),
                Value::Text(Some(p.category.kind().code().to_string())),
                Value::Text(Some(details)),
                Value::Int(grade),
                Value::Text(Some(p.category.place())),
                Value::Text(p.contacts.phone),
                Value::Text(p.contacts.email),
                Value::Bool(p.age_exception),
                Value::Time(now),
                Value::Time(now),
            ]);
        }
        Ok(Prepared { school: self, rows })
    }
}

/// Inserts the participants, guardian links and consents of some schools; returns each
/// school with the ids of its people.
async fn write_batch(tx: &mut Tx, batch: Vec<Prepared>, now: DateTime<Utc>) -> Result<Vec<(School, Vec<i64>)>> {
    let mut rows = Vec::new();
    let mut schools = Vec::with_capacity(batch.len());
    for p in batch {
        rows.extend(p.rows);
        schools.push(p.school);
    }
    let all = bulk::insert_rows(tx, "persons", &PERSON_COLS, rows).await?;
    let mut rest = all.as_slice();
    let mut out = Vec::with_capacity(schools.len());
    for school in schools {
        let (ids, tail) = rest.split_at(school.people.len());
        rest = tail;
        out.push((school, ids.to_vec()));
    }

    let mut links = Vec::new();
    let mut consents = Vec::new();
    for (school, ids) in &out {
        let org = Value::Int(Some(school.org));
        for l in &school.links {
            links.push(vec![
                org.clone(),
                Value::Int(Some(ids[l.minor])),
                Value::Int(Some(ids[l.guardian])),
                Value::Text(Some(l.relation.to_string())),
                Value::Text(Some(l.doc.clone())),
                Value::Time(now),
            ]);
        }
        for (n, c) in school.consents.iter().enumerate() {
            let link = c.link.map(|l| &school.links[l]);
            let purpose = match c.kind {
                ConsentKind::Processing => DEFAULT_PURPOSE,
                ConsentKind::Dissemination => DISSEMINATION_PURPOSE,
            };
            consents.push(vec![
                org.clone(),
                Value::Int(Some(ids[c.person])),
                Value::Text(Some(c.kind.code().to_string())),
                Value::Int(link.map(|l| ids[l.guardian])),
                Value::Text(link.map(|l| l.doc.clone())),
                Value::Text(Some(purpose.to_string())),
                Value::Date(Some(c.given_on)),
                Value::Text(Some(format!("№ {} от {}", n + 1, c.given_on.format("%d.%m.%Y")))),
                Value::Time(now),
            ]);
        }
    }
    bulk::insert_rows(tx, "guardianships", &LINK_COLS, links).await?;
    bulk::insert_rows(tx, "consents", &CONSENT_COLS, consents).await?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Generating one school

/// Today and what follows from it.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    today: NaiveDate,
    year: AcademicYear,
    adult_cutoff: NaiveDate,
}

/// The people of one school and how they relate, by index into `people`.
struct School {
    org: i64,
    people: Vec<ParticipantDraft>,
    links: Vec<Link>,
    consents: Vec<Planned>,
    staff: StaffIdx,
}

/// A guardian link.
struct Link {
    minor: usize,
    guardian: usize,
    relation: &'static str,
    doc: String,
}

/// A consent to record: signed by the person, or by the guardian of link `link`.
struct Planned {
    person: usize,
    kind: ConsentKind,
    link: Option<usize>,
    given_on: NaiveDate,
}

/// What a child in a generated family is like.
#[derive(Clone, Copy)]
enum Pupil {
    /// Class 5–11, age fitting the class.
    Regular(u8),
    /// Class 11, turns 18 within weeks.
    SoonAdult,
    /// Class 11, already 18 (age exception), covered by a guardian's consent only.
    TurnedAdult,
}

// Teachers demo accounts belong to (indexes into TEACHER_POSTS).
const T_DEPUTY: usize = 0;
const T_PSYCHOLOGIST: usize = 1;
const T_RUSSIAN: usize = 2;
const T_MATH: usize = 3;
const T_ENGLISH: usize = 4;
const T_HISTORY: usize = 6;
const T_INFORMATICS: usize = 8;

/// (subjects, position); teachers past the list repeat it from the third entry.
const TEACHER_POSTS: [(&str, &str); 20] = [
    ("математика", "заместитель директора по учебно-воспитательной работе"),
    ("", "педагог-психолог"),
    ("русский язык и литература", "учитель русского языка и литературы"),
    ("математика", "учитель математики"),
    ("английский язык", "учитель английского языка"),
    ("физика, астрономия", "учитель физики"),
    ("история, обществознание", "учитель истории и обществознания"),
    ("биология", "учитель биологии"),
    ("информатика", "учитель информатики"),
    ("химия", "учитель химии"),
    ("русский язык и литература", "учитель русского языка и литературы"),
    ("математика", "учитель математики"),
    ("география", "учитель географии"),
    ("физическая культура", "учитель физической культуры"),
    ("татарский язык и литература", "учитель татарского языка и литературы"),
    ("", "советник директора по воспитанию"),
    ("английский язык, немецкий язык", "учитель иностранных языков"),
    ("труд (технология)", "учитель труда (технологии)"),
    ("основы безопасности и защиты Родины", "преподаватель-организатор ОБЗР"),
    (
        "музыка, изобразительное искусство",
        "учитель музыки и изобразительного искусства",
    ),
];

const COMPANIES: [(&str, &str); 4] = [
    ("АО «Волжский машиностроительный завод»", "инженер-технолог"),
    ("ООО «Зеленодольские информационные технологии»", "ведущий программист"),
    ("АО «Приволжские электрические сети»", "начальник участка"),
    ("ООО «Агрофирма «Заря»", "главный агроном"),
];
const UNIVERSITIES: [&str; 2] = [
    "Поволжский государственный педагогический университет",
    "Казанский технический колледж",
];

impl School {
    fn generate(index: usize, org: i64, target: usize, teachers: usize, ctx: Ctx) -> School {
        let mut g = Gen {
            rng: Rng::new(SEED ^ (index as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
            ctx,
            school: School {
                org,
                people: Vec::new(),
                links: Vec::new(),
                consents: Vec::new(),
                staff: StaffIdx::default(),
            },
        };
        g.head();
        for i in 0..teachers {
            let t = g.teacher(i);
            g.school.staff.teachers.push(t);
        }
        g.extras();
        // The demo mentee and guardian: a pupil of class 8 and the parent who signed.
        let (children, parents) = g.family(&[Pupil::Regular(8)], Some(true), false);
        g.school.staff.mentee = children[0];
        g.school.staff.guardian = parents[0];
        let adults = 2 + g.rng.below(2);
        for _ in 0..adults {
            g.family(&[Pupil::TurnedAdult], Some(true), false);
        }
        for _ in 0..3 {
            g.family(&[Pupil::SoonAdult], Some(true), false);
        }
        while g.school.people.len() < target {
            let remaining = target - g.school.people.len();
            let has_parent = remaining >= 2 && g.rng.chance(92);
            let second = has_parent && remaining >= 3 && g.rng.chance(10);
            let max_children = remaining - usize::from(has_parent) - usize::from(second);
            let first_grade = 5 + g.rng.below(7) as u8;
            let pupils = if max_children >= 2 && g.rng.chance(22) {
                let other = 5 + (first_grade - 5 + 1 + g.rng.below(6) as u8) % 7;
                vec![Pupil::Regular(first_grade), Pupil::Regular(other)]
            } else {
                vec![Pupil::Regular(first_grade)]
            };
            let consent = has_parent.then(|| g.rng.chance(97));
            g.family(&pupils, consent, second);
        }
        g.school
    }
}

struct Gen {
    rng: Rng,
    ctx: Ctx,
    school: School,
}

impl Gen {
    fn push(
        &mut self,
        name: (String, &str, &str),
        birth: NaiveDate,
        category: CategoryInput,
        phone: bool,
        exception: bool,
    ) -> usize {
        let phone = phone.then(|| format!("+79{:09}", self.rng.below(1_000_000_000)));
        self.school.people.push(ParticipantDraft {
            last_name: name.0,
            first_name: name.1.to_string(),
            patronymic: name.2.to_string(),
            birth_date: birth.format("%Y-%m-%d").to_string(),
            category,
            phone,
            email: None,
            age_exception: exception,
        });
        self.school.people.len() - 1
    }

    /// A date early in the academic year (when schools collect consents), not after today.
    fn signing_day(&mut self) -> NaiveDate {
        let d = self.ctx.year.starts_on() + Days::new(self.rng.below(21) as u64);
        d.min(self.ctx.today)
    }

    /// An own processing consent for `share` percent of callers, and a dissemination one for some.
    fn own_consents(&mut self, person: usize, share: u32) {
        if !self.rng.chance(share) {
            return;
        }
        let given_on = self.signing_day();
        self.school.consents.push(Planned {
            person,
            kind: ConsentKind::Processing,
            link: None,
            given_on,
        });
        if self.rng.chance(35) {
            self.school.consents.push(Planned {
                person,
                kind: ConsentKind::Dissemination,
                link: None,
                given_on,
            });
        }
    }

    /// A birth date `years` to `years + 1` years before today.
    fn born_aged(&mut self, years: u32) -> NaiveDate {
        years_before(self.ctx.today, years) - Days::new(self.rng.below(365) as u64)
    }

    fn head(&mut self) {
        let sex = if self.rng.chance(60) { Sex::F } else { Sex::M };
        let pool = Pool::pick(&mut self.rng);
        let name = adult_name(&mut self.rng, sex, pool);
        let age = 42 + self.rng.below(18) as u32;
        let birth = self.born_aged(age);
        let i = self.push(name, birth, kind("head"), true, false);
        self.own_consents(i, 100);
        self.school.staff.head = i;
    }

    fn teacher(&mut self, i: usize) -> usize {
        let (subjects, position) = TEACHER_POSTS[if i < TEACHER_POSTS.len() {
            i
        } else {
            2 + (i - 2) % (TEACHER_POSTS.len() - 2)
        }];
        let sex = if self.rng.chance(82) { Sex::F } else { Sex::M };
        let pool = if position.contains("татарск") {
            Pool::Tatar
        } else {
            Pool::pick(&mut self.rng)
        };
        let name = adult_name(&mut self.rng, sex, pool);
        let age = 24 + self.rng.below(40) as u32;
        let birth = self.born_aged(age);
        let experience = age.saturating_sub(22 + self.rng.below(4) as u32).min(45);
        let category = CategoryInput {
            kind: "teacher".into(),
            subjects: Some(subjects.into()),
            position: Some(position.into()),
            experience_years: Some(experience.to_string()),
            ..Default::default()
        };
        let phone = self.rng.chance(70);
        let t = self.push(name, birth, category, phone, false);
        self.own_consents(t, 95);
        t
    }

    /// Graduates, an enterprise employee, a university teacher and a veteran teacher.
    fn extras(&mut self) {
        for _ in 0..2 {
            let sex = Sex::pick(&mut self.rng);
            let pool = Pool::pick(&mut self.rng);
            let name = adult_name(&mut self.rng, sex, pool);
            let age = 19 + self.rng.below(5) as u32;
            let birth = self.born_aged(age);
            let g = self.push(name, birth, kind("graduate"), true, false);
            self.own_consents(g, 95);
        }
        let (company, position) = *self.rng.pick(&COMPANIES);
        let pool = Pool::pick(&mut self.rng);
        let name = adult_name(&mut self.rng, Sex::M, pool);
        let age = 30 + self.rng.below(20) as u32;
        let birth = self.born_aged(age);
        let category = CategoryInput {
            kind: "enterprise_employee".into(),
            company: Some(company.into()),
            position: Some(position.into()),
            ..Default::default()
        };
        let e = self.push(name, birth, category, true, false);
        self.own_consents(e, 100);
        let pool = Pool::pick(&mut self.rng);
        let name = adult_name(&mut self.rng, Sex::F, pool);
        let age = 35 + self.rng.below(25) as u32;
        let birth = self.born_aged(age);
        let category = CategoryInput {
            kind: "university_teacher".into(),
            company: Some(self.rng.pick(&UNIVERSITIES).to_string()),
            ..Default::default()
        };
        let u = self.push(name, birth, category, false, false);
        self.own_consents(u, 95);
        let name = adult_name(&mut self.rng, Sex::F, Pool::Russian);
        let age = 67 + self.rng.below(12) as u32;
        let birth = self.born_aged(age);
        let v = self.push(name, birth, kind("veteran_teacher"), true, false);
        self.own_consents(v, 100);
    }

    /// A family: the pupils, maybe a parent (who signs the pupils' consents when `consent` is
    /// `Some(true)`) and maybe a second parent. Returns the indexes of the children and parents.
    fn family(&mut self, pupils: &[Pupil], consent: Option<bool>, second: bool) -> (Vec<usize>, Vec<usize>) {
        let pool = Pool::pick(&mut self.rng);
        let surname = *self.rng.pick(pool.surnames());
        let father = *self.rng.pick(pool.men());
        let mut children = Vec::new();
        let mut eldest = self.ctx.today;
        for &pupil in pupils {
            let sex = Sex::pick(&mut self.rng);
            let first = *self.rng.pick(match sex {
                Sex::M => pool.boys(),
                Sex::F => pool.girls(),
            });
            let patronymic = match sex {
                Sex::M => father.1,
                Sex::F => father.2,
            };
            let (birth, grade, exception) = match pupil {
                Pupil::Regular(g) => {
                    let start = NaiveDate::from_ymd_opt(self.ctx.year.start_year() - i32::from(g) - 6, 9, 2)
                        .unwrap_or_default();
                    (start + Days::new(self.rng.below(365) as u64), g, false)
                }
                Pupil::SoonAdult => (
                    self.ctx.adult_cutoff + Days::new(3 + self.rng.below(50) as u64),
                    11,
                    false,
                ),
                Pupil::TurnedAdult => (
                    self.ctx.adult_cutoff - Days::new(5 + self.rng.below(180) as u64),
                    11,
                    true,
                ),
            };
            eldest = eldest.min(birth);
            let letter = if self.rng.chance(50) { "А" } else { "Б" };
            let category = CategoryInput {
                kind: "student".into(),
                grade: Some(grade.to_string()),
                letter: Some(letter.into()),
                ..Default::default()
            };
            let c = self.push(
                (gendered(surname, sex), first, patronymic),
                birth,
                category,
                false,
                exception,
            );
            children.push((c, pupil, birth));
        }
        let mut parents = Vec::new();
        if let Some(sign) = consent {
            // Mostly mothers; now and then a grandmother appointed guardian.
            let (sex, relation, doc, age) = match self.rng.below(100) {
                0..=1 => (
                    Sex::F,
                    "опекун",
                    format!(
                        "постановление об установлении опеки № {} от {}",
                        100 + self.rng.below(900),
                        self.signing_day().format("%d.%m.%Y")
                    ),
                    44 + self.rng.below(12) as u32,
                ),
                2..=79 => (
                    Sex::F,
                    "мать",
                    "свидетельство о рождении".to_string(),
                    21 + self.rng.below(17) as u32,
                ),
                _ => (
                    Sex::M,
                    "отец",
                    "свидетельство о рождении".to_string(),
                    23 + self.rng.below(17) as u32,
                ),
            };
            let p = self.parent(pool, surname, father, sex, eldest, age);
            parents.push(p);
            for &(c, pupil, birth) in &children {
                self.school.links.push(Link {
                    minor: c,
                    guardian: p,
                    relation,
                    doc: doc.clone(),
                });
                let link = self.school.links.len() - 1;
                if !sign {
                    continue;
                }
                let given_on = match pupil {
                    // Signed while the pupil was 17, some months before the birthday.
                    Pupil::TurnedAdult => years_after(birth, 18) - Days::new(30 + self.rng.below(200) as u64),
                    _ => self.signing_day(),
                };
                self.school.consents.push(Planned {
                    person: c,
                    kind: ConsentKind::Processing,
                    link: Some(link),
                    given_on,
                });
                if self.rng.chance(30) {
                    self.school.consents.push(Planned {
                        person: c,
                        kind: ConsentKind::Dissemination,
                        link: Some(link),
                        given_on,
                    });
                }
            }
            if second && relation == "мать" {
                let age = 23 + self.rng.below(17) as u32;
                let f = self.parent(pool, surname, father, Sex::M, eldest, age);
                for &(c, _, _) in &children {
                    self.school.links.push(Link {
                        minor: c,
                        guardian: f,
                        relation: "отец",
                        doc: "свидетельство о рождении".into(),
                    });
                }
                parents.push(f);
            }
        }
        (children.into_iter().map(|c| c.0).collect(), parents)
    }

    /// A parent `age_at_birth` years older than the eldest child; the father is `father`.
    fn parent(
        &mut self,
        pool: Pool,
        surname: &str,
        father: Man,
        sex: Sex,
        eldest: NaiveDate,
        age_at_birth: u32,
    ) -> usize {
        let birth = years_before(eldest, age_at_birth) - Days::new(self.rng.below(365) as u64);
        let name = match sex {
            Sex::M => (surname.to_string(), father.0, self.rng.pick(pool.men()).1),
            Sex::F => (
                gendered(surname, Sex::F),
                *self.rng.pick(pool.women()),
                self.rng.pick(pool.men()).2,
            ),
        };
        let phone = self.rng.chance(90);
        let p = self.push(name, birth, kind("parent"), phone, false);
        self.own_consents(p, 95);
        p
    }
}

fn kind(code: &str) -> CategoryInput {
    CategoryInput {
        kind: code.into(),
        ..Default::default()
    }
}

fn years_before(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(12 * years)).unwrap_or(d)
}

fn years_after(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(12 * years)).unwrap_or(d)
}

// ---------------------------------------------------------------------------------------------
// Names

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sex {
    M,
    F,
}

impl Sex {
    fn pick(rng: &mut Rng) -> Self {
        if rng.chance(50) { Self::M } else { Self::F }
    }
}

/// A man's name with the patronymics it gives a son and a daughter.
type Man = (&'static str, &'static str, &'static str);

/// Russian and Tatar names (the region is Tatarstan).
#[derive(Debug, Clone, Copy)]
enum Pool {
    Russian,
    Tatar,
}

impl Pool {
    fn pick(rng: &mut Rng) -> Self {
        if rng.chance(30) { Self::Tatar } else { Self::Russian }
    }

    fn surnames(self) -> &'static [&'static str] {
        match self {
            Self::Russian => &SURNAMES_RU,
            Self::Tatar => &SURNAMES_TT,
        }
    }

    fn men(self) -> &'static [Man] {
        match self {
            Self::Russian => &MEN_RU,
            Self::Tatar => &MEN_TT,
        }
    }

    fn women(self) -> &'static [&'static str] {
        match self {
            Self::Russian => &WOMEN_RU,
            Self::Tatar => &WOMEN_TT,
        }
    }

    fn boys(self) -> &'static [&'static str] {
        match self {
            Self::Russian => &BOYS_RU,
            Self::Tatar => &BOYS_TT,
        }
    }

    fn girls(self) -> &'static [&'static str] {
        match self {
            Self::Russian => &GIRLS_RU,
            Self::Tatar => &GIRLS_TT,
        }
    }
}

/// (фамилия, имя, отчество) of an adult.
fn adult_name(rng: &mut Rng, sex: Sex, pool: Pool) -> (String, &'static str, &'static str) {
    let surname = *rng.pick(pool.surnames());
    let surname = gendered(surname, sex);
    let father = rng.pick(pool.men());
    match sex {
        Sex::M => (surname, rng.pick(pool.men()).0, father.1),
        Sex::F => (surname, *rng.pick(pool.women()), father.2),
    }
}

/// The surname in the form for `sex`: Иванов → Иванова, Покровский → Покровская, Черных stays.
fn gendered(male: &str, sex: Sex) -> String {
    if sex == Sex::M {
        return male.to_string();
    }
    if let Some(stem) = male.strip_suffix("ий").or_else(|| male.strip_suffix("ой")) {
        format!("{stem}ая")
    } else if ["ов", "ев", "ёв", "ин", "ын"].iter().any(|s| male.ends_with(s)) {
        format!("{male}а")
    } else {
        male.to_string()
    }
}

#[rustfmt::skip]
const SURNAMES_RU: [&str; 100] = [
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров",
    "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев",
    "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев",
    "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв",
    "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев",
    "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев", "Герасимов",
    "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков", "Миронов", "Крылов", "Куликов", "Карпов",
    "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов", "Казаков", "Афанасьев", "Данилов", "Савельев",
    "Тимофеев", "Фомин", "Чернов", "Абрамов", "Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин",
    "Исаев", "Быков", "Маслов", "Родионов", "Покровский", "Троицкий", "Успенский", "Вознесенский", "Толстой",
    "Коваленко", "Бондаренко", "Черных", "Лазарев", "Голубев",
];
#[rustfmt::skip]
const SURNAMES_TT: [&str; 20] = [
    "Галиев", "Хабибуллин", "Сафин", "Закиров", "Гарипов", "Мухаметзянов", "Валиев", "Шарипов", "Нуриев",
    "Ахметов", "Зарипов", "Файзуллин", "Гилязов", "Хайруллин", "Мингазов", "Садыков", "Юсупов", "Гайнутдинов",
    "Фаттахов", "Набиуллин",
];
const MEN_RU: [Man; 32] = [
    ("Сергей", "Сергеевич", "Сергеевна"),
    ("Андрей", "Андреевич", "Андреевна"),
    ("Алексей", "Алексеевич", "Алексеевна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Александр", "Александрович", "Александровна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"),
    ("Игорь", "Игоревич", "Игоревна"),
    ("Олег", "Олегович", "Олеговна"),
    ("Владимир", "Владимирович", "Владимировна"),
    ("Михаил", "Михайлович", "Михайловна"),
    ("Николай", "Николаевич", "Николаевна"),
    ("Павел", "Павлович", "Павловна"),
    ("Роман", "Романович", "Романовна"),
    ("Денис", "Денисович", "Денисовна"),
    ("Антон", "Антонович", "Антоновна"),
    ("Виктор", "Викторович", "Викторовна"),
    ("Вадим", "Вадимович", "Вадимовна"),
    ("Константин", "Константинович", "Константиновна"),
    ("Юрий", "Юрьевич", "Юрьевна"),
    ("Артём", "Артёмович", "Артёмовна"),
    ("Максим", "Максимович", "Максимовна"),
    ("Иван", "Иванович", "Ивановна"),
    ("Илья", "Ильич", "Ильинична"),
    ("Анатолий", "Анатольевич", "Анатольевна"),
    ("Валерий", "Валерьевич", "Валерьевна"),
    ("Геннадий", "Геннадьевич", "Геннадьевна"),
    ("Григорий", "Григорьевич", "Григорьевна"),
    ("Фёдор", "Фёдорович", "Фёдоровна"),
    ("Василий", "Васильевич", "Васильевна"),
    ("Пётр", "Петрович", "Петровна"),
    ("Станислав", "Станиславович", "Станиславовна"),
    ("Кирилл", "Кириллович", "Кирилловна"),
];
const MEN_TT: [Man; 13] = [
    ("Айдар", "Айдарович", "Айдаровна"),
    ("Рустам", "Рустамович", "Рустамовна"),
    ("Ильдар", "Ильдарович", "Ильдаровна"),
    ("Ринат", "Ринатович", "Ринатовна"),
    ("Марат", "Маратович", "Маратовна"),
    ("Тимур", "Тимурович", "Тимуровна"),
    ("Руслан", "Русланович", "Руслановна"),
    ("Ильнур", "Ильнурович", "Ильнуровна"),
    ("Рамиль", "Рамилевич", "Рамилевна"),
    ("Азат", "Азатович", "Азатовна"),
    ("Ильшат", "Ильшатович", "Ильшатовна"),
    ("Радик", "Радикович", "Радиковна"),
    ("Фарид", "Фаридович", "Фаридовна"),
];
#[rustfmt::skip]
const WOMEN_RU: [&str; 24] = [
    "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Екатерина", "Юлия", "Анна", "Марина", "Мария",
    "Оксана", "Анастасия", "Надежда", "Людмила", "Галина", "Ксения", "Евгения", "Вера", "Валентина", "Любовь",
    "Дарья", "Алёна", "Виктория",
];
#[rustfmt::skip]
const WOMEN_TT: [&str; 12] = [
    "Гульнара", "Алсу", "Лейсан", "Эльмира", "Диляра", "Гульшат", "Айгуль", "Резеда", "Гузель", "Рамиля",
    "Альфия", "Лилия",
];
#[rustfmt::skip]
const BOYS_RU: [&str; 24] = [
    "Артём", "Максим", "Александр", "Михаил", "Даниил", "Иван", "Дмитрий", "Кирилл", "Матвей", "Тимофей",
    "Егор", "Марк", "Лев", "Роман", "Илья", "Никита", "Ярослав", "Глеб", "Фёдор", "Владимир", "Арсений",
    "Степан", "Савелий", "Семён",
];
#[rustfmt::skip]
const BOYS_TT: [&str; 10] = [
    "Амир", "Тимур", "Карим", "Айдар", "Искандер", "Самир", "Динар", "Марсель", "Булат", "Арслан",
];
#[rustfmt::skip]
const GIRLS_RU: [&str; 24] = [
    "София", "Мария", "Анна", "Алиса", "Виктория", "Полина", "Елизавета", "Ева", "Александра", "Дарья",
    "Варвара", "Ксения", "Вероника", "Арина", "Милана", "Василиса", "Валерия", "Кира", "Ульяна", "Таисия",
    "Екатерина", "Софья", "Злата", "Маргарита",
];
#[rustfmt::skip]
const GIRLS_TT: [&str; 10] = [
    "Амина", "Алсу", "Камила", "Аделина", "Лейсан", "Сабина", "Ралина", "Азалия", "Айлин", "Зарина",
];

// ---------------------------------------------------------------------------------------------
// Randomness

/// splitmix64: small, fast and the same everywhere, which is all a demo needs.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// 0 ≤ n < `bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, Settings};

    fn actor(role: Role, org_id: i64) -> Actor {
        Actor {
            user_id: None,
            name: "тест".into(),
            role,
            org_id,
            address: "test".into(),
        }
    }

    async fn counts(app: &App, region: i64) -> (i64, i64) {
        let agg = app.aggregates(&Actor::operator(region)).await.unwrap();
        let count = |cat: Option<&str>| {
            agg.iter()
                .flat_map(|(_, c)| c)
                .filter(|(c, _)| cat.is_none_or(|x| x == c.as_str()))
                .map(|(_, n)| n)
                .sum::<i64>()
        };
        (count(Some("student")), count(None))
    }

    #[test]
    fn surnames_take_the_feminine_form() {
        assert_eq!(gendered("Иванов", Sex::F), "Иванова");
        assert_eq!(gendered("Соловьёв", Sex::F), "Соловьёва");
        assert_eq!(gendered("Покровский", Sex::F), "Покровская");
        assert_eq!(gendered("Толстой", Sex::F), "Толстая");
        assert_eq!(gendered("Черных", Sex::F), "Черных");
        assert_eq!(gendered("Ильин", Sex::M), "Ильин");
    }

    #[tokio::test]
    async fn demo_seeds_a_school_scale_once() {
        for b in storage::testing::backends() {
            let app = App::new(storage::testing::fresh_store(b).await.unwrap(), Settings::default());
            let accounts = app
                .seed_demo(Scale::School)
                .await
                .unwrap()
                .expect("an empty database is seeded");
            assert_eq!(accounts.len(), 14, "{b}");
            assert!(
                accounts
                    .iter()
                    .any(|a| a.login == "curator" && a.role == Role::Curator && a.org == "МБОУ СОШ № 17")
            );

            let all = app.organizations().await.unwrap();
            let schools: Vec<_> = all.iter().filter(|o| o.kind == "school").collect();
            assert_eq!(schools.len(), 2, "{b}");
            let school1 = schools.iter().find(|s| s.short_name == "МБОУ СОШ № 17").unwrap();
            let region = all.iter().find(|o| o.kind == "region").unwrap();
            let years = app.academic_years(school1.id).await.unwrap();
            assert_eq!(years.iter().filter(|y| y.is_current).count(), 1);

            let (students, total) = counts(&app, region.id).await;
            assert!(students >= 280, "{b}: {students} students");
            assert!(total >= 600, "{b}: {total} participants");

            let ok = app.login("curator", "demo").await.unwrap();
            assert!(ok.roles.iter().any(|r| r.role == "curator" && r.org_id == school1.id));
            assert!(ok.user.display_name.split(' ').count() == 3, "{}", ok.user.display_name);
            let guardian = app.login("guardian", "demo").await.unwrap();
            assert!(guardian.user.person_id.is_some());

            let curator = Actor {
                user_id: Some(ok.user.id),
                ..actor(Role::Curator, school1.id)
            };
            let d = app.dashboard(&curator).await.unwrap();
            assert!(d.counts.consent_missing > 0, "{b}: {:?}", d.counts);
            assert!(d.counts.turned_adult > 0, "{b}: {:?}", d.counts);
            assert!(
                d.counts
                    .by_category
                    .iter()
                    .any(|c| c.category == "teacher" && c.n >= 20)
            );

            // The mentee's card: a minor covered by the guardian's consent.
            let mentee = app.login("mentee", "demo").await.unwrap().user.person_id.unwrap();
            let card = app.participant_card(&curator, mentee).await.unwrap();
            assert!(card.minor && card.processing == domain::ConsentStatus::Valid, "{b}");
            assert_eq!(card.guardians.len(), 1);

            assert!(
                app.seed_demo(Scale::School).await.unwrap().is_none(),
                "{b}: seeded twice"
            );
            assert_eq!(app.organizations().await.unwrap().len(), all.len());
        }
    }

    /// `cargo test -p app --release demo_region -- --ignored --nocapture`
    #[tokio::test]
    #[ignore = "load-test data: 250,000 participants"]
    async fn demo_region_scale_timing() {
        for b in storage::testing::backends() {
            let app = App::new(storage::testing::fresh_store(b).await.unwrap(), Settings::default());
            let started = std::time::Instant::now();
            let accounts = app.seed_demo(Scale::Region).await.unwrap().unwrap();
            let seconds = started.elapsed().as_secs_f64();
            let all = app.organizations().await.unwrap();
            let region = all.iter().find(|o| o.kind == "region").unwrap();
            let (students, total) = counts(&app, region.id).await;
            println!("{b}: region scale seeded in {seconds:.1} s: {total} participants, {students} students");
            assert_eq!(all.iter().filter(|o| o.kind == "school").count(), 1000);
            assert_eq!(all.iter().filter(|o| o.kind == "municipality").count(), 60);
            assert_eq!(total, 250_000);
            assert_eq!(accounts.len(), 14);
            app.login("curator", "demo").await.unwrap();
        }
    }
}
