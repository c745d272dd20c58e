//! Structs: serde attributes that keep absent, `null` and present apart, plus a constructor
//! and `with_*` setters for types users send.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::{Ctx, Emitted, compact, doc_attrs, ident, method, syntax};
use crate::ir::{Field, IntType, Struct, TypeKind, TypeRef};

/// How a field is stored, from its presence and nullability.
enum Storage {
    /// `T`: required, never null.
    Plain,
    /// `Option<T>`, always written (`null` when `None`): required but nullable.
    NullableRequired,
    /// `Option<T>`, skipped when `None`: optional, never null.
    Optional,
    /// `Option<Option<T>>`: optional and nullable, absent / null / value kept apart.
    ThreeState,
    /// `Option<serde_json::Value>`: optional free-form value, where `null` is a value.
    OptionalJson,
    /// `#[serde(flatten)]`.
    Flatten,
}

fn storage(field: &Field) -> Storage {
    match (field.flatten, field.required, field.nullable, &field.ty) {
        (true, ..) => Storage::Flatten,
        (false, true, _, TypeRef::Json) => Storage::Plain,
        (false, false, _, TypeRef::Json) => Storage::OptionalJson,
        (false, true, false, _) => Storage::Plain,
        (false, true, true, _) => Storage::NullableRequired,
        (false, false, false, _) => Storage::Optional,
        (false, false, true, _) => Storage::ThreeState,
    }
}

