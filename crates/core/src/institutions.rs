//! The institutional analysis of stage 3 (ILPES course module 4): for each target
//! of the prioritized MDG, which level of government holds competence and in which
//! unit; and the municipal areas that manage the MDGs, each rated for capacity
//! (1 weak … 5 strong) with its gaps. Areas rated 2 or less need strengthening;
//! the analysis links each to the actions that address it.

use serde::{Deserialize, Serialize};

use crate::actions::Action;
use crate::catalogue::{self, Localized};
use crate::ids::{ActionId, AreaId, RecordId, WorkshopId};
use crate::prioritization::{self, Decision, SubjectKind};
use crate::store::{self, Store};
use crate::text_enum::text_enum;
use crate::time::Timestamp;
use crate::workshop::Language;
use crate::{Error, Result, locale};

text_enum!(
    /// The areas a workshop starts with, shown in its language.
    DefaultArea {
        Planning => "planning",
        Finance => "finance",
        SocialDevelopment => "social_development",
        Health => "health",
        Education => "education",
        InformationSystems => "information_systems",
        HumanResources => "human_resources",
        Coordination => "coordination",
        Participation => "participation",
    }
);

text_enum!(
    /// The level of government that holds a competence.
    Level { National => "national", Regional => "regional", Municipal => "municipal" }
);

/// An area rated this or lower needs strengthening.
pub const WEAK_CAPACITY: u8 = 2;

const AREAS: &str = "institutional_areas";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub id: AreaId,
    pub key: Option<DefaultArea>,
    /// The facilitator's wording, else the default's in the workshop's language.
    pub label: String,
    /// The label is the facilitator's own.
    pub custom: bool,
    pub capacity: Option<u8>,
    pub gaps: String,
}

impl Area {
    pub fn needs_strengthening(&self) -> bool {
        self.capacity.is_some_and(|c| c <= WEAK_CAPACITY)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competence {
    pub level: Level,
    pub unit: String,
    pub notes: String,
}

/// A target of the prioritized MDG and who holds competence for it, by level
/// (national, regional, municipal; levels not recorded are absent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetCompetences {
    pub code: String,
    pub title: Localized,
    pub competences: Vec<Competence>,
}

/// An action as the analysis names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRef {
    pub id: ActionId,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaAnalysis {
    pub area: Area,
    pub needs_strengthening: bool,
    /// The actions that strengthen it, in the matrix's order.
    pub actions: Vec<ActionRef>,
}

/// Everything the institutional analysis screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub decision: Option<Decision>,
    pub targets: Vec<TargetCompetences>,
    pub areas: Vec<AreaAnalysis>,
    /// Areas that need strengthening, in the areas' order.
    pub to_strengthen: Vec<AreaId>,
    /// Of those, the ones no action addresses yet.
    pub unaddressed: Vec<AreaId>,
}

/// Links each area to the actions that strengthen it and flags the weak ones.
pub fn analyse(areas: &[Area], actions: &[Action]) -> Vec<AreaAnalysis> {
    areas
        .iter()
        .map(|area| AreaAnalysis {
            needs_strengthening: area.needs_strengthening(),
            actions: actions
                .iter()
                .filter(|a| a.area == Some(area.id))
                .map(|a| ActionRef {
                    id: a.id,
                    title: a.title.clone(),
                })
                .collect(),
            area: area.clone(),
        })
        .collect()
}

fn area_label(language: Language, key: Option<DefaultArea>, label: &str) -> String {
    match key {
        Some(k) if label.trim().is_empty() => {
            locale::text(language, &format!("institutions.area.{k}"))
        }
        _ => label.to_string(),
    }
}

/// The default areas, the first time. Later calls change nothing (removed defaults
/// are not brought back behind the facilitator's back).
pub fn start(store: &mut Store, workshop: WorkshopId, now: Timestamp) -> Result<()> {
    crate::workshop::get(store, workshop)?;
    if store::institutions::has_areas(store.conn(), workshop)? {
        return Ok(());
    }
    store.with_tx(|tx, device| {
        for &key in DefaultArea::ALL {
            let id = AreaId::named(&[&workshop.to_string(), "area", key.as_str()]);
            store::institutions::put_area(tx, device, workshop, id, Some(key), "", now)?;
        }
        Ok(())
    })
}

