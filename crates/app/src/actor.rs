//! Who is acting: an account in one role in one organization, from an address.

use domain::{Permission, Role};

use crate::{AppError, Result};

/// The caller of a use case.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Account id (`None` for the CLI acting as the operator).
    pub user_id: Option<i64>,
    /// Name for the audit trail.
    pub name: String,
    /// Role in force.
    pub role: Role,
    /// Organization the role is held in.
    pub org_id: i64,
    /// Client address for the audit trail.
    pub address: String,
}

impl Actor {
    /// The operator at the command line, acting as administrator in `org`.
    pub fn operator(org_id: i64) -> Self {
        Self {
            user_id: None,
            name: "командная строка".into(),
            role: Role::Admin,
            org_id,
            address: "cli".into(),
        }
    }

    /// Fails with [`AppError::Forbidden`] unless the role grants `p`.
    pub fn require(&self, p: Permission) -> Result<()> {
        if self.role.allows(p) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}
