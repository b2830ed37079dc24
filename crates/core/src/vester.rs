//! The Vester matrix of the causes of the prioritized problem: how much each cause
//! influences each other (0 none, 1 weak, 2 medium, 3 strong). A cause's active
//! sum (its row) is how much it drives the others; its passive sum (its column) is
//! how much it is driven. Against the mean of the sums, each cause falls in a
//! quadrant — critical (both high), active, passive, indifferent — and the problem
//! tree follows: critical causes at the root, active ones as further causes,
//! passive ones as effects.

use serde::{Deserialize, Serialize};

use crate::ids::{CauseId, QuestionId, RecordId, WorkshopId};
use crate::store::{self, Store};
use crate::text_enum::text_enum;
use crate::time::Timestamp;
use crate::voting::{self, Kind, QuestionState, Tally};
use crate::{Error, Result, locale};

/// The strongest influence.
pub const MAX_INFLUENCE: i64 = 3;

/// The question in which phones propose causes.
pub const IDEAS_SUBJECT: &str = "vester:causes";

const CAUSES: &str = "vester_causes";

text_enum!(
    Quadrant {
        Critical => "critical",
        Active => "active",
        Passive => "passive",
        Indifferent => "indifferent",
    }
);

text_enum!(
    /// Where a cause sits on the problem tree.
    TreePlace {
        Root => "root",
        Cause => "cause",
        Effect => "effect",
        Aside => "aside",
    }
);

impl Quadrant {
    pub fn place(self) -> TreePlace {
        match self {
            Quadrant::Critical => TreePlace::Root,
            Quadrant::Active => TreePlace::Cause,
            Quadrant::Passive => TreePlace::Effect,
            Quadrant::Indifferent => TreePlace::Aside,
        }
    }
}

/// The sums and quadrants of an n×n matrix given row by row (`m[i * n + j]` is the
/// influence of i on j; the diagonal is ignored).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub active: Vec<u32>,
    pub passive: Vec<u32>,
    /// The mean active sum (which is also the mean passive sum): above it is high.
    pub threshold: f64,
    pub quadrants: Vec<Quadrant>,
}

pub fn analyse(n: usize, m: &[u8]) -> Analysis {
    let mut active = vec![0u32; n];
    let mut passive = vec![0u32; n];
    for i in 0..n {
        for j in 0..n {
            if i != j {
                let v = u32::from(m[i * n + j]);
                active[i] += v;
                passive[j] += v;
            }
        }
    }
    let threshold = if n == 0 {
        0.0
    } else {
        f64::from(active.iter().sum::<u32>()) / n as f64
    };
    let quadrants = (0..n)
        .map(|i| {
            let high_active = f64::from(active[i]) > threshold;
            let high_passive = f64::from(passive[i]) > threshold;
            match (high_active, high_passive) {
                (true, true) => Quadrant::Critical,
                (true, false) => Quadrant::Active,
                (false, true) => Quadrant::Passive,
                (false, false) => Quadrant::Indifferent,
            }
        })
        .collect();
    Analysis {
        active,
        passive,
        threshold,
        quadrants,
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cause {
    pub id: CauseId,
    pub label: String,
    /// The phones' ideas merged into it.
    pub sources: Vec<String>,
    pub active: u32,
    pub passive: u32,
    pub quadrant: Quadrant,
    /// Where it sits on the tree: the facilitator's choice, else its quadrant's.
    pub place: TreePlace,
    pub place_moved: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    /// In the facilitator's order.
    pub causes: Vec<Cause>,
    /// `values[i][j]`: influence of cause i on cause j; `None` not filled yet (and
    /// always on the diagonal). Unfilled cells count as 0.
    pub values: Vec<Vec<Option<u8>>>,
    pub threshold: f64,
    pub filled: u32,
    pub cells: u32,
    /// The phones' proposals, when they were asked.
    pub ideas: Option<Ideas>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ideas {
    pub question: QuestionId,
    pub state: QuestionState,
    pub tally: Tally,
}

pub fn matrix(store: &Store, workshop: WorkshopId) -> Result<Matrix> {
    let rows = store::vester::causes_of(store.conn(), workshop)?;
    let n = rows.len();
    let index = |id: CauseId| rows.iter().position(|r| r.id == id);
    let mut values = vec![vec![None; n]; n];
    let mut flat = vec![0u8; n * n];
    let mut filled = 0;
    for (from, to, v) in store::vester::influences_of(store.conn(), workshop)? {
        if let (Some(i), Some(j)) = (index(from), index(to))
            && i != j
        {
            values[i][j] = Some(v);
            flat[i * n + j] = v;
            filled += 1;
        }
    }
    let analysis = analyse(n, &flat);
    let ideas = match voting::question_about(store, workshop, IDEAS_SUBJECT)? {
        Some(q) => Some(Ideas {
            question: q.id,
            state: q.state,
            tally: voting::results(store, &q)?,
        }),
        None => None,
    };
    let causes = rows
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let quadrant = analysis.quadrants[i];
            Cause {
                id: r.id,
                label: r.label,
                sources: r.sources,
                active: analysis.active[i],
                passive: analysis.passive[i],
                quadrant,
                place: r.tree_place.unwrap_or(quadrant.place()),
                place_moved: r.tree_place.is_some(),
            }
        })
        .collect();
    Ok(Matrix {
        causes,
        values,
        threshold: analysis.threshold,
        filled,
        cells: (n * n.saturating_sub(1)) as u32,
        ideas,
    })
}

/// Adds a cause at the end; `sources` are the phones' ideas it merges.
pub fn add_cause(
    store: &mut Store,
    workshop: WorkshopId,
    label: &str,
    sources: &[String],
    now: Timestamp,
) -> Result<CauseId> {
    if label.trim().is_empty() {
        return Err(Error::CauseLabelEmpty);
    }
    crate::workshop::get(store, workshop)?;
    let id = CauseId::new();
    store.with_tx(|tx, device| {
        store::vester::put_cause(tx, device, workshop, id, label, sources, now)
    })?;
    Ok(id)
}

pub fn rename_cause(
    store: &mut Store,
    workshop: WorkshopId,
    id: CauseId,
    label: &str,
    now: Timestamp,
) -> Result<()> {
    if label.trim().is_empty() {
        return Err(Error::CauseLabelEmpty);
    }
    store.with_tx(|tx, device| {
        store::owned(tx, CAUSES, &id, workshop, "cause")?;
        store::vester::set_label(tx, device, id, label, now)
    })
}

pub fn remove_cause(
    store: &mut Store,
    workshop: WorkshopId,
    id: CauseId,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::owned(tx, CAUSES, &id, workshop, "cause")?;
        store::vester::delete_cause(tx, device, id, now)
    })
}

