//! Decoding a payload by name: the generated table in `payloads.rs` pairs each provider
//! payload with a [`round_trip`] function instantiated for its type.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// One payload type of one provider.
#[derive(Debug, Clone, Copy)]
pub struct Payload {
    /// Provider (module) name.
    pub provider: &'static str,
    /// Operation or webhook id.
    pub of: &'static str,
    /// `request`, `response`, `error` or `webhook`.
    pub kind: &'static str,
    /// The status code, for responses and errors.
    pub status: Option<u16>,
    /// The Rust type, for messages.
    pub type_name: &'static str,
    /// Decodes JSON bytes into the type and encodes the result again.
    pub round_trip: fn(&[u8]) -> Result<serde_json::Value, DecodeError>,
}

/// Why a payload did not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// JSON path of the failing value (`.data[0].status`), `.` for the root.
    pub path: String,
    /// What serde said.
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` as `T`, naming the path of the failing field on error, and encodes the
/// decoded value back to JSON.
pub fn round_trip<T: DeserializeOwned + Serialize>(
    bytes: &[u8],
) -> Result<serde_json::Value, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let decoded: T =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|e| DecodeError {
            path: e.path().to_string(),
            message: e.inner().to_string(),
        })?;
    deserializer.end().map_err(|e| DecodeError {
        path: ".".into(),
        message: e.to_string(),
    })?;
    serde_json::to_value(&decoded).map_err(|e| DecodeError {
        path: ".".into(),
        message: format!("re-encoding failed: {e}"),
    })
}

/// The payloads `msgen-decode` offers: responses, errors and webhooks, one per
/// (provider, id, kind) — the first in manifest order when several statuses share a kind.
pub fn decodable() -> Vec<&'static Payload> {
    let mut out: Vec<&'static Payload> = Vec::new();
    for payload in crate::payloads::PAYLOADS {
        if payload.kind == "request" {
            continue;
        }
        if !out
            .iter()
            .any(|p| (p.provider, p.of, p.kind) == (payload.provider, payload.of, payload.kind))
        {
            out.push(payload);
        }
    }
    out
}

/// The payload for a (provider, id, kind, status) as fixtures name it: with a status, the
/// entry for that status; without, the first entry of that kind.
pub fn find(provider: &str, of: &str, kind: &str, status: Option<u16>) -> Option<&'static Payload> {
    let mut candidates = crate::payloads::PAYLOADS
        .iter()
        .filter(|p| p.provider == provider && p.of == of && p.kind == kind);
    match status {
        Some(status) => candidates.find(|p| p.status == Some(status)),
        None => candidates.next(),
    }
}
