//! «Персонализированная программа наставничества» (§5.1: title page, пояснительная записка,
//! план мероприятий by the five directions) and the teacher's ИОМ (§5.2).

use chrono::NaiveDate;
use domain::base::Labelled;
use domain::program::Direction;
use serde::Deserialize;

use super::Document;
use crate::common::{Organization, Signatory, period, require, require_list};
use crate::layout::{Align, Block, Cell, Layout, Para, Run};
use crate::names::{Case, Person};
use crate::typography::{clean, short_date};
use crate::{DocumentError, Fields};

/// The nine areas of §7.9 (`domain::program::Direction`): a program uses 1–5, the ИОМ all nine.
fn direction(code: &str, field: &str, limit: usize) -> Result<(usize, &'static str), DocumentError> {
    Direction::ALL
        .iter()
        .take(limit)
        .enumerate()
        .find(|(_, d)| d.code() == code)
        .map(|(i, d)| (i, d.label()))
        .ok_or_else(|| {
            let allowed = Direction::ALL
                .iter()
                .take(limit)
                .map(|d| d.code())
                .collect::<Vec<_>>()
                .join(", ");
            DocumentError::invalid(
                field,
                format!("направление «{code}» не из списка; допустимо: {allowed}"),
            )
        })
}

/// A row of the plan of activities.
#[derive(Debug, Deserialize)]
pub struct PlanRow {
    /// One of the first five directions of §7.9.
    pub direction: String,
    /// «Мероприятие».
    pub activity: String,
    /// «Форма работы».
    #[serde(default)]
    pub work_form: String,
    /// «Сроки».
    #[serde(default)]
    pub period: String,
    /// «Ответственный».
    #[serde(default)]
    pub responsible: String,
    /// «Планируемый результат».
    #[serde(default)]
    pub result: String,
    /// «Отметка о выполнении».
    #[serde(default)]
    pub done: String,
}

/// The personalized program.
#[derive(Debug, Deserialize)]
pub struct PersonalProgram {
    /// The school.
    pub organization: Organization,
    /// The mentor.
    pub mentor: Person,
    /// The mentees.
    pub mentees: Vec<Person>,
    /// Form (§7.1).
    pub form: String,
    /// Kinds (§7.2), possibly several.
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Start (3–12 months before the end).
    pub start: NaiveDate,
    /// End.
    pub end: NaiveDate,
    /// «описание проблемы».
    pub problem: String,
    /// «цели».
    pub goals: String,
    /// «задачи».
    #[serde(default)]
    pub tasks: Vec<String>,
    /// «описание возможного содержания деятельности».
    #[serde(default)]
    pub content: String,
    /// «промежуточные результаты».
    #[serde(default)]
    pub interim_results: String,
    /// «планируемые результаты».
    #[serde(default)]
    pub planned_results: String,
    /// «расписание встреч».
    #[serde(default)]
    pub schedule: String,
    /// «режим работы (онлайн, очный, смешанный)».
    #[serde(default)]
    pub mode: String,
    /// «условия обучения».
    #[serde(default)]
    pub conditions: String,
    /// The plan.
    pub plan: Vec<PlanRow>,
    /// Why the program is shorter than 3 months or longer than a year (empty otherwise).
    #[serde(default)]
    pub length_reason: String,
    /// Who approves («УТВЕРЖДАЮ»).
    pub head: Option<Signatory>,
}

