//! The audit trail of a person: who saw or changed their data, when and from where.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Chrome, full_name, render};
use crate::auth::Ctx;
use crate::error::WebError;
use crate::extract::Id;
use crate::i18n::L;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    id: i64,
    c: Chrome,
    /// When, who, action, detail, from where.
    rows: Vec<(String, String, String, String, String)>,
}

/// `GET /participants/{id}/audit`.
pub async fn trail(State(st): State<AppState>, ctx: Ctx, Id(id): Id) -> Result<Response, WebError> {
    let l = L;
    let (p, rows) = st.app.audit_trail(&ctx.actor, id).await?;
    let tz = st.app.organization(ctx.actor.org_id).await?.timezone;
    let rows = rows
        .into_iter()
        .map(|r| {
            (
                app::local_time(&tz, r.at).format("%d.%m.%Y %H:%M:%S").to_string(),
                l.audit_actor(r.actor.as_deref(), &r.event),
                l.audit_event_action(&r.event),
                l.audit_detail(&r.event),
                r.address,
            )
        })
        .collect();
    let title = l.args(
        "audit-title",
        &[("name", full_name(&p.last_name, &p.first_name, p.patronymic.as_deref()))],
    );
    Ok(render(&AuditPage {
        id,
        c: Chrome::for_ctx(&ctx, title, "/participants"),
        rows,
    }))
}
