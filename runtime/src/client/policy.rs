//! `RetryPolicy::decide`: turns a decoded error, the attempt number and the request's method
//! into "wait this long, then retry" or "stop, because ...".

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::Method;

use super::budget::RetryBudget;
use super::remote::RemoteError;
use super::rng::SplitMix64;
use crate::api_error::ErrorKind;
use crate::retry::{Backoff, Jitter, Retry};

/// What the policy needs to know about the request that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestFacts {
    /// The request method.
    pub method: Method,
    /// Whether the request carried an `Idempotency-Key` header.
    pub idempotency_key: bool,
}

impl RequestFacts {
    /// A request with `method` and no `Idempotency-Key`.
    pub fn new(method: Method) -> Self {
        RequestFacts {
            method,
            idempotency_key: false,
        }
    }

    /// Marks the request as carrying an `Idempotency-Key`.
    #[must_use]
    pub fn with_idempotency_key(mut self) -> Self {
        self.idempotency_key = true;
        self
    }

    /// Whether a transient failure may be retried: an idempotent method (RFC 9110 §9.2.2: GET,
    /// HEAD, OPTIONS, TRACE, PUT, DELETE) or an `Idempotency-Key`.
    pub fn is_idempotent(&self) -> bool {
        self.idempotency_key
            || matches!(
                self.method,
                Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE | Method::PUT | Method::DELETE
            )
    }
}

impl<B> From<&http::Request<B>> for RequestFacts {
    /// The method, and whether an `Idempotency-Key` header is present.
    fn from(request: &http::Request<B>) -> Self {
        RequestFacts {
            method: request.method().clone(),
            idempotency_key: request.headers().contains_key("idempotency-key"),
        }
    }
}

/// The outcome of [`RetryPolicy::decide`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait this long, then send the same request again.
    Retry(Duration),
    /// Do not retry.
    Stop(Reason),
}

impl Decision {
    /// The wait, when the decision is to retry.
    pub fn wait(&self) -> Option<Duration> {
        match self {
            Decision::Retry(wait) => Some(*wait),
            Decision::Stop(_) => None,
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Decision::Retry(wait) => write!(f, "retry in {wait:?}"),
            Decision::Stop(reason) => write!(f, "stop: {reason}"),
        }
    }
}

/// Why [`RetryPolicy::decide`] said stop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The error's schedule is `never`: retrying the same request cannot succeed.
    NotRetryable,
    /// The schedule's retries are used up.
    AttemptsExhausted {
        /// Retries the schedule allows.
        attempts: u32,
    },
    /// The server asked for a longer wait than the policy accepts.
    WaitTooLong {
        /// The wait the retry would need.
        wait: Duration,
        /// The policy's limit.
        max_wait: Duration,
    },
    /// A transient failure of a request that may not be repeated safely: a method that is not
    /// idempotent, sent without an `Idempotency-Key`.
    NotIdempotent {
        /// The request's method.
        method: Method,
    },
    /// The shared retry budget cannot pay for another retry.
    BudgetExhausted,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotRetryable => f.write_str("the error is not retryable"),
            Reason::AttemptsExhausted { attempts } => write!(f, "all {attempts} retries used"),
            Reason::WaitTooLong { wait, max_wait } => {
                write!(
                    f,
                    "the server asks to wait {wait:?}, above the limit of {max_wait:?}"
                )
            }
            Reason::NotIdempotent { method } => {
                write!(f, "{method} without an Idempotency-Key may not be repeated")
            }
            Reason::BudgetExhausted => f.write_str("the retry budget is exhausted"),
        }
    }
}

