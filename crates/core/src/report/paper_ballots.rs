//! Paper ballots for participants without a phone (or without battery): one per
//! short id, several to a page, to be cut apart and keyed in afterwards by id.

use crate::voting::{Kind, Question};
use crate::workshop::Language;
use crate::{Result, locale};

use super::layout::{self, Block};

/// How to fill in the ballot, for the kind of question.
fn instruction(q: &Question, language: Language) -> String {
    let budget = |default: u32| q.budget.unwrap_or(default).to_string();
    match q.kind {
        Kind::Scale => {
            let s = q.scale.unwrap_or(crate::voting::Scale::ONE_TO_FIVE);
            locale::format(
                language,
                "ballot.scale",
                &[("min", &s.min.to_string()), ("max", &s.max.to_string())],
            )
        }
        Kind::Single => locale::text(language, "ballot.single"),
        Kind::Multiple => locale::text(language, "ballot.multiple"),
        Kind::Points => locale::format(language, "ballot.points", &[("budget", &budget(100))]),
        Kind::Dots => locale::format(language, "ballot.dots", &[("budget", &budget(3))]),
        Kind::Ranking => locale::text(language, "ballot.ranking"),
        Kind::Grid => locale::text(language, "ballot.grid"),
        Kind::Scores => locale::text(language, "ballot.scores"),
        Kind::Ideas => locale::text(language, "ballot.ideas"),
    }
}

fn choices(q: &Question) -> String {
    match q.kind {
        Kind::Scale => {
            let s = q.scale.unwrap_or(crate::voting::Scale::ONE_TO_FIVE);
            (s.min..=s.max)
                .map(|v| format!("☐ {v}"))
                .collect::<Vec<_>>()
                .join("     ")
        }
        Kind::Points | Kind::Dots | Kind::Ranking => q
            .options
            .iter()
            .map(|o| format!("____  {}", o.label))
            .collect::<Vec<_>>()
            .join("\n"),
        Kind::Grid => q
            .options
            .iter()
            .map(|o| format!("{}:  ☐ ☐ ☐  /  ☐ ☐ ☐", o.label))
            .collect::<Vec<_>>()
            .join("\n"),
        Kind::Scores => q
            .options
            .iter()
            .map(|o| {
                let rows: Vec<String> = q
                    .criteria
                    .iter()
                    .map(|c| format!("    {}:  ☐1 ☐2 ☐3 ☐4 ☐5", c.label))
                    .collect();
                format!("{}\n{}", o.label, rows.join("\n"))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Kind::Ideas => (1..=3)
            .map(|i| format!("{i}. ______________________________________________"))
            .collect::<Vec<_>>()
            .join("\n\n"),
        Kind::Single | Kind::Multiple => q
            .options
            .iter()
            .map(|o| format!("☐ {}", o.label))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

pub fn blocks(q: &Question, slips: &[String], language: Language) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, slip) in slips.iter().enumerate() {
        // Three to a page: each one whole, with room to write.
        if i > 0 && i % 3 == 0 {
            out.push(Block::PageBreak);
        }
        out.push(Block::Heading(q.prompt.clone()));
        out.push(Block::Paragraph(instruction(q, language)));
        out.push(Block::Paragraph(choices(q)));
        out.push(Block::KeyValues(vec![(
            locale::text(language, "ballot.id"),
            slip.clone(),
        )]));
        out.push(Block::Paragraph(
            "✂ - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -".into(),
        ));
    }
    out
}

pub fn pdf(
    q: &Question,
    slips: &[String],
    language: Language,
    now_unix: i64,
) -> Result<layout::Rendered> {
    super::render_plain(
        q.prompt.clone(),
        &blocks(q, slips, language),
        language,
        now_unix,
    )
}
