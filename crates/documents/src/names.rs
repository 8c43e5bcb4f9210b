//! People's names and positions in the grammatical case a sentence needs, and the
//! initials-and-surname forms of signature lines.

use petrovich::{Case as PCase, Gender as PGender};
use serde::{Deserialize, Serialize};

use crate::typography::{NBSP, clean};

/// The grammatical case a sentence puts a name in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Именительный: «Иванова Мария Петровна».
    Nominative,
    /// Родительный: «Ивановой Марии Петровны».
    Genitive,
    /// Дательный: «наставнику Петрову Ивану Сергеевичу».
    Dative,
    /// Винительный: «назначить Иванову Марию Петровну».
    Accusative,
    /// Творительный: «Ивановой Марией Петровной».
    Instrumental,
}

/// Grammatical gender of a person, as written in the view model or detected from the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Мужской.
    Male,
    /// Женский.
    Female,
}

/// A person named in a document: the full name in the nominative, as the bases hold it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// «Фамилия Имя Отчество» in the nominative.
    pub full_name: String,
    /// Position or class, in the nominative: «заместитель директора по УВР», «8 «Б» класс».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// Gender, when the patronymic does not tell it (a foreign name or none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
}

impl Person {
    /// The full name in `case`: «Захарову Анастасию Анатольевну».
    pub fn name_in(&self, case: Case) -> String {
        let parts = self.parts();
        if case == Case::Nominative {
            return parts.join(" ");
        }
        let gender = self.gender.unwrap_or_else(|| detect_gender(&parts));
        let g = match gender {
            Gender::Male => PGender::Male,
            Gender::Female => PGender::Female,
        };
        let Some(pc) = petrovich_case(case) else {
            return parts.join(" ");
        };
        let mut out = Vec::with_capacity(parts.len());
        for (i, p) in parts.iter().enumerate() {
            let inflected = match i {
                0 => hyphenated(p, |w| petrovich::lastname(g, w, pc)),
                1 => hyphenated(p, |w| petrovich::firstname(g, w, pc)),
                2 if is_patronymic(p) => petrovich::middlename(g, p, pc),
                // «оглы», «кызы» and the like stay as they are.
                _ => p.clone(),
            };
            out.push(inflected);
        }
        out.join(" ")
    }

    /// «Е.\u{a0}М.\u{a0}Шевченко», the form of signature lines and acquaintance lists.
    pub fn initials_surname(&self) -> String {
        let parts = self.parts();
        let Some((surname, rest)) = parts.split_first() else {
            return String::new();
        };
        let mut out = String::new();
        for p in rest.iter().take(2) {
            if let Some(c) = p.chars().next()
                && c.is_uppercase()
            {
                out.push(c);
                out.push('.');
                out.push(NBSP);
            }
        }
        out.push_str(surname);
        out
    }

    /// The position in `case`, with the person's name after it:
    /// «заместителя директора по УВР Захарову Анастасию Анатольевну».
    pub fn position_and_name(&self, case: Case) -> String {
        match &self.position {
            Some(p) if !p.trim().is_empty() => {
                format!("{} {}", position_in(&clean(p), case), self.name_in(case))
            }
            _ => self.name_in(case),
        }
    }

    /// The name and patronymic used to address the person: «Мария Петровна».
    pub fn address(&self) -> String {
        let parts = self.parts();
        match parts.len() {
            0 => String::new(),
            1 => parts[0].clone(),
            _ => parts[1..].join(" "),
        }
    }

    /// The gender written in the view model, or the one the name suggests.
    pub fn gender_or_detect(&self) -> Gender {
        self.gender.unwrap_or_else(|| detect_gender(&self.parts()))
    }

    /// «Петров Иван Сергеевич, учитель математики» for tables.
    pub fn full_with_position(&self) -> String {
        let name = self.parts().join(" ");
        match self.position.as_deref().map(str::trim) {
            Some(p) if !p.is_empty() => format!("{name}, {}", clean(p)),
            _ => name,
        }
    }

