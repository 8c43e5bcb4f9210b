//! Labels of coded values whose Fluent id is built at run time (`audit-action-…`), and the
//! test that every such id of every enumeration exists in the locale files.

use domain::audit::Linked;
use domain::base::Labelled;
use domain::{AuditAction, AuditEvent};

use crate::i18n::L;

impl L {
    /// The text of an audit action.
    pub fn audit_action(&self, a: AuditAction) -> String {
        self.t(&format!("audit-action-{}", a.code()))
    }

    /// The action of a stored audit event in words; a code this version does not know is
    /// shown as stored.
    pub fn audit_event_action(&self, e: &AuditEvent) -> String {
        match AuditAction::from_code(e.code()) {
            Some(a) => self.audit_action(a),
            None => e.code().to_string(),
        }
    }

    /// The detail of an audit event in words (ids as numbers, codes by their labels).
    pub fn audit_detail(&self, e: &AuditEvent) -> String {
        let id = |key: &str, id: &i64| self.args(key, &[("id", id.to_string())]);
        match e {
            AuditEvent::View
            | AuditEvent::Create
            | AuditEvent::Update
            | AuditEvent::FamilyView
            | AuditEvent::DutiesGive
            | AuditEvent::DutiesWithdraw => String::new(),
            AuditEvent::EntryView(n) | AuditEvent::EntryEdit(n) => id("audit-detail-entry", n),
            AuditEvent::ConsentGive(k) | AuditEvent::ConsentGiveByLink(k) => self.t(&format!("consent-{}", k.code())),
            AuditEvent::ConsentWithdraw(n) => id("audit-detail-consent", n),
            AuditEvent::GuardianLink(Linked::Guardian(n)) => id("audit-detail-guardian", n),
            AuditEvent::GuardianLink(Linked::Minor(n)) => id("audit-detail-minor", n),
            AuditEvent::BaseExport(b)
            | AuditEvent::BaseEnroll(b)
            | AuditEvent::QuestionnaireLink(b)
            | AuditEvent::QuestionnaireAnswer(b)
            | AuditEvent::QuestionAdd(b) => b.label().to_string(),
            AuditEvent::BaseStatus(s) => s.label().to_string(),
            AuditEvent::ReferralAdd(n) | AuditEvent::ReferralConvert(n) | AuditEvent::ReferralDecline(n) => {
                id("audit-detail-referral", n)
            }
            AuditEvent::QuestionRetire(n) => id("audit-detail-question", n),
            AuditEvent::TokenRevoke(n) => id("audit-detail-token", n),
            AuditEvent::PairingStart(n)
            | AuditEvent::PairingSettings(n)
            | AuditEvent::PairingDecision(n)
            | AuditEvent::PairingSend(n)
            | AuditEvent::PairingReturn(n)
            | AuditEvent::PairingApprove(n)
            | AuditEvent::PairingMeeting(n)
            | AuditEvent::PairingChoice(n)
            | AuditEvent::PairingChoiceByLink(n)
            | AuditEvent::PairingRankByLink(n) => id("audit-detail-round", n),
            AuditEvent::RoleRemove { user, role } => self.args(
                "audit-detail-role-remove",
                &[
                    ("id", user.to_string()),
                    ("role", self.t(&format!("role-{}", role.code()))),
                ],
            ),
            AuditEvent::Import { kind, added, changed } => self.args(
                "audit-detail-import",
                &[
                    ("kind", self.t(&format!("import-kind-{}", kind.code()))),
                    ("added", added.to_string()),
                    ("changed", changed.to_string()),
                ],
            ),
            AuditEvent::Unknown { detail, .. } => detail.clone(),
        }
    }

