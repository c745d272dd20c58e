//! The client every generated provider client wraps: `Client<P>` and its builder, where `P`
//! is the provider's marker type (generated) that supplies the defaults. Both are reached
//! through `__private`: users see the generated `Client` and `ClientBuilder`, whose
//! rustdoc lists the provider's own operations and settings.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use super::call::{Call, Decoder, RequestSpec};
use super::rate_limit::{RateLimit, RateLimiter};
use super::{BuildError, RetryPolicy, Secret};

/// What a provider module tells the runtime about its API (implemented by generated code).
pub trait Provider {
    /// The provider's name, for the user agent and messages.
    const NAME: &'static str;
    /// The base URL, or `None` when the user must give one.
    const DEFAULT_BASE_URL: Option<&'static str>;
    /// Whether requests carry `Authorization: Bearer <token>`.
    const BEARER_AUTH: bool;
    /// The default `User-Agent` (`msgen-sdk/<version> (<provider>)`), built where the
    /// SDK's version is known.
    const USER_AGENT: &'static str;
}

/// Builds a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder<P> {
    token: Option<Secret>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: RetryPolicy,
    user_agent: Option<String>,
    headers: Vec<(String, String)>,
    http: Option<reqwest::Client>,
    rate_limit: Option<RateLimit>,
    provider: PhantomData<fn() -> P>,
}

/// The time limit of each attempt unless the client or the call sets another.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

impl<P: Provider> Default for ClientBuilder<P> {
    fn default() -> Self {
        Self::new()
    }
}

impl<P: Provider> ClientBuilder<P> {
    /// A builder with the defaults: [`DEFAULT_TIMEOUT`] per attempt, no deadline,
    /// [`RetryPolicy::default`], no rate limit, no default headers.
    pub fn new() -> Self {
        ClientBuilder {
            token: None,
            base_url: None,
            timeout: Some(DEFAULT_TIMEOUT),
            deadline: None,
            retry: RetryPolicy::default(),
            user_agent: None,
            headers: Vec::new(),
            http: None,
            rate_limit: None,
            provider: PhantomData,
        }
    }

    /// The API token, sent as `Authorization: Bearer <token>`. Never printed.
    pub fn token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Where requests go; required when the provider has no public base URL.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The time limit of each attempt (default 30 s); `None` waits forever. A call can
    /// set its own ([`Call::timeout`]).
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = timeout.into();
        self
    }

    /// The time limit of each whole call: every attempt, backoff and rate-limit wait
    /// (default: none). A call can set its own ([`Call::deadline`], which says what
    /// happens when it passes).
    ///
    /// Without one, a call is still bounded, by the attempt timeout and the retry policy:
    /// at most `max_attempts` attempts of `timeout` each, the last one starting within
    /// `max_elapsed` (60 s by default) of the first. A rate-limit wait is bounded only by a
    /// deadline.
    pub fn deadline(mut self, deadline: impl Into<Option<Duration>>) -> Self {
        self.deadline = deadline.into();
        self
    }

    /// How failed attempts are retried (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The `User-Agent` header (default `msgen-sdk/<version> (<provider>)`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A `reqwest::Client` of your own (proxies, TLS settings, connection pools).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Waits before requests so that the client stays within this rate.
    pub fn rate_limit(mut self, rate: RateLimit) -> Self {
        self.rate_limit = Some(rate);
        self
    }

    /// Builds the client, checking the base URL, the token and the headers.
    pub fn build(self) -> Result<Client<P>, BuildError> {
        let base = match (self.base_url, P::DEFAULT_BASE_URL) {
            (Some(url), _) => url,
            (None, Some(url)) => url.to_owned(),
            (None, None) => {
                return Err(BuildError::client(format!(
                    "{} has no public base URL: call `base_url(...)` on the builder",
                    P::NAME
                )));
            }
        };
        let base_url = Url::parse(&base)
            .map_err(|e| BuildError::client(format!("invalid base URL `{base}`")).caused_by(e))?;
        if base_url.cannot_be_a_base() {
            return Err(BuildError::client(format!(
                "base URL `{base}` cannot have a path"
            )));
        }
        let mut headers = HeaderMap::new();
        let user_agent = self.user_agent.as_deref().unwrap_or(P::USER_AGENT);
        headers.insert(
            reqwest::header::USER_AGENT,
            header_value("User-Agent", user_agent)?,
        );
        for (name, value) in &self.headers {
            let name = HeaderName::try_from(name.as_str()).map_err(|e| {
                BuildError::client(format!("invalid header name `{name}`")).caused_by(e)
            })?;
            headers.append(name.clone(), header_value(name.as_str(), value)?);
        }
        if P::BEARER_AUTH {
            let token = self.token.ok_or_else(|| {
                BuildError::client(format!(
                    "{} needs a token: call `token(...)` on the builder",
                    P::NAME
                ))
            })?;
            let mut value = header_value("Authorization", &format!("Bearer {}", token.expose()))?;
            value.set_sensitive(true);
            headers.insert(reqwest::header::AUTHORIZATION, value);
        }
        // Every call sends these; a call with a JSON body also the content type. Both maps
        // are built here once, so an attempt clones one whole map instead of inserting.
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut json_headers = headers.clone();
        json_headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let base_path = base_url.path().trim_end_matches('/').to_owned();
        Ok(Client {
            inner: Arc::new(Inner {
                http: self.http.unwrap_or_default(),
                base_url,
                base_path,
                headers,
                json_headers,
                timeout: self.timeout,
                deadline: self.deadline,
                retry: self.retry,
                limiter: self.rate_limit.map(RateLimiter::new),
                provider: P::NAME,
            }),
            provider: PhantomData,
        })
    }
}

fn header_value(name: &str, value: &str) -> Result<HeaderValue, BuildError> {
    // The value is never put in the message: it may be a token.
    HeaderValue::from_str(value)
        .map_err(|_| BuildError::client(format!("invalid value for header `{name}`")))
}

/// A client for provider `P`; cheap to clone (the connection pool is shared).
pub struct Client<P> {
    pub(crate) inner: Arc<Inner>,
    provider: PhantomData<fn() -> P>,
}

impl<P> Clone for Client<P> {
    fn clone(&self) -> Self {
        Client {
            inner: Arc::clone(&self.inner),
            provider: PhantomData,
        }
    }
}

impl<P> std::fmt::Debug for Client<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("provider", &self.inner.provider)
            .field("base_url", &self.inner.base_url.as_str())
            .field("timeout", &self.inner.timeout)
            .field("deadline", &self.inner.deadline)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl<P: Provider> Client<P> {
    /// Starts building a client.
    pub fn builder() -> ClientBuilder<P> {
        ClientBuilder::new()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// A call of one operation (generated methods build these).
    pub fn call<T, E>(&self, spec: RequestSpec, decode: Decoder<T>) -> Call<'_, T, E> {
        Call::new(&self.inner, spec, decode)
    }
}

/// What every call of a client shares.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) base_url: Url,
    /// The base URL's path without its trailing `/`, which operation paths extend.
    pub(crate) base_path: String,
    /// Default headers and `Accept`, the `Authorization` one marked sensitive.
    pub(crate) headers: HeaderMap,
    /// `headers` and the JSON `Content-Type`, for calls with a JSON body.
    pub(crate) json_headers: HeaderMap,
    pub(crate) timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) retry: RetryPolicy,
    pub(crate) limiter: Option<RateLimiter>,
    pub(crate) provider: &'static str,
}
