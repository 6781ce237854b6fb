//! JSON Schema for the per-document JSON and every table, generated from the Rust types; and the
//! Arrow schema of each table, derived from its JSON Schema so the two never disagree.

use serde_json::{Map, Value, json};

use crate::output::Document;

/// JSON Schema of the per-document JSON (`<document-id>.json`).
pub fn document_schema() -> schemars::Schema {
    schemars::schema_for!(Document)
}

/// Every schema: `{"document": ..., "tables": {"documents": ..., ...}}`.
pub fn all_schemas() -> Value {
    let mut tables = Map::new();
    for (name, s) in super::table_schemas() {
        tables.insert(name.to_string(), s.to_value());
    }
    json!({ "document": document_schema().to_value(), "tables": Value::Object(tables) })
}

/// Columns that lead each table (keys first), in this order when present; the rest follow in
/// name order.
const KEY_COLUMNS: &[&str] = &[
    "document_id",
    "table_id",
    "vote_id",
    "item_index",
    "section_index",
    "row_index",
    "column_index",
    "member_index",
    "kpi_index",
    "summary_index",
    "decision_index",
    "attendance_index",
    "finding_index",
];

/// The column names of a table's JSON Schema in column order.
pub fn column_names(schema: &schemars::Schema) -> Vec<String> {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut names: Vec<String> =
        KEY_COLUMNS.iter().filter(|k| props.contains_key(**k)).map(|k| k.to_string()).collect();
    let mut rest: Vec<String> =
        props.keys().filter(|k| !KEY_COLUMNS.contains(&k.as_str())).cloned().collect();
    rest.sort();
    names.extend(rest);
    names
}

/// One column of a table, as `agendapack schema --columns` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// The SQL type DuckDB gives the Parquet column: `VARCHAR`, `BIGINT`, `DATE`, `TIME`,
    /// `DECIMAL(38,6)`, `BOOLEAN`, `DOUBLE`, or a list of one of them (`VARCHAR[]`).
    pub sql_type: String,
    pub nullable: bool,
    pub description: String,
}

/// The SQL type of a JSON Schema property (see [`Column::sql_type`]).
pub fn sql_type(prop: &Value) -> String {
    let types: Vec<&str> = match prop.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => {
            a.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect()
        }
        _ => Vec::new(),
    };
    let format = prop.get("format").and_then(Value::as_str);
    match (types.first().copied(), format) {
        (Some("string"), Some("date")) => "DATE".into(),
        (Some("string"), Some("time")) => "TIME".into(),
        (Some("number"), Some("decimal")) => {
            format!("DECIMAL({},{})", super::types::DECIMAL_PRECISION, super::types::DECIMAL_SCALE)
        }
        (Some("number"), _) => "DOUBLE".into(),
        (Some("integer"), _) => "BIGINT".into(),
        (Some("boolean"), _) => "BOOLEAN".into(),
        (Some("array"), _) => format!("{}[]", sql_type(prop.get("items").unwrap_or(&Value::Null))),
        _ => "VARCHAR".into(),
    }
}

/// Every column of a table's JSON Schema, in column order.
pub fn columns(schema: &schemars::Schema) -> Vec<Column> {
    let props = schema.get("properties").and_then(Value::as_object);
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    column_names(schema)
        .into_iter()
        .filter_map(|name| {
            let prop = props?.get(&name)?;
            let nullable = !required.contains(&name.as_str())
                || prop
                    .get("type")
                    .and_then(Value::as_array)
                    .is_some_and(|a| a.iter().any(|t| t == "null"));
            let description = prop
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            Some(Column { sql_type: sql_type(prop), name, nullable, description })
        })
        .collect()
}

/// A DuckDB script that makes one view per table over the JSON Lines in `dir` (as the user will
/// name it in their queries, e.g. `output/tables`), each column given the type the Parquet file
/// has. DuckDB infers no `DECIMAL` from JSON (a number with a point reads as `DOUBLE`); with
/// these views the JSON Lines read exactly as the Parquet does, amounts as `DECIMAL(38,6)`.
pub fn duckdb_views(dir: &str) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let dir = dir.trim_end_matches('/');
    let mut out = format!(
        "-- agendapack warehouse tables as DuckDB views over the JSON Lines in {dir}, typed as\n\
         -- the Parquet files are (`agendapack schema --columns`). Load with `.read FILE`.\n"
    );
    for (table, s) in super::table_schemas() {
        let cols: Vec<String> = columns(&s)
            .iter()
            .map(|c| format!("{}: {}", quote(&c.name), quote(&c.sql_type)))
            .collect();
        out.push_str(&format!(
            "create or replace view {table} as select * from read_json({}, format = \
             'newline_delimited', columns = {{{}}});\n",
            quote(&format!("{dir}/{table}*.jsonl")),
            cols.join(", ")
        ));
    }
    out
}

