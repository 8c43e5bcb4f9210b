//! Demo data: writing.

use super::*;

#[rustfmt::skip]
pub(super) const PERSON_COLS: [&str; 16] = [
    "org_id", "region_id", "last_name", "first_name", "patronymic", "search_key", "birth_date", "category",
    "details", "grade", "place", "phone", "email", "age_exception", "created_at", "updated_at",
];
pub(super) const LINK_COLS: [&str; 6] = [
    "org_id",
    "minor_id",
    "guardian_id",
    "relation",
    "authority_doc",
    "created_at",
];
pub(super) const CONSENT_COLS: [&str; 9] = [
    "org_id",
    "person_id",
    "kind",
    "guardian_id",
    "authority_doc",
    "purpose",
    "given_on",
    "document_ref",
    "created_at",
];
pub(super) const DISSEMINATION_PURPOSE: &str =
    "размещение сведений об участии в программе наставничества на официальном сайте образовательной организации";

/// A generated school and its participants as rows of `persons`, validated.
pub(super) struct Prepared {
    pub(super) school: School,
    pub(super) rows: Vec<Vec<Value>>,
}

impl School {
    /// Validates every participant with the rules of the forms and turns them into rows; a name
    /// and birth date repeated in the school (the identity index) moves the birth date a day earlier.
    pub(super) fn prepare(self, ctx: Ctx, region: i64, now: DateTime<Utc>) -> Result<Prepared> {
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
            rows.push(vec![
                Value::Int(Some(self.org)),
                Value::Int(Some(region)),
                Value::Text(Some(p.name.last().to_string())),
                Value::Text(Some(p.name.first().to_string())),
                Value::Text(p.name.patronymic().map(str::to_string)),
                Value::Text(Some(key)),
                Value::Date(Some(p.birth_date.unwrap_or(storage::persons::UNKNOWN_BIRTH))),
                Value::Text(Some(p.category.kind().code().to_string())),
                Value::Text(Some(details)),
                Value::Int(grade),
                Value::Text(Some(p.category.place())),
                Value::Text(p.contacts.phone),
                Value::Text(p.contacts.email),
                Value::Bool(p.age_exception),
                Value::Time(now),
                Value::Time(now),
            ]);
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
    let all = bulk::insert_rows(tx, "persons", &PERSON_COLS, rows).await?;
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
        let org = Value::Int(Some(school.org));
        for l in &school.links {
            links.push(vec![
                org.clone(),
                Value::Int(Some(ids[l.minor])),
                Value::Int(Some(ids[l.guardian])),
                Value::Text(Some(l.relation.to_string())),
                Value::Text(Some(l.doc.clone())),
                Value::Time(now),
            ]);
        }
        for (n, c) in school.consents.iter().enumerate() {
            let link = c.link.map(|l| &school.links[l]);
            let purpose = match c.kind {
                ConsentKind::Processing => DEFAULT_PURPOSE,
                ConsentKind::Dissemination => DISSEMINATION_PURPOSE,
            };
            consents.push(vec![
                org.clone(),
                Value::Int(Some(ids[c.person])),
                Value::Text(Some(c.kind.code().to_string())),
                Value::Int(link.map(|l| ids[l.guardian])),
                Value::Text(link.map(|l| l.doc.clone())),
                Value::Text(Some(purpose.to_string())),
                Value::Date(Some(c.given_on)),
                Value::Text(Some(format!("№ {} от {}", n + 1, c.given_on.format("%d.%m.%Y")))),
                Value::Time(now),
            ]);
        }
    }
    bulk::insert_rows(tx, "guardianships", &LINK_COLS, links).await?;
    bulk::insert_rows(tx, "consents", &CONSENT_COLS, consents).await?;
    Ok(out)
}
