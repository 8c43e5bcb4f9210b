//! From a proposal to the head's order (R4.5, R2.2): the curator sends the proposal; the
//! head sees it with each person's consent and approves it. Approval re-checks every
//! consent in the same transaction and refuses naming each person and what is missing;
//! otherwise it takes the next number of the school's register of orders, makes the order
//! «Об утверждении наставнических пар/групп» (DOCX and PDF), writes the pairs and groups
//! active from the order's date and moves the base entries to «в паре» with the other
//! side's names.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use domain::base::{BaseKind, Form, Labelled};
use domain::pairing::{Decision, RoundState};
use domain::{AcademicYear, AuditEvent, ConsentStatus, Permission, Violation, Violations};
use storage::repo::{bases, orders, orgs, pairing, persons, users};

use crate::pairing::Side;
use crate::{Actor, App, AppError, Result};

/// The kind of the order in the register and the documents engine.
const ORDER_KIND: &str = "order_pairs";

/// A pair of a sent proposal with both sides' consent as it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct SentRow {
    /// The mentor.
    pub mentor: Side,
    /// The mentor's school (another school of the municipality in a municipal round's part).
    pub mentor_org: i64,
    /// The mentor's processing consent.
    pub mentor_consent: ConsentStatus,
    /// A teacher mentor's consent to the added duties in force (`None`: not a teacher).
    pub mentor_duties: Option<bool>,
    /// The mentee.
    pub mentee: Side,
    /// The mentee's processing consent (a guardian's for a minor).
    pub mentee_consent: ConsentStatus,
    /// Form of mentoring.
    pub form: &'static str,
    /// Score at sending.
    pub score: i64,
}

/// What an order says besides its pairs.
#[derive(Debug, Clone, PartialEq)]
struct OrderFacts {
    org: storage::OrgRow,
    number: i64,
    today: NaiveDate,
    head: String,
    curator: String,
    year: AcademicYear,
}

/// Refuses an approval while any side of a sent pair lacks its consent in force (a
/// teacher mentor also the consent to the added duties), naming each person once.
fn refuse_missing(rows: &[SentRow]) -> Result<()> {
    let mut missing = Violations::default();
    let mut named = std::collections::HashSet::new();
    for r in rows {
        for (who, status) in [(&r.mentee, r.mentee_consent), (&r.mentor, r.mentor_consent)] {
            if status != ConsentStatus::Valid && named.insert(who.person) {
                missing.push(
                    Violation::new("consent", "err-pairing-approve-consent")
                        .arg("name", who.name.clone())
                        .arg("status", status.code()),
                );
            }
        }
    }
    for r in rows {
        if r.mentor_duties == Some(false) && named.insert(r.mentor.person) {
            missing.push(Violation::new("consent", "err-pairing-approve-duties").arg("name", r.mentor.name.clone()));
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing.into())
    }
}

/// The order «Об утверждении наставнических пар/групп» as DOCX and PDF.
fn render_order(f: &OrderFacts, rows: &[SentRow]) -> Result<(Vec<u8>, Vec<u8>)> {
    let mut groups: BTreeMap<i64, Vec<&SentRow>> = BTreeMap::new();
    for r in rows {
        groups.entry(r.mentor.person).or_default().push(r);
    }
    let json = order_json(&f.org, (f.number, f.today), (&f.head, &f.curator), &groups, f.year);
    let bytes = serde_json::to_vec(&json).map_err(|e| AppError::Internal(e.to_string()))?;
    let render =
        |format| documents::render(ORDER_KIND, &bytes, format, None).map_err(|e| AppError::Internal(e.to_string()));
    Ok((render(documents::Format::Docx)?, render(documents::Format::Pdf)?))
}

/// An order of the register, for a link.
#[derive(Debug, Clone)]
pub struct OrderLink {
    /// Id (the download's path).
    pub id: i64,
    /// «12».
    pub number: i64,
    /// Signed on.
    pub signed_on: NaiveDate,
}

