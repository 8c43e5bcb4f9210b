//! Orders («приказ»): the heading block, «ПРИКАЗЫВАЮ:», numbered items, the signature,
//! the acquaintance sheet and the appendices (TEMPLATES.md §4.1–4.3).

use chrono::NaiveDate;
use serde::Deserialize;

use super::Document;
use super::position::Position;
use super::roadmap::Roadmap;
use crate::common::{OrderMeta, period, require, require_list};
use crate::layout::{Align, Block, Cell, Layout, Para, Run};
use crate::names::{Case, Person};
use crate::typography::{clean, short_date};
use crate::{DocumentError, Fields};

/// «О внедрении целевой модели наставничества … и назначении куратора» (seed 000).
#[derive(Debug, Deserialize)]
pub struct IntroduceModel {
    /// Requisites, preamble, head, acquaintance.
    pub order: OrderMeta,
    /// Start of the model.
    pub start: NaiveDate,
    /// End of the first period.
    pub end: NaiveDate,
    /// The curator with position.
    pub curator: Person,
    /// Deadline for the bases of mentors and mentees.
    pub bases_deadline: NaiveDate,
    /// The employee who acquaints the staff (the secretary), with the deadline.
    pub secretary: Option<Person>,
    /// Deadline of the acquaintance.
    pub acquaint_deadline: Option<NaiveDate>,
    /// Appendix 1: the roadmap.
    pub roadmap: Option<Roadmap>,
    /// Appendix 2: the положение.
    pub position: Option<Position>,
}

impl Document for IntroduceModel {
    fn check(&self) -> Result<(), DocumentError> {
        self.order.check()?;
        require(&self.curator.full_name, "curator.full_name", "ФИО куратора")?;
        period(self.start, self.end, "end")?;
        if let Some(r) = &self.roadmap {
            r.check()?;
        }
        if let Some(p) = &self.position {
            p.check()?;
        }
        Ok(())
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        let org = clean(&self.order.organization.short_name);
        let mut l = Layout::portrait();
        self.order.open(
            &mut l,
            &format!("О внедрении целевой модели наставничества в {org} и назначении куратора"),
        );
        l.item("1.", format!(
            "Внедрить целевую модель наставничества в {org} в период {} с возможностью пролонгации сроков реализации программ наставничества.",
            period(self.start, self.end, "end")?
        ), 0);
        l.item(
            "2.",
            format!(
                "Назначить куратором внедрения целевой модели наставничества в {org} {}.",
                self.curator.position_and_name(Case::Accusative)
            ),
            0,
        );
        l.item(
            "3.",
            format!(
                "Куратору внедрения целевой модели наставничества в {org} {}:",
                self.curator.name_in(Case::Dative)
            ),
            0,
        );
        let bases = format!(
            "составить базу наставников и наставляемых в срок до {}",
            short_date(self.bases_deadline)
        );
        for duty in [
            format!("{bases};"),
            "организовать обучение наставников – перед реализацией программы наставничества и во время её реализации;".into(),
            format!("составлять и корректировать программы наставничества в процессе их реализации – в соответствии с положением о наставничестве {org};"),
            "контролировать реализацию программ наставничества;".into(),
            format!("решать организационные вопросы, возникающие в процессе реализации модели наставничества, в том числе вопросы материально-технического обеспечения, с привлечением других работников {org}, организаций-партнёров;"),
            "мониторить эффективность реализации программ, по итогам составлять справки (раз в полгода) и представлять их мне на ознакомление;".into(),
            "анализировать обратную связь от участников программы.".into(),
        ] {
            l.bullet(duty);
        }
        let mut n = 4;
        if self.roadmap.is_some() {
            l.item(format!("{n}."), "Утвердить дорожную карту внедрения целевой модели наставничества согласно приложению № 1 к настоящему приказу.", 0);
            n += 1;
        }
        if self.position.is_some() {
            let app = if self.roadmap.is_some() { 2 } else { 1 };
            l.item(
                format!("{n}."),
                format!("Утвердить положение о наставничестве согласно приложению № {app} к настоящему приказу."),
                0,
            );
            n += 1;
        }
        if let Some(s) = &self.secretary {
            let deadline = self
                .acquaint_deadline
                .map(|d| format!(" в срок до {}", short_date(d)))
                .unwrap_or_default();
            l.item(
                format!("{n}."),
                format!(
                    "{} ознакомить работников {org} с настоящим приказом под подпись{deadline}.",
                    capitalize(&s.position_and_name(Case::Dative))
                ),
                0,
            );
            n += 1;
        }
        self.order.close(&mut l, n);
        let mut app = 1;
        if let Some(r) = &self.roadmap {
            l.push(Block::PageBreak);
            r.append_to(&mut l, Some(self.order.appendix_caption(app)));
            app += 1;
        }
        if let Some(p) = &self.position {
            l.push(Block::PageBreak);
            p.append_to(&mut l, Some(self.order.appendix_caption(app)));
        }
        Ok(l)
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.order.fields(&mut f);
        f.text("куратор.фио", &self.curator.name_in(Case::Nominative));
        f.text("куратор.фио_вин", &self.curator.name_in(Case::Accusative));
        f.text("куратор.фио_дат", &self.curator.name_in(Case::Dative));
        f.text(
            "куратор.должность_и_фио_вин",
            &self.curator.position_and_name(Case::Accusative),
        );
        f.text("период", &period(self.start, self.end, "end").unwrap_or_default());
        f.text("базы.срок", &short_date(self.bases_deadline));
        f
    }
}

