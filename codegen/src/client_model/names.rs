//! The naming scopes of the client module. Every name the module defines is claimed in the
//! scope it lives in — methods of `Client`, methods of `ClientBuilder`, free items of the
//! module, variants of `Plan` — by what caused it: the module itself (`builder`, `build`,
//! `Error`, …) or a manifest node (an operation id, a pagination, a header setting, a
//! webhook). A name claimed twice is a diagnostic at the second claimant's node, naming the
//! first, instead of two definitions rustc rejects.
//!
//! Unlike the type scope (`names::Scope`), nothing here is renamed with a number: these are
//! the SDK's API, and `list_2` would be a name nobody asked for.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics, Location};

/// One scope of public names.
#[derive(Debug)]
pub(super) struct Scope {
    /// What the names are, for messages (`methods of \`Client\``).
    what: &'static str,
    taken: BTreeMap<String, Holder>,
}

/// Who holds a name, for the message when someone else wants it.
#[derive(Debug, Clone)]
enum Holder {
    /// The client module itself.
    Module,
    /// A manifest node: its description and JSON pointer.
    Manifest(String, String),
}

/// Who wants a name: a manifest node, what it is and how to rename it.
#[derive(Debug, Clone)]
pub(super) struct Claimant {
    /// The node that caused the name.
    pub location: Location,
    /// What it is (`operation \`list\``, `the stream of paged operation \`list\``).
    pub what: String,
    /// How to get a different name (`rename the operation`).
    pub fix: String,
}

impl Scope {
    /// A scope holding the module's own names.
    pub(super) fn new(what: &'static str, own: &[&str]) -> Scope {
        Scope {
            what,
            taken: own
                .iter()
                .map(|name| (name.to_string(), Holder::Module))
                .collect(),
        }
    }

    /// Takes a name for the module itself (a setting that exists only for some providers).
    pub(super) fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string(), Holder::Module);
    }

    /// Claims `name` for `claimant`; when it is taken, reports the clash and returns
    /// `false`.
    pub(super) fn claim(
        &mut self,
        name: &str,
        claimant: Claimant,
        diags: &mut Diagnostics,
    ) -> bool {
        let Some(holder) = self.taken.get(name) else {
            let holder = Holder::Manifest(claimant.what, claimant.location.pointer);
            self.taken.insert(name.to_string(), holder);
            return true;
        };
        let held_by = match holder {
            Holder::Module => "which the client module defines itself".to_string(),
            Holder::Manifest(what, pointer) => format!("and so would {what} (`#{pointer}`)"),
        };
        diags.push(
            Diagnostic::error(
                Some(claimant.location),
                format!("two {} would be named `{name}`", self.what),
            )
            .with_help(format!(
                "{} would be `{name}`, {held_by}; {}",
                claimant.what, claimant.fix
            )),
        );
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, Span};

    fn claimant(what: &str, pointer: &str) -> Claimant {
        Claimant {
            location: Location {
                file: FileId(0),
                pointer: pointer.into(),
                span: Span::default(),
            },
            what: what.into(),
            fix: "rename it".into(),
        }
    }

    #[test]
    fn a_second_claim_is_reported_at_its_node_naming_the_first() {
        let mut scope = Scope::new("methods of `Client`", &["builder"]);
        let mut diags = Diagnostics::default();
        assert!(scope.claim(
            "list",
            claimant("operation `list`", "/operations/0/id"),
            &mut diags
        ));
        assert!(!scope.claim(
            "list",
            claimant("operation `list2`", "/operations/1/id"),
            &mut diags
        ));
        assert!(!scope.claim(
            "builder",
            claimant("operation `builder`", "/operations/2/id"),
            &mut diags
        ));
        let found: Vec<(String, Option<String>)> = diags
            .iter()
            .map(|d| (d.location.as_ref().unwrap().pointer.clone(), d.help.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "/operations/1/id".to_string(),
                    Some("operation `list2` would be `list`, and so would operation `list` (`#/operations/0/id`); rename it".to_string())
                ),
                (
                    "/operations/2/id".to_string(),
                    Some("operation `builder` would be `builder`, which the client module defines itself; rename it".to_string())
                ),
            ]
        );
    }
}
