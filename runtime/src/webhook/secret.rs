//! The key or token a webhook is checked against, kept out of `Debug` and errors.

use std::fmt;

/// A webhook signing key (Meta's app secret, Twilio's auth token, a MessageBird signing key)
/// or a shared token (Telegram's `secret_token`, Meta's verify token).
///
/// Its `Debug` prints `WebhookSecret([redacted])` and it has no `Display`, so it cannot end
/// up in a log line by accident. It has no `PartialEq` either: the only comparisons made
/// with it are the constant-time ones inside this module.
///
/// This is not `msgen_runtime::Secret` of the `client` feature: a server that only
/// receives webhooks should not need the HTTP client, and signing keys are bytes, not text.
#[derive(Clone)]
pub struct WebhookSecret(Box<[u8]>);

impl WebhookSecret {
    /// Wraps a key or token, as the provider's dashboard shows it (the bytes of that text;
    /// no provider covered here hands out a hex or base64 key to be decoded first).
    pub fn new(value: impl Into<Vec<u8>>) -> Self {
        WebhookSecret(value.into().into_boxed_slice())
    }

    /// The bytes, for the HMAC key and the constant-time comparisons of this module only.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookSecret([redacted])")
    }
}

impl From<&str> for WebhookSecret {
    fn from(value: &str) -> Self {
        WebhookSecret::new(value)
    }
}

impl From<String> for WebhookSecret {
    fn from(value: String) -> Self {
        WebhookSecret::new(value)
    }
}

impl From<&[u8]> for WebhookSecret {
    fn from(value: &[u8]) -> Self {
        WebhookSecret::new(value)
    }
}

impl From<Vec<u8>> for WebhookSecret {
    fn from(value: Vec<u8>) -> Self {
        WebhookSecret::new(value)
    }
}
