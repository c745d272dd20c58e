//! The client every generated provider client wraps: `Client<P>` and its builder, where `P`
//! is the provider's marker type (generated) that supplies the defaults. Both are reached
//! through `__private`: users see the generated `Client` and `ClientBuilder`, whose
//! rustdoc lists the provider's own operations and settings.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::Url;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use super::auth::{self, Auth, Placed};
use futures_core::Stream;
use serde::de::DeserializeOwned;

use super::call::{Call, Decoder, RequestSpec};
use super::envelope::Envelope;
use super::paging::{self, Page, Paging};
use super::rate_limit::{RateLimit, RateLimiter};
use super::{BuildError, Error, RetryPolicy, Secret};

/// What a provider module tells the runtime about its API (implemented by generated code).
pub trait Provider {
    /// The provider's name, for the user agent and messages.
    const NAME: &'static str;
    /// The base URL, or `None` when the user must give one.
    const DEFAULT_BASE_URL: Option<&'static str>;
    /// How credentials go on every request (bearer, basic, a header, the query, the
    /// path; several for a provider that needs several credentials). Empty (the default)
    /// means what [`BEARER_AUTH`](Provider::BEARER_AUTH) says.
    const AUTH: &'static [Auth] = &[];
    /// Superseded by [`AUTH`](Provider::AUTH) (`&[Auth::bearer()]`): kept so generated
    /// code that sets it still builds. Read only when `AUTH` is empty.
    const BEARER_AUTH: bool = false;
    /// Where a body reports a failure inside a success status, and a retry wait (see
    /// [`Envelope`]); `None` (the default): the status alone decides.
    const ENVELOPE: Option<Envelope> = None;
    /// The default `User-Agent` (`msgen-sdk/<version> (<provider>)`), built where the
    /// SDK's version is known.
    const USER_AGENT: &'static str;
}

/// Builds a [`Client`].
pub struct ClientBuilder<P> {
    /// By name; a later value of a name wins.
    credentials: Vec<(&'static str, Secret)>,
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
            credentials: Vec::new(),
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

    /// The API token: the credential named [`auth::TOKEN`], placed as the provider's
    /// [`Provider::AUTH`] says (`Authorization: Bearer <token>` for most). Never printed.
    pub fn token(self, token: impl Into<Secret>) -> Self {
        self.credential(auth::TOKEN, token)
    }

    /// HTTP Basic credentials (Twilio: account SID and auth token): the credentials named
    /// [`auth::USERNAME`] and [`auth::PASSWORD`]. Never printed.
    pub fn basic_auth(self, user: impl Into<Secret>, password: impl Into<Secret>) -> Self {
        self.credential(auth::USERNAME, user)
            .credential(auth::PASSWORD, password)
    }

    /// A credential by the name the provider's [`Provider::AUTH`] gives it
    /// (`client_token` for Z-API's `Client-Token` header). Never printed.
    pub fn credential(mut self, name: &'static str, value: impl Into<Secret>) -> Self {
        self.credentials.push((name, value.into()));
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
    ///
    /// Its redirect policy is then yours. The client's own follows redirects only within
    /// the base URL's origin; reqwest's default follows up to 10 anywhere and strips only
    /// `Authorization`, cookies and proxy credentials when the host changes, so a key in
    /// another header (`apikey`, `X-API-TOKEN`) or in the query would go to the other
    /// host. Build yours with `reqwest::redirect::Policy::none()` (or a same-origin
    /// custom policy) when the provider authenticates that way.
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
        // Generated code from before `AUTH` says only `BEARER_AUTH`.
        let rules: &[Auth] = match (P::AUTH, P::BEARER_AUTH) {
            ([], true) => &[Auth::bearer()],
            (rules, _) => rules,
        };
        let placed = auth::place(P::NAME, rules, &self.credentials, &mut headers)?;
        // Every call sends these; a call with a JSON body also the content type. Both maps
        // are built here once, so an attempt clones one whole map instead of inserting.
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        let mut json_headers = headers.clone();
        json_headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        let base_path = base_url.path().trim_end_matches('/').to_owned();
        Ok(Client {
            inner: Arc::new(Inner {
                http: match self.http {
                    Some(http) => http,
                    None => own_http_client(&base_url)?,
                },
                base_url,
                base_path,
                headers,
                json_headers,
                timeout: self.timeout,
                deadline: self.deadline,
                retry: self.retry,
                limiter: self.rate_limit.map(RateLimiter::new),
                placed,
                envelope: P::ENVELOPE,
                provider: P::NAME,
            }),
            provider: PhantomData,
        })
    }
}

impl<P> std::fmt::Debug for ClientBuilder<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Credentials by name only, and default headers without their values: a user may
        // put a key in one (`default_header("apikey", …)`).
        let credentials: Vec<&str> = self.credentials.iter().map(|(n, _)| *n).collect();
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, _)| (n.as_str(), "[redacted]"))
            .collect();
        f.debug_struct("ClientBuilder")
            .field("credentials", &credentials)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("headers", &headers)
            .field("http", &self.http.is_some())
            .field("rate_limit", &self.rate_limit)
            .finish_non_exhaustive()
    }
}

/// The `reqwest::Client` of a client built without one of the user's: redirects are
/// followed (up to 10) only while they stay on the base URL's origin (scheme, host and
/// port). A redirect elsewhere is not followed, and its 3xx comes back as
/// [`Error::Status`](super::Error::Status): reqwest's own policy strips only
/// `Authorization`, cookies and proxy credentials on a cross-host redirect, and would carry
/// an API key in any other header (`apikey`, `X-API-TOKEN`) or in the query to the other
/// host.
fn own_http_client(base_url: &Url) -> Result<reqwest::Client, BuildError> {
    let origin = base_url.origin();
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() > 10 {
            attempt.error("too many redirects")
        } else if attempt.url().origin() == origin {
            attempt.follow()
        } else {
            attempt.stop()
        }
    });
    reqwest::Client::builder()
        .redirect(policy)
        .build()
        .map_err(|e| BuildError::client("cannot build the HTTP client").caused_by(e.without_url()))
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

    /// The pages of a list: `spec` is the first page's request, `items` reads a page's
    /// items, `paging` says how pages follow each other (see [`Paging`]).
    pub fn pages<'a, T: 'a, E: DeserializeOwned + 'a>(
        &'a self,
        spec: RequestSpec,
        items: Decoder<Vec<T>>,
        paging: Paging,
    ) -> impl Stream<Item = Result<Page<T>, Error<E>>> + 'a {
        paging::pages(&self.inner, spec, items, paging)
    }

    /// Every item of a list, page after page (as [`pages`](Client::pages)).
    pub fn items<'a, T: 'a, E: DeserializeOwned + 'a>(
        &'a self,
        spec: RequestSpec,
        items: Decoder<Vec<T>>,
        paging: Paging,
    ) -> impl Stream<Item = Result<T, Error<E>>> + 'a {
        paging::items(&self.inner, spec, items, paging)
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
    /// Credentials that go in the query or the path.
    pub(crate) placed: Placed,
    pub(crate) envelope: Option<Envelope>,
    pub(crate) provider: &'static str,
}
