//! A retry budget shared by every request of a client, so that an outage does not turn into a
//! retry storm: the AWS SDKs' "standard" retry mode token bucket.

use std::sync::atomic::{AtomicU32, Ordering};

/// A token bucket: each retry costs [`RetryBudget::RETRY_COST`] tokens, each success gives
/// [`RetryBudget::SUCCESS_REFUND`] back, up to the capacity. When a retry cannot be paid for,
/// [`RetryPolicy`](super::RetryPolicy) stops with [`Reason::BudgetExhausted`](super::Reason).
///
/// Lock-free (one atomic), so share one `Arc<RetryBudget>` between threads and policies.
///
/// ```
/// use errspec::client::RetryBudget;
///
/// let budget = RetryBudget::new(10);
/// assert!(budget.try_withdraw());
/// assert!(budget.try_withdraw());
/// assert!(!budget.try_withdraw()); // 10 tokens pay for two retries
/// budget.deposit();
/// assert_eq!(budget.available(), 1);
/// ```
#[derive(Debug)]
pub struct RetryBudget {
    tokens: AtomicU32,
    capacity: u32,
}

impl RetryBudget {
    /// Tokens in a full bucket, as in the AWS standard mode.
    pub const STANDARD_CAPACITY: u32 = 500;
    /// Tokens one retry costs.
    pub const RETRY_COST: u32 = 5;
    /// Tokens one success returns.
    pub const SUCCESS_REFUND: u32 = 1;

    /// A full bucket of `capacity` tokens.
    pub const fn new(capacity: u32) -> Self {
        RetryBudget {
            tokens: AtomicU32::new(capacity),
            capacity,
        }
    }

    /// A full bucket of 500 tokens: 100 retries before successes must refill it.
    pub const fn standard() -> Self {
        RetryBudget::new(RetryBudget::STANDARD_CAPACITY)
    }

    /// Takes the cost of one retry; `false` (and nothing taken) when the bucket cannot pay.
    pub fn try_withdraw(&self) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(RetryBudget::RETRY_COST)
            })
            .is_ok()
    }

    /// Returns the refund of one successful request, up to the capacity.
    pub fn deposit(&self) {
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                (tokens < self.capacity).then(|| {
                    tokens
                        .saturating_add(RetryBudget::SUCCESS_REFUND)
                        .min(self.capacity)
                })
            });
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }

    /// Tokens in a full bucket.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }
}

impl Default for RetryBudget {
    fn default() -> Self {
        RetryBudget::standard()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn standard_bucket_pays_for_a_hundred_retries_across_threads() {
        let budget = Arc::new(RetryBudget::standard());
        let granted: u32 = (0..4)
            .map(|_| {
                let budget = Arc::clone(&budget);
                std::thread::spawn(move || (0..60).filter(|_| budget.try_withdraw()).count())
            })
            .map(|thread| u32::try_from(thread.join().unwrap()).unwrap())
            .sum();
        assert_eq!(granted, 100);
        assert_eq!(budget.available(), 0);
        for _ in 0..5 {
            budget.deposit();
        }
        assert!(budget.try_withdraw());
        assert!(!budget.try_withdraw());
        for _ in 0..1000 {
            budget.deposit();
        }
        assert_eq!(budget.available(), 500);
    }
}
