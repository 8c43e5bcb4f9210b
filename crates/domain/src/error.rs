//! Validation results that name the field and carry a message key for the locale files.

use std::fmt;

/// One broken rule on one field: `code` is a Fluent message id, `args` fill it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Form/API field name, e.g. `last_name`.
    pub field: &'static str,
    /// Stable code, also the Fluent message id (`err-…`).
    pub code: &'static str,
    /// Named arguments for the message.
    pub args: Vec<(&'static str, String)>,
}

impl Violation {
    /// A violation without arguments.
    pub fn new(field: &'static str, code: &'static str) -> Self {
        Self {
            field,
            code,
            args: Vec::new(),
        }
    }

    /// Adds a named argument for the message.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.code)
    }
}

/// All violations found in one input, so a form can show every message at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(", "))]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    /// Records a violation.
    pub fn push(&mut self, v: Violation) {
        self.0.push(v);
    }

    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Collects the error of a field-level parse, passing the value through.
    pub fn take<T>(&mut self, r: Result<T, Violation>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }
}

impl From<Violation> for Violations {
    fn from(v: Violation) -> Self {
        Self(vec![v])
    }
}
