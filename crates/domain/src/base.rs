//! The base of mentors and the base of mentees (R3, TEMPLATES.md §1): which base, the status
//! of an entry, and the enumerations its columns hold (§7.1, §7.4, §7.5, §7.8, §7.12).
//!
//! The Russian labels are the exact words of the school's forms (TEMPLATES.md §7): imports
//! read them back and exports print them, so they live with the codes, not in the locale files.

use serde::{Deserialize, Serialize};

use crate::search::search_key;

/// An enumeration with stable codes and the Russian labels of the forms.
pub trait Labelled: Sized + Copy + 'static {
    /// Every value, in the order forms list them.
    const ALL: &'static [Self];
    /// Stable code (database, API, form values).
    fn code(self) -> &'static str;
    /// The label as the school's forms print it.
    fn label(self) -> &'static str;

    /// Parses a code.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }

    /// Reads a cell of an imported table: the code, the label (case, ё/е and spacing
    /// ignored) or the beginning of the label when it names one value only.
    fn parse_label(text: &str) -> Option<Self> {
        let t = text.trim();
        if let Some(v) = Self::from_code(t) {
            return Some(v);
        }
        let key = search_key(t.trim_matches(|c: char| "«»\"'.".contains(c)));
        if key.is_empty() {
            return None;
        }
        if let Some(v) = Self::ALL.iter().copied().find(|v| search_key(v.label()) == key) {
            return Some(v);
        }
        let mut starts = Self::ALL
            .iter()
            .copied()
            .filter(|v| key.chars().count() >= 4 && search_key(v.label()).starts_with(&key));
        match (starts.next(), starts.next()) {
            (Some(v), None) => Some(v),
            _ => None,
        }
    }
}

macro_rules! labelled {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal, $label:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v,)+ }

        impl Labelled for $name {
            const ALL: &'static [Self] = &[$(Self::$v,)+];
            fn code(self) -> &'static str { match self { $(Self::$v => $code,)+ } }
            fn label(self) -> &'static str { match self { $(Self::$v => $label,)+ } }
        }
    };
}
pub(crate) use labelled;

labelled! {
    /// Which of the two bases.
    BaseKind {
        /// «База наставников».
        Mentors = "mentors", "База наставников";
        /// «База наставляемых».
        Mentees = "mentees", "База наставляемых";
    }
}

labelled! {
    /// Where an entry stands: candidate → in the base → in a pair/group → finished, or left.
    EntryStatus {
        /// Questionnaire or request received; not confirmed by the curator yet.
        Candidate = "candidate", "кандидат";
        /// In the base, waiting for a pair.
        InBase = "in_base", "ожидает пары";
        /// In a pair or a group.
        InPair = "in_pair", "в паре";
        /// The program is finished (archive).
        Finished = "finished", "завершил";
        /// Left the program (archive).
        Left = "left", "выбыл";
    }
}

impl EntryStatus {
    /// The label of the base of mentors, whose status column is «текущая / архив».
    pub fn mentor_label(self) -> &'static str {
        match self {
            Self::Candidate => "кандидат",
            Self::InBase => "текущая, ожидает пары",
            Self::InPair => "текущая, в паре/группе",
            Self::Finished => "архив, завершил",
            Self::Left => "архив, выбыл",
        }
    }

    /// The status lists show and count: an entry waits for a pair only while its person's
    /// processing consent is in force; otherwise it is a candidate again (a pupil who turned
    /// 18 until their own consent). The SQL form is `storage::consent_rule::entry_status`.
    pub fn effective(self, consent: crate::ConsentStatus) -> Self {
        match self {
            Self::InBase if consent != crate::ConsentStatus::Valid => Self::Candidate,
            other => other,
        }
    }

    /// The status may move from `self` to `to` (finished and left entries come back only
    /// as candidates, e.g. for the next program).
    pub fn can_become(self, to: Self) -> bool {
        use EntryStatus::*;
        self == to
            || matches!(
                (self, to),
                (Candidate, InBase | Left)
                    | (InBase, InPair | Left | Candidate)
                    | (InPair, Finished | Left | InBase)
                    | (Finished | Left, Candidate | InBase)
            )
    }

    /// Reads a status cell of either base («архив, завершил», «в паре», `in_pair` …).
    pub fn parse_any(text: &str) -> Option<Self> {
        Self::parse_label(text).or_else(|| {
            let key = search_key(text);
            Self::ALL
                .iter()
                .copied()
                .find(|s| search_key(s.mentor_label()) == key)
                .or(match key.as_str() {
                    "текущая" | "в базе" | "активен" | "ожидает" => Some(Self::InBase),
                    "архив" => Some(Self::Finished),
                    "в группе" | "в паре/группе" => Some(Self::InPair),
                    _ => None,
                })
        })
    }
}

