"""``python -m engine check LESSON.json [VALUES.csv]``: check a hand calculation, entry by entry."""

from __future__ import annotations

import json
import sys


def add_check_parser(commands) -> None:
    from .compile import GRANULARITIES

    check = commands.add_parser("check", help="check a hand calculation (default: the lesson's own)")
    check.add_argument("file")
    check.add_argument("values", nargs="?", help="a two-column CSV file: symbol, value")
    check.add_argument("--granularity", choices=list(GRANULARITIES), default=None,
                       help="the steps the symbols name (default: the calculation's own, else neuron)")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.set_defaults(run=_check)


def _check(args) -> int:
    from .document import load
    from .hand_table import check_document, read_table

    doc = load(args.file)
    rows = read_table(args.values) if args.values else None
    report = check_document(doc, rows, args.granularity)
    if args.format == "json":
        sys.stdout.write(json.dumps(_as_json(report), ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write("".join(f"{line}\n" for line in report.messages()))
    return 0 if report.all_correct else 1


def _as_json(report) -> dict:
    entries = []
    for e in report.entries:
        item: dict = {"symbol": e.symbol, "typed": e.text, "status": e.status, "transposed": e.transposed}
        if e.problem is not None:
            item["problem"] = str(e.problem)
        item["cells"] = [{"symbol": c.symbol, "typed": c.typed.text, "status": c.status, "true": c.true,
                          "own": c.own, "roots": c.roots, "notes": c.notes, "message": str(c.message),
                          "code": c.message.code} for c in e.cells]
        entries.append(item)
    return {"entries": entries, "slips": report.slips,
            "summary": None if report.summary is None else str(report.summary)}
