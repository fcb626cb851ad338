//! `#[derive(LiteRow)]`: decodes a struct from a `rusqlite::Row` by column name. The names are
//! looked up once per statement (`columns`), not once per row: a lookup is a linear scan over
//! the column names, and per row it cost 8 % of the server's CPU on the idea list. The
//! statement's names are read from SQLite once for all fields.
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
    let mut names = Vec::new();
    let inits: Vec<_> = fields
        .iter()
        .map(|f| {
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
                let k = names.len();
                names.push(col);
                quote! { #ident: row.get(cols[#k])? }
            }
        })
        .collect();
    // `Statement::column_index` asks SQLite for the name of every column before the one it
    // finds, for each field: quadratic in foreign calls and UTF-8 checks, 10,000 instructions
    // for the idea list's 12 columns. The names are read once here and compared the same way
    // (the first column whose name matches ignoring ASCII case).
    let columns = if names.is_empty() {
        quote! { Ok(::std::vec::Vec::new()) }
    } else {
        quote! {
            let in_statement = st.column_names();
            let find = |want: &str| -> ::rusqlite::Result<usize> {
                in_statement
                    .iter()
                    .position(|n| n.eq_ignore_ascii_case(want))
                    .ok_or_else(|| ::rusqlite::Error::InvalidColumnName(want.to_string()))
            };
            Ok(::std::vec![#(find(#names)?),*])
        }
    };
    quote! {
        impl #impl_generics crate::db::LiteRow for #name #ty_generics #where_clause {
            fn columns(st: &::rusqlite::Statement<'_>) -> ::rusqlite::Result<::std::vec::Vec<usize>> {
                #columns
            }
            fn from_lite(row: &::rusqlite::Row<'_>, cols: &[usize]) -> ::rusqlite::Result<Self> {
                Ok(Self { #(#inits),* })
            }
        }
    }
    .into()
}