labelled! {
    /// Категория наставляемого (TEMPLATES.md §7.4): seven for pupils, six for teachers.
    MenteeCategory {
        /// Одарённые.
        Gifted = "gifted", "проявившие выдающиеся способности";
        /// Low results.
        LowResults = "low_results", "демонстрирующие неудовлетворительные образовательные результаты";
        /// ОВЗ (sensitive).
        Disabled = "disabled", "с ограниченными возможностями здоровья";
        /// ТЖС (sensitive).
        DifficultSituation = "difficult_situation", "попавшие в трудную жизненную ситуацию";
        /// Behaviour (sensitive).
        Behaviour = "behaviour", "имеющие проблемы с поведением";
        /// Disengaged.
        Disengaged = "disengaged", "не принимающие участие в жизни школы, отстраненных от коллектива";
        /// Orphans (sensitive).
        Orphan = "orphan", "детей-сирот и детей, оставшихся без попечения родителей";
        /// Молодые специалисты.
        YoungSpecialist = "young_specialist", "Молодые специалисты";
        /// Burnout.
        Burnout = "burnout", "находящиеся в состоянии эмоционального выгорания, хронической усталости";
        /// Adapting to a new workplace.
        Adapting = "adapting", "находящиеся в процессе адаптации на новом месте работы";
        /// Digital skills.
        DigitalSkills = "digital_skills", "желающие овладеть современными программами, цифровыми навыками, ИКТ компетенциями";
        /// New position.
        NewPosition = "new_position", "при вхождении в новую должность";
        /// After attestation.
        AfterAttestation = "after_attestation", "по итогам аттестации";
    }
}

impl MenteeCategory {
    /// A teachers' category (the rest are pupils').
    pub fn is_teacher(self) -> bool {
        matches!(
            self,
            Self::YoungSpecialist
                | Self::Burnout
                | Self::Adapting
                | Self::DigitalSkills
                | Self::NewPosition
                | Self::AfterAttestation
        )
    }

    /// Health, family and behaviour: shown only to the roles that need them (R3.2), never to
    /// a pupil acting as a mentor, never on the site or in the municipal base.
    pub fn is_sensitive(self) -> bool {
        matches!(
            self,
            Self::Disabled | Self::DifficultSituation | Self::Behaviour | Self::Orphan
        )
    }
}

labelled! {
    /// Категория наставника (TEMPLATES.md §7.5).
    MentorCategory {
        /// Motivated students.
        Student = "student", "обучающиеся, мотивированные помочь сверстникам";
        /// Teachers and specialists.
        Teacher = "teacher", "педагоги и специалисты";
        /// Active parents.
        Parent = "parent", "родители обучающихся – активные участники родительских советов";
        /// «Благодарный выпускник».
        Graduate = "graduate", "выпускники, заинтересованные в поддержке своей школы";
        /// Employees of enterprises.
        EnterpriseEmployee = "enterprise_employee", "сотрудники предприятий";
        /// Entrepreneurs, public figures.
        Entrepreneur = "entrepreneur", "успешные предприниматели или общественные деятели";
        /// Veteran teachers.
        VeteranTeacher = "veteran_teacher", "ветераны педагогического труда";
        /// School heads.
        SchoolHead = "school_head", "руководитель образовательной организации";
        /// University or college teachers.
        UniversityTeacher = "university_teacher", "педагог вуза/колледжа";
        /// Employers.
        Employer = "employer", "работодатель";
    }
}

labelled! {
    /// Форма наставничества (TEMPLATES.md §7.1).
    Form {
        /// «Ученик – ученик».
        StudentStudent = "student_student", "Ученик – ученик";
        /// «Учитель – учитель».
        TeacherTeacher = "teacher_teacher", "Учитель – учитель";
        /// «Учитель – ученик».
        TeacherStudent = "teacher_student", "Учитель – ученик";
        /// «руководитель образовательной организации - учитель».
        HeadTeacher = "head_teacher", "Руководитель образовательной организации – учитель";
        /// «работодатель - студент».
        EmployerStudent = "employer_student", "Работодатель – студент";
        /// «педагог вуза/колледжа - молодой педагог».
        UnivTeacherYoungTeacher = "univ_teacher_young_teacher", "Педагог вуза/колледжа – молодой педагог";
        /// «студент – ученик».
        CollegeStudentPupil = "college_student_pupil", "Студент – ученик";
        /// «работодатель – ученик».
        EmployerPupil = "employer_pupil", "Работодатель – ученик";
    }
}

impl Form {
    /// Reads a form cell, where schools write hyphens, en dashes and «педагог» for «учитель».
    pub fn parse_any(text: &str) -> Option<Self> {
        let key = search_key(text)
            .replace(['-', '—', '–'], " ")
            .replace("педагог", "учитель");
        let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
        Self::parse_label(text).or_else(|| {
            Self::ALL.iter().copied().find(|f| {
                let l = search_key(f.label()).replace(['-', '—', '–'], " ");
                l.split_whitespace().collect::<Vec<_>>().join(" ") == key
            })
        })
    }
}

