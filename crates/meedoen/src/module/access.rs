//! Who may do what: permissions that modules declare, roles that hold them, and role
//! assignments that may carry a scope (an area, or a department).
//!
//! A module names its permissions as constants (`pub const MANAGE: Perm = Perm("spaces.manage")`),
//! says which roles hold them ([`super::Module::grants`]) and may bring roles of its own
//! ([`super::Module::roles`]). `admin` holds every permission. A person's assignments
//! (`role_assignments`) are loaded with their session and turned into [`Grants`] once per
//! request; handlers ask `ctx.require(perm)` or `ctx.require_in(perm, scopes)` and never look
//! at roles themselves.

/// A permission, named `module.action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Perm(pub &'static str);

/// What a role assignment may be limited to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// The whole municipality.
    None,
    /// One area (a district or a neighbourhood); a district includes its neighbourhoods.
    Area,
    /// One department of the municipality.
    Department,
}

/// A role a person can be given in `/beheer/gebruikers`.
#[derive(Debug)]
pub struct RoleDef {
    /// Stored in `role_assignments.role`.
    pub key: &'static str,
    /// Interface text key of its name; `<label>-hint` explains it.
    pub label: &'static str,
    pub scope: ScopeKind,
}

/// The role that holds every permission, everywhere.
pub const ADMIN: &str = "admin";

/// Where one assignment applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    All,
    Area(i64),
    Department(i64),
}

impl Scope {
    pub fn from_columns(area: Option<i64>, department: Option<i64>) -> Scope {
        match (area, department) {
            (Some(a), _) => Scope::Area(a),
            (None, Some(d)) => Scope::Department(d),
            (None, None) => Scope::All,
        }
    }
}

/// One role assignment of the person asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub role: String,
    pub scope: Scope,
}

/// The permissions of the person asking, each with where it applies.
#[derive(Debug, Clone, Default)]
pub struct Grants {
    admin: bool,
    held: Vec<(Perm, Scope)>,
}

impl Grants {
    /// Resolves assignments against the role → permission table of the registry.
    pub fn resolve(assignments: &[Assignment], table: &[(&'static str, Perm)]) -> Grants {
        let mut g = Grants::default();
        for a in assignments {
            if a.role == ADMIN {
                g.admin = true;
                continue;
            }
            for (role, perm) in table {
                if *role == a.role {
                    g.held.push((*perm, a.scope));
                }
            }
        }
        g.held.sort();
        g.held.dedup();
        g
    }

    pub fn is_admin(&self) -> bool {
        self.admin
    }

    /// Holds `perm` anywhere (the whole municipality, or some scope).
    pub fn has(&self, perm: Perm) -> bool {
        self.admin || self.held.iter().any(|(p, _)| *p == perm)
    }

    /// Holds `perm` for the whole municipality, or for one of `scopes` (an object's area and
    /// the district around it, say).
    pub fn has_in(&self, perm: Perm, scopes: &[Scope]) -> bool {
        self.admin
            || self
                .held
                .iter()
                .any(|(p, s)| *p == perm && (*s == Scope::All || scopes.contains(s)))
    }

    /// Where `perm` applies: `None` for nowhere, `Some([All])` for everywhere, else the scopes,
    /// for lists that show only what the person may see.
    pub fn scopes(&self, perm: Perm) -> Option<Vec<Scope>> {
        if self.admin {
            return Some(vec![Scope::All]);
        }
        let v: Vec<Scope> = self
            .held
            .iter()
            .filter(|(p, _)| *p == perm)
            .map(|(_, s)| *s)
            .collect();
        if v.contains(&Scope::All) {
            Some(vec![Scope::All])
        } else if v.is_empty() {
            None
        } else {
            Some(v)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Perm = Perm("x.a");
    const B: Perm = Perm("x.b");

    #[test]
    fn roles_resolve_to_scoped_permissions() {
        let table = [("editor", A), ("committee", B)];
        let g = Grants::resolve(
            &[
                Assignment {
                    role: "editor".into(),
                    scope: Scope::All,
                },
                Assignment {
                    role: "committee".into(),
                    scope: Scope::Area(7),
                },
            ],
            &table,
        );
        assert!(g.has(A) && g.has(B));
        assert!(g.has_in(A, &[Scope::Area(1)]), "unscoped holds everywhere");
        assert!(g.has_in(B, &[Scope::Area(3), Scope::Area(7)]));
        assert!(!g.has_in(B, &[Scope::Area(3)]));
        assert_eq!(g.scopes(B), Some(vec![Scope::Area(7)]));
        assert_eq!(g.scopes(A), Some(vec![Scope::All]));
        assert_eq!(g.scopes(Perm("x.c")), None);
        let admin = Grants::resolve(
            &[Assignment {
                role: ADMIN.into(),
                scope: Scope::All,
            }],
            &table,
        );
        assert!(admin.has(Perm("anything")) && admin.has_in(B, &[]));
        let nobody = Grants::resolve(&[], &table);
        assert!(!nobody.has(A));
    }
}
