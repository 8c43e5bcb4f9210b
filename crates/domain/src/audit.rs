//! The audit trail's events: what was done to whose data (152-ФЗ: who saw or changed it).
//!
//! An event is stored as two texts, the action's code and a detail; both forms are parsed
//! back here, including those older rows wrote, so the trail of past years stays readable.

use crate::base::{BaseKind, EntryStatus, Labelled};
use crate::consent::ConsentKind;
use crate::role::Role;
use crate::roster::ListKind;

/// What an audit entry records. The code is stored in the database and names the Fluent
/// id `audit-action-…`; codes never change once written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// A card was opened.
    View,
    /// A participant was added.
    Create,
    /// A participant was edited.
    Update,
    /// A consent was recorded by the staff.
    ConsentGive,
    /// A consent was given electronically by the respondent of a personal link.
    ConsentGiveByLink,
    /// A consent was withdrawn.
    ConsentWithdraw,
    /// A guardian and a minor were linked.
    GuardianLink,
    /// A base was exported to a file.
    BaseExport,
    /// A participant was put into a base.
    BaseEnroll,
    /// The status of a base entry changed.
    BaseStatus,
    /// A request (обращение) was sent.
    ReferralAdd,
    /// A request became a base entry.
    ReferralConvert,
    /// A request was declined.
    ReferralDecline,
    /// A personal questionnaire link was issued.
    QuestionnaireLink,
    /// The questionnaire was answered by the respondent of a personal link.
    QuestionnaireAnswer,
    /// A question was added to the school's questionnaire.
    QuestionAdd,
    /// A question was taken off the school's questionnaire.
    QuestionRetire,
    /// A guardian opened their child on their own page.
    FamilyView,
    /// A base entry's page was opened.
    EntryView,
    /// A base entry's columns were edited on its page.
    EntryEdit,
    /// A list was imported.
    Import,
    /// An API token was revoked.
    TokenRevoke,
    /// A role was taken away from an account.
    RoleRemove,
    /// A pairing round was started.
    PairingStart,
    /// A round's weights or objective were changed.
    PairingSettings,
    /// A pin or an exclusion of a round was made or taken back.
    PairingDecision,
    /// A round was sent to the head.
    PairingSend,
    /// A sent round was taken back to the draft.
    PairingReturn,
    /// A round was approved by an order.
    PairingApprove,
    /// The group meeting of a round: who came, or whom an attendee ranked.
    PairingMeeting,
    /// Candidates offered to a mentee, the mentee's choice, or the psychologist's flag.
    PairingChoice,
    /// A teacher's consent to the added duties of a mentor was recorded.
    DutiesGive,
    /// A teacher's consent to the added duties of a mentor was withdrawn.
    DutiesWithdraw,
    /// A mentee's choice of mentor made by the respondent of a personal link.
    PairingChoiceByLink,
    /// An attendee's ranking after the group meeting made by personal link.
    PairingRankByLink,
}

impl AuditAction {
    /// Every action, for the test that each has its text.
    pub const ALL: [AuditAction; 35] = [
        Self::View,
        Self::Create,
        Self::Update,
        Self::ConsentGive,
        Self::ConsentGiveByLink,
        Self::ConsentWithdraw,
        Self::GuardianLink,
        Self::BaseExport,
        Self::BaseEnroll,
        Self::BaseStatus,
        Self::ReferralAdd,
        Self::ReferralConvert,
        Self::ReferralDecline,
        Self::QuestionnaireLink,
        Self::QuestionnaireAnswer,
        Self::QuestionAdd,
        Self::QuestionRetire,
        Self::Import,
        Self::FamilyView,
        Self::EntryView,
        Self::EntryEdit,
        Self::TokenRevoke,
        Self::RoleRemove,
        Self::PairingStart,
        Self::PairingSettings,
        Self::PairingDecision,
        Self::PairingSend,
        Self::PairingReturn,
        Self::PairingApprove,
        Self::PairingMeeting,
        Self::PairingChoice,
        Self::DutiesGive,
        Self::DutiesWithdraw,
        Self::PairingChoiceByLink,
        Self::PairingRankByLink,
    ];

