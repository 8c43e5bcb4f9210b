//! Where «Назад» on an error page leads: the page the user came from when the browser
//! names one of ours (`Referer`, same origin only), else the list of the section.

use axum::extract::Request;
use axum::http::{Uri, header};
use axum::middleware::Next;
use axum::response::Response;

tokio::task_local! {
    static BACK: Option<String>;
}

/// The sections a page belongs to, each with its list (longest first where they nest).
const SECTIONS: [(&str, &str); 11] = [
    ("/participants", "/participants"),
    ("/bases/mentees", "/bases/mentees"),
    ("/bases", "/bases/mentors"),
    ("/referrals", "/referrals"),
    ("/import", "/import"),
    ("/municipality/mentors", "/municipality/mentors"),
    ("/municipality", "/municipality"),
    ("/organizations", "/organizations"),
    ("/dashboard", "/dashboard"),
    ("/account", "/account"),
    ("/api", "/"),
];

/// Middleware: remembers the way back for the error page the request may end in.
pub async fn remember(req: Request, next: Next) -> Response {
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    let referer = req.headers().get(header::REFERER).and_then(|h| h.to_str().ok());
    let back = way_back(req.uri(), host, referer);
    BACK.scope(back, next.run(req)).await
}

/// The way back of the request being answered, if any.
pub fn current() -> Option<String> {
    BACK.try_with(Clone::clone).ok().flatten()
}

/// The referring page when it is ours and not this very page, else the section's list.
fn way_back(here: &Uri, host: Option<&str>, referer: Option<&str>) -> Option<String> {
    let here_full = here.path_and_query().map(|p| p.as_str()).unwrap_or("/");
    let from = referer.and_then(|r| same_origin_path(r, host?));
    let to = from.or_else(|| section_list(here.path()).map(str::to_string))?;
    (to != here_full && to != "/").then_some(to)
}

/// The path and query of a URL on this host.
fn same_origin_path(referer: &str, host: &str) -> Option<String> {
    let uri: Uri = referer.parse().ok()?;
    let path = uri.path_and_query()?.as_str();
    let ours = matches!(uri.scheme_str(), Some("http" | "https")) && uri.authority()?.as_str() == host;
    (ours && path.starts_with('/') && !path.starts_with("//")).then(|| path.to_string())
}

fn section_list(path: &str) -> Option<&'static str> {
    SECTIONS
        .iter()
        .find(|(prefix, _)| path == *prefix || path.strip_prefix(prefix).is_some_and(|rest| rest.starts_with('/')))
        .map(|(_, list)| *list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(path: &str, referer: Option<&str>) -> Option<String> {
        way_back(&path.parse().unwrap(), Some("school.example:8080"), referer)
    }

    #[test]
    fn the_referring_page_of_this_site_or_the_section_list() {
        let ours = Some("http://school.example:8080/participants?page=2");
        assert_eq!(back("/participants/99", ours).as_deref(), Some("/participants?page=2"));
        let theirs = Some("https://evil.example/participants");
        assert_eq!(back("/participants/99/edit", theirs).as_deref(), Some("/participants"));
        assert_eq!(back("/bases/mentees/7", None).as_deref(), Some("/bases/mentees"));
        assert_eq!(back("/bases/questions", None).as_deref(), Some("/bases/mentors"));
        assert_eq!(back("/participants", None), None, "not back to the same page");
        assert_eq!(back("/nowhere", None), None);
        let odd = Some("http://school.example:8080//evil.example/x");
        assert_eq!(back("/participants/1", odd).as_deref(), Some("/participants"));
    }
}
