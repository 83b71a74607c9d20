//! [`RoutePolicies`]: a [`RetryPolicy`] per route, chosen by `"METHOD /path/{param}"` patterns.
//!
//! # Patterns
//!
//! `METHOD /path`, where `METHOD` is an HTTP method or `*` for any, and each path segment is a
//! literal (`payments`), a parameter (`{payment_id}`, one segment) or, as the last segment only, `*`
//! (the rest of the path, possibly nothing). Query strings are not part of the match.
//!
//! # Most specific wins
//!
//! Of the patterns that match, the one whose segments are most specific from the left wins (a
//! literal beats a parameter, which beats `*`), then the one that names the method. So
//! `POST /v1/pay/confirm` beats `POST /v1/pay/{action}`, which beats `* /v1/*`.
//!
//! # Files
//!
//! Policies load from TOML (feature `toml`) or JSON, with a `default` table and one table per
//! route. Durations are strings with a unit (`"200ms"`, `"1.5s"`, `"2m"`) or numbers of seconds;
//! unset fields inherit from `default`, which inherits from [`RetryPolicy::default`]:
//!
//! ```toml
//! [default]
//! max_attempts = 3
//! base_delay = "200ms"
//!
//! [routes."GET /v1/payments/{payment_id}"]
//! replay = "always"
//!
//! [routes."POST /v1/pay/confirm"]
//! replay = "with-idempotency-key"
//! max_retry_after = "30s"
//! ```
//!
//! Every field name is checked: a misspelled one is an error, not a silent default.

use std::collections::BTreeMap;
use std::time::Duration;

use http::Method;
use serde::{Deserialize, Deserializer};

use crate::backoff::Jitter;
use crate::headers::{Unit, parse_decimal, parse_go_duration};
use crate::policy::{ConfigError, LongDelay, Replay, RetryPolicy};

/// A policy per route pattern, and a default for every other request.
///
/// # Examples
///
/// ```
/// use http::Method;
/// use reprieve_core::{RetryPolicy, RoutePolicies, policy::Replay};
///
/// let routes = RoutePolicies::builder()
///     .route("GET /v1/payments/{payment_id}", RetryPolicy::builder().max_attempts(5).build()?)
///     .route("POST /v1/memberships/{id}/retry-delivery", RetryPolicy::builder().replay(Replay::Always).build()?)
///     .build()?;
///
/// let matched = routes.resolve(&Method::GET, "/v1/payments/pay_123");
/// assert_eq!(matched.route(), Some("GET /v1/payments/{payment_id}"));
/// assert_eq!(matched.policy().max_attempts, 5);
/// assert_eq!(routes.resolve(&Method::GET, "/v1/other").route(), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct RoutePolicies {
    default: RetryPolicy,
    routes: Vec<Route>,
}

#[derive(Debug, Clone)]
struct Route {
    pattern: String,
    method: Option<Method>,
    segments: Vec<Segment>,
    policy: RetryPolicy,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Segment {
    // Declared least specific first, so that the derived order ranks specificity.
    Rest,
    Param,
    Literal(String),
}

/// The policy a request resolved to.
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    policy: &'a RetryPolicy,
    route: Option<&'a str>,
}

impl<'a> Resolved<'a> {
    /// The policy to apply.
    pub const fn policy(&self) -> &'a RetryPolicy {
        self.policy
    }

    /// The pattern that matched, as written (`"GET /v1/payments/{payment_id}"`); `None` for the
    /// default policy. Safe for span names: it holds no ids.
    pub const fn route(&self) -> Option<&'a str> {
        self.route
    }

    /// The matched pattern's path template (`"/v1/payments/{payment_id}"`).
    pub fn template(&self) -> Option<&'a str> {
        self.route
            .and_then(|route| route.split_once(' ').map(|(_, path)| path))
    }
}

impl RoutePolicies {
    /// A builder with [`RetryPolicy::default`] as the default and no routes.
    pub fn builder() -> RoutePoliciesBuilder {
        RoutePoliciesBuilder {
            default: RetryPolicy::default(),
            routes: Vec::new(),
        }
    }