/// One pair or group of the order approving pairs.
#[derive(Debug, Deserialize)]
pub struct PairRow {
    /// The mentor with position.
    pub mentor: Person,
    /// The mentees (one for a pair, several for a group).
    pub mentees: Vec<Person>,
    /// Form, e.g. «Учитель – учитель» (§7.1).
    pub form: String,
    /// Kind, e.g. «традиционная форма наставничества» (§7.2).
    #[serde(default)]
    pub kind: String,
    /// Start of the program.
    pub start: NaiveDate,
    /// End of the program.
    pub end: NaiveDate,
}

/// «Об утверждении наставнических пар/групп» with the table of pairs as its appendix.
#[derive(Debug, Deserialize)]
pub struct Pairs {
    /// Requisites, preamble, head, acquaintance.
    pub order: OrderMeta,
    /// The pairs and groups.
    pub pairs: Vec<PairRow>,
    /// The curator who follows the programs.
    pub curator: Person,
    /// Deadline for the personalized programs.
    pub programs_deadline: NaiveDate,
}

impl Document for Pairs {
    fn check(&self) -> Result<(), DocumentError> {
        self.order.check()?;
        require_list(&self.pairs, "pairs", "список наставнических пар/групп")?;
        require(&self.curator.full_name, "curator.full_name", "ФИО куратора")?;
        for (i, p) in self.pairs.iter().enumerate() {
            require(
                &p.mentor.full_name,
                &format!("pairs[{i}].mentor.full_name"),
                "ФИО наставника",
            )?;
            require_list(&p.mentees, &format!("pairs[{i}].mentees"), "наставляемые пары/группы")?;
            for (j, m) in p.mentees.iter().enumerate() {
                require(
                    &m.full_name,
                    &format!("pairs[{i}].mentees[{j}].full_name"),
                    "ФИО наставляемого",
                )?;
            }
            require(&p.form, &format!("pairs[{i}].form"), "форма наставничества")?;
            period(p.start, p.end, &format!("pairs[{i}].end"))?;
        }
        Ok(())
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        let org = clean(&self.order.organization.short_name);
        let groups = self.pairs.iter().filter(|p| p.mentees.len() > 1).count();
        let mut l = Layout::portrait();
        self.order.open(&mut l, "Об утверждении наставнических пар/групп");
        l.item("1.", format!(
            "Утвердить наставнические пары/группы {org} ({} – всего, из них групп – {groups}) согласно приложению № 1 к настоящему приказу.",
            self.pairs.len()
        ), 0);
        l.item("2.", format!(
            "Наставникам совместно с наставляемыми разработать персонализированные программы наставничества в срок до {}.",
            short_date(self.programs_deadline)
        ), 0);
        l.item("3.", format!(
            "Куратору {} обеспечить сопровождение наставнических пар/групп, проведение встреч и мониторинг реализации программ.",
            self.curator.position_and_name(Case::Dative)
        ), 0);
        self.order.close(&mut l, 4);
        l.push(Block::PageBreak);
        l.push(Block::Para(Para::line(
            vec![Run::plain(self.order.appendix_caption(1))],
            Align::Right,
        )));
        l.gap();
        l.heading(format!("Наставнические пары/группы {org}"));
        let rows = self
            .pairs
            .iter()
            .enumerate()
            .map(|(i, p)| {
                vec![
                    Cell::new((i + 1).to_string()),
                    Cell::new(p.mentor.full_with_position()),
                    Cell {
                        lines: p.mentees.iter().map(Person::full_with_position).collect(),
                        bold: false,
                        span: 1,
                    },
                    Cell::new(&p.form),
                    Cell::new(&p.kind),
                    Cell::new(format!("{} – {}", short_date(p.start), short_date(p.end))),
                ]
            })
            .collect();
        l.push(Block::Table {
            widths: vec![3, 18, 18, 11, 12, 10],
            header: [
                "№",
                "Наставник",
                "Наставляемый (наставляемые)",
                "Форма",
                "Вид наставничества",
                "Сроки",
            ]
            .map(String::from)
            .to_vec(),
            rows,
            size: 11.0,
        });
        Ok(l)
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.order.fields(&mut f);
        f.text("куратор.фио", &self.curator.name_in(Case::Nominative));
        f.text("куратор.фио_дат", &self.curator.name_in(Case::Dative));
        f.text("программы.срок", &short_date(self.programs_deadline));
        f.text("пары.количество", &self.pairs.len().to_string());
        f.list(
            "пары",
            self.pairs
                .iter()
                .map(|p| {
                    vec![
                        ("наставник", p.mentor.full_with_position()),
                        (
                            "наставляемые",
                            p.mentees
                                .iter()
                                .map(Person::full_with_position)
                                .collect::<Vec<_>>()
                                .join("; "),
                        ),
                        ("форма", p.form.clone()),
                        ("вид", p.kind.clone()),
                        ("сроки", format!("{} – {}", short_date(p.start), short_date(p.end))),
                    ]
                })
                .collect(),
        );
        f
    }
}

