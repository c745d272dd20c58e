//! Providers change without notice. For each provider, a response that gained a field, has
//! an enum value the SDK does not know and a `null` in an optional field must still decode,
//! and unknown values must survive re-encoding unchanged.

mod common;

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use common::fixture;

fn decode<T: DeserializeOwned>(value: &Value) -> T {
    let text = value.to_string();
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut deserializer)
        .unwrap_or_else(|e| panic!("does not decode at {}: {}", e.path(), e.inner()))
}

#[test]
fn datacrazy_list_tolerates_new_fields_and_nulls() {
    use msgen_sdk::datacrazy::{IdList, ListConversationsResponse};
    let mut payload = fixture("datacrazy", "list_conversations.response.json");
    let conversation = &mut payload["data"][0];
    conversation["channelScore"] = json!({"value": 3, "history": [1, 2]});
    conversation["contact"]["newFlag"] = json!(true);
    conversation["description"] = Value::Null;
    conversation["currentThread"] = Value::Null;
    // The docs show two encodings of the same list; a third (an object) must not break the
    // whole response either: the union reports it clearly instead.
    conversation["contact"]["externalInfo"]["tagIds"] = json!(["a", "b"]);
    let decoded: ListConversationsResponse = decode(&payload);
    let conversation = &decoded.data.as_ref().expect("data")[0];
    assert_eq!(conversation.description, None);
    assert_eq!(conversation.current_thread, None);
    let tags = conversation
        .contact
        .as_ref()
        .and_then(|c| c.external_info.as_ref())
        .and_then(|e| e.tag_ids.as_ref());
    assert_eq!(tags, Some(&IdList::Array(vec!["a".into(), "b".into()])));
}

#[test]
fn datacrazy_message_tolerates_new_fields_and_nulls() {
    use msgen_sdk::datacrazy::Message;
    let mut payload = fixture("datacrazy", "send_message.response.json");
    payload["reactions"] = json!([{"emoji": "👍"}]);
    payload["footer"] = Value::Null;
    payload["location"] = Value::Null;
    let decoded: Message = decode(&payload);
    assert_eq!(decoded.footer, None);
}

#[test]
fn wegly_tolerates_new_fields_unknown_enum_values_and_nulls() {
    use msgen_sdk::wegly::{Direction, MessageType, SendMessageResponse};
    let mut payload = fixture("wegly", "send_message.response.json");
    let record = &mut payload["records"][0];
    record["type"] = json!("sticker");
    record["origin"] = json!("SYSTEM");
    record["pinned"] = json!(true);
    record["body_text"] = Value::Null;
    record["quoted_message"]["type"] = json!("poll");
    let decoded: SendMessageResponse = decode(&payload);
    let message = &decoded.records.as_ref().expect("records")[0];
    assert_eq!(message.type_, Some(MessageType::Unknown("sticker".into())));
    assert_eq!(message.origin, Some(Direction::Unknown("SYSTEM".into())));
    assert_eq!(message.body_text, None);
    let reencoded = serde_json::to_value(message).expect("encodes");
    assert_eq!(reencoded["type"], "sticker");
    assert_eq!(reencoded["origin"], "SYSTEM");
    assert_eq!(reencoded["quoted_message"]["type"], "poll");
}

#[test]
fn ziik_tolerates_new_fields_and_nulls_and_keeps_null_apart_from_absent() {
    use msgen_sdk::ziik::Message;
    let mut payload = fixture("ziik", "create_message.response.json");
    payload["pinned_at"] = json!(1_700_000_000);
    payload["type"] = Value::Null;
    payload["edited_at"] = Value::Null;
    payload["author"]["department"] = Value::Null;
    let decoded: Message = decode(&payload);
    assert_eq!(decoded.type_, None);
    assert_eq!(
        decoded.edited_at,
        Some(None),
        "an explicit null stays an explicit null"
    );
    let reencoded = serde_json::to_value(&decoded).expect("encodes");
    assert_eq!(reencoded["edited_at"], Value::Null);
    assert!(
        reencoded
            .as_object()
            .expect("object")
            .contains_key("edited_at")
    );

    payload.as_object_mut().expect("object").remove("edited_at");
    let decoded: Message = decode(&payload);
    assert_eq!(decoded.edited_at, None, "an absent key stays absent");
}

