//! The questionnaires of a mentor candidate and a mentee candidate (TEMPLATES.md §2.2,
//! `q_mentor_intake` and `q_mentee_intake`): what a participant or a guardian answers from a
//! personal link, checked and kept as structured values the matching engine reads
//! (forms, kinds, competences, subjects, interests, availability as a bitmask).

use serde::{Deserialize, Serialize};

use crate::base::{BaseKind, Form, Kind, Labelled, Mode, Topic};
use crate::category::CategoryKind;
use crate::{Violation, Violations};

/// Days of the availability grid: Monday to Saturday.
pub const DAYS: [&str; 6] = ["пн", "вт", "ср", "чт", "пт", "сб"];

/// Halves of a day in the availability grid.
pub const HALVES: [&str; 2] = ["до обеда", "после обеда"];

/// Slots of the grid (day × half), bit `day * 2 + half` of [`Answers::availability`].
pub const SLOTS: usize = DAYS.len() * HALVES.len();

/// A question a school added to its questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraQuestion {
    /// Id (the form field is `extra_{id}`).
    pub id: i64,
    /// The question.
    pub label: String,
    /// `text`, `yes_no`, `scale_1_10` or `choice`.
    pub kind: String,
    /// Choices of a `choice` question.
    pub options: Vec<String>,
    /// An answer is required.
    pub required: bool,
}

/// An answer to one of the school's questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraAnswer {
    /// Question id.
    pub id: i64,
    /// The question as it was asked.
    pub question: String,
    /// The answer as text («да», «7», a choice, free text).
    pub answer: String,
}

/// The answers of one questionnaire, as stored with the base entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    /// The request in the participant's words (mentees).
    #[serde(default)]
    pub request: String,
    /// Topics of the request (§7.13).
    #[serde(default)]
    pub topics: Vec<Topic>,
    /// Interests, lower-cased, one per item.
    #[serde(default)]
    pub interests: Vec<String>,
    /// Competences and achievements (mentors), one per item.
    #[serde(default)]
    pub competences: Vec<String>,
    /// Subjects: those asked about (mentees) or taught (mentors).
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Forms wanted or offered (§7.1).
    #[serde(default)]
    pub forms: Vec<Form>,
    /// Kinds wanted or offered (§7.2).
    #[serde(default)]
    pub kinds: Vec<Kind>,
    /// Convenient time: bit `day * 2 + half` (Monday before noon is bit 0).
    #[serde(default)]
    pub availability: u16,
    /// Online, in person or mixed (§7.8).
    #[serde(default)]
    pub mode: Option<Mode>,
    /// How many mentees a mentor can take (1 for individual mentoring).
    #[serde(default)]
    pub capacity: Option<u8>,
    /// The classes a mentor prefers to work with: (from, to).
    #[serde(default)]
    pub grades: Option<(u8, u8)>,
    /// Years of work experience (teachers).
    #[serde(default)]
    pub experience: Option<u8>,
    /// Has mentored before (mentors).
    #[serde(default)]
    pub mentored_before: Option<bool>,
    /// Why the participant wants to take part.
    #[serde(default)]
    pub motivation: String,
    /// Ready for a «договор о сотрудничестве на безвозмездной основе» (external mentors).
    #[serde(default)]
    pub agreement_ready: Option<bool>,
    /// Answers to the school's own questions.
    #[serde(default)]
    pub extra: Vec<ExtraAnswer>,
}

impl Answers {
    /// Ready to mentor or be mentored remotely (online or mixed).
    pub fn remote(&self) -> bool {
        matches!(self.mode, Some(Mode::Online | Mode::Mixed))
    }

