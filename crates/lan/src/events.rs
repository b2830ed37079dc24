//! The room's state pushed to phones and the projector by Server-Sent Events. Whole
//! states, never deltas: a phone that reconnects or lagged is right at the next one.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::{broadcast, watch};

use crate::Shared;

/// Changes made by the app (a question opened, results revealed) come through the
/// database; they are seen within this delay. Ballots taken here are pushed at once.
const POLL: Duration = Duration::from_millis(300);

async fn state_json(shared: &Arc<Shared>) -> Option<String> {
    let state = shared
        .with_store(|store, workshop| cabildo_core::room::state(store, workshop, None))
        .await
        .ok()?;
    serde_json::to_string(&state).ok()
}

/// Sends the state whenever it differs from the last one sent, while anyone listens.
pub async fn broadcast(shared: Arc<Shared>, mut changes: watch::Receiver<()>) {
    let mut last = String::new();
    loop {
        tokio::select! {
            _ = tokio::time::sleep(POLL) => {}
            changed = changes.changed() => if changed.is_err() { return },
        }
        if shared.states.receiver_count() == 0 {
            last.clear();
            continue;
        }
        if let Some(json) = state_json(&shared).await
            && json != last
        {
            let _ = shared.states.send(json.clone());
            last = json;
        }
    }
}

/// One listener's stream: the state now, then every change, until the server stops.
pub async fn stream(shared: Arc<Shared>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = state_json(&shared).await;
    let receiver = shared.states.subscribe();
    let closing = shared.closing.subscribe();
    struct Listen {
        first: Option<String>,
        receiver: broadcast::Receiver<String>,
        closing: watch::Receiver<bool>,
    }
    let stream = futures_util::stream::unfold(
        Listen {
            first,
            receiver,
            closing,
        },
        |mut l| async move {
            if let Some(json) = l.first.take() {
                return Some((Ok(Event::default().event("state").data(json)), l));
            }
            loop {
                if *l.closing.borrow() {
                    return None;
                }
                tokio::select! {
                    got = l.receiver.recv() => match got {
                        Ok(json) => return Some((Ok(Event::default().event("state").data(json)), l)),
                        // Missed some: the next whole state makes up for them.
                        Err(broadcast::error::RecvError::Lagged(_)) => continue,
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                    _ = l.closing.changed() => return None,
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
