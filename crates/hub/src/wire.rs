//! What travels between a laptop and the hub, besides the bundles themselves.

use std::collections::BTreeMap;

use cabildo_core::Error;
use serde::{Deserialize, Serialize};

/// `GET /api/v1/hub`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct HubInfo {
    pub app: String,
    pub version: String,
    /// The hub's own installation.
    pub device_id: String,
}

/// `POST /api/v1/enroll`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnrollInput {
    pub code: String,
    pub device_id: String,
    pub public_key: String,
}

/// The core's error as the hub sends it: `{code, message, params}`.
#[derive(Debug, Deserialize)]
struct WireError {
    code: String,
    message: String,
    #[serde(default)]
    params: BTreeMap<String, String>,
}

/// The hub's refusal as the core error it was, when it is one a laptop should
/// tell apart (a code to fix, a file the hub will never take); else `SyncFailed`
/// with what the hub said.
pub fn refusal(status: u16, body: &str) -> Error {
    let Ok(wire) = serde_json::from_str::<WireError>(body) else {
        let start: String = body.chars().take(200).collect();
        return Error::SyncFailed {
            detail: format!("the hub answered {status}: {start}"),
        };
    };
    let param = |k: &str| wire.params.get(k).cloned().unwrap_or_default();
    let number = |k: &str| param(k).parse().unwrap_or_default();
    match wire.code.as_str() {
        "token_unknown" => Error::TokenUnknown,
        "token_taken" => Error::TokenTaken,
        "bundle_key_mismatch" => Error::BundleKeyMismatch {
            device: param("device"),
        },
        "bundle_unknown_device" => Error::BundleUnknownDevice {
            device: param("device"),
            fingerprint: param("fingerprint"),
        },
        "bundle_damaged" => Error::BundleDamaged {
            detail: param("detail"),
        },
        "bundle_tampered" => Error::BundleTampered,
        "bundle_bad_signature" => Error::BundleBadSignature,
        "bundle_newer_format" => Error::BundleNewerFormat {
            found: number("found") as u32,
            supported: number("supported") as u32,
        },
        "bundle_too_large" => Error::BundleTooLarge {
            size: number("size"),
            limit: number("limit"),
        },
        _ => Error::SyncFailed {
            detail: format!(
                "the hub answered {status} ({}): {}",
                wire.code, wire.message
            ),
        },
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_comes_back_as_the_core_error_it_was() {
        let body = serde_json::to_string(&Error::BundleKeyMismatch {
            device: "d1".into(),
        })
        .unwrap_or_default();
        let e = refusal(403, &body);
        assert_eq!(e.code(), "bundle_key_mismatch");
        assert_eq!(e.params().get("device").map(String::as_str), Some("d1"));
        let body = serde_json::to_string(&Error::BundleNewerFormat {
            found: 3,
            supported: 1,
        })
        .unwrap_or_default();
        assert!(matches!(
            refusal(422, &body),
            Error::BundleNewerFormat {
                found: 3,
                supported: 1
            }
        ));
    }

    #[test]
    fn an_answer_that_is_not_the_hubs_is_a_failed_sync() {
        let e = refusal(502, "<html>Bad gateway</html>");
        assert_eq!(e.code(), "sync_failed");
        assert!(e.to_string().contains("502"), "{e}");
        let e = refusal(
            500,
            r#"{"code":"database","message":"disk full","params":{}}"#,
        );
        assert_eq!(e.code(), "sync_failed");
        assert!(e.to_string().contains("disk full"), "{e}");
    }
}
