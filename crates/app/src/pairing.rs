//! Pairing rounds (R4): the curator starts a round over the base entries waiting for a
//! pair, sets the school's weights and what the proposal puts first, and pins or rules out
//! pairs; the proposal is the engine's (`matching`) over profiles read from the entries'
//! questionnaires, with every term of a score and every mentee left out in words.

use chrono::{DateTime, Utc};
use domain::pairing::{Decision, Objective, RoundState, Weights};
use domain::{AcademicYear, AuditEvent, Permission, Violation};
use matching::{Algorithm, Rules};
use storage::repo::pairing;

use crate::pairing_profiles::{Field, engine_weights, field};
use crate::pairing_proposal::{Said, check_pin, propose};
use crate::{Actor, App, AppError, Result};

/// A round in the school's list.
#[derive(Debug, Clone)]
pub struct RoundSummary {
    /// Id.
    pub id: i64,
    /// Academic year.
    pub year: AcademicYear,
    /// Where it stands.
    pub state: RoundState,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// The day it last changed in the school's time zone.
    pub updated_on: chrono::NaiveDate,
    /// A school's part of a municipal virtual round.
    pub from_municipality: bool,
}

/// A person of the round as the curator reads them: name and class or position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// Person id.
    pub person: i64,
    /// «Фамилия Имя Отчество».
    pub name: String,
    /// Class or position.
    pub place: String,
}

impl Side {
    /// A person of the school as the pairing pages name them.
    pub(crate) fn of_person(p: &storage::PersonRow) -> Self {
        Self {
            person: p.id,
            name: crate::bases::person_name(&p.last_name, &p.first_name, p.patronymic.as_deref()),
            place: p.place.clone(),
        }
    }

    pub(crate) fn of_entry(r: &storage::EntryRow) -> Self {
        Self {
            person: r.person_id,
            name: crate::bases::person_name(&r.last_name, &r.first_name, r.patronymic.as_deref()),
            place: r.place.clone(),
        }
    }
}

/// A mentee of a proposed pair or group with the score's terms.
#[derive(Debug, Clone)]
pub struct ProposedMentee {
    /// The mentee.
    pub who: Side,
    /// The request in the mentee's words.
    pub request: String,
    /// Score 0..1000.
    pub score: u16,
    /// Every term that gave points, in words: «Предмет: математика — 200 из 200».
    pub terms: Vec<String>,
    /// Fixed by the curator.
    pub pinned: bool,
    /// The form of mentoring the mentee's entry asks for.
    pub form: Option<domain::base::Form>,
}

/// A proposed pair (one mentee) or group (several) around one mentor.
#[derive(Debug, Clone)]
pub struct ProposedGroup {
    /// The mentor.
    pub mentor: Side,
    /// Form of mentoring.
    pub form: &'static str,
    /// The mentees.
    pub mentees: Vec<ProposedMentee>,
    /// Places the mentor offers.
    pub places: u32,
}

/// A mentee left without a pair, with the reason.
#[derive(Debug, Clone)]
pub struct LeftMentee {
    /// The mentee.
    pub who: Side,
    /// Why, in words.
    pub reason: String,
    /// Waiting for a pair since (the entry's date in the base).
    pub waiting_since: Option<chrono::NaiveDate>,
    /// How many days the mentee has waited.
    pub waited_days: Option<i64>,
    /// Needs the support of the school's educational psychologist while waiting.
    pub support: bool,
}

/// A person of the round at the group meeting.
#[derive(Debug, Clone)]
pub struct Attendee {
    /// The person.
    pub who: Side,
    /// Came to the meeting.
    pub present: bool,
    /// Whom they ranked, first choice first.
    pub ranks: Vec<Side>,
}

/// The group meeting of a round (R4.2).
#[derive(Debug, Clone, Default)]
pub struct Meeting {
    /// Mentees waiting, by name.
    pub mentees: Vec<Attendee>,
    /// Mentors with places, by name.
    pub mentors: Vec<Attendee>,
}

