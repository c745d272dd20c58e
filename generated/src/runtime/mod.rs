//! The hand-written HTTP runtime every generated client uses: building clients, sending
//! calls with retries, timeouts and rate limits, and turning responses into typed values or
//! typed errors. Generated code supplies only what differs per operation.

mod call;
mod client;
mod error;
#[cfg(feature = "multipart")]
mod multipart;
mod paginate;
pub(crate) mod query;
mod rate_limit;
mod response;
mod retry;
mod secret;
mod send;

pub use call::{Call, DecodeFailure, Decoder, RequestSpec, decode};
pub use client::{Client, ClientBuilder, Provider};
pub use error::{BuildError, DecodeError, Error, StatusError, TransportError};
pub use futures_core::Stream;
#[cfg(feature = "multipart")]
pub use multipart::{FilePart, Form};
pub use paginate::{Page, paginate};
pub use query::push as push_query;
pub use rate_limit::RateLimit;
pub use reqwest::Method;
pub use response::Response;
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use send::{ResponseFuture, SendFuture};
