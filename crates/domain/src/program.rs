//! The personalized program of a pair or group (R5.1, TEMPLATES.md §5.1): the directions of
//! its plan, its states, the reasons it is completed and the changes made to it, and the rule
//! of its length — from 3 months to a year, unless the school writes down why not.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Violation;
use crate::base::Labelled;

crate::base::labelled! {
    /// The areas of §7.9: a program's plan uses the first five, a teacher's ИОМ all nine.
    Direction {
        /// 1.
        ScientificTheoretical = "scientific_theoretical", "научно-теоретические";
        /// 2.
        NormativeLegal = "normative_legal", "нормативные правовые";
        /// 3.
        SubjectProfessional = "subject_professional", "предметно-профессиональные";
        /// 4.
        PsychPedagogical = "psych_pedagogical", "психолого-педагогические (ориентированные на обучающихся и их родителей)";
        /// 5.
        Methodical = "methodical", "методические (содержание образования, методики и технологии обучения)";
        /// 6.
        Ict = "ict", "ИКТ-компетенции";
        /// 7.
        Digitalization = "digitalization", "цифровизация образования";
        /// 8.
        ExtracurricularUpbringing = "extracurricular_upbringing", "внеурочная и воспитательная деятельность";
        /// 9.
        HealthSaving = "health_saving", "здоровьесбережение обучающихся";
    }
}

impl Direction {
    /// The directions a personalized program's plan is grouped by (the first five).
    pub const IN_PROGRAM: usize = 5;

    /// Whether a program's plan may use this direction (an ИОМ may use all nine).
    pub fn in_program(self) -> bool {
        Self::ALL
            .iter()
            .position(|d| *d == self)
            .is_some_and(|i| i < Self::IN_PROGRAM)
    }
}

crate::base::labelled! {
    /// Where a program stands.
    ProgramState {
        /// The mentor drafts it with the mentee.
        Draft = "draft", "черновик";
        /// The curator approved it.
        Approved = "approved", "утверждена";
        /// Meetings go on by it.
        Active = "active", "выполняется";
        /// Completed with a reason and results.
        Completed = "completed", "завершена";
        /// Ended early.
        Terminated = "terminated", "прекращена";
    }
}

crate::base::labelled! {
    /// Why a program is completed (§7.11).
    CompletionReason {
        /// The plan is done in full.
        PlanCompleted = "plan_completed", "завершение плана мероприятий в полном объёме";
        /// The mentor's initiative.
        MentorInitiative = "mentor_initiative", "по инициативе наставника";
        /// The mentee's initiative.
        MenteeInitiative = "mentee_initiative", "по инициативе наставляемого";
        /// Both agreed.
        MutualDecision = "mutual_decision", "по обоюдному решению";
        /// The curator's, when the program is not properly carried out.
        CuratorInitiative = "curator_initiative", "по инициативе куратора (в случае недолжного исполнения программы)";
    }
}

crate::base::labelled! {
    /// A change made to a program by mutual agreement (§7.11).
    ProgramChange {
        /// Extended.
        Extend = "extend", "продление";
        /// Shortened.
        Shorten = "shorten", "сокращение сроков";
        /// The plan corrected.
        CorrectPlan = "correct_plan", "корректировка плана мероприятий";
        /// The form of mentoring changed.
        ChangeForm = "change_form", "изменение формы наставничества";
    }
}

/// Whether a program from `start` to `end` lasts from 3 calendar months to a year.
pub fn usual_length(start: NaiveDate, end: NaiveDate) -> bool {
    let at_least = start.checked_add_months(Months::new(3));
    let at_most = start.checked_add_months(Months::new(12));
    matches!((at_least, at_most), (Some(a), Some(b)) if end >= a && end <= b)
}

/// Checks a program's dates: the end not before the start, and a length outside 3 months
/// to a year only with the reason written down (`reason`, trimmed, not empty).
pub fn check_period(start: NaiveDate, end: NaiveDate, reason: &str) -> Result<(), Violation> {
    if end < start {
        return Err(Violation::new("end", "err-program-end-before-start"));
    }
    if !usual_length(start, end) && reason.trim().is_empty() {
        return Err(Violation::new("end", "err-program-length"));
    }
    Ok(())
}

/// The explanatory note of a program («Пояснительная записка», §5.1), in the seed's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Note {
    /// «описание проблемы».
    pub problem: String,
    /// «цели наставничества».
    pub goals: String,
    /// «задачи наставничества».
    pub tasks: String,
    /// «описание возможного содержания деятельности наставника и наставляемого».
    pub content: String,
    /// «промежуточные результаты».
    pub interim_results: String,
    /// «планируемые результаты».
    pub planned_results: String,
    /// «расписание встреч».
    pub schedule: String,
    /// «режим работы (онлайн, очный, смешанный)».
    pub mode: Option<crate::base::Mode>,
    /// «условия обучения».
    pub conditions: String,
    /// «на индивидуальной или групповой основе».
    pub basis: String,
}

