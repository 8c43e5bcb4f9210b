//! Demo data: accounts.

use super::*;

/// Participants of a school that demo accounts belong to, as stored ids and full names.
pub(super) struct Staff {
    pub(super) head: Holder,
    pub(super) teachers: Vec<Holder>,
    pub(super) mentee: Holder,
    pub(super) guardian: Holder,
}

/// Who holds a demo account: the participant (if any) and the display name.
pub(super) type Holder = (Option<i64>, String);

/// Indexes (into the school's people) of the participants demo accounts belong to.
#[derive(Default)]
pub(super) struct StaffIdx {
    pub(super) head: usize,
    pub(super) teachers: Vec<usize>,
    pub(super) mentee: usize,
    pub(super) guardian: usize,
}

impl StaffIdx {
    pub(super) fn resolve(&self, people: &[ParticipantDraft], ids: &[i64]) -> Staff {
        let get = |i: usize| {
            let p = &people[i];
            (
                Some(ids[i]),
                format!("{} {} {}", p.last_name, p.first_name, p.patronymic)
                    .trim()
                    .to_string(),
            )
        };
        Staff {
            head: get(self.head),
            teachers: self.teachers.iter().map(|&i| get(i)).collect(),
            mentee: get(self.mentee),
            guardian: get(self.guardian),
        }
    }
}

pub(super) async fn create_accounts(
    tx: &mut Tx,
    tree: &Tree,
    staff: &[Staff],
    hash: &str,
    now: DateTime<Utc>,
) -> Result<Vec<DemoAccount>> {
    let [s1, s2, ..] = staff else {
        return Err(AppError::Internal("demo: two schools expected".into()));
    };
    let (school1, school2, mun) = (&tree.schools[0], &tree.schools[1], &tree.municipalities[0]);
    let teacher = |s: &Staff, i: usize| s.teachers[i.min(s.teachers.len() - 1)].clone();
    let mut rng = Rng::new(SEED ^ 0xacc0);
    let mut outsider = |sex: Sex| {
        let n = adult_name(&mut rng, sex, Pool::Russian);
        (None, format!("{} {} {}", n.0, n.1, n.2))
    };
    let mut specs: Vec<(&str, Role, &OrgRow, Holder)> = vec![
        ("curator", Role::Curator, school1, teacher(s1, T_DEPUTY)),
        ("head", Role::Head, school1, s1.head.clone()),
        ("coordinator", Role::Coordinator, school1, teacher(s1, T_HISTORY)),
        ("council", Role::MentorCouncil, school1, teacher(s1, T_RUSSIAN)),
        ("mentor", Role::Mentor, school1, teacher(s1, T_MATH)),
        ("mentee", Role::Mentee, school1, s1.mentee.clone()),
        ("guardian", Role::Guardian, school1, s1.guardian.clone()),
        ("classteacher", Role::ClassTeacher, school1, teacher(s1, T_ENGLISH)),
        ("psychologist", Role::Psychologist, school1, teacher(s1, T_PSYCHOLOGIST)),
        ("sysadmin", Role::SchoolSysadmin, school1, teacher(s1, T_INFORMATICS)),
        ("methodist", Role::MunicipalMethodist, mun, outsider(Sex::F)),
        ("tutor", Role::MunicipalTutor, mun, outsider(Sex::F)),
        ("admin", Role::Admin, &tree.region, outsider(Sex::M)),
        ("curator2", Role::Curator, school2, teacher(s2, T_DEPUTY)),
        // Approves what the municipal virtual round sends to the second school.
        ("head2", Role::Head, school2, s2.head.clone()),
    ];
    // The region's large school, for the pairing benchmark.
    if let (Some(s3), Some(school3)) = (staff.get(2), tree.schools.get(super::LARGE_SCHOOL)) {
        specs.push(("curator3", Role::Curator, school3, teacher(s3, T_DEPUTY)));
        specs.push(("head3", Role::Head, school3, s3.head.clone()));
    }
    let mut out = Vec::with_capacity(specs.len());
    for (login, role, org, (person, name)) in specs {
        let id = users::create_user(tx, login, &name, hash, person, now).await?;
        users::assign_role(tx, id, role.code(), org.id).await?;
        out.push(DemoAccount {
            login: login.into(),
            role,
            org: org.short_name.clone(),
        });
    }
    Ok(out)
}
