//! One record per indicator when a report prints each indicator twice: once as a row of a RAG
//! list (description, latest and previous RAG, DoT) and once as a detail box (latest value,
//! target, floor, previous value), as the KCC quarterly performance report does.
//!
//! The two halves are matched in page order on their wording: the lists and the boxes are
//! aligned so that matched pairs keep their order and the summed word overlap is largest. A pair
//! is merged only when it is certain: the wording overlaps by [`CERTAIN_OVERLAP`] or more and
//! the ratings both halves print agree. Anything else is left as two records, and validation
//! reports each half left alone (`kpi.unmatched`).

use crate::model::records::KpiRow;

/// Word overlap (shared words over the shorter wording) at which two halves may be paired.
const MIN_OVERLAP: f64 = 0.5;
/// Word overlap at which a pair with agreeing ratings is merged.
const CERTAIN_OVERLAP: f64 = 0.6;

const STOP: [&str; 21] = [
    "of", "the", "to", "a", "an", "in", "and", "by", "or", "with", "which", "were", "who", "for",
    "on", "at", "are", "is", "be", "that", "from",
];

/// A row of a RAG list: a rating and no figures.
pub fn is_list_half(k: &KpiRow) -> bool {
    k.layout.is_none()
        && k.code.is_none()
        && k.rag.is_some()
        && k.trend.is_empty()
        && k.latest.is_none()
        && k.target.is_none()
        && k.floor.is_none()
        && k.detail_location.is_none()
}

/// A detail box: latest value and target, no code, no layout.
pub fn is_detail_half(k: &KpiRow) -> bool {
    k.layout.is_none()
        && k.code.is_none()
        && k.latest.is_some()
        && k.target.is_some()
        && k.floor.is_some()
        && k.detail_location.is_none()
}

/// The content words of a description: lower case, `%` read as "percentage", a plural `s`
/// dropped from longer words.
fn words(s: &str) -> Vec<String> {
    let s = s.to_lowercase().replace('%', " percentage ");
    let mut w: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(|w| if w.chars().count() > 3 { w.trim_end_matches('s').to_string() } else { w.into() })
        .collect();
    w.sort();
    w.dedup();
    w
}

/// Shared words over the shorter wording's words.
pub fn overlap(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    shared as f64 / n as f64
}

/// The order-keeping pairing of `a` with `b` with the largest summed score, over pairs scoring
/// at least [`MIN_OVERLAP`].
fn align(score: &[Vec<f64>]) -> Vec<(usize, usize)> {
    let n = score.len();
    let m = score.first().map_or(0, Vec::len);
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut v = best[i + 1][j].max(best[i][j + 1]);
            if score[i][j] >= MIN_OVERLAP {
                v = v.max(score[i][j] + best[i + 1][j + 1]);
            }
            best[i][j] = v;
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if score[i][j] >= MIN_OVERLAP && best[i][j] == score[i][j] + best[i + 1][j + 1] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if best[i][j] == best[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn agree<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Merges each RAG-list row with the detail box of the same indicator; returns how many merged.
/// The merged record keeps the list row's place, section, ratings and direction, and takes the
/// box's wording (the fuller one), figures and polarity; `detail_location` says where the box is.
pub fn merge_halves(kpis: &mut Vec<KpiRow>) -> usize {
    let list: Vec<usize> = (0..kpis.len()).filter(|&i| is_list_half(&kpis[i])).collect();
    let detail: Vec<usize> = (0..kpis.len()).filter(|&i| is_detail_half(&kpis[i])).collect();
    if list.is_empty() || detail.is_empty() {
        return 0;
    }
    let score: Vec<Vec<f64>> = list
        .iter()
        .map(|&a| {
            detail.iter().map(|&b| overlap(&kpis[a].description, &kpis[b].description)).collect()
        })
        .collect();
    let mut drop = Vec::new();
    for (i, j) in align(&score) {
        let (a, b) = (list[i], detail[j]);
        let certain = score[i][j] >= CERTAIN_OVERLAP
            && agree(&kpis[a].rag, &kpis[b].rag)
            && agree(&kpis[a].prior_rag, &kpis[b].prior_rag);
        if !certain {
            continue;
        }
        let d = kpis[b].clone();
        let k = &mut kpis[a];
        k.summary_description = Some(std::mem::replace(&mut k.description, d.description));
        k.polarity = d.polarity;
        k.polarity_inferred = d.polarity_inferred;
        k.latest = d.latest;
        k.target = d.target;
        k.floor = d.floor;
        k.prior_outturn = d.prior_outturn;
        k.rag = k.rag.or(d.rag);
        k.prior_rag = k.prior_rag.or(d.prior_rag);
        k.data_period = k.data_period.take().or(d.data_period);
        k.detail_location = Some(d.location);
        drop.push(b);
    }
    drop.sort_unstable();
    for b in drop.iter().rev() {
        kpis.remove(*b);
    }
    drop.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::records::Rag;

    #[test]
    fn wording_overlap() {
        let a = "% of phone calls to Contact Point which were answered";
        let b = "Percentage of phone calls to Contact Point which were answered";
        assert!((overlap(a, b) - 1.0).abs() < 1e-9);
        let c = "Number of foster households";
        assert!(overlap(a, c) < MIN_OVERLAP);
    }

    fn half(description: &str, rag: Rag, figures: bool) -> KpiRow {
        let mut k = KpiRow::new("", description, Default::default());
        k.rag = Some(rag);
        if figures {
            let a = |s: &str| Some(grammars::amount::parse(s));
            k.latest = a("71%");
            k.target = a("85%");
            k.floor = a("80%");
        }
        k
    }

    #[test]
    fn halves_merge_only_when_certain() {
        let mut kpis = vec![
            half("% of complaints responded to within timescale", Rag::Red, false),
            half("Number of foster households", Rag::Red, false),
            half("Percentage of complaints responded to within timescale", Rag::Red, true),
            // Same wording, another rating: not the same indicator, or a misprint.
            half("Number of foster households", Rag::Amber, true),
        ];
        assert_eq!(merge_halves(&mut kpis), 1);
        assert_eq!(kpis.len(), 3);
        assert_eq!(kpis[0].description, "Percentage of complaints responded to within timescale");
        assert!(kpis[0].detail_location.is_some() && kpis[0].floor.is_some());
        assert!(is_list_half(&kpis[1]) && is_detail_half(&kpis[2]));
    }

    #[test]
    fn alignment_keeps_order() {
        let s = vec![vec![0.9, 0.1, 0.0], vec![0.2, 0.0, 0.8], vec![0.0, 0.7, 0.0]];
        // Row 2 pairs best with column 1, but that would cross row 1's pair with column 2.
        assert_eq!(align(&s), vec![(0, 0), (1, 2)]);
    }
}
