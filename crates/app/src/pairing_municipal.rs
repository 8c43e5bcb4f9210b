//! The municipal virtual round (R3.4): the municipality's methodist runs the pairing screen
//! over the schools' people ready for virtual mentoring, pairing each mentee with a
//! remote-ready mentor of another school of the municipality. Sending it gives each
//! mentee's school its part, a round of that school sent to its head; the head approves it
//! with the school's own order (`pairing_order`), or returns it and the mentees wait again.

use std::collections::BTreeMap;

use domain::AuditEvent;
use domain::pairing::RoundState;
use storage::repo::{orders, orgs, pairing, pairing_parts};

use crate::pairing::Part;
use crate::{Actor, App, Result};

impl App {
    /// The schools' parts of the municipality's round `id`, by school name.
    pub(crate) async fn parts(&self, db: &mut impl storage::Db, org: i64, id: i64) -> Result<Vec<Part>> {
        let mut out = Vec::new();
        for r in pairing_parts::parts(db, org, id).await? {
            let school = orgs::get_org(db, r.org_id)
                .await?
                .map(|o| o.short_name)
                .unwrap_or_default();
            let pairs = pairing::sent(db, r.org_id, r.id).await?.len();
            let order = match r.order_id {
                Some(o) => orders::get(db, r.org_id, o).await?.map(|o| (o.number, o.signed_on)),
                None => None,
            };
            out.push(Part {
                school,
                state: r.state,
                pairs,
                order,
            });
        }
        out.sort_by(|a, b| a.school.cmp(&b.school));
        Ok(out)
    }

    /// Gives each mentee's school its part of a municipal round just sent: a round of the
    /// school, sent to its head with the pairs of its mentees.
    pub(crate) async fn send_parts(
        &self,
        tx: &mut storage::Tx,
        actor: &Actor,
        view: &crate::pairing::RoundView,
        pairs: Vec<pairing::SentPair>,
    ) -> Result<()> {
        let mut by_school: BTreeMap<i64, Vec<pairing::SentPair>> = BTreeMap::new();
        for p in pairs {
            let Some(&school) = view.schools.get(&p.mentee_id) else {
                return Err(crate::AppError::NotFound);
            };
            by_school.entry(school).or_default().push(p);
        }
        for (school, list) in by_school {
            let part = pairing_parts::insert_part(tx, (school, actor.user_id), &view.round, &list, self.now()).await?;
            self.audit(tx, actor, None, AuditEvent::PairingSend(part)).await?;
        }
        Ok(())
    }
}

/// The state a returned round takes: a school's part of a municipal round is declined
/// (the methodist's next round offers its mentees again), a school's own goes back to draft.
pub(crate) fn returned_state(round: &pairing::Round) -> RoundState {
    if round.origin_id.is_some() {
        RoundState::Returned
    } else {
        RoundState::Draft
    }
}
