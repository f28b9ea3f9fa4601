//! The retry model: what a client may do after an error, declared once per variant.
//!
//! Every value here is `const`-constructible so that the derive can place it in the
//! read-only [`ErrorSpec`](crate::ErrorSpec) table. Defaults by status follow the table in the
//! crate documentation (`Retry::default_for`, `Action::default_for`).

use core::fmt;
use core::time::Duration;

/// Whether, and how, a client may retry a request that failed with this error.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Retry {
    /// Retrying the same request cannot succeed.
    Never,
    /// Throttling: wait as long as the server says (`Retry-After`, then the rate-limit headers),
    /// else follow `fallback`. Safe whatever the method: the server refused before doing work.
    After {
        /// Schedule used when the response names no wait.
        fallback: Backoff,
    },
    /// A transient failure: retry idempotent requests with exponential backoff.
    Backoff(Backoff),
    /// A transient failure: retry idempotent requests after a constant delay.
    Fixed {
        /// Delay before each retry.
        delay: Duration,
        /// Retries after the first attempt.
        attempts: u32,
    },
}

/// An exponential backoff schedule: `base * factor^n`, capped at `max_delay`, then jittered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Backoff {
    /// Delay before the first retry.
    pub base: Duration,
    /// Multiplier between consecutive delays.
    pub factor: u32,
    /// Upper bound of any single delay.
    pub max_delay: Duration,
    /// Retries after the first attempt.
    pub attempts: u32,
    /// How the computed delay is randomised.
    pub jitter: Jitter,
}

/// Randomisation of a backoff delay `d` (see the AWS architecture blog's "Exponential Backoff
/// And Jitter").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Jitter {
    /// Uniform in `[0, d]`.
    Full,
    /// Uniform in `[d/2, d]`.
    Equal,
    /// Exactly `d`.
    None,
}

impl Backoff {
    /// 1 s, 2 s, 4 s with full jitter, 3 retries, each delay capped at 20 s.
    pub const STANDARD: Backoff = Backoff {
        base: Duration::from_secs(1),
        factor: 2,
        max_delay: Duration::from_secs(20),
        attempts: 3,
        jitter: Jitter::Full,
    };

    /// The un-jittered delay before retry number `retry` (0-based), capped at `max_delay`.
    pub fn nominal_delay(&self, retry: u32) -> Duration {
        let factor = self.factor.max(1);
        let mut delay = self.base;
        for _ in 0..retry {
            delay = delay.saturating_mul(factor);
            if delay >= self.max_delay {
                return self.max_delay;
            }
        }
        delay.min(self.max_delay)
    }
}

impl Retry {
    /// The schedule a server declares when a variant names no `retry`: see the crate docs.
    pub const fn default_for(status: u16) -> Retry {
        match status {
            408 | 500 | 502..=504 => Retry::Backoff(Backoff::STANDARD),
            425 | 429 => Retry::After {
                fallback: Backoff::STANDARD,
            },
            _ => Retry::Never,
        }
    }

    /// `true` unless this is [`Retry::Never`].
    pub const fn is_retryable(&self) -> bool {
        !matches!(self, Retry::Never)
    }

    /// Short name used in docs and the JSON catalog: `never`, `after`, `backoff`, `fixed`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            Retry::Never => "never",
            Retry::After { .. } => "after",
            Retry::Backoff(_) => "backoff",
            Retry::Fixed { .. } => "fixed",
        }
    }
}

/// Human-readable strategy, as a reference page states it: "Exponential backoff (1s, 2s, 4s),
/// max 3 retries".
impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Retry::Never => f.write_str("Do not retry"),
            Retry::After { fallback } => {
                f.write_str("Wait for Retry-After or the rate-limit reset, then retry")?;
                if fallback.factor <= 1 {
                    write!(f, " (default {})", Secs(fallback.base))
                } else {
                    Ok(())
                }
            }
            Retry::Backoff(backoff) => {
                f.write_str("Exponential backoff (")?;
                for retry in 0..backoff.attempts.min(5) {
                    if retry > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}", Secs(backoff.nominal_delay(retry)))?;
                }
                if backoff.attempts > 5 {
                    f.write_str(", ...")?;
                }
                write!(f, "), max {} retries", backoff.attempts)
            }
            Retry::Fixed { delay, attempts } => {
                write!(f, "Wait {}, retry up to {attempts} times", Secs(*delay))
            }
        }
    }
}

/// Formats a duration the way the DSL spells it: `5s`, `250ms`, `1.5s`.
pub(crate) struct Secs(pub(crate) Duration);

impl fmt::Display for Secs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let millis = self.0.as_millis();
        if millis % 1000 == 0 {
            write!(f, "{}s", millis / 1000)
        } else if millis < 1000 {
            write!(f, "{millis}ms")
        } else {
            write!(f, "{}.{:03}s", millis / 1000, millis % 1000)
        }
    }
}

