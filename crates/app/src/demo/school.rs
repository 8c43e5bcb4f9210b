//! Demo data: generating one school.

use super::*;

/// Today and what follows from it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ctx {
    pub(super) today: NaiveDate,
    pub(super) year: AcademicYear,
    pub(super) adult_cutoff: NaiveDate,
}

/// The people of one school and how they relate, by index into `people`.
pub(super) struct School {
    pub(super) org: i64,
    pub(super) people: Vec<ParticipantDraft>,
    pub(super) links: Vec<Link>,
    pub(super) consents: Vec<Planned>,
    pub(super) staff: StaffIdx,
}

/// A guardian link.
pub(super) struct Link {
    pub(super) minor: usize,
    pub(super) guardian: usize,
    pub(super) relation: &'static str,
    pub(super) doc: String,
}

/// A consent to record: signed by the person, or by the guardian of link `link`.
pub(super) struct Planned {
    pub(super) person: usize,
    pub(super) kind: ConsentKind,
    pub(super) link: Option<usize>,
    pub(super) given_on: NaiveDate,
}

/// What a child in a generated family is like.
#[derive(Clone, Copy)]
pub(super) enum Pupil {
    /// Class 5–11, age fitting the class.
    Regular(u8),
    /// Class 11, turns 18 within weeks.
    SoonAdult,
    /// Class 11, already 18 (age exception), covered by a guardian's consent only.
    TurnedAdult,
}

// Teachers demo accounts belong to (indexes into TEACHER_POSTS).
pub(super) const T_DEPUTY: usize = 0;
pub(super) const T_PSYCHOLOGIST: usize = 1;
pub(super) const T_RUSSIAN: usize = 2;
pub(super) const T_MATH: usize = 3;
pub(super) const T_ENGLISH: usize = 4;
pub(super) const T_HISTORY: usize = 6;
pub(super) const T_INFORMATICS: usize = 8;

/// (subjects, position); teachers past the list repeat it from the third entry.
pub(super) const TEACHER_POSTS: [(&str, &str); 20] = [
    ("математика", "заместитель директора по учебно-воспитательной работе"),
    ("", "педагог-психолог"),
    ("русский язык и литература", "учитель русского языка и литературы"),
    ("математика", "учитель математики"),
    ("английский язык", "учитель английского языка"),
    ("физика, астрономия", "учитель физики"),
    ("история, обществознание", "учитель истории и обществознания"),
    ("биология", "учитель биологии"),
    ("информатика", "учитель информатики"),
    ("химия", "учитель химии"),
    ("русский язык и литература", "учитель русского языка и литературы"),
    ("математика", "учитель математики"),
    ("география", "учитель географии"),
    ("физическая культура", "учитель физической культуры"),
    ("татарский язык и литература", "учитель татарского языка и литературы"),
    ("", "советник директора по воспитанию"),
    ("английский язык, немецкий язык", "учитель иностранных языков"),
    ("труд (технология)", "учитель труда (технологии)"),
    ("основы безопасности и защиты Родины", "преподаватель-организатор ОБЗР"),
    (
        "музыка, изобразительное искусство",
        "учитель музыки и изобразительного искусства",
    ),
];

pub(super) const COMPANIES: [(&str, &str); 4] = [
    ("АО «Волжский машиностроительный завод»", "инженер-технолог"),
    ("ООО «Зеленодольские информационные технологии»", "ведущий программист"),
    ("АО «Приволжские электрические сети»", "начальник участка"),
    ("ООО «Агрофирма «Заря»", "главный агроном"),
];
pub(super) const UNIVERSITIES: [&str; 2] = [
    "Поволжский государственный педагогический университет",
    "Казанский технический колледж",
];

