//! The Agenda of Commitments as its own printed document, to be signed in the
//! room: the workshop and the MDG it prioritized, who commits to what and by when
//! (in due-date order), and a line to sign for each person who commits and for
//! the facilitators.

use crate::actions::commitments::{self, Commitment};
use crate::ids::WorkshopId;
use crate::prioritization::{self, Decision};
use crate::store::Store;
use crate::time::Timestamp;
use crate::workshop::{self, Language, Workshop};
use crate::{Result, locale};

use super::layout::{self, Align, Block, Column, Signature};

fn t(language: Language, key: &str) -> String {
    locale::text(language, &format!("report.commitments.{key}"))
}

fn column(title: String, width: f32) -> Column {
    Column {
        title,
        width,
        align: Align::Left,
    }
}

/// One line for each person, as first written (the same person committing to
/// two things signs once), then one for each facilitator.
pub fn signatures(
    workshop: &Workshop,
    agenda: &[Commitment],
    language: Language,
) -> Vec<Signature> {
    let key = |who: &str, institution: &str| {
        (
            crate::spreadsheet::fold(who),
            crate::spreadsheet::fold(institution),
        )
    };
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for c in agenda {
        let k = key(&c.who, &c.institution);
        if !seen.contains(&k) {
            seen.push(k);
            out.push(Signature {
                name: c.who.clone(),
                detail: c.institution.clone(),
            });
        }
    }
    out.extend(workshop.facilitators.iter().map(|f| Signature {
        name: f.clone(),
        detail: t(language, "facilitator"),
    }));
    out
}

/// The document's blocks; `agenda` in the order it is printed.
pub fn blocks(
    workshop: &Workshop,
    decision: Option<&Decision>,
    agenda: &[Commitment],
    language: Language,
) -> Vec<Block> {
    let r = |key: &str| locale::text(language, &format!("report.{key}"));
    let mut out = vec![
        Block::Title(t(language, "title")),
        Block::Paragraph(workshop.title.clone()),
    ];
    if workshop.is_example {
        out.push(Block::Paragraph(r("example_data")));
    }
    let territories = workshop
        .territories
        .iter()
        .map(|x| {
            format!(
                "{} ({})",
                x.name,
                locale::text(language, &format!("level.{}", x.level))
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    out.push(Block::KeyValues(vec![
        (r("territories"), territories),
        (
            r("dates"),
            format!(
                "{} – {}",
                super::date(language, workshop.start_date),
                super::date(language, workshop.end_date)
            ),
        ),
        (
            t(language, "prioritized"),
            decision.map_or_else(
                || t(language, "no_decision"),
                |d| prioritization::subject_label(language, d.kind, &d.code),
            ),
        ),
    ]));
    out.push(Block::Heading(t(language, "heading")));
    if agenda.is_empty() {
        out.push(Block::Paragraph(t(language, "none")));
    } else {
        out.push(Block::Paragraph(t(language, "intro")));
        out.push(Block::Table {
            columns: vec![
                column(t(language, "number"), 0.5),
                column(t(language, "who"), 2.0),
                column(t(language, "institution"), 2.4),
                column(t(language, "what"), 4.6),
                column(t(language, "due"), 1.4),
                column(t(language, "action"), 3.0),
            ],
            rows: agenda
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    vec![
                        (i + 1).to_string(),
                        c.who.clone(),
                        c.institution.clone(),
                        c.what.clone(),
                        c.due
                            .map_or_else(|| "–".into(), |d| super::date(language, d)),
                        c.action_title.clone().unwrap_or_else(|| "–".into()),
                    ]
                })
                .collect(),
            inks: Vec::new(),
        });
    }
    out.push(Block::KeyValues(vec![(
        t(language, "place_and_date"),
        "_______________________________________".into(),
    )]));
    // Right before the lines, so the heading moves with them to a new page.
    out.push(Block::Heading(t(language, "signatures")));
    out.push(Block::Signatures(signatures(workshop, agenda, language)));
    out
}

/// The Agenda of Commitments of a workshop as PDF bytes, and its page count.
pub fn pdf(
    store: &Store,
    id: WorkshopId,
    language: Language,
    now: Timestamp,
) -> Result<layout::Rendered> {
    let workshop = workshop::get(store, id)?;
    let decision = prioritization::decision(store, id)?;
    let agenda = commitments::of(store, id)?;
    super::render_plain_landscape(
        format!("{} — {}", t(language, "title"), workshop.title),
        &blocks(&workshop, decision.as_ref(), &agenda, language),
        language,
        now.timestamp(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CommitmentId;

    fn commitment(who: &str, institution: &str, what: &str) -> Commitment {
        Commitment {
            id: CommitmentId::named(&[what]),
            who: who.into(),
            institution: institution.into(),
            what: what.into(),
            due: None,
            action: None,
            action_title: None,
        }
    }

    #[test]
    fn each_person_signs_once_and_the_facilitators_sign_last() {
        let mut store = Store::open_in_memory().unwrap();
        let w = crate::demo::create(&mut store, chrono::Utc::now()).unwrap();
        let workshop = workshop::get(&store, w).unwrap();
        let agenda = [
            commitment(
                "Begoña Núñez",
                "Municipalidad de Quirihue",
                "Presentar el plan",
            ),
            commitment("José Muñoz", "SECPLAN", "Convocar la mesa"),
            commitment(
                "begoña  núñez",
                "Municipalidad de Quirihue",
                "Firmar el convenio",
            ),
        ];
        let names: Vec<(String, String)> = signatures(&workshop, &agenda, Language::Es)
            .into_iter()
            .map(|s| (s.name, s.detail))
            .collect();
        let facilitator = t(Language::Es, "facilitator");
        assert_eq!(
            names,
            [
                ("Begoña Núñez".into(), "Municipalidad de Quirihue".into()),
                ("José Muñoz".into(), "SECPLAN".into()),
                ("Marcela Tapia (ILPES)".into(), facilitator.clone()),
                ("Rodrigo Sanhueza".into(), facilitator),
            ]
        );
    }
}
