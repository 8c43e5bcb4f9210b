//! What the curator knows about a mentee and a mentor (from the questionnaires, R3, R4.1),
//! and the forms and kinds of mentoring with their labels (TEMPLATES.md §7.1, §7.2).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// Form of mentoring: who mentors whom (TEMPLATES.md §7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentoringForm {
    /// «Ученик – ученик».
    StudentStudent,
    /// «Учитель – учитель».
    TeacherTeacher,
    /// «Учитель – ученик».
    TeacherStudent,
    /// «руководитель образовательной организации - учитель».
    HeadTeacher,
    /// «работодатель - студент».
    EmployerStudent,
    /// «педагог вуза/колледжа - молодой педагог образовательной организации».
    UnivTeacherYoungTeacher,
    /// «студент – ученик».
    CollegeStudentPupil,
    /// «работодатель – ученик».
    EmployerPupil,
}

impl MentoringForm {
    /// Whether the mentee of this form is a teacher (otherwise a learner).
    pub fn mentee_is_teacher(self) -> bool {
        matches!(
            self,
            Self::TeacherTeacher | Self::HeadTeacher | Self::UnivTeacherYoungTeacher
        )
    }
}

/// Kind of mentoring (TEMPLATES.md §7.2; the seeds print them as «Формы наставничества»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentoringKind {
    /// «виртуальное (дистанционное) наставничество»: the mentor may be in another school.
    Virtual,
    /// «наставничество в группе»: a mentor takes several mentees.
    Group,
    /// «краткосрочное или целеполагающее наставничество».
    ShortTermGoal,
    /// «реверсивное наставничество».
    Reverse,
    /// «ситуационное наставничество».
    Situational,
    /// «скоростное наставничество».
    Speed,
    /// «традиционная форма наставничества» («один-на-один»).
    Traditional,
}

/// A mentee candidate, as the questionnaire and the bases describe them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MenteeProfile {
    /// The product's key of the person.
    pub id: u64,
    /// School.
    pub school: u64,
    /// Municipality of the school.
    pub municipality: u64,
    /// The form the mentee takes part in.
    pub form: Option<MentoringForm>,
    /// Kinds the mentee accepts (virtual: a mentor from another school is fine).
    pub kinds: BTreeSet<MentoringKind>,
    /// Class 1–11 for a pupil.
    pub grade: Option<u8>,
    /// Years of teaching for a teacher.
    pub experience: Option<u8>,
    /// Competences asked for (the request, «запрос»).
    pub request: BTreeSet<String>,
    /// Subjects, the main one first.
    pub subjects: Vec<String>,
    /// Interests.
    pub interests: BTreeSet<String>,
    /// Weekly free time: bit k is slot k (e.g. 6 days × before/after lunch).
    pub availability: u32,
    /// Can meet online.
    pub online: bool,
    /// Consent to processing is valid (the guardian's for a minor).
    pub consent: bool,
    /// Forms in which the mentee already has an active pair.
    pub active_forms: BTreeSet<MentoringForm>,
    /// Mentors chosen after the group meeting, first choice first (R4.2).
    pub choices: Vec<u64>,
}

/// A mentor candidate.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MentorProfile {
    /// The product's key of the person.
    pub id: u64,
    /// School (or the partner organization's school of attachment).
    pub school: u64,
    /// Municipality.
    pub municipality: u64,
    /// Forms the mentor can mentor in.
    pub forms: BTreeSet<MentoringForm>,
    /// Kinds the mentor offers (group: several mentees; virtual: other schools).
    pub kinds: BTreeSet<MentoringKind>,
    /// Class 1–11 for a student mentor.
    pub grade: Option<u8>,
    /// Years of teaching or work.
    pub experience: Option<u8>,
    /// Competences.
    pub competences: BTreeSet<String>,
    /// Subjects.
    pub subjects: BTreeSet<String>,
    /// Interests.
    pub interests: BTreeSet<String>,
    /// Weekly free time, as for mentees.
    pub availability: u32,
    /// Can meet online.
    pub online: bool,
    /// Mentees the mentor takes at most (more than one only with the group kind).
    pub capacity: u32,
    /// Preferred classes of mentees, inclusive.
    pub preferred_grades: Option<(u8, u8)>,
    /// Consent to processing is valid.
    pub consent: bool,
    /// Mentees chosen after the group meeting, first choice first.
    pub choices: Vec<u64>,
}

/// Weights of the soft criteria; a school may change them. The defaults add up to 1000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// The request met by the mentor's competences.
    pub competences: u16,
    /// The main subject (full) or another subject (half).
    pub subjects: u16,
    /// Shared interests.
    pub interests: u16,
    /// The same school (meeting in person is easy).
    pub same_school: u16,
    /// The class or experience fits the mentor.
    pub age_fit: u16,
    /// Shared free time (full from four shared slots).
    pub availability: u16,
    /// Both can meet the same way (online or in person).
    pub meeting: u16,
    /// Chosen by each other after the group meeting.
    pub mutual_choice: u16,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            competences: 300,
            subjects: 200,
            interests: 100,
            same_school: 100,
            age_fit: 100,
            availability: 100,
            meeting: 50,
            mutual_choice: 50,
        }
    }
}
