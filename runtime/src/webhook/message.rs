//! The signed string of an [`HmacScheme`], its keyed hash, and the encodings on either side.
//! All hashing is RustCrypto's (`hmac`, `sha1`, `sha2`, `md-5`), all comparing is `subtle`'s,
//! all hex and base64 is `base16ct`'s and `base64`'s: nothing cryptographic is written here.

use std::borrow::Cow;

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_PAD_INDIFFERENT};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Digest as _;

use super::error::{SignatureProblem, VerifyError};
use super::scheme::{Algorithm, Digest, DigestEncoding, Encoding, HmacScheme, Part};
use super::verify::{Found, Request};

/// A piece of the signed string: most borrow from the request, digests and sorted
/// parameters are built.
pub(super) enum Piece<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
}

impl Piece<'_> {
    fn bytes(&self) -> &[u8] {
        match self {
            Piece::Borrowed(bytes) => bytes,
            Piece::Owned(bytes) => bytes,
        }
    }
}

/// The pieces `scheme` signs for `request`, separators included, in order. The body is
/// borrowed, never copied.
pub(super) fn pieces<'a>(
    scheme: &HmacScheme,
    request: &Request<'a>,
    found: &'a Found,
) -> Result<Vec<Piece<'a>>, VerifyError> {
    let separator = scheme.separator().as_bytes();
    let mut pieces = Vec::with_capacity(scheme.parts().len() * 2);
    for (index, part) in scheme.parts().iter().enumerate() {
        if index > 0 && !separator.is_empty() {
            pieces.push(Piece::Borrowed(separator));
        }
        pieces.push(piece(*part, scheme, request, found)?);
    }
    Ok(pieces)
}

fn piece<'a>(
    part: Part,
    scheme: &HmacScheme,
    request: &Request<'a>,
    found: &'a Found,
) -> Result<Piece<'a>, VerifyError> {
    Ok(match part {
        Part::Text(text) => Piece::Borrowed(text.as_bytes()),
        Part::Method => Piece::Borrowed(request.method.as_bytes()),
        Part::Url => Piece::Borrowed(request.url.as_bytes()),
        Part::Host => Piece::Borrowed(split_url(request.url)?.0.as_bytes()),
        Part::PathAndQuery => match split_url(request.url)?.1 {
            "" => Piece::Borrowed(b"/"),
            rest if rest.starts_with('?') => Piece::Owned(format!("/{rest}").into_bytes()),
            rest => Piece::Borrowed(rest.as_bytes()),
        },
        Part::SortedQuery => Piece::Owned(sorted_query(query_of(request.url)).into_bytes()),
        Part::SortedForm => Piece::Owned(sorted_form(request.body)),
        Part::Timestamp => {
            let timestamp = scheme
                .timestamp_check()
                .ok_or(VerifyError::NoTimestampDeclared)?;
            let value = found
                .value(timestamp.header())?
                .ok_or(VerifyError::MissingHeader {
                    header: timestamp.header(),
                })?;
            Piece::Borrowed(value)
        }
        Part::Header(name) => Piece::Borrowed(found.value(name)?.unwrap_or_default()),
        Part::Body => Piece::Borrowed(request.body),
        Part::BodyDigest(digest, encoding) => {
            Piece::Owned(body_digest(request.body, digest, encoding))
        }
        Part::BodyDigestOrEmpty(_, _) if request.body.is_empty() => Piece::Borrowed(b""),
        Part::BodyDigestOrEmpty(digest, encoding) => {
            Piece::Owned(body_digest(request.body, digest, encoding))
        }
    })
}

