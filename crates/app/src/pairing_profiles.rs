//! The engine's profiles of a pairing round, read from the base entries waiting for a pair
//! and their questionnaires: forms, kinds, classes, experience, the request's and the
//! competences' word stems, subjects, interests, convenient time, places.

use std::collections::{BTreeSet, HashMap};

use domain::CategoryKind;
use domain::base::{BaseKind, EntryStatus, Form, Kind, Labelled};
use domain::pairing::{Weights, stems};
use domain::questionnaire::Answers;
use matching::{MenteeProfile, MentorProfile, MentoringForm, MentoringKind};
use storage::EntryFilter;
use storage::repo::{bases, pairing};

use crate::Result;
use crate::pairing::Side;

/// The profiles of a round and the people behind them.
#[derive(Default)]
pub(crate) struct Field {
    pub(crate) mentees: Vec<MenteeProfile>,
    pub(crate) mentors: Vec<MentorProfile>,
    pub(crate) people: HashMap<i64, Side>,
    pub(crate) requests: HashMap<i64, String>,
    /// Stem → the mentee's own word, for the reasons.
    pub(crate) words: HashMap<i64, HashMap<String, String>>,
    pub(crate) forms: HashMap<i64, Form>,
    /// Since when each mentee waits (the entry's date in the base).
    pub(crate) waiting_since: HashMap<i64, chrono::NaiveDate>,
    /// The school's today the field was read on.
    pub(crate) today: chrono::NaiveDate,
}

impl Field {
    /// A mentee of this round (any other person, of this school or not, is not found).
    pub(crate) fn has_mentee(&self, person: i64) -> bool {
        self.mentees.iter().any(|e| e.id == person as u64)
    }

    /// A person of the round as the pages name them («—» for one no longer in it).
    pub(crate) fn side(&self, person: i64) -> Side {
        self.people.get(&person).cloned().unwrap_or_else(|| Side {
            person,
            name: "—".into(),
            place: String::new(),
        })
    }

    /// The people of the other side of the round from `person` (mentors for a mentee,
    /// mentees for a mentor); `None` for someone on neither side (no longer waiting).
    pub(crate) fn other_side(&self, person: i64) -> Option<Vec<i64>> {
        if self.has_mentee(person) {
            Some(self.mentors.iter().map(|r| r.id as i64).collect())
        } else if self.has_mentor(person) {
            Some(self.mentees.iter().map(|e| e.id as i64).collect())
        } else {
            None
        }
    }

    /// A mentor with places in this round.
    pub(crate) fn has_mentor(&self, person: i64) -> bool {
        self.mentors.iter().any(|r| r.id == person as u64)
    }
}

/// The engine's form for a form of the bases (the same list, TEMPLATES.md §7.1).
fn engine_form(f: Form) -> MentoringForm {
    match f {
        Form::StudentStudent => MentoringForm::StudentStudent,
        Form::TeacherTeacher => MentoringForm::TeacherTeacher,
        Form::TeacherStudent => MentoringForm::TeacherStudent,
        Form::HeadTeacher => MentoringForm::HeadTeacher,
        Form::EmployerStudent => MentoringForm::EmployerStudent,
        Form::UnivTeacherYoungTeacher => MentoringForm::UnivTeacherYoungTeacher,
        Form::CollegeStudentPupil => MentoringForm::CollegeStudentPupil,
        Form::EmployerPupil => MentoringForm::EmployerPupil,
    }
}

/// The engine's kind for a kind of the bases (§7.2).
fn engine_kind(k: Kind) -> MentoringKind {
    match k {
        Kind::Virtual => MentoringKind::Virtual,
        Kind::Group => MentoringKind::Group,
        Kind::ShortTermGoal => MentoringKind::ShortTermGoal,
        Kind::Reverse => MentoringKind::Reverse,
        Kind::Situational => MentoringKind::Situational,
        Kind::Speed => MentoringKind::Speed,
        Kind::Traditional => MentoringKind::Traditional,
    }
}

/// The engine's weights for the school's.
pub(crate) fn engine_weights(w: &Weights) -> matching::Weights {
    let [
        competences,
        subjects,
        interests,
        same_school,
        age_fit,
        availability,
        meeting,
        mutual_choice,
    ] = w.0;
    matching::Weights {
        competences,
        subjects,
        interests,
        same_school,
        age_fit,
        availability,
        meeting,
        mutual_choice,
    }
}

/// The class of a pupil from the class text («7Б» → 7).
fn grade(category: CategoryKind, place: &str) -> Option<u8> {
    if category != CategoryKind::Student {
        return None;
    }
    let digits: String = place.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|g| (1..=11).contains(g))
}

