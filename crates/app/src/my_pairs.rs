//! A mentor's and a mentee's own pairs and groups (R4.5: the participants informed): who
//! the other side is and since when. A mentor reads a mentee's name, class and request,
//! nothing sensitive; each view of a minor's data is in the minor's audit trail.

use chrono::NaiveDate;
use domain::base::{BaseKind, Form, Labelled};
use domain::{Permission, age};
use storage::repo::{bases, pairing, persons, users};

use crate::pairing::Side;
use crate::{Actor, App, Result};

/// A pair or group the person is in.
#[derive(Debug, Clone)]
pub struct MyPair {
    /// Whether the person is its mentor.
    pub as_mentor: bool,
    /// The mentor.
    pub mentor: Side,
    /// The mentees with their requests (the requests only for the mentor).
    pub mentees: Vec<(Side, String)>,
    /// Form of mentoring.
    pub form: &'static str,
    /// Active from (the order's date).
    pub since: NaiveDate,
}

/// An active pair or group of the school, as the curator and the API list it.
#[derive(Debug, Clone)]
pub struct SchoolPair {
    /// Id.
    pub id: i64,
    /// The approving order.
    pub order_id: i64,
    /// The mentor.
    pub mentor: Side,
    /// The mentees (several: a group).
    pub mentees: Vec<Side>,
    /// Form of mentoring.
    pub form: &'static str,
    /// Active from (the order's date).
    pub since: NaiveDate,
}

fn side(p: &pairing::PairPerson) -> Side {
    Side {
        person: p.id,
        name: crate::bases::person_name(&p.last_name, &p.first_name, p.patronymic.as_deref()),
        place: p.place.clone(),
    }
}

impl App {
    /// The school's active pairs and groups, by mentor name.
    pub async fn school_pairs(&self, actor: &Actor) -> Result<Vec<SchoolPair>> {
        actor.require(Permission::ViewPairing)?;
        let mut conn = self.store.read().await?;
        Ok(pairing::active_pairs(&mut conn, actor.org_id)
            .await?
            .iter()
            .map(|p| SchoolPair {
                id: p.id,
                order_id: p.order_id,
                mentor: side(&p.mentor),
                mentees: p.mentees.iter().map(side).collect(),
                form: p.form.as_deref().and_then(Form::from_code).map_or("", |f| f.label()),
                since: p.started_on,
            })
            .collect())
    }

    /// The signed-in mentor's or mentee's active pairs and groups.
    pub async fn my_pairs(&self, actor: &Actor) -> Result<Vec<MyPair>> {
        actor.require(Permission::OwnPairs)?;
        let mut conn = self.store.read().await?;
        let Some(user) = actor.user_id else {
            return Ok(Vec::new());
        };
        let Some(me) = users::get_user(&mut conn, user).await?.and_then(|u| u.person_id) else {
            return Ok(Vec::new());
        };
        let today = self.today_for(&mut conn, actor.org_id).await?;
        let mut out = Vec::new();
        let mut minors_seen = Vec::new();
        for p in pairing::active_pairs_of(&mut conn, actor.org_id, me).await? {
            let as_mentor = p.mentor == me;
            let Some(mentor) = persons::get(&mut conn, actor.org_id, p.mentor).await? else {
                continue;
            };
            let mut mentees = Vec::new();
            for id in &p.mentees {
                let Some(row) = persons::get(&mut conn, actor.org_id, *id).await? else {
                    continue;
                };
                if !as_mentor && *id != me {
                    // A mentee of a group sees the mentor, not the other pupils.
                    continue;
                }
                let request = if as_mentor {
                    let start = i64::from(domain::AcademicYear::containing(p.started_on).start_year());
                    bases::fields_of(&mut conn, actor.org_id, start, BaseKind::Mentees.code(), *id)
                        .await?
                        .map(|(_, f)| f.request)
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                if as_mentor && age::is_minor_if_known(row.birth_date, today) {
                    minors_seen.push(*id);
                }
                mentees.push((Side::of_person(&row), request));
            }
            out.push(MyPair {
                as_mentor,
                mentor: Side::of_person(&mentor),
                mentees,
                form: p.form.as_deref().and_then(Form::from_code).map_or("", |f| f.label()),
                since: p.started_on,
            });
        }
        drop(conn);
        for minor in minors_seen {
            self.audit_view(actor, minor).await?;
        }
        Ok(out)
    }
}
