"""Training on a worker thread: the engine's training loop behind Qt signals.

The worker owns *copies* of the network and the data; the GUI thread never shares numbers
with it. It reports through a ``QtReporter`` (the engine's reporter protocol) whose calls
are collected and emitted in batches, so the event loop sees a few signals per second
instead of one per iteration:

* ``progressed(iteration, total)`` at most every 50 ms (and at the end);
* ``losses_reported(rows)`` with ``rows`` a list of (iteration, loss, test_loss, accuracy,
  ‖∂J/∂W₁‖, …, ‖∂J/∂W_L‖) (the gradient norms of engine.training's history), flushed every
  50 ms, so every reported iteration arrives exactly once. With ``offset`` > 0
  the run continues an earlier one: its rows count from ``offset`` and its iteration 0 (the
  earlier run's last point) is left out;
* ``parameters_reported(iteration, weights, biases)`` at most four times a second (a paced
  run: after each iteration, up to PACED_SNAPSHOT_HZ), always copies made with
  ``Trainer.parameters()``;
* ``run_finished(result)`` once, with a ``RunResult``.

The loop is ``engine.training.run_loop``, the same one ``train()`` runs (record at
iteration 0, every ``eval_every`` iterations and at the last; on divergence fall back to
the last good parameters); its ``after_step`` hook sends the snapshots for the live
diagram. A test checks that both end on the same weights.

Pause and resume: ``should_stop`` blocks on a ``threading.Condition`` while paused, after
sending the progress and the parameters of the very iteration it is held at. While paused,
``step_once()`` lets exactly one iteration through. ``request_stop()`` wakes a paused
worker; the run ends as "stopped" and keeps the parameters reached so far.

Speed: ``set_speed(per_second)`` paces the loop at that many iterations a second (0: as fast
as possible), on the worker thread: ``should_stop`` waits on the same condition until the next
iteration is due, so Stop, Pause and a new speed wake it at once. A paced run sends a snapshot
after every iteration it shows (at most PACED_SNAPSHOT_HZ a second), and reports the loss of
every iteration (evaluated here when the loop would not), so a class sees each step, also after
slowing down a run that began fast. The run's history and result are the loop's, as ever.

Lifetime: ``TrainingRun`` pairs a worker with its QThread; ``shutdown()`` stops the loop,
then ``quit()`` and ``wait()`` on the thread, so no thread outlives its owner.

CSV import runs the same way: ``CsvImport`` pairs a ``CsvImportWorker`` (the reporter of
``engine.csv_import.load_csv``: progress every 4,096 rows, a stop request cancels) with its
thread, so a 100,000-row file never freezes the window.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from engine.config import TrainingConfig
from engine.csv_import import CsvDataset, ImportCancelled, load_csv
from engine.document import Data
from engine.errors import StudioError
from engine.network import Network
from engine.train_report import send
from engine.training import Trainer, run_loop

FLUSH_SECONDS = 0.05  # losses and progress: about 20 batches a second
SNAPSHOT_SECONDS = 0.25  # parameters for the live diagram: at most 4 Hz
PACED_SNAPSHOT_HZ = 25  # a paced run: a snapshot per iteration, up to this many a second


@dataclass
class RunResult:
    status: str  # "finished", "stopped", "diverged" or "failed"
    iterations: int
    total: int
    message: str
    weights: list[np.ndarray] = field(default_factory=list)
    biases: list[np.ndarray] = field(default_factory=list)
    final: dict | None = None  # the last evaluation row


class QtReporter:
    """The engine's reporter protocol, buffered and handed to the worker's signals."""

    def __init__(self, worker: TrainingWorker, offset: int = 0) -> None:
        self.worker = worker
        self.rows: list[tuple[float, float, float, float]] = []
        self.iteration, self.total = 0, 0
        self.evaluated = -1  # the last iteration whose loss was reported
        self._last_loss = -1  # the iteration of the last row
        self._last_flush = 0.0
        self._norms: tuple[float, ...] = ()
        self.offset = offset
        if offset:  # chosen once, so a run from iteration 0 pays nothing per iteration
            self.loss = self._loss_continued

    def _loss_continued(self, iteration: int, train_loss: float, test_loss: float | None,
                        accuracy: float | None) -> None:
        """A run continuing a history: its iteration 0 is the previous run's last point, already shown."""
        if iteration:
            QtReporter.loss(self, iteration + self.offset, train_loss, test_loss, accuracy)

    def progress(self, iteration: int, total: int) -> None:
        self.iteration, self.total = iteration, total
        self.evaluated = iteration

    def loss(self, iteration: int, train_loss: float, test_loss: float | None, accuracy: float | None) -> None:
        if iteration == self._last_loss:  # reported already (a paced run's own report, then the loop's last)
            return
        self._last_loss = iteration
        nan = float("nan")
        self.rows.append((iteration, train_loss, nan if test_loss is None else test_loss,
                          nan if accuracy is None else accuracy, *self._norms))

    def gradient_norms(self, iteration: int, norms) -> None:
        """‖∂J/∂Wₗ‖ of each layer: they ride at the end of the next loss row."""
        self._norms = tuple(norms)

    def should_stop(self) -> bool:
        return self.worker.should_stop(self)

    def maybe_flush(self, now: float) -> None:
        if now - self._last_flush >= FLUSH_SECONDS:
            self.flush(now)

    def flush(self, now: float | None = None) -> None:
        self._last_flush = time.perf_counter() if now is None else now
        if self.rows:
            rows, self.rows = self.rows, []
            self.worker.losses_reported.emit(rows)
        self.worker.progressed.emit(self.iteration, self.total)