impl Document for PersonalProgram {
    fn check(&self) -> Result<(), DocumentError> {
        self.organization.check("organization")?;
        require(&self.mentor.full_name, "mentor.full_name", "ФИО наставника")?;
        require_list(&self.mentees, "mentees", "наставляемые")?;
        require(&self.form, "form", "форма наставничества")?;
        require(&self.problem, "problem", "описание проблемы")?;
        require(&self.goals, "goals", "цели наставничества")?;
        period(self.start, self.end, "end")?;
        // The rule of the length is the domain's; a longer or shorter program carries its reason.
        if !domain::program::usual_length(self.start, self.end) && self.length_reason.trim().is_empty() {
            let months = (self.end - self.start).num_days() / 30;
            return Err(DocumentError::invalid(
                "end",
                format!(
                    "персонализированная программа длится от 3 месяцев до 1 года, а здесь около {months} мес.; исправьте сроки или укажите причину (length_reason)"
                ),
            ));
        }
        require_list(&self.plan, "plan", "план мероприятий")?;
        for (i, r) in self.plan.iter().enumerate() {
            direction(&r.direction, &format!("plan[{i}].direction"), Direction::IN_PROGRAM)?;
            require(&r.activity, &format!("plan[{i}].activity"), "мероприятие")?;
        }
        Ok(())
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        let mut l = Layout::portrait();
        if let Some(h) = &self.head {
            l.push(Block::Stamps {
                left: Vec::new(),
                right: vec![
                    "УТВЕРЖДАЮ".into(),
                    clean(&h.position),
                    format!("____________ {}", h.person.initials_surname()),
                ],
            });
        }
        l.push(Block::Para(Para::line(
            vec![Run::plain(&self.organization.full_name)],
            Align::Center,
        )));
        l.gap();
        l.push(Block::Para(Para::line(
            vec![Run::bold("ПЕРСОНАЛИЗИРОВАННАЯ ПРОГРАММА НАСТАВНИЧЕСТВА").sized(16.0)],
            Align::Center,
        )));
        l.push(Block::Para(Para::line(
            vec![Run::plain(format!("форма «{}»", clean(&self.form)))],
            Align::Center,
        )));
        l.gap();
        l.text(format!("Наставник: {}.", self.mentor.full_with_position()));
        let mentees = self
            .mentees
            .iter()
            .map(Person::full_with_position)
            .collect::<Vec<_>>()
            .join("; ");
        l.text(format!(
            "{}: {mentees}.",
            if self.mentees.len() > 1 {
                "Наставляемые"
            } else {
                "Наставляемый"
            }
        ));
        l.text(format!("Срок реализации: {}.", period(self.start, self.end, "end")?));
        l.gap();
        l.heading("1. Пояснительная записка");
        let basis = if self.mentees.len() > 1 {
            "групповая"
        } else {
            "индивидуальная"
        };
        let kinds = if self.kinds.is_empty() {
            String::new()
        } else {
            self.kinds.iter().map(|k| clean(k)).collect::<Vec<_>>().join(", ")
        };
        for (label, value) in [
            ("Описание проблемы", clean(&self.problem)),
            ("Цели наставничества", clean(&self.goals)),
            (
                "Содержание деятельности наставника и наставляемого",
                clean(&self.content),
            ),
            ("Сроки реализации программы", {
                let dates = period(self.start, self.end, "end")?;
                // A length other than 3 months to a year is filed with its reason.
                match clean(&self.length_reason) {
                    r if r.is_empty() => dates,
                    r => format!("{dates} ({r})"),
                }
            }),
            ("Промежуточные результаты", clean(&self.interim_results)),
            ("Планируемые результаты", clean(&self.planned_results)),
            ("Расписание встреч", clean(&self.schedule)),
            ("Режим работы", clean(&self.mode)),
            ("Условия обучения", clean(&self.conditions)),
            (
                "Основа",
                format!(
                    "{basis}{}",
                    if kinds.is_empty() {
                        String::new()
                    } else {
                        format!("; виды наставничества: {kinds}")
                    }
                ),
            ),
        ] {
            if value.is_empty() {
                continue;
            }
            l.push(Block::Para(Para {
                runs: vec![Run::bold(format!("{label}: ")), Run::plain(&value)],
                ..Para::body("")
            }));
            if label == "Цели наставничества" && !self.tasks.is_empty() {
                l.push(Block::Para(Para {
                    runs: vec![Run::bold("Задачи:")],
                    ..Para::body("")
                }));
                for (i, t) in self.tasks.iter().enumerate() {
                    l.item(format!("{}.", i + 1), t, 1);
                }
            }
        }
        l.heading("2. План мероприятий");
        let mut rows = Vec::new();
        let mut n = 0;
        for (d, label) in Direction::ALL
            .iter()
            .take(Direction::IN_PROGRAM)
            .enumerate()
            .map(|(i, d)| (i, d.label()))
        {
            let items: Vec<&PlanRow> = self
                .plan
                .iter()
                .filter(|r| direction(&r.direction, "", Direction::IN_PROGRAM).is_ok_and(|x| x.0 == d))
                .collect();
            if items.is_empty() {
                continue;
            }
            rows.push(vec![Cell::group(format!("{}. Направление: {label}", d + 1), 7)]);
            for r in items {
                n += 1;
                rows.push(vec![
                    Cell::new(n.to_string()),
                    Cell::new(&r.activity),
                    Cell::new(&r.work_form),
                    Cell::new(&r.period),
                    Cell::new(&r.responsible),
                    Cell::new(&r.result),
                    Cell::new(&r.done),
                ]);
            }
        }
        l.push(Block::Table {
            widths: vec![2, 9, 5, 4, 5, 7, 4],
            header: [
                "№",
                "Мероприятие",
                "Форма работы",
                "Сроки",
                "Ответственный",
                "Планируемый результат",
                "Отметка о выполнении",
            ]
            .map(String::from)
            .to_vec(),
            rows,
            size: 10.0,
        });
        l.gap();
        l.push(Block::Signature {
            position: "Наставник".into(),
            name: self.mentor.initials_surname(),
        });
        for m in &self.mentees {
            l.push(Block::Signature {
                position: "Наставляемый".into(),
                name: m.initials_surname(),
            });
        }
        Ok(l)
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.organization.fields(&mut f);
        f.text("наставник.фио", &self.mentor.name_in(Case::Nominative));
        f.text(
            "наставляемые",
            &self
                .mentees
                .iter()
                .map(|m| m.name_in(Case::Nominative))
                .collect::<Vec<_>>()
                .join(", "),
        );
        f.text("форма", &self.form);
        f.text("сроки", &period(self.start, self.end, "end").unwrap_or_default());
        f.text("проблема", &self.problem);
        f.text("цели", &self.goals);
        f.list(
            "план",
            self.plan
                .iter()
                .map(|r| {
                    vec![
                        (
                            "направление",
                            direction(&r.direction, "", Direction::IN_PROGRAM)
                                .map(|d| d.1.to_owned())
                                .unwrap_or_default(),
                        ),
                        ("мероприятие", r.activity.clone()),
                        ("форма_работы", r.work_form.clone()),
                        ("сроки", r.period.clone()),
                        ("ответственный", r.responsible.clone()),
                        ("результат", r.result.clone()),
                    ]
                })
                .collect(),
        );
        f
    }
}

