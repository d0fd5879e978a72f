"""Gradient-descent training: ``train(network, data, config, report)`` and the ``Trainer`` under it.

The training step is compiled once into a flat list of numpy calls on preallocated
float64 buffers (``np.dot(..., out=)`` and in-place ufuncs; see ``engine.kernels``), so a
step allocates nothing and runs no Python per node. Biases ride along as one extra row
of each weight matrix, against a row of ones under each layer's activations, and all
parameters live in one flat vector, so an optimizer update is a few whole-vector calls. A layer
without bias keeps its bias row at 0: the backward pass zeroes that row of the gradient, so no
optimizer moves it (SGD, momentum and Adam all leave a parameter whose gradient is always 0 alone).

Optimizers match PyTorch's update rules (``engine.kernels``); defaults are in
``engine.config.TrainingConfig``: momentum μ = 0.9 with dampening 0, Adam β₁ = 0.9,
β₂ = 0.999, ε = 1e-8. Weight decay is the λ of the objective J = L + λ/2·Σ‖W‖² (weights,
not biases), so it enters the gradient as λ·W: coupled L2, as torch's ``weight_decay``
on SGD and Adam.

Batches: the full training set when ``batch_size`` is 0 or at least the number of
training samples; otherwise mini-batches that walk a fresh seeded permutation each
epoch (the last batch of an epoch may be smaller). The length is ``iterations``, or
``epochs`` × batches-per-epoch when ``epochs`` > 0.

Divergence: the step checks its loss, and the sum of the updated parameters, for NaN
and infinity. Parameters are double-buffered, so on divergence the trainer falls back
to the last parameters whose loss was finite, and ``train`` writes those back. The
message's advice names what can help: a smaller learning rate (and, with weight decay,
a smaller λ: the decay alone grows the weights once η·λ is large); an infinite loss at
the start comes from the data or the starting weights, which no learning rate changes.

History: ``run_loop`` keeps every reported row, or, given a ``sink``, hands each row to
it as soon as the row is final and keeps only the last one, so a long run writing its
history to a file (``python -m engine train --out``) runs in constant memory. What a run reports
(``Reporter``, ``Evaluation``, ``TrainResult``, accuracy) is defined in engine/train_report.py.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from . import batched
from .config import TrainingConfig, checked_setting
from .datasets import train_test_split
from .document import Data
from .errors import DivergenceError, ValidationError
from .kernels import BACKWARD, FORWARD, OPTIMIZERS, softmax_columns
from .messages import Message
from .network import Network
from .train_report import Evaluation, NullReporter, Reporter, TrainResult, accuracy, classification_kind, send

MAX_ITERATIONS = 10**8  # as for training.iterations; epochs × batches may not exceed it either
MAX_REPORTS = 100_000  # reports in one run at most: a longer run reports every k-th iteration


# Overflow on the way to divergence is expected and reported as such, not as numpy warnings.
# A fresh errstate each time: one instance must not be entered twice (nesting, threads).
def _quiet() -> np.errstate:
    return np.errstate(over="ignore", invalid="ignore")

# ----------------------------------------------------------------- the compiled step


class _Workspace:
    """Buffers for one batch size n (features × samples) and the step compiled against them."""

    def __init__(self, trainer: Trainer, n: int, x_rows: np.ndarray | None = None, y: np.ndarray | None = None):
        sizes, depth = trainer.sizes, trainer.depth
        self.n = n
        self.x_rows = np.ones((n, sizes[0] + 1)) if x_rows is None else x_rows  # samples as rows, ones last
        self.y = np.empty((sizes[-1], n)) if y is None else y
        self.ysum = self.y.sum(axis=0, keepdims=True)
        self.a: list[np.ndarray] = [self.x_rows.T]  # a[l] of hidden layers carries a row of ones
        self.act: list[np.ndarray] = [self.x_rows.T]  # the activations proper (a view without the ones)
        self.z, self.d, self.t, self.mask = [np.empty(0)], [np.empty(0)], [np.empty(0)], [np.empty(0, bool)]
        for layer in range(1, depth + 1):
            size = sizes[layer]
            a = np.ones((size + 1, n)) if layer < depth else np.empty((size, n))
            self.a.append(a)
            self.act.append(a[:size])
            self.z.append(np.empty((size, n)))
            self.d.append(np.empty((size, n)))
            self.t.append(np.empty((size, n)))
            self.mask.append(np.empty((size, n), dtype=bool))
        self.diff = np.empty((sizes[-1], n))
        self.col, self.col2 = np.empty((1, n)), np.empty((1, n))
        k = sizes[-1]
        self.half = 0.5 / n if trainer.loss == "half_sse" else 1.0 / (n * k)  # L = half·Σ(ŷ−y)²
        self.grad_scale = 2.0 * self.half
        self.programs = [self._compile(trainer, parity) for parity in (0, 1)]

    def _compile(self, trainer: Trainer, parity: int) -> tuple[list, list]:
        """The forward and backward calls as (function, arguments) pairs bound to buffers."""
        depth, acts = trainer.depth, trainer.activations
        theta, weights = trainer.theta[parity], trainer.weights[parity]
        forward: list = []
        for layer in range(1, depth + 1):
            forward.append((np.dot, (theta[layer].T, self.a[layer - 1], self.z[layer])))
            if acts[layer] == "softmax":
                forward.append((softmax_columns, (self.z[layer], self.act[layer], self.col, self.col2)))
            else:
                forward.append((FORWARD[acts[layer]], (self.z[layer], self.act[layer], self.t[layer])))
        backward: list = []
        for layer in range(depth, 0, -1):
            backward.append((np.dot, (self.a[layer - 1], self.d[layer].T, trainer.grad_views[layer])))
            if not trainer.has_bias[layer]:
                backward.append((np.ndarray.fill, (trainer.grad_views[layer][-1], 0.0)))
            if layer > 1:
                below = layer - 1
                backward.append((np.dot, (weights[layer], self.d[layer], self.d[below])))
                backward.append((BACKWARD[acts[below]],
                                 (self.d[below], self.z[below], self.act[below], self.t[below], self.mask[below])))
        return forward, backward


class Trainer:
    """One training run, advanced one iteration at a time with ``step()``.

    Works on its own copy of the parameters; ``write_back(network)`` stores them.
    ``train`` is a loop over ``step``; the GUI's "one iteration" and the benchmark call
    ``step`` directly.
    """

    def __init__(self, network: Network, data: Data, config: TrainingConfig) -> None:
        network.validate()
        if len(data) == 0:
            raise ValidationError("data", Message("train.no_samples"))
        data.check_against(network)
        if config.optimizer not in OPTIMIZERS:
            raise ValidationError("training.optimizer", Message("unknown.optimizer", name=repr(config.optimizer)))
        TrainingConfig.from_dict(config.to_dict())  # every setting in its range (engine.config.RANGES)
        checked_setting("weight_decay", network.weight_decay, "network.weight_decay")
        self.config = config
        self.sizes, self.depth, self.loss = network.sizes, network.depth, network.loss
        self.activations = [layer.activation or "" for layer in network.layers]
        self.has_bias = [layer.bias for layer in network.layers]
        self.weight_decay = network.weight_decay
        self.train_data, self.test_data = train_test_split(data, config.test_fraction, config.seed)
        self.kind = classification_kind(network, data.targets)
        self._eval_network = network.copy()
        self.iteration = 0
        self.status = "ready"  # "ready" or "diverged"
        self.message = ""
        self._init_parameters(network)
        self._init_batches()
        self.optimizer = OPTIMIZERS[config.optimizer](
            self.flat[0].size, lr=config.learning_rate, momentum=config.momentum,
            beta1=config.beta1, beta2=config.beta2, eps=config.eps,
        )

    # -------------------------------------------------------------- set-up
    def _init_parameters(self, network: Network) -> None:
        shapes = [(self.sizes[k - 1] + 1, self.sizes[k]) for k in range(1, self.depth + 1)]
        total = sum(r * c for r, c in shapes)
        self.flat = [np.empty(total), np.empty(total)]  # double buffer: current and previous
        self.grad = np.empty(total)
        self.decay = np.zeros(total)  # λ on weight entries, 0 on biases
        self.theta: list[list[np.ndarray]] = [[np.empty(0)], [np.empty(0)]]
        self.weights: list[list[np.ndarray]] = [[np.empty(0)], [np.empty(0)]]
        self.grad_views: list[np.ndarray] = [np.empty(0)]
        cuts: list[int] = []
        start = 0
        for layer, (rows, cols) in enumerate(shapes, start=1):
            stop = start + rows * cols
            for parity in (0, 1):
                view = self.flat[parity][start:stop].reshape(rows, cols)
                self.theta[parity].append(view)
                self.weights[parity].append(view[:-1])
            self.theta[0][layer][:-1] = network.weights(layer)
            self.theta[0][layer][-1] = network.biases(layer)
            self.grad_views.append(self.grad[start:stop].reshape(rows, cols))
            self.decay[start:stop - cols] = self.weight_decay
            cuts += [start, stop - cols]  # the weights, then the bias row
            start = stop
        self._cuts = np.array(cuts, dtype=np.intp)
        self._squares, self._sums = np.empty(total), np.zeros(len(cuts))
        self.flat[1][:] = self.flat[0]
        self.current = 0
        self._decay_tmp = np.empty(total) if self.weight_decay > 0 else None

    def _init_batches(self) -> None:
        n = len(self.train_data)
        self._x_aug = np.ones((n, self.sizes[0] + 1))
        self._x_aug[:, :-1] = self.train_data.inputs
        self._y_t = np.ascontiguousarray(self.train_data.targets.T)
        batch = self.config.batch_size
        self.batch_size = n if batch <= 0 or batch >= n else batch
        self.batches_per_epoch = -(-n // self.batch_size)
        self.total = (self.config.epochs * self.batches_per_epoch if self.config.epochs > 0
                      else self.config.iterations)
        if self.total > MAX_ITERATIONS:
            raise ValidationError("training.epochs", Message("train.max_iterations", limit=MAX_ITERATIONS,
                                                                epochs=self.config.epochs,
                                                                batches=self.batches_per_epoch))
        self._workspaces: dict[int, _Workspace] = {}
        self._full = self.batch_size == n
        if self._full:
            self._workspaces[n] = _Workspace(self, n, self._x_aug, self._y_t)
        self._rng = np.random.default_rng([self.config.seed, 1])
        self._order = np.arange(n)
        self._position = n  # start a fresh permutation on the first step

    def _next_batch(self) -> _Workspace:
        n = self._x_aug.shape[0]
        if self._full:
            return self._workspaces[n]
        if self._position >= n:
            self._order = self._rng.permutation(n)
            self._position = 0
        rows = self._order[self._position:self._position + self.batch_size]
        self._position += len(rows)
        ws = self._workspaces.get(len(rows))
        if ws is None:
            ws = self._workspaces[len(rows)] = _Workspace(self, len(rows))
        np.take(self._x_aug, rows, axis=0, out=ws.x_rows, mode="clip")
        np.take(self._y_t, rows, axis=1, out=ws.y, mode="clip")
        if self.loss == "cross_entropy":
            np.sum(ws.y, axis=0, keepdims=True, out=ws.ysum)
        return ws

    # -------------------------------------------------------------- the step
    def step(self) -> float:
        """One iteration: forward, loss, backward, update. Returns the batch loss L before the update.

        Raises DivergenceError (and falls back to the last good parameters) on NaN or inf.
        """
        with _quiet():
            return self._step()

    def _step(self) -> float:
        """``step`` without silencing numpy's overflow warnings (``train`` does that once per run)."""
        if self.status == "diverged":
            raise DivergenceError(self.message)
        ws = self._next_batch()
        forward, backward = ws.programs[self.current]
        for function, args in forward:
            function(*args)
        loss = self._output_delta(ws)
        if not math.isfinite(loss):
            self._diverge(Message("train.loss_became", value=loss), self.iteration, revert=True)
        for function, args in backward:
            function(*args)
        old, new = self.flat[self.current], self.flat[1 - self.current]
        if self._decay_tmp is not None:
            np.multiply(old, self.decay, self._decay_tmp)
            np.add(self.grad, self._decay_tmp, self.grad)
        np.multiply(self.grad, self.grad, self._squares)  # ‖∂J/∂Wₗ‖² before the optimizer reuses the buffer
        np.add.reduceat(self._squares, self._cuts, out=self._sums)
        self.optimizer.update(old, self.grad, new)
        if self._decay_tmp is None:
            check = float(np.add.reduce(new))
            what = "train.parameter_became"
        else:  # ‖w‖² overflows before any weight does, and then J = L + s is already ∞
            check = float(np.dot(new, new))
            what = "train.decay_became"
        if not math.isfinite(check):
            self._diverge(Message(what, value="nan" if math.isnan(check) else "inf"), self.iteration + 1, revert=False)
        self.current = 1 - self.current
        self.iteration += 1
        return loss

    def _output_delta(self, ws: _Workspace) -> float:
        """The batch loss, and δ of the output layer (∂L/∂z) written into ws.d[-1]."""
        depth = self.depth
        z, a, d, t, y = ws.z[depth], ws.act[depth], ws.d[depth], ws.t[depth], ws.y
        if self.loss == "bce":  # sigmoid output: L = mean(softplus(z) − y·z), δ = (ŷ − y)/(N·K)
            np.logaddexp(0.0, z, t)
            np.multiply(y, z, d)
            loss = float(np.add.reduce(t, axis=None) - np.add.reduce(d, axis=None)) * ws.half
            np.subtract(a, y, d)
            np.multiply(d, ws.half, d)
            return loss
        if self.loss == "cross_entropy":  # softmax output: log-softmax, δ = (ŷ·Σy − y)/N
            np.log(ws.col2, ws.col2)
            np.subtract(z, ws.col, t)
            np.multiply(y, t, d)
            loss = float(np.dot(ws.col2.ravel(), ws.ysum.ravel()) - np.add.reduce(d, axis=None)) / ws.n
            np.multiply(a, ws.ysum, d)
            np.subtract(d, y, d)
            np.multiply(d, 1.0 / ws.n, d)
            return loss
        np.subtract(a, y, ws.diff)  # half_sse or mse
        flat = ws.diff.reshape(-1)
        loss = float(np.dot(flat, flat)) * ws.half
        np.multiply(ws.diff, ws.grad_scale, d)
        BACKWARD[self.activations[depth]](d, z, a, t, ws.mask[depth])
        return loss

    def _diverge(self, what: Message, at: int, revert: bool) -> None:
        """Stop for good; with ``revert``, fall back to the parameters of one update earlier."""
        if revert and self.iteration > 0:
            self.current = 1 - self.current  # the previous parameters: their loss was finite
            self.iteration -= 1
        self.status = "diverged"
        if at == 0:  # no update has been made: the data or the starting weights overflow the loss
            self.message = Message("train.diverged_at_start", what=what)
        elif self.weight_decay > 0:
            self.message = Message("train.diverged_decay", iteration=at, what=what)
        else:
            self.message = Message("train.diverged", iteration=at, what=what)
        raise DivergenceError(self.message)

    # -------------------------------------------------------------- results
    def parameters(self) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Copies of the current weights (in, out) and biases (out,) of each layer."""
        theta = self.theta[self.current]
        return ([theta[k][:-1].copy() for k in range(1, self.depth + 1)],
                [theta[k][-1].copy() for k in range(1, self.depth + 1)])

    def write_back(self, network: Network) -> None:
        network.set_parameters(*self.parameters())

    def evaluate(self, check: bool = False) -> Evaluation:
        """Loss on the whole training set, test loss and accuracy, with the current parameters.

        With ``check``, a NaN or infinite loss counts as divergence (see ``step``).
        """
        with _quiet():
            return self._evaluate(check)

    def _evaluate(self, check: bool) -> Evaluation:
        net = self._eval_network
        theta = self.theta[self.current]
        for k in range(1, self.depth + 1):
            net.layers[k].weights, net.layers[k].biases = theta[k][:-1], theta[k][-1]
        train_out = batched.forward(net, self.train_data.inputs)
        loss, objective = batched.loss_from_cache(net, train_out, self.train_data.targets)
        if check and not math.isfinite(loss):
            self._diverge(Message("train.loss_became", value=loss), self.iteration, revert=True)
        test_loss = None
        scored, scored_out = self.train_data, train_out.outputs
        if self.test_data is not None:
            test_out = batched.forward(net, self.test_data.inputs)
            test_loss = batched.loss_from_cache(net, test_out, self.test_data.targets)[0]
            scored, scored_out = self.test_data, test_out.outputs
        norms = self.gradient_norms()
        if self.iteration == 0:  # no step yet: the whole training set's gradient at the starting parameters
            grads = batched.gradients(net, self.train_data.inputs, self.train_data.targets)
            norms = tuple(float(np.linalg.norm(w)) for w in grads.weights)
        return Evaluation(self.iteration, loss, objective, test_loss, accuracy(self.kind, scored_out, scored.targets),
                          norms)

    def gradient_norms(self) -> tuple[float, ...]:
        """‖∂J/∂Wₗ‖ (Frobenius, weights only, λ·W included) of each layer, from the gradient the last
        step computed (on its batch, at the parameters before its update); NaN before the first step
        (``evaluate`` then computes them on the whole training set). Cheap: the step squares its own
        gradient buffer and sums each layer's weights in one call."""
        if self.iteration == 0:
            return (math.nan,) * self.depth
        return tuple(math.sqrt(float(total)) for total in self._sums[::2])


