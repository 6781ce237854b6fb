//! Counts stated in the text against the table they summarise: "17 are rated Green" against the
//! TOTAL row of the RAG summary of the same report, "Adult Social Care – Two KPIs are rated Green"
//! against that section's row.
//!
//! A count is compared only when the document holds both, in the same section of the pack. The
//! counts of one report confirm each other: a count that differs is an `error` when most of the
//! other counts compared with the same table agree with it, and a `warning` otherwise (the text
//! may describe another set of indicators).

use super::rules;
use super::table::{RowKind, kind_of_label, norm_label};
use super::{At, Sink};
use crate::model::records::{Direction, KpiRow, Rag, RagSummary, Records, StatedCount};
use crate::model::{Evidence, Location, Pack, Severity};

/// The section of the pack a place falls in (by line for text, by page for PDF).
fn section_of(pack: &Pack, l: &Location) -> Option<usize> {
    pack.sections.iter().position(|s| {
        let within = |x: Option<u32>, a: Option<u32>, b: Option<u32>| match (x, a) {
            (Some(x), Some(a)) => a <= x && x <= b.unwrap_or(a),
            _ => false,
        };
        within(l.line, s.location.line, s.location.line_end)
            || (l.line.is_none() && within(l.page, s.location.page, s.location.page_end))
    })
}

fn value(s: &RagSummary, counted: &str) -> Option<u32> {
    match counted {
        "green" => s.green,
        "amber" => s.amber,
        "red" => s.red,
        "improving" => s.improving,
        "unchanged" => s.unchanged,
        "worsening" => s.worsening,
        _ => None,
    }
}

fn distance(a: &Location, b: &Location) -> u64 {
    let p =
        |l: &Location| u64::from(l.page.unwrap_or(0)) * 100_000 + u64::from(l.line.unwrap_or(0));
    p(a).abs_diff(p(b))
}

/// The summary row a count speaks of: its scope's row, or the TOTAL row nearest to it, in the
/// same section of the pack.
fn summarised<'a>(c: &StatedCount, records: &'a Records, pack: &Pack) -> Option<&'a RagSummary> {
    let sec = section_of(pack, &c.location);
    let here: Vec<&RagSummary> = records
        .rag_summaries
        .iter()
        .filter(|s| sec.is_none() || section_of(pack, &s.location) == sec)
        .collect();
    match &c.scope {
        // The sentence may carry a heading before the name ("Settled Accommodation Adult Social
        // Care – …"): the section's name ends the scope.
        Some(scope) => {
            let key = format!(" {}", norm_label(scope));
            here.into_iter()
                .filter(|s| {
                    let name = norm_label(&s.section);
                    !name.is_empty() && key.ends_with(&format!(" {name}"))
                })
                .min_by_key(|s| (distance(&s.location, &c.location), usize::MAX - s.section.len()))
        }
        None => here
            .into_iter()
            .filter(|s| kind_of_label(&s.section) == RowKind::Total)
            .min_by_key(|s| distance(&s.location, &c.location)),
    }
}

/// How many KPI records of a section carry the rating or direction `counted`.
fn record_count(kpis: &[&KpiRow], counted: &str) -> Option<u32> {
    let n = |f: &dyn Fn(&KpiRow) -> bool| kpis.iter().filter(|k| f(k)).count() as u32;
    Some(match counted {
        "green" => n(&|k| k.rag == Some(Rag::Green)),
        "amber" => n(&|k| k.rag == Some(Rag::Amber)),
        "red" => n(&|k| k.rag == Some(Rag::Red)),
        "improving" => n(&|k| k.direction == Some(Direction::Improving)),
        "unchanged" => n(&|k| k.direction == Some(Direction::Unchanged)),
        "worsening" => n(&|k| k.direction == Some(Direction::Worsening)),
        _ => return None,
    })
}

/// The whole-report counts of the text against the KPI records of the same section of the pack.
/// The records are the set the text speaks of only when its Green, Amber and Red counts add up
/// to the number of rated records; directions are compared only when some record has one.
fn against_records(pack: &Pack, records: &Records, sink: &mut Sink) {
    let mut seen: Vec<(Option<usize>, &str)> = Vec::new();
    let firsts: Vec<(&StatedCount, Option<usize>)> = records
        .stated_counts
        .iter()
        .filter(|c| c.scope.is_none())
        .filter_map(|c| {
            let sec = section_of(pack, &c.location);
            if seen.contains(&(sec, c.counted.as_str())) {
                return None;
            }
            seen.push((sec, c.counted.as_str()));
            Some((c, sec))
        })
        .collect();
    for &(c, sec) in &firsts {
        let kpis: Vec<&KpiRow> = records
            .kpis
            .iter()
            .filter(|k| k.rag.is_some())
            .filter(|k| sec.is_none() || section_of(pack, &k.location) == sec)
            .collect();
        let stated = |w: &str| {
            firsts.iter().find(|(x, s)| *s == sec && x.counted == w).map(|(x, _)| x.value)
        };
        let rated = match (stated("green"), stated("amber"), stated("red")) {
            (Some(g), Some(a), Some(r)) => g + a + r,
            _ => continue,
        };
        if rated as usize != kpis.len() {
            continue;
        }
        let directional = matches!(c.counted.as_str(), "improving" | "unchanged" | "worsening");
        if directional && !kpis.iter().any(|k| k.direction.is_some()) {
            continue;
        }
        let Some(got) = record_count(&kpis, &c.counted) else { continue };
        if got == c.value {
            continue;
        }
        let evidence = Evidence {
            relation: format!("the text's count of {} = the KPI records rated so", c.counted),
            stated_by: format!("the sentence '{}'", c.text),
            over: "counts".into(),
            tested: 1,
            held: 0,
        };
        sink.push(
            &rules::COUNT_PROSE,
            Severity::Warning,
            At {
                location: c.location.clone(),
                table: None,
                row: None,
                column: Some(c.counted.clone()),
                evidence: Some(evidence),
                row_index: None,
            },
            got.to_string(),
            c.value.to_string(),
            format!(
                "the text states {} {} of {rated} rated indicators but {got} of the {} KPI records are {}",
                c.raw,
                c.counted,
                kpis.len(),
                c.counted
            ),
        );
    }
}

