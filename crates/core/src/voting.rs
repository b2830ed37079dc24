//! Questions put to the room and their tallies. One tally combines every channel a
//! question collected: phones, paper ballots keyed in later, and a show of hands
//! counted by the facilitator — rooms are often mixed.
//!
//! Stage 1 rates the relevance of each goal on a 1–5 scale by hand counts; phone
//! voting (the LAN server) adds ballots to the same questions.

use serde::{Deserialize, Serialize};

use crate::ids::{BallotId, QuestionId, RecordId, WorkshopId};
use crate::store::{self, Store};
use crate::text_enum::text_enum;
use crate::time::Timestamp;
use crate::{Error, Result};

text_enum!(
    Kind {
        Scale => "scale",
        Single => "single",
        Multiple => "multiple",
        Points => "points",
        Dots => "dots",
        Ranking => "ranking",
        Grid => "grid",
    }
);

text_enum!(
    QuestionState { Draft => "draft", Open => "open", Closed => "closed" }
);

text_enum!(
    /// How a ballot reached the tally.
    Channel { Phone => "phone", Paper => "paper", Hands => "hands" }
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
}

impl Scale {
    pub const ONE_TO_FIVE: Scale = Scale { min: 1, max: 5 };

    pub fn check(self, value: i64) -> Result<()> {
        if (self.min..=self.max).contains(&value) {
            Ok(())
        } else {
            Err(Error::RatingOutOfScale {
                value,
                min: self.min,
                max: self.max,
            })
        }
    }

