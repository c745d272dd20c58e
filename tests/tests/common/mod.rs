//! Shared helpers for the integration tests: the workspace's manifests, their schemas and
//! fixtures, schema validation with `jsonschema`, and JSON comparison that names the
//! normalizations it allowed.

#![allow(dead_code)]

pub mod scratch;

use std::path::{Path, PathBuf};

use msgen_codegen::manifest::{ContentType, FixtureKind, Manifest};
use serde_json::Value;

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

/// A provider folder with its manifest.
pub struct Provider {
    pub name: String,
    pub dir: PathBuf,
    pub manifest: Manifest,
}

/// Every provider under `schemas/`, by name.
pub fn providers() -> Vec<Provider> {
    let schemas = workspace().join("schemas");
    msgen_codegen::provider_dirs(&schemas)
        .expect("schemas/ is readable")
        .into_iter()
        .map(|name| {
            let dir = schemas.join(&name);
            let text =
                std::fs::read_to_string(dir.join("provider.json")).expect("manifest is readable");
            let manifest = serde_json::from_str(&text).expect("manifest parses");
            Provider {
                name,
                dir,
                manifest,
            }
        })
        .collect()
}

/// The path of a provider's doc fixture.
pub fn fixture_path(provider: &str, file: &str) -> PathBuf {
    workspace()
        .join("schemas")
        .join(provider)
        .join("fixtures")
        .join(file)
}

/// A provider's doc fixture, parsed.
pub fn fixture(provider: &str, file: &str) -> Value {
    read_json(&fixture_path(provider, file))
}

/// Reads a JSON file.
pub fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The schema (as written in the manifest) of a payload: request body (JSON), response or
/// error for a status, or webhook.
pub fn payload_schema(
    manifest: &Value,
    of: &str,
    kind: FixtureKind,
    status: Option<u16>,
) -> Option<Value> {
    if kind == FixtureKind::Webhook {
        let webhooks = manifest.get("webhooks")?.as_array()?;
        return webhooks
            .iter()
            .find(|w| w["id"] == of)
            .map(|w| w["schema"].clone());
    }
    let op = manifest["operations"]
        .as_array()?
        .iter()
        .find(|op| op["id"] == of)?;
    match kind {
        FixtureKind::Request => op["request_body"]["content"]
            .as_array()?
            .iter()
            .find(|m| m["content_type"] == ContentType::Json.as_str())
            .map(|m| m["schema"].clone()),
        _ => {
            let responses = op["responses"].as_array()?;
            let wanted = |r: &&Value| match status {
                Some(status) => r["status"] == status,
                None => true,
            };
            let success = kind == FixtureKind::Response;
            responses
                .iter()
                .filter(|r| (200..300).contains(&r["status"].as_u64().unwrap_or(0)) == success)
                .find(wanted)
                .map(|r| r["schema"].clone())
        }
    }
}

/// Serves `file://` references from disk, so relative `$ref`s between schema files resolve.
struct FileRetriever;

impl jsonschema::Retrieve for FileRetriever {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let path = uri.path().as_str();
        let text = std::fs::read_to_string(path)?;
        Ok(serde_json::from_str(&text)?)
    }
}

/// Validates `instance` against `schema`, whose relative `$ref`s resolve against `base`.
pub fn validate(schema: &Value, base: &Path, instance: &Value) -> Result<(), Vec<String>> {
    let validator = jsonschema::options()
        .with_base_uri(format!("file://{}", base.display()))
        .with_retriever(FileRetriever)
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| vec![format!("schema does not build: {e}")])?;
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Compares a payload with its re-encoding. The only difference allowed is an equivalent
/// spelling of the same instant (`2024-04-11T12:00:00.000Z` → `2024-04-11T12:00:00Z`);
/// each one is listed in `normalized` with its path.
pub fn compare(
    original: &Value,
    reencoded: &Value,
    path: &str,
    normalized: &mut Vec<String>,
) -> Result<(), String> {
    match (original, reencoded) {
        (Value::Object(a), Value::Object(b)) => {
            let missing: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
            let extra: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
            if !missing.is_empty() || !extra.is_empty() {
                return Err(format!(
                    "at {path}: keys lost {missing:?}, keys added {extra:?}"
                ));
            }
            a.iter()
                .try_for_each(|(k, v)| compare(v, &b[k], &format!("{path}.{k}"), normalized))
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .try_for_each(|(i, (x, y))| compare(x, y, &format!("{path}[{i}]"), normalized)),
        (Value::String(a), Value::String(b)) if a != b => match (instant(a), instant(b)) {
            (Some(x), Some(y)) if x == y => {
                normalized.push(format!("{path}: {a} -> {b}"));
                Ok(())
            }
            _ => Err(format!("at {path}: {a:?} became {b:?}")),
        },
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("at {path}: {a} became {b}")),
    }
}

fn instant(text: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    chrono::DateTime::parse_from_rfc3339(text).ok()
}
