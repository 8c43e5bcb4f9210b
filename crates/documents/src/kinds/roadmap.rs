//! «Дорожная карта» in the staged layout of seed 001 (stage → event → content) and the
//! flat layout of seed 000 (event, period, responsible), as DOCX, PDF and XLSX (§3).

use serde::Deserialize;

use super::Document;
use crate::common::{Organization, require};
use crate::layout::{Align, Block, Cell, Layout, Para, Run};
use crate::typography::clean;
use crate::xlsx::{Row, Sheet};
use crate::{DocumentError, Fields};

/// Which of the two layouts of the seeds.
#[derive(Debug, Deserialize, Clone, Copy, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RoadmapLayout {
    /// «№ | Наименование этапа | Мероприятия | Содержание деятельности | Сроки | Ответственные».
    #[default]
    Staged,
    /// «Мероприятие | Сроки | Ответственные».
    Flat,
}

/// An event of a stage.
#[derive(Debug, Deserialize, Clone)]
pub struct Event {
    /// «Сбор данных о наставляемых».
    pub name: String,
    /// Numbered content items.
    #[serde(default)]
    pub content: Vec<String>,
    /// «Апрель», «До 01.10.2025», «В течение года»; free text, may be empty.
    #[serde(default)]
    pub period: String,
    /// «Куратор»; may be empty.
    #[serde(default)]
    pub responsible: String,
}

/// A stage of the staged layout.
#[derive(Debug, Deserialize, Clone)]
pub struct Stage {
    /// «Формирование базы наставляемых».
    pub name: String,
    /// Its events.
    pub events: Vec<Event>,
}

/// The roadmap.
#[derive(Debug, Deserialize)]
pub struct Roadmap {
    /// The school.
    pub organization: Organization,
    /// «2025–2026».
    pub year: String,
    /// Staged or flat.
    #[serde(default)]
    pub layout: RoadmapLayout,
    /// Stages; empty means the default template of seed 001.
    #[serde(default)]
    pub stages: Vec<Stage>,
    /// Lines of the «УТВЕРЖДАЮ» stamp, when the roadmap is a separate document.
    #[serde(default)]
    pub approval: Vec<String>,
}

impl Roadmap {
    pub(crate) fn check(&self) -> Result<(), DocumentError> {
        self.organization.check("organization")?;
        require(&self.year, "year", "учебный год")?;
        for (i, s) in self.stages.iter().enumerate() {
            require(&s.name, &format!("stages[{i}].name"), "наименование этапа")?;
            for (j, e) in s.events.iter().enumerate() {
                require(&e.name, &format!("stages[{i}].events[{j}].name"), "мероприятие")?;
            }
        }
        Ok(())
    }

    fn stages(&self) -> Vec<Stage> {
        match (self.stages.is_empty(), self.layout) {
            (false, _) => self.stages.clone(),
            (true, RoadmapLayout::Staged) => default_stages(),
            (true, RoadmapLayout::Flat) => vec![Stage {
                name: String::new(),
                events: self.default_flat(),
            }],
        }
    }

    /// The 30 rows of seed 000's appendix 1, word for word, with the school's name put in
    /// and the seed's years 2022/2023 moved to the roadmap's academic year.
    fn default_flat(&self) -> Vec<Event> {
        let first_year: Option<i32> = self.year.get(..4).and_then(|y| y.parse().ok());
        let org = clean(&self.organization.short_name);
        let rows: Vec<Event> =
            serde_json::from_str(include_str!("../../presets/roadmap_flat.json")).unwrap_or_default();
        rows.into_iter()
            .map(|mut e| {
                e.name = e.name.replace("{ОО}", &org);
                if let Some(y) = first_year {
                    e.period = e
                        .period
                        .replace("2022", &y.to_string())
                        .replace("2023", &(y + 1).to_string());
                }
                e
            })
            .collect()
    }
    fn title(&self) -> String {
        let org = clean(&self.organization.short_name);
        match self.layout {
            RoadmapLayout::Staged => format!(
                "«Дорожная карта» реализации целевой модели наставничества в {org} на {} учебный год",
                clean(&self.year)
            ),
            // Seed 000's appendix names no year: the order it belongs to gives the period.
            RoadmapLayout::Flat => format!("Дорожная карта внедрения целевой модели наставничества в {org}"),
        }
    }

