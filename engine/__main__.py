"""Command line: ``python -m engine steps|grads|gradcheck|train|export FILE``.

Any bad file or argument exits 2 with a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys

from .cli import OneLineParser
from .derivation import FORMATS
from .errors import StudioError


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m engine",
                           description="Backprop Studio engine: derivations, gradients, training.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    steps = commands.add_parser("steps", help="print every step: phase, symbol, formula, numbers, result")
    steps.add_argument("file")
    steps.add_argument("--granularity", choices=["neuron", "operation"], default="neuron")
    steps.add_argument("--format", choices=FORMATS, default="text")
    steps.add_argument("--sample", type=int, default=1, help="which sample to step through (1-based)")
    steps.set_defaults(run=_steps)

    grads = commands.add_parser("grads", help="print the loss, outputs and gradients as JSON")
    grads.add_argument("file")
    grads.set_defaults(run=_grads)

    check = commands.add_parser("gradcheck", help="compare gradients with central differences")
    check.add_argument("file")
    check.set_defaults(run=_gradcheck)

    from .cli_train import add_train_parser

    add_train_parser(commands)

    from .export import add_export_parser

    add_export_parser(commands)
    return parser


def _load(path: str):
    from .document import load

    return load(path)


def _steps(args) -> int:
    from .derivation import derivation_of, render
    from .lesson import lesson_for
    from .stepper import first_non_finite

    doc = _load(args.file)
    lesson = lesson_for(doc)
    if doc.kind == "network":
        if not 1 <= args.sample <= len(lesson.data):
            raise StudioError(f"--sample: expected 1 to {len(lesson.data)}, got {args.sample}")
        lesson.granularity = args.granularity
        lesson.sample = args.sample - 1
        lesson.rebuild(position=0)
    items, given = derivation_of(lesson)
    problem = first_non_finite(items)
    if problem is not None:
        raise problem
    sys.stdout.write(render(items, args.format, doc.title.get("en"), given=given))
    return 0


def _grads(args) -> int:
    doc = _load(args.file)
    if doc.kind == "expression":
        from .expressions import evaluate

        outputs, gradients = evaluate(doc.expression.source, doc.expression.values)
        print(json.dumps({"outputs": outputs, "gradients": gradients}))
        return 0
    from .batched import gradients

    result = gradients(doc.network, doc.data.inputs, doc.data.targets)
    print(json.dumps({
        "loss": result.loss, "objective": result.objective, "outputs": result.outputs.tolist(),
        "gradients": [{"weights": w.tolist(), "biases": b.tolist()} for w, b in zip(result.weights, result.biases,
                                                                                   strict=True)],
    }))
    return 0


def _gradcheck(args) -> int:
    from .gradcheck import gradcheck, network_gradcheck

    doc = _load(args.file)
    if doc.kind == "expression":
        from .expressions import compile_expression

        report = gradcheck(compile_expression(doc.expression.source, doc.expression.values))
    else:
        report = network_gradcheck(doc.network, doc.data)
    print(report.summary())
    return 0 if report.passed else 1


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except StudioError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except (OSError, ValueError, MemoryError, RecursionError, ArithmeticError) as exc:
        sys.stderr.write(f"error: {type(exc).__name__}: {exc}\n")
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