    /// The policy for a request: the most specific matching route's, or the default.
    pub fn resolve(&self, method: &Method, path: &str) -> Resolved<'_> {
        if self.routes.is_empty() {
            return Resolved {
                policy: &self.default,
                route: None,
            };
        }
        let path = path
            .bytes()
            .position(|b| matches!(b, b'?' | b'#'))
            .and_then(|end| path.get(..end))
            .unwrap_or(path);
        let best = self
            .routes
            .iter()
            .filter(|route| route.matches(method, path))
            .max_by(|a, b| {
                a.segments
                    .cmp(&b.segments)
                    .then(a.method.is_some().cmp(&b.method.is_some()))
                    // On a full tie the first declared wins: `max_by` keeps the last maximum.
                    .then(std::cmp::Ordering::Greater)
            });
        match best {
            Some(route) => Resolved {
                policy: &route.policy,
                route: Some(&route.pattern),
            },
            None => Resolved {
                policy: &self.default,
                route: None,
            },
        }
    }

    /// The policy for requests no route matches.
    pub const fn default_policy(&self) -> &RetryPolicy {
        &self.default
    }

    /// Loads policies from JSON (see the [module docs](self) for the shape).
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the bad pattern, field or value.
    pub fn from_json_str(text: &str) -> Result<Self, ConfigError> {
        let config: RoutesConfig = serde_json::from_str(text)
            .map_err(|e| ConfigError::with_source(format!("invalid route policies: {e}"), e))?;
        config.build()
    }

    /// Loads policies from TOML (see the [module docs](self) for the shape).
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the bad pattern, field or value.
    #[cfg(feature = "toml")]
    pub fn from_toml_str(text: &str) -> Result<Self, ConfigError> {
        let config: RoutesConfig = toml::from_str(text).map_err(|e| {
            let message = format!("invalid route policies: {}", e.message());
            ConfigError::with_source(message, e)
        })?;
        config.build()
    }
}

impl Route {
    fn parse(pattern: &str, policy: RetryPolicy) -> Result<Self, ConfigError> {
        let bad = |why: &str| ConfigError::invalid(format!("route {pattern:?}: {why}"));
        let (method, path) = pattern
            .trim()
            .split_once(' ')
            .ok_or_else(|| bad("expected \"METHOD /path\""))?;
        let method = match method {
            "*" => None,
            name => Some(
                Method::from_bytes(name.as_bytes())
                    .map_err(|_| bad(&format!("invalid method {name:?}")))?,
            ),
        };
        let path = path.trim();
        let Some(rest) = path.strip_prefix('/') else {
            return Err(bad("pattern path must start with '/'"));
        };
        let mut segments = Vec::new();
        let parts: Vec<&str> = if rest.is_empty() {
            Vec::new()
        } else {
            rest.split('/').collect()
        };
        let last = parts.len().saturating_sub(1);
        for (index, part) in parts.iter().enumerate() {
            let segment = if *part == "*" {
                if index != last {
                    return Err(bad("'*' may only be the last segment"));
                }
                Segment::Rest
            } else if let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                if name.is_empty() || name.contains(['{', '}']) {
                    return Err(bad(&format!("invalid parameter {part:?}")));
                }
                Segment::Param
            } else if part.is_empty() || part.contains(['{', '}', '*', '?', '#', ' ']) {
                return Err(bad(&format!("invalid segment {part:?}")));
            } else {
                Segment::Literal((*part).to_owned())
            };
            segments.push(segment);
        }
        Ok(Self {
            pattern: format!("{} {path}", method.as_ref().map_or("*", Method::as_str)),
            method,
            segments,
            policy,
        })
    }

    fn matches(&self, method: &Method, path: &str) -> bool {
        if self.method.as_ref().is_some_and(|m| m != method) {
            return false;
        }
        let mut parts = path.strip_prefix('/').unwrap_or(path).split('/');
        let trailing_slash_only = |p: &str| p.is_empty();
        for segment in &self.segments {
            match segment {
                Segment::Rest => return true,
                Segment::Param => match parts.next() {
                    Some(part) if !part.is_empty() => {}
                    _ => return false,
                },
                Segment::Literal(literal) => {
                    if parts.next() != Some(literal.as_str()) {
                        return false;
                    }
                }
            }
        }
        // Allow one trailing slash; nothing else may remain.
        match parts.next() {
            None => true,
            Some(part) => trailing_slash_only(part) && parts.next().is_none(),
        }
    }
}

