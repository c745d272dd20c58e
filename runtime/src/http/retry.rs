//! When to try a request again, and how long to wait before doing so.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use super::error::TransportErrorKind;

/// Retries with exponential backoff and full jitter, honouring `Retry-After`.
///
/// # Defaults
///
/// [`RetryPolicy::default`]: at most **3 attempts**, a first backoff of **200 ms**
/// doubling up to **10 s**, no retry that would start more than **60 s** after the first
/// attempt, and requests that are not idempotent **not** repeated after they may have
/// reached the provider. [`RetryPolicy::none`] sends every request once.
///
/// # What is retried
///
/// A call *may be repeated* when its method is idempotent (GET, HEAD, PUT, DELETE,
/// OPTIONS), when it says so ([`Call::idempotent`](super::Call::idempotent)), or when the
/// policy says so for every call ([`RetryPolicy::retry_non_idempotent`]). Most operations
/// of these APIs create a message (POST), and a POST repeated after the provider processed
/// it sends the message twice; so a failure after the request may have been processed is
/// retried only for a call that may be repeated:
///
/// | failure | may be repeated (GET, `.idempotent(true)`) | not (POST) |
/// |---|---|---|
/// | no connection (refused, DNS, TLS) | retried | retried: nothing was sent |
/// | connection closed or reset before the response head | retried | not retried |
/// | an attempt's timeout | retried | not retried |
/// | head received, body cut off or reset mid-body | retried | not retried: it was processed |
/// | 429 Too Many Requests | retried | retried: refused before processing |
/// | 408, 500, 502, 503, 504 | retried | not retried |
/// | other 4xx and 5xx (400, 404, 501, 505, …) | not retried | not retried |
/// | a 2xx whose body does not decode (invalid JSON, wrong content type) | not retried | not retried |
/// | the call's deadline passed | ends the call | ends the call |
/// | a request that cannot be built (a bad path parameter, header or body) | nothing is sent | nothing is sent |
///
/// 408 is treated like a 5xx rather than as "never received": some servers answer it for
/// their own slow handling. Other 5xx (501 Not Implemented, 505, 507, …) describe a
/// lasting condition that a retry does not change. A 2xx that does not decode came from a
/// provider that processed the request; asking again would repeat the work and likely the
/// answer.
///
/// # Waits and caps
///
/// The wait before attempt *n + 1* is drawn between half and all of
/// `initial_backoff × 2^(n-1)`, capped at [`max_backoff`](RetryPolicy::max_backoff), and
/// is at least the response's `Retry-After` (seconds or an HTTP date). A retry is made
/// only while attempts remain, when it would start within
/// [`max_elapsed`](RetryPolicy::max_elapsed) of the first attempt, and when its wait ends
/// before the call's deadline ([`Call::deadline`](super::Call::deadline)). Otherwise the
/// last failure is returned at once, without waiting: a 429 or 503 whose `Retry-After`
/// does not fit comes back as [`Error::Status`](super::Error::Status), with the headers,
/// and [`StatusError::retry_after`](super::StatusError::retry_after) says when the
/// provider will take the request.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_elapsed: Duration,
    pub(crate) retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// 3 attempts, 200 ms first backoff, 10 s longest backoff, 60 s since the first
    /// attempt for the last retry to start, calls that are not idempotent not repeated.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// No retries: every request is sent once (the other settings are the defaults, and
    /// matter only if [`max_attempts`](RetryPolicy::max_attempts) is raised again).
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// At most this many attempts in all, the first one included (default 3; at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The ceiling of the first backoff (default 200 ms); each later ceiling doubles, up to
    /// [`RetryPolicy::max_backoff`]. The wait itself is drawn between half the ceiling and
    /// all of it.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The highest backoff ceiling (default 10 s). It caps the waits the policy draws, not
    /// a `Retry-After` from the provider: that one is honoured when it fits within
    /// [`RetryPolicy::max_elapsed`] and the call's deadline, and otherwise ends the retries.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// No retry starts later than this after the first attempt started (default 60 s):
    /// a retry whose wait would end later is not made, and the last failure is returned.
    /// Unlike a deadline, it never cuts an attempt short.
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// Treat every call as one that may be repeated (default `false`): timeouts, lost
    /// connections, cut-off bodies, 408 and 5xx are then retried for POST too. Only safe
    /// when a repeated request cannot create a duplicate. A call's own
    /// [`Call::idempotent`](super::Call::idempotent) takes precedence.
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry_non_idempotent = yes;
        self
    }

    /// The wait before attempt `attempt + 1`: full jitter over an exponential ceiling.
    pub(crate) fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let ceiling = ceiling.min(self.max_backoff);
        let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(fastrand::u64(millis / 2..=millis.max(1)))
    }
}

