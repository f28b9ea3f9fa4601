//! What a response's headers say about when to come back: `Retry-After`, the IETF `RateLimit`
//! fields and the de-facto `X-RateLimit-*` headers.
//!
//! Every parser takes raw bytes and returns `None` (or leaves a field empty) for anything it
//! does not understand: a malformed header never stops a client from handling the error.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::HeaderMap;

/// `X-RateLimit-Reset` values at or above this are epoch seconds (2001-09-09T01:46:40Z); below
/// it they are delta seconds. Nobody advertises a 31-year wait, and every epoch a live server
/// sends today is far above it.
pub const EPOCH_SECONDS_FROM: u64 = 1_000_000_000;

/// `X-RateLimit-Reset` values at or above this are epoch milliseconds (2001-09-09 again), as
/// some gateways send.
pub const EPOCH_MILLIS_FROM: u64 = 1_000_000_000_000;

/// The quota a response reports (`RateLimit`, `RateLimit-*`, `X-RateLimit-*`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RateLimit {
    /// Requests allowed in the window.
    pub limit: Option<u64>,
    /// Requests left in the window.
    pub remaining: Option<u64>,
    /// Time until the window resets, relative to when the response was read.
    pub reset: Option<Duration>,
}

/// The waits a response's headers advertise, resolved against one "now".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetryHints {
    /// `Retry-After`, as delay-seconds or an HTTP-date.
    pub retry_after: Option<Duration>,
    /// The rate-limit fields.
    pub rate_limit: RateLimit,
}

impl RetryHints {
    /// Reads every header errspec knows. `now` resolves HTTP-dates and epoch resets.
    ///
    /// Precedence, first found wins per field: `RateLimit` (structured field) over
    /// `RateLimit-Limit`/`-Remaining`/`-Reset` over `X-RateLimit-Limit`/`-Remaining`/`-Reset`.
    ///
    /// ```
    /// use errspec::client::RetryHints;
    /// use http::HeaderMap;
    /// use std::time::{Duration, UNIX_EPOCH};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("retry-after", "60".parse().unwrap());
    /// headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
    /// headers.insert("x-ratelimit-reset", "1678886460".parse().unwrap());
    /// let now = UNIX_EPOCH + Duration::from_secs(1678886400);
    /// let hints = RetryHints::from_headers(&headers, now);
    /// assert_eq!(hints.retry_after, Some(Duration::from_secs(60)));
    /// assert_eq!(hints.rate_limit.remaining, Some(0));
    /// assert_eq!(hints.rate_limit.reset, Some(Duration::from_secs(60)));
    /// ```
    pub fn from_headers(headers: &HeaderMap, now: SystemTime) -> RetryHints {
        let first = |name: &str| headers.get(name).map(http::HeaderValue::as_bytes);
        let structured = first("ratelimit").map(parse_ratelimit).unwrap_or_default();
        let count = |names: [&str; 2]| {
            names
                .into_iter()
                .find_map(|name| first(name).and_then(parse_count))
        };
        let reset = |names: [&str; 2]| {
            names
                .into_iter()
                .find_map(|name| first(name).and_then(|value| parse_reset(value, now)))
        };
        RetryHints {
            retry_after: first("retry-after").and_then(|value| parse_retry_after(value, now)),
            rate_limit: RateLimit {
                limit: structured
                    .limit
                    .or_else(|| count(["ratelimit-limit", "x-ratelimit-limit"])),
                remaining: structured
                    .remaining
                    .or_else(|| count(["ratelimit-remaining", "x-ratelimit-remaining"])),
                reset: structured
                    .reset
                    .or_else(|| reset(["ratelimit-reset", "x-ratelimit-reset"])),
            },
        }
    }

    /// The wait the server asks for: `Retry-After`, else the rate-limit reset.
    pub fn server_wait(&self) -> Option<Duration> {
        self.retry_after.or(self.rate_limit.reset)
    }
}

