//! One per-document JSON into warehouse rows: keys, votes per member, budget rows with their
//! role columns as exact decimals, findings, attendance in long form.

use agendapack::output::Document;
use agendapack::output::tables::document_rows;
use agendapack::output::tables::types::Dec;
use serde_json::json;

fn amount(raw: &str, value: Option<&str>, decimals: u32) -> serde_json::Value {
    json!({ "raw": raw, "value": value, "decimals": decimals })
}

fn document() -> Document {
    let loc = json!({ "line": 157 });
    let v = json!({
        "schema_version": "1.0.0",
        "extractor_version": "0.1.0",
        "document": {
            "id": "ab".repeat(32), "file_name": "cabinet.txt", "paths": ["x/cabinet.txt", "y/cabinet.txt"],
            "kind": "text", "bytes": 8231, "pages": 1, "lines": 207,
            "unmapped_glyphs": 0, "total_glyphs": 0, "warnings": []
        },
        "pack": {
            "meeting": { "council": "Wealdmere County Council", "body": "Cabinet", "date": "2025-06-16",
                         "start_time": "10:00", "venue": null, "published": null, "contact": null,
                         "location": { "line": 3 } },
            "membership": [], "agenda_items": [
                { "number": "4", "title": "Revenue Budget Outturn", "pages": [11, 24], "part": "unrestricted",
                  "decision_numbers": ["25/00031"], "report_to_follow": false, "location": { "line": 30 } }
            ],
            "sections": [], "minutes": [], "reports": [], "page_map": []
        },
        "tables": [],
        "records": {
            "budget_tables": [{
                "table": "t150", "caption": "Table 2", "section": null, "unit": "£'000",
                "columns": [
                    { "index": 0, "header": "Directorate", "role": "label", "unit": null, "period": null },
                    { "index": 1, "header": "Cash Limit", "role": "budget", "unit": "£'000", "period": null },
                    { "index": 2, "header": "Outturn", "role": "forecast", "unit": "£'000", "period": null },
                    { "index": 3, "header": "Variance", "role": "variance", "unit": "£'000", "period": null }
                ],
                "rows": [
                    { "index": 0, "label": "Adult Social Care and Health", "level": "line",
                      "values": [null, amount("4,215", Some("4215"), 0), amount("3,980", Some("3980"), 0),
                                 amount("-235", Some("-235"), 0)],
                      "bold": false, "italic": false, "location": { "line": 152 } },
                    { "index": 5, "label": "TOTAL", "level": "total",
                      "values": [null, amount("255,450", Some("255450"), 0), amount("234,371", Some("234371"), 0),
                                 amount("-", None, 0)],
                      "bold": true, "italic": false, "location": loc }
                ],
                "location": { "line": 150, "line_end": 157 }
            }],
            "kpis": [], "rag_summaries": [],
            "votes": [{
                "id": "v1", "minute": "14", "motion_text": "Amendment", "motion_classification": ["amendment"],
                "start_date": "2025-05-15", "organization": "County Council", "meeting_id": "m1",
                "mover": "Mr Garside", "seconder": "Mrs Jessop",
                "counts": [ { "option": "yes", "label": "For", "value": 8 },
                            { "option": "no", "label": "Against", "value": 17 } ],
                "votes": [ { "option": "yes", "voter_name": "Mr A Bellamy" },
                           { "option": "abstain", "voter_name": "Mrs K Lanyon" } ],
                "result_raw": "Amendment lost", "result": "fail", "count_only": false,
                "location": { "line": 73 }
            }],
            "decisions": [],
            "attendance": [{ "meeting_id": "m1", "meeting_date": "2025-05-15", "body": "County Council",
                             "present": ["Mr A Bellamy", "Mrs K Lanyon"], "in_attendance": [],
                             "also_present": ["Mrs P A Rendell"],
                             "apologies": ["Mr Kowalski"], "substitutes": [], "location": { "line": 40 } }],
            "generic_tables": []
        },
        "findings": [{
            "rule": "sum.column_total", "severity": "error", "document": "ab".repeat(32),
            "location": loc, "table": "t150", "row": "TOTAL", "column": "Outturn",
            "expected": "234,731", "actual": "234,371", "message": "rows sum to 234,731"
        }]
    });
    serde_json::from_value(v).unwrap_or_else(|e| panic!("test document does not parse: {e}"))
}

