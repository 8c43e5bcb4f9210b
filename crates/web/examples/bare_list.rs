//! The load benchmark's peer (`bench/load.sh`): a bare axum + sqlx handler that serves the
//! first 50 participants of the demo curator's school as a plain HTML table — the same
//! rows, order and columns as `/participants`, with no sessions, templates, audit or
//! locale. What the product costs per request on top of this is the figure to watch.
//!
//!   cargo run --release -p web --example bare_list -- DATABASE_URL LISTEN_ADDR
#![allow(clippy::expect_used)] // a benchmark tool: a bad argument or database ends it

use std::fmt::Write as _;

use axum::{Router, extract::State, response::Html, routing::get};
use chrono::NaiveDate;
use sqlx::{PgPool, SqlitePool, postgres::PgPoolOptions, sqlite::SqlitePoolOptions};

/// One list row: id, surname, name, patronymic, birth date, category, place, consent, total.
type Row = (
    i64,
    String,
    String,
    Option<String>,
    NaiveDate,
    String,
    String,
    bool,
    i64,
);

/// The page as a hand-written developer would query it: the school's active people in
/// name order, whether a processing consent is in force today, and the total.
const PAGE: &str = "SELECT p.id, p.last_name, p.first_name, p.patronymic, p.birth_date, p.category, p.place, \
     EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.kind = 'processing' \
             AND c.given_on <= $2 AND (c.withdrawn_on IS NULL OR c.withdrawn_on > $2)) AS consent, \
     (SELECT COUNT(*) FROM persons q WHERE q.org_id = $1 AND q.withdrawn = FALSE) AS total \
     FROM persons p WHERE p.org_id = $1 AND p.withdrawn = FALSE ORDER BY p.search_key, p.id LIMIT 50";

/// The demo curator's school.
const SCHOOL: &str = "SELECT ra.org_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id \
     WHERE u.login = 'curator' ORDER BY ra.org_id LIMIT 1";

#[derive(Clone)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Clone)]
struct Peer {
    pool: Pool,
    school: i64,
}

impl Peer {
    async fn rows(&self) -> Result<Vec<Row>, sqlx::Error> {
        let today = chrono::Local::now().date_naive();
        match &self.pool {
            Pool::Sqlite(p) => sqlx::query_as(PAGE).bind(self.school).bind(today).fetch_all(p).await,
            Pool::Postgres(p) => sqlx::query_as(PAGE).bind(self.school).bind(today).fetch_all(p).await,
        }
    }
}

fn escape(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(ch),
        }
    }
}

async fn page(State(peer): State<Peer>) -> Result<Html<String>, String> {
    let rows = peer.rows().await.map_err(|e| e.to_string())?;
    let total = rows.first().map_or(0, |r| r.8);
    let mut out = format!(
        "<!doctype html><html lang=\"ru\"><meta charset=\"utf-8\"><title>Участники</title>\
         <p>Найдено: {total}</p><table><tr><th>ФИО</th><th>Дата рождения</th><th>Категория</th>\
         <th>Класс / должность</th><th>Согласие</th></tr>"
    );
    for (id, last, first, patronymic, birth, category, place, consent, _) in &rows {
        let _ = write!(out, "<tr><td><a href=\"/participants/{id}\">");
        escape(&mut out, last);
        out.push(' ');
        escape(&mut out, first);
        if let Some(p) = patronymic {
            out.push(' ');
            escape(&mut out, p);
        }
        let _ = write!(out, "</a></td><td>{}</td><td>", birth.format("%d.%m.%Y"));
        escape(&mut out, category);
        out.push_str("</td><td>");
        escape(&mut out, place);
        out.push_str(if *consent {
            "</td><td>есть</td></tr>"
        } else {
            "</td><td>нет</td></tr>"
        });
    }
    out.push_str("</table></html>");
    Ok(Html(out))
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("usage: bare_list DATABASE_URL LISTEN_ADDR");
    let listen = args.next().unwrap_or_else(|| "127.0.0.1:18082".to_string());
    let pool = if url.starts_with("sqlite:") {
        let opts = url
            .parse::<sqlx::sqlite::SqliteConnectOptions>()
            .expect("SQLite URL")
            .read_only(true);
        let readers = std::thread::available_parallelism().map_or(4, |n| n.get() * 2) as u32;
        Pool::Sqlite(
            SqlitePoolOptions::new()
                .max_connections(readers)
                .connect_with(opts)
                .await
                .expect("SQLite"),
        )
    } else {
        Pool::Postgres(
            PgPoolOptions::new()
                .max_connections(16)
                .connect(&url)
                .await
                .expect("PostgreSQL"),
        )
    };
    let school: i64 = match &pool {
        Pool::Sqlite(p) => sqlx::query_scalar(SCHOOL).fetch_one(p).await,
        Pool::Postgres(p) => sqlx::query_scalar(SCHOOL).fetch_one(p).await,
    }
    .expect("the demo curator's school");
    let app = Router::new().route("/", get(page)).with_state(Peer { pool, school });
    let listener = tokio::net::TcpListener::bind(&listen).await.expect("listen address");
    axum::serve(listener, app).await.expect("serve");
}
