//! A hub on the internet sits behind HTTPS. The laptop checks its certificate with
//! the system's TLS library and store: one the system does not trust is refused,
//! and the workshop waits in the outbox.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on broken preconditions

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use cabildo_core::{Store, sync, synthetic};
use cabildo_hub::client;

#[test]
fn a_hub_whose_certificate_the_system_does_not_trust_is_refused_and_nothing_is_lost() {
    // A self-signed certificate for 127.0.0.1 (tests/fixtures, valid for a century).
    let identity = native_tls::Identity::from_pkcs8(
        include_bytes!("fixtures/self-signed.crt"),
        include_bytes!("fixtures/self-signed.key"),
    )
    .unwrap();
    let acceptor = native_tls::TlsAcceptor::new(identity).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handshakes = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&handshakes);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            seen.fetch_add(1, Ordering::SeqCst);
            // The laptop hangs up during the handshake; nothing else is served.
            let _ = acceptor.accept(stream);
        }
    });

    let mut store = Store::open_in_memory().unwrap();
    let now = chrono::Utc::now;
    synthetic::workshop(&mut store, 1, now()).unwrap();
    sync::connect(
        &mut store,
        &format!("https://127.0.0.1:{port}"),
        "ABCDE-FGHJK-MNPQR-STUVW",
    )
    .unwrap();
    let laptop = Mutex::new(store);

    let err = client::sync_once(&laptop, now).unwrap_err();
    assert_eq!(err.code(), "sync_failed", "{err}");
    assert!(
        err.to_string().to_lowercase().contains("certificate"),
        "the refusal names the certificate: {err}"
    );
    assert!(handshakes.load(Ordering::SeqCst) >= 1, "TLS was spoken");
    let store = laptop.into_inner().unwrap();
    let status = sync::status(&store).unwrap();
    assert_eq!(status.outbox.len(), 1, "the workshop still waits");
    assert!(status.last_success_at.is_none());
    assert_eq!(status.last_error.unwrap().code, "sync_failed");
}
