//! Reports: the curator's half-yearly справка (§6.2) and «ИТОГИ» (§6.1: sections in the
//! seed's order, the table of activities, the computed block of figures and a chart).

use chrono::NaiveDate;
use serde::Deserialize;

use super::Document;
use crate::chart::{Series, bars};
use crate::common::{Organization, Signatory, period, require};
use crate::layout::{Align, Block, Cell, Layout, Para, Run};
use crate::names::{Case, Person};
use crate::typography::{clean, long_date};
use crate::{DocumentError, Fields};

const NO_DATA: &str = "нет данных";

/// A labelled count; no value prints «нет данных», never an invented number.
#[derive(Debug, Deserialize, Clone)]
pub struct Count {
    /// What is counted: «Учитель – учитель».
    pub label: String,
    /// How many.
    pub value: Option<u32>,
}

fn count(v: Option<u32>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| NO_DATA.into())
}

/// «12,5» — a number with a decimal comma.
pub(crate) fn decimal(v: f64) -> String {
    let s = format!("{:.1}", v);
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s).replace('.', ",")
}

/// A share in per cent, or «нет данных»; refuses a part larger than the whole.
fn share(part: Option<u32>, whole: Option<u32>, field: &str) -> Result<String, DocumentError> {
    match (part, whole) {
        (Some(p), Some(w)) if p > w => Err(DocumentError::invalid(
            field,
            format!("вовлечено {p}, а всего {w}: число вовлечённых не может быть больше общего числа"),
        )),
        (Some(_), Some(0)) => Ok(NO_DATA.into()),
        (Some(p), Some(w)) => Ok(format!(
            "{} % ({p} из {w})",
            decimal(f64::from(p) * 100.0 / f64::from(w))
        )),
        _ => Ok(NO_DATA.into()),
    }
}

fn counts_table(l: &mut Layout, first: &str, items: &[Count]) {
    let rows = items
        .iter()
        .map(|c| vec![Cell::new(&c.label), Cell::new(count(c.value))])
        .collect();
    l.push(Block::Table {
        widths: vec![14, 5],
        header: vec![first.into(), "Количество".into()],
        rows,
        size: 12.0,
    });
}

fn counts_chart(l: &mut Layout, title: &str, items: &[Count]) -> Result<(), DocumentError> {
    let known: Vec<&Count> = items.iter().filter(|c| c.value.is_some()).collect();
    if known.is_empty() {
        return Ok(());
    }
    let cats: Vec<String> = known.iter().map(|c| clean(&c.label)).collect();
    let values = known.iter().map(|c| f64::from(c.value.unwrap_or(0))).collect();
    let svg = bars(title, &cats, &[Series { name: title, values }], 16.0, 8.0)?;
    l.push(Block::Chart {
        svg,
        width_cm: 16.0,
        height_cm: 8.0,
        caption: format!("Рисунок. {title}"),
    });
    Ok(())
}

/// The curator's справка for the head, every half year.
#[derive(Debug, Deserialize)]
pub struct CuratorNote {
    /// The school.
    pub organization: Organization,
    /// Start of the half year.
    pub period_start: NaiveDate,
    /// End of the half year.
    pub period_end: NaiveDate,
    /// Date of the справка.
    pub date: NaiveDate,
    /// The curator who signs.
    pub curator: Signatory,
    /// The head it is addressed to.
    pub head: Person,
    /// Pairs and groups by form.
    pub pairs_by_form: Vec<Count>,
    /// Meetings planned in the period.
    pub meetings_planned: Option<u32>,
    /// Meetings held.
    pub meetings_held: Option<u32>,
    /// What participants said.
    #[serde(default)]
    pub feedback: Vec<String>,
    /// Risks.
    #[serde(default)]
    pub risks: Vec<String>,
    /// Proposals.
    #[serde(default)]
    pub proposals: Vec<String>,
}

