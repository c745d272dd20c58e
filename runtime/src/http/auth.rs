//! How a provider's credentials go on a request, as data: generated code declares a
//! provider's [`Auth`] list as a `const` from its manifest, and the client turns it into
//! headers (built once, marked sensitive), query pairs or path segments when it is built.

use base64::Engine as _;
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use super::error::{BuildError, BuildErrorKind};
use super::secret::Secret;

/// The credential that [`ClientBuilder::token`](super::client::ClientBuilder::token) sets.
pub const TOKEN: &str = "token";
/// The credentials that [`ClientBuilder::basic_auth`](super::client::ClientBuilder::basic_auth)
/// sets.
pub const USERNAME: &str = "username";
/// See [`USERNAME`].
pub const PASSWORD: &str = "password";

/// One way a credential goes on every request of a provider. A provider that needs two
/// credentials (Z-API: instance and token in the path, `Client-Token` in a header) lists
/// two. Each names the credential it reads (given to the builder by name), so a missing one
/// is reported by name when the client is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// `Authorization: Bearer <credential>`.
    Bearer {
        /// The credential's name.
        credential: &'static str,
    },
    /// `Authorization: Basic base64(<user>:<password>)` (Twilio's account SID and auth
    /// token, Vonage, Infobip).
    Basic {
        /// The user's credential name.
        user: &'static str,
        /// The password's credential name.
        password: &'static str,
    },
    /// `<name>: <prefix><credential>`: a bare key (`X-API-TOKEN: <key>`, `apikey: <key>`,
    /// `D360-API-KEY`) or one with a scheme (`Authorization: App <key>`, `Key <key>`,
    /// `AccessKey <key>`; the prefix includes its space).
    Header {
        /// The header's name (lowercase works everywhere: HTTP names are case-blind).
        name: &'static str,
        /// Text before the credential (`""` for a bare key).
        prefix: &'static str,
        /// The credential's name.
        credential: &'static str,
    },
    /// `?<name>=<credential>` on every request.
    Query {
        /// The query parameter.
        name: &'static str,
        /// The credential's name.
        credential: &'static str,
    },
    /// The credential fills the placeholder `{<placeholder>}` of every path template that
    /// has it (Telegram's `/bot{token}/sendMessage`). It is percent-encoded into its segment
    /// when the request is built; the tracing span shows the template, never the path.
    Path {
        /// The placeholder's name, without braces.
        placeholder: &'static str,
        /// The credential's name.
        credential: &'static str,
    },
}

impl Auth {
    /// `Authorization: Bearer <token>`, the token from [`TOKEN`].
    pub const fn bearer() -> Self {
        Auth::Bearer { credential: TOKEN }
    }

    /// HTTP Basic from [`USERNAME`] and [`PASSWORD`].
    pub const fn basic() -> Self {
        Auth::Basic {
            user: USERNAME,
            password: PASSWORD,
        }
    }

    /// `<name>: <prefix><token>`, the token from [`TOKEN`].
    pub const fn header(name: &'static str, prefix: &'static str) -> Self {
        Auth::Header {
            name,
            prefix,
            credential: TOKEN,
        }
    }

    /// `?<name>=<token>`, the token from [`TOKEN`].
    pub const fn query(name: &'static str) -> Self {
        Auth::Query {
            name,
            credential: TOKEN,
        }
    }

    /// The token from [`TOKEN`] in the path, at `{<placeholder>}`.
    pub const fn path(placeholder: &'static str) -> Self {
        Auth::Path {
            placeholder,
            credential: TOKEN,
        }
    }

    /// The same placement, reading the credential named `credential` instead.
    pub const fn with_credential(self, credential: &'static str) -> Self {
        match self {
            Auth::Bearer { .. } => Auth::Bearer { credential },
            // Basic reads two credentials; `credential` names the password.
            Auth::Basic { user, .. } => Auth::Basic {
                user,
                password: credential,
            },
            Auth::Header { name, prefix, .. } => Auth::Header {
                name,
                prefix,
                credential,
            },
            Auth::Query { name, .. } => Auth::Query { name, credential },
            Auth::Path { placeholder, .. } => Auth::Path {
                placeholder,
                credential,
            },
        }
    }
}

