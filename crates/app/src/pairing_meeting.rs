//! What the people of a round say before the curator decides: the group meeting (who came,
//! and whom each attendee ranked, R4.2), the candidates offered to a mentee and the one the
//! mentee — a guardian for a minor — chooses (R4.3, it becomes a pin), and the flag of a
//! mentee waiting who needs the school psychologist's support (R4.4).

use std::collections::HashSet;

use domain::pairing::{Decision, RoundState};
use domain::{AuditEvent, Permission, Violation, age};
use storage::repo::{pairing, pairing_meeting, persons, users};

use crate::pairing::{Side, round_in};
use crate::pairing_profiles::{Field, engine_weights, field};
use crate::pairing_proposal::{check_pin, terms};
use crate::{Actor, App, AppError, Result};

/// How many candidates a mentee is offered at most (the model offers 3 to 5).
pub const OFFERED: usize = 5;

/// A candidate mentor offered to a mentee, with the reasons.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The mentor.
    pub mentor: Side,
    /// Why this mentor fits, term by term.
    pub terms: Vec<String>,
    /// The one chosen.
    pub chosen: bool,
}

/// The choice offered to a mentee in a draft round.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Round id.
    pub round: i64,
    /// The mentee.
    pub mentee: Side,
    /// The candidates in the order offered.
    pub candidates: Vec<Candidate>,
    /// The viewer may choose (the adult mentee, or the guardian of a minor).
    pub can_choose: bool,
}

/// The ranking form of an attendee of the group meeting, on their own page.
#[derive(Debug, Clone)]
pub struct RankForm {
    /// Round id.
    pub round: i64,
    /// The attendee.
    pub person: i64,
    /// The other side's attendees, by name.
    pub options: Vec<Side>,
    /// The current ranking, first choice first.
    pub current: Vec<i64>,
}

/// The participant an account belongs to.
async fn own_person(db: &mut impl storage::Db, actor: &Actor) -> Result<Option<i64>> {
    let Some(user) = actor.user_id else { return Ok(None) };
    Ok(users::get_user(db, user).await?.and_then(|u| u.person_id))
}