/// `Retry-After` (RFC 9110 §10.2.3): delay-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`, also the obsolete RFC 850 and asctime forms). A date in
/// the past means "now": `Duration::ZERO`.
///
/// ```
/// use errspec::client::parse_retry_after;
/// use std::time::{Duration, UNIX_EPOCH};
///
/// let now = UNIX_EPOCH + Duration::from_secs(1_445_412_400); // 07:26:40 GMT
/// assert_eq!(parse_retry_after(b"120", now), Some(Duration::from_secs(120)));
/// assert_eq!(
///     parse_retry_after(b"Wed, 21 Oct 2015 07:28:00 GMT", now),
///     Some(Duration::from_secs(80))
/// );
/// assert_eq!(parse_retry_after(b"soon", now), None);
/// ```
pub fn parse_retry_after(value: &[u8], now: SystemTime) -> Option<Duration> {
    let text = trim(value)?;
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok().map(Duration::from_secs);
    }
    let date = httpdate::parse_http_date(text).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// `X-RateLimit-Reset` / `RateLimit-Reset`: a non-negative number, decided by magnitude.
///
/// - below [`EPOCH_SECONDS_FROM`] (10^9): delta seconds, fractions allowed (`1.5`);
/// - from 10^9 to below [`EPOCH_MILLIS_FROM`] (10^12): Unix epoch seconds;
/// - from 10^12: Unix epoch milliseconds.
///
/// An epoch in the past means "now": `Duration::ZERO`.
///
/// ```
/// use errspec::client::parse_reset;
/// use std::time::{Duration, UNIX_EPOCH};
///
/// let now = UNIX_EPOCH + Duration::from_secs(1678886400);
/// assert_eq!(parse_reset(b"30", now), Some(Duration::from_secs(30)));
/// assert_eq!(parse_reset(b"1678886460", now), Some(Duration::from_secs(60)));
/// assert_eq!(parse_reset(b"1678886460500", now), Some(Duration::from_millis(60_500)));
/// assert_eq!(parse_reset(b"1600000000", now), Some(Duration::ZERO));
/// assert_eq!(parse_reset(b"-1", now), None);
/// ```
pub fn parse_reset(value: &[u8], now: SystemTime) -> Option<Duration> {
    let text = trim(value)?;
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let whole = parse_digits(whole)?;
    if whole >= EPOCH_SECONDS_FROM {
        if !fraction.is_empty() {
            return None;
        }
        let at = if whole >= EPOCH_MILLIS_FROM {
            UNIX_EPOCH.checked_add(Duration::from_millis(whole))?
        } else {
            UNIX_EPOCH.checked_add(Duration::from_secs(whole))?
        };
        return Some(at.duration_since(now).unwrap_or(Duration::ZERO));
    }
    Some(Duration::from_secs(whole) + parse_fraction(fraction)?)
}

/// A count header (`X-RateLimit-Remaining`, `X-RateLimit-Limit`): a non-negative integer.
pub fn parse_count(value: &[u8]) -> Option<u64> {
    parse_digits(trim(value)?)
}

/// The IETF `RateLimit` field, both drafts' spellings:
/// `limit=100, remaining=0, reset=50` (draft 06/07) and `"default";r=0;t=50` (draft 08 on,
/// `r` remaining, `t` seconds to reset). With several policies the most restrictive wins: the
/// smallest `remaining`, the longest `reset` and the smallest `limit`. Unknown keys and
/// malformed items are skipped.
///
/// ```
/// use errspec::client::{parse_ratelimit, RateLimit};
/// use std::time::Duration;
///
/// let expect = RateLimit { limit: Some(100), remaining: Some(0), reset: Some(Duration::from_secs(50)) };
/// assert_eq!(parse_ratelimit(b"limit=100, remaining=0, reset=50"), expect);
/// assert_eq!(parse_ratelimit(b"\"day\";r=5;t=3600, \"burst\";r=0;t=50").reset, Some(Duration::from_secs(3600)));
/// ```
pub fn parse_ratelimit(value: &[u8]) -> RateLimit {
    let mut out = RateLimit::default();
    let Some(text) = trim(value) else {
        return out;
    };
    for param in text.split([',', ';']) {
        let Some((key, number)) = param.split_once('=') else {
            continue;
        };
        let Some(number) = parse_digits(number.trim()) else {
            continue;
        };
        match key.trim() {
            "limit" | "q" => out.limit = Some(out.limit.map_or(number, |old| old.min(number))),
            "remaining" | "r" => {
                out.remaining = Some(out.remaining.map_or(number, |old| old.min(number)));
            }
            "reset" | "t" => {
                let reset = Duration::from_secs(number);
                out.reset = Some(out.reset.map_or(reset, |old| old.max(reset)));
            }
            _ => {}
        }
    }
    out
}