    /// Adds the roadmap to a layout, under an appendix caption when it is part of an order.
    pub(crate) fn append_to(&self, l: &mut Layout, caption: Option<String>) {
        if let Some(c) = caption {
            l.push(Block::Para(Para::line(vec![Run::plain(c)], Align::Right)));
            l.gap();
        } else if !self.approval.is_empty() {
            l.push(Block::Stamps {
                left: Vec::new(),
                right: self.approval.iter().map(|a| clean(a)).collect(),
            });
        }
        l.heading(self.title());
        let (widths, header, size) = match self.layout {
            RoadmapLayout::Staged => (vec![2, 7, 9, 16, 5, 6], HEADERS_STAGED.to_vec(), 10.0),
            RoadmapLayout::Flat => (vec![12, 4, 4], HEADERS_FLAT.to_vec(), 11.0),
        };
        let staged = self.layout == RoadmapLayout::Staged;
        let rows = self
            .rows()
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .enumerate()
                    // The stage name stands out in the staged layout.
                    .map(|(c, text)| Cell {
                        bold: staged && c == 1,
                        ..Cell::new(text)
                    })
                    .collect()
            })
            .collect();
        l.push(Block::Table {
            widths,
            header: header.into_iter().map(String::from).collect(),
            rows,
            size,
        });
    }

    /// The table rows of either layout; content items are numbered, one per line.
    fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        for (i, s) in self.stages().iter().enumerate() {
            for (j, e) in s.events.iter().enumerate() {
                let content = e
                    .content
                    .iter()
                    .enumerate()
                    .map(|(k, c)| format!("{}. {c}", k + 1))
                    .collect::<Vec<_>>()
                    .join("\n");
                rows.push(match self.layout {
                    RoadmapLayout::Staged => vec![
                        if j == 0 { format!("{}.", i + 1) } else { String::new() },
                        if j == 0 { s.name.clone() } else { String::new() },
                        e.name.clone(),
                        content,
                        e.period.clone(),
                        e.responsible.clone(),
                    ],
                    RoadmapLayout::Flat => vec![e.name.clone(), e.period.clone(), e.responsible.clone()],
                });
            }
        }
        rows
    }
}

const HEADERS_STAGED: [&str; 6] = [
    "№",
    "Наименование этапа",
    "Мероприятия",
    "Содержание деятельности",
    "Сроки",
    "Ответственные",
];
const HEADERS_FLAT: [&str; 3] = ["Мероприятие", "Сроки", "Ответственные"];

impl Document for Roadmap {
    fn check(&self) -> Result<(), DocumentError> {
        Roadmap::check(self)
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        let mut l = Layout::landscape();
        self.append_to(&mut l, None);
        Ok(l)
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.organization.fields(&mut f);
        f.text("учебный_год", &self.year);
        f.list(
            "мероприятия",
            self.stages()
                .iter()
                .flat_map(|s| s.events.iter().map(move |e| (s, e)))
                .map(|(s, e)| {
                    vec![
                        ("этап", s.name.clone()),
                        ("мероприятие", e.name.clone()),
                        ("содержание", e.content.join("; ")),
                        ("сроки", e.period.clone()),
                        ("ответственные", e.responsible.clone()),
                    ]
                })
                .collect(),
        );
        f
    }

    fn xlsx(&self) -> Result<Vec<u8>, DocumentError> {
        let (headers, widths): (&[&str], &[f64]) = match self.layout {
            RoadmapLayout::Staged => (&HEADERS_STAGED, &[5.0, 28.0, 34.0, 60.0, 16.0, 18.0]),
            RoadmapLayout::Flat => (&HEADERS_FLAT, &[70.0, 20.0, 22.0]),
        };
        let rows = self.rows();
        crate::xlsx::write(&mut Sheet {
            name: "Дорожная карта",
            title: self.title(),
            subtitle: None,
            headers,
            widths,
            landscape: true,
            wrap: true,
            key_columns: 0,
            rows: Box::new(rows.into_iter()),
        })
    }
}

fn ev(name: &str, content: &[&str], period: &str, responsible: &str) -> Event {
    Event {
        name: name.into(),
        content: content.iter().map(|c| (*c).to_owned()).collect(),
        period: period.into(),
        responsible: responsible.into(),
    }
}

