//! Demo data: the tree of organizations.

use super::*;

pub(super) struct Tree {
    pub(super) region: OrgRow,
    pub(super) municipalities: Vec<OrgRow>,
    pub(super) schools: Vec<OrgRow>,
}

pub(super) const REGION_NAME: &str = "Министерство образования и науки Республики Татарстан";
pub(super) const REGION_SHORT: &str = "Республика Татарстан";

/// Municipal districts of the region, the demo one first.
#[rustfmt::skip]
pub(super) const DISTRICTS: [&str; 43] = [
    "Зеленодольский", "Агрызский", "Азнакаевский", "Аксубаевский", "Актанышский", "Алексеевский", "Алькеевский",
    "Альметьевский", "Апастовский", "Арский", "Атнинский", "Бавлинский", "Балтасинский", "Бугульминский",
    "Буинский", "Верхнеуслонский", "Высокогорский", "Дрожжановский", "Елабужский", "Заинский", "Кайбицкий",
    "Камско-Устьинский", "Кукморский", "Лаишевский", "Лениногорский", "Мамадышский", "Менделеевский",
    "Мензелинский", "Муслюмовский", "Нижнекамский", "Новошешминский", "Нурлатский", "Пестречинский",
    "Рыбно-Слободский", "Сабинский", "Сармановский", "Спасский", "Тетюшский", "Тукаевский", "Тюлячинский",
    "Черемшанский", "Чистопольский", "Ютазинский",
];

/// (full, short, the tail of a school's full name) of municipality `i`.
pub(super) fn municipality_names(i: usize) -> (String, String, String) {
    if let Some(adj) = DISTRICTS.get(i) {
        let genitive = format!("{}ого", adj.trim_end_matches("ий"));
        return (
            format!(
                "Муниципальное казённое учреждение «Управление образования Исполнительного комитета {genitive} \
                 муниципального района Республики Татарстан»"
            ),
            format!("{adj} муниципальный район"),
            format!("{genitive} муниципального района Республики Татарстан"),
        );
    }
    let (city, city_gen) = match i - DISTRICTS.len() {
        0 => ("Казань".to_string(), "города Казани".to_string()),
        1 => ("Набережные Челны".to_string(), "города Набережные Челны".to_string()),
        n => (
            format!("Учебный округ № {}", n - 1),
            format!("учебного округа № {}", n - 1),
        ),
    };
    (
        format!("Управление образования Исполнительного комитета {city_gen}"),
        if city.starts_with("Учебный") {
            city
        } else {
            format!("Город {city}")
        },
        format!("{city_gen} Республики Татарстан"),
    )
}

/// (full, short) of the school `local` (0-based) of municipality `mun`.
pub(super) fn school_names(mun: usize, local: usize, tail: &str) -> (String, String) {
    const MBOU: &str = "Муниципальное бюджетное общеобразовательное учреждение";
    let (kind, n) = match (mun, local) {
        (0, 0) => (0, 17),
        (0, 1) => (1, 5),
        (0, l) => (l % 7, l + 20),
        (_, l) => (l % 7, l + 1),
    };
    let (full, short) = match kind {
        1 => (format!("Гимназия № {n}"), format!("МБОУ «Гимназия № {n}»")),
        2 => (format!("Лицей № {n}"), format!("МБОУ «Лицей № {n}»")),
        3 => (
            format!("Средняя общеобразовательная школа № {n} с углублённым изучением отдельных предметов"),
            format!("МБОУ СОШ № {n} с УИОП"),
        ),
        _ => (
            format!("Средняя общеобразовательная школа № {n}"),
            format!("МБОУ СОШ № {n}"),
        ),
    };
    (format!("{MBOU} «{full}» {tail}"), short)
}

pub(super) async fn create_orgs(tx: &mut Tx, shape: &Shape, now: DateTime<Utc>) -> Result<Tree> {
    let id = orgs::create_org(tx, OrgKind::Region, REGION_NAME, REGION_SHORT, None, TIMEZONE, now).await?;
    let region = orgs::get_org(tx, id).await?.ok_or(AppError::NotFound)?;
    let mut tree = Tree {
        region,
        municipalities: Vec::new(),
        schools: Vec::new(),
    };
    for m in 0..shape.municipalities {
        let (full, short, tail) = municipality_names(m);
        let kind = OrgKind::Municipality;
        let id = orgs::create_org(tx, kind, &full, &short, Some(&tree.region), TIMEZONE, now).await?;
        let mun = orgs::get_org(tx, id).await?.ok_or(AppError::NotFound)?;
        // Schools spread evenly over the municipalities.
        let count = ((m + 1) * shape.schools).div_ceil(shape.municipalities)
            - (m * shape.schools).div_ceil(shape.municipalities);
        for local in 0..count {
            let (full, short) = school_names(m, local, &tail);
            let id = orgs::create_org(tx, OrgKind::School, &full, &short, Some(&mun), TIMEZONE, now).await?;
            tree.schools.push(OrgRow {
                id,
                kind: OrgKind::School,
                name: full,
                short_name: short,
                parent_id: Some(mun.id),
                region_id: mun.region_id,
                timezone: TIMEZONE.into(),
            });
        }
        tree.municipalities.push(mun);
    }
    Ok(tree)
}
