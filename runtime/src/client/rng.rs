//! A tiny SplitMix64 generator for jitter: seedable for reproducible schedules, lock-free for
//! sharing between threads, and no global state.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// SplitMix64's increment: the state advances by a fixed odd constant, so one atomic
/// `fetch_add` is a complete, thread-safe step.
const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

#[derive(Debug)]
pub(crate) struct SplitMix64 {
    state: AtomicU64,
}

impl SplitMix64 {
    pub(crate) fn seeded(seed: u64) -> Self {
        SplitMix64 {
            state: AtomicU64::new(seed),
        }
    }

    /// Seeded from the OS randomness behind std's `RandomState`.
    pub(crate) fn from_entropy() -> Self {
        SplitMix64::seeded(RandomState::new().hash_one("errspec jitter"))
    }

    pub(crate) fn next_u64(&self) -> u64 {
        let mut z = self.state.fetch_add(GAMMA, Ordering::Relaxed).wrapping_add(GAMMA);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, max]` (nanosecond resolution).
    pub(crate) fn up_to(&self, max: Duration) -> Duration {
        let nanos = max.as_nanos();
        // (nanos + 1) * r / 2^64 is below nanos + 1 and so never exceeds `max`.
        let pick = (nanos + 1).saturating_mul(u128::from(self.next_u64())) >> 64;
        Duration::new(
            u64::try_from(pick / 1_000_000_000).unwrap_or(u64::MAX),
            u32::try_from(pick % 1_000_000_000).unwrap_or(0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_within_bounds() {
        let a = SplitMix64::seeded(7);
        let b = SplitMix64::seeded(7);
        let max = Duration::from_millis(1500);
        let mut distinct = std::collections::HashSet::new();
        for _ in 0..1000 {
            let x = a.up_to(max);
            assert_eq!(x, b.up_to(max));
            assert!(x <= max);
            distinct.insert(x);
        }
        assert!(distinct.len() > 900, "{}", distinct.len());
        assert_eq!(a.up_to(Duration::ZERO), Duration::ZERO);
        // The reference SplitMix64 output for seed 0.
        assert_eq!(SplitMix64::seeded(0).next_u64(), 0xe220_a839_7b1d_cdaf);
    }
}
