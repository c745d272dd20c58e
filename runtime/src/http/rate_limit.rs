//! An opt-in client-side rate limiter, so a client stays inside its plan's limit instead of
//! collecting 429s.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A rate: at most `limit` requests per `period`, with bursts up to `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    limit: u32,
    period: Duration,
}

impl RateLimit {
    /// `limit` requests per `period` (a limit of 0 is treated as 1).
    pub fn new(limit: u32, period: Duration) -> Self {
        RateLimit {
            limit: limit.max(1),
            period: period.max(Duration::from_millis(1)),
        }
    }

    /// `limit` requests per minute.
    pub fn per_minute(limit: u32) -> Self {
        RateLimit::new(limit, Duration::from_secs(60))
    }

    /// `limit` requests per second.
    pub fn per_second(limit: u32) -> Self {
        RateLimit::new(limit, Duration::from_secs(1))
    }

    /// Requests allowed per period.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// The period.
    pub fn period(&self) -> Duration {
        self.period
    }
}

/// A token bucket shared by every call of a client.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    rate: RateLimit,
    state: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    refilled: Instant,
}

impl RateLimiter {
    pub(crate) fn new(rate: RateLimit) -> Self {
        RateLimiter {
            rate,
            state: Mutex::new(Bucket {
                tokens: f64::from(rate.limit),
                refilled: Instant::now(),
            }),
        }
    }

    /// Takes a token, or says how long until one is available (the call waits that
    /// long, then asks again: another call may have taken it meanwhile).
    pub(crate) fn try_take(&self) -> Option<Duration> {
        let per_token = self.rate.period.as_secs_f64() / f64::from(self.rate.limit);
        let mut bucket = self
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        let earned = now.duration_since(bucket.refilled).as_secs_f64() / per_token;
        bucket.tokens = (bucket.tokens + earned).min(f64::from(self.rate.limit));
        bucket.refilled = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            None
        } else {
            Some(Duration::from_secs_f64((1.0 - bucket.tokens) * per_token))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_a_burst_then_spaces_requests() {
        let limiter = RateLimiter::new(RateLimit::per_second(3));
        assert!(limiter.try_take().is_none());
        assert!(limiter.try_take().is_none());
        assert!(limiter.try_take().is_none());
        let wait = limiter.try_take().expect("the bucket is empty");
        assert!(
            wait <= Duration::from_millis(334) && wait > Duration::from_millis(250),
            "{wait:?}"
        );
    }
}
