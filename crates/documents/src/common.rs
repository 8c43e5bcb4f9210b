//! Parts shared by the documents: the organization, the order's heading block, signatures,
//! the acquaintance sheet and the checks of required fields.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::DocumentError;
use crate::fields::Fields;
use crate::layout::{Align, Block, Cell, Layout, Para, Run};
use crate::names::{Case, Person};
use crate::typography::{clean, long_date, number, short_date};

/// The organization that issues the document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organization {
    /// Full name: «Муниципальное бюджетное общеобразовательное учреждение «Знаменская СОШ»».
    pub full_name: String,
    /// Short name used in sentences: «МБОУ «Знаменская СОШ»».
    pub short_name: String,
    /// Place for the heading: «с. Знаменка».
    #[serde(default)]
    pub place: String,
}

impl Organization {
    pub(crate) fn check(&self, path: &str) -> Result<(), DocumentError> {
        require(
            &self.full_name,
            &format!("{path}.full_name"),
            "полное наименование организации",
        )?;
        require(
            &self.short_name,
            &format!("{path}.short_name"),
            "краткое наименование организации",
        )
        .map(|_| ())
    }

    pub(crate) fn fields(&self, f: &mut Fields) {
        f.text("школа.название", &self.full_name);
        f.text("школа.краткое_название", &self.short_name);
        f.text("школа.место", &self.place);
    }
}

/// The one who signs: a position and a person («Директор», «Шевченко Елена Михайловна»).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Signatory {
    /// The position as printed on the signature line.
    pub position: String,
    /// The person.
    pub person: Person,
}

impl Signatory {
    pub(crate) fn check(&self, path: &str) -> Result<(), DocumentError> {
        require(&self.position, &format!("{path}.position"), "должность подписывающего")?;
        require(
            &self.person.full_name,
            &format!("{path}.person.full_name"),
            "ФИО подписывающего",
        )
        .map(|_| ())
    }

    pub(crate) fn block(&self) -> Block {
        Block::Signature {
            position: clean(&self.position),
            name: self.person.initials_surname(),
        }
    }
}

/// The requisites of an order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrderMeta {
    /// Issuing organization.
    pub organization: Organization,
    /// Number: «145».
    pub number: String,
    /// Date of signing.
    pub date: NaiveDate,
    /// The word under «ПРИКАЗ» in the region's second state language, e.g. «БОЕРЫК».
    #[serde(default)]
    pub second_language_word: Option<String>,
    /// The acts of the preamble «На основании …», one per entry.
    #[serde(default)]
    pub basis: Vec<String>,
    /// The purpose after the acts: «в целях повышения эффективности …».
    #[serde(default)]
    pub purpose: Option<String>,
    /// The head who signs the order.
    pub head: Option<Signatory>,
    /// People who sign the acquaintance sheet «С приказом ознакомлен(а):».
    #[serde(default)]
    pub acquaintance: Vec<Person>,
}

impl OrderMeta {
    pub(crate) fn check(&self) -> Result<(), DocumentError> {
        self.organization.check("order.organization")?;
        require(&self.number, "order.number", "номер приказа")?;
        match &self.head {
            None => Err(DocumentError::missing(
                "order.head",
                "руководитель, который подписывает приказ",
            )),
            Some(h) => h.check("order.head"),
        }
    }

    pub(crate) fn fields(&self, f: &mut Fields) {
        self.organization.fields(f);
        f.text("приказ.номер", &self.number);
        f.text("приказ.дата", &long_date(self.date));
        f.text("приказ.дата_кратко", &short_date(self.date));
        if let Some(h) = &self.head {
            f.text("руководитель.должность", &h.position);
            f.text("руководитель.фио", &h.person.name_in(Case::Nominative));
            f.text("руководитель.подпись", &h.person.initials_surname());
        }
    }

    /// «Приложение № 1 к приказу МБОУ «…» от 01.06.2022 № 145».
    pub(crate) fn appendix_caption(&self, n: u32) -> String {
        format!(
            "Приложение № {n} к приказу {} от {} {}",
            clean(&self.organization.short_name),
            short_date(self.date),
            number(&self.number)
        )
    }