    /// Stable code stored in the database (Fluent id suffix `audit-action-…`).
    pub fn code(self) -> &'static str {
        match self {
            Self::View => "view",
            Self::Create => "create",
            Self::Update => "update",
            Self::ConsentGive => "consent_give",
            Self::ConsentGiveByLink => "consent_link",
            Self::ConsentWithdraw => "consent_withdraw",
            Self::GuardianLink => "guardian_link",
            Self::BaseExport => "base_export",
            Self::BaseEnroll => "base_enroll",
            Self::BaseStatus => "base_status",
            Self::ReferralAdd => "referral_add",
            Self::ReferralConvert => "referral_convert",
            Self::ReferralDecline => "referral_decline",
            Self::QuestionnaireLink => "questionnaire_link",
            Self::QuestionnaireAnswer => "questionnaire_answer",
            Self::QuestionAdd => "question_add",
            Self::QuestionRetire => "question_retire",
            Self::Import => "import",
            Self::FamilyView => "family_view",
            Self::EntryView => "base_entry_view",
            Self::EntryEdit => "base_entry_edit",
            Self::TokenRevoke => "token_revoke",
            Self::RoleRemove => "role_remove",
            Self::PairingStart => "pairing_start",
            Self::PairingSettings => "pairing_settings",
            Self::PairingDecision => "pairing_decision",
            Self::PairingSend => "pairing_send",
            Self::PairingReturn => "pairing_return",
            Self::PairingApprove => "pairing_approve",
            Self::PairingMeeting => "pairing_meeting",
            Self::PairingChoice => "pairing_choice",
            Self::DutiesGive => "duties_give",
            Self::DutiesWithdraw => "duties_withdraw",
            Self::PairingChoiceByLink => "pairing_choice_link",
            Self::PairingRankByLink => "pairing_rank_link",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Done by the respondent of a personal link, who has no account.
    pub fn by_link(self) -> bool {
        matches!(
            self,
            Self::ConsentGiveByLink | Self::QuestionnaireAnswer | Self::PairingChoiceByLink | Self::PairingRankByLink
        )
    }
}

/// The other side of a guardian link, as the trail of one of the two people names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    /// On the minor's trail: the guardian's participant id.
    Guardian(i64),
    /// On the guardian's trail: the minor's participant id.
    Minor(i64),
}

/// One event of the trail with its detail (ids and codes, never personal data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditEvent {
    /// A card was opened.
    View,
    /// A participant was added.
    Create,
    /// A participant was edited.
    Update,
    /// A consent of this kind was recorded by the staff.
    ConsentGive(ConsentKind),
    /// A consent of this kind was given by the respondent of a personal link.
    ConsentGiveByLink(ConsentKind),
    /// The consent record with this id was withdrawn.
    ConsentWithdraw(i64),
    /// A guardian and a minor were linked.
    GuardianLink(Linked),
    /// A base was exported.
    BaseExport(BaseKind),
    /// A participant was put into a base.
    BaseEnroll(BaseKind),
    /// A base entry got this status.
    BaseStatus(EntryStatus),
    /// The request with this id was sent.
    ReferralAdd(i64),
    /// The request with this id became a base entry.
    ReferralConvert(i64),
    /// The request with this id was declined.
    ReferralDecline(i64),
    /// A link to the questionnaire of this base was issued.
    QuestionnaireLink(BaseKind),
    /// The questionnaire of this base was answered.
    QuestionnaireAnswer(BaseKind),
    /// A question was added to the questionnaire of this base.
    QuestionAdd(BaseKind),
    /// The question with this id was taken off.
    QuestionRetire(i64),
    /// A guardian opened their child on their own page.
    FamilyView,
    /// The base entry with this id was opened.
    EntryView(i64),
    /// The base entry with this id was edited.
    EntryEdit(i64),
    /// A list of this kind was imported: people added and changed.
    Import {
        /// The list.
        kind: ListKind,
        /// People added.
        added: usize,
        /// People changed.
        changed: usize,
    },
    /// The API token with this id was revoked.
    TokenRevoke(i64),
    /// The pairing round with this id was started.
    PairingStart(i64),
    /// The weights or the objective of the round with this id were changed.
    PairingSettings(i64),
    /// A decision about this person in the round with this id was made or taken back.
    PairingDecision(i64),
    /// The round with this id was sent to the head.
    PairingSend(i64),
    /// The round with this id was taken back to the draft.
    PairingReturn(i64),
    /// The round with this id was approved by an order.
    PairingApprove(i64),
    /// The group meeting of a round was recorded (attendance or ranks).
    PairingMeeting(i64),
    /// A mentee's candidates, choice or support flag in a round.
    PairingChoice(i64),
    /// A teacher's consent to the added duties was recorded.
    DutiesGive,
    /// A teacher's consent to the added duties was withdrawn.
    DutiesWithdraw,
    /// A mentee's choice in a round, made by personal link.
    PairingChoiceByLink(i64),
    /// An attendee's ranking in a round, made by personal link.
    PairingRankByLink(i64),
    /// A role was taken away from the account with this id.
    RoleRemove {
        /// The account.
        user: i64,
        /// The role taken away (in the entry's organization).
        role: Role,
    },
    /// A stored entry this version cannot read (shown as stored).
    Unknown {
        /// The stored action code.
        action: String,
        /// The stored detail.
        detail: String,
    },
}