/// Moves a cause on the problem tree; `None` puts it back where its quadrant says.
pub fn set_place(
    store: &mut Store,
    workshop: WorkshopId,
    id: CauseId,
    place: Option<TreePlace>,
    now: Timestamp,
) -> Result<()> {
    store.with_tx(|tx, device| {
        store::owned(tx, CAUSES, &id, workshop, "cause")?;
        store::vester::set_place(tx, device, id, place, now)
    })
}

/// Records how much `from` influences `to` (0–3).
pub fn set_influence(
    store: &mut Store,
    workshop: WorkshopId,
    from: CauseId,
    to: CauseId,
    value: i64,
    now: Timestamp,
) -> Result<()> {
    if from == to {
        return Err(Error::CauseInfluencesItself);
    }
    if !(0..=MAX_INFLUENCE).contains(&value) {
        return Err(Error::VesterValueOutOfRange { value });
    }
    let causes = store::vester::causes_of(store.conn(), workshop)?;
    if !causes.iter().any(|c| c.id == from) || !causes.iter().any(|c| c.id == to) {
        return Err(Error::not_found("cause"));
    }
    let id = RecordId::named(&[&from.to_string(), "influences", &to.to_string()]);
    store.with_tx(|tx, device| {
        store::vester::put_influence(tx, device, workshop, id, from, to, value as u8, now)
    })
}

/// Opens a question in which each phone proposes up to five causes.
pub fn open_ideas(
    store: &mut Store,
    workshop: WorkshopId,
    now: Timestamp,
) -> Result<voting::Question> {
    let language = crate::workshop::get(store, workshop)?.language;
    let problem = crate::prioritization::decision(store, workshop)?
        .map(|d| d.label)
        .unwrap_or_default();
    let prompt = if problem.is_empty() {
        locale::text(language, "vester.phone_ideas_any")
    } else {
        locale::format(language, "vester.phone_ideas", &[("problem", &problem)])
    };
    let q = voting::ensure_question(
        store,
        workshop,
        Kind::Ideas,
        IDEAS_SUBJECT,
        &prompt,
        None,
        &[],
        &[],
        now,
    )?;
    voting::set_open(store, workshop, q.id, true, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four causes of low secondary enrolment (a made-up worked example):
    /// A poverty, B distance to school, C teenage pregnancy, D dropping out.
    ///
    /// ```text
    ///        A  B  C  D | active
    ///     A  -  1  3  3 |   7
    ///     B  0  -  1  3 |   4
    ///     C  1  0  -  3 |   4
    ///     D  2  0  2  - |   4
    ///  passive 3  1  6  9   (total 19, mean 4.75)
    /// ```
    /// A: active 7 > 4.75, passive 3 → active. B: 4, 1 → indifferent.
    /// C: 4, 6 → passive. D: 4, 9 → passive.
    fn enrolment() -> Vec<u8> {
        vec![0, 1, 3, 3, 0, 0, 1, 3, 1, 0, 0, 3, 2, 0, 2, 0]
    }

    #[test]
    fn active_and_passive_sums_are_rows_and_columns() {
        let a = analyse(4, &enrolment());
        assert_eq!(a.active, [7, 4, 4, 4]);
        assert_eq!(a.passive, [3, 1, 6, 9]);
        assert!((a.threshold - 4.75).abs() < 1e-12);
    }

    #[test]
    fn each_cause_falls_in_its_quadrant() {
        let a = analyse(4, &enrolment());
        assert_eq!(
            a.quadrants,
            [
                Quadrant::Active,
                Quadrant::Indifferent,
                Quadrant::Passive,
                Quadrant::Passive
            ]
        );
    }

    #[test]
    fn a_cause_that_drives_and_is_driven_is_critical() {
        // B now strongly drives every other cause, and everything drives it back.
        let mut m = enrolment();
        m[4] = 3; // B → A
        m[6] = 3; // B → C
        m[1] = 3; // A → B
        m[9] = 3; // C → B
        m[13] = 3; // D → B
        let a = analyse(4, &m);
        assert_eq!(a.active[1], 9);
        assert_eq!(a.passive[1], 9);
        assert_eq!(a.quadrants[1], Quadrant::Critical);
        assert_eq!(Quadrant::Critical.place(), TreePlace::Root);
    }

    #[test]
    fn the_diagonal_never_counts() {
        let a = analyse(2, &[3, 1, 0, 3]);
        assert_eq!((a.active, a.passive), (vec![1, 0], vec![0, 1]));
    }

    #[test]
    fn an_empty_matrix_leaves_every_cause_indifferent() {
        let a = analyse(3, &[0; 9]);
        assert!(a.quadrants.iter().all(|q| *q == Quadrant::Indifferent));
    }
}
