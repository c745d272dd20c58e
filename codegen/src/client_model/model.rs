//! The client model's types: a provider's client as emission needs it, every name claimed
//! and every reference into the manifest resolved, so emitting a valid model cannot fail
//! and needs neither the manifest nor any check of its own.

use crate::ir::{Field, IntType, TypeId, TypeRef};

/// A provider's client module.
#[derive(Debug, Clone)]
pub struct ClientModel {
    /// The provider's name as people write it (`Datacrazy`).
    pub display_name: String,
    /// The provider's module (`datacrazy`), for doc examples.
    pub module: String,
    /// The default base URL, if the API has a public one.
    pub base_url: Option<String>,
    /// An example base URL from the docs, when there is no default.
    pub base_url_example: Option<String>,
    /// How requests authenticate: what the runtime implements, nothing else.
    pub auth: Auth,
    /// The manifest's example: the body of an async fn, for the client's doctest.
    pub example: Option<Vec<String>>,
    /// The builder's methods, in the order they are emitted; each claimed its name.
    pub settings: Vec<Setting>,
    /// The documented plans, each a variant of `Plan`.
    pub plans: Vec<Plan>,
    /// The type every error response shares, else any JSON value.
    pub error_body: TypeRef,
    /// One per manifest operation, in manifest order.
    pub operations: Vec<Operation>,
    /// One parser per webhook payload.
    pub webhooks: Vec<WebhookParser>,
}

impl ClientModel {
    /// Whether an operation sends `multipart/form-data` (its cargo feature then needs the
    /// runtime's `multipart`).
    pub fn uses_multipart(&self) -> bool {
        self.operations.iter().any(|op| {
            op.methods.iter().any(|m| {
                matches!(
                    m.body,
                    Some(Body {
                        encoding: Encoding::Multipart { .. },
                        ..
                    })
                )
            })
        })
    }
}

/// Authentication the runtime implements (`Provider::BEARER_AUTH`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// None: the docs show none.
    None,
    /// `Authorization: Bearer <token>`, the token set with the builder's `token`.
    Bearer,
}

/// A method of the generated `ClientBuilder`. The builder is emitted from this list, and
/// its names are claimed from it, so a setting cannot be emitted without being claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// `token(…)`, for bearer auth.
    Token,
    /// `base_url(…)`, with this provider's default in its doc.
    BaseUrl,
    /// The provider-independent settings from the runtime's `client_builder_settings!`.
    Shared,
    /// `plan(…)`, when the manifest documents rate limits.
    Plan,
    /// A manifest header setting.
    Header(HeaderSetting),
    /// `build()`.
    Build,
}

/// The methods `msgen_runtime::__private::client_builder_settings!()` expands to
/// (`runtime/src/builder_settings.rs`; a test holds the two lists together).
pub const SHARED_SETTINGS: &[&str] = &[
    "timeout",
    "deadline",
    "retry_policy",
    "user_agent",
    "default_header",
    "http_client",
    "rate_limit",
];

impl Setting {
    /// The builder methods the setting defines.
    pub fn names(&self) -> Vec<&str> {
        match self {
            Setting::Token => vec!["token"],
            Setting::BaseUrl => vec!["base_url"],
            Setting::Shared => SHARED_SETTINGS.to_vec(),
            Setting::Plan => vec!["plan"],
            Setting::Header(header) => vec![header.method.as_str()],
            Setting::Build => vec!["build"],
        }
    }
}

/// A builder method that sends one value in one or more headers on every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderSetting {
    /// The method's name (`allowed_domain`).
    pub method: String,
    /// The headers it sets (`Origin`, `Referer`).
    pub headers: Vec<String>,
    /// Its doc: what the value must be.
    pub description: String,
}

/// A documented plan and its rate limit.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The `Plan` variant.
    pub variant: String,
    /// The plan's name in the docs.
    pub name: String,
    /// Requests (or `unit`) allowed per period.
    pub limit: u32,
    /// What is counted.
    pub unit: String,
    /// The period's name (`minute`).
    pub period: &'static str,
    /// The period in seconds.
    pub seconds: u64,
}

/// One operation: its method(s) on `Client` and, when it pages, a stream.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The manifest id.
    pub id: String,
    /// One-line summary.
    pub summary: String,
    /// Longer description.
    pub description: Option<String>,
    /// The HTTP method as written on the wire (`GET`).
    pub verb: &'static str,
    /// The path template as written, for docs and tracing.
    pub template: String,
    /// The path's segments, placeholders bound to arguments.
    pub segments: Vec<Vec<PathPiece>>,
    /// Positional arguments, before the query and the body: path parameters in template
    /// order, then header parameters.
    pub args: Vec<Arg>,
    /// The query struct, when the operation has query parameters.
    pub query: Option<Query>,
    /// What a call returns.
    pub success: Success,
    /// One method per request encoding (the first is the operation's own name).
    pub methods: Vec<Method>,
    /// The stream over every item, for a paged list.
    pub stream: Option<Stream>,
}

