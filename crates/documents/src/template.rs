//! A school's own DOCX blank, filled by placeholders such as `{{приказ.номер}}`.
//!
//! Word splits typed text into runs at will (spell-check, edits, formatting), so a
//! placeholder may arrive as `{{при` + `каз.но` + `мер}}`; the filler joins the text of each
//! paragraph, replaces whole placeholders and puts each value into the run where its
//! placeholder began, keeping that run's formatting. A table row whose placeholders name a
//! list (`{{пары.наставник}}`) is repeated once per item.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};

use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use zip::write::SimpleFileOptions;

use crate::DocumentError;
use crate::fields::Fields;
use crate::zipguard::{self, Archive, Limits, Problem};

/// Limits that keep a hostile blank (a zip bomb) from exhausting the machine.
const MAX_BLANK_BYTES: usize = 20 * 1024 * 1024;
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
const LIMITS: Limits = Limits {
    max_entries: 2_000,
    max_entry: MAX_PART_BYTES,
    max_total: 200 * 1024 * 1024,
    max_ratio: 200,
    ratio_from: 1024 * 1024,
};
const BOMB: &str = "архив бланка распаковывается в слишком большой объём (похоже на zip-бомбу); бланк не принят";
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn bad(msg: impl Into<String>) -> DocumentError {
    DocumentError::Template(msg.into())
}

/// Fills `blank` (the bytes of a .docx) with `fields`; a new DOCX, or a message naming
/// what is wrong with the blank or which placeholder is unknown.
pub fn fill(blank: &[u8], fields: &Fields) -> Result<Vec<u8>, DocumentError> {
    if blank.len() > MAX_BLANK_BYTES {
        return Err(bad("файл бланка больше 20 МБ; уберите из него крупные рисунки"));
    }
    if blank.starts_with(&CFB_MAGIC) {
        return Err(bad(
            "файл защищён паролем или сохранён в старом формате .doc; снимите пароль и сохраните бланк в Word как «Документ Word (.docx)»",
        ));
    }
    if !blank.starts_with(b"PK\x03\x04") {
        return Err(bad(
            "это не файл DOCX; сохраните бланк в Word как «Документ Word (.docx)»",
        ));
    }
    let mut zip = zipguard::open(blank, &LIMITS).map_err(|p| match p {
        Problem::NotAnArchive => bad("файл DOCX повреждён (архив не читается); откройте его в Word и сохраните заново"),
        Problem::TooManyEntries => bad("в архиве бланка слишком много частей; это не похоже на документ Word"),
        Problem::TooLarge => bad(BOMB),
        _ => bad("файл DOCX повреждён; сохраните его заново"),
    })?;
    let types = read_part(&mut zip, "[Content_Types].xml")?
        .ok_or_else(|| bad("в файле нет описания частей [Content_Types].xml; это не документ Word"))?;
    let types = String::from_utf8_lossy(&types);
    if types.contains("spreadsheetml") || types.contains("ms-excel") {
        return Err(bad("это книга Excel, а не документ Word; нужен бланк .docx"));
    }
    if types.contains("macroEnabled") || types.contains("vbaProject") {
        return Err(bad(
            "бланк содержит макросы (.docm); сохраните его как «Документ Word (.docx)» без макросов",
        ));
    }
    if !types.contains("wordprocessingml.document.main+xml") && !types.contains("wordprocessingml.template.main+xml") {
        return Err(bad("это не документ Word; нужен бланк .docx"));
    }
    let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
    if !names.iter().any(|n| n == "word/document.xml") {
        return Err(bad(
            "в файле нет основной части word/document.xml; сохраните бланк в Word заново",
        ));
    }
    let mut unknown = Vec::new();
    let mut filled = BTreeMap::new();
    for name in names.iter().filter(|n| is_text_part(n)) {
        let xml = read_part(&mut zip, name)?.unwrap_or_default();
        filled.insert(name.clone(), fill_part(&xml, fields, &mut unknown)?);
    }
    if !unknown.is_empty() {
        unknown.sort();
        unknown.dedup();
        let list = unknown
            .iter()
            .map(|u| format!("{{{{{u}}}}}"))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(bad(format!(
            "в бланке есть неизвестные поля: {list}. Исправьте их; доступные поля: {}",
            fields
                .names()
                .iter()
                .map(|n| format!("{{{{{n}}}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(blank.len() + 4096)));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (i, name) in names.iter().enumerate() {
        let werr = |e: zip::result::ZipError| DocumentError::Write(format!("DOCX: {e}"));
        match filled.remove(name) {
            Some(xml) => {
                out.start_file(name, options).map_err(werr)?;
                out.write_all(&xml).map_err(|e| DocumentError::Write(e.to_string()))?;
            }
            None => {
                let f = zip
                    .by_index_raw(i)
                    .map_err(|_| bad("файл DOCX повреждён; сохраните его заново"))?;
                out.raw_copy_file(f).map_err(werr)?;
            }
        }
    }
    Ok(out
        .finish()
        .map_err(|e| DocumentError::Write(e.to_string()))?
        .into_inner())
}

fn is_text_part(name: &str) -> bool {
    name == "word/document.xml"
        || (name.starts_with("word/header") || name.starts_with("word/footer")) && name.ends_with(".xml")
}

fn read_part(zip: &mut Archive, name: &str) -> Result<Option<Vec<u8>>, DocumentError> {
    zipguard::read_part(zip, name, MAX_PART_BYTES).map_err(|p| match p {
        Problem::Encrypted | Problem::Unsupported => {
            bad("часть бланка зашифрована или сжата неизвестным способом; сохраните бланк в Word без пароля")
        }
        Problem::Damaged => bad(format!("часть {name} повреждена; сохраните бланк в Word заново")),
        Problem::TooLarge => bad(BOMB),
        _ => bad(format!("часть {name} не читается; сохраните бланк в Word заново")),
    })
}

type Events = Vec<Event<'static>>;

fn fill_part(xml: &[u8], fields: &Fields, unknown: &mut Vec<String>) -> Result<Vec<u8>, DocumentError> {
    let mut reader = Reader::from_reader(xml);
    let mut events: Events = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(e) => events.push(e.into_owned()),
            Err(_) => {
                return Err(bad(
                    "текст бланка повреждён (ошибка XML); откройте бланк в Word и сохраните заново",
                ));
            }
        }
    }
    let events = expand_rows(events, fields, unknown)?;
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + 1024));
    for e in events {
        writer.write_event(e).map_err(|e| DocumentError::Write(e.to_string()))?;
    }
    Ok(writer.into_inner())
}

fn is(e: &BytesStart, name: &[u8]) -> bool {
    e.name().as_ref() == name
}

/// Fills every paragraph once: a table row that names a list is repeated per item and
/// filled from that item; everything else is filled from the document's fields. Each piece
/// is filled exactly once, so a value that itself contains `{{…}}` is left as text.
fn expand_rows(events: Events, fields: &Fields, unknown: &mut Vec<String>) -> Result<Events, DocumentError> {
    let mut out = Vec::with_capacity(events.len());
    let mut pending: Events = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let is_row = matches!(&events[i], Event::Start(s) if is(s, b"w:tr"));
        if !is_row {
            pending.push(events[i].clone());
            i += 1;
            continue;
        }
        out.extend(fill_paragraphs(std::mem::take(&mut pending), fields, None, unknown)?);
        let end = matching_end(&events, i, b"w:tr");
        let row = &events[i..=end];
        let text = joined_text(row);
        match placeholders(&text).into_iter().find_map(|key| fields.list_of(&key)) {
            Some((name, items)) => {
                for item in items {
                    let scope = Scope { list: name, item };
                    out.extend(fill_paragraphs(row.to_vec(), fields, Some(&scope), unknown)?);
                }
            }
            None => out.extend(fill_paragraphs(row.to_vec(), fields, None, unknown)?),
        }
        i = end + 1;
    }
    out.extend(fill_paragraphs(pending, fields, None, unknown)?);
    Ok(out)
}