pub fn check(pack: &Pack, records: &Records, sink: &mut Sink) {
    against_records(pack, records, sink);
    let compared: Vec<(&StatedCount, &RagSummary, u32)> = records
        .stated_counts
        .iter()
        .filter_map(|c| {
            let s = summarised(c, records, pack)?;
            Some((c, s, value(s, &c.counted)?))
        })
        .collect();
    for &(c, s, table) in &compared {
        if c.value == table {
            continue;
        }
        // The other counts held against the same summary table.
        let peers: Vec<_> = compared.iter().filter(|x| x.1.table == s.table).collect();
        let held = peers.iter().filter(|x| x.0.value == x.2).count();
        let tested = peers.len();
        let confirmed = held * 2 > tested.saturating_sub(1).max(1) && held >= 2;
        let evidence = Evidence {
            relation: format!(
                "the text's count of {} = the summary's '{}' row",
                c.counted, s.section
            ),
            stated_by: format!("the sentence '{}'", c.text),
            over: "counts".into(),
            tested: tested as u32,
            held: held as u32,
        };
        sink.push(
            &rules::COUNT_PROSE,
            if confirmed { Severity::Error } else { Severity::Warning },
            At {
                location: c.location.clone(),
                table: Some(s.table.clone()),
                row: Some(s.section.clone()),
                column: Some(c.counted.clone()),
                evidence: Some(evidence),
                row_index: records
                    .rag_summaries
                    .iter()
                    .position(|x| std::ptr::eq(x, s))
                    .and_then(|i| u32::try_from(i).ok()),
            },
            table.to_string(),
            c.value.to_string(),
            format!(
                "the text states {} {} but the summary table's '{}' row counts {}{}",
                if c.raw == c.value.to_string() {
                    c.raw.clone()
                } else {
                    format!("{} ({})", c.raw, c.value)
                },
                c.counted,
                s.section,
                table,
                if confirmed {
                    format!("; {held} of {tested} counts in the text agree with that table")
                } else {
                    format!("; not confirmed: only {held} of {tested} counts in the text agree with that table")
                }
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::model::records::{Direction, KpiRow, Rag, Records, StatedCount};
    use crate::model::{Location, Pack};

    fn stated(counted: &str, value: u32) -> StatedCount {
        StatedCount {
            counted: counted.into(),
            value,
            raw: value.to_string(),
            scope: None,
            text: format!("{value} are {counted}"),
            location: Location { page: Some(3), ..Default::default() },
        }
    }

    fn kpi(rag: Rag, dir: Option<Direction>) -> KpiRow {
        let mut k = KpiRow::new("", "", Location { page: Some(4), ..Default::default() });
        k.rag = Some(rag);
        k.direction = dir;
        k
    }

    /// The text's 2 Green / 1 Amber / 1 Red and 2 improving against four records: one Amber
    /// record is Green and one improving record is level, so Green, Amber and improving each
    /// give a warning; Red agrees.
    #[test]
    fn counts_in_the_text_against_the_records() {
        let records = Records {
            stated_counts: vec![
                stated("green", 2),
                stated("amber", 1),
                stated("red", 1),
                stated("improving", 2),
            ],
            kpis: vec![
                kpi(Rag::Green, Some(Direction::Improving)),
                kpi(Rag::Green, Some(Direction::Unchanged)),
                kpi(Rag::Green, None),
                kpi(Rag::Red, None),
            ],
            ..Default::default()
        };
        let found = super::super::validate("d", &Pack::default(), &records);
        let mut named: Vec<(&str, &str, &str)> = found
            .iter()
            .filter(|f| f.rule == "count.prose")
            .map(|f| (f.column.as_deref().unwrap_or(""), f.expected.as_str(), f.actual.as_str()))
            .collect();
        named.sort_unstable();
        assert_eq!(named, [("amber", "0", "1"), ("green", "3", "2"), ("improving", "1", "2")]);
        assert!(
            found
                .iter()
                .filter(|f| f.rule == "count.prose")
                .all(|f| f.severity == crate::model::Severity::Warning)
        );

        // When the text's ratings do not add up to the records, they speak of another set.
        let mut other = records.clone();
        other.kpis.pop();
        let found = super::super::validate("d", &Pack::default(), &other);
        assert!(found.iter().all(|f| f.rule != "count.prose"), "{found:#?}");
    }
}
