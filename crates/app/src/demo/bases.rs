//! The demo's bases of mentors and mentees for the current year, so the pages have
//! something to show: teachers and senior pupils as mentors (with answered
//! questionnaires), pupils and young teachers as mentees. Only the first two schools get
//! them; the second school's mentors are ready to work remotely, so the municipal search
//! for virtual mentoring finds someone in another school.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use domain::base::{BaseKind, EntryStatus, Form, Kind, Labelled, MenteeCategory, MentorCategory, Mode, RequestSource};
use domain::questionnaire::Answers;
use storage::repo::{bases, persons};
use storage::{AnswerColumns, EntryFields, EntryPlace, Tx};

use crate::Result;

const COMPETENCES: [&str; 6] = [
    "подготовка к ОГЭ и ЕГЭ",
    "проектная деятельность",
    "олимпиадная подготовка",
    "классное руководство",
    "цифровые образовательные ресурсы",
    "работа с родителями",
];

const REQUESTS: [(&str, MenteeCategory, RequestSource); 6] = [
    (
        "подготовка к олимпиаде по математике",
        MenteeCategory::Gifted,
        RequestSource::Questionnaire,
    ),
    (
        "трудности с русским языком, нужна помощь с домашними заданиями",
        MenteeCategory::LowResults,
        RequestSource::ClassTeacher,
    ),
    (
        "хочет найти друзей и занятие по душе",
        MenteeCategory::Disengaged,
        RequestSource::Psychologist,
    ),
    (
        "конфликты с одноклассниками",
        MenteeCategory::Behaviour,
        RequestSource::ClassTeacher,
    ),
    (
        "пропуски уроков после переезда семьи",
        MenteeCategory::DifficultSituation,
        RequestSource::SocialWorker,
    ),
    (
        "интерес к робототехнике, нужен проект",
        MenteeCategory::Gifted,
        RequestSource::Parents,
    ),
];

/// How many of a school's people come into its bases.
#[derive(Debug, Clone, Copy)]
pub(super) struct Quota {
    /// Teachers in the base of mentors.
    pub(super) teacher_mentors: usize,
    /// Pupils of classes 9–11 in the base of mentors.
    pub(super) pupil_mentors: usize,
    /// Pupils in the base of mentees (classes 5–8 first).
    pub(super) pupil_mentees: usize,
    /// The youngest teachers in the base of mentees.
    pub(super) teacher_mentees: usize,
}

impl Quota {
    /// A school as the demo shows it: 12 mentors, 20 mentees.
    pub(super) const SMALL: Self = Self {
        teacher_mentors: 8,
        pupil_mentors: 4,
        pupil_mentees: 18,
        teacher_mentees: 2,
    };
    /// The region's large school for the pairing benchmark: 300 mentors, 600 mentees.
    pub(super) const LARGE: Self = Self {
        teacher_mentors: 240,
        pupil_mentors: 60,
        pupil_mentees: 590,
        teacher_mentees: 10,
    };
}

