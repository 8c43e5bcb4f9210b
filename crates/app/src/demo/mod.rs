//! Demo data: a municipality with two schools to try the system on, or a whole region for load
//! tests. Deterministic for a given day: a seeded splitmix64 generator (no `rand`), birth dates
//! computed from today in Moscow so every pupil's age fits their class.
//!
//! Every participant goes through [`ParticipantDraft::validate`], so the demo obeys the same
//! rules as the forms; rows are written with multi-row inserts (`persons::insert_many` …).

mod accounts;
mod bases;
mod names;
mod pairs;
mod school;
mod tree;
mod write;

use accounts::*;
use names::*;
use school::*;
use tree::*;
use write::*;

use std::collections::HashSet;

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use domain::age::adult_born_on_or_before;
use domain::category::CategoryInput;
use domain::{AcademicYear, Category, ConsentKind, OrgKind, ParticipantDraft, Role};
use storage::repo::{orgs, users};
use storage::{OrgRow, Tx};

use crate::consents::DEFAULT_PURPOSE;
use crate::{App, AppError, Result, today_in};

/// Size of the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// One region, one municipality, two schools of about 300 participants each.
    School,
    /// One region, 60 municipalities, 1,000 schools, 250,000 participants (load tests).
    Region,
}

/// One demo account: login, role, organization short name. The password is `demo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    /// Login.
    pub login: String,
    /// The role it holds.
    pub role: Role,
    /// Short name of the organization the role is held in.
    pub org: String,
}

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo";

const TIMEZONE: &str = "Europe/Moscow";
const SEED: u64 = 0x4e41_5354_4156_4e49; // "NASTAVNI"
/// Schools generated and written per step (one bulk call per table).
const SCHOOLS_PER_BATCH: usize = 50;

struct Shape {
    municipalities: usize,
    schools: usize,
    people_per_school: usize,
    teachers: usize,
    /// The third school is large (people, teachers) and its bases hold 600 mentees and
    /// 300 mentors, for the pairing benchmark; every school gets bases.
    large: Option<(usize, usize)>,
}

/// The index of the region's large school.
const LARGE_SCHOOL: usize = 2;

impl Scale {
    fn shape(self) -> Shape {
        match self {
            Self::School => Shape {
                municipalities: 1,
                schools: 2,
                people_per_school: 310,
                teachers: 20,
                large: None,
            },
            Self::Region => Shape {
                municipalities: 60,
                schools: 1000,
                people_per_school: 250,
                teachers: 14,
                large: Some((2_200, 250)),
            },
        }
    }
}