/// A session of the «Школа наставников».
#[derive(Debug, Deserialize)]
pub struct Session {
    /// Date or period text («октябрь 2025»).
    pub when: String,
    /// Topic.
    pub topic: String,
    /// Who leads it.
    #[serde(default)]
    pub responsible: String,
}

/// «Об организации «Школы наставников» с утверждением программ и графиков обучения».
#[derive(Debug, Deserialize)]
pub struct MentorSchool {
    /// Requisites, preamble, head, acquaintance.
    pub order: OrderMeta,
    /// The head of the school of mentors.
    pub leader: Person,
    /// Start of the training.
    pub start: NaiveDate,
    /// End of the training.
    pub end: NaiveDate,
    /// The schedule (appendix 1).
    pub sessions: Vec<Session>,
    /// The mentors who are trained (appendix 2).
    pub participants: Vec<Person>,
}

impl Document for MentorSchool {
    fn check(&self) -> Result<(), DocumentError> {
        self.order.check()?;
        require(
            &self.leader.full_name,
            "leader.full_name",
            "руководитель «Школы наставников»",
        )?;
        period(self.start, self.end, "end")?;
        require_list(&self.sessions, "sessions", "график занятий")?;
        for (i, s) in self.sessions.iter().enumerate() {
            require(&s.topic, &format!("sessions[{i}].topic"), "тема занятия")?;
        }
        require_list(&self.participants, "participants", "список обучающихся наставников")
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        let org = clean(&self.order.organization.short_name);
        let mut l = Layout::portrait();
        self.order
            .open(&mut l, &format!("Об организации «Школы наставников» в {org}"));
        l.item(
            "1.",
            format!(
                "Организовать обучение наставников в «Школе наставников» {}.",
                period(self.start, self.end, "end")?
            ),
            0,
        );
        l.item(
            "2.",
            format!(
                "Назначить руководителем «Школы наставников» {}.",
                self.leader.position_and_name(Case::Accusative)
            ),
            0,
        );
        l.item(
            "3.",
            "Утвердить программу и график обучения наставников согласно приложению № 1 к настоящему приказу.",
            0,
        );
        l.item(
            "4.",
            "Утвердить список наставников, проходящих обучение, согласно приложению № 2 к настоящему приказу.",
            0,
        );
        l.item(
            "5.",
            format!(
                "{} обеспечить проведение занятий и учёт посещаемости.",
                capitalize(&self.leader.name_in(Case::Dative))
            ),
            0,
        );
        self.order.close(&mut l, 6);
        l.push(Block::PageBreak);
        l.push(Block::Para(Para::line(
            vec![Run::plain(self.order.appendix_caption(1))],
            Align::Right,
        )));
        l.heading("Программа и график обучения наставников");
        l.push(Block::Table {
            widths: vec![2, 5, 12, 7],
            header: ["№", "Сроки", "Тема занятия", "Ответственный"]
                .map(String::from)
                .to_vec(),
            rows: self
                .sessions
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    vec![
                        Cell::new((i + 1).to_string()),
                        Cell::new(&s.when),
                        Cell::new(&s.topic),
                        Cell::new(&s.responsible),
                    ]
                })
                .collect(),
            size: 12.0,
        });
        l.push(Block::PageBreak);
        l.push(Block::Para(Para::line(
            vec![Run::plain(self.order.appendix_caption(2))],
            Align::Right,
        )));
        l.heading("Список наставников, проходящих обучение");
        l.push(Block::Table {
            widths: vec![2, 12, 10],
            header: ["№", "ФИО", "Должность"].map(String::from).to_vec(),
            rows: self
                .participants
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    vec![
                        Cell::new((i + 1).to_string()),
                        Cell::new(&p.full_name),
                        Cell::new(p.position.as_deref().unwrap_or("")),
                    ]
                })
                .collect(),
            size: 12.0,
        });
        Ok(l)
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.order.fields(&mut f);
        f.text(
            "руководитель_школы.фио_вин",
            &self.leader.position_and_name(Case::Accusative),
        );
        f.text("период", &period(self.start, self.end, "end").unwrap_or_default());
        f.list(
            "занятия",
            self.sessions
                .iter()
                .map(|s| {
                    vec![
                        ("сроки", s.when.clone()),
                        ("тема", s.topic.clone()),
                        ("ответственный", s.responsible.clone()),
                    ]
                })
                .collect(),
        );
        f
    }
}