    fn len(self) -> usize {
        (self.max - self.min + 1) as usize
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: QuestionId,
    pub kind: Kind,
    pub subject: String,
    pub prompt: String,
    pub scale: Option<Scale>,
    pub state: QuestionState,
    pub revealed: bool,
}

/// The scale question about `subject`, created on first use. Its id is named by the
/// workshop and subject, so the same question made on two laptops is one question.
pub fn scale_question(
    store: &mut Store,
    workshop: WorkshopId,
    subject: &str,
    scale: Scale,
    now: Timestamp,
) -> Result<Question> {
    let id = QuestionId::named(&[&workshop.to_string(), subject]);
    store.with_tx(|tx, device| {
        store::voting::ensure_scale(tx, device, workshop, id, subject, scale, now)
    })?;
    store::voting::question(store.conn(), id)?.ok_or_else(|| Error::not_found("question"))
}

pub fn question_about(
    store: &Store,
    workshop: WorkshopId,
    subject: &str,
) -> Result<Option<Question>> {
    store::voting::question(
        store.conn(),
        QuestionId::named(&[&workshop.to_string(), subject]),
    )
}

/// Records the hands raised for each value of a scale question, replacing the
/// previous count. Values not listed keep their count.
pub fn set_hand_counts(
    store: &mut Store,
    workshop: WorkshopId,
    question: &Question,
    counts: &[(i64, u32)],
    now: Timestamp,
) -> Result<()> {
    let scale = question.scale.ok_or_else(|| Error::InvalidInput {
        detail: "hand counts per value need a scale question".into(),
    })?;
    for &(value, count) in counts {
        scale.check(value)?;
        if count > 100_000 {
            return Err(Error::InvalidInput {
                detail: format!("{count} hands is not a count"),
            });
        }
    }
    store.with_tx(|tx, device| {
        for &(value, count) in counts {
            let choice = value.to_string();
            let id = RecordId::named(&[&question.id.to_string(), "hands", &choice]);
            store::voting::set_hand_count(
                tx,
                device,
                workshop,
                question.id,
                id,
                &choice,
                count,
                now,
            )?;
        }
        Ok(())
    })
}

/// One person's rating, from a phone (device token) or a paper ballot (its printed
/// id). A second ballot from the same voter replaces the first.
pub fn cast_scale_ballot(
    store: &mut Store,
    workshop: WorkshopId,
    question: &Question,
    channel: Channel,
    voter: &str,
    value: i64,
    now: Timestamp,
) -> Result<()> {
    let scale = question.scale.ok_or_else(|| Error::InvalidInput {
        detail: "not a scale question".into(),
    })?;
    scale.check(value)?;
    if channel == Channel::Hands || voter.trim().is_empty() {
        return Err(Error::InvalidInput {
            detail: "a ballot comes from a phone or a paper ballot with an id".into(),
        });
    }
    let id = BallotId::named(&[&question.id.to_string(), voter]);
    store.with_tx(|tx, device| {
        store::voting::put_ballot(
            tx,
            device,
            workshop,
            question.id,
            id,
            channel,
            voter,
            &value.to_string(),
            now,
        )
    })
}

/// How many ballots each channel brought.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ByChannel {
    pub phone: u32,
    pub paper: u32,
    pub hands: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScaleTally {
    pub scale: Scale,
    /// Ballots per value, `min` first, all channels together.
    pub counts: Vec<u32>,
    /// The hands counted per value, `min` first: what the facilitator typed.
    pub hand_counts: Vec<u32>,
    pub by_channel: ByChannel,
    pub n: u32,
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Population standard deviation: how much the room disagrees.
    pub std_dev: Option<f64>,
}

/// The statistics of a scale question from its counts per value (all channels) and
/// the hands per value among them.
pub fn tally_scale(
    scale: Scale,
    counts: &[u32],
    hand_counts: &[u32],
    by_channel: ByChannel,
) -> ScaleTally {
    let values = || {
        counts
            .iter()
            .enumerate()
            .map(move |(i, &c)| ((scale.min + i as i64) as f64, f64::from(c)))
    };
    let n: u32 = counts.iter().sum();
    let (mean, median, std_dev) = if n == 0 {
        (None, None, None)
    } else {
        let total = f64::from(n);
        let mean = values().map(|(v, c)| v * c).sum::<f64>() / total;
        let var = values().map(|(v, c)| c * (v - mean).powi(2)).sum::<f64>() / total;
        // The median of the sorted ballots: the middle one, or the mean of the two middle ones.
        let nth = |k: u32| -> f64 {
            let mut seen = 0;
            for (i, &c) in counts.iter().enumerate() {
                seen += c;
                if seen > k {
                    return (scale.min + i as i64) as f64;
                }
            }
            scale.max as f64
        };
        let median = if n % 2 == 1 {
            nth(n / 2)
        } else {
            (nth(n / 2 - 1) + nth(n / 2)) / 2.0
        };
        (Some(mean), Some(median), Some(var.sqrt()))
    };
    ScaleTally {
        scale,
        counts: counts.to_vec(),
        hand_counts: hand_counts.to_vec(),
        by_channel,
        n,
        mean,
        median,
        std_dev,
    }
}

/// The tally of a scale question over all its channels.
pub fn scale_tally(store: &Store, question: &Question) -> Result<ScaleTally> {
    let scale = question.scale.unwrap_or(Scale::ONE_TO_FIVE);
    let mut counts = vec![0u32; scale.len()];
    let mut hands = vec![0u32; scale.len()];
    let mut by_channel = ByChannel::default();
    let slot = |v: &str| {
        v.trim()
            .parse::<i64>()
            .ok()
            .filter(|v| scale.check(*v).is_ok())
            .map(|v| (v - scale.min) as usize)
    };
    for (choice, count) in store::voting::hand_counts(store.conn(), question.id)? {
        if let Some(i) = slot(&choice) {
            counts[i] += count;
            hands[i] += count;
            by_channel.hands += count;
        }
    }
    for (channel, answer) in store::voting::ballots(store.conn(), question.id)? {
        if let Some(i) = slot(&answer) {
            counts[i] += 1;
            match channel {
                Channel::Phone => by_channel.phone += 1,
                Channel::Paper => by_channel.paper += 1,
                Channel::Hands => by_channel.hands += 1,
            }
        }
    }
    Ok(tally_scale(scale, &counts, &hands, by_channel))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_tally_gives_mean_median_and_spread() {
        // Ratings 1,2,2,3,5,5: mean 3, median (2+3)/2, spread ≈ 1.528.
        let t = tally_scale(
            Scale::ONE_TO_FIVE,
            &[1, 2, 1, 0, 2],
            &[],
            ByChannel::default(),
        );
        assert_eq!(t.n, 6);
        assert_eq!(t.mean, Some(3.0));
        assert_eq!(t.median, Some(2.5));
        let sd = t.std_dev.unwrap_or_default();
        assert!((sd - (14.0f64 / 6.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn odd_count_median_is_the_middle_ballot() {
        let t = tally_scale(
            Scale::ONE_TO_FIVE,
            &[0, 0, 1, 1, 1],
            &[],
            ByChannel::default(),
        );
        assert_eq!(t.median, Some(4.0));
    }

    #[test]
    fn a_room_that_agrees_has_no_spread() {
        let t = tally_scale(
            Scale::ONE_TO_FIVE,
            &[0, 0, 0, 0, 9],
            &[],
            ByChannel::default(),
        );
        assert_eq!(
            (t.mean, t.median, t.std_dev),
            (Some(5.0), Some(5.0), Some(0.0))
        );
    }

    #[test]
    fn an_empty_question_has_no_statistics() {
        let t = tally_scale(Scale::ONE_TO_FIVE, &[0; 5], &[], ByChannel::default());
        assert_eq!((t.n, t.mean, t.median), (0, None, None));
    }

    #[test]
    fn a_rating_off_the_scale_is_refused() {
        assert_eq!(
            Scale::ONE_TO_FIVE.check(6).map_err(|e| e.code()),
            Err("rating_out_of_scale")
        );
        assert!(Scale::ONE_TO_FIVE.check(1).is_ok());
    }
}
