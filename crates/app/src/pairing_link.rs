//! A personal link to a mentee's choice of mentor (R4.3), for a respondent without an
//! account, by the questionnaire links' mechanism: the curator issues it to the adult
//! mentee or a minor's guardian; it opens without signing in, shows the offered candidates
//! with their reasons (the mentee named by first name and initial only), and the one chosen
//! becomes a pin. Single use, expires; only its hash is stored.

use chrono::Duration;
use domain::pairing::RoundState;
use domain::{AuditEvent, Permission, Role, Violation};
use storage::repo::{orgs, pairing, pairing_meeting, persons};

use crate::pairing_meeting::{Choice, RankForm, choice_of};
use crate::pairing_profiles::field;
use crate::questionnaire::{LINK_DAYS, new_token, respondent_of, token_shaped};
use crate::{Actor, App, AppError, Result};

/// A choice link just issued: the token is shown once and never stored.
#[derive(Debug, Clone)]
pub struct IssuedChoiceLink {
    /// The secret part of `/c/{token}`.
    pub token: String,
    /// Who is to choose: «Петрова Мария Ивановна (мать)».
    pub respondent: String,
    /// The last day it is valid, in the school's time zone.
    pub expires_on: chrono::NaiveDate,
}

/// What a ranking link opens: closed (as a choice link is), or the form.
#[derive(Debug, Clone)]
pub enum RankLinkState {
    /// Unknown, expired or used.
    Closed(ChoiceLinkState),
    /// Ready: the school's name and the form.
    Open(String, Box<RankForm>),
}

/// What a choice link opens.
#[derive(Debug, Clone)]
pub enum ChoiceLinkState {
    /// No such link.
    Unknown,
    /// Past its date, the round moved on, or the respondent no longer answers for the mentee.
    Expired,
    /// The choice was made.
    Used,
    /// Ready: the school's name and the choice.
    Open(String, Box<Choice>),
}

impl App {
    /// Issues a personal link to the choice offered to a mentee of a draft round.
    pub async fn choice_link(&self, actor: &Actor, id: i64, mentee: i64) -> Result<IssuedChoiceLink> {
        actor.require(Permission::MatchPairs)?;
        let mut tx = self.store.begin().await?;
        crate::pairing::school_only(&mut tx, actor.org_id).await?;
        crate::pairing::round_in(&mut tx, actor.org_id, id, RoundState::Draft).await?;
        let person = persons::get(&mut tx, actor.org_id, mentee)
            .await?
            .ok_or(AppError::NotFound)?;
        if !pairing_meeting::offers(&mut tx, actor.org_id, id)
            .await?
            .iter()
            .any(|o| o.mentee_id == mentee)
        {
            return Err(Violation::new("mentee", "err-pairing-link-offer-first").into());
        }
        let today = self.today_for(&mut tx, actor.org_id).await?;
        let (respondent_id, respondent) = respondent_of(&mut tx, actor.org_id, &person, today).await?;
        let at = (actor.org_id, id, mentee, respondent_id);
        let link = self.write_link(&mut tx, at, "choice", respondent).await?;
        self.audit(&mut tx, actor, Some(mentee), AuditEvent::PairingChoice(id))
            .await?;
        tx.commit().await?;
        Ok(link)
    }

    /// Writes a new link of `purpose` (only its hash) valid for [`LINK_DAYS`]: the token to
    /// show once, and the last day it opens in the school's time zone.
    async fn write_link(
        &self,
        db: &mut impl storage::Db,
        at: (i64, i64, i64, i64),
        purpose: &str,
        respondent: String,
    ) -> Result<IssuedChoiceLink> {
        let token = new_token();
        let expires_at = self.now() + Duration::days(LINK_DAYS);
        let tz = self.org_row(db, at.0).await?.map(|o| o.timezone).unwrap_or_default();
        let hash = crate::auth::token_hash(&token);
        pairing_meeting::insert_choice_link(db, at, (purpose, &hash), expires_at, self.now()).await?;
        Ok(IssuedChoiceLink {
            token,
            respondent,
            expires_on: crate::local_time(&tz, expires_at).date(),
        })
    }