#[test]
fn a_document_becomes_rows_joined_by_stable_keys() {
    let rows = document_rows(&document());
    let id = "ab".repeat(32);

    assert_eq!(rows.documents.len(), 1);
    let d = &rows.documents[0];
    assert_eq!(d.paths, vec!["x/cabinet.txt", "y/cabinet.txt"]);
    assert_eq!(
        (d.kind.as_str(), d.counts.bytes, d.counts.lines, d.votes, d.findings),
        ("text", 8231, 207, 1, 1)
    );

    let meeting = &rows.meetings[0];
    assert_eq!(meeting.date.as_ref().map(|d| d.as_str()), Some("2025-06-16"));
    assert_eq!(meeting.start_time.as_ref().map(|t| t.as_str()), Some("10:00:00"));
    assert_eq!(rows.attendance[0].meeting_date.as_ref().map(|d| d.as_str()), Some("2025-05-15"));
    assert_eq!(rows.meetings[0].line, Some(3));
    let item = &rows.agenda_items[0];
    assert_eq!((item.number.as_str(), item.first_page, item.last_page), ("4", Some(11), Some(24)));
    assert_eq!(item.part, "unrestricted");

    let v = &rows.votes[0];
    assert_eq!(
        (v.vote_id.as_str(), v.yes_count, v.no_count, v.abstain_count),
        ("v1", Some(8), Some(17), None)
    );
    assert_eq!(v.named_members, 2);
    // The vote was taken at the minuted meeting of 15 May, not at the pack's meeting of 16 June:
    // both are rows of `meetings`, and the vote names the minuted one.
    assert_eq!(rows.meetings.len(), 2, "{:#?}", rows.meetings);
    assert_eq!(
        (rows.meetings[0].meeting_id.as_str(), rows.meetings[0].kind.as_str()),
        ("m0", "pack")
    );
    let minuted = &rows.meetings[1];
    assert_eq!(
        (
            minuted.meeting_id.as_str(),
            minuted.kind.as_str(),
            minuted.date.as_ref().map(|d| d.as_str())
        ),
        ("m1", "minutes", Some("2025-05-15"))
    );
    assert_eq!(
        (
            v.meeting_id.as_deref(),
            v.meeting_date.as_ref().map(|d| d.as_str()),
            v.meeting_body.as_deref()
        ),
        (Some("m1"), Some("2025-05-15"), Some("County Council"))
    );
    let members: Vec<(&str, &str, &str)> = rows
        .vote_members
        .iter()
        .map(|m| (m.vote_id.as_str(), m.voter_name.as_str(), m.option.as_str()))
        .collect();
    assert_eq!(members, vec![("v1", "Mr A Bellamy", "yes"), ("v1", "Mrs K Lanyon", "abstain")]);

    let t = &rows.budget_tables[0];
    assert_eq!(t.column_roles, vec!["label", "budget", "forecast", "variance"]);
    assert_eq!((t.line, t.line_end, t.rows), (Some(150), Some(157), 2));
    let total =
        rows.budget_rows.iter().find(|r| r.label == "TOTAL").unwrap_or_else(|| panic!("no TOTAL"));
    assert_eq!(total.row_index, 5);
    assert_eq!(total.level, "total");
    let text = |d: &Option<Dec>| d.as_ref().map(Dec::json_text);
    assert_eq!(text(&total.budget).as_deref(), Some("255450.0"));
    assert_eq!(text(&total.forecast).as_deref(), Some("234371.0"));
    assert_eq!(total.variance, None, "a nil mark has no value");
    assert_eq!(
        total.raw_values,
        vec![None, Some("255,450".into()), Some("234,371".into()), Some("-".into())]
    );
    let asch = &rows.budget_rows[0];
    assert_eq!(text(&asch.variance).as_deref(), Some("-235.0"));

    // The long form: one row per printed value cell, the printed text beside the amount.
    type Cell<'a> = (u32, u32, &'a str, &'a str, Option<String>, &'a str);
    let cells: Vec<Cell> = rows
        .budget_cells
        .iter()
        .map(|c| {
            let v = text(&c.value);
            (
                c.row_index,
                c.column_index,
                c.column_header.as_str(),
                c.role.as_str(),
                v,
                c.printed.as_str(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        vec![
            (0, 1, "Cash Limit", "budget", Some("4215.0".into()), "4,215"),
            (0, 2, "Outturn", "forecast", Some("3980.0".into()), "3,980"),
            (0, 3, "Variance", "variance", Some("-235.0".into()), "-235"),
            (5, 1, "Cash Limit", "budget", Some("255450.0".into()), "255,450"),
            (5, 2, "Outturn", "forecast", Some("234371.0".into()), "234,371"),
            (5, 3, "Variance", "variance", None, "-"),
        ]
    );
    let cell = &rows.budget_cells[3];
    assert_eq!((cell.row_label.as_str(), cell.row_level.as_str()), ("TOTAL", "total"));
    assert_eq!((cell.unit.as_deref(), cell.line), (Some("£'000"), Some(157)));
    // In JSON Lines the amount is a number with its exact digits.
    let json = serde_json::to_value(cell).unwrap_or_default();
    assert_eq!(json["value"], json!(255450.0));
    assert_eq!(json["printed"], "255,450");

    // The finding joins to its budget row by (document_id, table_id, row = label).
    let f = &rows.findings[0];
    assert_eq!(
        (f.document_id.as_str(), f.table_id.as_deref(), f.row.as_deref()),
        (id.as_str(), Some("t150"), Some("TOTAL"))
    );
    assert_eq!(f.table_id.as_deref(), Some(total.table_id.as_str()));
    assert_eq!((f.severity.as_str(), f.expected.as_str(), f.line), ("error", "234,731", Some(157)));

    let att: Vec<(&str, u32, &str)> = rows
        .attendance
        .iter()
        .map(|a| (a.role.as_str(), a.member_index, a.name.as_str()))
        .collect();
    assert_eq!(
        att,
        vec![
            ("present", 0, "Mr A Bellamy"),
            ("present", 1, "Mrs K Lanyon"),
            // Members attending who are not on the body: a list of their own.
            ("also_present", 0, "Mrs P A Rendell"),
            ("apologies", 0, "Mr Kowalski")
        ]
    );
    assert!(rows.errors.is_empty());
}

/// KPI records as extraction gives them (values typed from the documents: SCS03 of the 2024-25
/// district scorecard, EY14 of the 2016-17 annual scorecard, and the Contact Point indicator of
/// the Q3 QPR, its RAG-list row on page 4 merged with its detail box on page 9).
fn kpi_document() -> Document {
    let mut v = serde_json::to_value(document()).unwrap_or_default();
    let a = |raw: &str, value: &str, decimals: u32| amount(raw, Some(value), decimals);
    let kpi = |code: Option<&str>, description: &str, line: serde_json::Value| {
        json!({
            "table": "t1", "code": code, "description": description, "district": null,
            "polarity": "high", "data_period": null, "layout": null, "trend": [], "latest": null,
            "numerator": null, "denominator": null, "direction": null, "direction_raw": null,
            "target": null, "floor": null, "rag": null, "rag_raw": null, "prior_outturn": null,
            "prior_target": null, "prior_rag": null, "benchmarks": [], "location": line
        })
    };
    let mut scs03 = kpi(
        Some("SCS03"),
        "Percentage re-referrals to Children's Social Work Services within 12 months of a previous referral (R12M)",
        json!({ "line": 1206 }),
    );
    scs03["district"] = json!("Ashford");
    scs03["team"] = json!("Ashford CSWT");
    scs03["target_period"] = json!("2024-25");
    scs03["benchmarks"] = json!([
        { "period": "Benchmark Group 2023-24", "value": a("19.2", "19.2", 1) },
        { "period": "England 2023-24", "value": a("22.4", "22.4", 1) }
    ]);
    scs03["qpr"] = json!(true);
    let mut ey14 = kpi(
        Some("EY14"),
        "Percentage of pupils at EYFS achieving a Good Level of Development",
        json!({ "line": 9384 }),
    );
    ey14["target"] = a("77", "77", 0);
    ey14["next_target"] = a("81", "81", 0);
    ey14["target_period"] = json!("2015-16");
    let mut contact = kpi(
        None,
        "Percentage of callers to Contact Point who rated the advisor who dealt with their call as good",
        json!({ "page": 4 }),
    );
    contact["summary_description"] = json!(
        "% of callers to Contact Point who rated the advisor who dealt with their call as good"
    );
    contact["detail_location"] = json!({ "page": 9 });
    contact["section"] = json!("Customer Services KPIs");
    contact["polarity_inferred"] = json!(true);
    contact["floor"] = amount("90%", Some("90"), 0);
    v["records"]["kpis"] = json!([scs03, ey14, contact]);
    serde_json::from_value(v).unwrap_or_else(|e| panic!("test document does not parse: {e}"))
}

/// Every field of a KPI record reaches the `kpis` table, the ones it once dropped included.
#[test]
fn kpi_rows_carry_every_field_of_the_record() {
    let rows = document_rows(&kpi_document());
    let text = |d: &Option<Dec>| d.as_ref().map(Dec::json_text);
    let [scs03, ey14, contact] = rows.kpis.as_slice() else {
        panic!("three KPI rows expected: {:#?}", rows.kpis)
    };
    assert_eq!(
        (scs03.kpi_index, scs03.team.as_deref(), scs03.qpr, scs03.target_period.as_deref()),
        (0, Some("Ashford CSWT"), true, Some("2024-25"))
    );
    assert_eq!(scs03.benchmark_periods, vec!["Benchmark Group 2023-24", "England 2023-24"]);
    let bench: Vec<Option<String>> = scs03.benchmark_values.iter().map(text).collect();
    assert_eq!(bench, vec![Some("19.2".to_string()), Some("22.4".to_string())]);

    assert_eq!(text(&ey14.target).as_deref(), Some("77.0"));
    assert_eq!(text(&ey14.next_target).as_deref(), Some("81.0"));
    assert_eq!((ey14.team.as_deref(), ey14.qpr), (None, false));

    assert_eq!(
        contact.summary_description.as_deref(),
        Some(
            "% of callers to Contact Point who rated the advisor who dealt with their call as good"
        )
    );
    assert_eq!((contact.page, contact.detail_page), (Some(4), Some(9)));
    assert_eq!(contact.section.as_deref(), Some("Customer Services KPIs"));
    assert_eq!((contact.polarity.as_deref(), contact.polarity_inferred), (Some("high"), true));
    assert_eq!(text(&contact.floor).as_deref(), Some("90.0"));
}