/// How rows written before the link consent had its own action marked it.
const LEGACY_LINK_SUFFIX: &str = "(по ссылке анкеты)";

impl AuditEvent {
    /// The action, `None` for an unreadable stored entry.
    pub fn action(&self) -> Option<AuditAction> {
        use AuditAction as A;
        Some(match self {
            Self::View => A::View,
            Self::Create => A::Create,
            Self::Update => A::Update,
            Self::ConsentGive(_) => A::ConsentGive,
            Self::ConsentGiveByLink(_) => A::ConsentGiveByLink,
            Self::ConsentWithdraw(_) => A::ConsentWithdraw,
            Self::GuardianLink(_) => A::GuardianLink,
            Self::BaseExport(_) => A::BaseExport,
            Self::BaseEnroll(_) => A::BaseEnroll,
            Self::BaseStatus(_) => A::BaseStatus,
            Self::ReferralAdd(_) => A::ReferralAdd,
            Self::ReferralConvert(_) => A::ReferralConvert,
            Self::ReferralDecline(_) => A::ReferralDecline,
            Self::QuestionnaireLink(_) => A::QuestionnaireLink,
            Self::QuestionnaireAnswer(_) => A::QuestionnaireAnswer,
            Self::QuestionAdd(_) => A::QuestionAdd,
            Self::QuestionRetire(_) => A::QuestionRetire,
            Self::Import { .. } => A::Import,
            Self::FamilyView => A::FamilyView,
            Self::EntryView(_) => A::EntryView,
            Self::EntryEdit(_) => A::EntryEdit,
            Self::TokenRevoke(_) => A::TokenRevoke,
            Self::RoleRemove { .. } => A::RoleRemove,
            Self::PairingStart(_) => A::PairingStart,
            Self::PairingSettings(_) => A::PairingSettings,
            Self::PairingDecision(_) => A::PairingDecision,
            Self::PairingSend(_) => A::PairingSend,
            Self::PairingReturn(_) => A::PairingReturn,
            Self::PairingApprove(_) => A::PairingApprove,
            Self::PairingMeeting(_) => A::PairingMeeting,
            Self::PairingChoice(_) => A::PairingChoice,
            Self::DutiesGive => A::DutiesGive,
            Self::DutiesWithdraw => A::DutiesWithdraw,
            Self::PairingChoiceByLink(_) => A::PairingChoiceByLink,
            Self::PairingRankByLink(_) => A::PairingRankByLink,
            Self::Unknown { .. } => return None,
        })
    }

    /// The stored action code.
    pub fn code(&self) -> &str {
        match (self.action(), self) {
            (Some(a), _) => a.code(),
            (None, Self::Unknown { action, .. }) => action,
            (None, _) => "",
        }
    }

