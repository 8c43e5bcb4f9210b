//! The engine's profiles of a pairing round, read from the base entries waiting for a pair
//! and their questionnaires: forms, kinds, classes, experience, the request's and the
//! competences' word stems, subjects, interests, convenient time, places.

use std::collections::{BTreeSet, HashMap};

use domain::base::{BaseKind, EntryStatus, Form, Kind, Labelled};
use domain::pairing::{Weights, stems};
use domain::questionnaire::Answers;
use domain::{CategoryKind, OrgKind};
use matching::{MenteeProfile, MentorProfile, MentoringForm, MentoringKind};
use storage::EntryFilter;
use storage::repo::{bases, orgs, pairing};

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
    /// How far the round reaches: a municipal round pairs across schools only.
    pub(crate) scope: matching::Scope,
    /// The school of each person (a municipal round's people come from many).
    pub(crate) schools: HashMap<i64, i64>,
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
pub(crate) fn engine_kind(k: Kind) -> MentoringKind {
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

/// Who a round reads: one school's bases, or a municipality's people ready for virtual
/// mentoring (R3.4) — its mentees who chose it and the municipal base's remote mentors.
struct Reach {
    org_ids: Vec<i64>,
    municipal: bool,
}

impl Reach {
    async fn of(db: &mut impl storage::Db, org: i64) -> Result<Self> {
        let row = orgs::get_org(db, org).await?;
        Ok(match row {
            Some(o) if o.kind == OrgKind::Municipality => Self {
                org_ids: orgs::schools_under(db, org).await?.into_iter().map(|s| s.id).collect(),
                municipal: true,
            },
            _ => Self {
                org_ids: vec![org],
                municipal: false,
            },
        })
    }

    /// The entries of `filter` in every school of the reach, one school at a time: over
    /// many schools at once PostgreSQL plans the consent rule's join badly (seconds).
    async fn list(&self, db: &mut impl storage::Db, filter: &EntryFilter) -> Result<Vec<storage::EntryRow>> {
        let mut out = Vec::new();
        for &school in &self.org_ids {
            let one = EntryFilter {
                org_ids: vec![school],
                ..filter.clone()
            };
            out.extend(bases::list(db, &one).await?);
        }
        Ok(out)
    }

    /// A person as the round's page names them: in a municipal round a minor by first name
    /// and initial, everyone with their school (the methodist needs no more, R3.4).
    fn side(&self, r: &storage::EntryRow, today: chrono::NaiveDate) -> Side {
        if !self.municipal {
            return Side::of_entry(r);
        }
        // Only someone known to be an adult by full name (a pupil without a birth date too
        // is named shortly).
        let adult = r.birth_date.is_some() && !domain::age::is_minor_if_known(r.birth_date, today);
        let name = if adult {
            crate::bases::person_name(&r.last_name, &r.first_name, r.patronymic.as_deref())
        } else {
            crate::questionnaire::short_name(&r.last_name, &r.first_name)
        };
        Side {
            person: r.person_id,
            name,
            place: r.place.clone(),
        }
        .with_school(Some(&r.school))
    }

    /// Whether a questionnaire lets the person into the round: in a municipal round only
    /// those ready to work remotely.
    fn admits(&self, a: &Answers) -> bool {
        !self.municipal || a.remote() || a.kinds.contains(&Kind::Virtual)
    }

    /// The kinds the engine sees: in a municipal round everyone is there for virtual mentoring.
    fn kinds(&self, a: &Answers) -> BTreeSet<MentoringKind> {
        let mut kinds: BTreeSet<MentoringKind> = a.kinds.iter().map(|&k| engine_kind(k)).collect();
        if self.municipal {
            kinds.insert(MentoringKind::Virtual);
        }
        kinds
    }
}

/// Reads the entries waiting for a pair (consent in force, by the one consent rule) into
/// the engine's profiles; `org` is a school, or a municipality for its virtual round.
pub(crate) async fn field(
    db: &mut impl storage::Db,
    org: i64,
    start_year: i64,
    today: chrono::NaiveDate,
) -> Result<Field> {
    let reach = Reach::of(db, org).await?;
    let filter = |base: BaseKind| EntryFilter {
        org_ids: reach.org_ids.clone(),
        start_year,
        base: base.code().into(),
        status: Some(EntryStatus::InBase.code().into()),
        sort: "name".into(),
        today,
        // The municipal base: adult mentors whose consent is in force.
        adults_born_before: (reach.municipal && base == BaseKind::Mentors)
            .then(|| domain::age::adult_born_on_or_before(today)),
        confirmed_only: reach.municipal && base == BaseKind::Mentors,
        ..Default::default()
    };
    let mut f = Field {
        today,
        scope: matching::Scope {
            other_school_only: reach.municipal,
            ..matching::Scope::default()
        },
        ..Field::default()
    };
    let mut waiting = reach.list(db, &filter(BaseKind::Mentees)).await?;
    // The longest waiting first: the engine settles equal scores by this order (R4.4).
    waiting.sort_by_key(|r| r.entry_date.unwrap_or(chrono::NaiveDate::MAX));
    for r in waiting {
        if r.shown_status() != EntryStatus::InBase {
            continue;
        }
        let a: Answers = serde_json::from_str(&r.answers).unwrap_or_default();
        if !reach.admits(&a) {
            continue;
        }
        if let Some(since) = r.entry_date {
            f.waiting_since.insert(r.person_id, since);
        }
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
            school: r.org_id as u64,
            municipality: org as u64,
            form: form.map(engine_form),
            kinds: reach.kinds(&a),
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
        // A sensitive category's request stays in the school: the methodist (no
        // `ViewSensitive`) sees neither it nor the words of it that met a competence.
        let hidden = reach.municipal && r.sensitive;
        let words = if hidden {
            HashMap::new()
        } else {
            words.into_iter().collect()
        };
        f.words.insert(r.person_id, words);
        let request = if hidden {
            String::new()
        } else if r.request.is_empty() {
            a.request.clone()
        } else {
            r.request.clone()
        };
        f.requests.insert(r.person_id, request);
        f.schools.insert(r.person_id, r.org_id);
        f.people.insert(r.person_id, reach.side(&r, today));
    }
    // Mentors waiting, and mentors of a group with places left (their entry says «в паре»).
    let mut load = HashMap::new();
    for &school in &reach.org_ids {
        load.extend(pairing::mentees_per_mentor(db, school).await?);
    }
    let mut mentors = reach.list(db, &filter(BaseKind::Mentors)).await?;
    let in_pairs = EntryFilter {
        status: Some(EntryStatus::InPair.code().into()),
        ..filter(BaseKind::Mentors)
    };
    mentors.extend(reach.list(db, &in_pairs).await?);
    for r in mentors {
        let open = match r.shown_status() {
            EntryStatus::InBase => true,
            EntryStatus::InPair => r.consent == domain::ConsentStatus::Valid,
            _ => false,
        };
        let a: Answers = serde_json::from_str(&r.answers).unwrap_or_default();
        if !open || !reach.admits(&a) {
            continue;
        }
        let mut forms: BTreeSet<MentoringForm> = a.forms.iter().map(|&x| engine_form(x)).collect();
        forms.extend(r.form.as_deref().and_then(Form::from_code).map(engine_form));
        let text = format!("{} {}", r.competences, a.competences.join(" "));
        let mut profile = MentorProfile {
            id: r.person_id as u64,
            school: r.org_id as u64,
            municipality: org as u64,
            forms,
            kinds: reach.kinds(&a),
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
        f.schools.insert(r.person_id, r.org_id);
        f.people.entry(r.person_id).or_insert_with(|| reach.side(&r, today));
    }
    Ok(f)
}
