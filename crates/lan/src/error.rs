//! Errors as the phones get them: a status and `{code, message}`, `code` stable
//! (the page shows its own text for it), `message` in English.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cabildo_core::Error;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
        }
    }

    pub fn not_joined() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "not_joined",
            "join with the PIN first",
        )
    }

    pub fn rate_limited() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many requests: wait a moment",
        )
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        let status = match e {
            Error::InvalidAnswer { .. } | Error::RatingOutOfScale { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Error::QuestionClosed => StatusCode::CONFLICT,
            Error::BadCode | Error::CodeUsed => StatusCode::FORBIDDEN,
            Error::NotFound { .. } => {
                return Self::new(
                    StatusCode::CONFLICT,
                    "no_such_question",
                    "that question is not the open one",
                );
            }
            Error::InvalidInput { .. } => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self::new(status, e.code(), e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(&self)).into_response()
    }
}
