//! `multipart/form-data` bodies: form fields from a typed value, plus file parts.

use std::path::Path;

use bytes::Bytes;
use serde::Serialize;

use super::BuildError;
use super::error::BuildErrorKind;

/// A file to upload: its bytes, file name and MIME type.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: String,
    mime: String,
}

impl FilePart {
    /// A file from bytes in memory.
    pub fn from_bytes(
        bytes: impl Into<Bytes>,
        file_name: impl Into<String>,
        mime: impl Into<String>,
    ) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: file_name.into(),
            mime: mime.into(),
        }
    }

    /// A file read from disk; the file name is the path's last component.
    pub fn from_path(path: impl AsRef<Path>, mime: impl Into<String>) -> std::io::Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".into());
        Ok(FilePart {
            bytes: bytes.into(),
            file_name,
            mime: mime.into(),
        })
    }

    /// The file name sent.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The MIME type sent.
    pub fn mime(&self) -> &str {
        &self.mime
    }

    /// The content.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

impl std::fmt::Debug for FilePart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("mime", &self.mime)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A form that can be rebuilt for every attempt.
#[derive(Debug, Clone)]
pub struct Form {
    texts: Vec<(String, String)>,
    files: Vec<(&'static str, FilePart)>,
}

impl Form {
    /// A form from a value's fields (files excluded by `#[serde(skip)]`) and its file parts.
    /// Strings are sent as they are, numbers and booleans as text, objects and arrays as
    /// compact JSON; absent fields are left out.
    pub fn new<T: Serialize>(
        fields: &T,
        files: Vec<(&'static str, FilePart)>,
    ) -> Result<Form, String> {
        let value = serde_json::to_value(fields)
            .map_err(|e| format!("the form fields do not encode: {e}"))?;
        let serde_json::Value::Object(map) = value else {
            return Err("the form fields must be an object".into());
        };
        let texts = map
            .into_iter()
            .filter_map(|(name, value)| super::query::text(&value).map(|text| (name, text)))
            .collect();
        Ok(Form { texts, files })
    }

    pub(crate) fn to_reqwest(&self) -> Result<reqwest::multipart::Form, BuildError> {
        let mut form = reqwest::multipart::Form::new();
        for (name, value) in &self.texts {
            form = form.text(name.clone(), value.clone());
        }
        for (name, file) in &self.files {
            let part = reqwest::multipart::Part::bytes(file.bytes.to_vec())
                .file_name(file.file_name.clone())
                .mime_str(&file.mime)
                .map_err(|e| {
                    BuildError::new(
                        BuildErrorKind::Body,
                        format!("invalid MIME type `{}`", file.mime),
                    )
                    .caused_by(e.without_url())
                })?;
            form = form.part(*name, part);
        }
        Ok(form)
    }
}
