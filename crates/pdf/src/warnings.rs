//! Warnings of a document: what the reader had to skip or could not decode, where, why and how
//! often, one line per kind of loss.
//!
//! Each warning is given as a message saying what was lost and why ("a content stream could not
//! be decoded (corrupt deflate stream); what it draws is lost") and a place ("page 3, stream
//! 12 0"). The same message met at several places is one line listing the places (the first
//! [`PLACES_SHOWN`]) and how many there were in all, so a document with a thousand damaged
//! pages gets one line, not a thousand.

/// Places listed in one warning line; the rest are counted.
pub const PLACES_SHOWN: usize = 8;
/// Kinds of warning kept per document; the rest are counted in a last line.
pub const MAX_WARNINGS: usize = 100;

/// One kind of warning: its message, the first places it was met, how many things it stands
/// for, and what the count counts when it is not the places.
#[derive(Debug)]
struct Item {
    message: String,
    places: Vec<String>,
    count: u64,
    unit: Option<&'static str>,
}

/// The warnings of one document, in the order first met.
#[derive(Debug, Default)]
pub struct Warnings {
    items: Vec<Item>,
    index: std::collections::HashMap<String, usize>,
    dropped: u64,
}

impl Warnings {
    /// Records `message` at `place` (empty for the whole document).
    pub fn add(&mut self, place: impl Into<String>, message: impl Into<String>) {
        self.add_unit(place.into(), message.into(), 1, None);
    }

    /// Records `message` at `place`, standing for `count` `unit`s lost there ("text strings").
    pub fn add_n(
        &mut self,
        place: impl Into<String>,
        message: impl Into<String>,
        count: u64,
        unit: &'static str,
    ) {
        self.add_unit(place.into(), message.into(), count, Some(unit));
    }

    fn add_unit(&mut self, place: String, message: String, count: u64, unit: Option<&'static str>) {
        let i = match self.index.get(&message) {
            Some(&i) => i,
            None if self.items.len() >= MAX_WARNINGS => {
                self.dropped += 1;
                return;
            }
            None => {
                self.index.insert(message.clone(), self.items.len());
                self.items.push(Item { message, places: Vec::new(), count: 0, unit });
                self.items.len() - 1
            }
        };
        let item = &mut self.items[i];
        if !place.is_empty() && item.places.len() < PLACES_SHOWN && !item.places.contains(&place) {
            item.places.push(place);
        }
        item.count += count;
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many things were lost, over every kind (each place counts one unless a count was
    /// given).
    pub fn total(&self) -> u64 {
        self.items.iter().map(|i| i.count).sum::<u64>() + self.dropped
    }

    /// One line per kind: `message: place, place, ... (N in all)`.
    pub fn into_lines(self) -> Vec<String> {
        let mut out: Vec<String> = self
            .items
            .into_iter()
            .map(|item| {
                let mut line = item.message;
                if !item.places.is_empty() {
                    line.push_str(": ");
                    line.push_str(&item.places.join(", "));
                }
                match item.unit {
                    Some(unit) => line.push_str(&format!(" ({} {unit} in all)", item.count)),
                    None if item.count > 1 => line.push_str(&format!(" ({} in all)", item.count)),
                    None => {}
                }
                line
            })
            .collect();
        if self.dropped > 0 {
            out.push(format!("{} more warnings of other kinds not listed", self.dropped));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_loss_at_many_places_is_one_line_with_a_count() {
        let mut w = Warnings::default();
        for page in 1..=12 {
            w.add(format!("page {page}"), "a content stream could not be decoded (bad)");
        }
        w.add("page 2", "a font is missing");
        let lost = "text drawn in a font the page does not define is lost";
        w.add_n("page 4 (/F2)", lost, 5, "text strings");
        w.add_n("page 6 (/F2)", lost, 2, "text strings");
        assert_eq!(w.total(), 12 + 1 + 7);
        assert_eq!(
            w.into_lines(),
            vec![
                "a content stream could not be decoded (bad): page 1, page 2, page 3, page 4, \
                 page 5, page 6, page 7, page 8 (12 in all)"
                    .to_string(),
                "a font is missing: page 2".to_string(),
                "text drawn in a font the page does not define is lost: page 4 (/F2), page 6 \
                 (/F2) (7 text strings in all)"
                    .to_string(),
            ]
        );
    }
}
