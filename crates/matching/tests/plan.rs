//! A school's pairing from questionnaire profiles: hard rules, the score's reasons in
//! Russian, group and virtual mentoring, the curator's pins and exclusions, and the reason
//! for every mentee left without a pair.

// Tests may unwrap, expect and panic: a failure is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use matching::{
    Algorithm, Exclusion, Lang, MenteeProfile, MentorProfile, MentoringForm, MentoringKind, Objective, Reason, Rules,
    Weights, propose,
};

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn mentee(id: u64, grade: u8, form: MentoringForm, request: &[&str], subject: &str) -> MenteeProfile {
    MenteeProfile {
        id,
        school: 1,
        municipality: 10,
        form: Some(form),
        grade: Some(grade),
        request: set(request),
        subjects: vec![subject.to_string()],
        availability: 0b0011,
        consent: true,
        ..Default::default()
    }
}

fn teacher(id: u64, school: u64, competences: &[&str], subject: &str, capacity: u32) -> MentorProfile {
    MentorProfile {
        id,
        school,
        municipality: 10,
        forms: [MentoringForm::TeacherStudent].into(),
        kinds: [MentoringKind::Traditional].into(),
        experience: Some(15),
        competences: set(competences),
        subjects: set(&[subject]),
        availability: 0b1111,
        capacity,
        preferred_grades: Some((7, 9)),
        consent: true,
        ..Default::default()
    }
}

fn school() -> (Vec<MenteeProfile>, Vec<MentorProfile>) {
    let mut group = teacher(101, 1, &["олимпиады", "проекты"], "математика", 2);
    group.kinds.insert(MentoringKind::Group);
    let mut remote = teacher(103, 2, &["олимпиады"], "физика", 1);
    remote.kinds.insert(MentoringKind::Virtual);
    let mut no_consent = teacher(104, 1, &["олимпиады"], "математика", 1);
    no_consent.consent = false;
    let student = MentorProfile {
        id: 102,
        school: 1,
        municipality: 10,
        forms: [MentoringForm::StudentStudent].into(),
        grade: Some(10),
        capacity: 1,
        consent: true,
        ..Default::default()
    };
    let mut first = mentee(
        1,
        8,
        MentoringForm::TeacherStudent,
        &["олимпиады", "проекты"],
        "математика",
    );
    first.choices = vec![101];
    let mut remote_ok = mentee(2, 8, MentoringForm::TeacherStudent, &["олимпиады"], "физика");
    remote_ok.kinds.insert(MentoringKind::Virtual);
    let older = mentee(3, 11, MentoringForm::StudentStudent, &["адаптация"], "русский язык");
    let mut unconsented = mentee(4, 8, MentoringForm::TeacherStudent, &["олимпиады"], "математика");
    unconsented.consent = false;
    let fifth = mentee(5, 7, MentoringForm::TeacherStudent, &["олимпиады"], "математика");
    (
        vec![first, remote_ok, older, unconsented, fifth],
        vec![group, student, remote, no_consent],
    )
}

#[test]
fn pairs_come_with_reasons_and_every_mentee_left_out_is_explained() {
    let (mentees, mentors) = school();
    let p = propose(
        &mentees,
        &mentors,
        &Weights::default(),
        &Rules::default(),
        Algorithm::Stable,
    )
    .unwrap();
    let pairs: Vec<(u64, u64)> = p.pairs.iter().map(|x| (x.mentee, x.mentor)).collect();
    // The group mentor takes two; the remote mentor serves the one who accepts virtual mentoring.
    assert_eq!(pairs, vec![(1, 101), (2, 103), (5, 101)]);

    let first = &p.pairs[0].compatibility;
    let text: Vec<String> = first.criteria.iter().map(|c| c.describe(Lang::Ru)).collect();
    assert_eq!(
        text[0],
        "Запрос и компетенции наставника: совпало 2 из 2 (олимпиады, проекты) — 300 из 300"
    );
    assert_eq!(text[1], "Предмет: математика — 200 из 200");
    assert!(text.contains(&"Наставляемый выбрал наставника после групповой встречи — 25 из 50".to_string()));
    assert_eq!(first.score, first.criteria.iter().map(|c| c.points).sum::<u16>());
    let remote = &p.pairs[1].compatibility;
    assert!(remote.criteria.iter().any(|c| {
        c.describe(Lang::Ru)
            .starts_with("Разные школы (виртуальное наставничество)")
    }));

    let name = |id: u64| format!("№{id}");
    let left: Vec<(u64, String)> = p.left.iter().map(|l| (l.mentee, l.describe(Lang::Ru, &name))).collect();
    assert_eq!(left.len(), 2);
    assert_eq!(left[0].0, 3);
    assert!(
        left[0]
            .1
            .contains("в форме «Ученик – ученик» наставник должен быть старше наставляемого — 1"),
        "{}",
        left[0].1
    );
    assert_eq!(
        left[1],
        (
            4,
            "нет согласия на обработку персональных данных: подбор невозможен, пока согласие не получено".to_string()
        )
    );
}