/// The client side of errspec's retry model (see the crate docs' table).
///
/// - throttling (`retry = after`): retried whatever the method, since the server refused before
///   doing any work. The wait is the larger of what the server asks (`Retry-After`, else the
///   rate-limit reset) and the fallback backoff for this attempt: the advertised interval is
///   a floor, and repeated 429s still back off exponentially.
/// - transient (`backoff`, `fixed`): retried only when the request is idempotent or carries an
///   `Idempotency-Key` (see [`with_safe_methods_only`](RetryPolicy::with_safe_methods_only) for
///   a stricter rule); a `Retry-After` on the response is honoured the same way, as a floor.
/// - a wait above `max_wait` (default 120 s) stops with [`Reason::WaitTooLong`].
/// - with a [`RetryBudget`], every retry is paid for from the shared bucket.
///
/// Jitter comes from a SplitMix64 generator owned by the policy: seed it (or turn jitter off)
/// for a reproducible schedule.
///
/// ```
/// use errspec::client::{Decision, RemoteError, RequestFacts, RetryPolicy};
/// use errspec::Jitter;
/// use http::{HeaderMap, Method, StatusCode};
/// use std::time::Duration;
///
/// let policy = RetryPolicy::new().with_jitter(Jitter::None);
/// let error: RemoteError = RemoteError::from_parts(StatusCode::INTERNAL_SERVER_ERROR, &HeaderMap::new(), b"");
/// let get = RequestFacts::new(Method::GET);
/// let waits: Vec<Decision> = (0..4).map(|attempt| policy.decide(&error, attempt, &get)).collect();
/// assert_eq!(waits[..3], [1, 2, 4].map(|s| Decision::Retry(Duration::from_secs(s))));
/// assert_eq!(waits[3].to_string(), "stop: all 3 retries used");
/// ```
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    max_wait: Duration,
    jitter: Option<Jitter>,
    rng: Arc<SplitMix64>,
    budget: Option<Arc<RetryBudget>>,
    safe_methods_only: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::new()
    }
}

impl RetryPolicy {
    /// The default limit on a single wait.
    pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(120);

    /// `max_wait` 120 s, each schedule's own jitter from an OS-seeded generator, no budget.
    pub fn new() -> Self {
        RetryPolicy {
            max_wait: RetryPolicy::DEFAULT_MAX_WAIT,
            jitter: None,
            rng: Arc::new(SplitMix64::from_entropy()),
            budget: None,
            safe_methods_only: false,
        }
    }

    /// Waits longer than this stop instead of sleeping.
    #[must_use]
    pub fn with_max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = max_wait;
        self
    }

    /// Uses `jitter` instead of each schedule's own (`Jitter::None` for exact waits).
    #[must_use]
    pub fn with_jitter(mut self, jitter: Jitter) -> Self {
        self.jitter = Some(jitter);
        self
    }

    /// Draws jitter from a generator seeded with `seed`: the same sequence of decisions gives
    /// the same waits.
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.rng = Arc::new(SplitMix64::seeded(seed));
        self
    }

    /// Pays every retry from `budget` (share one between all the clients of a service).
    #[must_use]
    pub fn with_budget(mut self, budget: Arc<RetryBudget>) -> Self {
        self.budget = Some(budget);
        self
    }

    /// Repeats transient failures without an `Idempotency-Key` only for the safe methods (GET,
    /// HEAD, OPTIONS, TRACE), not PUT or DELETE: for APIs whose PUT and DELETE have side effects
    /// beyond RFC 9110's idempotency (TruthVouch: "PATCH/PUT may cause unintended side effects,
    /// DELETE may delete multiple times").
    #[must_use]
    pub fn with_safe_methods_only(mut self) -> Self {
        self.safe_methods_only = true;
        self
    }

    /// Whether this policy may repeat `request` after a transient failure.
    pub fn may_repeat(&self, request: &RequestFacts) -> bool {
        if self.safe_methods_only {
            request.idempotency_key || request.method.is_safe()
        } else {
            request.is_idempotent()
        }
    }

    /// The limit on a single wait.
    pub fn max_wait(&self) -> Duration {
        self.max_wait
    }

    /// The budget, if any.
    pub fn budget(&self) -> Option<&Arc<RetryBudget>> {
        self.budget.as_ref()
    }

    /// Reports a successful response, refilling the budget.
    pub fn record_success(&self) {
        if let Some(budget) = &self.budget {
            budget.deposit();
        }
    }

    /// Decides what to do after `error`. `attempt` counts the retries already made for this
    /// request: 0 after the first failure.
    pub fn decide<K: ErrorKind>(
        &self,
        error: &RemoteError<K>,
        attempt: u32,
        request: &RequestFacts,
    ) -> Decision {
        self.decide_schedule(
            error.retry(),
            error.retry_after(),
            error.server_wait(),
            attempt,
            request,
        )
    }

    /// [`decide`](RetryPolicy::decide) from the parts: the schedule, the `Retry-After` the
    /// response carries, and the wait a throttled client should honour (`Retry-After`, else
    /// the rate-limit reset).
    pub fn decide_schedule(
        &self,
        retry: Retry,
        retry_after: Option<Duration>,
        server_wait: Option<Duration>,
        attempt: u32,
        request: &RequestFacts,
    ) -> Decision {
        let (transient, attempts) = match retry {
            Retry::Never => return Decision::Stop(Reason::NotRetryable),
            Retry::After { fallback } => (false, fallback.attempts),
            Retry::Backoff(backoff) => (true, backoff.attempts),
            Retry::Fixed { attempts, .. } => (true, attempts),
        };
        if transient && !self.may_repeat(request) {
            return Decision::Stop(Reason::NotIdempotent {
                method: request.method.clone(),
            });
        }
        if attempt >= attempts {
            return Decision::Stop(Reason::AttemptsExhausted { attempts });
        }
        let wait = match retry {
            Retry::After { fallback } => floor(server_wait, self.delay(&fallback, attempt)),
            Retry::Backoff(backoff) => floor(retry_after, self.delay(&backoff, attempt)),
            Retry::Fixed { delay, .. } => floor(retry_after, delay),
            Retry::Never => return Decision::Stop(Reason::NotRetryable),
        };
        if wait > self.max_wait {
            return Decision::Stop(Reason::WaitTooLong {
                wait,
                max_wait: self.max_wait,
            });
        }
        if let Some(budget) = &self.budget {
            if !budget.try_withdraw() {
                return Decision::Stop(Reason::BudgetExhausted);
            }
        }
        Decision::Retry(wait)
    }

    /// The jittered delay of `backoff` before retry number `retry` (0-based).
    pub fn delay(&self, backoff: &Backoff, retry: u32) -> Duration {
        let nominal = backoff.nominal_delay(retry);
        match self.jitter.unwrap_or(backoff.jitter) {
            Jitter::None => nominal,
            Jitter::Full => self.rng.up_to(nominal),
            Jitter::Equal => {
                let half = nominal / 2;
                half + self.rng.up_to(nominal.saturating_sub(half))
            }
        }
    }
}