class TrainingWorker(QObject):
    progressed = Signal(int, int)
    losses_reported = Signal(object)
    parameters_reported = Signal(int, object, object)
    run_finished = Signal(object)

    def __init__(self, network: Network, data: Data, config: TrainingConfig, start_paused: bool = False,
                 steps: int = 0, offset: int = 0, speed: float = 0) -> None:
        super().__init__()
        self.offset = offset  # reported loss rows count iterations from here (a continued history)
        self.network = network.copy()
        self.data = Data(np.array(data.inputs, dtype=np.float64), np.array(data.targets, dtype=np.float64))
        self.config = config
        self.result: RunResult | None = None
        self._condition = threading.Condition()
        self._stop = False
        self._paused = start_paused
        self._steps = steps  # single iterations allowed through while paused
        self._waiting = False  # blocked on the pause: nothing more is reported until resumed, stepped or stopped
        self._snapshot_now = False
        self._trainer: Trainer | None = None  # the run's own, on the worker thread
        self._last_snapshot = (0.0, 0)  # (when, iteration) of the parameters last sent
        self._interval = 0.0  # seconds between iterations (0: as fast as possible)
        self._due: float | None = None  # when the next paced iteration may start (None: at once)
        self.set_speed(speed)
        # The GUI sets this when applying a snapshot is costly: snapshots are at least this far apart.
        self.snapshot_floor = 0.0

    # -------------------------------------------------------------- control (any thread)
    def request_stop(self) -> None:
        with self._condition:
            self._stop = True
            self._condition.notify_all()

    def pause(self) -> None:
        with self._condition:
            self._paused = True
            self._condition.notify_all()  # a paced wait ends: the pause holds from here

    def resume(self) -> None:
        with self._condition:
            self._paused = False
            self._condition.notify_all()

    def set_speed(self, per_second: float) -> None:
        """Run at most ``per_second`` iterations a second from now on (0: as fast as possible)."""
        with self._condition:
            self._interval = 1.0 / per_second if per_second > 0 else 0.0
            self._due = None  # the next iteration starts at once, then the new pace holds
            self._condition.notify_all()

    @property
    def speed(self) -> float:
        """Iterations per second the loop is paced at (0: as fast as possible)."""
        return 1.0 / self._interval if self._interval else 0.0

    def snapshot_interval(self) -> float:
        """Seconds between parameter snapshots: every shown iteration of a paced run, else SNAPSHOT_SECONDS."""
        base = min(SNAPSHOT_SECONDS, max(0.5 * self._interval, 1.0 / PACED_SNAPSHOT_HZ)) if self._interval \
            else SNAPSHOT_SECONDS
        return max(base, self.snapshot_floor)

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def waiting(self) -> bool:
        """True while the loop is held by the pause, after reporting everything up to it."""
        return self._waiting

    def step_once(self) -> None:
        """While paused: let one more iteration through (its loss and parameters are reported at once)."""
        with self._condition:
            self._steps += 1
            self._condition.notify_all()

    def should_stop(self, report: QtReporter) -> bool:
        """Asked by the reporter between iterations: stop now, or wait here while paused or paced."""
        if self._stop:
            return True
        if not self._paused and not self._interval:  # the fast path: three attribute reads per iteration
            return False
        if self._paused:
            if self._trainer is not None:  # the progress shown is where the run is held, not its last report
                report.iteration = self._trainer.iteration
            report.flush()  # show everything up to the pause
            self._show_where_held()
            with self._condition:
                while not self._stop and self._paused and self._steps == 0:
                    self._waiting = True
                    self._condition.wait()
                self._waiting = False
                if self._stop:
                    return True
                if self._paused:
                    self._steps -= 1
                    self._snapshot_now = True
                    return False
                self._due = None  # resumed: the pace starts afresh
        return self._pace(report) if self._interval else False

    def _pace(self, report: QtReporter) -> bool:
        """Wait until the next iteration is due (Stop, Pause and a new speed end the wait at once)."""
        clock = time.perf_counter
        now = clock()
        if self._due is not None and now < self._due:
            if self._due - now > FLUSH_SECONDS:  # a long wait: show everything done so far first
                report.flush(now)
            else:
                report.maybe_flush(now)
            with self._condition:
                while not self._stop and not self._paused and self._due is not None:
                    left = self._due - clock()
                    if left <= 0:
                        break
                    self._condition.wait(left)
            if self._stop or self._paused:
                return self.should_stop(report)
            now = clock()
        with self._condition:
            if self._interval:  # this iteration starts now; the next is due one interval after this one was
                # due, so the pace holds on average; after a stall at most one iteration comes early
                self._due = now + self._interval if self._due is None else max(self._due + self._interval, now)
        return False

    # -------------------------------------------------------------- the loop (worker thread)
    @Slot()
    def run(self) -> None:
        try:
            self.result = self._run()
        except StudioError as exc:  # the network, data and settings do not fit together
            self.result = RunResult("failed", 0, 0, str(exc))
        except Exception as exc:  # never let a worker die silently
            self.result = RunResult("failed", 0, 0, f"{type(exc).__name__}: {exc}")
        self.run_finished.emit(self.result)

    def _send_snapshot(self, now: float) -> None:
        """The parameters reached, for the live diagram (worker thread)."""
        trainer = self._trainer
        self._last_snapshot = (now, trainer.iteration)
        self.parameters_reported.emit(trainer.iteration, *trainer.parameters())

    def _show_where_held(self) -> None:
        """About to be held by the pause: the diagram shows the very iteration the run stops at."""
        if self._trainer is not None and self._last_snapshot[1] != self._trainer.iteration:
            self._send_snapshot(time.perf_counter())

    def _run(self) -> RunResult:
        self._trainer = trainer = Trainer(self.network, self.data, self.config)
        report = QtReporter(self, self.offset)
        clock = time.perf_counter
        self._last_snapshot = (-math.inf, 0)  # (when, iteration): the first iteration is shown at once

        def after_step() -> None:
            now = clock()
            if self._interval and report.evaluated != trainer.iteration:
                # Paced: every iteration is shown with its loss, whatever the lesson's eval_every (the loop
                # waits between iterations anyway). The run's history is the loop's, as when not paced; a
                # loss that is not finite is the loop's divergence (DivergenceError), as in its own reports.
                send(report, trainer.evaluate(check=True), trainer.total)
            if self._snapshot_now:  # a single step: show it at once
                self._snapshot_now = False
                report.flush(now)
            else:
                report.maybe_flush(now)
                if now - self._last_snapshot[0] < self.snapshot_interval():
                    return
            self._send_snapshot(now)

        status, message, history = run_loop(trainer, report, after_step)
        report.rows = [row for row in report.rows if row[0] <= trainer.iteration + self.offset]
        report.flush()
        weights, biases = trainer.parameters()
        return RunResult(status, trainer.iteration, trainer.total, message, weights, biases,
                         history[-1] if history else None)