pub fn areas(store: &Store, workshop: WorkshopId) -> Result<Vec<Area>> {
    let language = crate::workshop::get(store, workshop)?.language;
    Ok(store::institutions::areas_of(store.conn(), workshop)?
        .into_iter()
        .map(|r| Area {
            id: r.id,
            key: r.key,
            label: area_label(language, r.key, &r.label),
            custom: r.key.is_none() || !r.label.trim().is_empty(),
            capacity: r.capacity,
            gaps: r.gaps,
        })
        .collect())
}

pub fn add_area(
    store: &mut Store,
    workshop: WorkshopId,
    label: &str,
    now: Timestamp,
) -> Result<AreaId> {
    if label.trim().is_empty() {
        return Err(Error::AreaLabelEmpty);
    }
    crate::workshop::get(store, workshop)?;
    let id = AreaId::new();
    store.with_tx(|tx, device| {
        store::institutions::put_area(tx, device, workshop, id, None, label, now)
    })?;
    Ok(id)
}

/// Renames an area; an empty label gives a default area its translated name back.
pub fn rename_area(
    store: &mut Store,
    workshop: WorkshopId,
    id: AreaId,
    label: &str,
    now: Timestamp,
) -> Result<()> {
    let area = areas(store, workshop)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::not_found("institutional area"))?;
    if area.key.is_none() && label.trim().is_empty() {
        return Err(Error::AreaLabelEmpty);
    }
    store.with_tx(|tx, device| store::institutions::set_area_label(tx, device, id, label, now))
}

/// Rates an area's capacity (1–5, or none yet) and notes its gaps.
pub fn rate_area(
    store: &mut Store,
    workshop: WorkshopId,
    id: AreaId,
    capacity: Option<i64>,
    gaps: &str,
    now: Timestamp,
) -> Result<()> {
    if let Some(c) = capacity
        && !(1..=5).contains(&c)
    {
        return Err(Error::CapacityOutOfRange { value: c });
    }
    store.with_tx(|tx, device| {
        store::owned(tx, AREAS, &id, workshop, "institutional area")?;
        store::institutions::rate_area(tx, device, id, capacity.map(|c| c as u8), gaps, now)
    })
}

/// Removes an area; the actions that strengthened it no longer name an area.
pub fn remove_area(
    store: &mut Store,
    workshop: WorkshopId,
    id: AreaId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::owned(tx, AREAS, &id, workshop, "institutional area")?;
        store::institutions::delete_area(tx, device, id, now)
    })
}

/// The targets of the prioritized MDG: all of a goal's, or the one target.
pub fn decision_targets(decision: &Decision) -> Vec<&'static catalogue::Target> {
    let goals = &catalogue::mdg().goals;
    match decision.kind {
        SubjectKind::Goal => goals
            .iter()
            .find(|g| g.code == decision.code)
            .map(|g| g.targets.iter().collect())
            .unwrap_or_default(),
        SubjectKind::Target => goals
            .iter()
            .flat_map(|g| &g.targets)
            .filter(|t| t.code == decision.code)
            .collect(),
    }
}

/// Records who holds competence for a target of the prioritized MDG at one level.
/// Empty unit and notes remove the record.
pub fn set_competence(
    store: &mut Store,
    workshop: WorkshopId,
    target: &str,
    level: Level,
    unit: &str,
    notes: &str,
    now: Timestamp,
) -> Result<()> {
    let target = target.trim();
    let decision = prioritization::decision(store, workshop)?.ok_or(Error::NoDecision)?;
    if !decision_targets(&decision).iter().any(|t| t.code == target) {
        return Err(Error::TargetNotPrioritized {
            code: target.to_string(),
        });
    }
    let id = RecordId::named(&[&workshop.to_string(), "competence", target, level.as_str()]);
    store.with_tx(|tx, device| {
        if unit.trim().is_empty() && notes.trim().is_empty() {
            store::soft_delete(tx, device, "competences", &id, now)?;
            Ok(())
        } else {
            store::institutions::put_competence(
                tx, device, workshop, id, target, level, unit, notes, now,
            )
        }
    })
}

