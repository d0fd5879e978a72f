"""Command line: ``python -m engine steps|grads|gradcheck|train|export|check FILE``.

Any bad file or argument exits 2 with a one-line message on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import warnings

from .cli import OneLineParser
from .compile import GRANULARITIES
from .derivation import FORMATS
from .errors import StudioError
from .messages import Message


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m engine",
                           description="Backprop Studio engine: derivations, gradients, training.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    steps = commands.add_parser("steps", help="print every step: phase, symbol, formula, numbers, result")
    steps.add_argument("file")
    steps.add_argument("--granularity", choices=list(GRANULARITIES), default="neuron",
                       help="neuron, operation, or layer (vectors and matrices, every sample at once)")
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

    from .cli_check import add_check_parser

    add_check_parser(commands)
    return parser


def _load(path: str):
    from .document import load

    return load(path)


def _steps(args) -> int:
    from .derivation import derivation_of, render
    from .lesson import lesson_for
    from .notes import texts
    from .stepper import first_non_finite

    doc = _load(args.file)
    lesson = lesson_for(doc)
    if doc.kind == "network":
        if not 1 <= args.sample <= len(lesson.data):
            raise StudioError(Message("at", where="--sample",
                                      problem=Message("expected.one_to", high=len(lesson.data), value=args.sample)))
        lesson.granularity = args.granularity
        lesson.sample = args.sample - 1
        lesson.rebuild(position=0)
    items, given = derivation_of(lesson)
    problem = first_non_finite(items)
    if problem is not None:
        raise problem
    sys.stdout.write(render(items, args.format, doc.title.get("en"), given=given, notes=texts(doc, "en")))
    return 0


def _grads(args) -> int:
    doc = _load(args.file)
    if doc.kind == "expression":
        from .expressions import evaluate

        outputs, gradients = evaluate(doc.expression.source, doc.expression.values)
        if not all(math.isfinite(v) for v in (*outputs.values(), *gradients.values())):
            raise StudioError(_expression_problem(doc.expression))
        print(json.dumps({"outputs": outputs, "gradients": gradients}, allow_nan=False))
        return 0
    from .batched import gradients

    result = gradients(doc.network, doc.data.inputs, doc.data.targets)
    payload = {
        "loss": result.loss, "objective": result.objective, "outputs": result.outputs.tolist(),
        "gradients": [{"weights": w.tolist(), **({"biases": b.tolist()} if doc.network.has_bias(layer) else {})}
                      for layer, (w, b) in enumerate(zip(result.weights, result.biases, strict=True), start=1)],
    }
    try:
        text = json.dumps(payload, allow_nan=False)
    except ValueError:
        raise StudioError(Message("cli.overflow")) from None
    print(text)
    return 0


def _expression_problem(expression) -> Message:
    """Where an expression's values stop being finite, as the window's editor says it."""
    from .expressions import value_problems

    problems = value_problems(expression.source, expression.values)
    if problems:
        symbol, line, reason = problems[0]
        return Message("cli.line_not_finite", line=line, reason=reason, symbol=symbol)
    return Message("cli.result_not_finite")


def _gradcheck(args) -> int:
    from .gradcheck import gradcheck, network_gradcheck

    doc = _load(args.file)
    if doc.kind == "expression":
        from .expressions import compile_expression, evaluate

        evaluate(doc.expression.source, doc.expression.values)  # a value that is not finite: where and why, as grads
        report = gradcheck(compile_expression(doc.expression.source, doc.expression.values))
    else:
        report = network_gradcheck(doc.network, doc.data)
    print(report.summary())
    return 0 if report.passed else 1


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # overflow is reported as a result, not a warning
            return int(args.run(args) or 0)
    except StudioError as exc:
        _say(f"error: {exc}")
    except MemoryError:
        _say("error: not enough memory for this lesson")
    except RecursionError:
        _say("error: the lesson is nested too deeply")
    except BrokenPipeError:
        pass  # the reader of the output went away (| head): nothing more to say
    except OSError as exc:
        _say(f"error: cannot read or write a file: {exc.strerror or 'input/output error'}")
    except (ValueError, ArithmeticError):
        _say("error: the computation failed: a number overflowed or was divided by zero")
    return 2


def _say(line: str) -> None:
    """One line on stderr, whatever it holds and whatever stderr's encoding."""
    line = line.replace("\n", " ")
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    sys.stderr.write(line.encode(encoding, "backslashreplace").decode(encoding) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
