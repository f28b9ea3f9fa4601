//! The classification engine and the profiles service it depends on (AI Guard's
//! `scan-job-manager`), both simulated in process so that every failure can be provoked.

use std::collections::HashMap;
use std::num::ParseIntError;
use std::sync::atomic::{AtomicU32, Ordering};

use serde::{Deserialize, Serialize};

/// A classification profile: keywords and the label each one yields.
#[derive(Clone, Debug)]
pub struct Profile {
    /// `keyword=label=weight` lines; a bad line fails the engine, not the request.
    pub rules: Vec<&'static str>,
}

/// One label found in a text.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct Label {
    /// The label name, e.g. `pii.email`.
    pub name: String,
    /// The weight of the matching rule, 0..=100.
    pub weight: u32,
}

/// The profiles service could not be reached.
#[derive(Debug, thiserror::Error)]
#[error("scan-job-manager did not answer for profile `{profile}`")]
pub struct UpstreamError {
    profile: String,
    #[source]
    source: std::io::Error,
}

/// The engine could not classify.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// A profile's rules did not load.
    #[error("rules of profile `{profile}` failed to load")]
    Rules {
        profile: String,
        #[source]
        source: RuleError,
    },
}

/// One bad rule line.
#[derive(Debug, thiserror::Error)]
#[error("rule {line}: bad weight `{weight}`")]
pub struct RuleError {
    line: usize,
    weight: String,
    #[source]
    source: ParseIntError,
}

/// The profiles service: a fixed table, unreachable for profile `unreachable`, and failing
/// every `fail_every`-th call when `fail_every > 0` (a flaky network).
#[derive(Debug)]
pub struct Upstream {
    profiles: HashMap<&'static str, Profile>,
    fail_every: u32,
    calls: AtomicU32,
}

impl Upstream {
    /// The built-in profiles: `default`, `pii`, and `corrupt` (whose rules do not parse).
    pub fn new(fail_every: u32) -> Upstream {
        let profiles = [
            ("default", vec!["password=secret.password=90", "ssn=pii.ssn=95"]),
            (
                "pii",
                vec!["@=pii.email=70", "ssn=pii.ssn=95", "passport=pii.passport=80"],
            ),
            (
                "corrupt",
                vec!["@=pii.email=70", "ssn=pii.ssn=95", "card=pci.card=ninety"],
            ),
        ];
        Upstream {
            profiles: profiles
                .into_iter()
                .map(|(name, rules)| (name, Profile { rules }))
                .collect(),
            fail_every,
            calls: AtomicU32::new(0),
        }
    }

    /// Fetches a profile; `Ok(None)` when the service knows no such profile.
    pub fn fetch(&self, profile: &str) -> Result<Option<Profile>, UpstreamError> {
        let call = self.calls.fetch_add(1, Ordering::Relaxed) + 1;
        let flaky = self.fail_every > 0 && call % self.fail_every == 0;
        if profile == "unreachable" || flaky {
            return Err(UpstreamError {
                profile: profile.to_owned(),
                source: std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "connection reset by 10.20.0.5:8443",
                ),
            });
        }
        Ok(self.profiles.get(profile).cloned())
    }
}

/// Classifies `text` with `profile`: each rule whose keyword occurs yields its label.
pub fn classify(profile_name: &str, profile: &Profile, text: &str) -> Result<Vec<Label>, EngineError> {
    let lower = text.to_lowercase();
    let mut labels = Vec::new();
    for (index, rule) in profile.rules.iter().enumerate() {
        let mut parts = rule.splitn(3, '=');
        let (keyword, name, weight) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let weight = weight.parse().map_err(|source| EngineError::Rules {
            profile: profile_name.to_owned(),
            source: RuleError {
                line: index + 1,
                weight: weight.to_owned(),
                source,
            },
        })?;
        if lower.contains(keyword) {
            labels.push(Label {
                name: name.to_owned(),
                weight,
            });
        }
    }
    Ok(labels)
}
