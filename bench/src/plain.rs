//! Hand-written "plain serde derive" mirrors of some generated response types, the baseline
//! of the decode benchmark: what the same JSON costs with nothing but `#[derive(Deserialize)]`.
//!
//! They are what a careful hand-writer would declare: `String` where the SDK has an open
//! enum, `Option<T>` for every optional field, serde's own `#[serde(untagged)]` for the
//! schema's `oneOf`s, `chrono`/`uuid` where the generated type uses them (so date parsing is
//! paid by both), no catch-all variants and no three-state fields. The gap between these and
//! `serde_json::Value` is what owned-`String` decoding costs anyway; the gap between these and
//! the generated types is what the generator adds.

use serde::Deserialize;

type DateTime = chrono::DateTime<chrono::Utc>;

/// Datacrazy `ListConversationsResponse`.
pub mod datacrazy {
    use super::{DateTime, Deserialize};

    #[derive(Debug, Deserialize)]
    pub struct ListConversationsResponse {
        pub count: Option<i64>,
        pub data: Option<Vec<Conversation>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Conversation {
        pub id: String,
        pub created_at: Option<DateTime>,
        pub updated_at: Option<DateTime>,
        pub deleted_at: Option<DateTime>,
        pub name: Option<String>,
        pub description: Option<String>,
        #[serde(rename = "imageURL")]
        pub image_url: Option<String>,
        pub is_group: Option<bool>,
        pub automation_enabled: Option<bool>,
        pub contact: Option<Contact>,
        pub instance: Option<Instance>,
        pub attendants: Option<Vec<Attendant>>,
        pub last_message_date: Option<DateTime>,
        pub last_received_message_date: Option<DateTime>,
        pub last_sended_message_date: Option<DateTime>,
        pub current_department: Option<Department>,
        pub current_thread: Option<Thread>,
        pub hidden: Option<LooseBoolean>,
        pub finished: Option<bool>,
        pub is_pending: Option<bool>,
        pub source_referral: Option<SourceReferral>,
        pub last_message_is_automation: Option<bool>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Contact {
        pub id: String,
        pub created_at: Option<DateTime>,
        pub updated_at: Option<DateTime>,
        pub name: Option<String>,
        #[serde(rename = "imageURL")]
        pub image_url: Option<String>,
        pub contact_id: Option<String>,
        pub platform: Option<String>,
        pub external_id: Option<String>,
        pub account_name: Option<String>,
        pub pending: Option<bool>,
        pub external_info: Option<ExternalInfo>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct ExternalInfo {
        pub tag_ids: Option<IdList>,
        pub stage_ids: Option<IdList>,
        pub pipeline_ids: Option<IdList>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    pub enum IdList {
        Array(Vec<String>),
        String(String),
    }

    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    pub enum LooseBoolean {
        Boolean(bool),
        String(String),
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Instance {
        pub id: String,
        pub name: Option<String>,
        pub created_at: Option<DateTime>,
        pub updated_at: Option<DateTime>,
        pub platform: Option<String>,
        pub provider: Option<String>,
        pub engine: Option<String>,
        pub config: Option<InstanceConfig>,
        pub is_active: Option<bool>,
        pub webhook: Option<String>,
        pub status: Option<String>,
        pub error_code: Option<String>,
        pub error_message: Option<String>,
        pub deleted_at: Option<DateTime>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct InstanceConfig {
        pub end_automation_interval: Option<i64>,
        pub end_typing_interval: Option<i64>,
        pub evolution_api_url: Option<String>,
        pub evolution_instance_id: Option<String>,
        pub evolution_instance_token: Option<String>,
        pub listen_groups: Option<bool>,
        pub start_automation_interval: Option<i64>,
        pub start_typing_interval: Option<i64>,
        pub typing_interval: Option<bool>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Attendant {
        pub user_id: Option<String>,
        pub id: String,
        pub name: Option<String>,
        pub email: Option<String>,
        pub phone: Option<String>,
        #[serde(rename = "imageURL")]
        pub image_url: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Department {
        pub id: String,
        pub tenant_id: Option<String>,
        pub created_at: Option<DateTime>,
        pub name: Option<String>,
        pub color: Option<String>,
        pub main: Option<bool>,
        pub updated_at: Option<DateTime>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Thread {
        pub id: Option<String>,
        pub code: Option<String>,
        pub started_at: Option<String>,
        pub finished_at: Option<String>,
        pub attendants: Option<Vec<String>>,
        pub conversation_id: Option<String>,
        pub department: Option<Department>,
        pub duration_in_ms: Option<String>,
        pub wait_time_in_ms: Option<String>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct SourceReferral {
        pub source_id: Option<String>,
        pub source_url: Option<String>,
        pub ctwa_id: Option<String>,
    }
}

/// Interflow `SendMessageResponse` (the `{success, data}` envelope) and the status webhook.
pub mod interflow {
    use super::{DateTime, Deserialize};

    #[derive(Debug, Deserialize)]
    pub struct SendMessageResponse {
        pub success: bool,
        pub data: Message,
    }

    /// The message with its `type` as a string and `content` as one struct holding every
    /// variant's fields: the cheapest shape plain derives offer (serde's own
    /// `#[serde(flatten)]` of a `tag`/`content` enum would buffer the whole object).
    #[derive(Debug, Deserialize)]
    pub struct Message {
        pub id: String,
        pub channel_id: Option<uuid::Uuid>,
        pub to: Option<String>,
        pub status: String,
        pub created_at: Option<DateTime>,
        #[serde(rename = "type")]
        pub type_: String,
        pub content: Content,
    }

    #[derive(Debug, Deserialize)]
    pub struct Content {
        pub text: Option<String>,
        pub url: Option<String>,
        pub caption: Option<String>,
        pub filename: Option<String>,
        pub latitude: Option<f64>,
        pub longitude: Option<f64>,
        pub name: Option<String>,
        pub address: Option<String>,
        pub language: Option<String>,
        pub components: Option<Vec<serde_json::Value>>,
    }

    #[derive(Debug, Deserialize)]
    pub struct MessageStatusWebhook {
        pub event: String,
        pub data: MessageStatusUpdate,
    }

    #[derive(Debug, Deserialize)]
    pub struct MessageStatusUpdate {
        pub message_id: String,
        pub status: String,
        pub timestamp: Option<DateTime>,
    }
}