/// Builds [`RoutePolicies`].
#[derive(Debug, Clone)]
#[must_use]
pub struct RoutePoliciesBuilder {
    default: RetryPolicy,
    routes: Vec<(String, RetryPolicy)>,
}

impl RoutePoliciesBuilder {
    /// The policy for requests no route matches.
    pub fn default_policy(mut self, policy: RetryPolicy) -> Self {
        self.default = policy;
        self
    }

    /// A policy for requests matching `pattern` (`"GET /v1/payments/{id}"`; see the module docs).
    pub fn route(mut self, pattern: impl Into<String>, policy: RetryPolicy) -> Self {
        self.routes.push((pattern.into(), policy));
        self
    }

    /// Validates the patterns and builds.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the first bad pattern.
    pub fn build(self) -> Result<RoutePolicies, ConfigError> {
        let routes = self
            .routes
            .into_iter()
            .map(|(pattern, policy)| Route::parse(&pattern, policy))
            .collect::<Result<_, _>>()?;
        Ok(RoutePolicies {
            default: self.default,
            routes,
        })
    }
}

impl<'de> Deserialize<'de> for RoutePolicies {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        RoutesConfig::deserialize(de)?
            .build()
            .map_err(serde::de::Error::custom)
    }
}

/// The file shape: a default and a table of routes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoutesConfig {
    #[serde(default)]
    default: PolicyConfig,
    #[serde(default)]
    routes: BTreeMap<String, PolicyConfig>,
}

impl RoutesConfig {
    fn build(self) -> Result<RoutePolicies, ConfigError> {
        let default = self
            .default
            .apply(&RetryPolicy::default())
            .map_err(|e| e.at("default"))?;
        let mut builder = RoutePolicies::builder().default_policy(default.clone());
        for (pattern, config) in self.routes {
            let policy = config
                .apply(&default)
                .map_err(|e| e.at(&format!("route {pattern:?}")))?;
            builder = builder.route(pattern, policy);
        }
        builder.build()
    }
}

/// One policy as written in a file: every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyConfig {
    max_attempts: Option<u32>,
    #[serde(default, deserialize_with = "duration")]
    base_delay: Option<Duration>,
    #[serde(default, deserialize_with = "duration")]
    max_delay: Option<Duration>,
    jitter: Option<Jitter>,
    #[serde(default, deserialize_with = "limit")]
    max_elapsed: Option<Limit>,
    #[serde(default, deserialize_with = "duration")]
    max_retry_after: Option<Duration>,
    on_long_retry_after: Option<LongDelay>,
    replay: Option<Replay>,
    honor_server_hints: Option<bool>,
}

impl PolicyConfig {
    fn apply(self, base: &RetryPolicy) -> Result<RetryPolicy, ConfigError> {
        let mut b = base.to_builder();
        if let Some(v) = self.max_attempts {
            b = b.max_attempts(v);
        }
        if let Some(v) = self.base_delay {
            b = b.base_delay(v);
        }
        if let Some(v) = self.max_delay {
            b = b.max_delay(v);
        }
        if let Some(v) = self.jitter {
            b = b.jitter(v);
        }
        match self.max_elapsed {
            Some(Limit::After(v)) => b = b.max_elapsed(v),
            Some(Limit::Off) => b = b.no_max_elapsed(),
            None => {}
        }
        if let Some(v) = self.max_retry_after {
            b = b.max_retry_after(v);
        }
        if let Some(v) = self.on_long_retry_after {
            b = b.on_long_retry_after(v);
        }
        if let Some(v) = self.replay {
            b = b.replay(v);
        }
        if let Some(v) = self.honor_server_hints {
            b = b.honor_server_hints(v);
        }
        b.build()
    }
}

