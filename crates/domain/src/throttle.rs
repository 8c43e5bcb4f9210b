//! How failed logins slow the next attempt: growing delays, never a lock.
//!
//! Decision (issue 15, class 8). OWASP ASVS 5.0 V6.1.1/V6.3.1 ask for controls against
//! brute force and credential stuffing that do not allow *malicious account lockout*;
//! kanidm's soft lock delays the credential 1 s after a failure and doubles the delay with
//! each further failure inside a reset window; vaultwarden limits login attempts per
//! address. Here failures are counted per (login, client address) — a stranger slows only
//! their own address — with 5 free attempts, then 1 s, 2 s, 4 s … capped at 15 min; a
//! success from that address clears its counter. A looser count per login across all
//! addresses (20 free, then 1 s … capped at 1 min) slows a distributed guesser but never
//! stops an address the account logged in from within the last 90 days. Counters are
//! forgotten 24 hours after their last failure. Unknown logins are counted exactly like
//! known ones, so the answers never tell whether an account exists.

/// A growing delay after a number of failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Failures allowed before any delay.
    pub free: i64,
    /// The longest delay, in seconds.
    pub cap_secs: i64,
}

impl Backoff {
    /// Seconds to wait after `failures` failures: none while free, then 1, 2, 4 … up to the cap.
    pub fn delay_after(self, failures: i64) -> i64 {
        if failures < self.free {
            return 0;
        }
        let doublings = (failures - self.free).min(30) as u32;
        (1i64 << doublings).min(self.cap_secs)
    }
}

/// Failures of one login from one client address.
pub const PER_ADDRESS: Backoff = Backoff {
    free: 5,
    cap_secs: 15 * 60,
};

/// Failures of one login from every address together (slows, never locks).
pub const PER_LOGIN: Backoff = Backoff { free: 20, cap_secs: 60 };

/// A counter with no failure for this long starts again from zero.
pub const RESET_AFTER_SECS: i64 = 24 * 3600;

/// An address the account logged in from this recently is not slowed by the per-login count.
pub const TRUSTED_FOR_SECS: i64 = 90 * 24 * 3600;

/// The address key of the per-login counter.
pub const ANY_ADDRESS: &str = "*";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_start_after_the_free_attempts_double_and_stop_at_the_cap() {
        let delays: Vec<i64> = (1..=8).map(|n| PER_ADDRESS.delay_after(n)).collect();
        assert_eq!(delays, [0, 0, 0, 0, 1, 2, 4, 8]);
        assert_eq!(PER_ADDRESS.delay_after(14), 512);
        assert_eq!(PER_ADDRESS.delay_after(15), 900);
        assert_eq!(PER_ADDRESS.delay_after(10_000), 900);
        assert_eq!(PER_LOGIN.delay_after(19), 0);
        assert_eq!(PER_LOGIN.delay_after(20), 1);
        assert_eq!(PER_LOGIN.delay_after(500), 60);
    }
}