/// What the credentials add to each request beyond the header map: query pairs and path
/// placeholders, values already encoded.
#[derive(Default)]
pub(crate) struct Placed {
    pub(crate) query: Vec<(&'static str, Secret)>,
    /// `(placeholder, percent-encoded value)`.
    pub(crate) path: Vec<(&'static str, Secret)>,
}

impl std::fmt::Debug for Placed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Names only: the values are credentials.
        f.debug_struct("Placed")
            .field(
                "query",
                &self.query.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field(
                "path",
                &self.path.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// Applies `auth` with the builder's `credentials`: headers go into `headers` (marked
/// sensitive), the rest into the returned [`Placed`]. A missing credential is a
/// [`BuildErrorKind::MissingCredential`] naming it.
pub(crate) fn place(
    provider: &'static str,
    auth: &[Auth],
    credentials: &[(&'static str, Secret)],
    headers: &mut HeaderMap,
) -> Result<Placed, BuildError> {
    let get = |name: &'static str| {
        credentials
            .iter()
            .rev()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s)
            .ok_or_else(|| missing(provider, name))
    };
    let mut placed = Placed::default();
    for rule in auth {
        match *rule {
            Auth::Bearer { credential } => {
                let value = ["Bearer ", get(credential)?.expose()].concat();
                headers.insert(AUTHORIZATION, sensitive("Authorization", &value)?);
            }
            Auth::Basic { user, password } => {
                let pair = [get(user)?.expose(), ":", get(password)?.expose()].concat();
                let value = [
                    "Basic ",
                    &base64::engine::general_purpose::STANDARD.encode(pair),
                ]
                .concat();
                headers.insert(AUTHORIZATION, sensitive("Authorization", &value)?);
            }
            Auth::Header {
                name,
                prefix,
                credential,
            } => {
                let header = HeaderName::try_from(name).map_err(|e| {
                    BuildError::client(format!("invalid auth header name `{name}`")).caused_by(e)
                })?;
                let value = [prefix, get(credential)?.expose()].concat();
                headers.insert(header, sensitive(name, &value)?);
            }
            Auth::Query { name, credential } => {
                placed.query.push((name, get(credential)?.clone()));
            }
            Auth::Path {
                placeholder,
                credential,
            } => {
                let value = get(credential)?.expose();
                // No encoding keeps these from changing the path (see `RequestSpec::new`).
                if matches!(value, "" | "." | "..") {
                    return Err(BuildError::client(format!(
                        "credential `{credential}` cannot go in the path: it is empty or a dot segment"
                    )));
                }
                let mut encoded = String::with_capacity(value.len());
                super::call::encode_segment(&mut encoded, value);
                placed.path.push((placeholder, Secret::new(encoded)));
            }
        }
    }
    Ok(placed)
}

fn missing(provider: &'static str, name: &'static str) -> BuildError {
    let how = match name {
        TOKEN => "`token(...)`".to_owned(),
        USERNAME | PASSWORD => "`basic_auth(user, password)`".to_owned(),
        _ => format!("`credential(\"{name}\", ...)`"),
    };
    BuildError::new(
        BuildErrorKind::MissingCredential { name },
        format!("{provider} needs credential `{name}`: call {how} on the builder"),
    )
}

/// A header value that is never printed, in `Debug` or in HTTP/2 tables.
fn sensitive(name: &str, value: &str) -> Result<HeaderValue, BuildError> {
    // The value is never put in the message: it is a credential.
    let mut value = HeaderValue::from_str(value)
        .map_err(|_| BuildError::client(format!("invalid value for header `{name}`")))?;
    value.set_sensitive(true);
    Ok(value)
}

/// `segment` with each `{placeholder}` of a path credential replaced by its encoded value.
/// Returns `None` when the template segment holds no credential placeholder.
pub(crate) fn fill_segment(
    template_segment: &str,
    path: &[(&'static str, Secret)],
) -> Option<String> {
    let mut out: Option<String> = None;
    for (placeholder, value) in path {
        let marker = ["{", placeholder, "}"].concat();
        let current = out.as_deref().unwrap_or(template_segment);
        if current.contains(&marker) {
            out = Some(current.replace(&marker, value.expose()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds() -> Vec<(&'static str, Secret)> {
        vec![
            (TOKEN, Secret::new("tok/en")),
            (USERNAME, Secret::new("AC1")),
            (PASSWORD, Secret::new("pw")),
            ("client_token", Secret::new("ct")),
        ]
    }

    #[test]
    fn each_kind_lands_where_it_says() {
        let mut headers = HeaderMap::new();
        let placed = place(
            "P",
            &[
                Auth::basic(),
                Auth::header("apikey", ""),
                Auth::header("x-k", "Key ").with_credential("client_token"),
                Auth::query("key"),
                Auth::path("token"),
            ],
            &creds(),
            &mut headers,
        )
        .expect("placed");
        // base64("AC1:pw")
        assert_eq!(headers[AUTHORIZATION], "Basic QUMxOnB3");
        assert!(headers[AUTHORIZATION].is_sensitive());
        assert_eq!(headers["apikey"], "tok/en");
        assert_eq!(headers["x-k"], "Key ct");
        assert!(headers["x-k"].is_sensitive());
        assert_eq!(placed.query[0].0, "key");
        assert_eq!(placed.path[0].1.expose(), "tok%2Fen");
        assert!(!format!("{placed:?}").contains("tok%2F"), "{placed:?}");
        assert_eq!(
            fill_segment("bot{token}", &placed.path).as_deref(),
            Some("bottok%2Fen")
        );
        assert_eq!(fill_segment("sendMessage", &placed.path), None);
    }

    #[test]
    fn a_missing_credential_is_named() {
        let error = place(
            "Z-API",
            &[
                Auth::path("token"),
                Auth::header("Client-Token", "").with_credential("client_token"),
            ],
            &[(TOKEN, Secret::new("t"))],
            &mut HeaderMap::new(),
        )
        .expect_err("missing");
        assert_eq!(
            error.kind,
            BuildErrorKind::MissingCredential {
                name: "client_token"
            }
        );
        assert!(
            error.to_string().contains("credential(\"client_token\""),
            "{error}"
        );
    }
}
