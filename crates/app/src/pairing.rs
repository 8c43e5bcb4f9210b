//! Pairing rounds (R4): the curator starts a round over the base entries waiting for a
//! pair, sets the school's weights and what the proposal puts first, and pins or rules out
//! pairs; the proposal is the engine's (`matching`) over profiles read from the entries'
//! questionnaires, with every term of a score and every mentee left out in words.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use domain::base::Labelled;
use domain::pairing::{Decision, Objective, RoundState, Weights};
use domain::{AcademicYear, AuditEvent, Permission, Violation};
use matching::{Algorithm, Lang, MenteeProfile, MentorProfile, Rules, Scope};
use storage::repo::pairing;

use crate::pairing_profiles::{Field, engine_weights, field};
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
}

impl App {
    /// The school's rounds, newest first.
    pub async fn pairing_rounds(&self, actor: &Actor) -> Result<Vec<RoundSummary>> {
        actor.require(Permission::ViewPairing)?;
        let mut conn = self.store.read().await?;
        Ok(pairing::list(&mut conn, actor.org_id)
            .await?
            .into_iter()
            .map(|r| RoundSummary {
                id: r.id,
                year: AcademicYear::starting(r.start_year as i32),
                state: r.state,
                updated_at: r.updated_at,
            })
            .collect())
    }

