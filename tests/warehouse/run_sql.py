"""Runs the SQL read from stdin in DuckDB, in the current folder, and prints the result of its
last statement as one JSON object: {"columns": [...], "types": [...], "rows": [[...], ...]}.
Amounts (DECIMAL, DOUBLE) are printed as their shortest exact decimal text, dates and times as
ISO text. Exits 3 when the duckdb package is missing, 1 when the SQL fails.
"""
import decimal
import json
import sys

try:
    import duckdb
except ImportError:
    print("duckdb is not installed", file=sys.stderr)
    sys.exit(3)


def plain(v):
    if isinstance(v, (float, decimal.Decimal)):
        return format(decimal.Decimal(str(v)).normalize(), "f")
    if isinstance(v, list):
        return [plain(x) for x in v]
    if isinstance(v, (int, str, bool, type(None))):
        return v
    return str(v)


con = duckdb.connect()
try:
    cur = con.execute(sys.stdin.read())
except duckdb.Error as e:
    print(f"{type(e).__name__}: {e}", file=sys.stderr)
    sys.exit(1)
cols = [d[0] for d in cur.description]
types = [str(d[1]) for d in cur.description]
print(json.dumps({"columns": cols, "types": types,
                  "rows": [[plain(v) for v in r] for r in cur.fetchall()]}))
