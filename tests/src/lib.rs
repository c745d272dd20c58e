//! Support for msgen's cross-crate tests and for the `msgen-decode` payload checker: the
//! registry of every generated payload type, addressable by provider, id and kind.

pub mod registry;

#[rustfmt::skip]
pub mod payloads;