fn matching_end(events: &[Event<'static>], start: usize, name: &[u8]) -> usize {
    let mut depth = 0;
    for (j, e) in events.iter().enumerate().skip(start) {
        match e {
            Event::Start(s) if s.name().as_ref() == name => depth += 1,
            Event::End(s) if s.name().as_ref() == name => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

struct Scope<'a> {
    list: &'a str,
    item: &'a BTreeMap<String, String>,
}

/// Text of the `w:t` elements of a range, with entity references resolved.
fn joined_text(events: &[Event<'static>]) -> String {
    segments(events).into_iter().map(|(_, t)| t).collect()
}

/// (event index, text) of every piece of text inside `w:t`.
fn segments(events: &[Event<'static>]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_t = false;
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(s) if is(s, b"w:t") => in_t = true,
            Event::End(s) if s.name().as_ref() == b"w:t" => in_t = false,
            Event::Text(t) if in_t => out.push((i, t.decode().map(|c| c.into_owned()).unwrap_or_default())),
            Event::CData(t) if in_t => out.push((i, String::from_utf8_lossy(t).into_owned())),
            Event::GeneralRef(r) if in_t => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &**r {
                        b"amp" => "&".into(),
                        b"lt" => "<".into(),
                        b"gt" => ">".into(),
                        b"quot" => "\"".into(),
                        b"apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                out.push((i, c));
            }
            _ => {}
        }
    }
    out
}

/// The placeholder names in a text, in order.
fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(a) = rest.find("{{") {
        let Some(b) = rest[a + 2..].find("}}") else { break };
        out.push(rest[a + 2..a + 2 + b].trim().to_owned());
        rest = &rest[a + 2 + b + 2..];
    }
    out
}

fn resolve(key: &str, fields: &Fields, scope: Option<&Scope>, unknown: &mut Vec<String>) -> String {
    if let Some(s) = scope
        && let Some(field) = key.strip_prefix(s.list).and_then(|k| k.strip_prefix('.'))
    {
        if let Some(v) = s.item.get(field) {
            return v.clone();
        }
        unknown.push(key.to_owned());
        return String::new();
    }
    match fields.get(key) {
        Some(v) => v.to_owned(),
        None => {
            unknown.push(key.to_owned());
            String::new()
        }
    }
}

/// Replaces the placeholders of every paragraph in `events`.
fn fill_paragraphs(
    mut events: Events,
    fields: &Fields,
    scope: Option<&Scope>,
    unknown: &mut Vec<String>,
) -> Result<Events, DocumentError> {
    let mut i = 0;
    while i < events.len() {
        let is_p = matches!(&events[i], Event::Start(s) if is(s, b"w:p"));
        if !is_p {
            i += 1;
            continue;
        }
        let end = matching_end(&events, i, b"w:p");
        let segs: Vec<(usize, String)> = segments(&events[i..=end])
            .into_iter()
            .map(|(j, t)| (i + j, t))
            .collect();
        let text: String = segs.iter().map(|(_, t)| t.as_str()).collect();
        if text.contains("{{") {
            // Owner segment of every byte of the joined text.
            let mut owner = Vec::with_capacity(text.len());
            for (k, (_, t)) in segs.iter().enumerate() {
                owner.extend(std::iter::repeat_n(k, t.len()));
            }
            let mut new: Vec<String> = vec![String::new(); segs.len()];
            let mut pos = 0;
            while pos < text.len() {
                let rest = &text[pos..];
                if rest.starts_with("{{")
                    && let Some(close) = rest[2..].find("}}")
                {
                    let key = rest[2..2 + close].trim();
                    new[owner[pos]].push_str(&resolve(key, fields, scope, unknown));
                    pos += 2 + close + 2;
                    continue;
                }
                let c = rest.chars().next().unwrap_or(' ');
                new[owner[pos]].push(c);
                pos += c.len_utf8();
            }
            for ((idx, _), t) in segs.iter().zip(new) {
                events[*idx] = Event::Text(BytesText::new(&t).into_owned());
            }
            // Keep the spaces at the edges of replaced text.
            for e in events[i..=end].iter_mut() {
                if let Event::Start(s) = e
                    && is(s, b"w:t")
                    && s.try_get_attribute("xml:space").ok().flatten().is_none()
                {
                    s.push_attribute(("xml:space", "preserve"));
                }
            }
        }
        i = end + 1;
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_split_across_runs_is_filled_in_the_first_run() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Приказ № {{при</w:t></w:r><w:r><w:t>каз.но</w:t></w:r><w:r><w:t xml:space="preserve">мер}} от </w:t></w:r><w:r><w:t>{{приказ.дата}}</w:t></w:r></w:p></w:body></w:document>"#.as_bytes();
        let mut f = Fields::default();
        f.text("приказ.номер", "145");
        f.text("приказ.дата", "01 июня 2022 г.");
        let mut unknown = Vec::new();
        let out = String::from_utf8(fill_part(xml, &f, &mut unknown).unwrap()).unwrap();
        assert!(unknown.is_empty());
        assert_eq!(
            joined_text(&read_all(out.as_bytes())),
            "Приказ № 145 от 01 июня 2022\u{a0}г."
        );
        assert!(
            out.contains("<w:b/></w:rPr><w:t xml:space=\"preserve\">Приказ № 145</w:t>"),
            "{out}"
        );
    }

    #[test]
    fn markup_in_values_is_escaped_and_rows_repeat() {
        let xml = r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{пары.№}}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{{пары.наставник}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.as_bytes();
        let mut f = Fields::default();
        f.list(
            "пары",
            vec![
                vec![("наставник", "Иванов </w:t> & <b>".to_owned())],
                vec![("наставник", "Петров {{x}}".to_owned())],
            ],
        );
        let mut unknown = Vec::new();
        let out = fill_part(xml, &f, &mut unknown).unwrap();
        assert!(unknown.is_empty());
        let text = joined_text(&read_all(&out));
        assert_eq!(text, "1Иванов </w:t> & <b>2Петров {{x}}");
        assert_eq!(String::from_utf8(out).unwrap().matches("<w:tr>").count(), 2);
    }

    #[test]
    fn an_unknown_placeholder_is_reported_by_name() {
        let xml = r#"<w:p><w:r><w:t>{{школа.директор}}</w:t></w:r></w:p>"#.as_bytes();
        let mut unknown = Vec::new();
        fill_part(xml, &Fields::default(), &mut unknown).unwrap();
        assert_eq!(unknown, vec!["школа.директор".to_owned()]);
    }

    fn read_all(xml: &[u8]) -> Events {
        let mut r = Reader::from_reader(xml);
        let mut v = Vec::new();
        loop {
            match r.read_event().unwrap() {
                Event::Eof => break,
                e => v.push(e.into_owned()),
            }
        }
        v
    }
}