/// A note per area of §7.9 (strengths or deficits).
#[derive(Debug, Deserialize)]
pub struct AreaNote {
    /// Area code.
    pub area: String,
    /// The note.
    pub text: String,
}

/// A row of the ИОМ roadmap.
#[derive(Debug, Deserialize)]
pub struct IomRow {
    /// «Дефицит».
    pub deficit: String,
    /// «Мероприятие».
    pub activity: String,
    /// «Формат»: курсы ДПО, пробные действия, проект, мероприятие.
    #[serde(default)]
    pub format: String,
    /// «Сроки».
    #[serde(default)]
    pub period: String,
    /// «Продукт».
    #[serde(default)]
    pub product: String,
    /// «Отметка о выполнении».
    #[serde(default)]
    pub done: String,
    /// «Рефлексия».
    #[serde(default)]
    pub reflection: String,
}

/// A dated amendment of the ИОМ roadmap.
#[derive(Debug, Deserialize)]
pub struct Amendment {
    /// Date.
    pub date: NaiveDate,
    /// What changed.
    pub text: String,
}

/// The teacher's individual educational route.
#[derive(Debug, Deserialize)]
pub struct Iom {
    /// The school.
    pub organization: Organization,
    /// The teacher.
    pub teacher: Person,
    /// The tutor (методист ГМК, тьютор).
    pub tutor: Option<Person>,
    /// «2025–2030».
    pub years: String,
    /// 1. самоопределение: the desired image of oneself.
    pub self_image: String,
    /// 2. achievements and resources, by area.
    #[serde(default)]
    pub strengths: Vec<AreaNote>,
    /// 3. professional difficulties and deficits, by area.
    pub deficits: Vec<AreaNote>,
    /// 4–5. the roadmap and its implementation.
    pub roadmap: Vec<IomRow>,
    /// 6. amendments.
    #[serde(default)]
    pub amendments: Vec<Amendment>,
    /// 7. reflexive analysis per deficit.
    #[serde(default)]
    pub reflection: Vec<AreaNote>,
}

