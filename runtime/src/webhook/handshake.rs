//! Subscription handshakes: the GET a provider sends when a webhook URL is registered, which
//! the endpoint answers by echoing a challenge if the request carries the verify token.

use super::error::{Refusal, VerifyError};
use super::secret::WebhookSecret;
use super::verify::tokens_equal;

/// A handshake described by its query parameters: `mode_param` must be `mode`,
/// `token_param` the configured verify token, and `challenge_param` is echoed back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handshake {
    mode_param: &'static str,
    mode: &'static str,
    token_param: &'static str,
    challenge_param: &'static str,
}

impl Handshake {
    /// PubSubHubbub 0.3's verification of intent, which Meta's webhooks (WhatsApp Cloud API,
    /// Messenger, Instagram) use: `hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`.
    /// A protocol rather than a provider, hence a constant here.
    pub const HUB: Handshake =
        Handshake::new("hub.mode", "subscribe", "hub.verify_token", "hub.challenge");

    /// A handshake with other parameter names.
    pub const fn new(
        mode_param: &'static str,
        mode: &'static str,
        token_param: &'static str,
        challenge_param: &'static str,
    ) -> Self {
        Handshake {
            mode_param,
            mode,
            token_param,
            challenge_param,
        }
    }

    /// The challenge to answer with (status 200, `text/plain`, the challenge as the whole
    /// body), when the raw `query` string (after `?`, still percent-encoded) has the right
    /// mode and `verify_token`; the token is compared in constant time. Otherwise the reason
    /// to answer 403. Each parameter must appear exactly once: a second copy could otherwise
    /// be the one the application reads.
    pub fn answer(&self, verify_token: &WebhookSecret, query: &str) -> Result<String, VerifyError> {
        let refused = |refusal| VerifyError::HandshakeRefused(refusal);
        let mode = single(query, self.mode_param).map_err(refused)?;
        let token = single(query, self.token_param).map_err(refused)?;
        let challenge = single(query, self.challenge_param).map_err(refused)?;
        // The token first and regardless of the mode, so timing says nothing about it either
        // way; the mode is public.
        let token_ok = tokens_equal(token.as_bytes(), verify_token.bytes());
        if mode != self.mode {
            return Err(refused(Refusal::WrongMode));
        }
        if !token_ok {
            return Err(refused(Refusal::WrongToken));
        }
        Ok(challenge)
    }
}

/// The decoded value of the one `name` parameter in `query`.
fn single(query: &str, name: &'static str) -> Result<String, Refusal> {
    let mut values = form_urlencoded::parse(query.as_bytes())
        .filter(|(key, _)| key == name)
        .map(|(_, value)| value);
    match (values.next(), values.next()) {
        (Some(value), None) if !value.is_empty() => Ok(value.into_owned()),
        (Some(_), Some(_)) => Err(Refusal::DuplicateParameter(name)),
        _ => Err(Refusal::MissingParameter(name)),
    }
}