impl School {
    pub(super) fn generate(index: usize, org: i64, target: usize, teachers: usize, ctx: Ctx) -> School {
        let mut g = Gen {
            rng: Rng::new(SEED ^ (index as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
            ctx,
            school: School {
                org,
                people: Vec::new(),
                links: Vec::new(),
                consents: Vec::new(),
                staff: StaffIdx::default(),
            },
        };
        g.head();
        for i in 0..teachers {
            let t = g.teacher(i);
            g.school.staff.teachers.push(t);
        }
        g.extras();
        // The demo mentee and guardian: a pupil of class 8 and the parent who signed.
        let (children, parents) = g.family(&[Pupil::Regular(8)], Some(true), false);
        g.school.staff.mentee = children[0];
        g.school.staff.guardian = parents[0];
        let adults = 2 + g.rng.below(2);
        for _ in 0..adults {
            g.family(&[Pupil::TurnedAdult], Some(true), false);
        }
        for _ in 0..3 {
            g.family(&[Pupil::SoonAdult], Some(true), false);
        }
        while g.school.people.len() < target {
            let remaining = target - g.school.people.len();
            let has_parent = remaining >= 2 && g.rng.chance(92);
            let second = has_parent && remaining >= 3 && g.rng.chance(10);
            let max_children = remaining - usize::from(has_parent) - usize::from(second);
            let first_grade = 5 + g.rng.below(7) as u8;
            let pupils = if max_children >= 2 && g.rng.chance(22) {
                let other = 5 + (first_grade - 5 + 1 + g.rng.below(6) as u8) % 7;
                vec![Pupil::Regular(first_grade), Pupil::Regular(other)]
            } else {
                vec![Pupil::Regular(first_grade)]
            };
            let consent = has_parent.then(|| g.rng.chance(97));
            g.family(&pupils, consent, second);
        }
        g.school
    }
}

pub(super) struct Gen {
    pub(super) rng: Rng,
    pub(super) ctx: Ctx,
    pub(super) school: School,
}

impl Gen {
    pub(super) fn push(
        &mut self,
        name: (String, &str, &str),
        birth: NaiveDate,
        category: CategoryInput,
        phone: bool,
        exception: bool,
    ) -> usize {
        let phone = phone.then(|| format!("+79{:09}", self.rng.below(1_000_000_000)));
        self.school.people.push(ParticipantDraft {
            last_name: name.0,
            first_name: name.1.to_string(),
            patronymic: name.2.to_string(),
            birth_date: birth.format("%Y-%m-%d").to_string(),
            category,
            phone,
            email: None,
            age_exception: exception,
        });
        self.school.people.len() - 1
    }

    /// A date early in the academic year (when schools collect consents), not after today.
    pub(super) fn signing_day(&mut self) -> NaiveDate {
        let d = self.ctx.year.starts_on() + Days::new(self.rng.below(21) as u64);
        d.min(self.ctx.today)
    }

    /// An own processing consent for `share` percent of callers, and a dissemination one for some.
    pub(super) fn own_consents(&mut self, person: usize, share: u32) {
        if !self.rng.chance(share) {
            return;
        }
        let given_on = self.signing_day();
        self.school.consents.push(Planned {
            person,
            kind: ConsentKind::Processing,
            link: None,
            given_on,
        });
        if self.rng.chance(35) {
            self.school.consents.push(Planned {
                person,
                kind: ConsentKind::Dissemination,
                link: None,
                given_on,
            });
        }
    }

    /// A birth date `years` to `years + 1` years before today.
    pub(super) fn born_aged(&mut self, years: u32) -> NaiveDate {
        years_before(self.ctx.today, years) - Days::new(self.rng.below(365) as u64)
    }

    pub(super) fn head(&mut self) {
        let sex = if self.rng.chance(60) { Sex::F } else { Sex::M };
        let pool = Pool::pick(&mut self.rng);
        let name = adult_name(&mut self.rng, sex, pool);
        let age = 42 + self.rng.below(18) as u32;
        let birth = self.born_aged(age);
        let i = self.push(name, birth, kind("head"), true, false);
        self.own_consents(i, 100);
        self.school.staff.head = i;
    }

    pub(super) fn teacher(&mut self, i: usize) -> usize {
        let (subjects, position) = TEACHER_POSTS[if i < TEACHER_POSTS.len() {
            i
        } else {
            2 + (i - 2) % (TEACHER_POSTS.len() - 2)
        }];
        let sex = if self.rng.chance(82) { Sex::F } else { Sex::M };
        let pool = if position.contains("татарск") {
            Pool::Tatar
        } else {
            Pool::pick(&mut self.rng)
        };
        let name = adult_name(&mut self.rng, sex, pool);
        let age = 24 + self.rng.below(40) as u32;
        let birth = self.born_aged(age);
        let experience = age.saturating_sub(22 + self.rng.below(4) as u32).min(45);
        let category = CategoryInput {
            kind: "teacher".into(),
            subjects: Some(subjects.into()),
            position: Some(position.into()),
            experience_years: Some(experience.to_string()),
            ..Default::default()
        };
        let phone = self.rng.chance(70);
        let t = self.push(name, birth, category, phone, false);
        // Teachers have a school address (the reserved domain: no mail leaves a demo).
        self.school.people[t].email = Some(format!("teacher{t}@school.example"));
        self.own_consents(t, 95);
        t
    }

    /// Graduates, an enterprise employee, a university teacher and a veteran teacher.
    pub(super) fn extras(&mut self) {
        for _ in 0..2 {
            let sex = Sex::pick(&mut self.rng);
            let pool = Pool::pick(&mut self.rng);
            let name = adult_name(&mut self.rng, sex, pool);
            let age = 19 + self.rng.below(5) as u32;
            let birth = self.born_aged(age);
            let g = self.push(name, birth, kind("graduate"), true, false);
            self.own_consents(g, 95);
        }
        let (company, position) = *self.rng.pick(&COMPANIES);
        let pool = Pool::pick(&mut self.rng);
        let name = adult_name(&mut self.rng, Sex::M, pool);
        let age = 30 + self.rng.below(20) as u32;
        let birth = self.born_aged(age);
        let category = CategoryInput {
            kind: "enterprise_employee".into(),
            company: Some(company.into()),
            position: Some(position.into()),
            ..Default::default()
        };
        let e = self.push(name, birth, category, true, false);
        self.own_consents(e, 100);
        let pool = Pool::pick(&mut self.rng);
        let name = adult_name(&mut self.rng, Sex::F, pool);
        let age = 35 + self.rng.below(25) as u32;
        let birth = self.born_aged(age);
        let category = CategoryInput {
            kind: "university_teacher".into(),
            company: Some(self.rng.pick(&UNIVERSITIES).to_string()),
            ..Default::default()
        };
        let u = self.push(name, birth, category, false, false);
        self.own_consents(u, 95);
        let name = adult_name(&mut self.rng, Sex::F, Pool::Russian);
        let age = 67 + self.rng.below(12) as u32;
        let birth = self.born_aged(age);
        let v = self.push(name, birth, kind("veteran_teacher"), true, false);
        self.own_consents(v, 100);
    }

    /// A family: the pupils, maybe a parent (who signs the pupils' consents when `consent` is
    /// `Some(true)`) and maybe a second parent. Returns the indexes of the children and parents.
    pub(super) fn family(&mut self, pupils: &[Pupil], consent: Option<bool>, second: bool) -> (Vec<usize>, Vec<usize>) {
        let pool = Pool::pick(&mut self.rng);
        let surname = *self.rng.pick(pool.surnames());
        let father = *self.rng.pick(pool.men());
        let mut children = Vec::new();
        let mut eldest = self.ctx.today;
        for &pupil in pupils {
            let sex = Sex::pick(&mut self.rng);
            let first = *self.rng.pick(match sex {
                Sex::M => pool.boys(),
                Sex::F => pool.girls(),
            });
            let patronymic = match sex {
                Sex::M => father.1,
                Sex::F => father.2,
            };
            let (birth, grade, exception) = match pupil {
                Pupil::Regular(g) => {
                    let start = NaiveDate::from_ymd_opt(self.ctx.year.start_year() - i32::from(g) - 6, 9, 2)
                        .unwrap_or_default();
                    (start + Days::new(self.rng.below(365) as u64), g, false)
                }
                Pupil::SoonAdult => (
                    self.ctx.adult_cutoff + Days::new(3 + self.rng.below(50) as u64),
                    11,
                    false,
                ),
                Pupil::TurnedAdult => (
                    self.ctx.adult_cutoff - Days::new(5 + self.rng.below(180) as u64),
                    11,
                    true,
                ),
            };
            eldest = eldest.min(birth);
            let letter = if self.rng.chance(50) { "А" } else { "Б" };
            let category = CategoryInput {
                kind: "student".into(),
                grade: Some(grade.to_string()),
                letter: Some(letter.into()),
                ..Default::default()
            };
            let c = self.push(
                (gendered(surname, sex), first, patronymic),
                birth,
                category,
                false,
                exception,
            );
            children.push((c, pupil, birth));
        }
        let mut parents = Vec::new();
        if let Some(sign) = consent {
            // Mostly mothers; now and then a grandmother appointed guardian.
            let (sex, relation, doc, age) = match self.rng.below(100) {
                0..=1 => (
                    Sex::F,
                    "опекун",
                    format!(
                        "постановление об установлении опеки № {} от {}",
                        100 + self.rng.below(900),
                        self.signing_day().format("%d.%m.%Y")
                    ),
                    44 + self.rng.below(12) as u32,
                ),
                2..=79 => (
                    Sex::F,
                    "мать",
                    "свидетельство о рождении".to_string(),
                    21 + self.rng.below(17) as u32,
                ),
                _ => (
                    Sex::M,
                    "отец",
                    "свидетельство о рождении".to_string(),
                    23 + self.rng.below(17) as u32,
                ),
            };
            let p = self.parent(pool, surname, father, sex, eldest, age);
            parents.push(p);
            for &(c, pupil, birth) in &children {
                self.school.links.push(Link {
                    minor: c,
                    guardian: p,
                    relation,
                    doc: doc.clone(),
                });
                let link = self.school.links.len() - 1;
                if !sign {
                    continue;
                }
                let given_on = match pupil {
                    // Signed while the pupil was 17, some months before the birthday.
                    Pupil::TurnedAdult => years_after(birth, 18) - Days::new(30 + self.rng.below(200) as u64),
                    _ => self.signing_day(),
                };
                self.school.consents.push(Planned {
                    person: c,
                    kind: ConsentKind::Processing,
                    link: Some(link),
                    given_on,
                });
                if self.rng.chance(30) {
                    self.school.consents.push(Planned {
                        person: c,
                        kind: ConsentKind::Dissemination,
                        link: Some(link),
                        given_on,
                    });
                }
            }
            if second && relation == "мать" {
                let age = 23 + self.rng.below(17) as u32;
                let f = self.parent(pool, surname, father, Sex::M, eldest, age);
                for &(c, _, _) in &children {
                    self.school.links.push(Link {
                        minor: c,
                        guardian: f,
                        relation: "отец",
                        doc: "свидетельство о рождении".into(),
                    });
                }
                parents.push(f);
            }
        }
        (children.into_iter().map(|c| c.0).collect(), parents)
    }

    /// A parent `age_at_birth` years older than the eldest child; the father is `father`.
    pub(super) fn parent(
        &mut self,
        pool: Pool,
        surname: &str,
        father: Man,
        sex: Sex,
        eldest: NaiveDate,
        age_at_birth: u32,
    ) -> usize {
        let birth = years_before(eldest, age_at_birth) - Days::new(self.rng.below(365) as u64);
        let name = match sex {
            Sex::M => (surname.to_string(), father.0, self.rng.pick(pool.men()).1),
            Sex::F => (
                gendered(surname, Sex::F),
                *self.rng.pick(pool.women()),
                self.rng.pick(pool.men()).2,
            ),
        };
        let phone = self.rng.chance(90);
        let p = self.push(name, birth, kind("parent"), phone, false);
        if self.rng.chance(60) {
            self.school.people[p].email = Some(format!("parent{p}@mail.example"));
        }
        self.own_consents(p, 95);
        p
    }
}

pub(super) fn kind(code: &str) -> CategoryInput {
    CategoryInput {
        kind: code.into(),
        ..Default::default()
    }
}

pub(super) fn years_before(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(12 * years)).unwrap_or(d)
}

pub(super) fn years_after(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(12 * years)).unwrap_or(d)
}
