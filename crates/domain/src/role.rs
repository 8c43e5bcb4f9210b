//! Roles scoped to an organization and the permissions each one has (deny by default).

use serde::{Deserialize, Serialize};

use crate::org::OrgKind;

/// A role a user holds in one organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Системный администратор Наставника (the software's operator).
    Admin,
    /// Руководитель образовательной организации.
    Head,
    /// Куратор (one school may have several; a municipal methodist may be one).
    Curator,
    /// Координатор.
    Coordinator,
    /// Член совета наставников / методического объединения.
    MentorCouncil,
    /// Наставник.
    Mentor,
    /// Наставляемый.
    Mentee,
    /// Родитель (законный представитель).
    Guardian,
    /// Методист муниципальной методической службы.
    MunicipalMethodist,
    /// Тьютор муниципалитета.
    MunicipalTutor,
    /// Классный руководитель.
    ClassTeacher,
    /// Педагог-психолог.
    Psychologist,
    /// Социальный педагог.
    SocialWorker,
    /// Школьный системный администратор (co-keeps the bases with the curator).
    SchoolSysadmin,
}

/// What a request may do. Routes declare one; roles grant a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// Anyone, logged in or not (login page, health, static files).
    Public,
    /// Any logged-in user (home, own account, logout, TOTP setup).
    Authenticated,
    /// The school dashboard with counts.
    ViewDashboard,
    /// Participants list and cards with personal data.
    ViewParticipants,
    /// Add and edit participants and guardian links.
    EditParticipants,
    /// Record and withdraw consents.
    ManageConsents,
    /// Read the audit trail of a person.
    ViewAudit,
    /// Aggregates of all schools of a municipality/region (no minors' data).
    ViewAggregates,
    /// Create organizations and academic years.
    ManageOrganizations,
    /// Create users, assign roles, disable accounts, issue API tokens.
    ManageUsers,
    /// The school's base of mentors and base of mentees.
    ViewBases,
    /// Add entries, change statuses, send questionnaire links, add questions.
    EditBases,
    /// Import staff and student lists and the bases from XLSX/CSV.
    ImportLists,
    /// See the sensitive categories of mentees (ОВЗ, ТЖС, behaviour, orphans).
    ViewSensitive,
    /// Record a request about a possible mentee (R3.2).
    RecordReferrals,
    /// The municipal base of mentors: the adult mentors of all schools of the municipality.
    ViewMunicipalBase,
    /// A guardian's own children: the consents they gave, their questionnaires and requests.
    OwnFamily,
    /// Pairing rounds: the school's weights, the proposal, pins and exclusions (R4).
    MatchPairs,
    /// See the school's pairing rounds and what was sent for approval.
    ViewPairing,
    /// Approve the pairs sent by the curator with an order (the head, R4.5).
    ApprovePairs,
    /// One's own pairs and groups as a mentor or a mentee.
    OwnPairs,
}

impl Role {
    /// Every role, for the role × route test and the forms.
    pub const ALL: [Role; 14] = [
        Self::Admin,
        Self::Head,
        Self::Curator,
        Self::Coordinator,
        Self::MentorCouncil,
        Self::Mentor,
        Self::Mentee,
        Self::Guardian,
        Self::MunicipalMethodist,
        Self::MunicipalTutor,
        Self::ClassTeacher,
        Self::Psychologist,
        Self::SocialWorker,
        Self::SchoolSysadmin,
    ];

    /// Stable code (database, CLI, API, Fluent id suffix `role-…`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Head => "head",
            Self::Curator => "curator",
            Self::Coordinator => "coordinator",
            Self::MentorCouncil => "mentor_council",
            Self::Mentor => "mentor",
            Self::Mentee => "mentee",
            Self::Guardian => "guardian",
            Self::MunicipalMethodist => "municipal_methodist",
            Self::MunicipalTutor => "municipal_tutor",
            Self::ClassTeacher => "class_teacher",
            Self::Psychologist => "psychologist",
            Self::SocialWorker => "social_worker",
            Self::SchoolSysadmin => "school_sysadmin",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The rule table: what each role may do. Anything not listed is denied.
    pub fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Self::Admin => &[
                ViewDashboard,
                ViewParticipants,
                ViewAudit,
                ViewAggregates,
                ManageOrganizations,
                ManageUsers,
                ViewMunicipalBase,
            ],
            Self::Head => &[
                ViewDashboard,
                ViewParticipants,
                ViewAudit,
                ViewBases,
                ViewSensitive,
                RecordReferrals,
                ViewPairing,
                ApprovePairs,
            ],
            Self::Curator | Self::Coordinator => &[
                ViewDashboard,
                ViewParticipants,
                EditParticipants,
                ManageConsents,
                ViewAudit,
                ViewBases,
                EditBases,
                ImportLists,
                ViewSensitive,
                RecordReferrals,
                MatchPairs,
                ViewPairing,
            ],
            // Co-keeps the bank with the curator (seed 004 §3.6) but has no need for health
            // and family categories.
            Self::SchoolSysadmin => &[
                ViewDashboard,
                ViewParticipants,
                EditParticipants,
                ManageConsents,
                ViewBases,
                ImportLists,
            ],
            Self::MentorCouncil => &[ViewDashboard],
            // The methodist runs the municipal virtual round (R3.4); the tutor only reads.
            Self::MunicipalMethodist => &[ViewAggregates, ViewMunicipalBase, MatchPairs, ViewPairing],
            Self::MunicipalTutor => &[ViewAggregates, ViewMunicipalBase],
            Self::ClassTeacher | Self::Psychologist | Self::SocialWorker => &[RecordReferrals],
            Self::Guardian => &[RecordReferrals, OwnFamily],
            Self::Mentor | Self::Mentee => &[OwnPairs],
        }
    }

    /// True if the role grants `p` (public and authenticated routes are open to all roles).
    pub fn allows(self, p: Permission) -> bool {
        matches!(p, Permission::Public | Permission::Authenticated) || self.permissions().contains(&p)
    }

    /// Roles for which the optional "TOTP required" setting applies.
    pub fn totp_required_by_setting(self) -> bool {
        matches!(
            self,
            Self::Head | Self::Curator | Self::MunicipalMethodist | Self::MunicipalTutor
        )
    }

    /// The organization level the role is assigned at.
    pub fn org_kinds(self) -> &'static [OrgKind] {
        match self {
            Self::Admin => &[OrgKind::Region, OrgKind::Municipality, OrgKind::School],
            Self::MunicipalMethodist | Self::MunicipalTutor => &[OrgKind::Municipality, OrgKind::Region],
            // A municipal methodist may be appointed curator of the schools of the district.
            Self::Curator => &[OrgKind::School, OrgKind::Municipality],
            _ => &[OrgKind::School],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deny_by_default_for_pupils_and_parents() {
        for r in [Role::Mentee, Role::Guardian, Role::Mentor] {
            assert!(!r.allows(Permission::ViewParticipants), "{r:?}");
            assert!(r.allows(Permission::Authenticated));
        }
        assert!(!Role::MunicipalMethodist.allows(Permission::ViewParticipants));
        assert!(Role::Curator.allows(Permission::ManageConsents));
        assert!(!Role::Head.allows(Permission::EditParticipants));
    }

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
    }
}