/// An activity of a program's plan («План мероприятий», §5.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    /// One of the five directions of a program.
    pub direction: Direction,
    /// «Мероприятие».
    pub activity: String,
    /// «Форма работы».
    #[serde(default)]
    pub work_form: String,
    /// «Сроки»: from.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// «Сроки»: to.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// «Ответственный».
    #[serde(default)]
    pub responsible: String,
    /// «Планируемый результат».
    #[serde(default)]
    pub planned_result: String,
    /// «Отметка о выполнении».
    #[serde(default)]
    pub done: bool,
}

/// Checks a plan: each activity named, in one of a program's five directions, its dates in
/// order; every wrong row is named by its number (from 1).
pub fn check_plan(items: &[PlanItem]) -> Result<(), crate::Violations> {
    let mut errors = crate::Violations::default();
    for (i, item) in items.iter().enumerate() {
        let row = (i + 1).to_string();
        if item.activity.trim().is_empty() {
            errors.push(Violation::new("plan", "err-program-activity").arg("row", row.clone()));
        }
        if !item.direction.in_program() {
            errors.push(
                Violation::new("plan", "err-program-direction")
                    .arg("row", row.clone())
                    .arg("direction", item.direction.label()),
            );
        }
        if let (Some(from), Some(to)) = (item.from, item.to)
            && to < from
        {
            errors.push(Violation::new("plan", "err-program-item-dates").arg("row", row));
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// A program's dates as stored (for the forms that carry both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// Start.
    pub start: NaiveDate,
    /// End.
    pub end: NaiveDate,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_program_lasts_from_three_months_to_a_year_unless_the_reason_is_written() {
        let start = d(2026, 9, 1);
        assert!(check_period(start, d(2026, 12, 1), "").is_ok(), "three months exactly");
        assert!(check_period(start, d(2027, 9, 1), "").is_ok(), "a year exactly");
        let short = check_period(start, d(2026, 11, 30), "").unwrap_err();
        assert_eq!(short.code, "err-program-length");
        let long = check_period(start, d(2027, 9, 2), "  ").unwrap_err();
        assert_eq!(long.code, "err-program-length");
        assert!(check_period(start, d(2026, 10, 15), "короткая программа подготовки к олимпиаде").is_ok());
        let back = check_period(start, d(2026, 8, 31), "причина").unwrap_err();
        assert_eq!(back.code, "err-program-end-before-start");
        // Month ends: 30 November + 3 months is the last day of February.
        assert!(usual_length(d(2026, 11, 30), d(2027, 2, 28)));
        assert!(!usual_length(d(2026, 11, 30), d(2027, 2, 27)));
    }

    #[test]
    fn a_plan_names_each_wrong_row() {
        let item = |direction, activity: &str, to| PlanItem {
            direction,
            activity: activity.into(),
            work_form: String::new(),
            from: Some(d(2026, 10, 1)),
            to,
            responsible: String::new(),
            planned_result: String::new(),
            done: false,
        };
        let plan = [
            item(Direction::Methodical, "открытый урок", Some(d(2026, 10, 30))),
            item(Direction::Ict, "курс по цифровым сервисам", None),
            item(Direction::NormativeLegal, " ", Some(d(2026, 9, 1))),
        ];
        let errors = check_plan(&plan).unwrap_err();
        let codes: Vec<(&str, String)> = errors
            .0
            .iter()
            .map(|v| (v.code, v.args.iter().find(|a| a.0 == "row").unwrap().1.clone()))
            .collect();
        assert_eq!(
            codes,
            [
                ("err-program-direction", "2".to_string()),
                ("err-program-activity", "3".to_string()),
                ("err-program-item-dates", "3".to_string())
            ]
        );
        assert!(check_plan(&plan[..1]).is_ok());
    }

    #[test]
    fn a_programs_plan_uses_the_first_five_directions() {
        let in_program: Vec<&str> = Direction::ALL
            .iter()
            .filter(|d| d.in_program())
            .map(|d| d.code())
            .collect();
        assert_eq!(
            in_program,
            [
                "scientific_theoretical",
                "normative_legal",
                "subject_professional",
                "psych_pedagogical",
                "methodical"
            ]
        );
        assert_eq!(Direction::ALL.len(), 9);
    }
}
