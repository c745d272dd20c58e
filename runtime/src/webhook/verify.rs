//! Checking one request against a [`Scheme`] and a [`WebhookSecret`].

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use subtle::ConstantTimeEq;

use super::error::VerifyError;
use super::message;
use super::scheme::{HmacScheme, Part, Scheme, Timestamp, TimestampFormat};
use super::secret::WebhookSecret;

/// What a scheme may sign of a request, apart from its headers: the method, the full URL as
/// the provider called it (scheme, host, path, query; behind a proxy the public one) and the
/// raw body, byte for byte as received (before any JSON or form parsing).
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    pub(super) method: &'a str,
    pub(super) url: &'a str,
    pub(super) body: &'a [u8],
}

impl<'a> Request<'a> {
    /// A request; schemes that sign only the body still take the rest, so that every
    /// generated `verify` has the same shape.
    pub fn new(method: &'a str, url: &'a str, body: &'a [u8]) -> Self {
        Request { method, url, body }
    }
}

/// A scheme and the secret it checks against: one per webhook endpoint.
///
/// Headers are taken as any iterator of `(name, value)` pairs, names matched without regard
/// to case: `&http::HeaderMap` is one (axum, hyper, tower, actix-web), and so are
/// `[("X-Hub-Signature-256", "sha256=…")]` and `vec.iter().copied()`. That keeps the `http`
/// crate out of this feature, for servers built on something else, at the price of one scan
/// of the headers per request.
#[derive(Clone)]
pub struct Verifier {
    scheme: Scheme,
    secret: WebhookSecret,
}

impl Verifier {
    /// A verifier of `scheme` with `secret` (the signing key of an HMAC scheme, the token of
    /// a token scheme).
    pub fn new(scheme: impl Into<Scheme>, secret: impl Into<WebhookSecret>) -> Self {
        Verifier {
            scheme: scheme.into(),
            secret: secret.into(),
        }
    }

    /// The scheme.
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// `Ok` when `request` with `headers` carries a valid signature (or token) and, where the
    /// scheme has a timestamp, one within its window of `now`. Pass `SystemTime::now()`; tests
    /// pass a fixed time.
    ///
    /// The signature is checked before the timestamp, so a forgery reads as
    /// [`Mismatch`](VerifyError::Mismatch) and only a genuine but old request as
    /// [`Stale`](VerifyError::Stale).
    pub fn verify<N, V>(
        &self,
        request: &Request<'_>,
        headers: impl IntoIterator<Item = (N, V)>,
        now: SystemTime,
    ) -> Result<(), VerifyError>
    where
        N: AsRef<str>,
        V: AsRef<[u8]>,
    {
        match &self.scheme {
            Scheme::Hmac(scheme) => {
                let found = Found::scan(headers, &wanted(scheme));
                verify_hmac(scheme, &self.secret, request, &found, now)
            }
            Scheme::Token(scheme) => {
                let header = scheme.header();
                let found = Found::scan(headers, &[header]);
                let value = found
                    .value(header)?
                    .ok_or(VerifyError::MissingHeader { header })?;
                if tokens_equal(value.trim_ascii(), self.secret.bytes()) {
                    Ok(())
                } else {
                    Err(VerifyError::Mismatch { header })
                }
            }
        }
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("scheme", &self.scheme)
            .field("secret", &self.secret)
            .finish()
    }
}

impl HmacScheme {
    /// The signature header's value that a provider holding `secret` would send for
    /// `request` and `headers` (prefix included): for testing your own endpoint, or for
    /// signing requests to a provider that checks this scheme (Zenvia's `X-API-Signature`).
    /// The timestamp, if signed, is read from `headers` like any other.
    pub fn sign<N, V>(
        &self,
        secret: &WebhookSecret,
        request: &Request<'_>,
        headers: impl IntoIterator<Item = (N, V)>,
    ) -> Result<String, VerifyError>
    where
        N: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let found = Found::scan(headers, &wanted(self));
        let pieces = message::pieces(self, request, &found)?;
        let mac = message::mac(self.algorithm(), secret.bytes(), &pieces);
        Ok(message::encode_signature(self, &mac))
    }
}

fn verify_hmac(
    scheme: &HmacScheme,
    secret: &WebhookSecret,
    request: &Request<'_>,
    found: &Found,
    now: SystemTime,
) -> Result<(), VerifyError> {
    let header = scheme.header();
    let value = found
        .value(header)?
        .ok_or(VerifyError::MissingHeader { header })?;
    let claimed = message::decode_signature(scheme, value)
        .map_err(|problem| VerifyError::MalformedSignature { header, problem })?;
    let pieces = message::pieces(scheme, request, found)?;
    let computed = message::mac(scheme.algorithm(), secret.bytes(), &pieces);
    if !bool::from(computed.ct_eq(&claimed)) {
        return Err(VerifyError::Mismatch { header });
    }
    if let Some(timestamp) = scheme.timestamp_check() {
        check_timestamp(timestamp, found, now)?;
    }
    if let Some(name) = scheme.body_sha256_query_param() {
        check_body_digest(name, request)?;
    }
    Ok(())
}

