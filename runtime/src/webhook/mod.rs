//! Verifying that a webhook request comes from the provider (feature `webhooks`).
//!
//! A provider's signing scheme is data, a [`Scheme`], which generated code declares as a
//! `const` from the provider's manifest; a [`Verifier`] pairs it with the endpoint's
//! [`WebhookSecret`] and checks a request's headers, URL and raw body against it. The clock
//! is an argument (`now`), so that timestamp windows are testable without sleeping.
//! Checking comes before parsing: parse the body only after `verify` returned `Ok`.
//!
//! ```
//! use std::time::SystemTime;
//! use msgen_runtime::webhook::{Algorithm, Encoding, HmacScheme, Request, Verifier};
//!
//! // Meta (WhatsApp Cloud API): `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
//! const META: HmacScheme =
//!     HmacScheme::new(Algorithm::HmacSha256, "X-Hub-Signature-256", Encoding::Hex)
//!         .prefix("sha256=");
//!
//! let verifier = Verifier::new(META, "secret");
//! let request = Request::new("POST", "https://example.com/hook", b"test");
//! // HMAC-SHA256("secret", "test"), as in the WhatsApp Elixir SDK's docs.
//! let signature = "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914";
//! let headers = [("X-Hub-Signature-256", signature)];
//! assert!(verifier.verify(&request, headers, SystemTime::now()).is_ok());
//! assert!(verifier.verify(&request, [("X-Hub-Signature-256", "sha256=00")], SystemTime::now()).is_err());
//! ```
//!
//! # What each scheme signs
//!
//! An [`HmacScheme`] signs its [`Part`]s joined by its separator, and sends
//! `prefix + hex or base64 of the MAC` in its header. The providers this was built for:
//!
//! | provider | header | algorithm, encoding | signed string |
//! |---|---|---|---|
//! | Meta (WhatsApp Cloud API) | `X-Hub-Signature-256` | HMAC-SHA256, hex, prefix `sha256=` | the raw body |
//! | Twilio, form bodies | `X-Twilio-Signature` | HMAC-SHA1, base64 | the full URL, then each POST parameter's name and value, sorted by name, nothing between |
//! | Twilio, JSON bodies | `X-Twilio-Signature` | HMAC-SHA1, base64 | the full URL, whose `bodySHA256` parameter must be the body's hex SHA-256 |
//! | MessageBird (Bird) | `MessageBird-Signature` | HMAC-SHA256, base64 | `timestamp + "\n" + URL + "\n" + SHA-256(body)`, the digest as 32 raw bytes; `MessageBird-Request-Timestamp` in Unix seconds within the window |
//! | Zenvia (requests *to* Zenvia) | `X-API-Signature` | HMAC-SHA256, base64 | method, hex MD5 of the body (empty without body), `Content-Type`, `Date`, host, path and query, joined by `"\n"`; `Date` at most 3 minutes old, not in the future |
//!
//! As constants:
//!
//! ```
//! use std::time::Duration;
//! use msgen_runtime::webhook::{
//!     Algorithm, Digest, DigestEncoding, Encoding, HmacScheme, Part, Timestamp, TokenScheme,
//! };
//!
//! const TWILIO_FORM: HmacScheme =
//!     HmacScheme::new(Algorithm::HmacSha1, "X-Twilio-Signature", Encoding::Base64)
//!         .signed(&[Part::Url, Part::SortedForm], "");
//! const TWILIO_JSON: HmacScheme =
//!     HmacScheme::new(Algorithm::HmacSha1, "X-Twilio-Signature", Encoding::Base64)
//!         .signed(&[Part::Url], "")
//!         .body_sha256_param("bodySHA256");
//! const MESSAGEBIRD: HmacScheme =
//!     HmacScheme::new(Algorithm::HmacSha256, "MessageBird-Signature", Encoding::Base64)
//!         .signed(
//!             &[Part::Timestamp, Part::Url, Part::BodyDigest(Digest::Sha256, DigestEncoding::Raw)],
//!             "\n",
//!         )
//!         .timestamp(Timestamp::unix_seconds("MessageBird-Request-Timestamp"));
//! const ZENVIA: HmacScheme =
//!     HmacScheme::new(Algorithm::HmacSha256, "X-API-Signature", Encoding::Base64)
//!         .signed(
//!             &[
//!                 Part::Method,
//!                 Part::BodyDigestOrEmpty(Digest::Md5, DigestEncoding::Hex),
//!                 Part::Header("Content-Type"),
//!                 Part::Timestamp,
//!                 Part::Host,
//!                 Part::PathAndQuery,
//!             ],
//!             "\n",
//!         )
//!         .timestamp(
//!             Timestamp::http_date("Date")
//!                 .max_age(Duration::from_secs(180))
//!                 .max_ahead(Duration::ZERO),
//!         );
//! // Telegram: the `secret_token` given to `setWebhook`, sent back as it is.
//! const TELEGRAM: TokenScheme = TokenScheme::new("X-Telegram-Bot-Api-Secret-Token");
//! ```
//!
//! Meta's subscription GET (`hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`) is a
//! [`Handshake`]: [`Handshake::HUB`]`.answer(&verify_token, query)` gives the challenge to
//! echo, or the reason to answer 403.
//!
//! Not covered: signatures that are JWTs (Vonage's `Authorization: Bearer`, MessageBird's
//! newer `MessageBird-Signature-JWT`), which need a JWT library and its claim rules;
//! headers with several signatures or versions (`t=…,v1=…`); keys handed out encoded
//! (Svix's `whsec_` base64); key rotation (build one verifier per key and accept either).
//!
//! # Guarantees
//!
//! - No panics on any input: malformed headers, URLs, bodies and timestamps are errors.
//! - Signatures and tokens are compared in constant time (`subtle`); tokens through their
//!   SHA-256 digests, so that not even their length leaks.
//! - The secret never appears in `Debug` output ([`WebhookSecret`], [`Verifier`]) nor in a
//!   [`VerifyError`], which holds no secret and no computed signature.
//! - A header the scheme reads that is sent twice is refused ([`VerifyError::DuplicateHeader`]).

mod error;
mod handshake;
mod message;
mod scheme;
mod secret;
mod verify;

#[cfg(test)]
mod tests;

pub use error::{Refusal, SignatureProblem, VerifyError};
pub use handshake::Handshake;
pub use scheme::{
    Algorithm, Digest, DigestEncoding, Encoding, HmacScheme, Part, Scheme, Timestamp,
    TimestampFormat, TokenScheme,
};
pub use secret::WebhookSecret;
pub use verify::{Request, Verifier};
