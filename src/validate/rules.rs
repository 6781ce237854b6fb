//! The rule registry: every check has a stable id, a one-line description and the severity it
//! reports when it fails beyond the tolerance of the printed precision. A difference inside that
//! tolerance is reported under the same id with severity `rounding`.

use crate::model::Severity;

/// One validation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable id, `family.name`.
    pub id: &'static str,
    /// One line saying what is checked.
    pub description: &'static str,
    /// Severity of a failure beyond tolerance.
    pub severity: Severity,
}

macro_rules! rules {
    ($( $name:ident = $id:literal, $sev:ident, $desc:literal; )*) => {
        $( pub const $name: Rule = Rule { id: $id, description: $desc, severity: Severity::$sev }; )*
        /// Every rule, in a stable order.
        pub const ALL: &[Rule] = &[ $( $name ),* ];
    };
}

rules! {
    SUM_COLUMN = "sum.column_total", Error,
        "A total or subtotal row equals the sum of the rows it totals, column by column";
    SUM_ROW = "sum.row_total", Error,
        "A total column equals the sum of the columns it totals, row by row";
    SUM_RANGE_PARTS = "sum.range_parts", Error,
        "A row for an age range equals the sum of the rows for the two sub-ranges that cover it";
    SUM_UNRECONCILED = "sum.unreconciled", Warning,
        "A row labelled as a total matches no sum of the rows above it in any column";
    SUM_UNCHECKED = "sum.unchecked", Warning,
        "A table's remaining column totals were not checked: searching the rows they total would exceed a bound on the work per table";
    DERIVED_VARIANCE = "derived.variance", Error,
        "Variance equals outturn (forecast) less budget";
    DERIVED_MOVEMENT = "derived.movement", Error,
        "Movement equals variance less the variance last reported (or the change between two dated columns)";
    DERIVED_REVISED_VARIANCE = "derived.revised_variance", Error,
        "Revised variance equals variance plus roll-forwards";
    DERIVED_REMAINING = "derived.remaining", Error,
        "Remaining equals budget less spend";
    DERIVED_PERCENTAGE = "derived.percentage", Error,
        "A percentage column equals part over whole";
    DERIVED_STATED_SHARE = "derived.stated_share", Error,
        "A column headed 'N% of <column>' equals N% of that column";
    LIMIT_BREACH = "limit.breach", Error,
        "A position lies within the upper and lower limits stated beside it";
    TIE_CROSS_TABLE = "tie.cross_table", Error,
        "The same row label and column role in two tables of one report agree";
    UNITS_MIXED = "units.mixed", Warning,
        "Values in one column or relation are printed in different units or scales";
    VOTE_COUNT_NAMES = "vote.count_names", Error,
        "The number of names recorded for an option equals the stated count";
    VOTE_OUTCOME = "vote.outcome", Error,
        "The stated outcome agrees with the counts (carried needs more for than against)";
    VOTE_DUPLICATE_MEMBER = "vote.duplicate_member", Error,
        "No member is recorded under two options of one vote";
    VOTE_EXCEEDS_PRESENT = "vote.exceeds_present", Error,
        "The number of votes cast does not exceed the members present";
    VOTE_VOTER_NOT_PRESENT = "vote.voter_not_present", Error,
        "Every member named in a recorded vote is in the PRESENT list of those minutes or is a substitute";
    ATTENDANCE_PRESENT_AND_APOLOGIES = "attendance.present_and_apologies", Error,
        "No member listed as present also sent apologies to the same meeting";
    COUNT_PROSE = "count.prose", Error,
        "A count stated in the text ('17 are rated Green') equals the count in the table it summarises";
    TIE_SAME_QUANTITY = "tie.same_quantity", Error,
        "The same labelled quantity (row label and column header) printed in two tables of one document has one value";
    KPI_UNREADABLE = "kpi.unreadable", Warning,
        "A KPI record holds ratings or arrows among its values (columns misread); its checks are skipped";
    KPI_UNMATCHED = "kpi.unmatched", Warning,
        "A report printing each indicator as a RAG-list row and a detail box pairs every row with its box";
    KPI_RATIO = "kpi.ratio", Error,
        "A KPI value equals numerator over denominator (x100 for percentages, per-N for rates)";
    RAG_RATING = "rag.rating", Error,
        "A RAG rating agrees with value, target, floor and polarity (GREEN meets target, AMBER meets floor only, RED below floor)";
    RAG_DIRECTION = "rag.direction", Error,
        "A direction of travel agrees with the change between the latest two comparable values under the polarity";
    RAG_DIRECTION_MISSING = "rag.direction_missing", Error,
        "A direction of travel is printed blank although both values it compares are printed";
    RAG_SUMMARY_TOTAL = "rag.summary_total", Error,
        "A RAG summary's total row equals the sum of its section rows, and ratings agree with directions in count";
    RAG_SUMMARY_TIE = "rag.summary_tie", Error,
        "Two RAG summaries of the same section in one document give the same counts";
    RAG_SUMMARY_COUNT = "rag.summary_count", Error,
        "A RAG summary's counts equal the number of rated rows it summarises";
}

/// Looks a rule up by id.
pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_namespaced() {
        let mut ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n, "duplicate rule id");
        for r in ALL {
            assert!(r.id.contains('.'), "{} has no family", r.id);
            assert!(!r.description.is_empty());
        }
        assert_eq!(by_id("sum.column_total").map(|r| r.severity), Some(Severity::Error));
        assert!(by_id("no.such_rule").is_none());
    }
}