pub(super) fn emit(ctx: &Ctx<'_>, def: &Struct) -> Result<Emitted, String> {
    let derive_default = def.fields.iter().all(|f| {
        matches!(
            storage(f),
            Storage::Optional | Storage::ThreeState | Storage::OptionalJson
        ) || is_extra_map(f)
    });
    let builders = if ctx.def.usage.input {
        builder(ctx, def, derive_default)?
    } else {
        None
    };
    if def.fields.iter().any(is_file) {
        return Ok(Emitted::quoted(multipart_struct(ctx, def, builders)));
    }
    let defaults = default_accessors(ctx, def);
    let default = derive_default.then(|| quote!(Default,));
    let deserialize = flattened_adjacent(ctx, def);
    let derive_deserialize = deserialize.is_none().then(|| quote!(, serde::Deserialize));
    let mut attrs = syntax::doc_attributes(&ctx.def.docs);
    attrs.push(syntax::list_attribute(
        "derive",
        quote!(Debug, Clone, PartialEq, #default serde::Serialize #derive_deserialize),
    ));
    attrs.extend(rename_all_attribute(ctx));
    // serde cannot deny unknown fields beside a flattened one (lowering never asks for both).
    if def.deny_unknown_fields && !def.fields.iter().any(|f| f.flatten) {
        attrs.push(syntax::list_attribute("serde", quote!(deny_unknown_fields)));
    }
    let fields = def
        .fields
        .iter()
        .map(|field| field_syntax(ctx, field))
        .collect();
    let mut built = vec![syn::Item::Struct(syntax::struct_item(
        attrs,
        ctx.name(),
        fields,
    ))];
    built.extend(builders.map(syn::Item::Impl));
    Ok(Emitted {
        built,
        quoted: quote!(#deserialize #defaults),
    })
}

/// `Deserialize` for a struct whose one flattened field is an adjacently tagged union
/// (Interflow's `Message`), streamed by `support::flattened`: serde's derive would buffer
/// every key it does not know as `Content` to hand them to the union afterwards. The
/// struct's own fields keep their serde attributes on a derived helper struct, so absent,
/// `null` and unknown keys behave as before. `None` when the struct has another shape.
fn flattened_adjacent(ctx: &Ctx<'_>, def: &Struct) -> Option<TokenStream> {
    let mut flattened = def.fields.iter().filter(|f| f.flatten);
    let union_field = flattened.next()?;
    if flattened.next().is_some() {
        return None;
    }
    let TypeRef::Named(id) = &union_field.ty else {
        return None;
    };
    let TypeKind::Tagged(union) = &ctx.space.get(*id).kind else {
        return None;
    };
    let content = union.content.as_ref()?;
    // A field spelled like the tag or the payload key would be the union's, not the field's.
    if def
        .fields
        .iter()
        .any(|f| !f.flatten && (f.wire_name == union.tag || &f.wire_name == content))
    {
        return None;
    }
    let name = ctx.name();
    let type_name = &ctx.def.name;
    let union_type = ctx.ty(&union_field.ty);
    let support = ctx.support();
    let own: Vec<&Field> = def.fields.iter().filter(|f| !f.flatten).collect();
    let helper_fields = own.iter().map(|field| {
        let field_name = ident(&field.name);
        let ty = field_type(ctx, field);
        let args = serde_args(ctx, field, false);
        let attr = (!args.is_empty()).then(|| quote!(#[serde(#(#args),*)]));
        quote!(#attr #field_name: #ty,)
    });
    let own_names: Vec<_> = own.iter().map(|f| ident(&f.name)).collect();
    let rename_all = rename_all_attribute(ctx);
    let union_name = ident(&union_field.name);
    Some(quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[derive(serde::Deserialize)]
                #rename_all
                struct __Fields { #(#helper_fields)* }
                let (__Fields { #(#own_names),* }, #union_name) =
                    #support::flattened::<D, __Fields, #union_type>(deserializer, #type_name)?;
                Ok(Self { #(#own_names,)* #union_name })
            }
        }
    })
}

/// The flattened map of keys the schema does not list: it starts empty, so it neither
/// stops `Default` nor takes a constructor parameter.
fn is_extra_map(field: &Field) -> bool {
    field.flatten && matches!(field.ty, TypeRef::Map(_))
}

fn is_file(field: &Field) -> bool {
    field.is_file_part()
}

/// A struct with file parts is a `multipart/form-data` body: it serializes its other fields
/// as form fields (files skipped) and hands its files to the runtime's form separately.
fn multipart_struct(ctx: &Ctx<'_>, def: &Struct, builders: Option<syn::ItemImpl>) -> TokenStream {
    let name = ctx.name();
    let docs = doc_attrs(&ctx.def.docs);
    let support = ctx.support();
    let rename_all = rename_all_attribute(ctx);
    let fields = def.fields.iter().map(|field| {
        if is_file(field) {
            let mut attrs = syntax::doc_attributes(&field_docs(ctx, field));
            attrs.push(syntax::list_attribute("serde", quote!(skip)));
            syntax::field(attrs, ident(&field.name), field_type(ctx, field))
        } else {
            field_syntax(ctx, field)
        }
    });
    let parts = def.fields.iter().filter(|f| is_file(f)).map(|field| {
        let field_name = ident(&field.name);
        let wire = &field.wire_name;
        if field.required && !field.nullable {
            quote!(Some((#wire, self.#field_name.clone())))
        } else {
            quote!(self.#field_name.clone().map(|file| (#wire, file)))
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #rename_all
        pub struct #name { #(#fields),* }
        #builders
        impl #name {
            /// The `multipart/form-data` form: every field as text, every file as a file part.
            #[doc(hidden)]
            pub fn to_form(&self) -> Result<#support::Form, String> {
                let files = [#(#parts),*].into_iter().flatten().collect();
                #support::Form::new(self, files)
            }
        }
    }
}

/// `<field>_or_default()` for each optional field whose schema `default` its type can hold:
/// the field stays `None` when the key is absent (so re-encoding writes only what was sent),
/// and the accessor gives the value the schema says an absent key means.
fn default_accessors(ctx: &Ctx<'_>, def: &Struct) -> TokenStream {
    let mut methods = Vec::new();
    for field in &def.fields {
        let (Some(default), Storage::Optional) = (&field.default, storage(field)) else {
            continue;
        };
        let Some((value, access)) = default_expr(ctx, &field.ty, default) else {
            continue;
        };
        let field_name = ident(&field.name);
        let method = format_ident!(
            "{}_or_default",
            field.name.trim_start_matches('_').trim_end_matches('_')
        );
        let ty = ctx.ty(&field.ty);
        let doc = format!(
            " `{}`, or the schema's default `{default}` when it is absent.",
            field.wire_name
        );
        let body = match access {
            Access::Literal => quote!(self.#field_name.unwrap_or(#value)),
            Access::Copy => quote!(self.#field_name.unwrap_or_else(|| #value)),
            Access::Clone => quote!(self.#field_name.clone().unwrap_or_else(|| #value)),
        };
        methods.push(quote! {
            #[doc = #doc]
            pub fn #method(&self) -> #ty {
                #body
            }
        });
    }
    if methods.is_empty() {
        return TokenStream::new();
    }
    let name = ctx.name();
    quote! {
        impl #name {
            #(#methods)*
        }
    }
}

/// How an accessor reads its field (so clippy finds nothing to say about it).
enum Access {
    /// A `Copy` field, default a literal: `unwrap_or(lit)`.
    Literal,
    /// A `Copy` field, default built by a call: `unwrap_or_else(|| …)`.
    Copy,
    /// Cloned: `clone().unwrap_or_else(|| …)`.
    Clone,
}

/// The Rust expression of a default, and how the accessor reads the field.
fn default_expr(
    ctx: &Ctx<'_>,
    ty: &TypeRef,
    value: &serde_json::Value,
) -> Option<(TokenStream, Access)> {
    use serde_json::Value;
    Some(match (ty, value) {
        (TypeRef::Bool, Value::Bool(b)) => (quote!(#b), Access::Literal),
        (TypeRef::Int(IntType::I32), Value::Number(n)) => {
            let v = Literal::i32_unsuffixed(i32::try_from(n.as_i64()?).ok()?);
            (quote!(#v), Access::Literal)
        }
        (TypeRef::Int(IntType::I64), Value::Number(n)) => {
            let v = Literal::i64_unsuffixed(n.as_i64()?);
            (quote!(#v), Access::Literal)
        }
        (TypeRef::Int(IntType::U32), Value::Number(n)) => {
            let v = Literal::u32_unsuffixed(u32::try_from(n.as_u64()?).ok()?);
            (quote!(#v), Access::Literal)
        }
        (TypeRef::Int(IntType::U64), Value::Number(n)) => {
            let v = Literal::u64_unsuffixed(n.as_u64()?);
            (quote!(#v), Access::Literal)
        }
        (TypeRef::Float, Value::Number(n)) => {
            let v = match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Literal::i64_suffixed(i),
                (None, Some(u)) => Literal::u64_suffixed(u),
                _ => Literal::f64_suffixed(n.as_f64()?),
            };
            let runtime = ctx.runtime();
            (quote!(#runtime::Number::from(#v)), Access::Copy)
        }
        (TypeRef::String, Value::String(s)) => (quote!(String::from(#s)), Access::Clone),
        (TypeRef::Named(id), Value::String(s))
            if matches!(ctx.space.get(*id).kind, TypeKind::Enum(_)) =>
        {
            let name = ident(&ctx.space.get(*id).name);
            (quote!(#name::from(#s)), Access::Clone)
        }
        _ => return None,
    })
}

/// The field's value type, boxed when it closes a cycle.
fn value_type(ctx: &Ctx<'_>, field: &Field) -> syn::Type {
    let ty = ctx.ty(&field.ty);
    if field.boxed {
        syntax::wrap("Box", ty)
    } else {
        ty
    }
}

pub(super) fn field_type(ctx: &Ctx<'_>, field: &Field) -> syn::Type {
    let value = value_type(ctx, field);
    match storage(field) {
        Storage::Plain | Storage::Flatten => value,
        Storage::NullableRequired | Storage::Optional | Storage::OptionalJson => {
            syntax::wrap("Option", value)
        }
        Storage::ThreeState => syntax::wrap("Option", syntax::wrap("Option", value)),
    }
}

/// `#[serde(rename_all = "…")]` when the struct has a rule (see `names::RenameRule`).
fn rename_all_attribute(ctx: &Ctx<'_>) -> Option<syn::Attribute> {
    let rule = ctx.rename_all?.serde_name();
    Some(syntax::list_attribute("serde", quote!(rename_all = #rule)))
}

fn field_syntax(ctx: &Ctx<'_>, field: &Field) -> syn::Field {
    let mut attrs = syntax::doc_attributes(&field_docs(ctx, field));
    let serde = serde_args(ctx, field, true);
    if !serde.is_empty() {
        attrs.push(syntax::list_attribute("serde", quote!(#(#serde),*)));
    }
    syntax::field(attrs, ident(&field.name), field_type(ctx, field))
}

/// The arguments of the field's `#[serde(…)]` attribute; `serialize` says whether the
/// serialize-only ones are wanted (not on a deserialize-only helper).
fn serde_args(ctx: &Ctx<'_>, field: &Field, serialize: bool) -> Vec<TokenStream> {
    let mut serde = Vec::new();
    let spelled = match ctx.rename_all {
        Some(rule) => rule.apply(&field.name) == field.wire_name,
        None => field.name == field.wire_name,
    };
    if !field.flatten && !spelled {
        let wire = &field.wire_name;
        serde.push(quote!(rename = #wire));
    }
    let optional = |serde: &mut Vec<TokenStream>| {
        serde.push(quote!(default));
        if serialize {
            serde.push(quote!(skip_serializing_if = "Option::is_none"));
        }
    };
    let with = |serde: &mut Vec<TokenStream>, function: &str| {
        let path = compact(&syntax::join(ctx.support(), function));
        serde.push(quote!(deserialize_with = #path));
    };
    // Date-times decode through `support::date_time`, chrono's fixed-layout parser first;
    // the shapes it covers are the common ones, the others keep chrono's `Deserialize`.
    let date_time = field.ty == TypeRef::DateTime && !field.boxed;
    match storage(field) {
        Storage::Flatten => serde.push(quote!(flatten)),
        Storage::Optional => {
            optional(&mut serde);
            if date_time {
                with(&mut serde, "optional_date_time");
            }
        }
        Storage::ThreeState | Storage::OptionalJson => {
            optional(&mut serde);
            with(&mut serde, "deserialize_some");
        }
        Storage::Plain if date_time => with(&mut serde, "date_time"),
        Storage::Plain | Storage::NullableRequired => {}
    }
    serde
}

/// The field's docs; for a flattened field without any, a line saying what it holds.
fn field_docs(ctx: &Ctx<'_>, field: &Field) -> Vec<String> {
    if !field.docs.is_empty() {
        return field.docs.clone();
    }
    let line = match (&field.ty, field.flatten) {
        (TypeRef::Named(id), true) => format!(
            "The [`{}`] part of this object, flattened into it.",
            ctx.space.get(*id).name
        ),
        (_, true) => "Keys not listed above.".to_string(),
        // Nothing to say that the name does not: no doc (a line repeating the wire name
        // would be noise; the types module allows `missing_docs`).
        (_, false) => return Vec::new(),
    };
    vec![line]
}

/// `new` with the required fields (when there are any) and a `with_*` setter per optional
/// field, so request values read as one expression. `new` is built as `syn` nodes (every
/// standalone type has one); the setters are quoted and parsed.
fn builder(
    ctx: &Ctx<'_>,
    def: &Struct,
    has_default: bool,
) -> Result<Option<syn::ItemImpl>, String> {
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut setters = Vec::new();
    for field in &def.fields {
        let field_name = ident(&field.name);
        let wrap = |expr: syn::Expr| {
            if field.boxed {
                syntax::call(["Box", "new"], vec![expr])
            } else {
                expr
            }
        };
        let into =
            || syntax::method_call(syntax::path_expr([field.name.as_str()]), "into", Vec::new());
        match storage(field) {
            Storage::Plain | Storage::Flatten if !is_extra_map(field) => {
                let inner = ctx.ty(&field.ty);
                params.push(syntax::param(field_name.clone(), syntax::impl_into(inner)));
                inits.push(syntax::field_value(field_name, Some(wrap(into()))));
            }
            Storage::NullableRequired => {
                let value = syntax::wrap("Option", value_type(ctx, field));
                params.push(syntax::param(field_name.clone(), value));
                inits.push(syntax::field_value(field_name, None));
            }
            Storage::Flatten => {
                let default = syntax::call(["Default", "default"], Vec::new());
                inits.push(syntax::field_value(field_name, Some(default)));
            }
            _ => {
                let none = syntax::path_expr(["None"]);
                inits.push(syntax::field_value(field_name, Some(none)));
            }
        }
        if ctx.setters {
            setters.extend(setter(ctx, field));
        }
    }
    let mut items = Vec::new();
    // SDK request types always get `new`, the `Default` ones too, so every request is built
    // the same way; standalone types (no setters) keep `Default` alone.
    if ctx.setters || !has_default || !params.is_empty() {
        let doc = if params.is_empty() {
            "Creates a value with every field unset."
        } else {
            "Creates a value from its required fields; optional ones start unset."
        };
        let mut attrs = syntax::doc_attributes(&[doc.to_string()]);
        if params.len() > 7 {
            attrs.push(syntax::list_attribute(
                "allow",
                quote!(clippy::too_many_arguments),
            ));
        }
        items.push(syntax::constructor(attrs, "new", params, inits));
    }
    if !setters.is_empty() {
        let file: syn::File = syn::parse2(quote!(impl X { #(#setters)* }))
            .map_err(|e| format!("generated setters do not parse as Rust: {e}"))?;
        for item in file.items {
            if let syn::Item::Impl(block) = item {
                items.extend(block.items);
            }
        }
    }
    Ok((!items.is_empty()).then(|| syntax::inherent_impl(ctx.name(), items)))
}

/// The `with_*` setter of an optional field, if it has one.
fn setter(ctx: &Ctx<'_>, field: &Field) -> Option<TokenStream> {
    let field_name = ident(&field.name);
    let setter = method("with", &field.name);
    let wire = &field.wire_name;
    let inner = ctx.ty(&field.ty);
    match storage(field) {
        Storage::Optional | Storage::OptionalJson => {
            let doc = format!(" Sets `{wire}`.");
            let init = if field.boxed {
                quote!(Box::new(value.into()))
            } else {
                quote!(value.into())
            };
            Some(quote! {
                #[doc = #doc]
                pub fn #setter(mut self, value: impl Into<#inner>) -> Self {
                    self.#field_name = Some(#init);
                    self
                }
            })
        }
        Storage::ThreeState => {
            let doc = format!(" Sets `{wire}`; `None` sends an explicit `null`.");
            let init = if field.boxed {
                quote!(value.map(Box::new))
            } else {
                quote!(value)
            };
            Some(quote! {
                #[doc = #doc]
                pub fn #setter(mut self, value: Option<#inner>) -> Self {
                    self.#field_name = Some(#init);
                    self
                }
            })
        }
        _ => None,
    }
}
