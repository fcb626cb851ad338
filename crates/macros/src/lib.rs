//! `#[derive(LiteRow)]`: decodes a struct from a `rusqlite::Row` by column name.
//!
//! It sits beside `#[derive(sqlx::FromRow)]` on every row type: sqlx decodes PostgreSQL rows,
//! this decodes rows from the direct SQLite path (see `meedoen::db::lite`). Fields marked
//! `#[sqlx(skip)]` are filled with `Default::default()`, as sqlx does.

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields};

#[proc_macro_derive(LiteRow)]
pub fn derive_lite_row(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let fields = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(f) => &f.named,
            _ => {
                return syn::Error::new_spanned(name, "LiteRow needs named fields")
                    .to_compile_error()
                    .into()
            }
        },
        _ => {
            return syn::Error::new_spanned(name, "LiteRow works on structs only")
                .to_compile_error()
                .into()
        }
    };
    let inits = fields.iter().map(|f| {
        let ident = f.ident.as_ref().expect("named field");
        let skip = f.attrs.iter().any(|a| {
            a.path().is_ident("sqlx") && {
                let mut found = false;
                let _ = a.parse_nested_meta(|m| {
                    if m.path.is_ident("skip") {
                        found = true;
                    }
                    Ok(())
                });
                found
            }
        });
        if skip {
            quote! { #ident: ::core::default::Default::default() }
        } else {
            let col = ident.to_string();
            let col = col.strip_prefix("r#").unwrap_or(&col).to_string();
            quote! { #ident: row.get(#col)? }
        }
    });
    quote! {
        impl #impl_generics crate::db::LiteRow for #name #ty_generics #where_clause {
            fn from_lite(row: &::rusqlite::Row<'_>) -> ::rusqlite::Result<Self> {
                Ok(Self { #(#inits),* })
            }
        }
    }
    .into()
}