/// Whether a transport failure is worth another attempt (the table on [`RetryPolicy`]).
pub(crate) fn retryable_failure(kind: TransportErrorKind, may_repeat: bool) -> bool {
    match kind {
        // Nothing reached the provider.
        TransportErrorKind::Connect => true,
        // The provider may have processed the request (and, with a body on the way, did).
        TransportErrorKind::Timeout | TransportErrorKind::Reset | TransportErrorKind::Body => {
            may_repeat
        }
        TransportErrorKind::Deadline | TransportErrorKind::Other => false,
    }
}

/// Whether an error status is worth another attempt (the table on [`RetryPolicy`]).
pub(crate) fn retryable_status(status: StatusCode, may_repeat: bool) -> bool {
    match status {
        // Refused before processing: safe to repeat any request.
        StatusCode::TOO_MANY_REQUESTS => true,
        StatusCode::REQUEST_TIMEOUT
        | StatusCode::INTERNAL_SERVER_ERROR
        | StatusCode::BAD_GATEWAY
        | StatusCode::SERVICE_UNAVAILABLE
        | StatusCode::GATEWAY_TIMEOUT => may_repeat,
        _ => false,
    }
}

/// `Retry-After` as a wait: delta-seconds or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(
        when.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_defaults_are_the_defaults() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.max_attempts, 3);
        assert_eq!(policy.initial_backoff, Duration::from_millis(200));
        assert_eq!(policy.max_backoff, Duration::from_secs(10));
        assert_eq!(policy.max_elapsed, Duration::from_secs(60));
        assert!(!policy.retry_non_idempotent);
        assert_eq!(RetryPolicy::none().max_attempts, 1);
        assert_eq!(RetryPolicy::default().max_attempts(0).max_attempts, 1);
    }

    #[test]
    fn the_retry_table() {
        use TransportErrorKind::*;
        for (kind, repeatable, not) in [
            (Connect, true, true),
            (Reset, true, false),
            (Timeout, true, false),
            (Body, true, false),
            (Deadline, false, false),
            (Other, false, false),
        ] {
            assert_eq!(retryable_failure(kind, true), repeatable, "{kind:?}");
            assert_eq!(retryable_failure(kind, false), not, "{kind:?}");
        }
        for (status, repeatable, not) in [
            (429, true, true),
            (408, true, false),
            (500, true, false),
            (502, true, false),
            (503, true, false),
            (504, true, false),
            (501, false, false),
            (505, false, false),
            (400, false, false),
            (404, false, false),
            (409, false, false),
        ] {
            let status = StatusCode::from_u16(status).expect("a status");
            assert_eq!(retryable_status(status, true), repeatable, "{status}");
            assert_eq!(retryable_status(status, false), not, "{status}");
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "7".parse().expect("header"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        headers.insert(RETRY_AFTER, later.parse().expect("header"));
        let wait = retry_after(&headers).expect("a date");
        assert!(
            wait <= Duration::from_secs(30) && wait >= Duration::from_secs(28),
            "{wait:?}"
        );
        let past = httpdate::fmt_http_date(SystemTime::now() - Duration::from_secs(30));
        headers.insert(RETRY_AFTER, past.parse().expect("header"));
        assert_eq!(retry_after(&headers), Some(Duration::ZERO));
        headers.insert(RETRY_AFTER, "soon".parse().expect("header"));
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(300));
        for _ in 0..50 {
            assert!(policy.backoff(1) <= Duration::from_millis(100));
            assert!(policy.backoff(5) <= Duration::from_millis(300));
            assert!(policy.backoff(5) >= Duration::from_millis(150));
        }
    }
}