#[test]
fn interflow_tolerates_unknown_status_content_type_and_new_fields() {
    use msgen_sdk::interflow::{MessageContent, MessageStatus, SendMessageResponse};
    let mut payload = fixture("interflow", "send_message.response.json");
    payload["data"]["status"] = json!("queued");
    payload["data"]["type"] = json!("sticker");
    payload["data"]["content"] = json!({"sticker_id": "stk_1"});
    payload["data"]["priority"] = json!("high");
    payload["meta"] = json!({"request_id": "r1"});
    payload["data"]["created_at"] = Value::Null;
    let decoded: SendMessageResponse = decode(&payload);
    let data = &decoded.data;
    assert_eq!(data.status, MessageStatus::Unknown("queued".into()));
    let MessageContent::Unknown(raw) = &data.message_content else {
        panic!("expected the catch-all variant")
    };
    assert_eq!(raw["type"], "sticker");
    let reencoded = serde_json::to_value(data).expect("encodes");
    assert_eq!(reencoded["type"], "sticker");
    assert_eq!(reencoded["content"], json!({"sticker_id": "stk_1"}));
    assert_eq!(reencoded["status"], "queued");
}

#[test]
fn interflow_error_and_webhook_keep_unknown_codes_and_events() {
    use msgen_sdk::interflow::{ErrorCode, ErrorResponse, MessageStatusWebhook};
    let error: ErrorResponse = decode(&json!({
        "success": false,
        "error": {"code": "RATE_LIMITED", "message": "Muitas requisições", "retry_after": 30}
    }));
    assert_eq!(error.error.code, ErrorCode::Unknown("RATE_LIMITED".into()));

    let event =
        json!({"event": "message.reaction_added", "data": {"message_id": "msg_1", "emoji": "👍"}});
    let webhook: MessageStatusWebhook = decode(&event);
    assert_eq!(webhook, MessageStatusWebhook::Unknown(event.clone()));
    assert_eq!(serde_json::to_value(&webhook).expect("encodes"), event);
}

#[test]
fn a_known_tag_with_a_broken_payload_is_an_error_naming_the_variant() {
    use msgen_sdk::interflow::MessageStatusWebhook;
    let broken = json!({"event": "message.status_updated", "data": {"status": "read"}});
    let error =
        serde_json::from_value::<MessageStatusWebhook>(broken).expect_err("message_id is required");
    let message = error.to_string();
    assert!(
        message.contains("message.status_updated") && message.contains("message_id"),
        "{message}"
    );
}

#[test]
fn the_webhook_parser_reads_bytes_and_keeps_unknown_events() {
    use msgen_sdk::interflow::{MessageStatus, MessageStatusWebhook, parse_message_status};
    let bytes = std::fs::read(
        common::workspace().join("schemas/interflow/fixtures/message_status.webhook.json"),
    )
    .expect("fixture");
    let MessageStatusWebhook::MessageStatusUpdated(update) =
        parse_message_status(&bytes).expect("parses")
    else {
        panic!("expected a status update")
    };
    assert_eq!(update.status, MessageStatus::Delivered);
    let unknown =
        parse_message_status(br#"{"event": "message.deleted", "data": {"message_id": "m"}}"#)
            .expect("parses");
    assert!(matches!(unknown, MessageStatusWebhook::Unknown(_)));
    let failure = parse_message_status(
        br#"{"event": "message.status_updated", "data": {"message_id": 7, "status": "read"}}"#,
    )
    .expect_err("bad id");
    assert_eq!(failure.path(), "data.message_id", "{failure}");
}

#[test]
fn adjacently_tagged_unions_decode_whatever_the_key_order() {
    use msgen_sdk::interflow::{MessageStatusWebhook, parse_message_status};
    // Payload before its tag: buffered, then decoded, with the failing path still named.
    let late_tag =
        br#"{"data": {"message_id": "m1", "status": "read"}, "event": "message.status_updated"}"#;
    assert!(matches!(
        parse_message_status(late_tag).expect("parses"),
        MessageStatusWebhook::MessageStatusUpdated(_)
    ));
    let late_and_broken =
        br#"{"data": {"message_id": 7, "status": "read"}, "event": "message.status_updated"}"#;
    let failure = parse_message_status(late_and_broken).expect_err("bad id");
    assert!(failure.message().contains("data.message_id"), "{failure}");
    // An unknown event keeps every key, extra ones included, and re-encodes as received.
    let unknown = json!({"event": "message.pinned", "at": 5, "data": {"message_id": "m1"}});
    let webhook: MessageStatusWebhook = decode(&unknown);
    assert_eq!(serde_json::to_value(&webhook).expect("encodes"), unknown);
}