/// The value as trimmed, non-empty UTF-8 text.
fn trim(value: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(value).ok()?.trim();
    (!text.is_empty()).then_some(text)
}

/// ASCII digits only (no sign, no `+`), without overflow.
fn parse_digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The digits after a decimal point, as a sub-second duration (nanosecond precision).
fn parse_fraction(digits: &str) -> Option<Duration> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut nanos = 0u32;
    let mut scale = 100_000_000u32;
    for digit in digits.bytes().take(9) {
        nanos += u32::from(digit - b'0') * scale;
        scale /= 10;
    }
    Some(Duration::from_nanos(u64::from(nanos)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn retry_after_rejects_what_rfc_9110_does_not_allow() {
        let now = at(1_445_412_400);
        for bad in [
            &b""[..],
            b" ",
            b"-5",
            b"+5",
            b"1.5",
            b"5s",
            b"\xff\xfe",
            b"99999999999999999999999",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad:?}");
        }
        assert_eq!(parse_retry_after(b" 7 ", now), Some(Duration::from_secs(7)));
        // RFC 850 and asctime forms are obsolete but still valid HTTP-dates.
        assert_eq!(
            parse_retry_after(b"Wednesday, 21-Oct-15 07:28:00 GMT", now),
            Some(Duration::from_secs(80))
        );
        assert_eq!(
            parse_retry_after(b"Wed Oct 21 07:28:00 2015", now),
            Some(Duration::from_secs(80))
        );
        assert_eq!(
            parse_retry_after(b"Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn reset_is_decided_by_magnitude() {
        let now = at(1_678_886_400);
        assert_eq!(
            parse_reset(b"999999999", now),
            Some(Duration::from_secs(999_999_999))
        );
        assert_eq!(parse_reset(b"1000000000", now), Some(Duration::ZERO));
        assert_eq!(parse_reset(b"0.25", now), Some(Duration::from_millis(250)));
        assert_eq!(parse_reset(b"1678886460.5", now), None);
        assert_eq!(parse_reset(b"1.", now), Some(Duration::from_secs(1)));
        assert_eq!(parse_reset(b".5", now), None);
        // u64::MAX epoch milliseconds: far in the future, still no overflow.
        assert!(parse_reset(b"18446744073709551615", now).is_some_and(|d| d > Duration::from_secs(1 << 40)));
    }

    #[test]
    fn structured_ratelimit_skips_what_it_does_not_know() {
        assert_eq!(
            parse_ratelimit(b"garbage, reset=x, remaining=-1"),
            RateLimit::default()
        );
        assert_eq!(
            parse_ratelimit(b"limit=10, foo=bar, remaining=3").remaining,
            Some(3)
        );
    }

    #[test]
    fn header_precedence() {
        let mut headers = HeaderMap::new();
        headers.insert("ratelimit", "limit=100, remaining=0, reset=50".parse().unwrap());
        headers.insert("ratelimit-reset", "20".parse().unwrap());
        headers.insert("x-ratelimit-reset", "10".parse().unwrap());
        let hints = RetryHints::from_headers(&headers, at(0));
        assert_eq!(hints.rate_limit.reset, Some(Duration::from_secs(50)));
        assert_eq!(hints.server_wait(), Some(Duration::from_secs(50)));
        headers.remove("ratelimit");
        let hints = RetryHints::from_headers(&headers, at(0));
        assert_eq!(hints.rate_limit.reset, Some(Duration::from_secs(20)));
        assert_eq!(hints.rate_limit.limit, None);
        headers.insert("retry-after", "5".parse().unwrap());
        assert_eq!(
            RetryHints::from_headers(&headers, at(0)).server_wait(),
            Some(Duration::from_secs(5))
        );
    }
}
