//! Demo data: writing.

use storage::repo::{consents, persons};
use storage::{NewConsent, NewGuardianship, PersonFields, PersonPlace};

use super::*;

pub(super) const DISSEMINATION_PURPOSE: &str =
    "размещение сведений об участии в программе наставничества на официальном сайте образовательной организации";

/// A generated school and its participants as rows of `persons`, validated.
pub(super) struct Prepared {
    pub(super) school: School,
    pub(super) rows: Vec<(PersonPlace, PersonFields<'static>)>,
}

impl School {
    /// Validates every participant with the rules of the forms and turns them into rows; a name
    /// and birth date repeated in the school (the identity index) moves the birth date a day earlier.
    pub(super) fn prepare(self, ctx: Ctx, region: i64) -> Result<Prepared> {
        let mut seen = HashSet::new();
        let mut rows = Vec::with_capacity(self.people.len());
        for d in &self.people {
            let mut p = d
                .validate(ctx.today)
                .map_err(|e| AppError::Internal(format!("demo participant {} {}: {e}", d.last_name, d.first_name)))?;
            let key = p.name.search_key();
            while let Some(birth) = p.birth_date
                && !seen.insert((key.clone(), birth))
            {
                p.birth_date = Some(birth - Days::new(1));
            }
            let details = serde_json::to_string(&p.category).map_err(|e| AppError::Internal(e.to_string()))?;
            let grade = match &p.category {
                Category::Student { grade, .. } => Some(i64::from(*grade)),
                _ => None,
            };
            let place = PersonPlace {
                org_id: self.org,
                region_id: region,
            };
            rows.push((
                place,
                PersonFields {
                    last_name: p.name.last().to_string().into(),
                    first_name: p.name.first().to_string().into(),
                    patronymic: p.name.patronymic().map(|x| x.to_string().into()),
                    search_key: key.into(),
                    birth_date: p.birth_date,
                    category: p.category.kind(),
                    details: details.into(),
                    grade,
                    place: p.category.place().into(),
                    phone: p.contacts.phone.map(Into::into),
                    email: p.contacts.email.map(Into::into),
                    age_exception: p.age_exception,
                },
            ));
        }
        Ok(Prepared { school: self, rows })
    }
}

/// Inserts the participants, guardian links and consents of some schools; returns each
/// school with the ids of its people.
pub(super) async fn write_batch(
    tx: &mut Tx,
    batch: Vec<Prepared>,
    now: DateTime<Utc>,
) -> Result<Vec<(School, Vec<i64>)>> {
    let mut rows = Vec::new();
    let mut schools = Vec::with_capacity(batch.len());
    for p in batch {
        rows.extend(p.rows);
        schools.push(p.school);
    }
    let all = persons::insert_many(tx, rows, now).await?;
    let mut rest = all.as_slice();
    let mut out = Vec::with_capacity(schools.len());
    for school in schools {
        let (ids, tail) = rest.split_at(school.people.len());
        rest = tail;
        out.push((school, ids.to_vec()));
    }

    let mut links = Vec::new();
    let mut consents = Vec::new();
    for (school, ids) in &out {
        for l in &school.links {
            links.push(NewGuardianship {
                org_id: school.org,
                minor_id: ids[l.minor],
                guardian_id: ids[l.guardian],
                relation: l.relation.into(),
                authority_doc: l.doc.as_str().into(),
            });
        }
        for (n, c) in school.consents.iter().enumerate() {
            let link = c.link.map(|l| &school.links[l]);
            let purpose = match c.kind {
                ConsentKind::Processing => DEFAULT_PURPOSE,
                ConsentKind::Dissemination => DISSEMINATION_PURPOSE,
            };
            let consent = NewConsent {
                person_id: ids[c.person],
                kind: c.kind,
                guardian_id: link.map(|l| ids[l.guardian]),
                authority_doc: link.map(|l| l.doc.as_str().into()),
                purpose: purpose.into(),
                given_on: c.given_on,
                document_ref: format!("№ {} от {}", n + 1, c.given_on.format("%d.%m.%Y")).into(),
                recorded_by: None,
            };
            consents.push((school.org, consent));
        }
    }
    persons::link_many(tx, links, now).await?;
    consents::insert_many(tx, consents, now).await?;
    Ok(out)
}
