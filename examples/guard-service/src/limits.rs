//! A per-key fixed-window rate limit.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many requests one key may send per window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed per window.
    pub requests: u32,
    /// The window's length.
    pub window: Duration,
}

/// Counts requests per key; a key over its limit learns how long to wait.
#[derive(Debug)]
pub struct Limiter {
    limit: RateLimit,
    windows: Mutex<HashMap<String, (Instant, u32)>>,
}

impl Limiter {
    /// A limiter enforcing `limit`.
    pub fn new(limit: RateLimit) -> Limiter {
        Limiter {
            limit,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// The limit enforced.
    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Counts one request of `key` at `now`: `Err(wait)` when the key is over its limit.
    pub fn check(&self, key: &str, now: Instant) -> Result<(), Duration> {
        let mut windows = self
            .windows
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (start, count) = windows.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(*start) >= self.limit.window {
            (*start, *count) = (now, 0);
        }
        if *count >= self.limit.requests {
            return Err(self.limit.window.saturating_sub(now.duration_since(*start)));
        }
        *count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_limited_separately_until_the_window_ends() {
        let limiter = Limiter::new(RateLimit {
            requests: 2,
            window: Duration::from_secs(60),
        });
        let t0 = Instant::now();
        assert_eq!(limiter.check("a", t0), Ok(()));
        assert_eq!(limiter.check("a", t0), Ok(()));
        assert_eq!(
            limiter.check("a", t0 + Duration::from_secs(15)),
            Err(Duration::from_secs(45))
        );
        assert_eq!(limiter.check("b", t0), Ok(()));
        assert_eq!(limiter.check("a", t0 + Duration::from_secs(60)), Ok(()));
    }
}