    /// The link, if it still opens.
    async fn live_choice_link(
        &self,
        db: &mut impl storage::Db,
        token: &str,
    ) -> Result<std::result::Result<pairing_meeting::ChoiceLink, ChoiceLinkState>> {
        let link = match self.live_link(db, token, "choice").await? {
            Ok(link) => link,
            Err(state) => return Ok(Err(state)),
        };
        // The respondent must still answer for the mentee (a minor come of age answers alone).
        let today = self.today_for(db, link.org_id).await?;
        let Some(person) = persons::get(db, link.org_id, link.mentee_id).await? else {
            return Ok(Err(ChoiceLinkState::Expired));
        };
        match respondent_of(db, link.org_id, &person, today).await {
            Ok((now_respondent, _)) if now_respondent == link.respondent_id => Ok(Ok(link)),
            _ => Ok(Err(ChoiceLinkState::Expired)),
        }
    }

    /// A link of `purpose` that is ours, unused, in date, over a draft round.
    async fn live_link(
        &self,
        db: &mut impl storage::Db,
        token: &str,
        purpose: &str,
    ) -> Result<std::result::Result<pairing_meeting::ChoiceLink, ChoiceLinkState>> {
        if !token_shaped(token) {
            return Ok(Err(ChoiceLinkState::Unknown));
        }
        let Some(link) = pairing_meeting::choice_link(db, &crate::auth::token_hash(token))
            .await?
            .filter(|l| l.purpose == purpose)
        else {
            return Ok(Err(ChoiceLinkState::Unknown));
        };
        if link.used_at.is_some() {
            return Ok(Err(ChoiceLinkState::Used));
        }
        let round = pairing::get(db, link.org_id, link.round_id).await?;
        if link.expires_at <= self.now() || round.is_none_or(|r| r.state != RoundState::Draft) {
            return Ok(Err(ChoiceLinkState::Expired));
        }
        Ok(Ok(link))
    }

    /// Issues a personal link to an attendee's ranking after the group meeting (the
    /// attendee ranks themselves, a pupil too: they were at the meeting).
    pub async fn rank_link(&self, actor: &Actor, id: i64, person: i64) -> Result<IssuedChoiceLink> {
        actor.require(Permission::MatchPairs)?;
        let mut tx = self.store.begin().await?;
        crate::pairing::school_only(&mut tx, actor.org_id).await?;
        crate::pairing::round_in(&mut tx, actor.org_id, id, RoundState::Draft).await?;
        let p = persons::get(&mut tx, actor.org_id, person)
            .await?
            .ok_or(AppError::NotFound)?;
        let name = crate::bases::person_name(&p.last_name, &p.first_name, p.patronymic.as_deref());
        if !pairing_meeting::attendance(&mut tx, actor.org_id, id)
            .await?
            .contains(&person)
        {
            return Err(Violation::new("person", "err-pairing-rank-absent")
                .arg("name", name)
                .into());
        }
        let link = self
            .write_link(&mut tx, (actor.org_id, id, person, person), "rank", name)
            .await?;
        self.audit(&mut tx, actor, Some(person), AuditEvent::PairingMeeting(id))
            .await?;
        tx.commit().await?;
        Ok(link)
    }

    /// What a ranking link shows: the other side's attendees (a minor by first name and
    /// initial) and the ranking so far.
    pub async fn open_rank_link(&self, token: &str) -> Result<RankLinkState> {
        let mut conn = self.store.read().await?;
        let link = match self.live_link(&mut conn, token, "rank").await? {
            Ok(link) => link,
            Err(state) => return Ok(RankLinkState::Closed(state)),
        };
        let Some(round) = pairing::get(&mut conn, link.org_id, link.round_id).await? else {
            return Ok(RankLinkState::Closed(ChoiceLinkState::Expired));
        };
        let present = pairing_meeting::attendance(&mut conn, link.org_id, link.round_id).await?;
        let me = link.mentee_id;
        if !present.contains(&me) {
            return Ok(RankLinkState::Closed(ChoiceLinkState::Expired));
        }
        let today = self.today_for(&mut conn, link.org_id).await?;
        let f = field(&mut conn, link.org_id, round.start_year, today).await?;
        let Some(others) = f.other_side(me) else {
            return Ok(RankLinkState::Closed(ChoiceLinkState::Expired));
        };
        let mut options = Vec::new();
        for id in others.into_iter().filter(|p| present.contains(p)) {
            let mut side = f.side(id);
            if let Some(p) = persons::get(&mut conn, link.org_id, id).await?
                && domain::age::is_minor_if_known(p.birth_date, today)
            {
                side.name = crate::questionnaire::short_name(&p.last_name, &p.first_name);
            }
            options.push(side);
        }
        options.sort_by(|a, b| a.name.cmp(&b.name));
        let current = pairing_meeting::ranks(&mut conn, link.org_id, link.round_id)
            .await?
            .remove(&me)
            .unwrap_or_default();
        let school = orgs::get_org(&mut conn, link.org_id)
            .await?
            .map(|o| o.short_name)
            .unwrap_or_default();
        let form = RankForm {
            round: link.round_id,
            person: me,
            options,
            current,
        };
        Ok(RankLinkState::Open(school, Box::new(form)))
    }