impl Document for CuratorNote {
    fn check(&self) -> Result<(), DocumentError> {
        self.organization.check("organization")?;
        self.curator.check("curator")?;
        require(&self.head.full_name, "head.full_name", "ФИО руководителя")?;
        period(self.period_start, self.period_end, "period_end")?;
        share(self.meetings_held, self.meetings_planned, "meetings_held").map(|_| ())
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        let mut l = Layout::portrait();
        l.push(Block::Stamps {
            left: Vec::new(),
            right: vec![
                format!("Директору {}", clean(&self.organization.short_name)),
                self.head.name_in(Case::Dative),
            ],
        });
        l.gap();
        l.heading("СПРАВКА");
        l.push(Block::Para(Para::line(
            vec![Run::bold(format!(
                "о реализации целевой модели наставничества в {} за период {}",
                clean(&self.organization.short_name),
                period(self.period_start, self.period_end, "period_end")?
            ))],
            Align::Center,
        )));
        l.gap();
        let total: u32 = self.pairs_by_form.iter().filter_map(|c| c.value).sum();
        let known = self.pairs_by_form.iter().any(|c| c.value.is_some());
        l.heading("1. Наставнические пары и группы");
        l.text(format!(
            "Действующих наставнических пар и групп: {}.",
            if known { total.to_string() } else { NO_DATA.into() }
        ));
        counts_table(&mut l, "Форма наставничества", &self.pairs_by_form);
        counts_chart(&mut l, "Пары и группы по формам наставничества", &self.pairs_by_form)?;
        l.heading("2. Встречи");
        l.text(format!(
            "Запланировано встреч: {}; проведено: {}; выполнение плана: {}.",
            count(self.meetings_planned),
            count(self.meetings_held),
            share(self.meetings_held, self.meetings_planned, "meetings_held")?
        ));
        for (title, list) in [
            ("3. Обратная связь участников", &self.feedback),
            ("4. Риски", &self.risks),
            ("5. Предложения", &self.proposals),
        ] {
            l.heading(title);
            if list.is_empty() {
                l.text(NO_DATA);
            }
            for x in list {
                l.bullet(x);
            }
        }
        l.gap();
        l.text(long_date(self.date));
        l.push(self.curator.block());
        Ok(l)
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.organization.fields(&mut f);
        f.text(
            "период",
            &period(self.period_start, self.period_end, "period_end").unwrap_or_default(),
        );
        f.text("куратор.подпись", &self.curator.person.initials_surname());
        f.text("встречи.план", &count(self.meetings_planned));
        f.text("встречи.проведено", &count(self.meetings_held));
        f
    }
}

/// A row of the table of item 11 of «ИТОГИ».
#[derive(Debug, Deserialize)]
pub struct ActivityRow {
    /// «Наименование».
    pub name: String,
    /// «Проект/программа (оператор)».
    pub program: String,
    /// «Роль наставника».
    pub role: String,
}

/// An indicator measured at entry and at exit.
#[derive(Debug, Deserialize)]
pub struct Indicator {
    /// What is measured.
    pub name: String,
    /// At entry.
    pub entry: Option<f64>,
    /// At exit.
    pub exit: Option<f64>,
}

/// The computed figures of «ИТОГИ».
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct Figures {
    /// Mentors in all.
    pub mentors_total: Option<u32>,
    /// Mentors who are teachers.
    pub mentors_teachers: Option<u32>,
    /// Mentors who are students.
    pub mentors_students: Option<u32>,
    /// External mentors.
    pub mentors_external: Option<u32>,
    /// Mentees by category.
    pub mentees_by_category: Vec<Count>,
    /// Pairs and groups by form.
    pub pairs_by_form: Vec<Count>,
    /// Students in programs.
    pub students_involved: Option<u32>,
    /// All students.
    pub students_total: Option<u32>,
    /// Teachers in programs.
    pub teachers_involved: Option<u32>,
    /// All teachers.
    pub teachers_total: Option<u32>,
    /// The target share of involvement, per cent (70 in the federal KPI).
    pub target_percent: Option<u32>,
    /// Programs completed by reason.
    pub completed_by_reason: Vec<Count>,
    /// Average satisfaction, 1–10.
    pub satisfaction: Option<f64>,
    /// Indicators at entry and exit.
    pub indicators: Vec<Indicator>,
}

