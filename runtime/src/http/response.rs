//! A decoded response together with what came with it.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// The typed value of a call, with the status, headers and raw body it came from.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// The decoded value.
    pub value: T,
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The raw body.
    pub raw: Bytes,
}

impl<T> Response<T> {
    /// The decoded value alone.
    pub fn into_inner(self) -> T {
        self.value
    }
}
