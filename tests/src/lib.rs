//! Support for msgen's cross-crate tests and for the `msgen-decode` payload checker: the
//! registry of every generated payload type, addressable by provider, id and kind.

pub mod registry;

#[rustfmt::skip]
pub mod payloads;

/// The README's examples, compiled and run as doctests so they cannot rot.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