/// «ИТОГИ» of the year.
#[derive(Debug, Deserialize)]
pub struct ResultsSummary {
    /// The school.
    pub organization: Organization,
    /// «2025/2026».
    pub year: String,
    /// The documents the monitoring is based on.
    pub basis_documents: Vec<String>,
    /// «Цель проекта».
    pub goal: String,
    /// «В ходе реализации проекта предполагалось».
    #[serde(default)]
    pub expectations: Vec<String>,
    /// «…поставлены следующие актуальные задачи».
    #[serde(default)]
    pub tasks: Vec<String>,
    /// «…НАПРАВЛЕНО на решение следующих проблем обучающегося».
    #[serde(default)]
    pub problems: Vec<String>,
    /// The forms in use.
    #[serde(default)]
    pub forms: Vec<String>,
    /// Interim results (the normative base).
    #[serde(default)]
    pub interim_results: Vec<String>,
    /// Table of item 11.
    #[serde(default)]
    pub activities: Vec<ActivityRow>,
    /// «Общие итоги реализации».
    #[serde(default)]
    pub general_results: Vec<String>,
    /// «Результатом успешной реализации программ наставничества является».
    #[serde(default)]
    pub success_results: Vec<String>,
    /// The figures.
    #[serde(default)]
    pub figures: Figures,
    /// «Выводы по итогам мониторинга» — the curator writes them.
    #[serde(default)]
    pub conclusions: String,
    /// Who signs.
    pub curator: Option<Signatory>,
}

