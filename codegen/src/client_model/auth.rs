//! Authentication, limited to what the runtime implements: `Provider::BEARER_AUTH` (a
//! token sent as `Authorization: Bearer …`) and nothing else yet. Any other kind the
//! manifest format can say is an error here rather than a client that documents a key it
//! never sends.

use crate::diag::{Diagnostic, Diagnostics};
use crate::documents::Documents;
use crate::manifest::{AuthScheme, Manifest};
use crate::source::FileId;

use super::model::Auth;

/// The kinds the runtime can send, as the manifest spells them.
const SUPPORTED: &[&str] = &["bearer"];

/// The client's authentication; every unsupported entry is reported.
pub(super) fn auth(
    docs: &Documents,
    file: FileId,
    manifest: &Manifest,
    diags: &mut Diagnostics,
) -> Auth {
    let mut auth = Auth::None;
    for (i, scheme) in manifest.auth.iter().enumerate() {
        match scheme {
            AuthScheme::Bearer { .. } => auth = Auth::Bearer,
            AuthScheme::ApiKey { header, .. } => diags.push(
                Diagnostic::error(
                    Some(docs.location(file, &format!("/auth/{i}/type"))),
                    "auth kind `api_key` is not supported yet: the client would send no key",
                )
                .with_help(format!(
                    "supported kinds: {}; until `api_key` is, remove this entry and send the key \
                     with the builder's `default_header(\"{header}\", key)`",
                    crate::hints::listed(SUPPORTED.iter().copied())
                )),
            ),
        }
    }
    auth
}
