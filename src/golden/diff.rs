//! Field-level differences between two JSON values, named by JSON path.

use serde_json::Value;

/// One difference: the JSON path, the expected value and the actual value (`None` = absent).
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// JSONPath-style location, e.g. `$.pack.agenda_items[3].title`.
    pub path: String,
    pub expected: Option<Value>,
    pub actual: Option<Value>,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: expected {}, actual {}",
            self.path,
            show(self.expected.as_ref()),
            show(self.actual.as_ref())
        )
    }
}

/// Longest rendering of one value in a difference line.
const SHOW_MAX: usize = 160;

/// A short, readable rendering of a value: scalars as JSON, containers summarised.
pub fn show(v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "(absent)".to_string();
    };
    let s = match v {
        Value::Array(a) if a.is_empty() => "[]".to_string(),
        Value::Array(a) => {
            let body = serde_json::to_string(v).unwrap_or_default();
            if body.chars().count() <= SHOW_MAX {
                body
            } else {
                format!("[{} items] {}", a.len(), clip(&body))
            }
        }
        Value::Object(_) => serde_json::to_string(v).unwrap_or_default(),
        _ => serde_json::to_string(v).unwrap_or_default(),
    };
    clip(&s)
}

fn clip(s: &str) -> String {
    if s.chars().count() <= SHOW_MAX {
        return s.to_string();
    }
    let head: String = s.chars().take(SHOW_MAX).collect();
    format!("{head}…")
}

/// Every difference between `expected` and `actual`, in document order. Paths listed in
/// `ignore` (exact, e.g. `$.extractor_version`) are skipped with everything below them.
pub fn diff(expected: &Value, actual: &Value, ignore: &[&str]) -> Vec<Difference> {
    let mut out = Vec::new();
    walk("$", expected, actual, ignore, &mut out);
    out
}

fn key_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        format!("{parent}.{key}")
    } else {
        format!("{parent}[{}]", serde_json::to_string(key).unwrap_or_default())
    }
}

fn walk(path: &str, e: &Value, a: &Value, ignore: &[&str], out: &mut Vec<Difference>) {
    if ignore.contains(&path) {
        return;
    }
    match (e, a) {
        (Value::Object(eo), Value::Object(ao)) => {
            for (k, ev) in eo {
                let p = key_path(path, k);
                match ao.get(k) {
                    Some(av) => walk(&p, ev, av, ignore, out),
                    None if ignore.contains(&p.as_str()) => {}
                    None => {
                        out.push(Difference { path: p, expected: Some(ev.clone()), actual: None })
                    }
                }
            }
            for (k, av) in ao {
                if !eo.contains_key(k) {
                    let p = key_path(path, k);
                    if !ignore.contains(&p.as_str()) {
                        out.push(Difference { path: p, expected: None, actual: Some(av.clone()) });
                    }
                }
            }
        }
        (Value::Array(ea), Value::Array(aa)) => {
            if ea.len() != aa.len() {
                out.push(Difference {
                    path: format!("{path}.length"),
                    expected: Some(Value::from(ea.len())),
                    actual: Some(Value::from(aa.len())),
                });
            }
            for (i, (ev, av)) in ea.iter().zip(aa.iter()).enumerate() {
                walk(&format!("{path}[{i}]"), ev, av, ignore, out);
            }
            for (i, ev) in ea.iter().enumerate().skip(aa.len()) {
                out.push(Difference {
                    path: format!("{path}[{i}]"),
                    expected: Some(ev.clone()),
                    actual: None,
                });
            }
            for (i, av) in aa.iter().enumerate().skip(ea.len()) {
                out.push(Difference {
                    path: format!("{path}[{i}]"),
                    expected: None,
                    actual: Some(av.clone()),
                });
            }
        }
        (Value::Number(x), Value::Number(y)) if numbers_equal(x, y) => {}
        _ => {
            if e != a {
                out.push(Difference {
                    path: path.to_string(),
                    expected: Some(e.clone()),
                    actual: Some(a.clone()),
                });
            }
        }
    }
}

/// Numbers are equal when they are the same integer, or the same float to the precision of an
/// `f32` (coordinates are `f32` in the model and do not survive a decimal round trip exactly).
fn numbers_equal(x: &serde_json::Number, y: &serde_json::Number) -> bool {
    if x == y {
        return true;
    }
    match (x.as_f64(), y.as_f64()) {
        (Some(a), Some(b)) => {
            (a as f32) == (b as f32) || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
        }
        _ => false,
    }
}

/// The differences as lines a person can read, at most `limit` of them, with a count of the rest.
pub fn render(diffs: &[Difference], limit: usize) -> String {
    let mut s = String::new();
    for d in diffs.iter().take(limit) {
        s.push_str("  ");
        s.push_str(&d.to_string());
        s.push('\n');
    }
    if diffs.len() > limit {
        s.push_str(&format!("  … and {} more differences\n", diffs.len() - limit));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalar_change_is_named_by_path() {
        let e = json!({"pack": {"meeting": {"date": "2025-06-16"}}});
        let a = json!({"pack": {"meeting": {"date": "2025-06-17"}}});
        let d = diff(&e, &a, &[]);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].to_string(),
            r#"$.pack.meeting.date: expected "2025-06-16", actual "2025-06-17""#
        );
    }

    #[test]
    fn arrays_report_length_then_items() {
        let e = json!({"items": [{"n": "1"}, {"n": "2"}, {"n": "3"}]});
        let a = json!({"items": [{"n": "1"}, {"n": "5"}]});
        let d = diff(&e, &a, &[]);
        let lines: Vec<String> = d.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            lines,
            vec![
                "$.items.length: expected 3, actual 2".to_string(),
                r#"$.items[1].n: expected "2", actual "5""#.to_string(),
                r#"$.items[2]: expected {"n":"3"}, actual (absent)"#.to_string(),
            ]
        );
    }

    #[test]
    fn missing_and_extra_keys_and_ignored_paths() {
        let e = json!({"a": 1, "b": 2, "extractor_version": "0.1.0", "odd key": true});
        let a = json!({"a": 1, "c": 3, "extractor_version": "0.2.0", "odd key": false});
        let d = diff(&e, &a, &["$.extractor_version"]);
        let lines: Vec<String> = d.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            lines,
            vec![
                "$.b: expected 2, actual (absent)".to_string(),
                r#"$["odd key"]: expected true, actual false"#.to_string(),
                "$.c: expected (absent), actual 3".to_string(),
            ]
        );
    }

    #[test]
    fn floats_compare_at_f32_precision() {
        let e: Value = serde_json::from_str(r#"{"top": 479.3240356445313, "n": 3}"#).unwrap();
        let a: Value = serde_json::from_str(r#"{"top": 479.32403564453125, "n": 3}"#).unwrap();
        assert!(diff(&e, &a, &[]).is_empty());
        let a: Value = serde_json::from_str(r#"{"top": 479.5, "n": 4}"#).unwrap();
        assert_eq!(diff(&e, &a, &[]).len(), 2);
    }

    #[test]
    fn equal_values_have_no_difference_and_render_limits() {
        let v = json!({"x": [1, 2, {"y": null}]});
        assert!(diff(&v, &v, &[]).is_empty());
        let e = json!([1, 2, 3, 4]);
        let a = json!([5, 6, 7, 8]);
        let d = diff(&e, &a, &[]);
        let r = render(&d, 2);
        assert!(r.contains("$[0]: expected 1, actual 5"));
        assert!(r.contains("… and 2 more differences"));
    }
}