    /// The stored detail.
    pub fn detail(&self) -> String {
        match self {
            Self::View | Self::Create | Self::Update | Self::FamilyView | Self::DutiesGive | Self::DutiesWithdraw => {
                String::new()
            }
            Self::EntryView(id) | Self::EntryEdit(id) => format!("#{id}"),
            Self::ConsentGive(k) | Self::ConsentGiveByLink(k) => k.code().to_string(),
            Self::ConsentWithdraw(id) | Self::TokenRevoke(id) => format!("#{id}"),
            Self::PairingStart(id)
            | Self::PairingSettings(id)
            | Self::PairingDecision(id)
            | Self::PairingSend(id)
            | Self::PairingReturn(id)
            | Self::PairingApprove(id)
            | Self::PairingMeeting(id)
            | Self::PairingChoice(id)
            | Self::PairingChoiceByLink(id)
            | Self::PairingRankByLink(id) => format!("#{id}"),
            Self::RoleRemove { user, role } => format!("user #{user} {}", role.code()),
            Self::GuardianLink(Linked::Guardian(id)) => format!("guardian #{id}"),
            Self::GuardianLink(Linked::Minor(id)) => format!("minor #{id}"),
            Self::BaseExport(b) | Self::BaseEnroll(b) | Self::QuestionnaireLink(b) => b.code().to_string(),
            Self::QuestionnaireAnswer(b) | Self::QuestionAdd(b) => b.code().to_string(),
            Self::BaseStatus(s) => s.code().to_string(),
            Self::ReferralAdd(id)
            | Self::ReferralConvert(id)
            | Self::ReferralDecline(id)
            | Self::QuestionRetire(id) => id.to_string(),
            // The form earlier versions wrote, so that old and new rows read alike.
            Self::Import { kind, added, changed } => {
                format!("{}: {added} новых, {changed} изменено", kind.code())
            }
            Self::Unknown { detail, .. } => detail.clone(),
        }
    }

    /// Reads a stored entry; what does not parse comes back as [`AuditEvent::Unknown`].
    pub fn from_stored(action: &str, detail: &str) -> Self {
        Self::parse(action, detail).unwrap_or_else(|| Self::Unknown {
            action: action.to_string(),
            detail: detail.to_string(),
        })
    }

