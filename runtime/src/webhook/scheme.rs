//! Descriptions of how a provider signs its webhook requests: plain data, built with `const
//! fn`s, so that generated code can declare a provider's scheme as a `const` straight from its
//! manifest. Every string is `&'static`: a scheme is part of the program, while the secret it
//! is checked against is a runtime value kept apart ([`WebhookSecret`](super::WebhookSecret)).
//! A scheme read from configuration at run time can be given `'static` strings with
//! `Box::leak`, once at start-up.

use std::time::Duration;

/// How a provider proves that a webhook request is its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// A keyed hash of parts of the request, in a header (Meta, Twilio, MessageBird).
    Hmac(HmacScheme),
    /// The shared token itself, in a header (Telegram's `X-Telegram-Bot-Api-Secret-Token`).
    Token(TokenScheme),
}

impl From<HmacScheme> for Scheme {
    fn from(scheme: HmacScheme) -> Self {
        Scheme::Hmac(scheme)
    }
}

impl From<TokenScheme> for Scheme {
    fn from(scheme: TokenScheme) -> Self {
        Scheme::Token(scheme)
    }
}

/// The keyed hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256 (RFC 2104, RFC 4231): Meta, MessageBird, Zenvia.
    HmacSha256,
    /// HMAC with SHA-1 (RFC 2104, RFC 2202): Twilio. Still sound as a MAC, whatever SHA-1's
    /// collisions, since HMAC's security does not rest on collision resistance.
    HmacSha1,
}

impl Algorithm {
    /// The output length in bytes, which a decoded signature must have.
    pub const fn output_len(self) -> usize {
        match self {
            Algorithm::HmacSha256 => 32,
            Algorithm::HmacSha1 => 20,
        }
    }
}

/// How a signature is written as text in its header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Encoding {
    /// Hexadecimal; either case is accepted, lower case is produced.
    Hex,
    /// Standard base64 (RFC 4648 §4); `=` padding is accepted with or without.
    Base64,
}

/// A digest of the body, for the schemes that sign one instead of the body itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Digest {
    /// SHA-256 (MessageBird; Twilio's `bodySHA256`).
    Sha256,
    /// MD5 (Zenvia's request signatures). Weak as a hash, but here it only names the body
    /// inside a string that is then HMAC-SHA256 signed.
    Md5,
}

/// How a body digest is written into the signed string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DigestEncoding {
    /// The digest's bytes as they are (MessageBird).
    Raw,
    /// Lower-case hexadecimal (Zenvia).
    Hex,
    /// Standard base64 with padding.
    Base64,
}

/// One piece of the string a provider signs. The pieces of [`HmacScheme::signed`] are
/// joined by its separator, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Part {
    /// Fixed text.
    Text(&'static str),
    /// The request method, as given in [`Request`](super::Request) (`POST`).
    Method,
    /// The full request URL as the provider called it: scheme, host, path and query
    /// (`https://example.com/hook?a=1`). Behind a proxy this is the public URL, not the one
    /// the server sees.
    Url,
    /// The URL's host, with the port when the URL has one (`api.zenvia.com`).
    Host,
    /// The URL's path and query (`/v2/files?limit=5`); `/` when the URL has no path.
    PathAndQuery,
    /// The URL's query parameters as sent (still percent-encoded), sorted by name and then by
    /// value, joined with `&` (MessageBird's older signatures).
    SortedQuery,
    /// The body's `application/x-www-form-urlencoded` parameters, decoded, sorted by name
    /// (byte order, case-sensitive) and then by value, each written as name then value with
    /// nothing between (Twilio). Empty for an empty body.
    SortedForm,
    /// The timestamp header's value as sent; the scheme must declare a
    /// [`Timestamp`](HmacScheme::timestamp).
    Timestamp,
    /// A header's value, or nothing when the request lacks it (Zenvia's `Content-Type`).
    Header(&'static str),
    /// The raw body.
    Body,
    /// A digest of the raw body.
    BodyDigest(Digest, DigestEncoding),
    /// A digest of the raw body, or nothing when the body is empty (Zenvia).
    BodyDigestOrEmpty(Digest, DigestEncoding),
}

/// How a timestamp header is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimestampFormat {
    /// Decimal seconds since the Unix epoch (MessageBird).
    UnixSeconds,
    /// An HTTP date (RFC 9110 §5.6.7, formerly RFC 2616): `Sun, 12 Feb 2023 07:40:32 GMT`
    /// (Zenvia's `Date`).
    HttpDate,
}

/// A header carrying the time the provider signed the request, and how far from the
/// receiver's clock it may be: older than `max_age` is a replay, more than `max_ahead` in the
/// future is forged or a broken clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timestamp {
    header: &'static str,
    format: TimestampFormat,
    max_age: Duration,
    max_ahead: Duration,
}

