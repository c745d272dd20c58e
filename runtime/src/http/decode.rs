//! Decoding a success body: the typed decoders generated code hands to a call.

use serde::de::DeserializeOwned;

/// Why a body did not decode: the JSON path of the failing value and serde's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    pub(crate) path: String,
    pub(crate) message: String,
}

impl DecodeFailure {
    /// JSON path of the failing value (`data.status`); `.` for the whole body.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for DecodeFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot decode at `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for DecodeFailure {}

/// The decoder of an operation whose success has no body to read (204, or a body the
/// operation does not document): it accepts anything.
pub fn no_content(_body: &[u8]) -> Result<(), DecodeFailure> {
    Ok(())
}

/// Decodes a body as `T`, keeping the JSON path of a failure. The path is tracked only on
/// a second pass after a failure, so a good body decodes at plain serde speed.
///
/// A good body's UTF-8 is checked once, in one pass over it, and then decoded as text:
/// `serde_json::from_slice` checks every string on its own, which was about a seventh of
/// the work on a string-heavy page. A body that is not UTF-8 fails on the second pass,
/// with the place serde reports.
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, DecodeFailure> {
    if let Ok(text) = std::str::from_utf8(body)
        && let Ok(value) = serde_json::from_str(text)
    {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| DecodeFailure {
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })?;
    deserializer.end().map_err(|e| DecodeFailure {
        path: ".".into(),
        message: e.to_string(),
    })?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Page {
        names: Vec<String>,
    }

    #[test]
    fn decode_reads_text_and_reports_where_a_body_goes_wrong() {
        let good: Page = decode(r#"{"names":["Jo\u00e3o","Ana"]}"#.as_bytes()).expect("decodes");
        assert_eq!(good.names, ["João", "Ana"]);

        let wrong = decode::<Page>(br#"{"names":["a",7]}"#).expect_err("a number");
        assert_eq!(wrong.path(), "names[1]");

        // Invalid UTF-8 inside a string: the text pass is skipped, serde names the place.
        let bytes = b"{\"names\":[\"a\xff\"]}";
        let not_text = decode::<Page>(bytes).expect_err("not UTF-8");
        assert!(
            not_text.message().contains("invalid unicode"),
            "{not_text:?}"
        );
    }
}