# ----------------------------------------------------------------- the loop


def run_loop(trainer: Trainer, report: Reporter, after_step: Callable[[], None] | None = None,
             sink: Callable[[dict], None] | None = None) -> tuple[str, str, list[dict]]:
    """Step ``trainer`` to its end, reporting every ``eval_every`` iterations: (status, message, history).

    The one training loop: ``train()`` and the GUI's worker both run it. ``after_step`` is
    called after every iteration (the GUI uses it for live snapshots). With ``sink``, each
    history row is passed to it, in order, once it is final, and the returned history
    holds only the last row.
    """
    total = trainer.total
    every = max(1, trainer.config.eval_every, math.ceil(total / MAX_REPORTS))  # the history stays small
    history: list[dict] = []

    def record(check: bool) -> None:
        evaluation = trainer.evaluate(check)
        if sink is not None and history:  # only the newest row can still be taken back (a fallback)
            sink(history.pop())
        history.append(evaluation.as_dict())
        send(report, evaluation, total)

    status, message = "finished", Message("train.finished", count=total)
    try:
        record(check=True)
        with _quiet():
            step = trainer._step
            while trainer.iteration < total:
                if report.should_stop():
                    status, message = "stopped", Message("train.stopped", done=trainer.iteration, total=total)
                    break
                step()
                if trainer.iteration % every == 0 or trainer.iteration == total:
                    record(check=True)
                if after_step is not None:
                    after_step()
    except DivergenceError as exc:
        status, message = "diverged", exc.message
    history[:] = [row for row in history if row["iteration"] <= trainer.iteration]
    if not history or history[-1]["iteration"] != trainer.iteration:
        record(check=False)  # the parameters kept: stopped between reports, or fallen back
    if sink is not None:
        sink(history[-1])
    return status, message, history


def train(network: Network, data: Data, config: TrainingConfig, report: Reporter | None = None,
          sink: Callable[[dict], None] | None = None) -> TrainResult:
    """Train ``network`` on ``data`` in place; returns how it ended and the loss history.

    The network receives the final parameters (on divergence, the last good ones).
    Raises ValidationError when the network, data and settings do not fit together.
    With ``sink``, the history rows go to it as they come (see ``run_loop``) and the
    result's history holds only the last row.
    """
    trainer = Trainer(network, data, config)
    status, message, history = run_loop(trainer, report or NullReporter(), sink=sink)
    trainer.write_back(network)
    return TrainResult(status, trainer.iteration, history, message)