/// The keyed hash of the pieces. HMAC takes a key of any length (longer ones are hashed
/// first, RFC 2104 §3), so `new_from_slice` cannot fail; its error is still mapped rather
/// than unwrapped, to keep this path free of panics.
pub(super) fn mac(algorithm: Algorithm, key: &[u8], pieces: &[Piece<'_>]) -> Vec<u8> {
    fn run<M: Mac + KeyInit>(key: &[u8], pieces: &[Piece<'_>]) -> Vec<u8> {
        match <M as KeyInit>::new_from_slice(key) {
            Ok(mut mac) => {
                for piece in pieces {
                    mac.update(piece.bytes());
                }
                mac.finalize().into_bytes().to_vec()
            }
            // Unreachable for HMAC; an empty result matches no signature (its length is
            // checked first), so the request is refused rather than the process aborted.
            Err(_) => Vec::new(),
        }
    }
    match algorithm {
        Algorithm::HmacSha256 => run::<Hmac<sha2::Sha256>>(key, pieces),
        Algorithm::HmacSha1 => run::<Hmac<sha1::Sha1>>(key, pieces),
    }
}

/// The signature header's bytes, with the prefix stripped and the encoding undone.
pub(super) fn decode_signature(
    scheme: &HmacScheme,
    value: &[u8],
) -> Result<Vec<u8>, SignatureProblem> {
    let value = value.trim_ascii();
    let encoded = value
        .strip_prefix(scheme.signature_prefix().as_bytes())
        .ok_or(SignatureProblem::WrongPrefix(scheme.signature_prefix()))?;
    let decoded = match scheme.encoding() {
        Encoding::Hex => {
            base16ct::mixed::decode_vec(encoded).map_err(|_| SignatureProblem::NotHex)?
        }
        Encoding::Base64 => STANDARD_PAD_INDIFFERENT
            .decode(encoded)
            .map_err(|_| SignatureProblem::NotBase64)?,
    };
    let expected = scheme.algorithm().output_len();
    if decoded.len() != expected {
        return Err(SignatureProblem::WrongLength {
            actual: decoded.len(),
            expected,
        });
    }
    Ok(decoded)
}

/// The header value a provider would send for `mac`.
pub(super) fn encode_signature(scheme: &HmacScheme, mac: &[u8]) -> String {
    let encoded = match scheme.encoding() {
        Encoding::Hex => base16ct::lower::encode_string(mac),
        Encoding::Base64 => STANDARD.encode(mac),
    };
    format!("{}{encoded}", scheme.signature_prefix())
}

pub(super) fn sha256(bytes: &[u8]) -> [u8; 32] {
    sha2::Sha256::digest(bytes).into()
}

fn body_digest(body: &[u8], digest: Digest, encoding: DigestEncoding) -> Vec<u8> {
    let raw: Vec<u8> = match digest {
        Digest::Sha256 => sha2::Sha256::digest(body).to_vec(),
        Digest::Md5 => md5::Md5::digest(body).to_vec(),
    };
    match encoding {
        DigestEncoding::Raw => raw,
        DigestEncoding::Hex => base16ct::lower::encode_string(&raw).into_bytes(),
        DigestEncoding::Base64 => STANDARD.encode(&raw).into_bytes(),
    }
}

/// `(host, rest)` of an absolute URL: the authority without user info, and everything from
/// the path on, without the fragment (never sent over HTTP, so never signed).
pub(super) fn split_url(url: &str) -> Result<(&str, &str), VerifyError> {
    let (_, after_scheme) = url.split_once("://").ok_or(VerifyError::InvalidUrl)?;
    let end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let (authority, rest) = after_scheme.split_at(end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if host.is_empty() {
        return Err(VerifyError::InvalidUrl);
    }
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    Ok((host, rest))
}

/// The query string of a URL (without `?` and fragment); empty when it has none.
pub(super) fn query_of(url: &str) -> &str {
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    url.split_once('?').map_or("", |(_, query)| query)
}

/// The query's `name=value` pairs as sent, sorted by name, then by value. Sorting the encoded
/// text keeps the bytes the provider sent; a provider that decodes and re-encodes before
/// sorting gets the same order for the unreserved characters names are made of.
fn sorted_query(query: &str) -> String {
    let mut pairs: Vec<(&str, &str)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
        .collect();
    pairs.sort_unstable();
    let mut out = String::with_capacity(query.len());
    for (index, (name, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        out.push_str(value);
    }
    out
}

/// Twilio's concatenation: each decoded form parameter as name then value, sorted by name
/// then value (Twilio's libraries sort repeated names' values too).
fn sorted_form(body: &[u8]) -> Vec<u8> {
    let mut pairs: Vec<(Cow<'_, str>, Cow<'_, str>)> = form_urlencoded::parse(body).collect();
    pairs.sort_unstable();
    let mut out = Vec::with_capacity(body.len());
    for (name, value) in &pairs {
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(value.as_bytes());
    }
    out
}