/// How a person is rewarded.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RewardKind {
    /// Грамота «Лучший наставник».
    Certificate,
    /// Благодарность.
    Thanks,
}

/// One person rewarded.
#[derive(Debug, Deserialize)]
pub struct Award {
    /// The person with position.
    pub person: Person,
    /// How.
    pub kind: RewardKind,
    /// For what: «за высокие результаты наставнической деятельности в 2025/2026 учебном году».
    pub reason: String,
}

/// «О поощрении участников наставнической деятельности».
#[derive(Debug, Deserialize)]
pub struct Reward {
    /// Requisites, preamble, head, acquaintance.
    pub order: OrderMeta,
    /// The rewarded.
    pub awards: Vec<Award>,
}

impl Document for Reward {
    fn check(&self) -> Result<(), DocumentError> {
        self.order.check()?;
        require_list(&self.awards, "awards", "список поощряемых")?;
        for (i, a) in self.awards.iter().enumerate() {
            require(
                &a.person.full_name,
                &format!("awards[{i}].person.full_name"),
                "ФИО поощряемого",
            )?;
            require(&a.reason, &format!("awards[{i}].reason"), "за что поощряется")?;
        }
        Ok(())
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        let mut l = Layout::portrait();
        self.order
            .open(&mut l, "О поощрении участников наставнической деятельности");
        let mut n = 1;
        let certs: Vec<&Award> = self
            .awards
            .iter()
            .filter(|a| a.kind == RewardKind::Certificate)
            .collect();
        let thanks: Vec<&Award> = self.awards.iter().filter(|a| a.kind == RewardKind::Thanks).collect();
        if !certs.is_empty() {
            l.item(format!("{n}."), "Наградить грамотой «Лучший наставник»:", 0);
            for a in certs {
                l.bullet(format!(
                    "{} {};",
                    a.person.position_and_name(Case::Accusative),
                    clean(&a.reason)
                ));
            }
            n += 1;
        }
        if !thanks.is_empty() {
            l.item(format!("{n}."), "Объявить благодарность:", 0);
            for a in thanks {
                l.bullet(format!(
                    "{} {};",
                    a.person.position_and_name(Case::Dative),
                    clean(&a.reason)
                ));
            }
            n += 1;
        }
        self.order.close(&mut l, n);
        Ok(l)
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.order.fields(&mut f);
        f.list(
            "награждённые",
            self.awards
                .iter()
                .map(|a| {
                    vec![
                        ("фио", a.person.name_in(Case::Nominative)),
                        ("фио_вин", a.person.name_in(Case::Accusative)),
                        ("фио_дат", a.person.name_in(Case::Dative)),
                        ("за_что", a.reason.clone()),
                    ]
                })
                .collect(),
        );
        f
    }
}

/// The first letter capitalised («Секретарю Рычко …»).
pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
