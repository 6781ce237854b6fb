//! A run summary: findings counted by rule and severity, over any number of documents.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::model::{Finding, Severity};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    pub documents: u64,
    /// rule id → severity → count.
    pub by_rule: BTreeMap<String, BTreeMap<Severity, u64>>,
    /// severity → count over all rules.
    pub by_severity: BTreeMap<Severity, u64>,
}

impl Summary {
    /// Adds one document's findings.
    pub fn add_document(&mut self, findings: &[Finding]) {
        self.documents += 1;
        for f in findings {
            *self.by_rule.entry(f.rule.clone()).or_default().entry(f.severity).or_default() += 1;
            *self.by_severity.entry(f.severity).or_default() += 1;
        }
    }

    pub fn count(&self, severity: Severity) -> u64 {
        self.by_severity.get(&severity).copied().unwrap_or(0)
    }

    pub fn count_rule(&self, rule: &str, severity: Severity) -> u64 {
        self.by_rule.get(rule).and_then(|m| m.get(&severity)).copied().unwrap_or(0)
    }

    /// A plain-text table: one line per rule, one column per severity.
    pub fn render(&self) -> String {
        const SEVS: [Severity; 4] =
            [Severity::Error, Severity::Warning, Severity::Rounding, Severity::Info];
        let width = self.by_rule.keys().map(String::len).max().unwrap_or(4).max(5);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:width$}  {:>7} {:>7} {:>8} {:>6}",
            "rule", "error", "warning", "rounding", "info"
        );
        for (rule, m) in &self.by_rule {
            let c = |s: Severity| m.get(&s).copied().unwrap_or(0);
            let _ = writeln!(
                out,
                "{rule:width$}  {:>7} {:>7} {:>8} {:>6}",
                c(SEVS[0]),
                c(SEVS[1]),
                c(SEVS[2]),
                c(SEVS[3])
            );
        }
        let _ = writeln!(
            out,
            "{:width$}  {:>7} {:>7} {:>8} {:>6}",
            "total",
            self.count(SEVS[0]),
            self.count(SEVS[1]),
            self.count(SEVS[2]),
            self.count(SEVS[3])
        );
        let _ = writeln!(out, "{} documents", self.documents);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Location;

    fn f(rule: &str, severity: Severity) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            document: "d".into(),
            location: Location::lines(1, 1),
            table: None,
            row: None,
            column: None,
            expected: String::new(),
            actual: String::new(),
            message: String::new(),
            evidence: None,
            record: None,
            row_index: None,
        }
    }

    #[test]
    fn counts_by_rule_and_severity() {
        let mut s = Summary::default();
        s.add_document(&[
            f("sum.column_total", Severity::Error),
            f("sum.column_total", Severity::Rounding),
            f("rag.rating", Severity::Error),
        ]);
        s.add_document(&[f("sum.column_total", Severity::Error)]);
        assert_eq!(s.documents, 2);
        assert_eq!(s.count(Severity::Error), 3);
        assert_eq!(s.count_rule("sum.column_total", Severity::Error), 2);
        assert_eq!(s.count_rule("sum.column_total", Severity::Rounding), 1);
        let text = s.render();
        assert!(text.contains("rag.rating"), "{text}");
        assert!(text.lines().any(|l| l.starts_with("total") && l.contains('3')), "{text}");
    }
}
