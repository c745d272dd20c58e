//! typify on a schema, as the scaling bench compares it: `add_root_schema`, `to_stream`,
//! then `syn` + prettyplease, so both generators end with formatted Rust. Shared with
//! `examples/profile_scaling.rs` (`TYPIFY=1`).

/// The length of typify's formatted output for a schema, or its error.
pub fn typify(text: &str) -> Result<usize, String> {
    let schema: schemars08::schema::RootSchema =
        serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut settings = typify::TypeSpaceSettings::default();
    settings.with_struct_builder(false);
    let mut space = typify::TypeSpace::new(&settings);
    space.add_root_schema(schema).map_err(|e| e.to_string())?;
    let file: syn::File = syn::parse2(space.to_stream()).map_err(|e| e.to_string())?;
    Ok(prettyplease::unparse(&file).len())
}
