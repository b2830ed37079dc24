//! The actor map of stage 3: who can help or hinder the plan — their type, their
//! stance, their power and their interest (1–5 each) — and the power/interest grid
//! that says how to engage each one. Partners of actions are chosen from here.

use serde::{Deserialize, Serialize};

use crate::ids::{ActionId, ActorId, WorkshopId};
use crate::store::{self, Store};
use crate::text_enum::text_enum;
use crate::time::Timestamp;
use crate::voting::Scale;
use crate::{Error, Result};

text_enum!(
    ActorType {
        Public => "public",
        Private => "private",
        CivilSociety => "civil_society",
        International => "international",
        Academia => "academia",
    }
);

text_enum!(
    /// Towards the plan.
    Stance { Supportive => "supportive", Neutral => "neutral", Opposed => "opposed" }
);

text_enum!(
    /// How to engage an actor, from its place on the power/interest grid.
    Engagement {
        ManageClosely => "manage_closely",
        KeepSatisfied => "keep_satisfied",
        KeepInformed => "keep_informed",
        Monitor => "monitor",
    }
);

/// On the 1–5 scales, 3 and above is high: an actor of middling power or interest
/// is worth the closer engagement.
pub const HIGH: u8 = 3;

/// The quadrant of the power/interest grid.
pub fn engagement(power: u8, interest: u8) -> Engagement {
    match (power >= HIGH, interest >= HIGH) {
        (true, true) => Engagement::ManageClosely,
        (true, false) => Engagement::KeepSatisfied,
        (false, true) => Engagement::KeepInformed,
        (false, false) => Engagement::Monitor,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorType,
    pub stance: Option<Stance>,
    pub power: Option<u8>,
    pub interest: Option<u8>,
    pub notes: String,
    /// Once both power and interest are given.
    pub engagement: Option<Engagement>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorInput {
    pub name: String,
    pub kind: ActorType,
    #[serde(default)]
    pub stance: Option<Stance>,
    #[serde(default)]
    pub power: Option<i64>,
    #[serde(default)]
    pub interest: Option<i64>,
    #[serde(default)]
    pub notes: String,
}

/// An actor that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidActor {
    pub name: String,
    pub kind: ActorType,
    pub stance: Option<Stance>,
    pub power: Option<u8>,
    pub interest: Option<u8>,
    pub notes: String,
}

impl ActorInput {
    pub fn validate(&self) -> Result<ValidActor> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(Error::ActorNameEmpty);
        }
        let rating = |v: Option<i64>| -> Result<Option<u8>> {
            v.map(|v| Scale::ONE_TO_FIVE.check(v).map(|()| v as u8))
                .transpose()
        };
        Ok(ValidActor {
            name: name.to_string(),
            kind: self.kind,
            stance: self.stance,
            power: rating(self.power)?,
            interest: rating(self.interest)?,
            notes: self.notes.trim().to_string(),
        })
    }
}

/// One quadrant of the grid and the actors in it, in the map's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quadrant {
    pub engagement: Engagement,
    pub actors: Vec<ActorId>,
}

/// The four quadrants (manage closely, keep satisfied, keep informed, monitor) and
/// the actors not placed yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grid {
    pub quadrants: Vec<Quadrant>,
    pub unplaced: Vec<ActorId>,
}

pub fn grid(actors: &[Actor]) -> Grid {
    let quadrants = Engagement::ALL
        .iter()
        .map(|&e| Quadrant {
            engagement: e,
            actors: actors
                .iter()
                .filter(|a| a.engagement == Some(e))
                .map(|a| a.id)
                .collect(),
        })
        .collect();
    Grid {
        quadrants,
        unplaced: actors
            .iter()
            .filter(|a| a.engagement.is_none())
            .map(|a| a.id)
            .collect(),
    }
}

/// An actor with the actions it is a partner of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partnering {
    pub actor: ActorId,
    pub actions: Vec<ActionId>,
}

/// Everything the actor map screen shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub actors: Vec<Actor>,
    pub grid: Grid,
    pub partnering: Vec<Partnering>,
}

pub fn list(store: &Store, workshop: WorkshopId) -> Result<Vec<Actor>> {
    store::actors::actors_of(store.conn(), workshop)
}

