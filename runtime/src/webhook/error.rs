//! Why a webhook request was refused.
//!
//! No variant can hold the secret, the token or the signature this side computed: they carry
//! only header and parameter names (from the scheme, so `'static`), lengths and durations.
//! An error can therefore be logged, or even sent back, without leaking what a forger would
//! need.

use std::fmt;
use std::time::Duration;

/// A webhook request that did not verify. Each variant names what failed; answer any of them
/// with a 4xx (401 or 403) and do not act on the body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyError {
    /// A header the scheme needs is absent.
    MissingHeader {
        /// The header's name as the scheme spells it.
        header: &'static str,
    },
    /// A header the scheme reads appears more than once, so which one was signed is unclear.
    DuplicateHeader {
        /// The header's name.
        header: &'static str,
    },
    /// The signature header is not a signature of this scheme's shape.
    MalformedSignature {
        /// The header's name.
        header: &'static str,
        /// What is wrong with it.
        problem: SignatureProblem,
    },
    /// The signature (or token) is well-formed but not the one the secret gives: a wrong
    /// secret, or a request altered on the way.
    Mismatch {
        /// The header's name.
        header: &'static str,
    },
    /// The timestamp header is not a timestamp of the declared format.
    MalformedTimestamp {
        /// The header's name.
        header: &'static str,
    },
    /// The timestamp is older than the scheme allows: a replay, or a very late retry.
    Stale {
        /// The header's name.
        header: &'static str,
        /// How old it is by the clock passed in.
        age: Duration,
        /// How old it may be.
        max_age: Duration,
    },
    /// The timestamp is further in the future than the scheme allows.
    FromTheFuture {
        /// The header's name.
        header: &'static str,
        /// How far ahead it is of the clock passed in.
        ahead: Duration,
        /// How far ahead it may be.
        max_ahead: Duration,
    },
    /// A query parameter the scheme needs is absent, or appears more than once.
    MissingParameter {
        /// The parameter's name.
        name: &'static str,
    },
    /// The body's SHA-256 is not the one in the URL's query parameter (Twilio `bodySHA256`).
    BodyDigestMismatch {
        /// The parameter's name.
        name: &'static str,
    },
    /// The request URL has no `scheme://host`, which the scheme signs.
    InvalidUrl,
    /// The scheme signs its timestamp but declares no timestamp header: a mistake in the
    /// description, not in the request.
    NoTimestampDeclared,
    /// A subscription handshake (Meta's `hub.mode=subscribe` GET) was refused.
    HandshakeRefused(Refusal),
}

/// What is wrong with a signature header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureProblem {
    /// It does not start with the scheme's prefix (the prefix, which is no secret).
    WrongPrefix(&'static str),
    /// It is not hexadecimal.
    NotHex,
    /// It is not base64.
    NotBase64,
    /// It decodes to `actual` bytes where the algorithm gives `expected`.
    WrongLength {
        /// The decoded length.
        actual: usize,
        /// The algorithm's output length.
        expected: usize,
    },
}

/// Why a subscription handshake was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// A query parameter is absent or empty.
    MissingParameter(&'static str),
    /// A query parameter appears more than once.
    DuplicateParameter(&'static str),
    /// The mode is not the expected one (`subscribe`).
    WrongMode,
    /// The verify token is not the configured one.
    WrongToken,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VerifyError::MissingHeader { header } => {
                write!(f, "webhook request has no `{header}` header")
            }
            VerifyError::DuplicateHeader { header } => {
                write!(f, "webhook request has more than one `{header}` header")
            }
            VerifyError::MalformedSignature { header, problem } => {
                write!(f, "webhook signature header `{header}` {problem}")
            }
            VerifyError::Mismatch { header } => write!(
                f,
                "webhook `{header}` header does not match the request (wrong secret or altered request)"
            ),
            VerifyError::MalformedTimestamp { header } => {
                write!(f, "webhook timestamp header `{header}` is not a timestamp")
            }
            VerifyError::Stale {
                header,
                age,
                max_age,
            } => write!(
                f,
                "webhook timestamp `{header}` is {age:?} old, more than the {max_age:?} allowed"
            ),
            VerifyError::FromTheFuture {
                header,
                ahead,
                max_ahead,
            } => write!(
                f,
                "webhook timestamp `{header}` is {ahead:?} in the future, more than the {max_ahead:?} allowed"
            ),
            VerifyError::MissingParameter { name } => {
                write!(f, "webhook URL has no single `{name}` query parameter")
            }
            VerifyError::BodyDigestMismatch { name } => write!(
                f,
                "webhook body does not match the SHA-256 in its `{name}` query parameter"
            ),
            VerifyError::InvalidUrl => f.write_str("webhook request URL has no scheme and host"),
            VerifyError::NoTimestampDeclared => {
                f.write_str("webhook scheme signs a timestamp but declares no timestamp header")
            }
            VerifyError::HandshakeRefused(refusal) => {
                write!(f, "webhook subscription handshake refused: {refusal}")
            }
        }
    }
}

impl fmt::Display for SignatureProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureProblem::WrongPrefix(prefix) => write!(f, "does not start with `{prefix}`"),
            SignatureProblem::NotHex => f.write_str("is not hexadecimal"),
            SignatureProblem::NotBase64 => f.write_str("is not base64"),
            SignatureProblem::WrongLength { actual, expected } => {
                write!(f, "decodes to {actual} bytes, not {expected}")
            }
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::MissingParameter(name) => write!(f, "no `{name}` query parameter"),
            Refusal::DuplicateParameter(name) => {
                write!(f, "more than one `{name}` query parameter")
            }
            Refusal::WrongMode => f.write_str("unexpected mode"),
            Refusal::WrongToken => f.write_str("wrong verify token"),
        }
    }
}

impl std::error::Error for VerifyError {}
