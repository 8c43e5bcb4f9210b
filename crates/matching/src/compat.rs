//! Compatibility of a mentee and a mentor: the hard rules of the model exclude a pair; the
//! soft criteria add weighted points, each with its reason in words (R4.1).

use crate::instance::MAX_SCORE;
use crate::profile::{MenteeProfile, MentorProfile, MentoringForm, MentoringKind, Weights};
use crate::text::Lang;

/// Why a pair cannot be formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Exclusion {
    /// A person cannot mentor themselves.
    SamePerson,
    /// The mentee's consent (the guardian's for a minor) is missing or withdrawn.
    MenteeConsent,
    /// The mentor's consent is missing or withdrawn.
    MentorConsent,
    /// The mentee has no form of mentoring set.
    NoForm,
    /// The mentor does not mentor in the mentee's form.
    FormNotOffered,
    /// The mentee already has an active pair of this form.
    AlreadyPaired,
    /// «Ученик – ученик»: the mentor must be an older student.
    NotOlder,
    /// «Учитель – учитель»: the mentor must have at least 3 more years of experience.
    NotMoreExperienced,
    /// «Работодатель – ученик»: career guidance is for classes 8–11.
    CareerGuidanceClasses,
    /// The form is for a learner and the mentee is a teacher, or the other way round.
    WrongMentee,
    /// Another school without the virtual kind on both sides.
    OtherSchool,
    /// Another municipality (virtual mentoring stays within the municipality unless allowed).
    OtherMunicipality,
    /// The mentee's own school in a municipal round (it pairs across schools only).
    SameSchool,
    /// The mentor takes nobody now.
    NoPlaces,
    /// The curator excluded this pair.
    ExcludedByCurator,
}

impl Exclusion {
    /// The Fluent key of the reason.
    pub fn key(self) -> &'static str {
        match self {
            Self::SamePerson => "ex-same-person",
            Self::MenteeConsent => "ex-mentee-consent",
            Self::MentorConsent => "ex-mentor-consent",
            Self::NoForm => "ex-no-form",
            Self::FormNotOffered => "ex-form-not-offered",
            Self::AlreadyPaired => "ex-already-paired",
            Self::NotOlder => "ex-not-older",
            Self::NotMoreExperienced => "ex-not-more-experienced",
            Self::CareerGuidanceClasses => "ex-career-classes",
            Self::WrongMentee => "ex-wrong-mentee",
            Self::OtherSchool => "ex-other-school",
            Self::OtherMunicipality => "ex-other-municipality",
            Self::SameSchool => "ex-same-school",
            Self::NoPlaces => "ex-no-places",
            Self::ExcludedByCurator => "ex-curator",
        }
    }

    /// The reason in words.
    pub fn describe(self, lang: Lang) -> String {
        lang.text(self.key(), &[])
    }
}

/// One soft criterion of a score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    /// Fluent key of the criterion's sentence.
    pub key: &'static str,
    /// Points given.
    pub points: u16,
    /// Points possible.
    pub max: u16,
    /// Arguments of the sentence (what matched).
    pub args: Vec<(&'static str, String)>,
}

impl Criterion {
    /// «Компетенции: совпало 2 из 3 (олимпиады, проекты) — 200 из 300».
    pub fn describe(&self, lang: Lang) -> String {
        let mut args = self.args.clone();
        args.push(("points", self.points.to_string()));
        args.push(("max", self.max.to_string()));
        lang.text(self.key, &args)
    }
}

/// A score 0..1000 with its breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compatibility {
    /// The total, at most 1000.
    pub score: u16,
    /// Every criterion, in the order of [`Weights`].
    pub criteria: Vec<Criterion>,
}

/// Options of a school beyond the weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scope {
    /// Virtual mentoring may cross municipalities (a region-wide base of mentors).
    pub region_wide: bool,
    /// Only mentors of other schools (the municipal virtual round: the school pairs its
    /// own people in its own round).
    pub other_school_only: bool,
}

/// The hard rules of the model for a pair, the first one broken.
pub fn admissible(e: &MenteeProfile, r: &MentorProfile, scope: Scope) -> Result<(), Exclusion> {
    if e.id == r.id {
        return Err(Exclusion::SamePerson);
    }
    if !e.consent {
        return Err(Exclusion::MenteeConsent);
    }
    if !r.consent {
        return Err(Exclusion::MentorConsent);
    }
    let form = e.form.ok_or(Exclusion::NoForm)?;
    if !r.forms.contains(&form) {
        return Err(Exclusion::FormNotOffered);
    }
    if e.active_forms.contains(&form) {
        return Err(Exclusion::AlreadyPaired);
    }
    if form.mentee_is_teacher() != e.grade.is_none() {
        return Err(Exclusion::WrongMentee);
    }
    match form {
        MentoringForm::StudentStudent => match (r.grade, e.grade) {
            (Some(rg), Some(eg)) if rg > eg => {}
            _ => return Err(Exclusion::NotOlder),
        },
        MentoringForm::TeacherTeacher if r.experience.unwrap_or(0) < e.experience.unwrap_or(0).saturating_add(3) => {
            return Err(Exclusion::NotMoreExperienced);
        }
        MentoringForm::EmployerPupil if !e.grade.is_some_and(|g| (8..=11).contains(&g)) => {
            return Err(Exclusion::CareerGuidanceClasses);
        }
        _ => {}
    }
    if e.school == r.school && scope.other_school_only {
        return Err(Exclusion::SameSchool);
    }
    if e.school != r.school {
        let virtual_both = e.kinds.contains(&MentoringKind::Virtual) && r.kinds.contains(&MentoringKind::Virtual);
        if !virtual_both {
            return Err(Exclusion::OtherSchool);
        }
        if e.municipality != r.municipality && !scope.region_wide {
            return Err(Exclusion::OtherMunicipality);
        }
    }
    if places(r) == 0 {
        return Err(Exclusion::NoPlaces);
    }
    Ok(())
}

