//! Certificates «Лучший наставник» (A4 landscape) and thank-you letters (A4 portrait) as
//! print-ready PDF, one page per person, typeset by typst with the shipped fonts.

use std::marker::PhantomData;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Document;
use crate::common::{Organization, Signatory, require, require_list};
use crate::layout::Layout;
use crate::names::{Case, Gender, Person};
use crate::typography::{clean, long_date};
use crate::{DocumentError, Fields};

/// One person awarded.
#[derive(Debug, Deserialize)]
pub struct Recipient {
    /// The person with position.
    pub person: Person,
    /// For what: «за высокие результаты наставнической деятельности …».
    pub reason: String,
}

/// The common view of certificates and letters.
#[derive(Debug, Deserialize)]
pub struct Awards {
    /// Who awards.
    pub organization: Organization,
    /// Who signs.
    pub signatory: Signatory,
    /// Date.
    pub date: NaiveDate,
    /// Order that grants the award, e.g. «Приказ от 20.05.2026 № 88» (certificates).
    #[serde(default)]
    pub order: Option<String>,
    /// The people.
    pub recipients: Vec<Recipient>,
}

/// A document of awards, one page per person, in the style of `K`.
#[derive(Debug, Deserialize)]
#[serde(bound = "")]
pub struct AwardPages<K> {
    /// Who, by whom, when.
    #[serde(flatten)]
    pub awards: Awards,
    #[serde(skip)]
    style: PhantomData<K>,
}

/// How one kind of award looks.
pub trait Style {
    /// The sheet to typeset.
    fn sheet(a: &Awards) -> Sheet;
}

/// Certificates «Лучший наставник» (A4 landscape).
#[derive(Debug)]
pub struct Certificate;

/// Thank-you letters (A4 portrait).
#[derive(Debug)]
pub struct ThanksLetter;

/// Certificates «Лучший наставник».
pub type Certificates = AwardPages<Certificate>;
/// Thank-you letters.
pub type ThanksLetters = AwardPages<ThanksLetter>;

/// What the typst template of certificates reads.
#[derive(Serialize)]
pub struct Sheet {
    landscape: bool,
    organization: String,
    title: String,
    subtitle: String,
    date: String,
    order: String,
    position: String,
    signer: String,
    pages: Vec<Page>,
}

/// One page of the sheet.
#[derive(Serialize)]
pub struct Page {
    lead: String,
    name: String,
    position: String,
    text: String,
}

impl Awards {
    fn check(&self) -> Result<(), DocumentError> {
        self.organization.check("organization")?;
        self.signatory.check("signatory")?;
        require_list(&self.recipients, "recipients", "список награждаемых")?;
        for (i, r) in self.recipients.iter().enumerate() {
            require(
                &r.person.full_name,
                &format!("recipients[{i}].person.full_name"),
                "ФИО награждаемого",
            )?;
            require(&r.reason, &format!("recipients[{i}].reason"), "за что награждается")?;
        }
        Ok(())
    }

    fn sheet(&self, landscape: bool, title: &str, subtitle: &str, page: impl Fn(&Recipient) -> Page) -> Sheet {
        Sheet {
            landscape,
            organization: clean(&self.organization.full_name),
            title: title.into(),
            subtitle: subtitle.into(),
            date: long_date(self.date),
            order: self.order.as_deref().map(clean).unwrap_or_default(),
            position: clean(&self.signatory.position),
            signer: self.signatory.person.initials_surname(),
            pages: self.recipients.iter().map(page).collect(),
        }
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.organization.fields(&mut f);
        f.text("дата", &long_date(self.date));
        f
    }
}

impl<K: Style> Document for AwardPages<K> {
    fn check(&self) -> Result<(), DocumentError> {
        self.awards.check()
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        Err(DocumentError::Format {
            kind: "грамота".into(),
            format: "docx".into(),
            available: "pdf".into(),
        })
    }

    fn fields(&self) -> Fields {
        self.awards.fields()
    }

    fn pdf(&self) -> Result<Vec<u8>, DocumentError> {
        let json = serde_json::to_vec(&K::sheet(&self.awards)).map_err(|e| DocumentError::Write(e.to_string()))?;
        crate::pdf::write_certificates(json)
    }
}

impl Style for Certificate {
    fn sheet(a: &Awards) -> Sheet {
        a.sheet(true, "ГРАМОТА", "«Лучший наставник»", |r| {
            Page {
                lead: "награждается".into(),
                name: r.person.name_in(Case::Nominative),
                position: r.person.position.as_deref().map(clean).unwrap_or_default(),
                text: clean(&r.reason),
            }
        })
    }
}

impl Style for ThanksLetter {
    fn sheet(a: &Awards) -> Sheet {
        let org = clean(&a.organization.short_name);
        a.sheet(false, "БЛАГОДАРСТВЕННОЕ ПИСЬМО", "", |r| {
            let dear = if r.person.gender_or_detect() == Gender::Female {
                "Уважаемая"
            } else {
                "Уважаемый"
            };
            Page {
                lead: format!("{dear} {}!", r.person.address()),
                name: String::new(),
                position: String::new(),
                text: format!(
                    "Администрация {org} выражает Вам искреннюю благодарность {}",
                    clean(&r.reason)
                ),
            }
        })
    }
}
