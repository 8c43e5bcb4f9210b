//! Background jobs (an import's check and commit): where a job is and why one failed.
//! Stored as codes; pages show the Russian labels of the web layer.

use serde::Serialize;

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting for a worker.
    Queued,
    /// A worker runs it.
    Running,
    /// Finished: the report is ready.
    Done,
    /// Stopped without a report (see [`JobFailure`]).
    Failed,
}

/// What a job does when it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStep {
    /// Reads and checks the file; writes nothing (the dry run).
    Check,
    /// Checks again and writes the file in one transaction.
    Commit,
}

/// Stages of an import, for its progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Reading the file.
    Reading,
    /// Checking the rows.
    Checking,
    /// Comparing with the school's people.
    Comparing,
    /// Writing to the database.
    Writing,
    /// Finished.
    Done,
}

/// Why a job stopped without a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobFailure {
    /// The account may no longer do this.
    Forbidden,
    /// The database or the server failed (the log has the cause).
    Internal,
    /// The server stopped while the job ran; nothing was written.
    Interrupted,
}

macro_rules! codes {
    ($t:ty { $($v:ident => $c:literal),* $(,)? }) => {
        impl $t {
            /// Every value.
            pub const ALL: &'static [$t] = &[$(<$t>::$v),*];

            /// Stable code (database, URLs, Fluent keys).
            pub fn code(self) -> &'static str {
                match self { $(<$t>::$v => $c),* }
            }

            /// Parses a code.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

codes!(JobState { Queued => "queued", Running => "running", Done => "done", Failed => "failed" });
codes!(JobStep { Check => "check", Commit => "commit" });
codes!(Stage { Reading => "reading", Checking => "checking", Comparing => "comparing", Writing => "writing", Done => "done" });
codes!(JobFailure { Forbidden => "forbidden", Internal => "internal", Interrupted => "interrupted" });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for s in JobState::ALL {
            assert_eq!(JobState::from_code(s.code()), Some(*s));
        }
        for s in Stage::ALL {
            assert_eq!(Stage::from_code(s.code()), Some(*s));
        }
        for f in JobFailure::ALL {
            assert_eq!(JobFailure::from_code(f.code()), Some(*f));
        }
        assert_eq!(JobStep::from_code("commit"), Some(JobStep::Commit));
        assert_eq!(JobState::from_code("lost"), None);
    }
}
