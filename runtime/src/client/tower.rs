//! `tower::retry::Policy` driven by a [`RetryPolicy`] (feature `tower`).

use std::marker::PhantomData;
use std::sync::Arc;

use super::policy::{Decision, RequestFacts, RetryPolicy};
use super::remote::RemoteError;
use crate::api_error::ErrorKind;

/// Retries `http::Request`s whose service failed with a [`RemoteError`], as the wrapped
/// [`RetryPolicy`] decides, sleeping with `tokio::time`.
///
/// The service's error type is `RemoteError<K>`: decode responses into it (for example with
/// `RemoteError::from_response` under the `reqwest` feature) in the service below the retry
/// layer. Every successful response refills the policy's budget.
///
/// ```
/// use errspec::client::{RetryPolicy, TowerRetry};
/// use std::sync::Arc;
///
/// let layer = TowerRetry::<errspec::client::Untyped>::layer(Arc::new(RetryPolicy::new()));
/// # let _ = layer;
/// ```
#[derive(Debug)]
pub struct TowerRetry<K> {
    policy: Arc<RetryPolicy>,
    /// Retries made so far for the request this clone follows.
    attempt: u32,
    kind: PhantomData<fn() -> K>,
}

impl<K> Clone for TowerRetry<K> {
    fn clone(&self) -> Self {
        TowerRetry {
            policy: Arc::clone(&self.policy),
            attempt: self.attempt,
            kind: PhantomData,
        }
    }
}

impl<K> TowerRetry<K> {
    /// A tower policy deciding with `policy`.
    pub fn new(policy: Arc<RetryPolicy>) -> Self {
        TowerRetry {
            policy,
            attempt: 0,
            kind: PhantomData,
        }
    }

    /// `tower::retry::RetryLayer` with this policy.
    pub fn layer(policy: Arc<RetryPolicy>) -> tower::retry::RetryLayer<Self> {
        tower::retry::RetryLayer::new(TowerRetry::new(policy))
    }

    /// The wrapped policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }
}

impl<K, B, Res> tower::retry::Policy<http::Request<B>, Res, RemoteError<K>> for TowerRetry<K>
where
    K: ErrorKind,
    B: Clone,
{
    type Future = tokio::time::Sleep;

    fn retry(
        &mut self,
        request: &mut http::Request<B>,
        result: &mut Result<Res, RemoteError<K>>,
    ) -> Option<Self::Future> {
        match result {
            Ok(_) => {
                self.policy.record_success();
                None
            }
            Err(error) => {
                let facts = RequestFacts::from(&*request);
                match self.policy.decide(error, self.attempt, &facts) {
                    Decision::Retry(wait) => {
                        self.attempt += 1;
                        Some(tokio::time::sleep(wait))
                    }
                    Decision::Stop(_) => None,
                }
            }
        }
    }

    fn clone_request(&mut self, request: &http::Request<B>) -> Option<http::Request<B>> {
        Some(request.clone())
    }
}