class WorkerThread(QObject):
    """A worker on its own QThread, its signals relayed into the GUI thread while ``active``.

    The relays live in the GUI thread, so the worker's signals reach them queued. After
    ``discard()`` (or ``shutdown()``) they fall silent: late signals of an abandoned job
    can never touch a new lesson. The worker has ``run``, ``request_stop``, ``result`` and a
    ``progressed(int, int)`` signal; a subclass relays the rest.
    """

    progressed = Signal(int, int)

    def __init__(self, worker: QObject, done: Signal, thread_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.active = True
        self.thread = QThread(self)
        self.thread.setObjectName(thread_name)
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        # Direct: quit from the worker thread as soon as the loop is done (its event loop then returns at once).
        done.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        worker.progressed.connect(self._relay_progress)

    @Slot(int, int)
    def _relay_progress(self, done: int, total: int) -> None:
        if self.active:
            self.progressed.emit(done, total)

    def _finish(self) -> bool:
        """The worker is done: True (once, after its thread has ended) unless the job was discarded."""
        if not self.active:
            return False
        self.active = False
        self.thread.wait()
        return True

    def start(self) -> None:
        self.thread.start()

    def is_running(self) -> bool:
        return self.thread.isRunning()

    def discard(self) -> None:
        self.active = False

    def shutdown(self, timeout_ms: int = 30_000):
        """Stop the worker, wait for its thread and silence the relays. Returns the worker's result."""
        self.active = False
        self.worker.request_stop()
        self.thread.quit()
        self.thread.wait(timeout_ms)
        return self.worker.result


class TrainingRun(WorkerThread):
    """A ``TrainingWorker`` on its own QThread (see ``WorkerThread``)."""

    losses_reported = Signal(object)
    parameters_reported = Signal(int, object, object)
    run_finished = Signal(object)

    def __init__(self, worker: TrainingWorker, parent: QObject | None = None) -> None:
        super().__init__(worker, worker.run_finished, "trainingThread", parent)
        worker.losses_reported.connect(self._relay_losses)
        worker.parameters_reported.connect(self._relay_parameters)
        worker.run_finished.connect(self._relay_finished)

    @Slot(object)
    def _relay_losses(self, rows) -> None:
        if self.active:
            self.losses_reported.emit(rows)

    @Slot(int, object, object)
    def _relay_parameters(self, iteration: int, weights, biases) -> None:
        if self.active:
            self.parameters_reported.emit(iteration, weights, biases)

    @Slot(object)
    def _relay_finished(self, result) -> None:
        if self._finish():
            self.run_finished.emit(result)


# ===================================================================== CSV import


@dataclass
class ImportResult:
    status: str  # "imported", "failed", "no memory", "crashed" or "cancelled"
    dataset: CsvDataset | None = None
    error: Exception | None = None  # the engine's refusal ("failed"), or what went wrong


class CsvImportWorker(QObject):
    """Reads a CSV file on a worker thread with ``engine.csv_import.load_csv``; it is the reporter too.

    It holds only the file name and copies of the column choices; the arrays it builds are
    handed to the GUI thread once, in ``finished``, and never touched by the worker again.
    """

    progressed = Signal(int, int)
    finished = Signal(object)  # ImportResult

    def __init__(self, path: str, targets: list[str], classification: bool) -> None:
        super().__init__()
        self.path, self.targets, self.classification = str(path), list(targets), bool(classification)
        self._stop = threading.Event()
        self.result: ImportResult | None = None

    def request_stop(self) -> None:
        self._stop.set()

    def progress(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    def should_stop(self) -> bool:
        return self._stop.is_set()

    @Slot()
    def run(self) -> None:
        try:
            loaded = load_csv(Path(self.path), self.targets, classification=self.classification, report=self)
            self.result = ImportResult("imported", loaded)
        except ImportCancelled:
            self.result = ImportResult("cancelled")
        except StudioError as exc:
            self.result = ImportResult("failed", error=exc)
        except MemoryError as exc:
            self.result = ImportResult("no memory", error=exc)
        except Exception as exc:  # never let a worker die silently: the panel waits for its result
            self.result = ImportResult("crashed", error=exc)
        self.finished.emit(self.result)


class CsvImport(WorkerThread):
    """A ``CsvImportWorker`` on its own QThread (see ``WorkerThread``); ``shutdown`` cancels the import."""

    finished = Signal(object)

    def __init__(self, worker: CsvImportWorker, parent: QObject | None = None) -> None:
        super().__init__(worker, worker.finished, "csvImportThread", parent)
        worker.finished.connect(self._relay_finished)

    @Slot(object)
    def _relay_finished(self, result: ImportResult) -> None:
        if self._finish():
            self.finished.emit(result)