impl App {
    /// Records who came to the round's group meeting (the people of the round only; anyone
    /// else is not found). The ranks of people no longer present are dropped.
    pub async fn record_attendance(&self, actor: &Actor, id: i64, present: &[i64]) -> Result<()> {
        actor.require(Permission::MatchPairs)?;
        let mut tx = self.store.begin().await?;
        crate::pairing::school_only(&mut tx, actor.org_id).await?;
        let round = round_in(&mut tx, actor.org_id, id, RoundState::Draft).await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let field = field(&mut tx, actor.org_id, round.start_year, today).await?;
        if present.iter().any(|p| !field.people.contains_key(p)) {
            return Err(AppError::NotFound);
        }
        pairing_meeting::set_attendance(&mut tx, (actor.org_id, id), present).await?;
        pairing::touch(&mut tx, actor.org_id, id, self.now()).await?;
        self.audit(&mut tx, actor, None, AuditEvent::PairingMeeting(id)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records whom an attendee ranked after the meeting (up to three of the other side,
    /// first choice first): by the curator from the paper form, or by the attendee on their
    /// own page. Someone who was not at the meeting, on either end, is refused by name.
    pub async fn rank(&self, actor: &Actor, id: i64, person: i64, chosen: &[i64]) -> Result<()> {
        let mut tx = self.store.begin().await?;
        crate::pairing::school_only(&mut tx, actor.org_id).await?;
        if !actor.role.allows(Permission::MatchPairs) {
            actor.require(Permission::OwnPairs)?;
            if own_person(&mut tx, actor).await? != Some(person) {
                return Err(AppError::NotFound);
            }
        }
        self.rank_in(&mut tx, actor, (id, person), chosen, AuditEvent::PairingMeeting(id))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a ranking in a draft round after checking it (see [`App::rank`]).
    pub(crate) async fn rank_in(
        &self,
        tx: &mut storage::Tx,
        actor: &Actor,
        (id, person): (i64, i64),
        chosen: &[i64],
        event: AuditEvent,
    ) -> Result<()> {
        let round = round_in(tx, actor.org_id, id, RoundState::Draft).await?;
        let today = self.today_for(tx, actor.org_id).await?;
        let field = field(tx, actor.org_id, round.start_year, today).await?;
        let present = pairing_meeting::attendance(tx, actor.org_id, id).await?;
        check_ranking(&field, &present, person, chosen)?;
        let by = actor.user_id;
        pairing_meeting::set_ranks(tx, (actor.org_id, id), (person, by), chosen, self.now()).await?;
        pairing::touch(tx, actor.org_id, id, self.now()).await?;
        self.audit(tx, actor, Some(person), event).await?;
        Ok(())
    }

    /// Offers a mentee the best candidates by the round's weights (at most [`OFFERED`]):
    /// the mentors the rules allow who still have places.
    pub async fn offer_choice(&self, actor: &Actor, id: i64, mentee: i64) -> Result<usize> {
        actor.require(Permission::MatchPairs)?;
        let mut tx = self.store.begin().await?;
        crate::pairing::school_only(&mut tx, actor.org_id).await?;
        let round = round_in(&mut tx, actor.org_id, id, RoundState::Draft).await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let field = field(&mut tx, actor.org_id, round.start_year, today).await?;
        let e = field
            .mentees
            .iter()
            .find(|e| e.id == mentee as u64)
            .ok_or(AppError::NotFound)?;
        let weights = engine_weights(&round.weights);
        let mut fit: Vec<(u16, &str, i64)> = field
            .mentors
            .iter()
            .filter(|r| matching::admissible(e, r, field.scope).is_ok())
            .map(|r| {
                let id = r.id as i64;
                let name = field.people.get(&id).map_or("", |s| s.name.as_str());
                (matching::score(e, r, &weights).score, name, id)
            })
            .collect();
        fit.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let mentors: Vec<i64> = fit.iter().take(OFFERED).map(|f| f.2).collect();
        if mentors.is_empty() {
            return Err(Violation::new("mentee", "err-pairing-offer-none")
                .arg("mentee", field.people[&mentee].name.clone())
                .into());
        }
        pairing_meeting::set_offers(&mut tx, (actor.org_id, id), mentee, &mentors).await?;
        pairing::touch(&mut tx, actor.org_id, id, self.now()).await?;
        self.audit(&mut tx, actor, Some(mentee), AuditEvent::PairingChoice(id))
            .await?;
        tx.commit().await?;
        Ok(mentors.len())
    }

    /// The choices offered to the signed-in mentee, or (`child`) to a guardian's minor
    /// child; a child who is not theirs is not found.
    pub async fn choices(&self, actor: &Actor, child: Option<i64>) -> Result<Vec<Choice>> {
        let mut conn = self.store.read().await?;
        let Some(me) = own_person(&mut conn, actor).await? else {
            return Ok(Vec::new());
        };
        let today = self.today_for(&mut conn, actor.org_id).await?;
        let (mentee, can_choose) = self.chooser(&mut conn, actor, me, child, today).await?;
        let offers = pairing_meeting::offers_to(&mut conn, actor.org_id, mentee).await?;
        let mut rounds: Vec<i64> = offers.iter().map(|(r, _)| *r).collect();
        rounds.dedup();
        let mut out = Vec::new();
        for round in rounds {
            let Some(r) = pairing::get(&mut conn, actor.org_id, round).await? else {
                continue;
            };
            let of_round: Vec<pairing_meeting::Offer> = offers
                .iter()
                .filter(|(id, _)| *id == round)
                .map(|(_, o)| o.clone())
                .collect();
            let f = field(&mut conn, actor.org_id, r.start_year, today).await?;
            out.extend(choice_of(&f, &r, mentee, &of_round, can_choose));
        }
        out.retain(|c| !c.candidates.is_empty());
        Ok(out)
    }

    /// The mentee whose choice the viewer sees, and whether they may make it: the adult
    /// mentee themselves, or the guardian of a minor (the minor sees it, the guardian chooses).
    async fn chooser(
        &self,
        db: &mut impl storage::Db,
        actor: &Actor,
        me: i64,
        child: Option<i64>,
        today: chrono::NaiveDate,
    ) -> Result<(i64, bool)> {
        let mentee = match child {
            None => {
                actor.require(Permission::OwnPairs)?;
                me
            }
            Some(c) => {
                actor.require(Permission::OwnFamily)?;
                let wards = persons::wards_of(db, actor.org_id, me).await?;
                if !wards.iter().any(|w| w.person_id == c) {
                    return Err(AppError::NotFound);
                }
                c
            }
        };
        let row = persons::get(db, actor.org_id, mentee)
            .await?
            .ok_or(AppError::NotFound)?;
        let minor = age::is_minor_if_known(row.birth_date, today);
        Ok((mentee, minor == child.is_some()))
    }

    /// The mentee's choice among the offered candidates: it becomes a pin of the round if
    /// the rules and the mentor's places still allow it (else the refusal names why).
    pub async fn choose_mentor(&self, actor: &Actor, id: i64, child: Option<i64>, mentor: i64) -> Result<()> {
        let mut tx = self.store.begin().await?;
        let me = own_person(&mut tx, actor).await?.ok_or(AppError::NotFound)?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let (mentee, can_choose) = self.chooser(&mut tx, actor, me, child, today).await?;
        if !can_choose {
            return Err(Violation::new("mentor", "err-pairing-choice-guardian").into());
        }
        let event = AuditEvent::PairingChoice(id);
        self.pin_choice(&mut tx, actor, (id, mentee, mentor), (today, event))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a mentee's choice of an offered mentor in a draft round and pins the pair,
    /// if the rules and the mentor's places allow it (else the refusal names why).
    pub(crate) async fn pin_choice(
        &self,
        tx: &mut storage::Tx,
        actor: &Actor,
        (id, mentee, mentor): (i64, i64, i64),
        (today, event): (chrono::NaiveDate, AuditEvent),
    ) -> Result<()> {
        let round = round_in(tx, actor.org_id, id, RoundState::Draft).await?;
        if !pairing_meeting::choose(tx, (actor.org_id, id), (mentee, mentor), self.now()).await? {
            return Err(AppError::NotFound);
        }
        let field = field(tx, actor.org_id, round.start_year, today).await?;
        let decisions = pairing::decisions(tx, actor.org_id, id).await?;
        check_pin(&field, &decisions, (mentee, mentor))?;
        let d = pairing::DecisionRow {
            mentee,
            mentor,
            kind: Decision::Pin,
        };
        pairing::decide(tx, (actor.org_id, id), d, self.now()).await?;
        pairing::touch(tx, actor.org_id, id, self.now()).await?;
        self.audit(tx, actor, Some(mentee), event).await?;
        Ok(())
    }

    /// The ranking forms of the signed-in person: one per draft round whose group meeting
    /// they attended.
    pub async fn my_rank_forms(&self, actor: &Actor) -> Result<Vec<RankForm>> {
        actor.require(Permission::OwnPairs)?;
        let mut conn = self.store.read().await?;
        let Some(me) = own_person(&mut conn, actor).await? else {
            return Ok(Vec::new());
        };
        let today = self.today_for(&mut conn, actor.org_id).await?;
        let mut out = Vec::new();
        for round in pairing::list(&mut conn, actor.org_id).await? {
            if round.state != RoundState::Draft {
                continue;
            }
            let present = pairing_meeting::attendance(&mut conn, actor.org_id, round.id).await?;
            if !present.contains(&me) {
                continue;
            }
            let field = field(&mut conn, actor.org_id, round.start_year, today).await?;
            // Someone no longer waiting (paired, consent withdrawn) has nothing to rank.
            let Some(others) = field.other_side(me) else {
                continue;
            };
            let mut options: Vec<Side> = others
                .into_iter()
                .filter(|p| present.contains(p))
                .filter_map(|p| field.people.get(&p).cloned())
                .collect();
            options.sort_by(|a, b| a.name.cmp(&b.name));
            let current = pairing_meeting::ranks(&mut conn, actor.org_id, round.id)
                .await?
                .remove(&me)
                .unwrap_or_default();
            out.push(RankForm {
                round: round.id,
                person: me,
                options,
                current,
            });
        }
        Ok(out)
    }

    /// Marks (or unmarks) a mentee of the round as needing the psychologist's support.
    pub async fn mark_support(&self, actor: &Actor, id: i64, mentee: i64, on: bool) -> Result<()> {
        actor.require(Permission::MatchPairs)?;
        let mut tx = self.store.begin().await?;
        crate::pairing::school_only(&mut tx, actor.org_id).await?;
        let round = round_in(&mut tx, actor.org_id, id, RoundState::Draft).await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        if !field(&mut tx, actor.org_id, round.start_year, today)
            .await?
            .has_mentee(mentee)
        {
            return Err(AppError::NotFound);
        }
        pairing_meeting::set_support(&mut tx, actor.org_id, mentee, on, self.now()).await?;
        self.audit(&mut tx, actor, Some(mentee), AuditEvent::PairingChoice(id))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The choice a mentee has in a round: the offered candidates who still fit, each with the
/// reasons; `None` when the mentee no longer waits (paired, consent withdrawn).
pub(crate) fn choice_of(
    f: &Field,
    round: &pairing::Round,
    mentee: i64,
    offers: &[pairing_meeting::Offer],
    can_choose: bool,
) -> Option<Choice> {
    let weights = engine_weights(&round.weights);
    let e = f.mentees.iter().find(|e| e.id == mentee as u64)?;
    let candidates = offers
        .iter()
        .filter(|o| o.mentee_id == mentee)
        .filter_map(|o| {
            let r = f.mentors.iter().find(|r| r.id == o.mentor_id as u64)?;
            Some(Candidate {
                mentor: f.people.get(&o.mentor_id)?.clone(),
                terms: terms(f, e, r, &matching::score(e, r, &weights)),
                chosen: o.chosen_at.is_some(),
            })
        })
        .collect();
    Some(Choice {
        round: round.id,
        mentee: f.side(mentee),
        candidates,
        can_choose,
    })
}

/// A ranking the model allows: the ranking person and everyone ranked came to the meeting,
/// the ranked are of the other side, at most three, each once. A person not of the round
/// (another school's, a tampered field) is not found.
fn check_ranking(field: &Field, present: &HashSet<i64>, person: i64, chosen: &[i64]) -> Result<()> {
    let name = |p: i64| field.people.get(&p).map(|s| s.name.clone());
    let who = name(person).ok_or(AppError::NotFound)?;
    if !present.contains(&person) {
        return Err(Violation::new("person", "err-pairing-rank-absent")
            .arg("name", who)
            .into());
    }
    if chosen.len() > 3 {
        return Err(Violation::new("chosen", "err-pairing-rank-many").into());
    }
    let mentee = field.has_mentee(person);
    for (k, &c) in chosen.iter().enumerate() {
        let other = name(c).ok_or(AppError::NotFound)?;
        if chosen[..k].contains(&c) {
            return Err(Violation::new("chosen", "err-pairing-rank-twice")
                .arg("name", other)
                .into());
        }
        let other_side = if mentee {
            field.has_mentor(c)
        } else {
            field.has_mentee(c)
        };
        if !other_side {
            return Err(Violation::new("chosen", "err-pairing-rank-side")
                .arg("name", other)
                .into());
        }
        if !present.contains(&c) {
            return Err(Violation::new("chosen", "err-pairing-rank-absent")
                .arg("name", other)
                .into());
        }
    }
    Ok(())
}