/// Reads the entries waiting for a pair (consent in force, by the one consent rule) into
/// the engine's profiles.
pub(crate) async fn field(
    db: &mut impl storage::Db,
    org: i64,
    start_year: i64,
    today: chrono::NaiveDate,
) -> Result<Field> {
    let filter = |base: BaseKind| EntryFilter {
        org_ids: vec![org],
        start_year,
        base: base.code().into(),
        status: Some(EntryStatus::InBase.code().into()),
        sort: "name".into(),
        today,
        ..Default::default()
    };
    let mut f = Field {
        mentees: Vec::new(),
        mentors: Vec::new(),
        people: HashMap::new(),
        requests: HashMap::new(),
        words: HashMap::new(),
        forms: HashMap::new(),
        waiting_since: HashMap::new(),
        today,
    };
    let mut waiting = bases::list(db, &filter(BaseKind::Mentees)).await?;
    // The longest waiting first: the engine settles equal scores by this order (R4.4).
    waiting.sort_by_key(|r| r.entry_date.unwrap_or(chrono::NaiveDate::MAX));
    for r in waiting {
        if r.shown_status() != EntryStatus::InBase {
            continue;
        }
        if let Some(since) = r.entry_date {
            f.waiting_since.insert(r.person_id, since);
        }
        let a: Answers = serde_json::from_str(&r.answers).unwrap_or_default();
        let form = r.form.as_deref().and_then(Form::from_code).or(a.forms.first().copied());
        let text = format!(
            "{} {} {}",
            r.request,
            a.request,
            a.topics.iter().map(|t| t.label()).collect::<Vec<_>>().join(" ")
        );
        let words = stems(&text);
        f.mentees.push(MenteeProfile {
            id: r.person_id as u64,
            school: org as u64,
            form: form.map(engine_form),
            kinds: a.kinds.iter().map(|&k| engine_kind(k)).collect(),
            grade: grade(r.person_category, &r.place),
            experience: a.experience,
            request: words.iter().map(|(s, _)| s.clone()).collect(),
            subjects: a.subjects.iter().map(|s| s.to_lowercase()).collect(),
            interests: a.interests.iter().map(|s| s.to_lowercase()).collect(),
            availability: u32::from(a.availability),
            online: a.remote(),
            consent: true,
            ..Default::default()
        });
        if let Some(form) = form {
            f.forms.insert(r.person_id, form);
        }
        f.words.insert(r.person_id, words.into_iter().collect());
        let request = if r.request.is_empty() {
            a.request.clone()
        } else {
            r.request.clone()
        };
        f.requests.insert(r.person_id, request);
        f.people.insert(r.person_id, Side::of_entry(&r));
    }
    // Mentors waiting, and mentors of a group with places left (their entry says «в паре»).
    let load = pairing::mentees_per_mentor(db, org).await?;
    let mut mentors = bases::list(db, &filter(BaseKind::Mentors)).await?;
    let in_pairs = EntryFilter {
        status: Some(EntryStatus::InPair.code().into()),
        ..filter(BaseKind::Mentors)
    };
    mentors.extend(bases::list(db, &in_pairs).await?);
    for r in mentors {
        let open = match r.shown_status() {
            EntryStatus::InBase => true,
            EntryStatus::InPair => r.consent == domain::ConsentStatus::Valid,
            _ => false,
        };
        if !open {
            continue;
        }
        let a: Answers = serde_json::from_str(&r.answers).unwrap_or_default();

        let mut forms: BTreeSet<MentoringForm> = a.forms.iter().map(|&x| engine_form(x)).collect();
        forms.extend(r.form.as_deref().and_then(Form::from_code).map(engine_form));
        let text = format!("{} {}", r.competences, a.competences.join(" "));
        let mut profile = MentorProfile {
            id: r.person_id as u64,
            school: org as u64,
            forms,
            kinds: a.kinds.iter().map(|&k| engine_kind(k)).collect(),
            grade: grade(r.person_category, &r.place),
            experience: a.experience,
            competences: stems(&text).into_iter().map(|(s, _)| s).collect(),
            subjects: a.subjects.iter().map(|s| s.to_lowercase()).collect(),
            interests: a.interests.iter().map(|s| s.to_lowercase()).collect(),
            availability: u32::from(a.availability),
            online: a.remote(),
            capacity: u32::from(a.capacity.unwrap_or(1)),
            preferred_grades: a.grades,
            consent: true,
            ..Default::default()
        };
        // The places the engine's rule gives, less the mentees the mentor already has.
        let left = matching::places(&profile).saturating_sub(load.get(&r.person_id).copied().unwrap_or(0));
        if left == 0 {
            continue;
        }
        profile.capacity = left;
        f.mentors.push(profile);
        f.people.entry(r.person_id).or_insert_with(|| Side::of_entry(&r));
    }
    Ok(f)
}
