//! The pairing stage of the demo school: one round approved by the head's order (pairs and
//! a group), and a new round in progress over those still waiting — with its group meeting,
//! the mutual ranking, a mentee's choice offered and a mentee flagged for the psychologist —
//! so a newcomer sees the whole step alive. Made through the use cases, as the curator and the head would.

use domain::Role;
use domain::pairing::Decision;
use storage::repo::users;

use crate::{Actor, App, Result};

impl App {
    /// Runs the demo school's first pairing round to an approved order and opens a second
    /// round; nothing when the school is not there or already has rounds.
    pub async fn seed_demo_pairing(&self) -> Result<()> {
        // The school where the demo curator works.
        let Ok(curator_id) = self.user_id_by_login("curator").await else {
            return Ok(());
        };
        let school = {
            let mut conn = self.store.read().await?;
            users::roles(&mut conn, curator_id)
                .await?
                .into_iter()
                .find(|r| r.role == Role::Curator.code())
                .map(|r| r.org_id)
        };
        let Some(school) = school else { return Ok(()) };
        let actor = |login: &str, role: Role, user_id: Option<i64>| Actor {
            user_id,
            name: login.to_string(),
            role,
            org_id: school,
            address: "demo".into(),
        };
        let curator = actor("curator", Role::Curator, Some(curator_id));
        if !self.pairing_rounds(&curator).await?.is_empty() {
            return Ok(());
        }
        let head_id = self.user_id_by_login("head").await.ok();
        let head = Actor {
            name: self.display_name(head_id).await?.unwrap_or_else(|| "head".into()),
            ..actor("head", Role::Head, head_id)
        };
        let first = self.start_round(&curator).await?;
        // The demo mentor and mentee accounts are a pair, so their own pages show it; if the
        // rules do not allow it (the demo changed), the proposal stands as it is.
        let person = |login: &'static str| async move {
            let id = self.user_id_by_login(login).await.ok()?;
            let mut conn = self.store.read().await.ok()?;
            users::get_user(&mut conn, id).await.ok()?.and_then(|u| u.person_id)
        };
        if let (Some(mentee), Some(mentor)) = (person("mentee").await, person("mentor").await) {
            let _ = self.decide_pair(&curator, first, (mentee, mentor), Decision::Pin).await;
        }
        let view = self.pairing_round(&curator, first).await?;
        // Two mentors are kept out of the first round, so the second one has a proposal to
        // review for those still waiting.
        let kept_out: Vec<i64> = view
            .groups
            .iter()
            .rev()
            .filter(|g| g.mentees.iter().all(|m| !m.pinned))
            .take(2)
            .map(|g| g.mentor.person)
            .collect();
        for mentor in &kept_out {
            for m in &view.mentees {
                self.decide_pair(&curator, first, (m.person, *mentor), Decision::Exclude)
                    .await?;
            }
        }
        let view = self.pairing_round(&curator, first).await?;
        self.send_round(&curator, (first, view.round.version)).await?;
        self.approve_round(&head, first).await?;
        let second = self.start_round(&curator).await?;
        self.seed_demo_meeting(&curator, second).await
    }

    /// The second round's group meeting: four mentees and two mentors came and ranked each
    /// other; a mentee is offered a choice of mentors; one waiting needs the psychologist.
    async fn seed_demo_meeting(&self, curator: &Actor, round: i64) -> Result<()> {
        let v = self.pairing_round(curator, round).await?;
        // Those the proposal pairs come first, so the ranking is about real candidates.
        let proposed = v.groups.iter().flat_map(|g| g.mentees.iter().map(|m| m.who.person));
        let mut mentees: Vec<i64> = proposed.chain(v.left.iter().map(|l| l.who.person)).collect();
        mentees.truncate(4);
        let mut mentors: Vec<i64> = v.groups.iter().map(|g| g.mentor.person).collect();
        let others: Vec<i64> = v
            .mentors
            .iter()
            .map(|s| s.person)
            .filter(|p| !mentors.contains(p))
            .collect();
        mentors.extend(others);
        mentors.truncate(2);
        let present: Vec<i64> = mentees.iter().chain(&mentors).copied().collect();
        self.record_attendance(curator, round, &present).await?;
        for (k, e) in mentees.iter().enumerate() {
            let mut order = mentors.clone();
            if k % 2 == 1 {
                order.reverse();
            }
            self.rank(curator, round, *e, &order).await?;
        }
        for (k, r) in mentors.iter().enumerate() {
            let mut order = mentees.clone();
            if k % 2 == 1 {
                order.reverse();
            }
            order.truncate(3);
            self.rank(curator, round, *r, &order).await?;
        }
        if let Some(l) = v.left.first() {
            self.mark_support(curator, round, l.who.person, true).await?;
        }
        if let Some(m) = v.groups.first().and_then(|g| g.mentees.first()) {
            self.offer_choice(curator, round, m.who.person).await?;
        }
        Ok(())
    }

    async fn display_name(&self, user: Option<i64>) -> Result<Option<String>> {
        let Some(user) = user else { return Ok(None) };
        let mut conn = self.store.read().await?;
        Ok(users::get_user(&mut conn, user).await?.map(|u| u.display_name))
    }
}