/// What the caller should do about an error (AISafe's "What to do" column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Inspect the message, fix the request, resubmit. Do not auto-retry.
    FixRequest,
    /// Obtain fresh credentials.
    Reauthenticate,
    /// Do not retry with the same principal: use other credentials or escalate.
    ChangePrincipal,
    /// Treat the resource as absent (it may exist and be hidden).
    TreatAsAbsent,
    /// Re-fetch the resource and reconcile before retrying.
    Reconcile,
    /// Wait at least the advertised interval, then retry.
    BackOff,
    /// Retry later with backoff, only when the request is idempotent.
    RetryLater,
    /// Retrying will not help: contact the operator.
    ContactSupport,
}

impl Action {
    /// Every action, in declaration order.
    pub const ALL: [Action; 8] = [
        Action::FixRequest,
        Action::Reauthenticate,
        Action::ChangePrincipal,
        Action::TreatAsAbsent,
        Action::Reconcile,
        Action::BackOff,
        Action::RetryLater,
        Action::ContactSupport,
    ];

    /// The action a server declares when a variant names none: see the crate docs.
    pub const fn default_for(status: u16) -> Action {
        match status {
            401 | 407 => Action::Reauthenticate,
            403 => Action::ChangePrincipal,
            404 | 410 => Action::TreatAsAbsent,
            409 | 412 => Action::Reconcile,
            425 | 429 => Action::BackOff,
            408 | 500 | 502..=504 => Action::RetryLater,
            501 | 505..=599 => Action::ContactSupport,
            _ => Action::FixRequest,
        }
    }

    /// The DSL spelling: `fix_request`, `back_off`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            Action::FixRequest => "fix_request",
            Action::Reauthenticate => "reauthenticate",
            Action::ChangePrincipal => "change_principal",
            Action::TreatAsAbsent => "treat_as_absent",
            Action::Reconcile => "reconcile",
            Action::BackOff => "back_off",
            Action::RetryLater => "retry_later",
            Action::ContactSupport => "contact_support",
        }
    }

    /// One sentence for a reference page.
    pub const fn describe(self) -> &'static str {
        match self {
            Action::FixRequest => "Inspect the message, fix the request, and resubmit. Do not auto-retry.",
            Action::Reauthenticate => "Re-authenticate with valid credentials.",
            Action::ChangePrincipal => {
                "Do not retry with the same principal: use other credentials or escalate."
            }
            Action::TreatAsAbsent => "Treat as absent. Do not infer that the resource exists.",
            Action::Reconcile => "Re-fetch the resource and reconcile before retrying.",
            Action::BackOff => "Back off for at least the advertised interval, then retry.",
            Action::RetryLater => "Retry idempotent requests with backoff; contact support if it persists.",
            Action::ContactSupport => "Do not retry; contact support.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_backoff_doubles_and_caps() {
        let b = Backoff::STANDARD;
        let delays: Vec<u64> = (0..6).map(|n| b.nominal_delay(n).as_secs()).collect();
        assert_eq!(delays, [1, 2, 4, 8, 16, 20]);
        assert_eq!(b.nominal_delay(u32::MAX), Duration::from_secs(20));
    }

    #[test]
    fn defaults_follow_the_status_table() {
        for status in [400, 401, 403, 404, 409, 410, 422, 501, 505] {
            assert_eq!(Retry::default_for(status), Retry::Never, "{status}");
        }
        for status in [408, 500, 502, 503, 504] {
            assert!(
                matches!(Retry::default_for(status), Retry::Backoff(_)),
                "{status}"
            );
        }
        assert!(matches!(Retry::default_for(429), Retry::After { .. }));
        assert_eq!(Action::default_for(422), Action::FixRequest);
        assert_eq!(Action::default_for(404), Action::TreatAsAbsent);
        assert_eq!(Action::default_for(503), Action::RetryLater);
        assert_eq!(Action::default_for(501), Action::ContactSupport);
    }

    #[test]
    fn strategies_read_like_a_reference_page() {
        assert_eq!(
            Retry::Backoff(Backoff {
                jitter: Jitter::None,
                ..Backoff::STANDARD
            })
            .to_string(),
            "Exponential backoff (1s, 2s, 4s), max 3 retries"
        );
        let fixed = Retry::Fixed {
            delay: Duration::from_secs(5),
            attempts: 3,
        };
        assert_eq!(fixed.to_string(), "Wait 5s, retry up to 3 times");
        assert_eq!(Secs(Duration::from_millis(1500)).to_string(), "1.500s");
        assert_eq!(Secs(Duration::from_millis(250)).to_string(), "250ms");
    }
}
