//! Failures reported inside a success status (Telegram answers 200 with
//! `{"ok": false, "error_code": 429, "parameters": {"retry_after": 5}}`), and a retry wait
//! read from the body, described as data by generated code.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;

/// Where a provider's response body says whether the call failed, with which code, and
/// how long to wait before retrying. Every field is a JSON pointer (RFC 6901).
///
/// A success-status body whose `ok` field is `false` is a failure: an
/// [`Error::Status`](super::Error::Status) whose status is the body's code when it is an
/// HTTP error status (400–599), else the response's own, with the body typed as the
/// operation's error body. It is retried as that status would be (a `429` always), waiting
/// at least the body's retry wait, like `Retry-After`; the wait is read from error-status
/// bodies too (Telegram also answers a real 429 with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope {
    ok: &'static str,
    code: Option<&'static str>,
    retry_after: Option<&'static str>,
}

impl Envelope {
    /// A failure is a body whose boolean at `ok` (`/ok`) is `false`.
    pub const fn ok_field(ok: &'static str) -> Self {
        Envelope {
            ok,
            code: None,
            retry_after: None,
        }
    }

    /// The failure's code, an integer, at `code` (`/error_code`).
    pub const fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    /// The wait before a retry, in seconds, at `retry_after` (`/parameters/retry_after`).
    pub const fn retry_after(mut self, retry_after: &'static str) -> Self {
        self.retry_after = Some(retry_after);
        self
    }

    /// What the body says. A body that is not JSON, or lacks the fields, says nothing
    /// (it is then decoded, or reported, as it would be without an envelope).
    pub(crate) fn inspect(&self, status: StatusCode, raw: &[u8]) -> Inspected {
        let Ok(body) = serde_json::from_slice::<Value>(raw) else {
            return Inspected::default();
        };
        let failed = status.is_success() && body.pointer(self.ok) == Some(&Value::Bool(false));
        let code = self
            .code
            .and_then(|at| body.pointer(at)?.as_u64())
            .and_then(|code| u16::try_from(code).ok())
            .and_then(|code| StatusCode::from_u16(code).ok())
            .filter(|code| code.is_client_error() || code.is_server_error());
        let retry_after = self
            .retry_after
            .and_then(|at| body.pointer(at)?.as_u64())
            .map(Duration::from_secs);
        Inspected {
            failed: failed.then(|| code.unwrap_or(status)),
            retry_after,
        }
    }
}

/// What an [`Envelope`] found in one body.
#[derive(Debug, Default)]
pub(crate) struct Inspected {
    /// A success-status body that reports a failure: the status to report it with.
    pub(crate) failed: Option<StatusCode>,
    /// The body's retry wait.
    pub(crate) retry_after: Option<Duration>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const TELEGRAM: Envelope = Envelope::ok_field("/ok")
        .code("/error_code")
        .retry_after("/parameters/retry_after");

    #[test]
    fn reads_telegrams_envelope() {
        let body =
            br#"{"ok":false,"error_code":429,"description":"x","parameters":{"retry_after":5}}"#;
        let seen = TELEGRAM.inspect(StatusCode::OK, body);
        assert_eq!(seen.failed, Some(StatusCode::TOO_MANY_REQUESTS));
        assert_eq!(seen.retry_after, Some(Duration::from_secs(5)));
        // A code that is not an HTTP error status keeps the response's.
        let seen = TELEGRAM.inspect(StatusCode::OK, br#"{"ok":false,"error_code":7}"#);
        assert_eq!(seen.failed, Some(StatusCode::OK));
        for fine in [&br#"{"ok":true,"result":1}"#[..], b"not json", b"{}"] {
            assert_eq!(TELEGRAM.inspect(StatusCode::OK, fine).failed, None);
        }
    }
}