/// The schedule's delay, raised to the server's wait when it names one.
fn floor(server: Option<Duration>, schedule: Duration) -> Duration {
    server.map_or(schedule, |server| server.max(schedule))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standard(jitter: Jitter) -> Backoff {
        Backoff {
            jitter,
            ..Backoff::STANDARD
        }
    }

    #[test]
    fn jitter_stays_within_its_range_and_is_reproducible() {
        let a = RetryPolicy::new().with_seed(42);
        let b = RetryPolicy::new().with_seed(42);
        for retry in 0..6 {
            let nominal = Backoff::STANDARD.nominal_delay(retry);
            let full = a.delay(&standard(Jitter::Full), retry);
            assert_eq!(full, b.delay(&standard(Jitter::Full), retry));
            assert!(full <= nominal);
            let equal = a.delay(&standard(Jitter::Equal), retry);
            assert_eq!(equal, b.delay(&standard(Jitter::Equal), retry));
            assert!(
                equal >= nominal / 2 && equal <= nominal,
                "{equal:?} vs {nominal:?}"
            );
            assert_eq!(a.delay(&standard(Jitter::None), retry), nominal);
        }
        // A different seed draws different waits.
        let c = RetryPolicy::new().with_seed(43);
        let draws = |p: &RetryPolicy| {
            (0..8)
                .map(|_| p.delay(&standard(Jitter::Full), 3))
                .collect::<Vec<_>>()
        };
        assert_ne!(draws(&RetryPolicy::new().with_seed(42)), draws(&c));
    }

    #[test]
    fn policy_override_replaces_the_schedule_jitter() {
        let policy = RetryPolicy::new().with_jitter(Jitter::None);
        assert_eq!(policy.delay(&standard(Jitter::Full), 2), Duration::from_secs(4));
    }

    #[test]
    fn idempotency_follows_rfc_9110() {
        for method in [
            Method::GET,
            Method::HEAD,
            Method::OPTIONS,
            Method::TRACE,
            Method::PUT,
            Method::DELETE,
        ] {
            assert!(RequestFacts::new(method).is_idempotent());
        }
        for method in [Method::POST, Method::PATCH, Method::CONNECT] {
            assert!(!RequestFacts::new(method.clone()).is_idempotent());
            assert!(RequestFacts::new(method).with_idempotency_key().is_idempotent());
        }
        let request = http::Request::post("/scan")
            .header("Idempotency-Key", "req_abc123_scan_1")
            .body(())
            .unwrap();
        assert_eq!(
            RequestFacts::from(&request),
            RequestFacts::new(Method::POST).with_idempotency_key()
        );
    }
}
