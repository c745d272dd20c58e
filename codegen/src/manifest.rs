//! The provider manifest format (`schemas/<provider>/provider.json`).
//!
//! These types are the single definition of the format: serde reads manifests with them and
//! `schemars` derives the meta-schema (`schemas/manifest.schema.json`) that editors use to
//! validate and complete the files. Schemas embedded in a manifest (parameter, body and
//! response schemas) are kept as raw JSON here; the type lowering reads them from the spanned
//! source tree so that its errors can point at them.

use schemars::JsonSchema;
use serde::Deserialize;

/// One provider's API: where it lives, how it authenticates, and its operations.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Path of the meta-schema, for editors (`../manifest.schema.json`).
    #[serde(rename = "$schema", default)]
    pub meta_schema: Option<String>,
    /// Curation notes: why the manifest says what it says.
    #[serde(rename = "$comment", default)]
    pub comment: Option<Comment>,
    /// Module and cargo feature name, in snake_case (`datacrazy`).
    pub name: String,
    /// The provider's name as people write it (`Datacrazy`).
    pub display_name: String,
    /// One or two sentences about the provider; becomes the module's rustdoc.
    #[serde(default)]
    pub description: Option<String>,
    /// Where the public docs this manifest was curated from live.
    pub docs_url: String,
    /// The API's base URL, or the fact that the user must supply one.
    pub base_url: BaseUrl,
    /// Accepted authentication schemes, in order of preference; empty when the docs show none.
    pub auth: Vec<AuthScheme>,
    /// Extra headers the provider requires or checks on every request.
    #[serde(default)]
    pub headers: Vec<HeaderRequirement>,
    /// Documented rate limits.
    #[serde(default)]
    pub rate_limits: Vec<RateLimit>,
    /// Every operation, in the order the client lists them.
    pub operations: Vec<Operation>,
    /// A short Rust example of using the client: the body of an `async fn` returning
    /// `Result<(), Box<dyn std::error::Error>>`. It becomes a compiled (`no_run`) doctest.
    #[serde(default)]
    pub example: Option<Vec<String>>,
    /// Payloads the provider sends to the user's webhook endpoint.
    #[serde(default)]
    pub webhooks: Vec<Webhook>,
    /// The docs' own example payloads, kept verbatim, and what each belongs to.
    #[serde(default)]
    pub fixtures: Vec<Fixture>,
}

/// A `$comment`: one string, or several lines.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Comment {
    /// A single note.
    One(String),
    /// Several notes.
    Many(Vec<String>),
}

/// The base URL of the API.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BaseUrl {
    /// Why the URL is what it is.
    #[serde(rename = "$comment", default)]
    pub comment: Option<Comment>,
    /// The URL requests go to unless the user overrides it. Absent when the provider has no
    /// public URL: then the user must give one.
    #[serde(default)]
    pub default: Option<String>,
    /// An example URL from the docs, shown in rustdoc when there is no default.
    #[serde(default)]
    pub example: Option<String>,
}

/// An authentication scheme.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// What the docs say about the token.
        #[serde(default)]
        description: Option<String>,
    },
    /// A key sent as-is in a header.
    ApiKey {
        /// The header that carries the key.
        header: String,
        /// What the docs say about the key.
        #[serde(default)]
        description: Option<String>,
    },
}

/// A header the provider requires or checks on every request.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderRequirement {
    /// Why this header is listed.
    #[serde(rename = "$comment", default)]
    pub comment: Option<Comment>,
    /// Header name (`Origin`).
    pub name: String,
    /// Whether every request must carry it.
    #[serde(default)]
    pub required: bool,
    /// What the value must be; becomes the rustdoc of the client setting.
    pub description: String,
    /// The client builder setting that supplies the value (`allowed_domain`).
    pub setting: String,
}

/// A documented rate limit.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateLimit {
    /// The plan it applies to (`Starter`).
    pub plan: String,
    /// Requests allowed per period.
    pub limit: u32,
    /// The period.
    pub per: RatePeriod,
    /// What is counted, in the docs' words (`mensagens`).
    #[serde(default)]
    pub unit: Option<String>,
}

/// The period of a rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RatePeriod {
    /// Per second.
    Second,
    /// Per minute.
    Minute,
    /// Per hour.
    Hour,
    /// Per day.
    Day,
}

/// One API operation; becomes one client method.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// Curation notes for this operation.
    #[serde(rename = "$comment", default)]
    pub comment: Option<Comment>,
    /// Stable id in snake_case; becomes the method name (`send_message`).
    pub id: String,
    /// One-line summary, in the docs' language.
    pub summary: String,
    /// Longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template relative to the base URL, with `{name}` placeholders (`/chats/{id}`).
    pub path: String,
    /// Path, query and header parameters.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// How a list operation pages, when it does: the client then also offers a stream
    /// over every item.
    #[serde(default)]
    pub pagination: Option<Pagination>,
    /// The request body, per content type.
    #[serde(default)]
    pub request_body: Option<RequestBody>,
    /// Responses per status code, success and error.
    pub responses: Vec<Response>,
}

