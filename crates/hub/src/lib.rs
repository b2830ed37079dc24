//! A coordinator's hub and the laptops that push to it (docs/hub-api.yaml).
//!
//! The hub (`server`) is a headless HTTP server on a machine with a connection: it
//! enrolls each facilitator's laptop with a code the coordinator hands out and
//! merges the workshops the laptops push. The laptop's side (`client`) enrolls,
//! then pushes every workshop of its outbox whenever the hub is reachable.
//!
//! Both are thin: what a push means (verification, trust, merging, the outbox)
//! lives in `cabildo_core` (`merge`, `trust`, `enrollment`, `sync`).

pub mod client;
pub mod server;
mod wire;

pub use client::{Backoff, Db, Pushed, run, run_with, sync_once};
pub use server::{Hub, ROUTES, serve};

/// What `GET /api/v1/hub` answers in its `app` field: a laptop checks it before enrolling.
pub const APP: &str = "cabildo-hub";

/// What the hub's QR code carries: `cabildo-hub:<url>#<code>`. The app reads it
/// back with `parse_link` to connect in one step.
pub fn link(url: &str, code: &str) -> String {
    format!("cabildo-hub:{url}#{code}")
}

/// The hub's address and the code of a `link`, as scanned or pasted.
pub fn parse_link(text: &str) -> Option<(String, String)> {
    let (url, code) = text.trim().strip_prefix("cabildo-hub:")?.rsplit_once('#')?;
    (!url.is_empty() && !code.is_empty()).then(|| (url.to_string(), code.to_string()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_link_reads_back_as_its_address_and_code() {
        let text = super::link("http://192.168.1.20:8470", "ABCDE-FGHJK-MNPQR-STUVW");
        assert_eq!(
            text,
            "cabildo-hub:http://192.168.1.20:8470#ABCDE-FGHJK-MNPQR-STUVW"
        );
        assert_eq!(
            super::parse_link(&format!(" {text}\n")),
            Some((
                "http://192.168.1.20:8470".into(),
                "ABCDE-FGHJK-MNPQR-STUVW".into()
            ))
        );
        assert_eq!(super::parse_link("http://192.168.1.20:8470#X"), None);
        assert_eq!(super::parse_link("cabildo-hub:http://h:1#"), None);
    }
}
