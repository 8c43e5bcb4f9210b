//! Values stored and sent as stable codes: reading a code back into its type.

use crate::base::Labelled;

/// A stored code that names no value of its type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} code «{code}»")]
pub struct UnknownCode {
    /// The type's name.
    pub what: &'static str,
    /// The code read.
    pub code: String,
}

macro_rules! from_code_string {
    ($($t:ty => $what:literal),+ $(,)?) => {$(
        impl TryFrom<String> for $t {
            type Error = UnknownCode;
            fn try_from(code: String) -> Result<Self, UnknownCode> {
                <$t>::from_code(&code).ok_or(UnknownCode { what: $what, code })
            }
        }
    )+};
}

from_code_string! {
    crate::CategoryKind => "category",
    crate::ConsentKind => "consent kind",
    crate::ConsentStatus => "consent status",
    crate::OrgKind => "organization kind",
    crate::Role => "role",
    crate::base::BaseKind => "base",
    crate::base::EntryStatus => "entry status",
    crate::base::Form => "form",
    crate::base::RequestSource => "request source",
    crate::pairing::Objective => "pairing objective",
    crate::pairing::RoundState => "pairing round state",
    crate::pairing::Decision => "pairing decision",
    crate::program::ProgramState => "program state",
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::EntryStatus;

    #[test]
    fn a_code_reads_back_and_an_unknown_one_is_named() {
        assert_eq!(EntryStatus::try_from("in_base".to_string()), Ok(EntryStatus::InBase));
        let e = EntryStatus::try_from("waiting".to_string()).unwrap_err();
        assert_eq!(e.to_string(), "unknown entry status code «waiting»");
        let _ = <EntryStatus as Labelled>::ALL;
    }
}