    /// The heading block, the title, the preamble and «ПРИКАЗЫВАЮ:».
    pub(crate) fn open(&self, layout: &mut Layout, title: &str) {
        let org = &self.organization;
        layout.push(Block::Para(Para::line(vec![Run::bold(&org.full_name)], Align::Center)));
        layout.gap();
        let mut word = vec![Run::bold("ПРИКАЗ").sized(16.0).spaced(6.0)];
        if let Some(w) = self.second_language_word.as_deref().filter(|w| !w.trim().is_empty()) {
            word.push(Run::plain("   "));
            word.push(Run::bold(w).sized(16.0).spaced(6.0));
        }
        layout.push(Block::Para(Para {
            space_after: 6.0,
            ..Para::line(word, Align::Center)
        }));
        layout.push(Block::Spread {
            left: long_date(self.date),
            right: number(&self.number),
        });
        if !org.place.trim().is_empty() {
            layout.push(Block::Para(Para::line(vec![Run::plain(&org.place)], Align::Center)));
        }
        layout.gap();
        layout.push(Block::Para(Para {
            space_after: 6.0,
            ..Para::line(vec![Run::bold(title)], Align::Center)
        }));
        let mut preamble = String::new();
        if !self.basis.is_empty() {
            preamble.push_str("На основании ");
            preamble.push_str(&self.basis.iter().map(|b| clean(b)).collect::<Vec<_>>().join(", "));
        }
        if let Some(p) = self.purpose.as_deref().filter(|p| !p.trim().is_empty()) {
            if !preamble.is_empty() {
                preamble.push_str(", ");
            }
            preamble.push_str(p.trim());
        }
        if !preamble.is_empty() {
            layout.text(preamble);
        }
        layout.push(Block::Para(Para {
            space_after: 6.0,
            ..Para::line(vec![Run::bold("ПРИКАЗЫВАЮ:")], Align::Left)
        }));
    }

    /// The control item, the head's signature and the acquaintance sheet.
    pub(crate) fn close(&self, layout: &mut Layout, control_item: u32) {
        layout.item(
            format!("{control_item}."),
            "Контроль исполнения настоящего приказа оставляю за собой.",
            0,
        );
        if let Some(h) = &self.head {
            layout.push(h.block());
        }
        if !self.acquaintance.is_empty() {
            layout.gap();
            layout.push(Block::Para(Para::line(
                vec![Run::plain("С приказом ознакомлен(а):")],
                Align::Left,
            )));
            let rows = self
                .acquaintance
                .iter()
                .map(|p| {
                    vec![
                        Cell::new(p.initials_surname()),
                        Cell::new("______________"),
                        Cell::new("«___» ____________ 20___ г."),
                    ]
                })
                .collect();
            layout.push(Block::Table {
                widths: vec![4, 3, 4],
                header: vec!["ФИО".into(), "Подпись".into(), "Дата".into()],
                rows,
                size: 12.0,
            });
        }
    }
}

/// The text of a required field, or an error naming it.
pub(crate) fn require<'a>(value: &'a str, field: &str, label: &str) -> Result<&'a str, DocumentError> {
    let v = value.trim();
    if v.is_empty() {
        Err(DocumentError::missing(field, label))
    } else {
        Ok(v)
    }
}

/// A required list that must not be empty.
pub(crate) fn require_list<T>(list: &[T], field: &str, label: &str) -> Result<(), DocumentError> {
    if list.is_empty() {
        Err(DocumentError::missing(field, label))
    } else {
        Ok(())
    }
}

/// «с 01.09.2025 по 31.05.2026», checking that the end is not before the start.
pub(crate) fn period(start: NaiveDate, end: NaiveDate, field: &str) -> Result<String, DocumentError> {
    if end < start {
        return Err(DocumentError::invalid(
            field,
            format!(
                "срок окончания {} раньше начала {}: поменяйте даты местами",
                short_date(end),
                short_date(start)
            ),
        ));
    }
    Ok(format!("с {} по {}", short_date(start), short_date(end)))
}