    fn parts(&self) -> Vec<String> {
        clean(&self.full_name)
            .split([' ', NBSP])
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

fn petrovich_case(case: Case) -> Option<PCase> {
    Some(match case {
        Case::Nominative => return None,
        Case::Genitive => PCase::Genitive,
        Case::Dative => PCase::Dative,
        Case::Accusative => PCase::Accusative,
        Case::Instrumental => PCase::Instrumental,
    })
}

fn hyphenated(word: &str, f: impl Fn(&str) -> String) -> String {
    word.split('-').map(f).collect::<Vec<_>>().join("-")
}

fn is_patronymic(w: &str) -> bool {
    let l = w.to_lowercase();
    ["вич", "вна", "ична", "чна", "ич"].iter().any(|e| l.ends_with(e))
}

fn detect_gender(parts: &[String]) -> Gender {
    if let Some(p) = parts.get(2) {
        let l = p.to_lowercase();
        if l.ends_with("вна") || l.ends_with("чна") || l == "кызы" || l == "гызы" {
            return Gender::Female;
        }
        if l.ends_with("ич") || l == "оглы" || l == "улы" {
            return Gender::Male;
        }
    }
    let female_surname = parts.first().is_some_and(|s| {
        let l = s.to_lowercase();
        ["ова", "ева", "ёва", "ина", "ына", "ая", "яя", "ска", "цка"]
            .iter()
            .any(|e| l.ends_with(e))
    });
    let female_name = parts.get(1).is_some_and(|n| {
        let l = n.to_lowercase();
        (l.ends_with('а') || l.ends_with('я'))
            && !["никита", "илья", "фома", "кузьма", "лука", "савва"].contains(&l.as_str())
    });
    if female_surname || (female_name && parts.len() < 3) {
        Gender::Female
    } else {
        Gender::Male
    }
}

/// A position declined in `case`: the leading adjectives and the head noun change,
/// the rest («директора по УВР», «в 5 «А» классе») stays as written.
pub fn position_in(position: &str, case: Case) -> String {
    if case == Case::Nominative {
        return position.to_owned();
    }
    let mut out = Vec::new();
    let mut done = false;
    for w in position.split(' ') {
        if done {
            out.push(w.to_owned());
            continue;
        }
        let (inflected, was_noun) = if is_adjective(w) {
            (adjective(w, case), false)
        } else {
            (hyphenated(w, |part| noun(part, case)), true)
        };
        out.push(inflected);
        done = was_noun;
    }
    out.join(" ")
}

fn is_adjective(w: &str) -> bool {
    let l = w.to_lowercase();
    w.chars().count() > 3 && ["ый", "ий", "ой"].iter().any(|e| l.ends_with(e))
}

fn adjective(w: &str, case: Case) -> String {
    let stem = &w[..w.len() - "ый".len()];
    // «-ий» after к/г/х declines hard in -ого/-ому but keeps «-им»; after a hushing or soft
    // consonant it is soft throughout (старший → старшего, старшим).
    let ii = w.ends_with("ий");
    let velar = stem.ends_with(['к', 'г', 'х']);
    let soft = ii && !velar;
    let ending = match case {
        Case::Genitive | Case::Accusative if soft => "его",
        Case::Genitive | Case::Accusative => "ого",
        Case::Dative if soft => "ему",
        Case::Dative => "ому",
        Case::Instrumental if ii => "им",
        Case::Instrumental => "ым",
        Case::Nominative => return w.to_owned(),
    };
    format!("{stem}{ending}")
}

/// Masculine nouns of school positions: «учитель», «директор», «педагог-психолог».
fn noun(w: &str, case: Case) -> String {
    let l = w.to_lowercase();
    // Abbreviations and capitalised words («УВР», «МБОУ») do not decline.
    if w.chars().count() < 3 || w.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
        return w.to_owned();
    }
    let last = l.chars().last().unwrap_or(' ');
    // «учитель», «водитель»; «-й» nouns decline the same way.
    if let Some(stem) = w.strip_suffix('ь').or_else(|| w.strip_suffix('й')) {
        let e = match case {
            Case::Genitive | Case::Accusative => "я",
            Case::Dative => "ю",
            Case::Instrumental => "ем",
            Case::Nominative => return w.to_owned(),
        };
        return format!("{stem}{e}");
    }
    // Feminine nouns in -а/-я: «ученица», «студентка».
    if let Some(stem) = w.strip_suffix('а').or_else(|| w.strip_suffix('я')) {
        let soft = w.ends_with('я');
        let stem_last = stem.chars().last().unwrap_or(' ');
        let e = match case {
            Case::Accusative if soft => "ю",
            Case::Accusative => "у",
            Case::Genitive if soft || "кгхжшчщ".contains(stem_last) => "и",
            Case::Genitive => "ы",
            Case::Dative => "е",
            Case::Instrumental if soft || "жшчщц".contains(stem_last) => "ей",
            Case::Instrumental => "ой",
            Case::Nominative => return w.to_owned(),
        };
        return format!("{stem}{e}");
    }
    if "бвгджзклмнпрстфхцчшщ".contains(last) {
        let hushing = "жшчщц".contains(last);
        let e = match case {
            Case::Genitive | Case::Accusative => "а",
            Case::Dative => "у",
            Case::Instrumental if hushing => "ем",
            Case::Instrumental => "ом",
            Case::Nominative => "",
        };
        return format!("{w}{e}");
    }
    w.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str) -> Person {
        Person {
            full_name: name.into(),
            position: None,
            gender: None,
        }
    }