/// The Arrow schema of a flat table (scalars and lists of scalars).
#[cfg(feature = "parquet")]
pub fn arrow_schema(schema: &schemars::Schema) -> Result<arrow_schema::Schema, String> {
    use arrow_schema::{Field, Schema};
    let props = schema
        .get("properties")
        .and_then(Value::as_object)
        .ok_or_else(|| "schema has no properties".to_string())?;
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut fields = Vec::new();
    for name in column_names(schema) {
        let prop = props.get(&name).ok_or_else(|| format!("no property {name}"))?;
        let (ty, nullable) = arrow_type(prop).map_err(|e| format!("{name}: {e}"))?;
        fields.push(Field::new(name.as_str(), ty, nullable || !required.contains(&name.as_str())));
    }
    Ok(Schema::new(fields))
}

/// The JSON types a property allows, without `null`, and whether `null` is allowed.
#[cfg(feature = "parquet")]
fn json_types(prop: &Value) -> (Vec<&str>, bool) {
    let types: Vec<&str> = match prop.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let nullable = types.contains(&"null");
    (types.into_iter().filter(|t| *t != "null").collect(), nullable)
}

#[cfg(feature = "parquet")]
fn arrow_type(prop: &Value) -> Result<(arrow_schema::DataType, bool), String> {
    use std::sync::Arc;

    use arrow_schema::{DataType, Field};
    let (types, nullable) = json_types(prop);
    let [ty] = types.as_slice() else {
        return Err(format!("unsupported type {prop}"));
    };
    let format = prop.get("format").and_then(Value::as_str);
    let dt = match (*ty, format) {
        ("string", Some("date")) => DataType::Date32,
        ("string", Some("time")) => DataType::Time64(arrow_schema::TimeUnit::Microsecond),
        ("string", _) => DataType::Utf8,
        ("boolean", _) => DataType::Boolean,
        ("number", Some("decimal")) => DataType::Decimal128(
            crate::output::tables::types::DECIMAL_PRECISION,
            crate::output::tables::types::DECIMAL_SCALE as i8,
        ),
        ("number", _) => DataType::Float64,
        // Every count is a signed 64-bit integer, as DuckDB reads JSON integers (`BIGINT`).
        ("integer", _) => DataType::Int64,
        ("array", _) => {
            let items = prop.get("items").ok_or_else(|| "array without items".to_string())?;
            let (item, item_nullable) = arrow_type(items)?;
            DataType::List(Arc::new(Field::new("item", item, item_nullable)))
        }
        (other, _) => return Err(format!("unsupported type {other}")),
    };
    Ok((dt, nullable))
}

#[cfg(all(test, feature = "parquet"))]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_an_arrow_schema_led_by_its_keys() {
        for (name, s) in crate::output::tables::table_schemas() {
            let a = arrow_schema(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(a.field(0).name(), "document_id", "{name}");
            assert!(a.fields().len() >= 4, "{name}");
        }
        let votes = crate::output::tables::table_schemas()
            .into_iter()
            .find(|(n, _)| *n == "vote_members")
            .map(|(_, s)| column_names(&s));
        assert_eq!(
            votes,
            Some(
                ["document_id", "vote_id", "member_index", "option", "voter_name"]
                    .map(String::from)
                    .to_vec()
            )
        );
    }

    #[test]
    fn lists_of_optional_strings_become_nullable_lists() {
        let s = schemars::schema_for!(crate::output::tables::rows::BudgetRowRow);
        let a = arrow_schema(&s).unwrap_or_else(|e| panic!("{e}"));
        let f = a.field_with_name("raw_values").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            f.data_type(),
            &arrow_schema::DataType::List(std::sync::Arc::new(arrow_schema::Field::new(
                "item",
                arrow_schema::DataType::Utf8,
                true
            )))
        );
        let budget = a.field_with_name("budget").unwrap_or_else(|e| panic!("{e}"));
        assert!(budget.is_nullable());
        let label = a.field_with_name("label").unwrap_or_else(|e| panic!("{e}"));
        assert!(!label.is_nullable());
    }
}