/// The competences of each target of the prioritized MDG, levels in order.
pub fn competences(store: &Store, workshop: WorkshopId) -> Result<Vec<TargetCompetences>> {
    let Some(decision) = prioritization::decision(store, workshop)? else {
        return Ok(Vec::new());
    };
    let rows = store::institutions::competences_of(store.conn(), workshop)?;
    Ok(decision_targets(&decision)
        .into_iter()
        .map(|t| TargetCompetences {
            code: t.code.clone(),
            title: t.title.clone(),
            competences: Level::ALL
                .iter()
                .filter_map(|&level| {
                    rows.iter()
                        .find(|(code, c)| code == &t.code && c.level == level)
                        .map(|(_, c)| c.clone())
                })
                .collect(),
        })
        .collect())
}

pub fn board(store: &Store, workshop: WorkshopId) -> Result<Analysis> {
    let areas = analyse(
        &areas(store, workshop)?,
        &crate::actions::actions(store, workshop)?,
    );
    let to_strengthen = areas
        .iter()
        .filter(|a| a.needs_strengthening)
        .map(|a| a.area.id)
        .collect();
    let unaddressed = areas
        .iter()
        .filter(|a| a.needs_strengthening && a.actions.is_empty())
        .map(|a| a.area.id)
        .collect();
    Ok(Analysis {
        decision: prioritization::decision(store, workshop)?,
        targets: competences(store, workshop)?,
        areas,
        to_strengthen,
        unaddressed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::LineId;

    fn area(key: DefaultArea, capacity: Option<u8>) -> Area {
        Area {
            id: AreaId::named(&[key.as_str()]),
            key: Some(key),
            label: key.to_string(),
            custom: false,
            capacity,
            gaps: String::new(),
        }
    }

    fn action(title: &str, area: Option<AreaId>) -> Action {
        Action {
            area,
            ..crate::actions::plan::tests::action(LineId::named(&["line"]), title)
        }
    }

    #[test]
    fn areas_rated_two_or_less_need_strengthening_and_unrated_ones_do_not() {
        assert!(area(DefaultArea::Finance, Some(1)).needs_strengthening());
        assert!(area(DefaultArea::Finance, Some(2)).needs_strengthening());
        assert!(!area(DefaultArea::Finance, Some(3)).needs_strengthening());
        assert!(!area(DefaultArea::Finance, None).needs_strengthening());
    }

    #[test]
    fn each_area_is_linked_to_the_actions_that_strengthen_it() {
        let areas = [
            area(DefaultArea::InformationSystems, Some(1)),
            area(DefaultArea::Health, Some(4)),
            area(DefaultArea::HumanResources, Some(2)),
        ];
        let actions = [
            action("Registro único de embarazadas", Some(areas[0].id)),
            action("Ronda médica", None),
            action("Tablero de indicadores", Some(areas[0].id)),
        ];
        let a = analyse(&areas, &actions);
        let titles: Vec<&str> = a[0].actions.iter().map(|r| r.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Registro único de embarazadas", "Tablero de indicadores"]
        );
        assert!(a[0].needs_strengthening);
        assert!(!a[1].needs_strengthening);
        assert!(a[2].needs_strengthening && a[2].actions.is_empty());
    }

    #[test]
    fn a_goal_decided_brings_all_its_targets_and_a_target_only_itself() {
        let decision = |kind, code: &str| Decision {
            candidate: crate::ids::CandidateId::named(&[code]),
            kind,
            code: code.into(),
            title: Localized::default(),
            label: String::new(),
            reasons: String::new(),
            decided_at: String::new(),
        };
        let codes = |d: &Decision| -> Vec<String> {
            decision_targets(d).iter().map(|t| t.code.clone()).collect()
        };
        assert_eq!(codes(&decision(SubjectKind::Goal, "5")), ["5.A", "5.B"]);
        assert_eq!(codes(&decision(SubjectKind::Target, "4.A")), ["4.A"]);
    }
}