impl Document for ResultsSummary {
    fn check(&self) -> Result<(), DocumentError> {
        self.organization.check("organization")?;
        require(&self.year, "year", "учебный год")?;
        require(&self.goal, "goal", "цель проекта")?;
        let f = &self.figures;
        share(f.students_involved, f.students_total, "figures.students_involved")?;
        share(f.teachers_involved, f.teachers_total, "figures.teachers_involved")?;
        if let Some(s) = f.satisfaction
            && !(1.0..=10.0).contains(&s)
        {
            return Err(DocumentError::invalid(
                "figures.satisfaction",
                "средняя удовлетворённость считается по шкале от 1 до 10",
            ));
        }
        Ok(())
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        let org = clean(&self.organization.short_name);
        let f = &self.figures;
        let mut l = Layout::portrait();
        l.heading("ИТОГИ");
        l.heading(format!(
            "Внедрение целевой модели наставничества в {org} {} уч. год",
            clean(&self.year)
        ));
        l.text(format!(
            "Мониторинг реализации программы наставничества в {org} проведен на основании следующих документов:"
        ));
        for d in &self.basis_documents {
            l.bullet(d);
        }
        l.push(Block::Para(Para {
            runs: vec![Run::bold("Цель проекта:")],
            ..Para::body("")
        }));
        l.text(&self.goal);
        let list = |l: &mut Layout, title: &str, items: &[String]| {
            if items.is_empty() {
                return;
            }
            l.push(Block::Para(Para {
                runs: vec![Run::bold(title)],
                ..Para::body("")
            }));
            for x in items {
                l.bullet(x);
            }
        };
        list(&mut l, "В ходе реализации проекта предполагалось:", &self.expectations);
        list(
            &mut l,
            "В ходе реализации мероприятий программы Наставничества поставлены следующие актуальные задачи:",
            &self.tasks,
        );
        list(
            &mut l,
            "Внедрение Целевой модели наставничества НАПРАВЛЕНО на решение следующих проблем обучающегося:",
            &self.problems,
        );
        list(&mut l, "Реализуемые формы наставничества:", &self.forms);
        list(
            &mut l,
            "Сформирована нормативно-правовая база наставничества:",
            &self.interim_results,
        );
        l.heading("Показатели оценки эффективности наставничества");
        l.push(Block::Table {
            widths: vec![14, 6],
            header: vec!["Показатель".into(), "Значение".into()],
            rows: [
                ("Количество наставников — всего", count(f.mentors_total)),
                ("из них педагогов", count(f.mentors_teachers)),
                ("из них обучающихся", count(f.mentors_students)),
                ("из них внешних наставников", count(f.mentors_external)),
                (
                    "Вовлечённость обучающихся",
                    share(f.students_involved, f.students_total, "figures.students_involved")?,
                ),
                (
                    "Вовлечённость педагогов",
                    share(f.teachers_involved, f.teachers_total, "figures.teachers_involved")?,
                ),
                (
                    "Целевой показатель вовлечённости",
                    f.target_percent
                        .map(|t| format!("{t} %"))
                        .unwrap_or_else(|| NO_DATA.into()),
                ),
                (
                    "Средняя удовлетворённость участием (1–10)",
                    f.satisfaction.map(decimal).unwrap_or_else(|| NO_DATA.into()),
                ),
            ]
            .into_iter()
            .map(|(a, b)| vec![Cell::new(a), Cell::new(b)])
            .collect(),
            size: 12.0,
        });
        if !f.mentees_by_category.is_empty() {
            l.push(Block::Para(Para {
                runs: vec![Run::bold("Количество наставляемых по категориям:")],
                ..Para::body("")
            }));
            counts_table(&mut l, "Категория наставляемых", &f.mentees_by_category);
        }
        if !f.pairs_by_form.is_empty() {
            l.push(Block::Para(Para {
                runs: vec![Run::bold("Количество пар / групп по формам наставничества:")],
                ..Para::body("")
            }));
            counts_table(&mut l, "Форма наставничества", &f.pairs_by_form);
            counts_chart(&mut l, "Пары и группы по формам наставничества", &f.pairs_by_form)?;
        }
        if !f.completed_by_reason.is_empty() {
            l.push(Block::Para(Para {
                runs: vec![Run::bold("Завершённые программы по основаниям:")],
                ..Para::body("")
            }));
            counts_table(&mut l, "Основание завершения", &f.completed_by_reason);
        }
        if !f.indicators.is_empty() {
            l.push(Block::Para(Para {
                runs: vec![Run::bold("Изменение показателей (вход → выход):")],
                ..Para::body("")
            }));
            let opt = |v: Option<f64>| v.map(decimal).unwrap_or_else(|| NO_DATA.into());
            l.push(Block::Table {
                widths: vec![12, 4, 4, 4],
                header: ["Показатель", "На входе", "На выходе", "Изменение"]
                    .map(String::from)
                    .to_vec(),
                rows: f
                    .indicators
                    .iter()
                    .map(|i| {
                        let delta = match (i.entry, i.exit) {
                            (Some(a), Some(b)) => {
                                format!("{}{}", if b >= a { "+" } else { "−" }, decimal((b - a).abs()))
                            }
                            _ => NO_DATA.into(),
                        };
                        vec![
                            Cell::new(&i.name),
                            Cell::new(opt(i.entry)),
                            Cell::new(opt(i.exit)),
                            Cell::new(delta),
                        ]
                    })
                    .collect(),
                size: 12.0,
            });
            let measured: Vec<&Indicator> = f
                .indicators
                .iter()
                .filter(|i| i.entry.is_some() && i.exit.is_some())
                .collect();
            if !measured.is_empty() {
                let cats: Vec<String> = measured.iter().map(|i| clean(&i.name)).collect();
                let svg = bars(
                    "Показатели на входе и на выходе",
                    &cats,
                    &[
                        Series {
                            name: "На входе",
                            values: measured.iter().map(|i| i.entry.unwrap_or(0.0)).collect(),
                        },
                        Series {
                            name: "На выходе",
                            values: measured.iter().map(|i| i.exit.unwrap_or(0.0)).collect(),
                        },
                    ],
                    16.0,
                    8.0,
                )?;
                l.push(Block::Chart {
                    svg,
                    width_cm: 16.0,
                    height_cm: 8.0,
                    caption: "Рисунок. Показатели на входе и на выходе".into(),
                });
            }
        }
        if !self.activities.is_empty() {
            l.push(Block::Para(Para {
                runs: vec![Run::bold(
                    "Программы наставничества реализуются на основании групповых и индивидуальных видов деятельности:",
                )],
                ..Para::body("")
            }));
            l.push(Block::Table {
                widths: vec![2, 8, 8, 8],
                header: ["№", "Наименование", "Проект/программа (оператор)", "Роль наставника"]
                    .map(String::from)
                    .to_vec(),
                rows: self
                    .activities
                    .iter()
                    .enumerate()
                    .map(|(i, a)| {
                        vec![
                            Cell::new(format!("{}.", i + 1)),
                            Cell::new(&a.name),
                            Cell::new(&a.program),
                            Cell::new(&a.role),
                        ]
                    })
                    .collect(),
                size: 11.0,
            });
        }
        list(&mut l, "Общие итоги реализации:", &self.general_results);
        list(
            &mut l,
            "Результатом успешной реализации программ наставничества является:",
            &self.success_results,
        );
        l.push(Block::Para(Para {
            runs: vec![Run::bold("Выводы по итогам мониторинга:")],
            ..Para::body("")
        }));
        l.text(if self.conclusions.trim().is_empty() {
            "________________________________________________"
        } else {
            &self.conclusions
        });
        if let Some(c) = &self.curator {
            l.push(c.block());
        }
        Ok(l)
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.organization.fields(&mut f);
        f.text("учебный_год", &self.year);
        f.text("наставники.всего", &count(self.figures.mentors_total));
        f.text("выводы", &self.conclusions);
        f
    }
}
