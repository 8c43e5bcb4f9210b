//! «Положение о наставничестве»: the three presets of TEMPLATES.md §4.4 (teachers of seed
//! 000, school of seed 001, municipal of seed 004) with the school's name put in, or the
//! school's own sections; optional «СОГЛАСОВАНО» and «УТВЕРЖДЕНО» stamps.

use chrono::NaiveDate;
use serde::Deserialize;

use super::Document;
use crate::common::{Organization, require};
use crate::layout::{Align, Block, Layout, Para, Run};
use crate::typography::{clean, number, short_date};
use crate::{DocumentError, Fields};

/// Which preset.
#[derive(Debug, Deserialize, Clone, Copy, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    /// «ПОЛОЖЕНИЕ О НАСТАВНИЧЕСТВЕ В {ОО}» (students and teachers, seed 001).
    #[default]
    School,
    /// «ПОЛОЖЕНИЕ о системе наставничества педагогических работников в {ОО}» (seed 000).
    Teachers,
    /// The municipal position (seed 004).
    Municipal,
}

/// A section.
#[derive(Debug, Deserialize, Clone)]
pub struct Section {
    /// «Общие положения».
    pub title: String,
    /// Its paragraphs.
    pub paragraphs: Vec<String>,
}

#[derive(Deserialize)]
struct PresetText {
    title: String,
    sections: Vec<Section>,
}

/// The approval of the position by an order.
#[derive(Debug, Deserialize)]
pub struct Approval {
    /// «приказом директора МБОУ «…»».
    pub by: String,
    /// Order date.
    pub date: NaiveDate,
    /// Order number.
    pub number: String,
}

/// The agreement with a council.
#[derive(Debug, Deserialize)]
pub struct Agreement {
    /// «Педагогическим советом МБОУ «…»».
    pub by: String,
    /// Protocol date.
    pub date: NaiveDate,
    /// Protocol number.
    pub number: String,
}

/// The position.
#[derive(Debug, Deserialize)]
pub struct Position {
    /// The school or the municipal body.
    pub organization: Organization,
    /// The territory of a municipal position: «Спасского муниципального района Республики Татарстан».
    #[serde(default)]
    pub territory: Option<String>,
    /// The preset.
    #[serde(default)]
    pub preset: Preset,
    /// The school's own sections instead of the preset's.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// «УТВЕРЖДЕНО приказом … от … № …».
    pub approved: Option<Approval>,
    /// «СОГЛАСОВАНО … протокол от … № …».
    pub agreed: Option<Agreement>,
}

impl Position {
    pub(crate) fn check(&self) -> Result<(), DocumentError> {
        self.organization.check("organization")?;
        if self.preset == Preset::Municipal {
            require(
                self.territory.as_deref().unwrap_or(""),
                "territory",
                "территория муниципального положения (района, округа)",
            )?;
        }
        for (i, s) in self.sections.iter().enumerate() {
            require(&s.title, &format!("sections[{i}].title"), "название раздела")?;
        }
        Ok(())
    }

    fn preset_text(&self) -> PresetText {
        let raw = match self.preset {
            Preset::School => include_str!("../../presets/position_school.json"),
            Preset::Teachers => include_str!("../../presets/position_teachers.json"),
            Preset::Municipal => include_str!("../../presets/position_municipal.json"),
        };
        // The presets are part of the crate and checked by a test; an error here is a bug.
        serde_json::from_str(raw).unwrap_or(PresetText {
            title: "ПОЛОЖЕНИЕ О НАСТАВНИЧЕСТВЕ".into(),
            sections: Vec::new(),
        })
    }

    fn put(&self, s: &str) -> String {
        let org = clean(&self.organization.short_name);
        let territory = self.territory.as_deref().map(clean).unwrap_or_else(|| org.clone());
        s.replace("{ОО}", &org).replace("{территория}", &territory)
    }

    fn title(&self) -> String {
        self.put(&self.preset_text().title)
    }

    /// Adds the position to a layout, under an appendix caption when it is part of an order.
    pub(crate) fn append_to(&self, l: &mut Layout, caption: Option<String>) {
        if let Some(c) = caption {
            l.push(Block::Para(Para::line(vec![Run::plain(c)], Align::Right)));
        }
        let left = self
            .agreed
            .as_ref()
            .map(|a| {
                vec![
                    "СОГЛАСОВАНО".to_owned(),
                    clean(&a.by),
                    format!("протокол от {} {}", short_date(a.date), number(&a.number)),
                ]
            })
            .unwrap_or_default();
        let right = self
            .approved
            .as_ref()
            .map(|a| {
                vec![
                    "УТВЕРЖДЕНО".to_owned(),
                    clean(&a.by),
                    format!("от {} {}", short_date(a.date), number(&a.number)),
                ]
            })
            .unwrap_or_default();
        if !left.is_empty() || !right.is_empty() {
            l.push(Block::Stamps { left, right });
            l.gap();
        }
        let preset = self.preset_text();
        let sections = if self.sections.is_empty() {
            preset.sections
        } else {
            self.sections.clone()
        };
        l.heading(self.put(&preset.title));
        for (i, s) in sections.iter().enumerate() {
            l.push(Block::Para(Para {
                space_after: 4.0,
                ..Para::heading(format!("{}. {}", i + 1, self.put(&s.title)))
            }));
            for p in &s.paragraphs {
                l.text(self.put(p));
            }
        }
    }
}

impl Document for Position {
    fn check(&self) -> Result<(), DocumentError> {
        Position::check(self)
    }

    fn layout(&self) -> Result<Layout, DocumentError> {
        let mut l = Layout::portrait();
        self.append_to(&mut l, None);
        Ok(l)
    }

    fn fields(&self) -> Fields {
        let mut f = Fields::default();
        self.organization.fields(&mut f);
        f.text("положение.название", &self.title());
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_presets_read_and_name_no_seed_school() {
        for (preset, sections) in [(Preset::School, 12), (Preset::Teachers, 5), (Preset::Municipal, 5)] {
            let p = Position {
                organization: Organization {
                    full_name: "Школа".into(),
                    short_name: "МБОУ СОШ № 5".into(),
                    place: String::new(),
                },
                territory: Some("Энского района".into()),
                preset,
                sections: Vec::new(),
                approved: None,
                agreed: None,
            };
            let text = p.preset_text();
            assert_eq!(text.sections.len(), sections, "{preset:?}");
            assert!(
                text.sections
                    .iter()
                    .all(|s| !s.paragraphs.is_empty() || s.title.contains("Документы")),
                "{preset:?}"
            );
            let mut l = Layout::portrait();
            p.append_to(&mut l, None);
            let all = serde_json::to_string(&l).unwrap();
            for seed_name in ["Знаменская", "Хосрехская", "Спасского", "{ОО}", "{территория}"]
            {
                assert!(!all.contains(seed_name), "{preset:?} still says {seed_name}");
            }
        }
    }
}
