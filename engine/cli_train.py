"""``python -m engine train FILE --iterations N [options]``: train a lesson from the command line.

Progress goes to stderr (about every 10%), the final loss to stdout, and ``--out`` writes
the history as CSV: ``iteration,loss`` plus ``test_loss`` and ``accuracy`` where defined, then
‖∂J/∂W₁‖ … of each layer (empty at iteration 0, before any step; see engine/health.py).
Rows are written as training reports them, so memory stays flat however long the run.
Exit codes: 0 finished, 1 diverged, 2 a bad file or argument (one line on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import math
import sys
from typing import TextIO

from .cli import OneLineParser
from .config import OPTIMIZERS, TrainingConfig
from .csv_import import WRITE_ENCODING
from .errors import StudioError, ValidationError
from .health import gradient_norm_header
from .init import INITIALISERS, initialised, symmetric_layers
from .messages import Message

# option name → TrainingConfig field
_OVERRIDES = {"iterations": "iterations", "learning_rate": "learning_rate", "optimizer": "optimizer",
              "batch_size": "batch_size", "seed": "seed"}


def add_train_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``train`` sub-command to an argparse sub-parser collection."""
    parser = subparsers.add_parser("train", help="train the lesson's network and print the final loss")
    _add_arguments(parser)
    parser.set_defaults(run=run_train)
    return parser


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a lesson (.json) with a network and data")
    parser.add_argument("--iterations", type=int, help="number of iterations (default: the lesson's)")
    parser.add_argument("--learning-rate", type=float, help="learning rate")
    parser.add_argument("--optimizer", choices=OPTIMIZERS, help="sgd, momentum or adam")
    parser.add_argument("--batch-size", type=int, help="samples per batch; 0 for the full batch")
    parser.add_argument("--seed", type=int, help="seed for shuffling, the test split and --init")
    parser.add_argument("--init", choices=INITIALISERS,
                        help="start from new weights: " + "; ".join(f"{name}: {init.formula}"
                                                                     for name, init in INITIALISERS.items())
                        + " (biases 0)")
    parser.add_argument("--out", metavar="CSV", help="write the loss history to this CSV file")


class StderrProgress:
    """A Reporter that writes a compact line at the start, about every 10% and at the end."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.next_tenth = 0

    def progress(self, iteration: int, total: int) -> None:
        self.total = total

    def loss(self, iteration: int, train_loss: float, test_loss: float | None, accuracy: float | None) -> None:
        total = max(self.total, 1)
        if iteration * 10 < self.next_tenth * total and iteration != self.total:
            return
        self.next_tenth = iteration * 10 // total + 1
        extra = "" if test_loss is None else f"  test loss {test_loss:.6g}"
        extra += "" if accuracy is None else f"  accuracy {accuracy:.3f}"
        self.stream.write(f"iteration {iteration}/{self.total}  loss {train_loss:.6g}{extra}\n")
        self.stream.flush()

    def should_stop(self) -> bool:
        return False


def _config(doc_config: TrainingConfig, args: argparse.Namespace) -> TrainingConfig:
    raw = doc_config.to_dict()
    for option, key in _OVERRIDES.items():
        value = getattr(args, option, None)
        if value is not None:
            raw[key] = value
            if key == "iterations":
                raw["epochs"] = 0  # an explicit iteration count wins over epochs
    try:
        return TrainingConfig.from_dict(raw)
    except ValidationError as exc:
        option = exc.field.removeprefix("training.").replace("_", "-")
        raise ValidationError(f"--{option}", exc.problem) from None


def _refused(err: TextIO, exc: Exception, out: str | None) -> int:
    """One line on stderr for a refused file or setting, or for the history file that cannot be written."""
    if isinstance(exc, StudioError):
        err.write(f"error: {exc}\n")
    else:
        err.write(f"error: cannot write {out}: {exc.strerror or exc}\n")
    return 2


def run_train(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the ``train`` command; returns the exit code and raises nothing for bad input."""
    from .document import load
    from .training import train

    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        doc = load(args.file)
        if doc.network is None:
            raise ValidationError(args.file, Message("cli.expression_not_network"))
        if doc.data is None:
            raise ValidationError(args.file, Message("cli.no_data"))
        config = _config(doc.training, args)
        if getattr(args, "init", None):
            doc.network = initialised(doc.network, args.init, config.seed)
        handle = open(args.out, "w", newline="", encoding=WRITE_ENCODING) if args.out else None  # noqa: SIM115
    except (StudioError, OSError) as exc:
        return _refused(err, exc, args.out)
    try:
        sink = None if handle is None else HistoryWriter(handle)
        result = train(doc.network, doc.data, config, StderrProgress(err), sink=sink)
        if handle is not None:
            handle.close()  # the last rows are written here: a full disk shows now
    except (StudioError, OSError) as exc:
        return _refused(err, exc, args.out)
    finally:
        if handle is not None and not handle.closed:
            with contextlib.suppress(OSError):  # already reported
                handle.close()
    final = result.final or {}
    if result.status == "diverged":
        err.write(f"{result.message}\n")
    out.write(f"final loss: {final.get('loss', float('nan')):.10g}\n")
    if final.get("test_loss") is not None:
        out.write(f"test loss: {final['test_loss']:.10g}\n")
    if final.get("accuracy") is not None:
        out.write(f"accuracy: {final['accuracy']:.4f}\n")
    symmetric = symmetric_layers(doc.network)
    if symmetric:
        out.write("symmetry: the neurons of hidden layer " + ", ".join(map(str, symmetric))
                  + " stayed identical (they started identical, so they always got the same gradient)\n")
    return 1 if result.status == "diverged" else 0


class HistoryWriter:
    """A history sink for ``train``: writes each row to the CSV file as it comes.

    The columns follow the first row: every row of a run has the same ones defined.
    """

    def __init__(self, handle: TextIO) -> None:
        self.writer = csv.writer(handle)
        self.columns: list[str] | None = None

    def __call__(self, row: dict) -> None:
        norms = row.get("gradient_norms") or []
        if self.columns is None:
            self.columns = ["iteration", "loss"] + [name for name in ("test_loss", "accuracy")
                                                    if row.get(name) is not None]
            self.writer.writerow(self.columns + [gradient_norm_header(k) for k in range(1, len(norms) + 1)])
        self.writer.writerow([repr(row[name]) if isinstance(row[name], float) else row[name]
                              for name in self.columns] + [repr(v) if math.isfinite(v) else "" for v in norms])


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry: ``main(["lesson.json", "--iterations", "100"])``."""
    parser = OneLineParser(prog="python -m engine train")
    _add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return run_train(args)
