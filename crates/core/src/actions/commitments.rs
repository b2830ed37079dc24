//! The Agenda of Commitments: who commits to what, and by when; printed with
//! signature lines to be signed in the room. A commitment may carry out an action
//! of the matrix.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{ActionId, CommitmentId, WorkshopId};
use crate::store::{self, Store};
use crate::time::{Timestamp, parse_date};
use crate::{Error, Result};

const COMMITMENTS: &str = "commitments";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: CommitmentId,
    pub who: String,
    /// The institution the person signs for.
    pub institution: String,
    pub what: String,
    pub due: Option<NaiveDate>,
    pub action: Option<ActionId>,
    /// The linked action's title, to print beside the commitment.
    pub action_title: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommitmentInput {
    pub who: String,
    pub institution: String,
    pub what: String,
    /// As typed; empty for none.
    pub due: Option<String>,
    pub action: Option<ActionId>,
}

/// A commitment that passed every check of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCommitment {
    pub who: String,
    pub institution: String,
    pub what: String,
    pub due: Option<NaiveDate>,
    pub action: Option<ActionId>,
}

impl CommitmentInput {
    pub fn validate(&self) -> Result<ValidCommitment> {
        let (who, what) = (self.who.trim(), self.what.trim());
        if who.is_empty() || what.is_empty() {
            return Err(Error::CommitmentIncomplete);
        }
        let due = self
            .due
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(parse_date)
            .transpose()?;
        Ok(ValidCommitment {
            who: who.to_string(),
            institution: self.institution.trim().to_string(),
            what: what.to_string(),
            due,
            action: self.action,
        })
    }
}

/// The commitments by due date, the undated last; the order they were written in
/// breaks ties.
pub fn agenda(mut commitments: Vec<Commitment>) -> Vec<Commitment> {
    // A stable sort: equal dates keep the order they came in.
    commitments.sort_by_key(|c| (c.due.is_none(), c.due));
    commitments
}

/// In the order they were written.
pub fn list(store: &Store, workshop: WorkshopId) -> Result<Vec<Commitment>> {
    store::commitments::commitments_of(store.conn(), workshop)
}

/// The Agenda of Commitments of the workshop.
pub fn of(store: &Store, workshop: WorkshopId) -> Result<Vec<Commitment>> {
    Ok(agenda(list(store, workshop)?))
}

fn check_action(store: &Store, workshop: WorkshopId, v: &ValidCommitment) -> Result<()> {
    if let Some(action) = v.action
        && store::actions::workshop_of_action(store.conn(), action)? != Some(workshop)
    {
        return Err(Error::not_found("action"));
    }
    Ok(())
}

pub fn add(
    store: &mut Store,
    workshop: WorkshopId,
    input: &CommitmentInput,
    now: Timestamp,
) -> Result<CommitmentId> {
    let valid = input.validate()?;
    crate::workshop::get(store, workshop)?;
    check_action(store, workshop, &valid)?;
    let id = CommitmentId::new();
    store
        .with_tx(|tx, device| store::commitments::insert(tx, device, workshop, id, &valid, now))?;
    Ok(id)
}

pub fn update(
    store: &mut Store,
    workshop: WorkshopId,
    id: CommitmentId,
    input: &CommitmentInput,
    now: Timestamp,
) -> Result<()> {
    let valid = input.validate()?;
    store::owned(store.conn(), COMMITMENTS, &id, workshop, "commitment")?;
    check_action(store, workshop, &valid)?;
    store.with_tx(|tx, device| {
        store::owned(tx, COMMITMENTS, &id, workshop, "commitment")?;
        store::commitments::update(tx, device, id, &valid, now)
    })
}

pub fn remove(
    store: &mut Store,
    workshop: WorkshopId,
    id: CommitmentId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::remove_owned(tx, device, COMMITMENTS, &id, workshop, "commitment", now)?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commitment(what: &str, due: Option<&str>) -> Commitment {
        Commitment {
            id: CommitmentId::named(&[what]),
            who: "Alcaldesa".into(),
            institution: "Municipalidad de Quirihue".into(),
            what: what.into(),
            due: due.map(|d| parse_date(d).unwrap()),
            action: None,
            action_title: None,
        }
    }

    #[test]
    fn the_agenda_runs_by_due_date_with_the_undated_last() {
        let list = vec![
            commitment("Firmar convenio", Some("2026-06-30")),
            commitment("Nombrar encargado", None),
            commitment("Presentar al concejo", Some("2026-04-15")),
            commitment("Publicar el plan", Some("2026-06-30")),
        ];
        let order: Vec<String> = agenda(list).into_iter().map(|c| c.what).collect();
        assert_eq!(
            order,
            [
                "Presentar al concejo",
                "Firmar convenio",
                "Publicar el plan",
                "Nombrar encargado"
            ]
        );
    }

    #[test]
    fn a_commitment_needs_who_and_what_and_a_real_date() {
        let input = CommitmentInput {
            who: "Director de Salud".into(),
            what: " ".into(),
            ..CommitmentInput::default()
        };
        assert_eq!(
            input.validate().unwrap_err().code(),
            "commitment_incomplete"
        );
        let input = CommitmentInput {
            what: "Ronda mensual".into(),
            due: Some("2026-02-30".into()),
            ..input
        };
        assert_eq!(input.validate().unwrap_err().code(), "bad_date");
    }
}
