//! The phone page, built by `npm run build` into ui/dist-phone and compiled into the
//! server, so that it ships with the app and needs nothing from the internet.

use axum::http::header;
use axum::response::{IntoResponse, Response};

const INDEX: &[u8] = include_bytes!("../../../ui/dist-phone/index.html");
const SCRIPT: &[u8] = include_bytes!("../../../ui/dist-phone/phone.js");
const STYLE: &[u8] = include_bytes!("../../../ui/dist-phone/phone.css");

fn file(kind: &'static str, bytes: &'static [u8]) -> Response {
    // no-cache: a phone that kept last week's page asks again (the answer is small).
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        bytes,
    )
        .into_response()
}

pub async fn index() -> Response {
    file("text/html; charset=utf-8", INDEX)
}

pub async fn script() -> Response {
    file("text/javascript; charset=utf-8", SCRIPT)
}

pub async fn style() -> Response {
    file("text/css; charset=utf-8", STYLE)
}
