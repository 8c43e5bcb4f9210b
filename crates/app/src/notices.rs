//! Notices of approved pairs (R4.5: the participants informed), written to the outbox in
//! the approving transaction: to the mentor, to the mentee, and to a minor mentee's
//! guardians, whoever has an e-mail address. The texts are the locale files' (`mail-…`),
//! rendered by the sender; a row holds only its kind, the address and the names it needs.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use storage::repo::{outbox, persons};

use crate::Result;
use crate::pairing::Side;

/// Writes the notices of one approved pair or group.
pub(crate) async fn pair_approved(
    db: &mut impl storage::Db,
    (org, school, mentor_org): (i64, &str, i64),
    (mentor, mentees): (&Side, &[&Side]),
    (since, today): (NaiveDate, NaiveDate),
    now: DateTime<Utc>,
) -> Result<()> {
    let date = since.format("%d.%m.%Y").to_string();
    let names: Vec<&str> = mentees.iter().map(|m| m.name.as_str()).collect();
    let write = async |db: &mut _, kind: &str, to: Option<String>, args: serde_json::Value| -> Result<()> {
        let Some(to) = to.filter(|t| t.contains('@')) else {
            return Ok(());
        };
        let args = args.to_string();
        let mail = outbox::NewMail {
            kind,
            recipient: &to,
            args: &args,
            not_before: now,
        };
        outbox::enqueue(db, org, &mail, now).await?;
        Ok(())
    };
    let person =
        async |db: &mut _, id: i64| -> Result<Option<persons::PersonRow>> { Ok(persons::get(db, org, id).await?) };
    // A mentor of another school of the municipality (a municipal virtual pair) is read there.
    if let Some(p) = persons::get(db, mentor_org, mentor.person).await? {
        let args = json!({ "name": mentor.name, "school": school, "mentees": names.join(", "), "count": names.len(), "date": date });
        write(db, "pair-mentor", p.email, args).await?;
    }
    for m in mentees {
        let Some(p) = person(db, m.person).await? else { continue };
        let args = json!({ "name": m.name, "school": school, "mentor": mentor.name, "date": date });
        write(db, "pair-mentee", p.email.clone(), args).await?;
        if domain::age::is_minor_if_known(p.birth_date, today) {
            for g in persons::guardians_of(db, org, m.person).await? {
                let Some(gp) = person(db, g.person_id).await? else {
                    continue;
                };
                let guardian = Side::of_person(&gp).name;
                let args =
                    json!({ "name": guardian, "school": school, "child": m.name, "mentor": mentor.name, "date": date });
                write(db, "pair-guardian", gp.email, args).await?;
            }
        }
    }
    Ok(())
}

/// Attempts of one mail before it is left with its last error.
const MAX_ATTEMPTS: i64 = 8;
/// A claim older than this belongs to a worker that stopped: its mails are claimed again.
const LEASE_SECONDS: i64 = 120;

impl crate::App {
    /// Claims up to `limit` due mails for the sending worker `worker`.
    pub async fn claim_mails(&self, worker: &str, limit: i64) -> Result<Vec<outbox::Mail>> {
        let now = self.now();
        let lease_from = now - chrono::Duration::seconds(LEASE_SECONDS);
        let mut tx = self.store.begin().await?;
        let mails = outbox::claim(&mut tx, worker, (now, lease_from), MAX_ATTEMPTS, limit).await?;
        tx.commit().await?;
        Ok(mails)
    }

    /// Records a mail as sent by `worker`.
    pub async fn mail_sent(&self, id: i64, worker: &str) -> Result<bool> {
        let mut tx = self.store.begin().await?;
        let done = outbox::mark_sent(&mut tx, id, worker, self.now()).await?;
        tx.commit().await?;
        Ok(done)
    }

    /// Gives a mail back after a failed attempt: tried again after a delay that doubles
    /// with each attempt (1 min, 2 min, 4 min …).
    pub async fn mail_failed(&self, mail: &outbox::Mail, worker: &str, error: &str) -> Result<()> {
        let delay = chrono::Duration::minutes(1 << mail.attempts.clamp(1, 8).saturating_sub(1));
        let mut tx = self.store.begin().await?;
        outbox::mark_failed(&mut tx, mail.id, worker, error, self.now() + delay).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A school's mails: (sent, waiting).
    pub async fn mail_counts(&self, org: i64) -> Result<(i64, i64)> {
        let mut conn = self.store.read().await?;
        Ok(outbox::counts(&mut conn, org).await?)
    }
}
