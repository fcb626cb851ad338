//! A module's routes as data: every route is added through [`Routes`], which builds the axum
//! router and records the method and path, so the registry can list every route of the
//! build (the authorization matrix and the CSRF test walk that list) without reading the
//! source.

use axum::handler::Handler;
use axum::routing::{delete, get, post, put};
use axum::Router;

use crate::state::AppState;

/// One route: HTTP method and path pattern as axum sees it (`/ideeen/{id}`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RouteInfo {
    pub method: &'static str,
    pub path: &'static str,
    /// Key of the module that serves it (`"platform"` for the infrastructure routes).
    pub module: &'static str,
}

#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    list: Vec<(&'static str, &'static str)>,
}

macro_rules! method {
    ($name:ident, $verb:literal) => {
        pub fn $name<H, T>(mut self, path: &'static str, handler: H) -> Self
        where
            H: Handler<T, AppState>,
            T: 'static,
        {
            self.list.push(($verb, path));
            self.router = self.router.route(path, $name(handler));
            self
        }
    };
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    method!(get, "GET");
    method!(post, "POST");
    method!(put, "PUT");
    method!(delete, "DELETE");

    /// Adds the routes of `other` (a sub-part of the same module).
    pub fn merge(mut self, other: Routes) -> Routes {
        self.list.extend(other.list);
        self.router = self.router.merge(other.router);
        self
    }

    pub(crate) fn into_parts(self) -> (Router<AppState>, Vec<(&'static str, &'static str)>) {
        (self.router, self.list)
    }
}