/// A duration as `"200ms"`, `"1.5s"`, `"2m"`, or a number of seconds.
#[derive(Deserialize)]
#[serde(untagged)]
enum DurationText {
    Seconds(u64),
    FractionalSeconds(f64),
    Text(String),
}

fn parse_duration<E: serde::de::Error>(value: DurationText) -> Result<Duration, E> {
    let invalid = |shown: &str| {
        E::custom(format!(
            "invalid duration `{shown}`: expected a number of seconds or a string such as \"250ms\", \"1.5s\" or \"2m\""
        ))
    };
    match value {
        DurationText::Seconds(secs) => Ok(Duration::from_secs(secs)),
        DurationText::FractionalSeconds(secs) => {
            Duration::try_from_secs_f64(secs).map_err(|_| invalid(&secs.to_string()))
        }
        DurationText::Text(text) => parse_go_duration(&text)
            .or_else(|| parse_decimal(&text, Unit::Seconds))
            .ok_or_else(|| invalid(&text)),
    }
}

fn duration<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Duration>, D::Error> {
    parse_duration(DurationText::deserialize(de)?).map(Some)
}

/// A time limit as written in a file: a duration, or `"none"`.
#[derive(Debug)]
enum Limit {
    Off,
    After(Duration),
}

fn limit<'de, D: Deserializer<'de>>(de: D) -> Result<Option<Limit>, D::Error> {
    match DurationText::deserialize(de)? {
        DurationText::Text(text) if text.eq_ignore_ascii_case("none") => Ok(Some(Limit::Off)),
        other => parse_duration(other).map(|d| Some(Limit::After(d))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn routes(patterns: &[&str]) -> RoutePolicies {
        let mut builder = RoutePolicies::builder();
        for (index, pattern) in patterns.iter().enumerate() {
            let policy = RetryPolicy::builder()
                .max_attempts(u32::try_from(index).unwrap() + 10)
                .build()
                .unwrap();
            builder = builder.route(*pattern, policy);
        }
        builder.build().unwrap()
    }

    #[test]
    fn most_specific_pattern_wins() {
        let table = routes(&[
            "* /v1/*",
            "POST /v1/pay/{action}",
            "POST /v1/pay/confirm",
            "* /v1/pay/confirm",
            "GET /v1/payments/{payment_id}",
        ]);
        let cases = [
            ("POST", "/v1/pay/confirm", Some("POST /v1/pay/confirm")),
            ("PUT", "/v1/pay/confirm", Some("* /v1/pay/confirm")),
            ("POST", "/v1/pay/refund", Some("POST /v1/pay/{action}")),
            (
                "GET",
                "/v1/payments/pay_1",
                Some("GET /v1/payments/{payment_id}"),
            ),
            (
                "GET",
                "/v1/payments/pay_1/",
                Some("GET /v1/payments/{payment_id}"),
            ),
            (
                "GET",
                "/v1/payments/pay_1?expand=x",
                Some("GET /v1/payments/{payment_id}"),
            ),
            ("DELETE", "/v1/payments/pay_1", Some("* /v1/*")),
            ("GET", "/v1", Some("* /v1/*")),
            ("GET", "/v2/x", None),
            ("GET", "/v1/payments//", Some("* /v1/*")),
        ];
        for (method, path, want) in cases {
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            assert_eq!(
                table.resolve(&method, path).route(),
                want,
                "{method} {path}"
            );
        }
    }

    #[test]
    fn a_full_tie_goes_to_the_first_declared() {
        let table = routes(&["GET /a/{x}", "GET /a/{y}"]);
        assert_eq!(
            table.resolve(&Method::GET, "/a/1").policy().max_attempts,
            10
        );
    }

    #[test]
    fn bad_patterns_are_named() {
        let cases = [
            ("GET", r#"route "GET": expected "METHOD /path""#),
            (
                "GET v1/x",
                r#"route "GET v1/x": pattern path must start with '/'"#,
            ),
            ("G@T /x", r#"route "G@T /x": invalid method "G@T""#),
            (
                "GET /a/*/b",
                r#"route "GET /a/*/b": '*' may only be the last segment"#,
            ),
            ("GET /a/{}", r#"route "GET /a/{}": invalid parameter "{}""#),
            ("GET /a//b", r#"route "GET /a//b": invalid segment """#),
        ];
        for (pattern, message) in cases {
            let err = RoutePolicies::builder()
                .route(pattern, RetryPolicy::default())
                .build()
                .unwrap_err();
            assert_eq!(err.to_string(), message);
        }
    }

    #[test]
    #[cfg(feature = "toml")]
    fn hilt_route_table_from_toml() {
        let table =
            RoutePolicies::from_toml_str(include_str!("../examples/hilt-routes.toml")).unwrap();
        let cases = [
            ("GET", "/v1/payments/pay_9", Replay::Always),
            (
                "POST",
                "/v1/memberships/mem_1/retry-delivery",
                Replay::Always,
            ),
            ("POST", "/v1/billing/refresh/stripe", Replay::Always),
            ("POST", "/v1/pay/confirm", Replay::WithIdempotencyKey),
            ("POST", "/v1/products", Replay::WithIdempotencyKey),
            ("POST", "/v1/keys", Replay::WithIdempotencyKey),
            ("POST", "/v1/support/tickets", Replay::WithIdempotencyKey),
            ("PATCH", "/v1/products/p1", Replay::ByMethod),
        ];
        for (method, path, replay) in cases {
            let method = Method::from_bytes(method.as_bytes()).unwrap();
            assert_eq!(
                table.resolve(&method, path).policy().replay,
                replay,
                "{method} {path}"
            );
        }
        let confirm = table.resolve(&Method::POST, "/v1/pay/confirm");
        assert_eq!(confirm.template(), Some("/v1/pay/confirm"));
        assert_eq!(table.default_policy().max_attempts, 3);
    }

    #[test]
    fn files_inherit_from_default_and_parse_durations() {
        let table = RoutePolicies::from_json_str(
            r#"{"default": {"max_attempts": 4, "base_delay": "100ms", "max_elapsed": "none"},
                "routes": {"GET /slow": {"max_delay": 30, "max_retry_after": "2m", "jitter": "equal"}}}"#,
        )
        .unwrap();
        let slow = table.resolve(&Method::GET, "/slow").policy();
        assert_eq!(slow.max_attempts, 4);
        assert_eq!(slow.base_delay, Duration::from_millis(100));
        assert_eq!(slow.max_delay, Duration::from_secs(30));
        assert_eq!(slow.max_retry_after, Duration::from_secs(120));
        assert_eq!(slow.max_elapsed, None);
        assert_eq!(slow.jitter, Jitter::Equal);
    }

    #[test]
    #[cfg(feature = "toml")]
    fn bad_files_name_the_value() {
        let err =
            RoutePolicies::from_toml_str("[routes.\"GET /x\"]\nmax_attempts = 0\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"route "GET /x": max_attempts must be at least 1, found 0"#
        );

        let err = RoutePolicies::from_toml_str("[default]\nmax_atempts = 2\n").unwrap_err();
        assert!(
            err.to_string().contains("unknown field `max_atempts`"),
            "{err}"
        );
        assert!(std::error::Error::source(&err).is_some());

        let err = RoutePolicies::from_toml_str("[default]\nbase_delay = \"soon\"\n").unwrap_err();
        assert!(err.to_string().contains("invalid duration `soon`"), "{err}");

        let err = RoutePolicies::from_toml_str("[routes.\"GET nope\"]\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            r#"route "GET nope": pattern path must start with '/'"#
        );

        let err =
            RoutePolicies::from_json_str(r#"{"default": {"replay": "sometimes"}}"#).unwrap_err();
        assert!(
            err.to_string().contains("unknown variant `sometimes`"),
            "{err}"
        );
    }
}