    /// Who did it: the account's name, the respondent of a personal link, or the operator
    /// at the command line (the only other way to act without an account).
    pub fn audit_actor(&self, account: Option<&str>, e: &AuditEvent) -> String {
        match account {
            Some(name) => name.to_string(),
            None if e.action().is_some_and(AuditAction::by_link) => self.t("audit-respondent"),
            None => self.t("audit-cli"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use app::family::GivenState;
    use domain::base::{BaseKind, EntryStatus};
    use domain::roster::ListKind;
    use domain::{CategoryKind, ConsentKind, ConsentState, ConsentStatus, OrgKind, Role};

    use super::*;

    fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }

    fn root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    /// Every Fluent id the code builds at run time: the prefix and each value it is completed with.
    fn runtime_keys() -> Vec<(&'static str, Vec<String>)> {
        fn codes<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str) -> Vec<String> {
            all.iter().map(|v| code(*v).to_string()).collect()
        }
        let lists = codes(&ListKind::ALL, ListKind::code);
        let hints = lists.iter().map(|k| format!("{k}-hint")).collect();
        vec![
            ("audit-action-", codes(&AuditAction::ALL, AuditAction::code)),
            ("role-", codes(&Role::ALL, Role::code)),
            ("consent-status-", codes(&ConsentStatus::ALL, ConsentStatus::code)),
            ("consent-", codes(&ConsentKind::ALL, ConsentKind::code)),
            ("category-", codes(&CategoryKind::ALL, CategoryKind::code)),
            ("org-kind-", codes(&OrgKind::ALL, OrgKind::code)),
            ("import-kind-", lists),
            ("import-kind-", hints),
            // The kinds of a school's own question are still strings (app::questionnaire).
            (
                "questions-kind-",
                ["text", "yes_no", "scale_1_10", "choice"].map(String::from).to_vec(),
            ),
            ("field-", violation_fields()),
            // `not_yet` and `withdrawn_later` take a date and are rendered with it.
            (
                "consent-state-",
                ConsentState::ALL
                    .into_iter()
                    .filter(|s| !matches!(s, ConsentState::NotYet | ConsentState::WithdrawnLater))
                    .map(|s| s.code().to_string())
                    .collect(),
            ),
            (
                "family-consent-",
                [GivenState::InForce, GivenState::ChildAdult]
                    .map(|s| s.code().to_string())
                    .to_vec(),
            ),
            (
                "pairing-state-",
                codes(domain::pairing::RoundState::ALL, domain::pairing::RoundState::code),
            ),
            (
                "pairing-objective-",
                codes(domain::pairing::Objective::ALL, domain::pairing::Objective::code),
            ),
            (
                "pairing-decision-",
                codes(domain::pairing::Decision::ALL, domain::pairing::Decision::code),
            ),
            ("pairing-crit-", domain::pairing::CRITERIA.map(String::from).to_vec()),
            (
                "pairing-crit-",
                domain::pairing::CRITERIA.map(|c| format!("{c}-meaning")).to_vec(),
            ),
            // Referral statuses are still strings (storage::bases::ReferralRow).
            (
                "referral-",
                ["open", "converted", "declined"].map(String::from).to_vec(),
            ),
        ]
    }

    /// Every field a violation names in domain, app and web (its label is `field-…`).
    fn violation_fields() -> Vec<String> {
        let mut paths = Vec::new();
        for dir in ["../domain/src", "../app/src", "src"] {
            files(&root().join(dir), "rs", &mut paths);
        }
        let mut out = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (i, m) in text.match_indices("Violation::new(\"") {
                let field: String = text[i + m.len()..].chars().take_while(|c| *c != '"').collect();
                out.push(field);
            }
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn consent_states_with_a_date_print_it() {
        for key in ["consent-state-not_yet", "consent-state-withdrawn_later"] {
            let text = L.args(key, [("date", "11.03.2026".to_string())]);
            assert!(text.contains("11.03.2026"), "{key}: {text}");
        }
    }

    #[test]
    fn every_runtime_built_key_renders() {
        let l = L;
        let mut missing = Vec::new();
        let mut checked = 0;
        for (prefix, values) in runtime_keys() {
            for v in values {
                let key = format!("{prefix}{v}");
                let text = l.t(&key);
                if text.contains("Unknown localization key") || text == key {
                    missing.push(key);
                }
                checked += 1;
            }
        }
        assert!(missing.is_empty(), "no text in crates/web/locales/ru for {missing:?}");
        assert!(checked > 80, "the enumerations were read ({checked})");
    }

    /// A page that builds an id from a new prefix must add its values to `runtime_keys`.
    #[test]
    fn every_built_prefix_is_checked() {
        let known: Vec<&str> = runtime_keys().into_iter().map(|(p, _)| p).collect();
        let mut paths = Vec::new();
        files(&root().join("src"), "rs", &mut paths);
        let mut unknown = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for (i, m) in text.match_indices(".t(&format!(\"") {
                let prefix: String = text[i + m.len()..].chars().take_while(|c| *c != '{').collect();
                if !known.contains(&prefix.as_str()) {
                    unknown.push(format!("{prefix} ({})", path.display()));
                }
            }
        }
        assert!(unknown.is_empty(), "ids built at run time without a check: {unknown:?}");
    }

    #[test]
    fn audit_events_read_as_words() {
        let l = L;
        let answer = AuditEvent::from_stored("questionnaire_answer", "mentees");
        assert_eq!(l.audit_event_action(&answer), "заполнена анкета");
        assert_eq!(l.audit_detail(&answer), "База наставляемых");
        assert_eq!(l.audit_actor(None, &answer), "по личной ссылке");
        let legacy = AuditEvent::from_stored("consent_give", "processing (по ссылке анкеты)");
        assert_eq!(l.audit_actor(None, &legacy), "по личной ссылке");
        assert_eq!(l.audit_detail(&legacy), "на обработку персональных данных");
        let export = AuditEvent::BaseExport(BaseKind::Mentors);
        assert_eq!(l.audit_actor(None, &export), "командная строка");
        assert_eq!(l.audit_actor(Some("Иванова А. А."), &export), "Иванова А. А.");
        let status = AuditEvent::BaseStatus(EntryStatus::InBase);
        assert_eq!(l.audit_detail(&status), "ожидает пары");
        let odd = AuditEvent::from_stored("merge", "#5");
        assert_eq!(
            (l.audit_event_action(&odd), l.audit_detail(&odd)),
            ("merge".into(), "#5".into())
        );
    }
}