    /// The ranking made by link: recorded and the link closed — or the refusal naming why.
    pub async fn rank_by_link(&self, token: &str, chosen: &[i64], address: &str) -> Result<ChoiceLinkState> {
        let mut tx = self.store.begin().await?;
        let link = match self.live_link(&mut tx, token, "rank").await? {
            Ok(link) => link,
            Err(state) => return Ok(state),
        };
        let actor = link_actor(&link, address);
        let event = AuditEvent::PairingRankByLink(link.round_id);
        self.rank_in(&mut tx, &actor, (link.round_id, link.mentee_id), chosen, event)
            .await?;
        if !pairing_meeting::use_choice_link(&mut tx, link.id, self.now()).await? {
            return Ok(ChoiceLinkState::Used);
        }
        tx.commit().await?;
        Ok(ChoiceLinkState::Used)
    }

    /// What a choice link shows.
    pub async fn open_choice_link(&self, token: &str) -> Result<ChoiceLinkState> {
        let mut conn = self.store.read().await?;
        let link = match self.live_choice_link(&mut conn, token).await? {
            Ok(link) => link,
            Err(state) => return Ok(state),
        };
        let Some(round) = pairing::get(&mut conn, link.org_id, link.round_id).await? else {
            return Ok(ChoiceLinkState::Expired);
        };
        let today = self.today_for(&mut conn, link.org_id).await?;
        let f = field(&mut conn, link.org_id, round.start_year, today).await?;
        let offers = pairing_meeting::offers(&mut conn, link.org_id, link.round_id).await?;
        let school = orgs::get_org(&mut conn, link.org_id)
            .await?
            .map(|o| o.short_name)
            .unwrap_or_default();
        Ok(match choice_of(&f, &round, link.mentee_id, &offers, true) {
            Some(mut choice) => {
                // The respondent reads the mentee's first name and initial, nothing more.
                let person = persons::get(&mut conn, link.org_id, link.mentee_id).await?;
                choice.mentee.name = person
                    .map(|p| crate::questionnaire::short_name(&p.last_name, &p.first_name))
                    .unwrap_or_default();
                choice.mentee.place = String::new();
                // A pupil mentor is named as the mentee is: first name and initial.
                for k in &mut choice.candidates {
                    if let Some(p) = persons::get(&mut conn, link.org_id, k.mentor.person).await?
                        && domain::age::is_minor_if_known(p.birth_date, today)
                    {
                        k.mentor.name = crate::questionnaire::short_name(&p.last_name, &p.first_name);
                    }
                }
                ChoiceLinkState::Open(school, Box::new(choice))
            }
            None => ChoiceLinkState::Expired,
        })
    }

    /// The choice made by link: the pin, and the link closed — or the refusal naming why.
    pub async fn choose_by_link(&self, token: &str, mentor: i64, address: &str) -> Result<ChoiceLinkState> {
        let mut tx = self.store.begin().await?;
        let link = match self.live_choice_link(&mut tx, token).await? {
            Ok(link) => link,
            Err(state) => return Ok(state),
        };
        let actor = link_actor(&link, address);
        let today = self.today_for(&mut tx, link.org_id).await?;
        let event = AuditEvent::PairingChoiceByLink(link.round_id);
        self.pin_choice(&mut tx, &actor, (link.round_id, link.mentee_id, mentor), (today, event))
            .await?;
        if !pairing_meeting::use_choice_link(&mut tx, link.id, self.now()).await? {
            return Ok(ChoiceLinkState::Used);
        }
        tx.commit().await?;
        Ok(ChoiceLinkState::Used)
    }
}

/// The actor a link's respondent acts as, for the audit trail.
fn link_actor(link: &pairing_meeting::ChoiceLink, address: &str) -> Actor {
    Actor {
        user_id: None,
        name: "по личной ссылке".into(),
        role: Role::Guardian,
        org_id: link.org_id,
        address: address.to_string(),
    }
}