/// The headers a scheme reads: its signature, its timestamp, and any signed header.
fn wanted(scheme: &HmacScheme) -> Vec<&'static str> {
    let mut names = vec![scheme.header()];
    names.extend(scheme.timestamp_check().map(|t| t.header()));
    names.extend(scheme.parts().iter().filter_map(|part| match part {
        Part::Header(name) => Some(*name),
        _ => None,
    }));
    names
}

/// Compares two tokens in constant time, lengths included: `subtle` compares slices of
/// unequal length in no time at all, which would tell a prober the token's length, so the
/// SHA-256 digests (always 32 bytes) are compared instead.
pub(super) fn tokens_equal(given: &[u8], expected: &[u8]) -> bool {
    bool::from(message::sha256(given).ct_eq(&message::sha256(expected)))
}

fn check_timestamp(
    timestamp: Timestamp,
    found: &Found,
    now: SystemTime,
) -> Result<(), VerifyError> {
    let header = timestamp.header();
    let value = found
        .value(header)?
        .ok_or(VerifyError::MissingHeader { header })?;
    let signed_at = parse_timestamp(value.trim_ascii(), timestamp.format())
        .ok_or(VerifyError::MalformedTimestamp { header })?;
    match now.duration_since(signed_at) {
        Ok(age) if age > timestamp.max_age_allowed() => Err(VerifyError::Stale {
            header,
            age,
            max_age: timestamp.max_age_allowed(),
        }),
        Ok(_) => Ok(()),
        Err(ahead) if ahead.duration() > timestamp.max_ahead_allowed() => {
            Err(VerifyError::FromTheFuture {
                header,
                ahead: ahead.duration(),
                max_ahead: timestamp.max_ahead_allowed(),
            })
        }
        Err(_) => Ok(()),
    }
}

fn parse_timestamp(value: &[u8], format: TimestampFormat) -> Option<SystemTime> {
    let text = std::str::from_utf8(value).ok()?;
    match format {
        // Digits only: `u64::from_str` would also take a leading `+`.
        TimestampFormat::UnixSeconds if text.bytes().all(|b| b.is_ascii_digit()) => {
            UNIX_EPOCH.checked_add(Duration::from_secs(text.parse().ok()?))
        }
        TimestampFormat::UnixSeconds => None,
        TimestampFormat::HttpDate => httpdate::parse_http_date(text).ok(),
    }
}

/// Twilio's JSON case: the signature covers the URL, so its `bodySHA256` parameter, which
/// must then be the body's digest.
fn check_body_digest(name: &'static str, request: &Request<'_>) -> Result<(), VerifyError> {
    let mut values = form_urlencoded::parse(message::query_of(request.url).as_bytes())
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value);
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(VerifyError::MissingParameter { name });
    };
    let claimed = base16ct::mixed::decode_vec(value.as_bytes())
        .map_err(|_| VerifyError::BodyDigestMismatch { name })?;
    if bool::from(message::sha256(request.body).ct_eq(&claimed)) {
        Ok(())
    } else {
        Err(VerifyError::BodyDigestMismatch { name })
    }
}

/// The values of the wanted headers, gathered in one pass over the caller's headers.
pub(super) struct Found {
    slots: Vec<(&'static str, Slot)>,
}

enum Slot {
    Missing,
    One(Vec<u8>),
    Many,
}

impl Found {
    pub(super) fn scan<N, V>(
        headers: impl IntoIterator<Item = (N, V)>,
        wanted: &[&'static str],
    ) -> Found
    where
        N: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let mut slots: Vec<(&'static str, Slot)> = Vec::with_capacity(wanted.len());
        for name in wanted {
            if !slots
                .iter()
                .any(|(seen, _)| seen.eq_ignore_ascii_case(name))
            {
                slots.push((name, Slot::Missing));
            }
        }
        for (name, value) in headers {
            let name = name.as_ref();
            if let Some((_, slot)) = slots
                .iter_mut()
                .find(|(wanted, _)| wanted.eq_ignore_ascii_case(name))
            {
                *slot = match slot {
                    Slot::Missing => Slot::One(value.as_ref().to_vec()),
                    Slot::One(_) | Slot::Many => Slot::Many,
                };
            }
        }
        Found { slots }
    }

    /// The header's one value; `Ok(None)` when absent. A header sent twice is an error rather
    /// than either value: a signature over one copy must not vouch for the other.
    pub(super) fn value(&self, header: &'static str) -> Result<Option<&[u8]>, VerifyError> {
        match self
            .slots
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(header))
        {
            Some((_, Slot::One(value))) => Ok(Some(value)),
            Some((_, Slot::Many)) => Err(VerifyError::DuplicateHeader { header }),
            Some((_, Slot::Missing)) | None => Ok(None),
        }
    }
}