/// A piece of a path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPiece {
    /// Literal text.
    Literal(String),
    /// The value of `Operation::args[index]`.
    Arg(usize),
}

/// A positional argument of an operation's methods.
#[derive(Debug, Clone)]
pub struct Arg {
    /// The Rust name, unique among the method's arguments and locals.
    pub name: String,
    /// Its type.
    pub ty: ArgType,
    /// Whether it may be left out (`Option<…>`): optional header parameters.
    pub optional: bool,
    /// Whether the value is `Copy` (a stream then needs no clone per page).
    pub copy: bool,
    /// Its doc line.
    pub description: Option<String>,
    /// Where its value goes.
    pub sent: Sent,
}

/// How an argument is passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgType {
    /// `&str`, for string values.
    Str,
    /// By value.
    Value(TypeRef),
}

/// Where an argument's value goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// Into the path.
    Path,
    /// In this header, as text.
    Header(String),
}

/// The query struct argument.
#[derive(Debug, Clone)]
pub struct Query {
    /// The argument's name.
    pub arg: String,
    /// The struct.
    pub ty: TypeId,
    /// Its fields: (Rust name, wire name), in order.
    pub fields: Vec<(String, String)>,
}

/// What a call returns and how the body is decoded.
#[derive(Debug, Clone)]
pub enum Success {
    /// No success body schema: any JSON value, `null` for an empty body.
    Empty,
    /// The body as this type.
    Body(TypeRef),
    /// One field of the body (an envelope such as `{"success": true, "data": …}`).
    Unwrap {
        /// The body's type.
        envelope: TypeRef,
        /// The struct holding the field (the envelope, aliases followed).
        holder: TypeId,
        /// The field's index in the struct.
        field: usize,
    },
}

/// A method sending one encoding of the request.
#[derive(Debug, Clone)]
pub struct Method {
    /// Its name (`send_message`, `send_message_multipart`).
    pub name: String,
    /// The body, when the operation takes one.
    pub body: Option<Body>,
}

/// A request body argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// The argument's name.
    pub arg: String,
    /// Its type.
    pub ty: TypeRef,
    /// How it is sent.
    pub encoding: Encoding,
}

/// A body's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json`.
    Json,
    /// `multipart/form-data`: with `files`, the struct's own `to_form` (text fields and
    /// file parts); without, every field as a text part.
    Multipart {
        /// Whether the struct has file fields.
        files: bool,
    },
}

/// A stream over every item of an offset-paginated list.
#[derive(Debug, Clone)]
pub struct Stream {
    /// Its name (`list_conversations_stream`).
    pub name: String,
    /// The item type.
    pub item: TypeRef,
    /// The query field with the number of items to skip.
    pub offset: PageField,
    /// The query field with the page size.
    pub limit: PageField,
    /// The payload field holding the page's items.
    pub items: PageField,
    /// The payload field holding the total count.
    pub total: Option<PageField>,
    /// The page size when the query sets none.
    pub default_limit: u32,
    /// The query type's name for a doc example, when the example compiles as written (a
    /// query with no required field, no other argument).
    pub example_query: Option<String>,
}

/// A field the stream reads or writes.
#[derive(Debug, Clone)]
pub struct PageField {
    /// The Rust field name.
    pub field: String,
    /// The name on the wire, for docs.
    pub wire: String,
    /// How the field holds its value.
    pub presence: Presence,
    /// The integer type, for offset, limit and total.
    pub int: Option<IntType>,
}

/// How a field holds its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// `T`.
    Required,
    /// `Option<T>`.
    Optional,
    /// `Option<Option<T>>`: optional and nullable.
    OptionalNullable,
}

impl Presence {
    /// How a struct field stores its value: the rule of `emit::structs`' storage, where a
    /// JSON value holds `null` itself and so is never doubly optional.
    pub fn of(field: &Field) -> Presence {
        match (field.required, field.nullable, &field.ty) {
            (true, _, TypeRef::Json) => Presence::Required,
            (false, _, TypeRef::Json) => Presence::Optional,
            (true, false, _) => Presence::Required,
            (true, true, _) | (false, false, _) => Presence::Optional,
            (false, true, _) => Presence::OptionalNullable,
        }
    }
}

/// A public parser for one webhook payload.
#[derive(Debug, Clone)]
pub struct WebhookParser {
    /// Its name (`parse_message_status`).
    pub name: String,
    /// The webhook's summary.
    pub summary: String,
    /// The payload type.
    pub ty: TypeRef,
}
