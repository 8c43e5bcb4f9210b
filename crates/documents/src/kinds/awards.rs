//! Certificates «Лучший наставник» (A4 landscape) and thank-you letters (A4 portrait) as
//! print-ready PDF, one page per person, typeset by typst with the shipped fonts.

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

/// Certificates «Лучший наставник».
#[derive(Debug, Deserialize)]
pub struct Certificates(pub Awards);

/// Thank-you letters.
#[derive(Debug, Deserialize)]
pub struct ThanksLetters(pub Awards);

#[derive(Serialize)]
struct Sheet {
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

#[derive(Serialize)]
struct Page {
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

fn pdf(sheet: &Sheet) -> Result<Vec<u8>, DocumentError> {
    let json = serde_json::to_vec(sheet).map_err(|e| DocumentError::Write(e.to_string()))?;
    crate::pdf::write_certificates(json)
}

fn no_text() -> DocumentError {
    DocumentError::Format {
        kind: "грамота".into(),
        format: "docx".into(),
        available: "pdf".into(),
    }
}

impl Document for Certificates {
    fn check(&self) -> Result<(), DocumentError> {
        self.0.check()
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        Err(no_text())
    }

    fn fields(&self) -> Fields {
        self.0.fields()
    }

    fn pdf(&self) -> Result<Vec<u8>, DocumentError> {
        pdf(&self.0.sheet(true, "ГРАМОТА", "«Лучший наставник»", |r| {
            Page {
                lead: "награждается".into(),
                name: r.person.name_in(Case::Nominative),
                position: r.person.position.as_deref().map(clean).unwrap_or_default(),
                text: clean(&r.reason),
            }
        }))
    }
}

impl Document for ThanksLetters {
    fn check(&self) -> Result<(), DocumentError> {
        self.0.check()
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        Err(no_text())
    }

    fn fields(&self) -> Fields {
        self.0.fields()
    }

    fn pdf(&self) -> Result<Vec<u8>, DocumentError> {
        let org = clean(&self.0.organization.short_name);
        pdf(&self.0.sheet(false, "БЛАГОДАРСТВЕННОЕ ПИСЬМО", "", |r| {
            let address = r.person.address();
            Page {
                lead: format!(
                    "{} {address}!",
                    if r.person.gender_or_detect() == Gender::Female {
                        "Уважаемая"
                    } else {
                        "Уважаемый"
                    }
                ),
                name: String::new(),
                position: String::new(),
                text: format!(
                    "Администрация {org} выражает Вам искреннюю благодарность {}",
                    clean(&r.reason)
                ),
            }
        }))
    }
}