/// The candidates offered to a mentee (R4.3) and which one they chose.
#[derive(Debug, Clone)]
pub struct OfferView {
    /// The mentee.
    pub mentee: Side,
    /// The candidates in the order offered; `true` for the one chosen.
    pub candidates: Vec<(Side, bool)>,
}

/// A decision of the curator as the round page lists it.
#[derive(Debug, Clone)]
pub struct DecisionView {
    /// The mentee.
    pub mentee: Side,
    /// The mentor.
    pub mentor: Side,
    /// Pin or exclusion.
    pub kind: Decision,
    /// A pin the rules no longer allow (a consent withdrawn since): the rule, in words.
    pub broken: Option<String>,
}

/// Everything the round page shows.
#[derive(Debug, Clone)]
pub struct RoundView {
    /// The round.
    pub round: storage::repo::pairing::Round,
    /// Academic year.
    pub year: AcademicYear,
    /// Proposed pairs and groups, by mentor name.
    pub groups: Vec<ProposedGroup>,
    /// Mentees without a pair.
    pub left: Vec<LeftMentee>,
    /// Mentees waiting for a pair.
    pub mentees: Vec<Side>,
    /// Mentors in the base.
    pub mentors: Vec<Side>,
    /// The curator's decisions.
    pub decisions: Vec<DecisionView>,
    /// What was sent to the head, with each side's consent now (empty for a draft).
    pub sent: Vec<crate::pairing_order::SentRow>,
    /// The order that approved the round.
    pub order: Option<crate::pairing_order::OrderLink>,
    /// Who came to the group meeting and whom each ranked.
    pub meeting: Meeting,
    /// Candidates offered to mentees.
    pub offers: Vec<OfferView>,
    /// The stability check after a mutual ranking: the mentees and mentors who would both
    /// rather be together than with what they got (empty: stable); `None` before ranking.
    pub stability: Option<Vec<(Side, Side)>>,
    /// A municipal virtual round (R3.4): the municipality's methodist pairs its schools'
    /// people across schools; the school-only steps (meeting, choice) are not offered.
    pub municipal: bool,
    /// The schools' parts of a sent municipal round, each approved by its school's head.
    pub parts: Vec<Part>,
    /// The school of each person of the proposal.
    pub(crate) schools: std::collections::HashMap<i64, i64>,
}

/// A school's part of a municipal round: the pairs of its mentees, where it stands, its order.
#[derive(Debug, Clone)]
pub struct Part {
    /// The school's short name.
    pub school: String,
    /// Where it stands at the school.
    pub state: RoundState,
    /// Pairs in it.
    pub pairs: usize,
    /// The school's order, once approved: (number, date).
    pub order: Option<(i64, chrono::NaiveDate)>,
}

impl App {
    /// The school's rounds, newest first.
    pub async fn pairing_rounds(&self, actor: &Actor) -> Result<Vec<RoundSummary>> {
        actor.require(Permission::ViewPairing)?;
        let mut conn = self.store.read().await?;
        let tz = storage::repo::orgs::get_org(&mut conn, actor.org_id)
            .await?
            .map(|o| o.timezone)
            .unwrap_or_default();
        Ok(pairing::list(&mut conn, actor.org_id)
            .await?
            .into_iter()
            .map(|r| RoundSummary {
                id: r.id,
                year: AcademicYear::starting(r.start_year as i32),
                state: r.state,
                updated_at: r.updated_at,
                updated_on: crate::today_in(&tz, r.updated_at),
                from_municipality: r.origin_id.is_some(),
            })
            .collect())
    }

    /// Whether the actor works for a municipality (its rounds are municipal virtual rounds).
    pub async fn works_for_municipality(&self, actor: &Actor) -> Result<bool> {
        let mut conn = self.store.read().await?;
        municipal(&mut conn, actor.org_id).await
    }

