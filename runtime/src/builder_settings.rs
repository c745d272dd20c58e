//! The settings every generated `ClientBuilder` shares, written once.
//!
//! Each provider module has its own `ClientBuilder` (so its rustdoc page lists the
//! provider's settings and defaults), wrapping the runtime's `ClientBuilder<P>` in a field
//! named `inner`. The settings that say nothing provider-specific forward to it identically
//! for every provider, so they come from this macro rather than being printed out per
//! provider; settings whose docs differ per provider (`token`, `base_url`, `plan`, header
//! settings) and `build` stay generated.

/// Expands, inside `impl ClientBuilder { … }`, to the provider-independent settings.
#[doc(hidden)]
#[macro_export]
macro_rules! client_builder_settings {
    () => {
        /// The time limit of each attempt (default [`msgen_runtime::DEFAULT_TIMEOUT`], 30 s);
        /// `None` waits forever. A call can set its own with `Call::timeout`.
        #[inline]
        pub fn timeout(
            self,
            timeout: impl ::core::convert::Into<::core::option::Option<::core::time::Duration>>,
        ) -> Self {
            Self {
                inner: self.inner.timeout(timeout),
            }
        }

        /// The time limit of each whole call: every attempt, backoff and rate-limit wait
        /// (default: none, so only the per-attempt timeout and the retry policy's
        /// `max_elapsed` bound a call). A call can set its own with `Call::deadline`.
        #[inline]
        pub fn deadline(
            self,
            deadline: impl ::core::convert::Into<::core::option::Option<::core::time::Duration>>,
        ) -> Self {
            Self {
                inner: self.inner.deadline(deadline),
            }
        }

        /// How failed attempts are retried (default [`msgen_runtime::RetryPolicy::default`]:
        /// 3 attempts; see [`RetryPolicy`](msgen_runtime::RetryPolicy) for what is retried).
        #[inline]
        pub fn retry_policy(self, policy: $crate::RetryPolicy) -> Self {
            Self {
                inner: self.inner.retry_policy(policy),
            }
        }

        /// The `User-Agent` header (default `msgen-sdk/<version> (<provider>)`).
        #[inline]
        pub fn user_agent(
            self,
            user_agent: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                inner: self.inner.user_agent(user_agent),
            }
        }

        /// A header sent with every request (default: none beyond `User-Agent`, `Accept`
        /// and the provider's authentication).
        #[inline]
        pub fn default_header(
            self,
            name: impl ::core::convert::Into<::std::string::String>,
            value: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            Self {
                inner: self.inner.default_header(name, value),
            }
        }

        /// A `reqwest::Client` of your own (proxies, TLS settings, connection pools);
        /// default: one built for this client.
        #[inline]
        pub fn http_client(self, client: $crate::reqwest::Client) -> Self {
            Self {
                inner: self.inner.http_client(client),
            }
        }

        /// Waits before requests so that the client stays within this rate (default: no
        /// limit).
        #[inline]
        pub fn rate_limit(self, rate: $crate::RateLimit) -> Self {
            Self {
                inner: self.inner.rate_limit(rate),
            }
        }
    };
}