/// The staged template of seed 001 (TEMPLATES.md §3.2); responsible persons are proposed.
fn default_stages() -> Vec<Stage> {
    vec![
        Stage {
            name: "Подготовка условий для запуска программы наставничества".into(),
            events: vec![
                ev(
                    "Изучение и систематизация имеющихся материалов по проблеме наставничества",
                    &[
                        "Изучение распоряжения Минпросвещения России от 25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) наставничества обучающихся…».",
                        "Подготовка системных папок по проблеме наставничества.",
                        "Ознакомление с шаблонами документов для реализации целевой модели.",
                    ],
                    "Апрель",
                    "Куратор",
                ),
                ev(
                    "Подготовка нормативной базы реализации целевой модели наставничества",
                    &[
                        "Издание приказа «Внедрение целевой модели наставничества».",
                        "Разработка и утверждение Положения о наставничестве.",
                        "Разработка и утверждение Целевой модели наставничества.",
                        "Разработка и утверждение «дорожной карты» внедрения системы наставничества.",
                        "Назначение координатора и кураторов внедрения Целевой модели наставничества (издание приказа).",
                    ],
                    "Апрель",
                    "Директор",
                ),
                ev(
                    "Выбор форм и программ наставничества исходя из потребностей школы",
                    &[
                        "Проведение мониторинга по выявлению предварительных запросов от потенциальных наставляемых.",
                        "Проведение административного совещания по вопросам реализации целевой модели наставничества. Выбор форм программ наставничества.",
                        "Сформировать банк программ по выбранным формам наставничества.",
                    ],
                    "Апрель",
                    "Куратор",
                ),
                ev(
                    "Информирование родителей, педагогов, обучающихся о возможностях и целях целевой модели наставничества",
                    &[
                        "Проведение педагогического совета.",
                        "Проведение родительских собраний.",
                        "Проведение ученической конференции.",
                        "Проведение классных часов.",
                        "Информирование на сайте школы.",
                        "Информирование внешней среды.",
                    ],
                    "Апрель–Май",
                    "Классные руководители",
                ),
            ],
        },
        Stage {
            name: "Формирование базы наставляемых".into(),
            events: vec![
                ev(
                    "Сбор данных о наставляемых",
                    &[
                        "Проведение анкетирования среди обучающихся и педагогов, желающих принять участие в программе наставничества.",
                        "Сбор согласий на обработку персональных данных от совершеннолетних участников и родителей (законных представителей) несовершеннолетних.",
                        "Сбор дополнительной информации о запросах наставляемых от третьих лиц: классный руководитель, психолог, соцработник, родители.",
                    ],
                    "Июнь",
                    "Куратор",
                ),
                ev(
                    "Формирование базы наставляемых",
                    &[
                        "Формирование базы данных наставляемых из числа педагогов.",
                        "Формирование базы данных наставляемых из числа обучающихся.",
                    ],
                    "Апрель",
                    "Куратор",
                ),
            ],
        },
        Stage {
            name: "Формирование базы наставников".into(),
            events: vec![
                ev(
                    "Сбор данных о наставниках",
                    &[
                        "Проведение анкетирования среди потенциальных наставников, желающих принять участие в программе наставничества.",
                        "Сбор согласий на сбор и обработку персональных данных.",
                        "Проведение мероприятия (круглый стол) для информирования и вовлечения потенциальных наставников.",
                    ],
                    "Май",
                    "Куратор",
                ),
                ev(
                    "Формирование базы наставников",
                    &[
                        "Формирование базы данных наставников из числа педагогов.",
                        "Формирование базы данных наставников из числа обучающихся.",
                    ],
                    "Апрель",
                    "Куратор",
                ),
            ],
        },
        Stage {
            name: "Отбор и обучение наставников".into(),
            events: vec![
                ev(
                    "Выявление наставников, входящих в базу потенциальных наставников",
                    &["Провести анализ базы наставников и выбрать подходящих для конкретной формы."],
                    "Март",
                    "Куратор",
                ),
                ev(
                    "Обучение наставников для работы с наставляемыми",
                    &[
                        "Подготовить методические материалы для сопровождения наставнической деятельности.",
                        "Издать приказ об организации «Школы наставников» с утверждением программ и графиков обучения наставников.",
                    ],
                    "Апрель",
                    "Директор",
                ),
            ],
        },
        Stage {
            name: "Формирование наставнических пар / групп".into(),
            events: vec![
                ev(
                    "Отбор наставников и наставляемых",
                    &[
                        "Анализ заполненных анкет потенциальных наставников и сопоставление данных с анкетами наставляемых.",
                        "Организация групповой встречи наставников и наставляемых.",
                        "Проведение анкетирования на предмет предпочитаемого наставника/наставляемого после завершения групповой встречи.",
                        "Формирование наставнических пар / групп.",
                    ],
                    "Апрель",
                    "Куратор",
                ),
                ev(
                    "Закрепление наставнических пар / групп",
                    &[
                        "Издание приказа «Об утверждении наставнических пар/групп».",
                        "Разработка планов индивидуального развития наставляемых.",
                        "Организация психологического сопровождения наставляемым, не сформировавшим пару или группу, продолжение поиска наставника.",
                    ],
                    "Апрель–Май",
                    "Директор, педагог-психолог",
                ),
            ],
        },
        Stage {
            name: "Организация и осуществление работы наставнических пар / групп".into(),
            events: vec![
                ev(
                    "Организация комплекса последовательных встреч наставников и наставляемых",
                    &[
                        "Проведение первой, организационной, встречи наставника и наставляемого.",
                        "Проведение второй, пробной рабочей, встречи наставника и наставляемого.",
                        "Проведение встречи-планирования рабочего процесса в рамках программы наставничества.",
                        "Регулярные встречи наставника и наставляемого.",
                        "Проведение заключительной встречи наставника и наставляемого.",
                    ],
                    "Сентябрь, в течение года",
                    "Наставник",
                ),
                ev(
                    "Организация текущего контроля достижения планируемых результатов наставниками",
                    &["Анкетирование участников: форматы анкет обратной связи для промежуточной оценки."],
                    "В течение года",
                    "Куратор",
                ),
            ],
        },
        Stage {
            name: "Завершение наставничества".into(),
            events: vec![
                ev(
                    "Отчёты по итогам наставнической программы",
                    &[
                        "Проведение мониторинга личной удовлетворённости участием в программе наставничества.",
                        "Проведение мониторинга качества реализации программы наставничества.",
                        "Мониторинг и оценка влияния программ на всех участников.",
                    ],
                    "Декабрь",
                    "Куратор",
                ),
                ev(
                    "Мотивация и поощрения наставников",
                    &[
                        "Приказ о поощрении участников наставнической деятельности.",
                        "Благодарственные письма партнёрам.",
                        "Издание приказа «О проведении итогового мероприятия в рамках реализации целевой модели наставничества».",
                        "Публикация результатов программы наставничества, лучших наставников, информации на сайте школы.",
                        "Проведение школьного конкурса профессионального мастерства «Наставник года», «Лучшая пара».",
                    ],
                    "Декабрь, апрель",
                    "Директор",
                ),
            ],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flat_default_is_seed_000_moved_to_the_year() {
        let r: Roadmap = serde_json::from_str(
            r#"{"organization": {"full_name": "Школа", "short_name": "МБОУ СОШ № 5"}, "year": "2025–2026", "layout": "flat"}"#,
        )
        .unwrap();
        let rows = r.rows();
        assert_eq!(rows.len(), 30);
        assert_eq!(
            rows[0],
            [
                "Информирование педагогического сообщества образовательной организации о реализации программы наставничества",
                "До 01.08.2025",
                "Секретарь"
            ]
        );
        assert_eq!(rows[24][1], "Июнь 2026");
        // Ten rows of the seed have neither a date nor a responsible person: kept empty.
        assert_eq!(rows.iter().filter(|r| r[1].is_empty() && r[2].is_empty()).count(), 10);
        assert!(
            rows.iter()
                .all(|r| !r[0].contains("Знаменская") && !r[0].contains("{ОО}"))
        );
    }

    #[test]
    fn the_staged_default_has_the_seven_stages() {
        let r: Roadmap =
            serde_json::from_str(r#"{"organization": {"full_name": "Ш", "short_name": "Ш"}, "year": "2025–2026"}"#)
                .unwrap();
        assert_eq!(r.stages().len(), 7);
        assert_eq!(r.stages()[6].name, "Завершение наставничества");
    }
}
