//! The hand-written HTTP runtime every generated client uses: building clients, sending
//! calls with retries, timeouts and rate limits, and turning responses into typed values or
//! typed errors. Generated code supplies only what differs per operation.

mod auth;
mod call;
mod client;
mod decode;
mod envelope;
mod error;
#[cfg(feature = "multipart")]
mod multipart;
mod paging;
pub(crate) mod query;
mod rate_limit;
mod response;
mod retry;
mod secret;
mod send;

pub use call::Call;
pub use client::DEFAULT_TIMEOUT;
pub use decode::{DecodeFailure, decode};
pub use error::{
    BuildError, BuildErrorKind, DecodeError, Error, StatusError, TransportError, TransportErrorKind,
};
#[cfg(feature = "multipart")]
pub use multipart::FilePart;
pub use paging::Page;
pub use rate_limit::RateLimit;
pub use response::Response;
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use send::{ResponseFuture, SendFuture};

/// What generated clients call.
pub(crate) mod private {
    pub use super::auth::{Auth, PASSWORD, TOKEN, USERNAME};
    pub use super::call::{Decoder, RequestSpec};
    pub use super::client::{Client, ClientBuilder, Provider};
    pub use super::decode::no_content;
    pub use super::envelope::Envelope;
    #[cfg(feature = "multipart")]
    pub use super::multipart::Form;
    pub use super::paging::{DEFAULT_MAX_PAGES, Locator, Page, Paging, paginate};
    pub use super::query::push as push_query;
    pub use reqwest::Method;
}