impl Document for Iom {
    fn check(&self) -> Result<(), DocumentError> {
        self.organization.check("organization")?;
        require(&self.teacher.full_name, "teacher.full_name", "ФИО педагога")?;
        require(&self.years, "years", "период ИОМ (4–5 лет)")?;
        require(&self.self_image, "self_image", "самоопределение педагога")?;
        require_list(&self.deficits, "deficits", "профессиональные дефициты")?;
        for (name, list) in [
            ("strengths", &self.strengths),
            ("deficits", &self.deficits),
            ("reflection", &self.reflection),
        ] {
            for (i, n) in list.iter().enumerate() {
                direction(&n.area, &format!("{name}[{i}].area"), 9)?;
            }
        }
        require_list(&self.roadmap, "roadmap", "дорожная карта ИОМ")
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        let mut l = Layout::portrait();
        l.push(Block::Para(Para::line(
            vec![Run::plain(&self.organization.full_name)],
            Align::Center,
        )));
        l.gap();
        l.push(Block::Para(Para::line(
            vec![Run::bold("ИНДИВИДУАЛЬНЫЙ ОБРАЗОВАТЕЛЬНЫЙ МАРШРУТ ПЕДАГОГА").sized(16.0)],
            Align::Center,
        )));
        l.push(Block::Para(Para::line(
            vec![Run::plain(format!("на {} гг.", clean(&self.years)))],
            Align::Center,
        )));
        l.gap();
        l.text(format!("Педагог: {}.", self.teacher.full_with_position()));
        if let Some(t) = &self.tutor {
            l.text(format!("Тьютор (методист): {}.", t.full_with_position()));
        }
        l.heading("1. Самоопределение (саморефлексия) педагога");
        l.text(&self.self_image);
        let notes = |l: &mut Layout, list: &[AreaNote]| {
            let rows = list
                .iter()
                .map(|n| {
                    vec![
                        Cell::new(direction(&n.area, "", 9).map(|d| d.1).unwrap_or("")),
                        Cell::new(&n.text),
                    ]
                })
                .collect();
            l.push(Block::Table {
                widths: vec![8, 14],
                header: vec!["Область".into(), "Описание".into()],
                rows,
                size: 11.0,
            });
        };
        if !self.strengths.is_empty() {
            l.heading("2. Диагностика (самодиагностика) достижений, достоинств и личностных ресурсов");
            notes(&mut l, &self.strengths);
        }
        l.heading("3. Диагностика (самодиагностика) профессиональных затруднений и дефицитов");
        notes(&mut l, &self.deficits);
        l.heading("4–5. Дорожная карта и её реализация");
        l.push(Block::Table {
            widths: vec![5, 6, 4, 3, 5, 3, 5],
            header: [
                "Дефицит",
                "Мероприятие",
                "Формат",
                "Сроки",
                "Продукт",
                "Отметка о выполнении",
                "Рефлексия",
            ]
            .map(String::from)
            .to_vec(),
            rows: self
                .roadmap
                .iter()
                .map(|r| {
                    [
                        &r.deficit,
                        &r.activity,
                        &r.format,
                        &r.period,
                        &r.product,
                        &r.done,
                        &r.reflection,
                    ]
                    .map(Cell::new)
                    .to_vec()
                })
                .collect(),
            size: 10.0,
        });
        if !self.amendments.is_empty() {
            l.heading("6. Корректировка дорожной карты");
            for a in &self.amendments {
                l.item(short_date(a.date), &a.text, 0);
            }
        }
        if !self.reflection.is_empty() {
            l.heading("7. Рефлексивный анализ эффективности");
            notes(&mut l, &self.reflection);
        }
        l.push(Block::Signature {
            position: "Педагог".into(),
            name: self.teacher.initials_surname(),
        });
        if let Some(t) = &self.tutor {
            l.push(Block::Signature {
                position: "Тьютор".into(),
                name: t.initials_surname(),
            });
        }
        Ok(l)
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.organization.fields(&mut f);
        f.text("педагог.фио", &self.teacher.name_in(Case::Nominative));
        f.text("период", &self.years);
        f
    }
}