impl App {
    /// The proposal a round was sent with, with each side's consent today, and its order.
    pub(crate) async fn sent_rows(
        &self,
        db: &mut impl storage::Db,
        org: i64,
        round: &pairing::Round,
    ) -> Result<(Vec<SentRow>, Option<OrderLink>)> {
        // Both sides have entries in the round's year: two reads give every name and each
        // consent by the one consent rule.
        let today = self.today_for(db, org).await?;
        let mut people: HashMap<i64, (Side, ConsentStatus, bool, i64)> = HashMap::new();
        for base in [BaseKind::Mentors, BaseKind::Mentees] {
            let filter = storage::EntryFilter {
                org_ids: vec![org],
                start_year: round.start_year,
                base: base.code().into(),
                sort: "name".into(),
                today,
                ..Default::default()
            };
            for e in bases::list(db, &filter).await? {
                let teacher = e.person_category == domain::CategoryKind::Teacher;
                people.insert(e.person_id, (Side::of_entry(&e), e.consent, teacher, org));
            }
        }
        let mut duties = storage::repo::duties::in_force(db, org, today).await?;
        // Each other school's duties consents are read once, whatever the number of its mentors.
        let mut duties_read = std::collections::HashSet::from([org]);
        let mut rows = Vec::new();
        for p in pairing::sent(db, org, round.id).await? {
            for id in [p.mentor_id, p.mentee_id] {
                let std::collections::hash_map::Entry::Vacant(slot) = people.entry(id) else {
                    continue;
                };
                // An entry taken out of the base since: the person, without a consent in force.
                if let Some(row) = persons::get(db, org, id).await? {
                    let teacher = row.category == domain::CategoryKind::Teacher;
                    slot.insert((Side::of_person(&row), ConsentStatus::Missing, teacher, org));
                    continue;
                }
                // A mentor of another school of the municipality (a municipal round's part):
                // that school's consent and duties by the same rules.
                if round.origin_id.is_none() {
                    return Err(AppError::NotFound);
                }
                let (row, school) = crate::pairing::person_near(db, org, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let consent = persons::consent_status(db, row.org_id, id, today)
                    .await?
                    .unwrap_or(ConsentStatus::Missing);
                if duties_read.insert(row.org_id) {
                    duties.extend(storage::repo::duties::in_force(db, row.org_id, today).await?);
                }
                let teacher = row.category == domain::CategoryKind::Teacher;
                let side = Side::of_person(&row).with_school(school.as_deref());
                slot.insert((side, consent, teacher, row.org_id));
            }
            let (mentor, mentor_consent, teacher, mentor_org) = people[&p.mentor_id].clone();
            let (mentee, mentee_consent, _, _) = people[&p.mentee_id].clone();
            rows.push(SentRow {
                mentor_duties: teacher.then(|| duties.contains(&p.mentor_id)),
                mentor_org,
                mentor,
                mentor_consent,
                mentee,
                mentee_consent,
                form: p.form.as_deref().and_then(Form::from_code).map_or("", |f| f.label()),
                score: p.score,
            });
        }
        rows.sort_by(|a, b| (&a.mentor.name, &a.mentee.name).cmp(&(&b.mentor.name, &b.mentee.name)));
        let order = match round.order_id {
            Some(id) => orders::get(db, org, id).await?.map(|o| OrderLink {
                id: o.id,
                number: o.number,
                signed_on: o.signed_on,
            }),
            None => None,
        };
        Ok((rows, order))
    }

    /// Sends the round's proposal, as the page shows it at `version`, to the head.
    pub async fn send_round(&self, actor: &Actor, (id, version): (i64, i64)) -> Result<()> {
        actor.require(Permission::MatchPairs)?;
        let view = self.pairing_round(actor, id).await?;
        if view.round.version != version {
            return Err(Violation::new("round", "err-pairing-changed").into());
        }
        if view.groups.is_empty() {
            return Err(Violation::new("round", "err-pairing-empty").into());
        }
        if let Some(d) = view
            .decisions
            .iter()
            .find(|d| d.broken.is_some() && d.kind == Decision::Pin)
        {
            return Err(Violation::new("round", "err-pairing-broken-pin")
                .arg("mentee", d.mentee.name.clone())
                .into());
        }
        let pairs: Vec<pairing::SentPair> = view
            .groups
            .iter()
            .flat_map(|g| {
                g.mentees.iter().map(|m| pairing::SentPair {
                    mentor_id: g.mentor.person,
                    mentee_id: m.who.person,
                    form: m.form.map(|f| f.code().to_string()),
                    score: i64::from(m.score),
                })
            })
            .collect();
        let mut tx = self.store.begin().await?;
        if !pairing::send(&mut tx, (actor.org_id, id, version), &pairs, self.now()).await? {
            return Err(Violation::new("round", "err-pairing-changed").into());
        }
        self.audit(&mut tx, actor, None, AuditEvent::PairingSend(id)).await?;
        if view.municipal {
            self.send_parts(&mut tx, actor, &view, pairs).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Takes a sent round back to the draft (the curator recalls it, or the head returns it).
    pub async fn return_round(&self, actor: &Actor, id: i64) -> Result<()> {
        if !actor.role.allows(Permission::MatchPairs) {
            actor.require(Permission::ApprovePairs)?;
        }
        let mut tx = self.store.begin().await?;
        let round = pairing::get(&mut tx, actor.org_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        // A municipal round sent is in the schools' hands: each head decides on their part,
        // and only the head declines a part.
        if round.state == RoundState::Sent && crate::pairing::municipal(&mut tx, actor.org_id).await? {
            return Err(Violation::new("round", "err-pairing-parts-sent").into());
        }
        if round.origin_id.is_some() {
            actor.require(Permission::ApprovePairs)?;
        }
        let to = crate::pairing_municipal::returned_state(&round);
        if !pairing::move_state(&mut tx, (actor.org_id, id), (RoundState::Sent, to), self.now()).await? {
            return Err(Violation::new("round", "err-pairing-not-sent").into());
        }
        self.audit(&mut tx, actor, None, AuditEvent::PairingReturn(id)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The head approves a sent round: every consent is checked again, then the order is
    /// numbered, made and stored, the pairs and groups written and the bases updated, all
    /// in one transaction. Returns the order's id.
    pub async fn approve_round(&self, actor: &Actor, id: i64) -> Result<i64> {
        actor.require(Permission::ApprovePairs)?;
        // The order is drawn up before the write transaction: its DOCX and PDF take most of
        // the time, and other writers (SQLite has one) should not wait for them. Inside, the
        // consents are checked again and the number taken; a draft whose number, day or
        // names no longer hold is drawn up again there.
        let draft = {
            let mut conn = self.store.read().await?;
            let round = crate::pairing::round_in(&mut conn, actor.org_id, id, RoundState::Sent).await?;
            let (rows, _) = self.sent_rows(&mut conn, actor.org_id, &round).await?;
            refuse_missing(&rows)?;
            let prepared = self.order_facts(&mut conn, actor, &round).await?;
            let files = render_order(&prepared, &rows)?;
            (rows, prepared, files)
        };
        let mut tx = self.store.begin().await?;
        let round = crate::pairing::round_in(&mut tx, actor.org_id, id, RoundState::Sent).await?;
        // The round is claimed first: a second approval at the same moment waits here for
        // the first to finish and then finds the round approved — one order, no pair twice.
        let claimed = (RoundState::Sent, RoundState::Approved);
        if !pairing::move_state(&mut tx, (actor.org_id, id), claimed, self.now()).await? {
            return Err(Violation::new("round", "err-pairing-not-sent").into());
        }
        let (rows, _) = self.sent_rows(&mut tx, actor.org_id, &round).await?;
        refuse_missing(&rows)?;
        // Another round approved since this one was sent may have paired a mentee already,
        // or taken the places of a mentor.
        crate::pairing_recheck::refuse_paired(&mut tx, actor.org_id, &rows).await?;
        let today = self.today_for(&mut tx, actor.org_id).await?;
        crate::pairing_recheck::refuse_full(&mut tx, &rows, (round.start_year, today)).await?;
        let facts = self.order_facts(&mut tx, actor, &round).await?;
        let (docx, pdf) = if rows == draft.0 && facts == draft.1 {
            draft.2
        } else {
            render_order(&facts, &rows)?
        };
        let OrderFacts { org, number, today, .. } = facts;
        let mut groups: BTreeMap<i64, Vec<&SentRow>> = BTreeMap::new();
        for r in &rows {
            groups.entry(r.mentor.person).or_default().push(r);
        }
        let order = orders::insert(
            &mut tx,
            (actor.org_id, actor.user_id),
            &orders::NewOrder {
                number,
                signed_on: today,
                kind: ORDER_KIND,
                docx: &docx,
                pdf: &pdf,
            },
            self.now(),
        )
        .await?;
        pairing::set_order(&mut tx, (actor.org_id, id), order).await?;
        let forms: HashMap<i64, String> = pairing::sent(&mut tx, actor.org_id, id)
            .await?
            .into_iter()
            .filter_map(|p| p.form.map(|f| (p.mentee_id, f)))
            .collect();
        for (mentor, list) in &groups {
            let mentees: Vec<i64> = list.iter().map(|r| r.mentee.person).collect();
            let pair = storage::repo::pairing::NewPair {
                round: id,
                order,
                mentor: *mentor,
                mentees: &mentees,
                form: forms.get(&mentees[0]).map(String::as_str),
                started_on: today,
            };
            pairing::insert_pair(&mut tx, actor.org_id, &pair, self.now()).await?;
            for r in list {
                let at = (actor.org_id, round.start_year, BaseKind::Mentees.code());
                bases::set_paired(&mut tx, at, r.mentee.person, &r.mentor.name, self.now()).await?;
            }
            let mentees: Vec<&Side> = list.iter().map(|r| &r.mentee).collect();
            crate::notices::pair_approved(
                &mut tx,
                (actor.org_id, &org.short_name, list[0].mentor_org),
                (&list[0].mentor, &mentees),
                (today, today),
                self.now(),
            )
            .await?;
        }
        self.name_mentors(&mut tx, actor.org_id, &round, &rows).await?;
        self.audit(&mut tx, actor, None, AuditEvent::PairingApprove(id)).await?;
        tx.commit().await?;
        Ok(order)
    }

    /// A mentor's entry names every mentee of their active pairs and groups: a group filled
    /// up over several orders keeps the names of the earlier ones; a mentee of another
    /// school (a municipal virtual pair) by first name and initial, with the school.
    async fn name_mentors(
        &self,
        db: &mut impl storage::Db,
        org: i64,
        round: &pairing::Round,
        rows: &[SentRow],
    ) -> Result<()> {
        let mentor_org: HashMap<i64, i64> = rows.iter().map(|r| (r.mentor.person, r.mentor_org)).collect();
        let mut schools: HashMap<i64, String> = HashMap::new();
        let mut named: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for (mentor, pair_org, m) in storage::repo::pairing_parts::mentees_of_sent_mentors(db, org, round.id).await? {
            let home = mentor_org.get(&mentor).copied().unwrap_or(org);
            let name = if pair_org == home {
                crate::bases::person_name(&m.last_name, &m.first_name, m.patronymic.as_deref())
            } else {
                if let std::collections::hash_map::Entry::Vacant(slot) = schools.entry(pair_org) {
                    let school = orgs::get_org(db, pair_org).await?.map(|o| o.short_name);
                    slot.insert(school.unwrap_or_default());
                }
                let short = crate::questionnaire::short_name(&m.last_name, &m.first_name);
                format!("{short} ({})", schools[&pair_org])
            };
            named.entry(mentor).or_default().push(name);
        }
        for (mentor, names) in named {
            let home = mentor_org.get(&mentor).copied().unwrap_or(org);
            let at = (home, round.start_year, BaseKind::Mentors.code());
            bases::set_paired(db, at, mentor, &names.join(", "), self.now()).await?;
        }
        Ok(())
    }

    /// What the order of a round says besides its pairs: the school, the next number of
    /// the register, the day, who signs and who follows the programs.
    async fn order_facts(
        &self,
        db: &mut impl storage::Db,
        actor: &Actor,
        round: &pairing::Round,
    ) -> Result<OrderFacts> {
        let org = orgs::get_org(db, actor.org_id).await?.ok_or(AppError::NotFound)?;
        let today = crate::today_in(&org.timezone, self.now());
        let number = orders::next_number(db, actor.org_id, i64::from(today.year())).await?;
        // A municipal round's part was started by the methodist: the school's curator
        // follows its pairs (the head, if the school has no curator's account).
        let curator = match round.created_by {
            Some(u) if round.origin_id.is_none() => users::get_user(db, u).await?.map(|u| u.display_name),
            _ => users::first_holder(db, actor.org_id, domain::Role::Curator.code()).await?,
        }
        .unwrap_or_else(|| actor.name.clone());
        Ok(OrderFacts {
            org,
            number,
            today,
            head: actor.name.clone(),
            curator,
            year: AcademicYear::starting(round.start_year as i32),
        })
    }

    /// The DOCX (`pdf` false) or PDF of an order of the school, with its file name.
    pub async fn order_file(&self, actor: &Actor, id: i64, pdf: bool) -> Result<(String, Vec<u8>)> {
        actor.require(Permission::ViewPairing)?;
        let mut conn = self.store.read().await?;
        let o = orders::get(&mut conn, actor.org_id, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let bytes = orders::file(&mut conn, actor.org_id, id, pdf)
            .await?
            .ok_or(AppError::NotFound)?;
        let ext = if pdf { "pdf" } else { "docx" };
        Ok((
            format!("prikaz-{}-{}.{ext}", o.number, o.signed_on.format("%Y-%m-%d")),
            bytes,
        ))
    }
}

/// The order's view model for the documents engine (`documents::kinds::orders::Pairs`).
fn order_json(
    org: &storage::OrgRow,
    (number, date): (i64, NaiveDate),
    (head, curator): (&str, &str),
    groups: &BTreeMap<i64, Vec<&SentRow>>,
    year: AcademicYear,
) -> serde_json::Value {
    use serde_json::json;
    let person = |s: &Side| json!({ "full_name": s.name, "position": if s.place.is_empty() { None } else { Some(s.place.clone()) } });
    let pairs: Vec<serde_json::Value> = groups
        .values()
        .map(|list| {
            // A mentor of another school: a municipal round's virtual pair (R3.4).
            let kind = if list.len() > 1 {
                "наставничество в группе"
            } else if list[0].mentor_org != org.id {
                "виртуальное (дистанционное) наставничество"
            } else {
                "традиционная форма наставничества"
            };
            json!({
                "mentor": person(&list[0].mentor),
                "mentees": list.iter().map(|r| person(&r.mentee)).collect::<Vec<_>>(),
                "form": list[0].form,
                "kind": kind,
                "start": date,
                "end": year.ends_on().with_month(5).and_then(|d| d.with_day(31)).unwrap_or(year.ends_on()),
            })
        })
        .collect();
    json!({
        "order": {
            "organization": { "full_name": org.name, "short_name": org.short_name },
            "number": number.to_string(),
            "date": date,
            "basis": [
                "распоряжения Минпросвещения России от 25.12.2019 № Р-145 «Об утверждении методологии (целевой модели) наставничества обучающихся для организаций, осуществляющих образовательную деятельность по общеобразовательным, дополнительным общеобразовательным и программам среднего профессионального образования, в том числе с применением лучших практик обмена опытом между обучающимися»",
            ],
            "purpose": format!("в целях реализации целевой модели наставничества в {} в {} учебном году", org.short_name, year.title()),
            "head": { "position": "Директор", "person": { "full_name": head } },
            "acquaintance": [ { "full_name": curator } ],
        },
        "pairs": pairs,
        "curator": { "full_name": curator },
        "programs_deadline": date + chrono::Days::new(14),
    })
}