impl App {
    /// Fills an EMPTY database with demo organizations, participants, guardians, consents,
    /// the bases of the first two schools and the demo accounts (password `demo`); returns
    /// the accounts. Does nothing and returns
    /// `Ok(None)` if any organization exists.
    pub async fn seed_demo(&self, scale: Scale) -> Result<Option<Vec<DemoAccount>>> {
        let shape = scale.shape();
        let now = self.now();
        let today = today_in(TIMEZONE, now);
        let ctx = Ctx {
            today,
            year: AcademicYear::containing(today),
            adult_cutoff: adult_born_on_or_before(today),
        };
        let hash = crate::auth::hash_password(DEMO_PASSWORD.to_string()).await?;

        let mut tx = self.store.begin().await?;
        if !orgs::list_orgs(&mut tx).await?.is_empty() {
            return Ok(None);
        }
        let tree = create_orgs(&mut tx, &shape, now).await?;
        for school in &tree.schools {
            orgs::add_year(&mut tx, school.id, ctx.year.start_year() - 1, false).await?;
            orgs::add_year(&mut tx, school.id, ctx.year.start_year(), true).await?;
        }

        // Schools are generated and validated off the async threads, one batch ahead of the writes.
        let batches: Vec<Vec<i64>> = tree
            .schools
            .chunks(SCHOOLS_PER_BATCH)
            .map(|b| b.iter().map(|s| s.id).collect())
            .collect();
        let region = tree.region.id;
        let (people, teachers, large) = (shape.people_per_school, shape.teachers, shape.large);
        let generate = |k: usize| {
            let orgs = batches[k].clone();
            tokio::task::spawn_blocking(move || {
                orgs.iter()
                    .enumerate()
                    .map(|(i, &org)| {
                        let index = k * SCHOOLS_PER_BATCH + i;
                        let (people, teachers) = match large {
                            Some(size) if index == LARGE_SCHOOL => size,
                            _ => (people, teachers),
                        };
                        School::generate(index, org, people, teachers, ctx).prepare(ctx, region)
                    })
                    .collect::<Result<Vec<_>>>()
            })
        };
        let mut staff: Vec<Staff> = Vec::new();
        let mut written = 0;
        let mut next = Some(generate(0));
        for k in 0..batches.len() {
            let Some(pending) = next.take() else { break };
            let batch = pending.await.map_err(|e| AppError::Internal(e.to_string()))??;
            next = (k + 1 < batches.len()).then(|| generate(k + 1));
            for (school, ids) in write_batch(&mut tx, batch, now).await? {
                if written < 2 || (large.is_some() && written == LARGE_SCHOOL) {
                    staff.push(school.staff.resolve(&school.people, &ids));
                }
                written += 1;
            }
        }

        let accounts = create_accounts(&mut tx, &tree, &staff, &hash, now).await?;
        // The first two schools as the demo shows them (the second one's mentors ready for
        // online mentoring); in the region every school has bases, the third a large one.
        let start = i64::from(ctx.year.start_year());
        let based = if large.is_some() { tree.schools.len() } else { 2 };
        for (i, school) in tree.schools.iter().take(based).enumerate() {
            let quota = if large.is_some() && i == LARGE_SCHOOL {
                bases::Quota::LARGE
            } else {
                bases::Quota::SMALL
            };
            let remote = i % 2 == 1;
            bases::seed_school(&mut tx, (school.id, region), (start, today), now, (quota, remote)).await?;
        }
        tx.commit().await?;
        // Fresh statistics, so the first list queries after a bulk load get good plans.
        self.store.analyze().await?;
        tracing::info!(schools = tree.schools.len(), "demo data seeded");
        Ok(Some(accounts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, Settings};

    fn actor(role: Role, org_id: i64) -> Actor {
        Actor {
            user_id: None,
            name: "тест".into(),
            role,
            org_id,
            address: "test".into(),
        }
    }

    async fn counts(app: &App, region: i64) -> (i64, i64) {
        let agg = app.aggregates(&Actor::operator(region)).await.unwrap();
        let count = |cat: Option<&str>| {
            agg.iter()
                .flat_map(|(_, c)| c)
                .filter(|(c, _)| cat.is_none_or(|x| x == c.as_str()))
                .map(|(_, n)| n)
                .sum::<i64>()
        };
        (count(Some("student")), count(None))
    }

    #[test]
    fn surnames_take_the_feminine_form() {
        assert_eq!(gendered("Иванов", Sex::F), "Иванова");
        assert_eq!(gendered("Соловьёв", Sex::F), "Соловьёва");
        assert_eq!(gendered("Покровский", Sex::F), "Покровская");
        assert_eq!(gendered("Толстой", Sex::F), "Толстая");
        assert_eq!(gendered("Черных", Sex::F), "Черных");
        assert_eq!(gendered("Ильин", Sex::M), "Ильин");
    }

    #[tokio::test]
    async fn demo_seeds_a_school_scale_once() {
        storage::testing::each_backend(|b, store| async move {
            let app = App::new(store, Settings::default());
            let accounts = app
                .seed_demo(Scale::School)
                .await
                .unwrap()
                .expect("an empty database is seeded");
            assert_eq!(accounts.len(), 15, "{b}");
            assert!(
                accounts
                    .iter()
                    .any(|a| a.login == "curator" && a.role == Role::Curator && a.org == "МБОУ СОШ № 17")
            );

            let all = app.organizations().await.unwrap();
            let schools: Vec<_> = all.iter().filter(|o| o.kind == OrgKind::School).collect();
            assert_eq!(schools.len(), 2, "{b}");
            let school1 = schools.iter().find(|s| s.short_name == "МБОУ СОШ № 17").unwrap();
            let region = all.iter().find(|o| o.kind == OrgKind::Region).unwrap();
            let years = app.academic_years(school1.id).await.unwrap();
            assert_eq!(years.iter().filter(|y| y.is_current).count(), 1);

            let (students, total) = counts(&app, region.id).await;
            assert!(students >= 280, "{b}: {students} students");
            assert!(total >= 600, "{b}: {total} participants");

            let ok = app.login("curator", "demo", "127.0.0.1").await.unwrap();
            assert!(ok.roles.iter().any(|r| r.role == "curator" && r.org_id == school1.id));
            assert!(ok.user.display_name.split(' ').count() == 3, "{}", ok.user.display_name);
            let guardian = app.login("guardian", "demo", "127.0.0.1").await.unwrap();
            assert!(guardian.user.person_id.is_some());

            let curator = Actor {
                user_id: Some(ok.user.id),
                ..actor(Role::Curator, school1.id)
            };
            let d = app.dashboard(&curator).await.unwrap();
            assert!(d.counts.consent_missing > 0, "{b}: {:?}", d.counts);
            assert!(d.counts.turned_adult > 0, "{b}: {:?}", d.counts);
            assert!(
                d.counts
                    .by_category
                    .iter()
                    .any(|c| c.category == "teacher" && c.n >= 20)
            );

            // The mentee's card: a minor covered by the guardian's consent.
            let mentee = app
                .login("mentee", "demo", "127.0.0.1")
                .await
                .unwrap()
                .user
                .person_id
                .unwrap();
            let card = app.participant_card(&curator, mentee).await.unwrap();
            assert!(card.minor && card.processing == domain::ConsentStatus::Valid, "{b}");
            assert_eq!(card.guardians.len(), 1);

            assert!(
                app.seed_demo(Scale::School).await.unwrap().is_none(),
                "{b}: seeded twice"
            );
            assert_eq!(app.organizations().await.unwrap().len(), all.len());
        })
        .await;
    }

    /// The load-test region: 60 municipalities, 1,000 schools, 250,000 people (prints the seeding time).
    /// Ignored in the suite: in a debug build it takes minutes on PostgreSQL. `bench/load.sh` seeds the
    /// same region in a release build; run this with `cargo test -p app --release -- --ignored`.
    #[tokio::test]
    #[ignore = "250,000 rows: minutes in a debug build; bench/load.sh seeds the region in release"]
    async fn demo_region_scale_has_the_promised_shape() {
        storage::testing::each_backend(|b, store| async move {
            let app = App::new(store, Settings::default());
            let started = std::time::Instant::now();
            let accounts = app.seed_demo(Scale::Region).await.unwrap().unwrap();
            let seconds = started.elapsed().as_secs_f64();
            let all = app.organizations().await.unwrap();
            let region = all.iter().find(|o| o.kind == OrgKind::Region).unwrap();
            let (students, total) = counts(&app, region.id).await;
            println!("{b}: region scale seeded in {seconds:.1} s: {total} participants, {students} students");
            assert_eq!(all.iter().filter(|o| o.kind == OrgKind::School).count(), 1000);
            assert_eq!(all.iter().filter(|o| o.kind == OrgKind::Municipality).count(), 60);
            // 999 schools of 250 people and the large one of 2,200.
            assert_eq!(total, 251_950);
            assert_eq!(accounts.len(), 17);
            app.login("curator", "demo", "127.0.0.1").await.unwrap();
        })
        .await;
    }
}