/// Mentees a mentor takes: several only in a group.
pub fn places(r: &MentorProfile) -> u32 {
    if r.kinds.contains(&MentoringKind::Group) {
        r.capacity
    } else {
        r.capacity.min(1)
    }
}

fn share(points: u16, num: usize, den: usize) -> u16 {
    if den == 0 {
        0
    } else {
        (u32::from(points) * num.min(den) as u32 / den as u32) as u16
    }
}

/// " (a, b)" after a count, or nothing.
fn list<'a>(items: impl Iterator<Item = &'a String>) -> String {
    let all = items.map(String::as_str).collect::<Vec<_>>().join(", ");
    if all.is_empty() { all } else { format!(" ({all})") }
}

/// The weighted score of an admissible pair with the reason of every point.
pub fn score(e: &MenteeProfile, r: &MentorProfile, w: &Weights) -> Compatibility {
    let mut criteria = Vec::with_capacity(8);
    let matched: Vec<&String> = e.request.intersection(&r.competences).collect();
    criteria.push(Criterion {
        key: "crit-competences",
        points: share(w.competences, matched.len(), e.request.len()),
        max: w.competences,
        args: vec![
            ("matched", matched.len().to_string()),
            ("asked", e.request.len().to_string()),
            ("list", list(matched.iter().copied())),
        ],
    });
    let (key, points, which) = match e.subjects.iter().position(|s| r.subjects.contains(s)) {
        Some(0) => ("crit-subjects", w.subjects, e.subjects[0].clone()),
        Some(k) => ("crit-subjects", w.subjects / 2, e.subjects[k].clone()),
        None => ("crit-no-subject", 0, String::new()),
    };
    criteria.push(Criterion {
        key,
        points,
        max: w.subjects,
        args: vec![("subject", which)],
    });
    let shared: Vec<&String> = e.interests.intersection(&r.interests).collect();
    criteria.push(Criterion {
        key: "crit-interests",
        points: share(w.interests, shared.len(), e.interests.len().clamp(1, 3)),
        max: w.interests,
        args: vec![
            ("count", shared.len().to_string()),
            ("list", list(shared.iter().copied())),
        ],
    });
    let same = e.school == r.school;
    criteria.push(Criterion {
        key: if same { "crit-same-school" } else { "crit-other-school" },
        points: if same { w.same_school } else { 0 },
        max: w.same_school,
        args: Vec::new(),
    });
    criteria.push(age_fit(e, r, w.age_fit));
    let slots = (e.availability & r.availability).count_ones() as usize;
    criteria.push(Criterion {
        key: "crit-availability",
        points: share(w.availability, slots, 4),
        max: w.availability,
        args: vec![("slots", slots.to_string())],
    });
    let meet = same || (e.online && r.online);
    criteria.push(Criterion {
        key: if meet { "crit-meeting" } else { "crit-no-meeting" },
        points: if meet { w.meeting } else { 0 },
        max: w.meeting,
        args: Vec::new(),
    });
    let by_mentee = e.choices.iter().position(|&id| id == r.id);
    let by_mentor = r.choices.iter().position(|&id| id == e.id);
    let (key, points) = match (by_mentee, by_mentor) {
        (Some(_), Some(_)) => ("crit-mutual", w.mutual_choice),
        (Some(_), None) => ("crit-chosen-by-mentee", w.mutual_choice / 2),
        (None, Some(_)) => ("crit-chosen-by-mentor", w.mutual_choice / 2),
        (None, None) => ("crit-not-chosen", 0),
    };
    criteria.push(Criterion {
        key,
        points,
        max: w.mutual_choice,
        args: Vec::new(),
    });
    let total: u32 = criteria.iter().map(|c| u32::from(c.points)).sum();
    Compatibility {
        score: total.min(u32::from(MAX_SCORE)) as u16,
        criteria,
    }
}

fn age_fit(e: &MenteeProfile, r: &MentorProfile, max: u16) -> Criterion {
    match (e.grade, e.experience) {
        (Some(g), _) => {
            let (lo, hi) = r.preferred_grades.unwrap_or((1, 11));
            let points = if (lo..=hi).contains(&g) {
                max
            } else if (lo.saturating_sub(1)..=hi + 1).contains(&g) {
                max / 2
            } else {
                0
            };
            Criterion {
                key: "crit-grade",
                points,
                max,
                args: vec![("grade", g.to_string()), ("lo", lo.to_string()), ("hi", hi.to_string())],
            }
        }
        (None, exp) => {
            let gap = i32::from(r.experience.unwrap_or(0)) - i32::from(exp.unwrap_or(0));
            let points = if gap >= 10 {
                max
            } else if gap >= 5 {
                max * 3 / 5
            } else {
                max / 5
            };
            Criterion {
                key: "crit-experience",
                points,
                max,
                args: vec![("gap", gap.max(0).to_string())],
            }
        }
    }
}