    /// The availability as text: «пн до обеда, ср после обеда».
    pub fn availability_text(&self) -> String {
        (0..SLOTS)
            .filter(|bit| self.availability & (1 << bit) != 0)
            .map(|bit| format!("{} {}", DAYS[bit / 2], HALVES[bit % 2]))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Who mentors and who is mentored in a form of mentoring (§7.1): «Ученик – ученик» pairs
/// pupils, «Руководитель образовательной организации – учитель» a head with a teacher.
fn sides(form: Form) -> (&'static [CategoryKind], &'static [CategoryKind]) {
    use CategoryKind::*;
    const PUPILS: &[CategoryKind] = &[Student, CollegeStudent];
    const TEACHERS: &[CategoryKind] = &[Teacher, VeteranTeacher, Head];
    match form {
        Form::StudentStudent => (PUPILS, PUPILS),
        Form::TeacherTeacher => (TEACHERS, &[Teacher, Head]),
        Form::TeacherStudent => (TEACHERS, PUPILS),
        Form::HeadTeacher => (&[Head], &[Teacher]),
        Form::EmployerStudent => (&[EnterpriseEmployee, Entrepreneur], &[CollegeStudent]),
        Form::UnivTeacherYoungTeacher => (&[UniversityTeacher], &[Teacher]),
        Form::CollegeStudentPupil => (&[CollegeStudent, Graduate], &[Student]),
        // Parents and graduates mentor pupils the way employers do: on trades and careers.
        Form::EmployerPupil => (&[EnterpriseEmployee, Entrepreneur, Parent, Graduate], &[Student]),
    }
}

/// The forms of mentoring (§7.1) that fit a participant of category `who` in `base`: the
/// questionnaire offers only these and refuses others, so a pupil is never asked about
/// «Руководитель ОО – учитель» and a teacher never about «Ученик – ученик».
pub fn fitting_forms(base: BaseKind, who: CategoryKind) -> Vec<Form> {
    Form::ALL
        .iter()
        .copied()
        .filter(|f| {
            let (mentors, mentees) = sides(*f);
            match base {
                BaseKind::Mentors => mentors.contains(&who),
                BaseKind::Mentees => mentees.contains(&who),
            }
        })
        .collect()
}

/// The kinds of mentoring (§7.2) that fit a participant of category `who`: reverse mentoring
/// (a younger colleague mentors an experienced one in new technologies) is between teachers;
/// the other kinds fit everyone.
pub fn fitting_kinds(_base: BaseKind, who: CategoryKind) -> Vec<Kind> {
    let teacher = matches!(
        who,
        CategoryKind::Teacher | CategoryKind::VeteranTeacher | CategoryKind::Head | CategoryKind::UniversityTeacher
    );
    Kind::ALL
        .iter()
        .copied()
        .filter(|k| teacher || *k != Kind::Reverse)
        .collect()
}

/// The submitted form: every (name, value) pair, checkboxes repeated.
#[derive(Debug, Clone, Default)]
pub struct Submitted(pub Vec<(String, String)>);

impl Submitted {
    fn one(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }

    fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// Longest free text answer.
pub const MAX_TEXT: usize = 2000;

/// Splits a free-text list («математика, шахматы; робототехника») into items.
pub fn items(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in text.split([',', ';', '\n']) {
        let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
        if !item.is_empty()
            && item.chars().count() <= 100
            && !out.iter().any(|o| o.to_lowercase() == item.to_lowercase())
        {
            out.push(item);
        }
        if out.len() == 30 {
            break;
        }
    }
    out
}

fn text(e: &mut Violations, f: &Submitted, name: &'static str) -> String {
    let t = f.one(name);
    if t.chars().count() > MAX_TEXT {
        e.push(Violation::new(name, "err-too-long").arg("max", MAX_TEXT));
    }
    t.chars().take(MAX_TEXT).collect()
}

fn codes<T: Labelled + PartialEq>(e: &mut Violations, f: &Submitted, name: &'static str) -> Vec<T> {
    let mut out = Vec::new();
    for v in f.all(name) {
        match T::from_code(v) {
            Some(x) if !out.contains(&x) => out.push(x),
            Some(_) => {}
            None => e.push(Violation::new(name, "err-q-choice")),
        }
    }
    out
}

fn number(e: &mut Violations, f: &Submitted, name: &'static str, min: u8, max: u8) -> Option<u8> {
    let t = f.one(name);
    if t.is_empty() {
        return None;
    }
    match t.parse::<u8>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            e.push(Violation::new(name, "err-q-number").arg("min", min).arg("max", max));
            None
        }
    }
}

fn yes_no(f: &Submitted, name: &str) -> Option<bool> {
    match f.one(name) {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// Reads and checks a submitted questionnaire of `base` for a participant of category `who`
/// with the school's `extra` questions; forms and kinds that do not fit `who` are refused.
pub fn parse(base: BaseKind, who: CategoryKind, f: &Submitted, extra: &[ExtraQuestion]) -> Result<Answers, Violations> {
    let mut e = Violations::default();
    let mut a = Answers {
        request: text(&mut e, f, "request"),
        topics: codes(&mut e, f, "topics"),
        interests: items(&text(&mut e, f, "interests"))
            .into_iter()
            .map(|s| s.to_lowercase())
            .collect(),
        competences: items(&text(&mut e, f, "competences")),
        subjects: items(&text(&mut e, f, "subjects")),
        forms: codes(&mut e, f, "forms"),
        kinds: codes(&mut e, f, "kinds"),
        motivation: text(&mut e, f, "motivation"),
        experience: number(&mut e, f, "experience", 0, 60),
        mentored_before: yes_no(f, "mentored_before"),
        agreement_ready: yes_no(f, "agreement_ready"),
        ..Answers::default()
    };
    let forms = fitting_forms(base, who);
    for form in a.forms.iter().filter(|x| !forms.contains(x)) {
        e.push(Violation::new("forms", "err-q-form-unfit").arg("form", form.label()));
    }
    let kinds = fitting_kinds(base, who);
    for kind in a.kinds.iter().filter(|x| !kinds.contains(x)) {
        e.push(Violation::new("kinds", "err-q-kind-unfit").arg("kind", kind.label()));
    }
    for v in f.all("slots") {
        match v.parse::<usize>() {
            Ok(bit) if bit < SLOTS => a.availability |= 1 << bit,
            _ => e.push(Violation::new("slots", "err-q-choice")),
        }
    }
    let mode = f.one("mode");
    if !mode.is_empty() {
        match Mode::from_code(mode) {
            Some(m) => a.mode = Some(m),
            None => e.push(Violation::new("mode", "err-q-choice")),
        }
    }
    match base {
        BaseKind::Mentees => {
            if a.request.is_empty() {
                e.push(Violation::new("request", "err-q-request"));
            }
        }
        BaseKind::Mentors => {
            if a.competences.is_empty() {
                e.push(Violation::new("competences", "err-q-competences"));
            }
            if a.forms.is_empty() {
                e.push(Violation::new("forms", "err-q-forms"));
            }
            a.capacity = number(&mut e, f, "capacity", 1, 30);
            let from = number(&mut e, f, "grade_from", 1, 11);
            let to = number(&mut e, f, "grade_to", 1, 11);
            a.grades = match (from, to) {
                (Some(x), Some(y)) if x > y => {
                    e.push(Violation::new("grade_to", "err-q-grades"));
                    None
                }
                (Some(x), Some(y)) => Some((x, y)),
                (Some(x), None) => Some((x, 11)),
                (None, Some(y)) => Some((1, y)),
                (None, None) => None,
            };
        }
    }
    if a.availability == 0 {
        e.push(Violation::new("slots", "err-q-slots"));
    }
    for q in extra {
        let name = format!("extra_{}", q.id);
        let answer = f.one(&name);
        let ok = match q.kind.as_str() {
            "yes_no" => answer.is_empty() || answer == "да" || answer == "нет",
            "scale_1_10" => answer.is_empty() || answer.parse::<u8>().is_ok_and(|n| (1..=10).contains(&n)),
            "choice" => answer.is_empty() || q.options.iter().any(|o| o == answer),
            _ => answer.chars().count() <= MAX_TEXT,
        };
        if !ok && q.kind == "text" {
            e.push(
                Violation::new("extra", "err-q-extra-long")
                    .arg("question", &q.label)
                    .arg("max", MAX_TEXT),
            );
        } else if !ok {
            e.push(Violation::new("extra", "err-q-extra").arg("question", &q.label));
        } else if answer.is_empty() && q.required {
            e.push(Violation::new("extra", "err-q-extra-required").arg("question", &q.label));
        } else if !answer.is_empty() {
            a.extra.push(ExtraAnswer {
                id: q.id,
                question: q.label.clone(),
                answer: answer.to_string(),
            });
        }
    }
    if e.is_empty() { Ok(a) } else { Err(e) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Submitted {
        Submitted(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    #[test]
    fn a_mentee_questionnaire_becomes_structured_values() {
        let f = form(&[
            ("request", "подтянуть алгебру к ОГЭ"),
            ("topics", "subject"),
            ("interests", "Шахматы, робототехника; шахматы"),
            ("subjects", "алгебра, геометрия"),
            ("forms", "student_student"),
            ("kinds", "traditional"),
            ("slots", "0"),
            ("slots", "5"),
            ("mode", "online"),
        ]);
        let a = parse(BaseKind::Mentees, CategoryKind::Student, &f, &[]).unwrap();
        assert_eq!(a.interests, vec!["шахматы", "робототехника"]);
        assert_eq!(a.subjects, vec!["алгебра", "геометрия"]);
        assert_eq!(a.forms, vec![Form::StudentStudent]);
        assert_eq!(a.availability, 0b100001);
        assert_eq!(a.availability_text(), "пн до обеда, ср после обеда");
        assert!(a.remote());
    }

    #[test]
    fn missing_and_wrong_answers_are_named_by_field() {
        let f = form(&[
            ("forms", "nonsense"),
            ("capacity", "0"),
            ("grade_from", "9"),
            ("grade_to", "5"),
        ]);
        let e = parse(BaseKind::Mentors, CategoryKind::Teacher, &f, &[]).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|v| v.field).collect();
        for want in ["forms", "competences", "capacity", "grade_to", "slots"] {
            assert!(fields.contains(&want), "{want} not in {fields:?}");
        }
    }

    #[test]
    fn school_questions_are_checked_and_kept() {
        let q = vec![
            ExtraQuestion {
                id: 7,
                label: "Оцените интерес к проекту".into(),
                kind: "scale_1_10".into(),
                options: vec![],
                required: true,
            },
            ExtraQuestion {
                id: 8,
                label: "Кружок".into(),
                kind: "choice".into(),
                options: vec!["шахматы".into(), "театр".into()],
                required: false,
            },
        ];
        let base = [("request", "x"), ("slots", "1")];
        let missing = parse(BaseKind::Mentees, CategoryKind::Student, &form(&base), &q).unwrap_err();
        assert_eq!(missing.0[0].code, "err-q-extra-required");
        let mut ok = base.to_vec();
        ok.extend([("extra_7", "8"), ("extra_8", "театр")]);
        let a = parse(BaseKind::Mentees, CategoryKind::Student, &form(&ok), &q).unwrap();
        assert_eq!(a.extra.len(), 2);
        assert_eq!(a.extra[1].answer, "театр");
        let mut bad = base.to_vec();
        bad.extend([("extra_7", "11"), ("extra_8", "футбол")]);
        assert_eq!(
            parse(BaseKind::Mentees, CategoryKind::Student, &form(&bad), &q)
                .unwrap_err()
                .0
                .len(),
            2
        );
    }

    #[test]
    fn only_the_forms_that_fit_the_participant_are_offered_and_taken() {
        let pupil = fitting_forms(BaseKind::Mentees, CategoryKind::Student);
        assert!(pupil.contains(&Form::StudentStudent) && pupil.contains(&Form::TeacherStudent));
        for teachers in [Form::HeadTeacher, Form::UnivTeacherYoungTeacher, Form::TeacherTeacher] {
            assert!(!pupil.contains(&teachers), "{teachers:?} offered to a pupil");
        }
        let teacher = fitting_forms(BaseKind::Mentees, CategoryKind::Teacher);
        assert!(teacher.contains(&Form::HeadTeacher) && teacher.contains(&Form::UnivTeacherYoungTeacher));
        assert!(!teacher.contains(&Form::StudentStudent) && !teacher.contains(&Form::TeacherStudent));
        assert_eq!(
            fitting_forms(BaseKind::Mentors, CategoryKind::Head),
            vec![Form::TeacherTeacher, Form::TeacherStudent, Form::HeadTeacher]
        );
        // Every mentor has a form to choose: the mentors' questionnaire requires one.
        for who in CategoryKind::ALL {
            assert!(!fitting_forms(BaseKind::Mentors, who).is_empty(), "{who:?}");
        }
        assert!(!fitting_kinds(BaseKind::Mentees, CategoryKind::Student).contains(&Kind::Reverse));
        assert!(fitting_kinds(BaseKind::Mentors, CategoryKind::Teacher).contains(&Kind::Reverse));

        let f = form(&[
            ("request", "x"),
            ("slots", "1"),
            ("forms", "head_teacher"),
            ("kinds", "reverse"),
        ]);
        let e = parse(BaseKind::Mentees, CategoryKind::Student, &f, &[]).unwrap_err();
        let codes: Vec<(&str, &str)> = e.0.iter().map(|v| (v.field, v.code)).collect();
        assert_eq!(
            codes,
            vec![("forms", "err-q-form-unfit"), ("kinds", "err-q-kind-unfit")]
        );
        assert!(parse(BaseKind::Mentees, CategoryKind::Teacher, &f, &[]).is_ok());
    }
}