    #[test]
    fn real_names_take_the_case_of_the_sentence() {
        let cases = [
            (
                "Захарова Анастасия Анатольевна",
                Case::Accusative,
                "Захарову Анастасию Анатольевну",
            ),
            ("Иванова Мария Петровна", Case::Accusative, "Иванову Марию Петровну"),
            ("Петров Иван Сергеевич", Case::Dative, "Петрову Ивану Сергеевичу"),
            ("Шевченко Елена Михайловна", Case::Dative, "Шевченко Елене Михайловне"),
            (
                "Ермилин Алексей Николаевич",
                Case::Genitive,
                "Ермилина Алексея Николаевича",
            ),
            (
                "Римский-Корсаков Николай Андреевич",
                Case::Dative,
                "Римскому-Корсакову Николаю Андреевичу",
            ),
            ("Мамедов Эльдар Рашид оглы", Case::Dative, "Мамедову Эльдару Рашид оглы"),
            (
                "Хабибуллина Алия Ильдаровна",
                Case::Instrumental,
                "Хабибуллиной Алией Ильдаровной",
            ),
            ("Ким Анна Викторовна", Case::Dative, "Ким Анне Викторовне"),
            ("Рычко Наталья Владимировна", Case::Dative, "Рычко Наталье Владимировне"),
        ];
        for (name, case, want) in cases {
            assert_eq!(p(name).name_in(case), want, "{name} in {case:?}");
        }
    }

    #[test]
    fn a_municipality_takes_the_genitive_after_a_title() {
        assert_eq!(
            position_in("Зеленодольский муниципальный район", Case::Genitive),
            "Зеленодольского муниципального района"
        );
        assert_eq!(
            position_in("Казанский городской округ", Case::Genitive),
            "Казанского городского округа"
        );
    }

    #[test]
    fn signature_lines_use_initials() {
        assert_eq!(
            p("Шевченко Елена Михайловна").initials_surname(),
            "Е.\u{a0}М.\u{a0}Шевченко"
        );
        assert_eq!(p("Ким Анна").initials_surname(), "А.\u{a0}Ким");
    }

    #[test]
    fn positions_decline_by_their_head_word() {
        let cases = [
            (
                "заместитель директора по УВР",
                Case::Accusative,
                "заместителя директора по УВР",
            ),
            ("учитель математики", Case::Dative, "учителю математики"),
            ("социальный педагог", Case::Genitive, "социального педагога"),
            ("педагог-психолог", Case::Accusative, "педагога-психолога"),
            ("ученица 11 «А» класса", Case::Dative, "ученице 11 «А» класса"),
            ("ученица 11 «А» класса", Case::Instrumental, "ученицей 11 «А» класса"),
            ("старший методист", Case::Instrumental, "старшим методистом"),
            ("старший методист", Case::Genitive, "старшего методиста"),
            (
                "классный руководитель 5 «А» класса",
                Case::Dative,
                "классному руководителю 5 «А» класса",
            ),
            ("секретарь", Case::Dative, "секретарю"),
        ];
        for (position, case, want) in cases {
            assert_eq!(position_in(position, case), want, "{position} in {case:?}");
        }
    }
}