    fn parse(action: &str, detail: &str) -> Option<Self> {
        use AuditAction as A;
        let d = detail.trim();
        let id = |prefix: &str| d.strip_prefix(prefix)?.trim().parse::<i64>().ok();
        let base = || BaseKind::from_code(d);
        Some(match A::from_code(action)? {
            A::View => Self::View,
            A::Create => Self::Create,
            A::Update => Self::Update,
            A::ConsentGive => match d.strip_suffix(LEGACY_LINK_SUFFIX) {
                Some(kind) => Self::ConsentGiveByLink(ConsentKind::from_code(kind.trim())?),
                None => Self::ConsentGive(ConsentKind::from_code(d)?),
            },
            A::ConsentGiveByLink => Self::ConsentGiveByLink(ConsentKind::from_code(d)?),
            A::ConsentWithdraw => Self::ConsentWithdraw(id("#")?),
            A::GuardianLink => match (id("guardian #"), id("minor #")) {
                (Some(g), _) => Self::GuardianLink(Linked::Guardian(g)),
                (_, Some(m)) => Self::GuardianLink(Linked::Minor(m)),
                _ => return None,
            },
            A::BaseExport => Self::BaseExport(base()?),
            A::BaseEnroll => Self::BaseEnroll(base()?),
            A::BaseStatus => Self::BaseStatus(EntryStatus::from_code(d)?),
            A::ReferralAdd => Self::ReferralAdd(id("")?),
            A::ReferralConvert => Self::ReferralConvert(id("")?),
            A::ReferralDecline => Self::ReferralDecline(id("")?),
            A::QuestionnaireLink => Self::QuestionnaireLink(base()?),
            A::QuestionnaireAnswer => Self::QuestionnaireAnswer(base()?),
            A::QuestionAdd => Self::QuestionAdd(base()?),
            A::QuestionRetire => Self::QuestionRetire(id("")?),
            A::FamilyView => Self::FamilyView,
            A::EntryView => Self::EntryView(id("#")?),
            A::EntryEdit => Self::EntryEdit(id("#")?),
            A::TokenRevoke => Self::TokenRevoke(id("#")?),
            A::PairingStart => Self::PairingStart(id("#")?),
            A::PairingSettings => Self::PairingSettings(id("#")?),
            A::PairingDecision => Self::PairingDecision(id("#")?),
            A::PairingSend => Self::PairingSend(id("#")?),
            A::PairingReturn => Self::PairingReturn(id("#")?),
            A::PairingApprove => Self::PairingApprove(id("#")?),
            A::PairingMeeting => Self::PairingMeeting(id("#")?),
            A::PairingChoice => Self::PairingChoice(id("#")?),
            A::DutiesGive => Self::DutiesGive,
            A::DutiesWithdraw => Self::DutiesWithdraw,
            A::PairingChoiceByLink => Self::PairingChoiceByLink(id("#")?),
            A::PairingRankByLink => Self::PairingRankByLink(id("#")?),
            A::RoleRemove => {
                let (user, role) = d.strip_prefix("user #")?.split_once(' ')?;
                Self::RoleRemove {
                    user: user.parse().ok()?,
                    role: Role::from_code(role.trim())?,
                }
            }
            A::Import => {
                let (kind, counts) = d.split_once(':')?;
                let (added, changed) = counts.split_once(',')?;
                let number = |s: &str| s.split_whitespace().next()?.parse::<usize>().ok();
                Self::Import {
                    kind: ListKind::from_code(kind)?,
                    added: number(added)?,
                    changed: number(changed)?,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_parse_back() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(a.code()), Some(a));
        }
        let mut codes: Vec<_> = AuditAction::ALL.iter().map(|a| a.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), AuditAction::ALL.len());
    }

    #[test]
    fn events_round_trip_through_their_stored_form() {
        let events = [
            AuditEvent::View,
            AuditEvent::Create,
            AuditEvent::Update,
            AuditEvent::ConsentGive(ConsentKind::Dissemination),
            AuditEvent::ConsentGiveByLink(ConsentKind::Processing),
            AuditEvent::ConsentWithdraw(7),
            AuditEvent::GuardianLink(Linked::Guardian(3)),
            AuditEvent::GuardianLink(Linked::Minor(4)),
            AuditEvent::BaseExport(BaseKind::Mentors),
            AuditEvent::BaseEnroll(BaseKind::Mentees),
            AuditEvent::BaseStatus(EntryStatus::InPair),
            AuditEvent::ReferralAdd(1),
            AuditEvent::ReferralConvert(2),
            AuditEvent::ReferralDecline(3),
            AuditEvent::QuestionnaireLink(BaseKind::Mentees),
            AuditEvent::QuestionnaireAnswer(BaseKind::Mentors),
            AuditEvent::QuestionAdd(BaseKind::Mentors),
            AuditEvent::QuestionRetire(9),
            AuditEvent::TokenRevoke(4),
            AuditEvent::RoleRemove {
                user: 5,
                role: Role::Curator,
            },
            AuditEvent::Import {
                kind: ListKind::Students,
                added: 5,
                changed: 2,
            },
        ];
        for e in events {
            assert_eq!(AuditEvent::from_stored(e.code(), &e.detail()), e);
        }
    }

    #[test]
    fn older_rows_and_unknown_codes_are_read() {
        assert_eq!(
            AuditEvent::from_stored("consent_give", "processing (по ссылке анкеты)"),
            AuditEvent::ConsentGiveByLink(ConsentKind::Processing)
        );
        let odd = AuditEvent::from_stored("merge", "#5");
        assert_eq!(odd.action(), None);
        assert_eq!((odd.code(), odd.detail().as_str()), ("merge", "#5"));
        let broken = AuditEvent::from_stored("base_enroll", "both");
        assert_eq!((broken.code(), broken.detail().as_str()), ("base_enroll", "both"));
        assert!(AuditAction::QuestionnaireAnswer.by_link() && !AuditAction::ConsentGive.by_link());
    }
}
