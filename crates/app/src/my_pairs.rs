//! A mentor's and a mentee's own pairs and groups (R4.5: the participants informed): who
//! the other side is and since when. A mentor reads a mentee's name, class and request,
//! nothing sensitive; each view of a minor's data is in the minor's audit trail.

use chrono::NaiveDate;
use domain::base::{BaseKind, Form, Labelled};
use domain::{Permission, age};
use std::collections::HashMap;

use storage::repo::{bases, orgs, pairing, users};

use crate::pairing::{Side, person_near};
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
    /// The approving order (`None`: another school's order, a municipal virtual pair of
    /// this school's mentor).
    pub order_id: Option<i64>,
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
    /// The school's active pairs and groups, by mentor name: those of its orders and those
    /// of its mentors in other schools' orders (municipal virtual pairs), where a pupil of
    /// the other school is named by first name and initial, with the school.
    pub async fn school_pairs(&self, actor: &Actor) -> Result<Vec<SchoolPair>> {
        actor.require(Permission::ViewPairing)?;
        let mut conn = self.store.read().await?;
        let pairs = pairing::active_pairs(&mut conn, actor.org_id).await?;
        let mut schools: HashMap<i64, String> = HashMap::new();
        for p in &pairs {
            for org in std::iter::once(p.mentor.org_id).chain(p.mentees.iter().map(|m| m.org_id)) {
                if org != actor.org_id && !schools.contains_key(&org) {
                    let name = orgs::get_org(&mut conn, org).await?.map(|o| o.short_name);
                    schools.insert(org, name.unwrap_or_default());
                }
            }
        }
        let school = |org: i64| schools.get(&org).map(String::as_str);
        Ok(pairs
            .iter()
            .map(|p| SchoolPair {
                id: p.id,
                // The order is the other school's: nothing to download here.
                order_id: (p.org_id == actor.org_id).then_some(p.order_id),
                mentor: side(&p.mentor).with_school(school(p.mentor.org_id)),
                mentees: p
                    .mentees
                    .iter()
                    .map(|m| match school(m.org_id) {
                        Some(other) => Side {
                            person: m.id,
                            name: crate::questionnaire::short_name(&m.last_name, &m.first_name),
                            place: m.place.clone(),
                        }
                        .with_school(Some(other)),
                        None => side(m),
                    })
                    .collect(),
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
            // A municipal virtual pair joins people of two schools of the municipality.
            let Some((mentor, mentor_school)) = person_near(&mut conn, actor.org_id, p.mentor).await? else {
                continue;
            };
            let mut mentees = Vec::new();
            for id in &p.mentees {
                let Some((row, school)) = person_near(&mut conn, actor.org_id, *id).await? else {
                    continue;
                };
                if !as_mentor && *id != me {
                    // A mentee of a group sees the mentor, not the other pupils.
                    continue;
                }
                let request = if as_mentor {
                    let start = i64::from(domain::AcademicYear::containing(p.started_on).start_year());
                    bases::fields_of(&mut conn, p.org_id, start, BaseKind::Mentees.code(), *id)
                        .await?
                        .map(|(_, f)| f.request)
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                if as_mentor && age::is_minor_if_known(row.birth_date, today) {
                    minors_seen.push((row.org_id, *id));
                }
                mentees.push((Side::of_person(&row).with_school(school.as_deref()), request));
            }
            out.push(MyPair {
                as_mentor,
                mentor: Side::of_person(&mentor).with_school(mentor_school.as_deref()),
                mentees,
                form: p.form.as_deref().and_then(Form::from_code).map_or("", |f| f.label()),
                since: p.started_on,
            });
        }
        drop(conn);
        // In the minor's own school's trail, wherever the mentor works.
        for (org, minor) in minors_seen {
            self.audit_view_in(actor, org, minor).await?;
        }
        Ok(out)
    }
}
