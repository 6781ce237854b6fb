//! Stamps a pack's publisher prints on its pages: "Page N", "Agenda Item N" and "This page is
//! intentionally left blank". A stamp is a phrase standing on its own: a line, or a part of a
//! line set off by a wide gap.

use crate::model::layout::{Stamp, StampKind};
use crate::model::{BBox, Location, Page};

/// Runs further apart than this (in font sizes) belong to different phrases.
pub const PHRASE_GAP: f32 = 1.0;
/// Runs further apart than this (in font sizes) are separate words.
const WORD_GAP: f32 = 0.1;

/// The stamps on a page, in reading order.
pub(crate) fn find(page: &Page) -> Vec<Stamp> {
    let mut out = Vec::new();
    for line in &page.lines {
        let mut phrase = String::new();
        let mut bbox: Option<BBox> = None;
        let mut prev: Option<&crate::model::Run> = None;
        let mut flush = |phrase: &mut String, bbox: &mut Option<BBox>| {
            if let Some(f) = grammars::stamps::whole(phrase) {
                out.push(Stamp {
                    kind: stamp_kind(f.kind),
                    text: phrase.clone(),
                    value: f.value,
                    location: Location::page(page.number, *bbox),
                });
            }
            phrase.clear();
            *bbox = None;
        };
        for r in &line.runs {
            if let Some(p) = prev {
                let size = p.size.max(r.size).max(1.0);
                let gap = horizontal_gap(p, r);
                if gap > PHRASE_GAP * size {
                    flush(&mut phrase, &mut bbox);
                } else if gap > WORD_GAP * size {
                    phrase.push(' ');
                }
            }
            phrase.push_str(&r.text);
            let b = BBox::new(r.x0, r.top, r.x1, r.bottom);
            bbox = Some(bbox.map_or(b, |x| x.union(&b)));
            prev = Some(r);
        }
        flush(&mut phrase, &mut bbox);
    }
    out
}

/// The gap between consecutive runs along their line: runs of one line overlap across it, so
/// the larger of the two axis gaps is the one along the line (rotated lines included).
fn horizontal_gap(a: &crate::model::Run, b: &crate::model::Run) -> f32 {
    let dx = (b.x0 - a.x1).max(a.x0 - b.x1);
    let dy = (b.top - a.bottom).max(a.top - b.bottom);
    dx.max(dy)
}

/// The layout's kind of a stamp the stamp grammar recognised.
pub(crate) fn stamp_kind(k: grammars::stamps::StampKind) -> StampKind {
    match k {
        grammars::stamps::StampKind::Page => StampKind::PageNumber,
        grammars::stamps::StampKind::AgendaItem => StampKind::AgendaItem,
        grammars::stamps::StampKind::BlankPage => StampKind::BlankPage,
    }
}
