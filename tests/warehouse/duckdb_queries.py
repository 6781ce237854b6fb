"""Loads the warehouse tables of one run into DuckDB, from JSON Lines and from Parquet, runs the
joins a warehouse user would, and prints the results as one JSON object on stdout.

Usage: python3 duckdb_queries.py TABLES_DIR (jsonl|parquet) SCHEMA_DIR
SCHEMA_DIR is the output of `agendapack schema -o`; JSON Lines columns are typed from it.
Exits 3 when the duckdb package is missing.
"""
import decimal
import json
import sys

try:
    import duckdb
except ImportError:
    print("duckdb is not installed", file=sys.stderr)
    sys.exit(3)

tables, fmt, schema_dir = sys.argv[1], sys.argv[2], sys.argv[3]


def duck_type(prop):
    types = prop.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    types = [t for t in types if t != "null"]
    t = types[0] if types else "string"
    if t == "array":
        return duck_type(prop.get("items", {})) + "[]"
    fmt = prop.get("format")
    if (t, fmt) == ("string", "date"):
        return "DATE"
    if (t, fmt) == ("string", "time"):
        return "TIME"
    if (t, fmt) == ("number", "decimal"):
        return f"DECIMAL({prop.get('x-precision', 38)}, {prop.get('x-scale', 6)})"
    return {"string": "VARCHAR", "integer": "BIGINT", "boolean": "BOOLEAN",
            "number": "DOUBLE"}.get(t, "VARCHAR")


def columns(name):
    with open(f"{schema_dir}/tables/{name}.schema.json") as f:
        props = json.load(f)["properties"]
    return "{" + ", ".join(f"'{k}': '{duck_type(v)}'" for k, v in props.items()) + "}"


con = duckdb.connect()
names = ["documents", "meetings", "agenda_items", "sections", "votes", "vote_members",
         "budget_tables", "budget_rows", "budget_cells", "kpis", "rag_summaries", "decisions", "attendance",
         "cells", "findings", "errors"]
for name in names:
    if fmt == "parquet":
        src = f"read_parquet('{tables}/{name}.*parquet')"
    else:
        src = (f"read_json('{tables}/{name}.*jsonl', format='newline_delimited', "
               f"columns={columns(name)})")
    con.execute(f"create view {name} as select * from {src}")


def plain(v):
    """A value both formats print alike: amounts as their shortest exact decimal text."""
    if isinstance(v, (float, decimal.Decimal)):
        return format(decimal.Decimal(str(v)).normalize(), "f")
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (int, str, bool, type(None))):
        return v
    return str(v)


def rows(sql):
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, [plain(v) for v in r])) for r in cur.fetchall()]


out = {
    "documents": rows("""
        select d.file_name, d.kind, d.bytes, d.lines, d.paths, m.date as meeting_date, m.body,
               (select count(*) from agenda_items a where a.document_id = d.document_id) as items
        from documents d
        left join meetings m on m.document_id = d.document_id and m.kind = 'pack'
        order by d.file_name"""),
    "agenda_items": rows("""
        select d.file_name, m.date as meeting_date, a.number, a.title, a.first_page, a.last_page
        from agenda_items a join documents d using (document_id)
        left join meetings m on m.document_id = a.document_id and m.kind = 'pack'
        order by d.file_name, a.item_index"""),
    "counts": {n: rows(f"select count(*) as n from {n}")[0]["n"] for n in names},
}
# How each member voted across all votes.
out["member_votes"] = rows("""
        select m.voter_name, d.file_name, v.minute, v.motion_kind, v.vote_id, m.option
        from vote_members m
        join votes v using (document_id, vote_id)
        join documents d using (document_id)
        order by m.voter_name, d.file_name, v.vote_id, m.member_index""")
out["vote_tallies"] = rows("""
        select d.file_name, v.vote_id, v.minute, v.motion_kind, v.yes_count, v.no_count,
               v.abstain_count,
               count(*) filter (where m.option = 'yes') as yes_named,
               count(*) filter (where m.option = 'no') as no_named,
               count(*) filter (where m.option = 'abstain') as abstain_named
        from votes v join documents d using (document_id)
        left join vote_members m using (document_id, vote_id)
        group by all order by d.file_name, v.vote_id""")
# Budget rows with the findings about them.
out["budget_findings"] = rows("""
        select d.file_name, b.table_id, b.label, b.level, b.budget, b.forecast, b.variance,
               f.rule, f.severity, f.expected, f.actual
        from budget_rows b
        join documents d using (document_id)
        join findings f on f.document_id = b.document_id and f.table_id = b.table_id
                       and f.row = b.label
        order by d.file_name, b.table_id, b.row_index, f.finding_index""")
# Each vote joined to the meeting it was taken at (the minuted meeting, not the pack's).
out["vote_meetings"] = rows("""
        select d.file_name, v.vote_id, v.meeting_date, v.meeting_body, m.kind, m.date, m.body,
               p.date as pack_date
        from votes v
        join meetings m using (document_id, meeting_id)
        join documents d using (document_id)
        left join meetings p on p.document_id = v.document_id and p.kind = 'pack'
        order by d.file_name, v.vote_id""")
# Every finding that names a record joins exactly one row of that table.
out["finding_joins"] = rows("""
        select f.record, count(*) as findings,
               count(*) filter (where
                 (f.record = 'budget_rows' and exists (select 1 from budget_rows b
                    where b.document_id = f.document_id and b.table_id = f.table_id
                      and b.row_index = f.row_index))
                 or (f.record = 'budget_tables' and exists (select 1 from budget_tables t
                    where t.document_id = f.document_id and t.table_id = f.table_id))
                 or (f.record = 'cells' and exists (select 1 from cells c
                    where c.document_id = f.document_id and c.table_id = f.table_id
                      and (f.row_index is null or c.row = f.row_index)))
                 or (f.record = 'kpis' and exists (select 1 from kpis k
                    where k.document_id = f.document_id and k.kpi_index = f.row_index))
                 or (f.record = 'rag_summaries' and exists (select 1 from rag_summaries s
                    where s.document_id = f.document_id and s.summary_index = f.row_index))
                 or (f.record = 'votes' and exists (select 1 from votes v
                    where v.document_id = f.document_id and v.vote_id = f.table_id))
                 or (f.record = 'attendance' and exists (select 1 from attendance a
                    where a.document_id = f.document_id and a.attendance_index = f.row_index))
               ) as joined
        from findings f group by f.record order by f.record""")
print(json.dumps(out, default=str))
