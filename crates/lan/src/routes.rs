//! The routes of docs/lan-api.yaml. Each handler checks the limits and the phone's
//! token, then makes one call into `cabildo_core`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use cabildo_core::ids::QuestionId;
use cabildo_core::phones::{self, Phone};
use cabildo_core::voting::{self, Voter};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::{Shared, assets, events};

/// Far above any ballot (a ranking of 30 options is ~2 kB), far below what would hurt.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The routes of the API; tests compare them with docs/lan-api.yaml.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/"),
    ("get", "/phone.js"),
    ("get", "/phone.css"),
    ("post", "/api/join"),
    ("get", "/api/state"),
    ("post", "/api/ballots"),
    ("get", "/api/events"),
];

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/", get(assets::index))
        .route("/phone.js", get(assets::script))
        .route("/phone.css", get(assets::style))
        .route("/api/join", post(join))
        .route("/api/state", get(state))
        .route("/api/ballots", post(ballot))
        .route("/api/events", get(stream))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such page") })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(shared)
}

/// A body that is too big, not JSON, or not the expected shape.
fn body_error(rejection: JsonRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("the limit is {MAX_BODY_BYTES} bytes"),
        )
    } else {
        ApiError::new(StatusCode::BAD_REQUEST, "malformed", rejection.body_text())
    }
}

#[derive(Deserialize)]
struct TokenQuery {
    token: Option<String>,
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    value.strip_prefix("Bearer ").map(|t| t.trim().to_string())
}

/// The limits, then the phone behind the token (header, or query for EventSource).
async fn phone(
    shared: &Arc<Shared>,
    addr: SocketAddr,
    headers: &HeaderMap,
    query: Option<String>,
) -> Result<Phone, ApiError> {
    let token = bearer(headers).or(query);
    if !shared.limits.allow(addr.ip(), token.as_deref()) {
        return Err(ApiError::rate_limited());
    }
    let token = token.ok_or_else(ApiError::not_joined)?;
    shared
        .with_store(move |store, workshop| phones::by_token(store, workshop, &token))
        .await?
        .ok_or_else(ApiError::not_joined)
}

#[derive(Deserialize)]
struct JoinInput {
    pin: String,
    #[serde(default)]
    name: String,
}

#[derive(Serialize)]
struct Joined {
    device_token: String,
    workshop_title: String,
    language: cabildo_core::workshop::Language,
}

/// Constant time, so the answer's delay tells nothing about the PIN.
fn same_pin(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

async fn join(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    body: Result<Json<JoinInput>, JsonRejection>,
) -> Result<Json<Joined>, ApiError> {
    if !shared.limits.allow(addr.ip(), None) {
        return Err(ApiError::rate_limited());
    }
    let Json(input) = body.map_err(body_error)?;
    if !same_pin(input.pin.trim(), &shared.pin) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "bad_pin",
            "that is not the PIN on the screen",
        ));
    }
    let joined = shared
        .with_store(move |store, workshop| {
            let token = phones::join(store, workshop, &input.name, chrono::Utc::now())?;
            let w = cabildo_core::workshop::get(store, workshop)?;
            Ok(Joined {
                device_token: token,
                workshop_title: w.title,
                language: w.language,
            })
        })
        .await?;
    let _ = shared.changed.send(());
    Ok(Json(joined))
}

async fn state(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let phone = phone(&shared, addr, &headers, None).await?;
    let state = shared
        .with_store(move |store, workshop| cabildo_core::room::state(store, workshop, Some(&phone)))
        .await?;
    Ok(Json(state).into_response())
}

#[derive(Deserialize)]
struct BallotInput {
    question_id: String,
    client_ballot_id: String,
    #[serde(default)]
    voting_code: Option<String>,
    answer: serde_json::Value,
}

#[derive(Serialize)]
struct Acknowledged {
    client_ballot_id: String,
    replaced: bool,
}

async fn ballot(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<BallotInput>, JsonRejection>,
) -> Result<Json<Acknowledged>, ApiError> {
    let phone = phone(&shared, addr, &headers, None).await?;
    let Json(input) = body.map_err(body_error)?;
    if input.client_ballot_id.is_empty() || input.client_ballot_id.len() > 64 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed",
            "client_ballot_id: 1 to 64 characters",
        ));
    }
    let question = QuestionId::parse(&input.question_id).map_err(|_| {
        ApiError::new(
            StatusCode::CONFLICT,
            "no_such_question",
            "that question is not the open one",
        )
    })?;
    let voter = match input.voting_code.as_deref().map(str::trim) {
        Some(code) if !code.is_empty() => Voter::Code(code.to_string()),
        _ => phone.voter(),
    };
    let request = voting::BallotRequest {
        question,
        voter,
        client_ballot_id: Some(input.client_ballot_id.clone()),
        answer: input.answer,
    };
    // Acknowledged only once the batch holding it is committed.
    let cast = crate::ballots::cast(&shared.ballots, request).await?;
    Ok(Json(Acknowledged {
        client_ballot_id: input.client_ballot_id,
        replaced: cast.replaced,
    }))
}

async fn stream(
    State(shared): State<Arc<Shared>>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Query(query): Query<TokenQuery>,
) -> Result<Response, ApiError> {
    phone(&shared, addr, &headers, query.token).await?;
    Ok(events::stream(shared).await.into_response())
}