    /// Mentees of the waiting list a mentor in the base could take now, by the school's
    /// last weights (empty while a round is open): what the list of rounds tells the
    /// curator when a new mentor comes in.
    pub async fn could_pair_now(&self, actor: &Actor) -> Result<Vec<Side>> {
        actor.require(Permission::MatchPairs)?;
        let mut conn = self.store.read().await?;
        let rounds = pairing::list(&mut conn, actor.org_id).await?;
        if rounds.iter().any(|r| r.state != RoundState::Approved) {
            return Ok(Vec::new());
        }
        let today = self.today_for(&mut conn, actor.org_id).await?;
        let year = i64::from(AcademicYear::containing(today).start_year());
        let field = field(&mut conn, actor.org_id, year, today).await?;
        let weights = engine_weights(&rounds.first().map(|r| r.weights).unwrap_or_default());
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
        let weights = pairing::list(&mut tx, actor.org_id)
            .await?
            .first()
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
        let (sent, order) = if round.state == RoundState::Draft {
            (Vec::new(), None)
        } else {
            self.sent_rows(&mut conn, actor.org_id, &round).await?
        };
        // A sent or approved round shows what was sent: no live proposal is computed.
        let (field, decisions) = if round.state == RoundState::Draft {
            let today = self.today_for(&mut conn, actor.org_id).await?;
            (
                field(&mut conn, actor.org_id, round.start_year, today).await?,
                pairing::decisions(&mut conn, actor.org_id, id).await?,
            )
        } else {
            (Field::default(), Vec::new())
        };
        drop(conn);
        let mut view = propose(round, field, decisions);
        view.sent = sent;
        view.order = order;
        Ok(view)
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
        let e = field
            .mentees
            .iter()
            .find(|e| e.id == mentee as u64)
            .ok_or(AppError::NotFound)?;
        let r = field
            .mentors
            .iter()
            .find(|r| r.id == mentor as u64)
            .ok_or(AppError::NotFound)?;
        if kind == Decision::Pin {
            if let Err(rule) = matching::admissible(e, r, Scope::default()) {
                return Err(Violation::new("mentor", "err-pairing-rule")
                    .arg("rule", rule.describe(Lang::Ru))
                    .into());
            }
            let pinned = pairing::decisions(&mut tx, actor.org_id, id)
                .await?
                .iter()
                .filter(|d| d.kind == Decision::Pin && d.mentor == mentor && d.mentee != mentee)
                .count();
            let places = matching::places(r);
            if pinned as u32 >= places {
                return Err(Violation::new("mentor", "err-pairing-full")
                    .arg("mentor", field.people[&mentor].name.clone())
                    .arg("places", places)
                    .into());
            }
        }
        let d = pairing::DecisionRow { mentee, mentor, kind };
        pairing::decide(&mut tx, (actor.org_id, id), d, self.now()).await?;
        pairing::touch(&mut tx, actor.org_id, id, self.now()).await?;
        self.audit(&mut tx, actor, Some(mentee), AuditEvent::PairingDecision(id))
            .await?;
        tx.commit().await?;
        Ok(())
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

/// Runs the engine over the field with the round's settings and decisions.
fn propose(round: storage::repo::pairing::Round, field: Field, decisions: Vec<pairing::DecisionRow>) -> RoundView {
    let mentee_at: HashMap<u64, &MenteeProfile> = field.mentees.iter().map(|e| (e.id, e)).collect();
    let mentor_at: HashMap<u64, &MentorProfile> = field.mentors.iter().map(|r| (r.id, r)).collect();
    let unknown = |id: i64| Side {
        person: id,
        name: "—".into(),
        place: String::new(),
    };
    let person = |id: i64| field.people.get(&id).cloned().unwrap_or_else(|| unknown(id));
    // A pin the rules no longer allow (a consent withdrawn, a status changed) is shown with
    // its rule and left out of the run, never silently kept.
    let mut rules = Rules::default();
    let mut shown = Vec::new();
    let mut room: HashMap<u64, u32> = field.mentors.iter().map(|r| (r.id, matching::places(r))).collect();
    for d in &decisions {
        let (e, r) = (mentee_at.get(&(d.mentee as u64)), mentor_at.get(&(d.mentor as u64)));
        let broken = match (d.kind, e, r) {
            (_, None, _) | (_, _, None) => Some(Lang::Ru.text("ex-no-places", &[])),
            (Decision::Exclude, Some(_), Some(_)) => None,
            (Decision::Pin, Some(e), Some(r)) => match matching::admissible(e, r, Scope::default()) {
                Err(x) => Some(x.describe(Lang::Ru)),
                Ok(()) if room.get(&r.id).copied().unwrap_or(0) == 0 => Some(Lang::Ru.text("ex-no-places", &[])),
                Ok(()) => None,
            },
        };
        if broken.is_none() {
            match d.kind {
                Decision::Pin => {
                    rules.pins.push((d.mentee as u64, d.mentor as u64));
                    if let Some(n) = room.get_mut(&(d.mentor as u64)) {
                        *n -= 1;
                    }
                }
                Decision::Exclude => rules.exclusions.push((d.mentee as u64, d.mentor as u64)),
            }
        }
        shown.push(DecisionView {
            mentee: person(d.mentee),
            mentor: person(d.mentor),
            kind: d.kind,
            broken,
        });
    }
    let objective = match round.objective {
        Objective::Score => matching::Objective::Score,
        Objective::Count => matching::Objective::Participants,
    };
    let weights = engine_weights(&round.weights);
    let proposal = matching::propose(
        &field.mentees,
        &field.mentors,
        &weights,
        &rules,
        Algorithm::Optimal(objective),
    )
    .unwrap_or(matching::Proposal {
        pairs: Vec::new(),
        left: Vec::new(),
    });
    let mut by_mentor: BTreeMap<(String, i64), Vec<ProposedMentee>> = BTreeMap::new();
    for p in &proposal.pairs {
        let (mentee, mentor) = (p.mentee as i64, p.mentor as i64);
        let words = field.words.get(&mentee);
        let terms = p
            .compatibility
            .criteria
            .iter()
            .filter(|c| c.points > 0)
            .map(|c| {
                let mut c = c.clone();
                if c.key == "crit-competences"
                    && let (Some(e), Some(r), Some(words)) = (mentee_at.get(&p.mentee), mentor_at.get(&p.mentor), words)
                {
                    // The engine compares stems; the curator reads the mentee's own words.
                    let matched: Vec<&str> = e
                        .request
                        .intersection(&r.competences)
                        .filter_map(|s| words.get(s).map(String::as_str))
                        .collect();
                    for arg in c.args.iter_mut().filter(|a| a.0 == "list") {
                        arg.1 = format!(" ({})", matched.join(", "));
                    }
                }
                c.describe(Lang::Ru)
            })
            .collect();
        let m = person(mentor);
        by_mentor.entry((m.name, mentor)).or_default().push(ProposedMentee {
            who: person(mentee),
            request: field.requests.get(&mentee).cloned().unwrap_or_default(),
            score: p.compatibility.score,
            terms,
            pinned: p.pinned,
            form: field.forms.get(&mentee).copied(),
        });
    }
    let groups = by_mentor
        .into_iter()
        .map(|((_, mentor), mentees)| {
            let form = mentees.first().and_then(|m| m.form).map_or("", |f| f.label());
            ProposedGroup {
                mentor: person(mentor),
                form,
                places: mentor_at.get(&(mentor as u64)).map_or(1, |r| matching::places(r)),
                mentees,
            }
        })
        .collect();
    let name = |id: u64| person(id as i64).name;
    let mut left: Vec<LeftMentee> = proposal
        .left
        .iter()
        .map(|l| LeftMentee {
            who: person(l.mentee as i64),
            reason: l.describe(Lang::Ru, &name),
            waiting_since: field.waiting_since.get(&(l.mentee as i64)).copied(),
        })
        .collect();
    // The waiting list: the longest waiting first.
    left.sort_by(|a, b| {
        let since = |l: &LeftMentee| l.waiting_since.unwrap_or(chrono::NaiveDate::MAX);
        since(a).cmp(&since(b)).then_with(|| a.who.name.cmp(&b.who.name))
    });
    let mut mentees: Vec<Side> = field.mentees.iter().map(|e| person(e.id as i64)).collect();
    mentees.sort_by(|a, b| a.name.cmp(&b.name));
    let mut mentors: Vec<Side> = field.mentors.iter().map(|r| person(r.id as i64)).collect();
    mentors.sort_by(|a, b| a.name.cmp(&b.name));
    RoundView {
        year: AcademicYear::starting(round.start_year as i32),
        round,
        groups,
        left,
        mentees,
        mentors,
        decisions: shown,
        sent: Vec::new(),
        order: None,
    }
}
