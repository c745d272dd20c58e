//! What can go wrong with a call, kept apart so callers can act on each case: the client or
//! the request could not be built, the transport failed, the provider answered with an
//! error status, or a success body did not decode.
//!
//! Conventions shared by every error type here:
//!
//! - The facts of an error are `pub` fields (`attempts`, `status`, `kind`, the typed `body`,
//!   …), so a caller can read, match and move them out (`match e.body { … }`). The structs
//!   are `#[non_exhaustive]`, so fields can be added without breaking anyone; methods exist
//!   only for what is derived from the fields (`is_timeout`, `retry_after`).
//! - `Display` says what happened once, on one line; `source()` leads to the underlying
//!   cause (reqwest's error, then hyper's, then the I/O error), never to an error that
//!   repeats the same message. So a reporter that walks the chain (`anyhow`, `eyre`) prints
//!   each fact once.
//! - No message shows a token or a URL: reqwest errors are kept without their URL (a path
//!   can carry a secret), and values that might be secret are never quoted.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The error of a call; `E` is the provider's documented error body.
///
/// `Display` is the inner error's; `source()` is the inner error's cause (not the inner
/// error itself, whose message would only repeat this one).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request could not be built: a path parameter that would change the endpoint, an
    /// invalid header, a body that does not encode. Nothing was sent.
    Build(BuildError),
    /// Connecting, sending or reading failed, an attempt timed out, or the call's deadline
    /// passed.
    Transport(TransportError),
    /// The provider answered with a non-success status.
    Status(StatusError<E>),
    /// A success response did not decode into the expected type.
    Decode(DecodeError),
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Build(e) => fmt::Display::fmt(e, f),
            Error::Transport(e) => fmt::Display::fmt(e, f),
            Error::Status(e) => fmt::Display::fmt(e, f),
            Error::Decode(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        // The inner error's own message is this one's, so the chain skips to its cause.
        match self {
            Error::Build(e) => std::error::Error::source(e),
            Error::Transport(e) => std::error::Error::source(e),
            Error::Status(_) | Error::Decode(_) => None,
        }
    }
}

impl<E> Error<E> {
    /// The HTTP status, when the provider answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Status(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::Build(_) | Error::Transport(_) => None,
        }
    }

    /// How many attempts were made (0 when the request could not be built, or when the
    /// deadline passed before the first attempt).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Build(_) => 0,
            Error::Transport(e) => e.attempts,
            Error::Status(e) => e.attempts,
            Error::Decode(e) => e.attempts,
        }
    }
}

/// Building a client or a request failed; nothing was sent.
///
/// Every such failure is one variant of [`Error`] (`Build`), told apart by
/// [`kind`](BuildError::kind): a request that cannot be built is the same situation
/// whether the cause is its path, a header or its body (fix the input, do not retry), so one
/// variant keeps callers' `match`es short while the kind stays matchable.
#[derive(Debug)]
#[non_exhaustive]
pub struct BuildError {
    /// What could not be built, and why.
    pub kind: BuildErrorKind,
    message: String,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

/// What a [`BuildError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildErrorKind {
    /// The client's settings: no base URL (a provider without a public one) or an invalid
    /// one, no token, an invalid user agent or default header.
    Client,
    /// A path parameter's value would change the endpoint: it is empty, `.` or `..`. An
    /// empty segment would address another resource (`/conversations//messages`), and the
    /// URL parser resolves `.` and `..` (encoded or not) away, which would post to the
    /// parent collection. Other values are percent-encoded and cannot leave their segment.
    PathParameter {
        /// The parameter, as the path template names it (`id` for `{id}`); a segment that
        /// mixes text and placeholders is given as written (`{a}.{b}`). `None` when the
        /// segment has no placeholder or the template has no segment at that place.
        name: Option<&'static str>,
        /// The refused value: `""`, `"."` or `".."` (never anything else, so never a secret).
        value: &'static str,
    },
    /// A credential the provider's authentication needs was not given to the builder
    /// (`token(...)`, `basic_auth(...)` or `credential(name, ...)`).
    MissingCredential {
        /// The credential's name (`token`, `username`, `client_token`, …): never its value.
        name: &'static str,
    },
    /// A paged list's next-page URL is on another origin than the base URL (it is not
    /// followed: credentials go only to the provider), or is not a URL. Never shows the
    /// URL, which may carry a token.
    NextPageUrl,
    /// A header of the call: an invalid name or value.
    Header,
    /// The body: it does not encode as JSON, or a multipart part is invalid.
    Body,
}

