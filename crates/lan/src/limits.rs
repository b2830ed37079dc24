//! Rate limits: per device token, and more generously per address, since many
//! phones may share one address behind a router. Token buckets, refilled with time.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Requests per second a bucket refills, and how many it holds.
#[derive(Clone, Copy, Debug)]
pub struct Rate {
    pub per_second: f64,
    pub burst: f64,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Requests per second, per device token and per address.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rates {
    pub per_token: f64,
    pub per_address: f64,
}

pub struct Limits {
    pub per_token: Rate,
    pub per_address: Rate,
    tokens: Mutex<HashMap<String, Bucket>>,
    addresses: Mutex<HashMap<IpAddr, Bucket>>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // A person taps, at most a few times a second; a page reconnecting retries.
            per_token: Rate {
                per_second: 5.0,
                burst: 20.0,
            },
            // A hotspot's NAT may put a hundred phones behind one address.
            per_address: Rate {
                per_second: 500.0,
                burst: 1000.0,
            },
            tokens: Mutex::new(HashMap::new()),
            addresses: Mutex::new(HashMap::new()),
        }
    }
}

fn take<K: std::hash::Hash + Eq>(
    map: &Mutex<HashMap<K, Bucket>>,
    key: K,
    rate: Rate,
    now: Instant,
) -> bool {
    let Ok(mut map) = map.lock() else { return true };
    let b = map.entry(key).or_insert(Bucket {
        tokens: rate.burst,
        at: now,
    });
    let refill = now.duration_since(b.at).as_secs_f64() * rate.per_second;
    b.tokens = (b.tokens + refill).min(rate.burst);
    b.at = now;
    if b.tokens >= 1.0 {
        b.tokens -= 1.0;
        true
    } else {
        false
    }
}

impl Limits {
    /// Limits at other rates, each with bursts of two seconds' worth.
    pub fn with_rates(rates: Rates) -> Self {
        let rate = |per_second: f64| Rate {
            per_second,
            burst: 2.0 * per_second,
        };
        Limits {
            per_token: rate(rates.per_token),
            per_address: rate(rates.per_address),
            ..Limits::default()
        }
    }

    /// Whether a request from `address` (with `token`, once joined) may go on.
    pub fn allow(&self, address: IpAddr, token: Option<&str>) -> bool {
        let now = Instant::now();
        take(&self.addresses, address, self.per_address, now)
            && token.is_none_or(|t| take(&self.tokens, t.to_string(), self.per_token, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_that_floods_is_stopped_while_its_neighbours_go_on() {
        let limits = Limits::default();
        let ip: IpAddr = [192, 168, 137, 20].into();
        let allowed = (0..50).filter(|_| limits.allow(ip, Some("flood"))).count();
        assert_eq!(allowed, 20, "the burst, then no more");
        assert!(
            limits.allow(ip, Some("quiet")),
            "another phone behind the same address"
        );
    }
}