    /// Mentees of the waiting list a mentor in the base could take now, by the school's
    /// last weights (empty while a round is open): what the list of rounds tells the
    /// curator when a new mentor comes in.
    pub async fn could_pair_now(&self, actor: &Actor) -> Result<Vec<Side>> {
        actor.require(Permission::MatchPairs)?;
        let mut conn = self.store.read().await?;
        let rounds = pairing::list(&mut conn, actor.org_id).await?;
        // A municipality's methodist starts a round when the schools' bases are ready.
        let open = |r: &pairing::Round| !matches!(r.state, RoundState::Approved | RoundState::Returned);
        if municipal(&mut conn, actor.org_id).await? || rounds.iter().any(open) {
            return Ok(Vec::new());
        }
        let today = self.today_for(&mut conn, actor.org_id).await?;
        let year = i64::from(AcademicYear::containing(today).start_year());
        let field = field(&mut conn, actor.org_id, year, today).await?;
        let own = rounds.iter().find(|r| r.origin_id.is_none());
        let weights = engine_weights(&own.map(|r| r.weights).unwrap_or_default());
        let proposal = matching::propose(
            &field.mentees,
            &field.mentors,
            &weights,
            &Rules::default(),
            Algorithm::Optimal(matching::Objective::Participants),
        )
        .map_err(|e| AppError::Internal(e.to_string()))?;
        let mut out: Vec<Side> = proposal
            .pairs
            .iter()
            .filter_map(|p| field.people.get(&(p.mentee as i64)).cloned())
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Starts a round for the current academic year with the default weights, or the
    /// weights of the school's last round; its id.
    pub async fn start_round(&self, actor: &Actor) -> Result<i64> {
        actor.require(Permission::MatchPairs)?;
        let mut tx = self.store.begin().await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let year = AcademicYear::containing(today);
        // The school's own last weights, not those a municipal part came with.
        let weights = pairing::list(&mut tx, actor.org_id)
            .await?
            .iter()
            .find(|r| r.origin_id.is_none())
            .map(|r| r.weights)
            .unwrap_or_default();
        let id = pairing::insert(
            &mut tx,
            (actor.org_id, actor.user_id),
            i64::from(year.start_year()),
            &weights,
            self.now(),
        )
        .await?;
        self.audit(&mut tx, actor, None, AuditEvent::PairingStart(id)).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The round with its proposal computed from the bases as they are now.
    pub async fn pairing_round(&self, actor: &Actor, id: i64) -> Result<RoundView> {
        actor.require(Permission::ViewPairing)?;
        let mut conn = self.store.read().await?;
        let round = pairing::get(&mut conn, actor.org_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let is_municipal = municipal(&mut conn, actor.org_id).await?;
        let (sent, order) = if round.state == RoundState::Draft || is_municipal {
            (Vec::new(), None)
        } else {
            self.sent_rows(&mut conn, actor.org_id, &round).await?
        };
        let parts = if is_municipal {
            self.parts(&mut conn, actor.org_id, id).await?
        } else {
            Vec::new()
        };
        // A sent or approved round shows what was sent: no live proposal is computed.
        let (field, said) = if round.state == RoundState::Draft {
            let today = self.today_for(&mut conn, actor.org_id).await?;
            (
                field(&mut conn, actor.org_id, round.start_year, today).await?,
                Said::read(&mut conn, actor.org_id, id).await?,
            )
        } else {
            (Field::default(), Said::default())
        };
        drop(conn);
        let mut view = propose(round, field, said);
        view.sent = sent;
        view.order = order;
        view.municipal = is_municipal;
        view.parts = parts;
        Ok(view)
    }

    /// The engine's problem for a round as it stands now, for timing the engine's own
    /// `match` on the same data as the round's page (the operator's command), and the time
    /// of the engine's `propose` on the round's profiles.
    pub async fn round_instance(&self, actor: &Actor, id: i64) -> Result<(matching::Instance, std::time::Duration)> {
        actor.require(Permission::ViewPairing)?;
        let mut conn = self.store.read().await?;
        let round = pairing::get(&mut conn, actor.org_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let today = self.today_for(&mut conn, actor.org_id).await?;
        let field = field(&mut conn, actor.org_id, round.start_year, today).await?;
        let said = Said::read(&mut conn, actor.org_id, id).await?;
        Ok(crate::pairing_proposal::instance(&round, field, &said))
    }

    /// Sets the objective and the weights (typed into the form); `version` is the round's
    /// version the form was shown at, so a change made meanwhile is not overwritten.
    pub async fn set_round_settings(
        &self,
        actor: &Actor,
        (id, version): (i64, i64),
        objective: Objective,
        weights: Weights,
    ) -> Result<()> {
        actor.require(Permission::MatchPairs)?;
        let mut tx = self.store.begin().await?;
        round_in(&mut tx, actor.org_id, id, RoundState::Draft).await?;
        if !pairing::set_settings(&mut tx, (actor.org_id, id, version), objective, &weights, self.now()).await? {
            return Err(Violation::new("round", "err-pairing-changed").into());
        }
        self.audit(&mut tx, actor, None, AuditEvent::PairingSettings(id))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Pins a mentee to a mentor (a move, or one more mentee of a group) or rules a pair
    /// out. A pin is checked against the model's rules and the mentor's places, and the
    /// refusal names the rule; a person who is not in this school's round answers 404.
    pub async fn decide_pair(
        &self,
        actor: &Actor,
        id: i64,
        (mentee, mentor): (i64, i64),
        kind: Decision,
    ) -> Result<()> {
        actor.require(Permission::MatchPairs)?;
        let mut tx = self.store.begin().await?;
        let round = round_in(&mut tx, actor.org_id, id, RoundState::Draft).await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let field = field(&mut tx, actor.org_id, round.start_year, today).await?;
        if !field.has_mentee(mentee) || !field.has_mentor(mentor) {
            return Err(self
                .not_in_round(&mut tx, actor.org_id, &field, (mentee, mentor))
                .await?);
        }
        if kind == Decision::Pin {
            let decisions = pairing::decisions(&mut tx, actor.org_id, id).await?;
            check_pin(&field, &decisions, (mentee, mentor))?;
        }
        let d = pairing::DecisionRow { mentee, mentor, kind };
        pairing::decide(&mut tx, (actor.org_id, id), d, self.now()).await?;
        pairing::touch(&mut tx, actor.org_id, id, self.now()).await?;
        self.audit(&mut tx, actor, Some(mentee), AuditEvent::PairingDecision(id))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Why a person of a decision is not in the round: a mentee already in an active pair,
    /// or a mentor whose places are all taken by the orders, is named with the reason;
    /// anyone else (another school's, a tampered form) is not found.
    async fn not_in_round(
        &self,
        db: &mut impl storage::Db,
        org: i64,
        field: &Field,
        (mentee, mentor): (i64, i64),
    ) -> Result<AppError> {
        let name =
            |p: &storage::PersonRow| crate::bases::person_name(&p.last_name, &p.first_name, p.patronymic.as_deref());
        // A municipal round's people are in its schools.
        let reach = municipal(db, org).await?;
        let person = async |db: &mut _, id: i64| -> Result<Option<storage::PersonRow>> {
            Ok(if reach {
                storage::repo::persons::get_under(db, org, id).await?
            } else {
                storage::repo::persons::get(db, org, id).await?
            })
        };
        if !field.has_mentee(mentee) {
            let Some(p) = person(db, mentee).await? else {
                return Ok(AppError::NotFound);
            };
            let pairs = pairing::active_pairs_of(db, p.org_id, mentee).await?;
            if let Some(pair) = pairs.iter().find(|x| x.mentees.contains(&mentee)) {
                use domain::base::Labelled;
                let form = pair.form.as_deref().and_then(domain::base::Form::from_code);
                return Ok(Violation::new("mentee", "err-pairing-in-pair")
                    .arg("name", name(&p))
                    .arg("form", form.map_or("", |f| f.label()))
                    .into());
            }
            return Ok(AppError::NotFound);
        }
        let Some(p) = person(db, mentor).await? else {
            return Ok(AppError::NotFound);
        };
        // Places taken, not a consent lapsed: a paired mentor whose consent is in force.
        let today = self.today_for(db, org).await?;
        let consent = storage::repo::persons::consent_status(db, p.org_id, mentor, today).await?;
        let load = pairing::mentees_per_mentor(db, p.org_id).await?;
        Ok(match load.get(&mentor) {
            Some(&n) if consent == Some(domain::ConsentStatus::Valid) => {
                Violation::new("mentor", "err-pairing-mentor-taken")
                    .arg("name", name(&p))
                    .arg("count", n)
                    .into()
            }
            _ => AppError::NotFound,
        })
    }

    /// Takes back a pin or an exclusion.
    pub async fn undo_decision(&self, actor: &Actor, id: i64, (mentee, mentor): (i64, i64)) -> Result<()> {
        actor.require(Permission::MatchPairs)?;
        let mut tx = self.store.begin().await?;
        round_in(&mut tx, actor.org_id, id, RoundState::Draft).await?;
        if !pairing::undo(&mut tx, (actor.org_id, id), mentee, mentor).await? {
            return Err(AppError::NotFound);
        }
        pairing::touch(&mut tx, actor.org_id, id, self.now()).await?;
        self.audit(&mut tx, actor, Some(mentee), AuditEvent::PairingDecision(id))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A round of the school in the state a change needs: 404 for another school's, and a
/// message when it moved on (sent or approved) or back (returned).
pub(crate) async fn round_in(
    db: &mut impl storage::Db,
    org: i64,
    id: i64,
    state: RoundState,
) -> Result<storage::repo::pairing::Round> {
    let round = pairing::get(db, org, id).await?.ok_or(AppError::NotFound)?;
    if round.state != state {
        let code = match state {
            RoundState::Draft => "err-pairing-not-draft",
            _ => "err-pairing-not-sent",
        };
        return Err(Violation::new("round", code).into());
    }
    Ok(round)
}

/// Whether `org` is a municipality (its rounds are municipal virtual rounds, R3.4).
pub(crate) async fn municipal(db: &mut impl storage::Db, org: i64) -> Result<bool> {
    Ok(storage::repo::orgs::get_org(db, org)
        .await?
        .is_some_and(|o| o.kind == domain::OrgKind::Municipality))
}

/// Refuses a step a school takes with its own people (the group meeting, the ranking, the
/// mentee's choice, the psychologist's flag) in a municipal round.
pub(crate) async fn school_only(db: &mut impl storage::Db, org: i64) -> Result<()> {
    if municipal(db, org).await? {
        return Err(Violation::new("round", "err-pairing-school-only").into());
    }
    Ok(())
}

/// A person of the school `org`, or of another school of its municipality — the other side
/// of a municipal virtual pair — with that school's short name (`None` for `org`'s own).
/// Only for ids the school's own records name (its pairs, its rounds' proposals).
pub(crate) async fn person_near(
    db: &mut impl storage::Db,
    org: i64,
    id: i64,
) -> Result<Option<(storage::PersonRow, Option<String>)>> {
    use storage::repo::{orgs, persons};
    if let Some(p) = persons::get(db, org, id).await? {
        return Ok(Some((p, None)));
    }
    let Some(parent) = orgs::get_org(db, org).await?.and_then(|o| o.parent_id) else {
        return Ok(None);
    };
    let Some(p) = persons::get_under(db, parent, id).await? else {
        return Ok(None);
    };
    let school = orgs::get_org(db, p.org_id).await?.map(|o| o.short_name);
    Ok(Some((p, school)))
}

impl Side {
    /// A person of another school as a school's pages name them: the school after the place.
    pub(crate) fn with_school(mut self, school: Option<&str>) -> Self {
        if let Some(school) = school {
            self.place = if self.place.is_empty() {
                school.to_string()
            } else {
                format!("{}, {school}", self.place)
            };
        }
        self
    }
}