#[test]
fn a_full_group_names_who_took_the_places_and_pins_and_exclusions_hold() {
    let (mut mentees, mentors) = school();
    mentees.push(mentee(6, 9, MentoringForm::TeacherStudent, &["проекты"], "математика"));
    let rules = Rules {
        pins: vec![(6, 101)],
        exclusions: vec![(2, 103), (2, 101)],
        ..Default::default()
    };
    let p = propose(
        &mentees,
        &mentors,
        &Weights::default(),
        &rules,
        Algorithm::Optimal(Objective::Participants),
    )
    .unwrap();
    let pinned: Vec<(u64, u64)> = p
        .pairs
        .iter()
        .filter(|x| x.pinned)
        .map(|x| (x.mentee, x.mentor))
        .collect();
    assert_eq!(pinned, vec![(6, 101)]);
    assert_eq!(p.pairs.len(), 2, "one place of the group is left after the pin");
    let reason = |id: u64| p.left.iter().find(|l| l.mentee == id).map(|l| l.reason.clone());
    assert_eq!(reason(2), Some(Reason::ExcludedByCurator));
    let (full, taken) = p
        .left
        .iter()
        .find_map(|l| match &l.reason {
            Reason::MentorsFull(taken) => Some((l, taken)),
            _ => None,
        })
        .expect("someone waits for a place");
    assert_eq!(taken.len(), 1);
    assert_eq!(taken[0].0, 101);
    assert!(taken[0].1.contains(&6), "the pinned mentee holds a place: {taken:?}");
    let words = full.describe(Lang::Ru, &|id| format!("№{id}"));
    assert!(
        words.starts_with("все подходящие наставники заняты: №101 (места заняли: "),
        "{words}"
    );
}

#[test]
fn a_pin_that_breaks_a_rule_is_refused_with_the_rule() {
    let (mentees, mentors) = school();
    let rules = Rules {
        pins: vec![(3, 102)],
        ..Default::default()
    };
    let err = propose(&mentees, &mentors, &Weights::default(), &rules, Algorithm::Stable).unwrap_err();
    assert_eq!(err.reason, Some(Exclusion::NotOlder));
    assert_eq!(
        Exclusion::NotOlder.describe(Lang::Ru),
        "в форме «Ученик – ученик» наставник должен быть старше наставляемого"
    );
}

#[test]
fn a_long_list_of_full_mentors_names_the_first_ones_and_counts_the_rest() {
    let full: Vec<(u64, Vec<u64>)> = (1..=5).map(|j| (100 + j, vec![j, j + 10])).collect();
    let left = matching::Left {
        mentee: 7,
        reason: matching::Reason::MentorsFull(full),
    };
    let name = |id: u64| format!("№{id}");
    let words = left.describe_at_most(Lang::Ru, &name, 2);
    assert!(words.contains("№101 (места заняли: №1, №11); №102"), "{words}");
    assert!(!words.contains("№103"), "{words}");
    assert!(words.ends_with("; и ещё 3 наставника"), "{words}");
    assert_eq!(
        left.describe_at_most(Lang::Ru, &name, 9),
        left.describe(Lang::Ru, &name)
    );
    assert!(!left.describe(Lang::Ru, &name).contains("ещё"));
}