/// One school's entries; `remote` marks its mentors ready for online mentoring.
pub(super) async fn seed_school(
    tx: &mut Tx,
    place: (i64, i64),
    (start_year, today): (i64, NaiveDate),
    now: DateTime<Utc>,
    (quota, remote): (Quota, bool),
) -> Result<()> {
    let (org, region) = place;
    let people = persons::roster(tx, org).await?;
    let consented: HashMap<i64, domain::ConsentStatus> =
        persons::consent_statuses(tx, org, today).await?.into_iter().collect();
    let status = |id: i64| {
        if consented.get(&id) == Some(&domain::ConsentStatus::Valid) {
            EntryStatus::InBase
        } else {
            EntryStatus::Candidate
        }
        .code()
        .to_string()
    };
    let mut teachers: Vec<_> = people
        .iter()
        .filter(|p| p.category == domain::CategoryKind::Teacher)
        .collect();
    teachers.sort_by_key(|p| p.id);
    let mut pupils: Vec<_> = people
        .iter()
        .filter(|p| !p.withdrawn)
        .filter_map(|p| p.grade.and_then(|g| u8::try_from(g).ok()).map(|g| (p, g)))
        .collect();
    pupils.sort_by_key(|(p, _)| p.id);

    // Mentors: teachers and pupils of classes 9–11.
    let mut mentors: Vec<(i64, EntryFields, Answers)> = Vec::new();
    for (i, t) in teachers.iter().take(quota.teacher_mentors).enumerate() {
        let form = if i % 2 == 0 {
            Form::TeacherTeacher
        } else {
            Form::TeacherStudent
        };
        let answers = Answers {
            competences: vec![COMPETENCES[i % 6].to_string(), COMPETENCES[(i + 2) % 6].to_string()],
            forms: vec![form],
            // Every fourth teacher of another school also works online when asked (a
            // «Учитель – учитель» mentor): the municipal virtual round pairs them across schools.
            kinds: if remote {
                vec![Kind::Virtual]
            } else if i % 4 == 2 {
                vec![Kind::Traditional, Kind::Virtual]
            } else {
                vec![Kind::Traditional]
            },
            availability: 0b0101 << (i % 4 * 2),
            mode: Some(match (remote, i % 4 == 2) {
                (true, _) => Mode::Online,
                (false, true) => Mode::Mixed,
                (false, false) => Mode::InPerson,
            }),
            capacity: Some(2),
            mentored_before: Some(i % 3 == 0),
            // Experienced teachers: «Учитель – учитель» needs 3 more years than the mentee's.
            experience: Some(8 + (i as u8 % 4) * 5),
            ..Answers::default()
        };
        let fields = EntryFields {
            status: status(t.id),
            category: Some(MentorCategory::Teacher.code().into()),
            teacher: true,
            competences: answers.competences.join("; "),
            form: Some(form.code().into()),
            entry_date: Some(today),
            ..EntryFields::default()
        };
        mentors.push((t.id, fields, answers));
    }
    for (p, _) in pupils.iter().filter(|(_, g)| *g >= 9).take(quota.pupil_mentors) {
        let answers = Answers {
            competences: vec!["помощь в учёбе младшим".into()],
            forms: vec![Form::StudentStudent],
            kinds: vec![Kind::Group],
            availability: 0b1010_1010,
            mode: Some(Mode::InPerson),
            capacity: Some(3),
            grades: Some((5, 7)),
            ..Answers::default()
        };
        let fields = EntryFields {
            status: status(p.id),
            category: Some(MentorCategory::Student.code().into()),
            competences: answers.competences.join("; "),
            form: Some(Form::StudentStudent.code().into()),
            entry_date: Some(today),
            ..EntryFields::default()
        };
        mentors.push((p.id, fields, answers));
    }

    // Mentees: pupils of classes 5–8 and the two youngest teachers (a teacher can be in both bases).
    let mut mentees: Vec<(i64, EntryFields, Answers)> = Vec::new();
    // Mentees came into the base on different days since the year began, so the waiting
    // list has something to order.
    let year_began = domain::AcademicYear::containing(today).starts_on();
    let came = |i: usize| {
        let back = chrono::Days::new((5 + i as u64 * 7) % 80);
        today
            .checked_sub_days(back)
            .filter(|d| *d >= year_began)
            .unwrap_or(year_began.max(today))
    };
    let mentor_ids: std::collections::HashSet<i64> = mentors.iter().map(|m| m.0).collect();
    let younger = pupils.iter().filter(|(_, g)| *g <= 8);
    let older = pupils.iter().filter(|(p, g)| *g > 8 && !mentor_ids.contains(&p.id));
    for (i, (p, _)) in younger.chain(older).take(quota.pupil_mentees).enumerate() {
        let (request, category, source) = REQUESTS[i % REQUESTS.len()];
        // Every third pupil asks for a teacher, the others for an older pupil.
        let form = if i % 3 == 0 {
            Form::TeacherStudent
        } else {
            Form::StudentStudent
        };
        // In a school whose mentors work remotely, a pupil asking for a teacher asks for one
        // online: the municipal virtual round (R3.4) has pupils to pair across schools.
        let online = remote && form == Form::TeacherStudent;
        let answers = Answers {
            request: request.into(),
            forms: vec![form],
            kinds: if online { vec![Kind::Virtual] } else { Vec::new() },
            availability: 0b0011 << (i % 5 * 2),
            mode: Some(if online { Mode::Online } else { Mode::InPerson }),
            ..Answers::default()
        };
        let fields = EntryFields {
            status: status(p.id),
            category: Some(category.code().into()),
            sensitive: category.is_sensitive(),
            request: request.into(),
            request_source: Some(source.code().into()),
            form: Some(form.code().into()),
            entry_date: Some(came(i)),
            ..EntryFields::default()
        };
        mentees.push((p.id, fields, answers));
    }
    let mut young = teachers.clone();
    young.sort_by_key(|p| std::cmp::Reverse(p.birth_date));
    for t in young.iter().take(quota.teacher_mentees) {
        let answers = Answers {
            request: "адаптация в профессии, методика урока".into(),
            forms: vec![Form::TeacherTeacher],
            experience: Some(1),
            availability: 0b1100,
            mode: Some(Mode::Mixed),
            ..Answers::default()
        };
        let fields = EntryFields {
            status: status(t.id),
            category: Some(MenteeCategory::YoungSpecialist.code().into()),
            teacher: true,
            request: answers.request.clone(),
            request_source: Some(RequestSource::Questionnaire.code().into()),
            form: Some(Form::TeacherTeacher.code().into()),
            entry_date: Some(today),
            ..EntryFields::default()
        };
        mentees.push((t.id, fields, answers));
    }

    // Teacher mentors signed their consent to the added duties (TEMPLATES.md §8.11).
    let signed: Vec<(i64, NaiveDate)> = mentors.iter().filter(|m| m.1.teacher).map(|m| (m.0, today)).collect();
    storage::repo::duties::give_many(tx, org, &signed, now).await?;
    for (base, rows) in [(BaseKind::Mentors, mentors), (BaseKind::Mentees, mentees)] {
        let place = EntryPlace {
            org_id: org,
            region_id: region,
            start_year,
            base: base.code(),
        };
        let answers: Vec<Answers> = rows.iter().map(|r| r.2.clone()).collect();
        let entries: Vec<_> = rows.into_iter().map(|(p, f, _)| (p, f)).collect();
        let ids = bases::insert_many(tx, place, entries, now).await?;
        for (id, a) in ids.into_iter().zip(answers) {
            let json = serde_json::to_string(&a).unwrap_or_else(|_| "{}".into());
            let competences = a.competences.join("; ");
            let columns = AnswerColumns {
                answers: &json,
                request: &a.request,
                competences: &competences,
                form: a.forms.first().map(|f| f.code()),
                remote: a.remote(),
            };
            bases::save_answers(tx, org, id, &columns, now).await?;
        }
    }
    Ok(())
}