/// Offset pagination: which query parameters move through the list and which response
/// properties hold the page and the total.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// Curation notes.
    #[serde(rename = "$comment", default)]
    pub comment: Option<Comment>,
    /// Query parameter with the number of items to skip (`skip`).
    pub offset: String,
    /// Query parameter with the page size (`take`).
    pub limit: String,
    /// Response property holding the page's items (`data`).
    pub items: String,
    /// Response property holding the total count (`count`), if any.
    #[serde(default)]
    pub total: Option<String>,
    /// Page size used when the caller gives none.
    pub default_limit: u32,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl HttpMethod {
    /// The method as written on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }
}

/// A path, query or header parameter.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Curation notes for this parameter (for example, how a query object is encoded).
    #[serde(rename = "$comment", default)]
    pub comment: Option<Comment>,
    /// Name on the wire.
    pub name: String,
    /// Where the parameter goes.
    #[serde(rename = "in")]
    pub location: ParameterLocation,
    /// Whether the caller must give it. Path parameters are always required.
    #[serde(default)]
    pub required: bool,
    /// What it means; becomes rustdoc.
    #[serde(default)]
    pub description: Option<String>,
    /// The value's JSON Schema.
    pub schema: SchemaValue,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParameterLocation {
    /// A `{name}` segment of the path template.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
}

/// A request body.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestBody {
    /// What the body is.
    #[serde(default)]
    pub description: Option<String>,
    /// The accepted encodings; the first is the default.
    pub content: Vec<MediaType>,
}

/// One encoding of a body.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MediaType {
    /// Curation notes for this encoding.
    #[serde(rename = "$comment", default)]
    pub comment: Option<Comment>,
    /// The content type.
    pub content_type: ContentType,
    /// The body's JSON Schema. For `multipart/form-data`, an object whose properties are the
    /// form fields; a field with `"contentMediaType"` or `"format": "binary"` is a file part.
    pub schema: SchemaValue,
}

/// Supported body content types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
pub enum ContentType {
    /// `application/json`.
    #[serde(rename = "application/json")]
    Json,
    /// `multipart/form-data`.
    #[serde(rename = "multipart/form-data")]
    Multipart,
}

impl ContentType {
    /// The MIME type as written in `Content-Type`.
    pub fn as_str(self) -> &'static str {
        match self {
            ContentType::Json => "application/json",
            ContentType::Multipart => "multipart/form-data",
        }
    }
}

/// A response for one status code.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Curation notes for this response.
    #[serde(rename = "$comment", default)]
    pub comment: Option<Comment>,
    /// HTTP status code. 2xx is a success; anything else is an error response.
    pub status: u16,
    /// What the response means.
    #[serde(default)]
    pub description: Option<String>,
    /// The body's JSON Schema (`application/json`); absent when the body is empty.
    #[serde(default)]
    pub schema: Option<SchemaValue>,
    /// For a success body wrapped in an envelope (`{"success": true, "data": ...}`): the
    /// property holding the payload that the client returns.
    #[serde(default)]
    pub unwrap: Option<String>,
}

/// A webhook payload the provider sends.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Webhook {
    /// Curation notes for this webhook.
    #[serde(rename = "$comment", default)]
    pub comment: Option<Comment>,
    /// Stable id in snake_case (`message_status`).
    pub id: String,
    /// One-line summary.
    pub summary: String,
    /// The payload's JSON Schema.
    pub schema: SchemaValue,
}

/// A doc example kept verbatim, and what it belongs to.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// Why the fixture is as it is (where in the docs it comes from).
    #[serde(rename = "$comment", default)]
    pub comment: Option<Comment>,
    /// Path relative to the provider folder (`fixtures/send_message.response.json`).
    pub file: String,
    /// The operation or webhook id.
    pub of: String,
    /// Which payload of it.
    pub kind: FixtureKind,
    /// The status code, for `response` and `error`.
    #[serde(default)]
    pub status: Option<u16>,
}

/// Which payload a fixture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FixtureKind {
    /// A request body.
    Request,
    /// A success response body.
    Response,
    /// An error response body.
    Error,
    /// A webhook payload.
    Webhook,
}

impl FixtureKind {
    /// The kind as written in manifests and on the `msgen-decode` command line.
    pub fn as_str(self) -> &'static str {
        match self {
            FixtureKind::Request => "request",
            FixtureKind::Response => "response",
            FixtureKind::Error => "error",
            FixtureKind::Webhook => "webhook",
        }
    }
}

/// An embedded JSON Schema (2020-12), kept raw: the lowering reads it from the source tree.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct SchemaValue(pub serde_json::Value);

impl JsonSchema for SchemaValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "JsonSchema".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A JSON Schema (draft 2020-12). `$ref`s are relative to this file.",
            "$ref": "https://json-schema.org/draft/2020-12/schema"
        })
    }
}

/// The manifest's meta-schema, as pretty-printed JSON with a trailing newline.
pub fn meta_schema() -> String {
    let schema = schemars::schema_for!(Manifest);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema is always serializable");
    text.push('\n');
    text
}