labelled! {
    /// Вид наставничества (TEMPLATES.md §7.2; the documents print them as «формы»).
    Kind {
        /// Virtual (remote): the mentor may be in another school.
        Virtual = "virtual", "виртуальное (дистанционное) наставничество";
        /// Group.
        Group = "group", "наставничество в группе";
        /// Short-term or goal-setting.
        ShortTermGoal = "short_term_goal", "краткосрочное или целеполагающее наставничество";
        /// Reverse.
        Reverse = "reverse", "реверсивное наставничество";
        /// Situational.
        Situational = "situational", "ситуационное наставничество";
        /// Speed.
        Speed = "speed", "скоростное наставничество";
        /// Traditional one-to-one.
        Traditional = "traditional", "традиционная форма наставничества («один-на-один»)";
    }
}

labelled! {
    /// Источник сведений о запросе (TEMPLATES.md §7.12).
    RequestSource {
        /// The person's own questionnaire.
        Questionnaire = "questionnaire", "анкетирование";
        /// The psychologist.
        Psychologist = "psychologist", "психолог";
        /// The social worker.
        SocialWorker = "social_worker", "соцработник";
        /// Parents.
        Parents = "parents", "родители";
        /// Personal files.
        PersonalFile = "personal_file", "личные дела";
        /// Analysis of methodical work.
        MethodicalWork = "methodical_work", "анализ методической работы";
        /// Attestation recommendations.
        Attestation = "attestation", "рекомендации аттестации";
        /// Profstandard questionnaires.
        Profstandard = "profstandard", "анализ анкет профстандарта";
        /// The class teacher.
        ClassTeacher = "class_teacher", "классный руководитель";
        /// The administration.
        Administration = "administration", "администрация";
    }
}

labelled! {
    /// How meetings are held (TEMPLATES.md §7.8).
    Mode {
        /// Online.
        Online = "online", "онлайн";
        /// In person.
        InPerson = "in_person", "очный";
        /// Mixed.
        Mixed = "mixed", "смешанный";
    }
}

labelled! {
    /// Topic of a request (TEMPLATES.md §7.13).
    Topic {
        /// 1.
        Subject = "subject", "предметное содержание";
        /// 2.
        Methods = "methods", "методика обучения и преподавания";
        /// 3.
        Upbringing = "upbringing", "воспитательная деятельность";
        /// 4.
        Organization = "organization", "организация урочной и внеурочной деятельности";
        /// 5.
        Support = "support", "психолого-педагогическое сопровождение";
        /// 6.
        Parents = "parents", "работа с родителями";
        /// 7.
        Additional = "additional", "связь с системой дополнительного образования";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_codes_and_prefixes_are_read() {
        assert_eq!(
            MenteeCategory::parse_label("Молодые специалисты"),
            Some(MenteeCategory::YoungSpecialist)
        );
        assert_eq!(
            MenteeCategory::parse_label("молодые  СПЕЦИАЛИСТЫ "),
            Some(MenteeCategory::YoungSpecialist)
        );
        assert_eq!(MenteeCategory::parse_label("gifted"), Some(MenteeCategory::Gifted));
        assert_eq!(
            MenteeCategory::parse_label("проявившие выдающиеся"),
            Some(MenteeCategory::Gifted)
        );
        assert_eq!(MenteeCategory::parse_label("находящиеся"), None, "two labels start so");
        assert_eq!(
            MentorCategory::parse_label("педагоги и специалисты"),
            Some(MentorCategory::Teacher)
        );
        assert_eq!(
            RequestSource::parse_label("Психолог"),
            Some(RequestSource::Psychologist)
        );
    }

    #[test]
    fn forms_are_read_as_schools_write_them() {
        assert_eq!(Form::parse_any("Учитель – учитель"), Some(Form::TeacherTeacher));
        assert_eq!(Form::parse_any("педагог - педагог"), Some(Form::TeacherTeacher));
        assert_eq!(Form::parse_any("ученик-ученик"), Some(Form::StudentStudent));
        assert_eq!(Form::parse_any("учитель — ученик"), Some(Form::TeacherStudent));
        assert_eq!(Form::parse_any("директор"), None);
    }

    #[test]
    fn statuses_move_forward_and_read_both_bases() {
        assert!(EntryStatus::Candidate.can_become(EntryStatus::InBase));
        assert!(!EntryStatus::Candidate.can_become(EntryStatus::Finished));
        assert!(EntryStatus::Finished.can_become(EntryStatus::Candidate));
        assert_eq!(EntryStatus::parse_any("архив, завершил"), Some(EntryStatus::Finished));
        assert_eq!(EntryStatus::parse_any("ожидает пары"), Some(EntryStatus::InBase));
        assert_eq!(EntryStatus::parse_any("текущая"), Some(EntryStatus::InBase));
        assert!(MenteeCategory::Disabled.is_sensitive());
        assert!(!MenteeCategory::Gifted.is_sensitive());
    }
}