pub fn add(
    store: &mut Store,
    workshop: WorkshopId,
    input: &ActorInput,
    now: Timestamp,
) -> Result<ActorId> {
    let valid = input.validate()?;
    crate::workshop::get(store, workshop)?;
    let id = ActorId::new();
    store.with_tx(|tx, device| store::actors::put(tx, device, workshop, id, &valid, now))?;
    Ok(id)
}

pub fn update(
    store: &mut Store,
    workshop: WorkshopId,
    id: ActorId,
    input: &ActorInput,
    now: Timestamp,
) -> Result<()> {
    let valid = input.validate()?;
    store.with_tx(|tx, device| {
        store::owned(tx, "actors", &id, workshop, "actor")?;
        store::actors::update(tx, device, id, &valid, now)
    })
}

/// Removes an actor; it stops being a partner of any action.
pub fn remove(store: &mut Store, workshop: WorkshopId, id: ActorId, now: Timestamp) -> Result<()> {
    store.with_tx(|tx, device| {
        store::owned(tx, "actors", &id, workshop, "actor")?;
        store::actors::delete(tx, device, id, now)
    })
}

pub fn board(store: &Store, workshop: WorkshopId) -> Result<Board> {
    let actors = list(store, workshop)?;
    let actions = crate::actions::actions(store, workshop)?;
    let partnering = actors
        .iter()
        .map(|actor| Partnering {
            actor: actor.id,
            actions: actions
                .iter()
                .filter(|a| a.partners.iter().any(|p| p.actor == actor.id))
                .map(|a| a.id)
                .collect(),
        })
        .collect();
    Ok(Board {
        grid: grid(&actors),
        actors,
        partnering,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, power: Option<u8>, interest: Option<u8>) -> Actor {
        Actor {
            id: ActorId::named(&[name]),
            name: name.into(),
            kind: ActorType::Public,
            stance: None,
            power,
            interest,
            notes: String::new(),
            engagement: power.zip(interest).map(|(p, i)| engagement(p, i)),
        }
    }

    #[test]
    fn each_corner_of_the_grid_has_its_engagement() {
        assert_eq!(engagement(5, 5), Engagement::ManageClosely);
        assert_eq!(engagement(5, 1), Engagement::KeepSatisfied);
        assert_eq!(engagement(1, 5), Engagement::KeepInformed);
        assert_eq!(engagement(1, 1), Engagement::Monitor);
    }

    #[test]
    fn the_middle_of_the_scale_counts_as_high() {
        assert_eq!(engagement(3, 3), Engagement::ManageClosely);
        assert_eq!(engagement(2, 3), Engagement::KeepInformed);
        assert_eq!(engagement(3, 2), Engagement::KeepSatisfied);
    }

    #[test]
    fn the_grid_sorts_placed_actors_into_quadrants_and_lists_the_others() {
        let list = [
            actor("Seremi de Salud", Some(5), Some(4)),
            actor("Junta de vecinos", Some(2), Some(5)),
            actor("Empresa forestal", Some(4), Some(1)),
            actor("Universidad", None, Some(4)),
        ];
        let g = grid(&list);
        let names = |e: Engagement| -> Vec<ActorId> {
            g.quadrants
                .iter()
                .find(|q| q.engagement == e)
                .map(|q| q.actors.clone())
                .unwrap_or_default()
        };
        assert_eq!(names(Engagement::ManageClosely), [list[0].id]);
        assert_eq!(names(Engagement::KeepInformed), [list[1].id]);
        assert_eq!(names(Engagement::KeepSatisfied), [list[2].id]);
        assert_eq!(names(Engagement::Monitor), []);
        assert_eq!(g.unplaced, [list[3].id]);
    }

    #[test]
    fn an_actor_without_a_name_or_with_power_off_the_scale_is_refused() {
        let input = ActorInput {
            name: " ".into(),
            kind: ActorType::Academia,
            stance: None,
            power: None,
            interest: None,
            notes: String::new(),
        };
        assert_eq!(input.validate().unwrap_err().code(), "actor_name_empty");
        let input = ActorInput {
            name: "Universidad de Concepción".into(),
            power: Some(0),
            ..input
        };
        assert_eq!(input.validate().unwrap_err().code(), "rating_out_of_scale");
    }
}