impl BuildError {
    pub(crate) fn new(kind: BuildErrorKind, message: impl Into<String>) -> Self {
        BuildError {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// A client setting that is missing or invalid.
    pub(crate) fn client(message: impl Into<String>) -> Self {
        BuildError::new(BuildErrorKind::Client, message)
    }

    /// Keeps the error that caused this one as its `source()`.
    pub(crate) fn caused_by(
        mut self,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.source = Some(Box::new(source));
        self
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            BuildErrorKind::Client | BuildErrorKind::MissingCredential { .. } => {
                write!(f, "cannot build the client: {}", self.message)
            }
            BuildErrorKind::PathParameter { name, value } => {
                f.write_str("cannot build the request: ")?;
                match name {
                    Some(name) => write!(f, "path parameter `{name}`")?,
                    None => f.write_str("a path segment")?,
                }
                if value.is_empty() {
                    f.write_str(" is empty")?;
                } else {
                    write!(f, " is `{value}`")?;
                }
                f.write_str(", which would change the endpoint")
            }
            BuildErrorKind::Header | BuildErrorKind::Body | BuildErrorKind::NextPageUrl => {
                write!(f, "cannot build the request: {}", self.message)
            }
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The transport failed: no connection, a connection lost, an attempt that timed out, or
/// the call's deadline.
///
/// `Display` names what happened and the attempts; `source()` is reqwest's error (without
/// its URL), which leads on to hyper's and the I/O error.
#[derive(Debug)]
#[non_exhaustive]
pub struct TransportError {
    /// What failed, in the last attempt (or the deadline).
    pub kind: TransportErrorKind,
    /// How many attempts were made.
    pub attempts: u32,
    /// Kept without its URL; `None` when no attempt was running as the deadline came.
    source: Option<reqwest::Error>,
}

/// What a [`TransportError`] is. Which kinds are retried is listed on
/// [`RetryPolicy`](super::RetryPolicy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, DNS, TLS handshake): the request was not sent.
    Connect,
    /// An attempt ran past its timeout ([`Call::timeout`](super::Call::timeout)).
    Timeout,
    /// The call's deadline passed ([`Call::deadline`](super::Call::deadline)), or would
    /// have passed during a rate-limit wait, which was therefore not started.
    Deadline,
    /// The connection was closed or reset (or the reply was not HTTP) after the request
    /// was sent and before the response's status and headers arrived.
    Reset,
    /// The status and headers arrived, then the body was cut off (the connection closed
    /// or reset before the promised length).
    Body,
    /// Anything else reqwest reports (a redirect loop, a request reqwest refuses).
    Other,
}

impl TransportError {
    pub(crate) fn new(
        kind: TransportErrorKind,
        attempts: u32,
        source: Option<reqwest::Error>,
    ) -> Self {
        TransportError {
            kind,
            attempts,
            // reqwest puts the request URL in its message; a URL can hold a secret.
            source: source.map(reqwest::Error::without_url),
        }
    }

    /// Whether the call timed out: an attempt's timeout or the call's deadline.
    pub fn is_timeout(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Timeout | TransportErrorKind::Deadline
        )
    }

    /// Whether it was the call's deadline (then [`is_timeout`](Self::is_timeout) is true
    /// too).
    pub fn is_deadline(&self) -> bool {
        self.kind == TransportErrorKind::Deadline
    }

    /// Whether no connection could be made.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.kind {
            TransportErrorKind::Connect => "could not connect to the provider",
            TransportErrorKind::Timeout => "the request timed out",
            TransportErrorKind::Deadline => "the call's deadline passed",
            TransportErrorKind::Reset => "the connection was closed or reset before the response",
            TransportErrorKind::Body => "the response body was cut off",
            TransportErrorKind::Other => "the request failed in transport",
        })?;
        write!(f, " ({})", Attempts(self.attempts))
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        let mut error = self.source.as_ref()?;
        // reqwest wraps a body error in its own error twice, each printing the same
        // "request or response body error": the chain goes to the innermost one.
        while let Some(inner) =
            std::error::Error::source(error).and_then(|e| e.downcast_ref::<reqwest::Error>())
        {
            error = inner;
        }
        Some(error)
    }
}

/// The provider answered with an error status.
#[derive(Debug)]
#[non_exhaustive]
pub struct StatusError<E> {
    /// The status.
    pub status: StatusCode,
    /// The response headers (`Retry-After` among them: see
    /// [`retry_after`](StatusError::retry_after)).
    pub headers: HeaderMap,
    /// The provider's error body, when it parsed as the documented type.
    pub body: Option<E>,
    /// The raw body, always kept.
    pub raw: Bytes,
    /// How many attempts were made.
    pub attempts: u32,
    /// The retry wait the body gave (Telegram's `parameters.retry_after`), when the
    /// provider's envelope says where it is.
    pub(crate) body_retry_after: Option<Duration>,
}

impl<E> StatusError<E> {
    /// The response's `Retry-After` as a wait (delta-seconds, or an HTTP date from now; a
    /// past date is zero). When a 429 or 503 ends the call, this is how long the provider
    /// asked to wait: the retry policy honours it only when it fits within
    /// [`RetryPolicy::max_elapsed`](super::RetryPolicy::max_elapsed) and the call's
    /// deadline, and otherwise returns the response at once.
    ///
    /// For a provider that gives the wait in its body (Telegram's
    /// `parameters.retry_after`), the body's wait when there is no header.
    pub fn retry_after(&self) -> Option<Duration> {
        super::retry::retry_after(&self.headers).or(self.body_retry_after)
    }
}

impl<E> fmt::Display for StatusError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the provider answered {}", self.status)?;
        if self.body.is_none() && !self.raw.is_empty() {
            write!(f, ": {}", snippet(&self.raw))?;
        }
        if self.attempts > 1 {
            write!(f, " ({})", Attempts(self.attempts))?;
        }
        Ok(())
    }
}

/// A success body that did not decode.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// The status of the response.
    pub status: StatusCode,
    /// JSON path of the failing value (`data.status`); `.` for the whole body.
    pub path: String,
    /// What went wrong.
    pub message: String,
    /// The start of the body.
    pub snippet: String,
    /// How many attempts were made (a body that does not decode is not retried).
    pub attempts: u32,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot decode the {} response at `{}`: {} (body starts: {})",
            self.status, self.path, self.message, self.snippet
        )
    }
}

impl std::error::Error for DecodeError {}

/// "after 1 attempt", "after 3 attempts".
struct Attempts(u32);

impl fmt::Display for Attempts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.0 == 1 { "" } else { "s" };
        write!(f, "after {} attempt{plural}", self.0)
    }
}

/// The first 200 characters of a body, on one line.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text
        .chars()
        .take(200)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    out
}