/// Five minutes either way unless a scheme says otherwise: the window Stripe and Slack use,
/// wide enough for retries in flight and unsynchronised clocks, narrow enough to make a
/// captured request useless soon.
const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

impl Timestamp {
    /// A header of Unix seconds, allowed five minutes either way.
    pub const fn unix_seconds(header: &'static str) -> Self {
        Timestamp::new(header, TimestampFormat::UnixSeconds)
    }

    /// A header holding an HTTP date, allowed five minutes either way.
    pub const fn http_date(header: &'static str) -> Self {
        Timestamp::new(header, TimestampFormat::HttpDate)
    }

    const fn new(header: &'static str, format: TimestampFormat) -> Self {
        Timestamp {
            header,
            format,
            max_age: DEFAULT_TOLERANCE,
            max_ahead: DEFAULT_TOLERANCE,
        }
    }

    /// Allows `tolerance` both in the past and in the future.
    pub const fn tolerance(self, tolerance: Duration) -> Self {
        self.max_age(tolerance).max_ahead(tolerance)
    }

    /// How old a timestamp may be.
    pub const fn max_age(mut self, max_age: Duration) -> Self {
        self.max_age = max_age;
        self
    }

    /// How far in the future a timestamp may be (zero: not at all).
    pub const fn max_ahead(mut self, max_ahead: Duration) -> Self {
        self.max_ahead = max_ahead;
        self
    }

    /// The header's name.
    pub const fn header(&self) -> &'static str {
        self.header
    }

    /// How the header is written.
    pub const fn format(&self) -> TimestampFormat {
        self.format
    }

    /// How old a timestamp may be.
    pub const fn max_age_allowed(&self) -> Duration {
        self.max_age
    }

    /// How far in the future a timestamp may be.
    pub const fn max_ahead_allowed(&self) -> Duration {
        self.max_ahead
    }
}

/// A keyed hash of parts of the request, written in a header: `header: prefix +
/// encoding(algorithm(secret, signed parts joined by separator))`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HmacScheme {
    algorithm: Algorithm,
    header: &'static str,
    prefix: &'static str,
    encoding: Encoding,
    signed: &'static [Part],
    separator: &'static str,
    timestamp: Option<Timestamp>,
    body_sha256_param: Option<&'static str>,
}

impl HmacScheme {
    /// A signature of the raw body alone, with no prefix and no timestamp; the other
    /// methods change that.
    pub const fn new(algorithm: Algorithm, header: &'static str, encoding: Encoding) -> Self {
        HmacScheme {
            algorithm,
            header,
            prefix: "",
            encoding,
            signed: &[Part::Body],
            separator: "",
            timestamp: None,
            body_sha256_param: None,
        }
    }

    /// Text before the encoded signature in the header (Meta's `sha256=`); required.
    pub const fn prefix(mut self, prefix: &'static str) -> Self {
        self.prefix = prefix;
        self
    }

    /// What is signed: `parts`, joined by `separator`.
    pub const fn signed(mut self, parts: &'static [Part], separator: &'static str) -> Self {
        self.signed = parts;
        self.separator = separator;
        self
    }

    /// A timestamp header that must be present and recent.
    pub const fn timestamp(mut self, timestamp: Timestamp) -> Self {
        self.timestamp = Some(timestamp);
        self
    }

    /// A query parameter of the URL that must hold the hex SHA-256 of the body (Twilio's
    /// `bodySHA256` for JSON bodies, where the signature covers the URL and so the digest,
    /// and the digest covers the body).
    pub const fn body_sha256_param(mut self, name: &'static str) -> Self {
        self.body_sha256_param = Some(name);
        self
    }

    /// The keyed hash.
    pub const fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The header carrying the signature.
    pub const fn header(&self) -> &'static str {
        self.header
    }

    /// Text before the encoded signature.
    pub const fn signature_prefix(&self) -> &'static str {
        self.prefix
    }

    /// How the signature is written.
    pub const fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The signed parts, in order.
    pub const fn parts(&self) -> &'static [Part] {
        self.signed
    }

    /// What joins the signed parts.
    pub const fn separator(&self) -> &'static str {
        self.separator
    }

    /// The timestamp header and its window, if any.
    pub const fn timestamp_check(&self) -> Option<Timestamp> {
        self.timestamp
    }

    /// The query parameter with the body's SHA-256, if any.
    pub const fn body_sha256_query_param(&self) -> Option<&'static str> {
        self.body_sha256_param
    }
}

/// A shared token sent as it is in a header, compared in constant time (Telegram: the
/// `secret_token` given to `setWebhook` comes back in `X-Telegram-Bot-Api-Secret-Token`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenScheme {
    header: &'static str,
}

impl TokenScheme {
    /// The token in `header`.
    pub const fn new(header: &'static str) -> Self {
        TokenScheme { header }
    }

    /// The header carrying the token.
    pub const fn header(&self) -> &'static str {
        self.header
    }
}
