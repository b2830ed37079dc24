//! Group commit: ballots that arrive together are written in one transaction, so a
//! room voting at once costs one disk sync per batch rather than one per phone.
//! Each phone is answered only after the batch holding its ballot is committed.

use std::sync::Arc;

use cabildo_core::voting::{self, BallotRequest, Cast};
use cabildo_core::{Error, Result};
use tokio::sync::{mpsc, oneshot};

use crate::Shared;

/// The most ballots one commit takes; more wait for the next.
const BATCH: usize = 256;

pub type Queue = mpsc::Sender<(BallotRequest, oneshot::Sender<Result<Cast>>)>;
pub type Receiver = mpsc::Receiver<(BallotRequest, oneshot::Sender<Result<Cast>>)>;

pub fn queue() -> (Queue, Receiver) {
    mpsc::channel(4 * BATCH)
}

/// Queues a ballot and waits until it is committed (or refused).
pub async fn cast(queue: &Queue, request: BallotRequest) -> Result<Cast> {
    let (reply, answer) = oneshot::channel();
    queue
        .send((request, reply))
        .await
        .map_err(|_| Error::InvalidInput {
            detail: "the server is stopping".into(),
        })?;
    answer.await.map_err(|_| Error::InvalidInput {
        detail: "the ballot writer stopped".into(),
    })?
}

/// Takes what is waiting, writes it in one transaction, answers each, and repeats.
pub async fn write(shared: Arc<Shared>, mut receiver: Receiver) {
    while let Some(first) = receiver.recv().await {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match receiver.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let (requests, replies): (Vec<_>, Vec<_>) = batch.into_iter().unzip();
        let outcome = shared
            .with_store(move |store, workshop| {
                voting::cast_many(store, workshop, &requests, chrono::Utc::now())
            })
            .await;
        match outcome {
            Ok(results) => {
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(result);
                }
            }
            // The transaction failed as a whole: nothing was written, nobody is acknowledged.
            Err(e) => {
                let message = e.to_string();
                for reply in replies {
                    let _ = reply.send(Err(Error::InvalidInput {
                        detail: message.clone(),
                    }));
                }
            }
        }
        let _ = shared.changed.send(());
    }
}
