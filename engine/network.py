"""The editable network model: plain data, validated, with change events.

``weights[l]`` has shape (in, out): entry [i, j] joins neuron i of layer l-1 to neuron j
of layer l, so z = a_prev · W + b, as in the lecture's z₁ = X·W₁ + b₁.
Layer 0 is the input layer and has no weights.

A layer may have no bias (the file's ``"bias": false``, as d2l 4.7's network): then z = a_prev · W,
the file holds no ``"biases"`` for it, and ``Layer.biases`` is kept as zeros that nothing changes
(no bias node, no bias gradient, no bias update), so every path computes the same numbers with or
without it. ``Network.notation`` names the symbols the steps use (engine/notation.py).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np

from . import names
from .config import checked_setting
from .errors import ValidationError, brief, counting_layers
from .events import Event
from .init import xavier_limit
from .messages import Message
from .names import LEAKY_SLOPE  # noqa: F401  (re-exported)
from .notation import DEFAULT_NOTATION, NOTATIONS

ACTIVATIONS = tuple(names.ACTIVATIONS)  # the ids of engine/names.py's tables, as tuples (a file's value
LOSSES = tuple(names.LOSSES)  # may be unhashable, and `in` on a dict would raise instead of refusing it)

# Limits that stop a hostile file from exhausting memory or time.
MAX_LAYERS = 32
MAX_NEURONS = 1024
MAX_PARAMETERS = 200_000  # every weight is a node of the step graph: this keeps opening a lesson to seconds


@dataclass
class Layer:
    size: int
    activation: str | None = None  # None only for the input layer
    weights: np.ndarray | None = None  # (in, out)
    biases: np.ndarray | None = None  # (out,); zeros where ``bias`` is False
    bias: bool = True  # False: the layer has no bias, z = a_prev · W

    def copy(self) -> Layer:
        return Layer(
            self.size,
            self.activation,
            None if self.weights is None else self.weights.copy(),
            None if self.biases is None else self.biases.copy(),
            self.bias,
        )


@dataclass
class Network:
    """Layers (the first is the input layer), the loss, the weight decay λ and the notation of the steps."""

    layers: list[Layer]
    loss: str = "half_sse"
    weight_decay: float = 0.0
    notation: str = DEFAULT_NOTATION  # "lecture" (X·W₁ + b₁, a, ŷ) or "d2l" (W⁽¹⁾, h, o): engine/notation.py
    changed: Event = field(default_factory=Event, repr=False, compare=False)

    # ----------------------------------------------------------------- queries
    @property
    def sizes(self) -> list[int]:
        return [layer.size for layer in self.layers]

    @property
    def depth(self) -> int:
        """Number of layers with weights (hidden layers plus the output layer)."""
        return len(self.layers) - 1

    def weights(self, layer: int) -> np.ndarray:
        w = self.layers[layer].weights
        assert w is not None
        return w

    def biases(self, layer: int) -> np.ndarray:
        b = self.layers[layer].biases
        assert b is not None
        return b

    def has_bias(self, layer: int) -> bool:
        """True when layer ``layer`` (≥ 1) adds a bias: z = a_prev · W + b; False for z = a_prev · W."""
        return self.layers[layer].bias

    def activation(self, layer: int) -> str:
        act = self.layers[layer].activation
        assert act is not None
        return act

    def parameter_count(self) -> int:
        """Weights, and the biases of the layers that have them."""
        return parameter_count(self.sizes) - sum(layer.size for layer in self.layers[1:] if not layer.bias)

    def copy(self) -> Network:
        """A deep copy of the numbers, without the event subscribers."""
        return Network([layer.copy() for layer in self.layers], self.loss, self.weight_decay, self.notation)

    # ----------------------------------------------------------------- edits
    def set_weight(self, layer: int, i: int, j: int, value: float) -> None:
        _require_finite(f"network.layers[{layer}].weights[{i}][{j}]", value)
        self.weights(layer)[i, j] = value
        self.changed.emit()

    def set_bias(self, layer: int, j: int, value: float) -> None:
        if not self.has_bias(layer):
            raise ValidationError(f"network.layers[{layer}].biases", Message("network.no_bias"))
        _require_finite(f"network.layers[{layer}].biases[{j}]", value)
        self.biases(layer)[j] = value
        self.changed.emit()

    def set_parameters(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        """Replace every weight matrix and bias vector at once (after training); a layer without
        bias keeps its zeros."""
        for layer, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
            self.layers[layer].weights = np.array(w, dtype=np.float64)
            b = np.array(b, dtype=np.float64)
            self.layers[layer].biases = b if self.layers[layer].bias else np.zeros_like(b)
        self.changed.emit()

    def assign(self, other: Network) -> None:
        """Take every number and setting of ``other`` (an undoable edit's target state)."""
        self.layers = [layer.copy() for layer in other.layers]
        self.loss = other.loss
        self.weight_decay = other.weight_decay
        self.notation = other.notation
        self.changed.emit()

    def randomize(self, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        for layer in range(1, len(self.layers)):  # _init_params gives zero biases: right for no bias too
            self.layers[layer].weights, self.layers[layer].biases = _init_params(
                rng, self.layers[layer - 1].size, self.layers[layer].size,
                self.layers[layer].activation or "sigmoid",
            )
        self.changed.emit()

    # ----------------------------------------------------------------- format
    def to_dict(self) -> dict:
        layers: list[dict] = [{"size": self.layers[0].size}]
        for layer in self.layers[1:]:
            entry = {"size": layer.size, "activation": layer.activation, "weights": np.asarray(layer.weights).tolist()}
            if layer.bias:
                entry["biases"] = np.asarray(layer.biases).tolist()
            else:
                entry["bias"] = False
            layers.append(entry)
        out = {"layers": layers, "loss": self.loss, "weight_decay": self.weight_decay}
        if self.notation != DEFAULT_NOTATION:  # a lecture-notation file reads as it did before the field
            out["notation"] = self.notation
        return out

    @classmethod
    @counting_layers  # a message can then name layers[i] the input, a hidden or the output layer
    def from_dict(cls, data: object, where: str = "network", seed: int = 0) -> Network:
        """Build and validate. Missing weights and biases come from a seeded generator.

        Every field is checked for type and range, and the sizes against the limits, before
        any array is built: a hostile file costs no more time or memory than a valid one.
        """
        if not isinstance(data, dict):
            raise ValidationError(where, Message("expected.object"))
        raw_layers = data.get("layers")
        if not isinstance(raw_layers, list):
            raise ValidationError(f"{where}.layers", Message("expected.list_of_layers"))
        if len(raw_layers) < 2:
            raise ValidationError(f"{where}.layers", Message("network.too_few_layers"))
        if len(raw_layers) > MAX_LAYERS:
            raise ValidationError(f"{where}.layers", Message("network.max_layers_got", limit=MAX_LAYERS,
                                                                     got=len(raw_layers)))
        sizes, activations = _layer_kinds(raw_layers, where)
        loss = data.get("loss", "half_sse")
        if loss not in LOSSES:
            raise ValidationError(f"{where}.loss", Message("unknown.loss_one_of", name=brief(loss),
                                                                names=", ".join(LOSSES)))
        decay = checked_setting("weight_decay", data.get("weight_decay", 0.0), f"{where}.weight_decay")
        notation = data.get("notation", DEFAULT_NOTATION)
        if notation not in NOTATIONS:
            raise ValidationError(f"{where}.notation", Message("unknown.notation_one_of", name=brief(notation),
                                                                    names=", ".join(NOTATIONS)))
        if parameter_count(sizes) > MAX_PARAMETERS:
            raise ValidationError(f"{where}.layers", Message("network.max_parameters", limit=MAX_PARAMETERS))
        rng = np.random.default_rng(seed)
        layers: list[Layer] = [Layer(sizes[0])]
        for index, raw in enumerate(raw_layers[1:], start=1):
            here = f"{where}.layers[{index}]"
            fan_in, size, activation = sizes[index - 1], sizes[index], activations[index]
            w_default, b_default = _init_params(rng, fan_in, size, activation)
            weights = _matrix(raw.get("weights"), f"{here}.weights", (fan_in, size), w_default)
            bias = _bias_flag(raw, here)
            biases = _vector(raw.get("biases"), f"{here}.biases", size, b_default) if bias else b_default
            layers.append(Layer(size, activation, weights, biases, bias))
        network = cls(layers, loss, float(decay), notation)
        network.validate(where)
        return network

    @counting_layers
    def validate(self, where: str = "network") -> None:
        """Check the pairings the file format forbids (raises ValidationError)."""
        last = len(self.layers) - 1
        for index, layer in enumerate(self.layers[1:-1], start=1):
            if layer.activation == "softmax":
                raise ValidationError(f"{where}.layers[{index}].activation", Message("network.softmax_output_only"))
        if self.parameter_count() > MAX_PARAMETERS:
            raise ValidationError(f"{where}.layers", Message("network.max_parameters", limit=MAX_PARAMETERS))
        out = self.layers[last].activation
        if out == "softmax" and self.layers[last].size < 2:
            raise ValidationError(f"{where}.layers[{last}].activation", Message("network.softmax_two_outputs"))
        if self.loss == "bce" and out != "sigmoid":
            raise ValidationError(f"{where}.loss", Message("network.loss_needs_output", loss="bce",
                                                                  activation="sigmoid", got=out))
        if self.loss == "cross_entropy" and out != "softmax":
            raise ValidationError(f"{where}.loss", Message("network.loss_needs_output", loss="cross_entropy",
                                                                  activation="softmax", got=out))
        if out == "softmax" and self.loss != "cross_entropy":
            raise ValidationError(f"{where}.loss", Message("network.softmax_needs_cross_entropy", loss=self.loss))


def parameter_count(sizes: list[int]) -> int:
    """Weights and biases of a network with these layer sizes."""
    return sum(a * b + b for a, b in itertools.pairwise(sizes))


def _layer_kinds(raw_layers: list, where: str) -> tuple[list[int], list[str | None]]:
    """The size and activation of every layer, checked (nothing is built yet)."""
    sizes: list[int] = []
    activations: list[str | None] = []
    for index, raw in enumerate(raw_layers):
        here = f"{where}.layers[{index}]"
        if not isinstance(raw, dict):
            raise ValidationError(here, Message("expected.object"))
        size = raw.get("size")
        if isinstance(size, bool) or not isinstance(size, int):
            raise ValidationError(f"{here}.size", Message("expected.whole_number"))
        if not 1 <= size <= MAX_NEURONS:
            raise ValidationError(f"{here}.size", Message("expected.one_to", high=MAX_NEURONS, value=brief(size)))
        activation = None if index == 0 else raw.get("activation", "sigmoid")
        if index and activation not in ACTIVATIONS:
            raise ValidationError(f"{here}.activation",
                                  Message("unknown.activation_one_of", name=brief(activation),
                                          names=", ".join(ACTIVATIONS)))
        sizes.append(size)
        activations.append(activation)
    return sizes, activations


def _bias_flag(raw: dict, here: str) -> bool:
    """A layer's ``"bias"`` (true when absent). A layer with ``"bias": false`` may not list biases."""
    bias = raw.get("bias", True)
    if not isinstance(bias, bool):
        raise ValidationError(f"{here}.bias", Message("expected.kind_got", kind=Message("kind.true_or_false"),
                                                       value=brief(bias)))
    if not bias and "biases" in raw:
        raise ValidationError(f"{here}.biases", Message("network.biases_without_bias"))
    return bias


def is_finite_number(value: object) -> bool:
    """A JSON number (not a truth value) that is a finite float64; huge whole numbers are not."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating | np.integer):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # a whole number beyond the float64 range
        return False


def _require_finite(where: str, value: float) -> None:
    if not is_finite_number(value):
        raise ValidationError(where, Message("expected.finite_number_got", value=brief(value)))


def _init_params(rng: np.random.Generator, fan_in: int, fan_out: int, activation: str):
    """Xavier-uniform weights (He for relu-like layers), zero biases."""
    gain = math.sqrt(2.0) if activation in ("relu", "leaky_relu") else 1.0
    limit = xavier_limit(fan_in, fan_out, gain)
    return rng.uniform(-limit, limit, size=(fan_in, fan_out)), np.zeros(fan_out)


def numeric_array(raw: object, where: str, ndim: int, width: int | None = None) -> np.ndarray:
    """A finite float64 array of ``ndim`` dimensions from JSON lists, or a ValidationError.

    The shape is checked first (every row's length, against ``width`` when given), then each
    number, so a refusal names the first bad element without converting the rest.
    """
    if ndim == 1:
        if not isinstance(raw, list):
            raise ValidationError(where, Message("expected.list_of_numbers"))
        if width is not None and len(raw) != width:
            raise ValidationError(where, Message("expected.numbers", count=width, got=len(raw)))
        _check_numbers(raw, where)
        return np.array(raw, dtype=np.float64).reshape(len(raw))
    if not isinstance(raw, list):
        raise ValidationError(where, Message("expected.list_of_rows"))
    for r, row in enumerate(raw):
        if not isinstance(row, list):
            raise ValidationError(f"{where}[{r}]", Message("expected.list_of_numbers"))
    expected = width if width is not None else (len(raw[0]) if raw else 0)
    for r, row in enumerate(raw):
        if len(row) != expected:
            if width is not None:
                raise ValidationError(f"{where}[{r}]", Message("expected.numbers", count=width, got=len(row)))
            raise ValidationError(f"{where}[{r}]", Message("expected.numbers_like_first_row", count=expected,
                                                                    got=len(row)))
    fast = _fast_array(raw)
    if fast is not None:
        return fast.reshape(len(raw), expected)
    for r, row in enumerate(raw):
        _check_numbers(row, f"{where}[{r}]")
    return np.array(raw, dtype=np.float64).reshape(len(raw), expected)


_PLAIN_NUMBERS = frozenset({float, int})


def _fast_array(rows: list[list]) -> np.ndarray | None:
    """The rows as a float64 array when every entry is a finite JSON number (checked in one pass
    with numpy, about twice as fast at the parameter cap); None sends the caller to the scan
    that names the first bad element."""
    if not all(set(map(type, row)) <= _PLAIN_NUMBERS for row in rows):
        return None
    try:
        array = np.array(rows, dtype=np.float64)
    except (OverflowError, ValueError, TypeError):  # a whole number beyond the float64 range
        return None
    return array if np.isfinite(array).all() else None


def _check_numbers(values: list, where: str) -> None:
    for k, v in enumerate(values):
        if type(v) is not float or not math.isfinite(v):  # the common case is one fast test
            _require_finite(f"{where}[{k}]", v)


def _matrix(raw: object, where: str, shape: tuple[int, int], default: np.ndarray) -> np.ndarray:
    if raw is None:
        return default
    if isinstance(raw, list) and len(raw) != shape[0]:
        width = len(raw[0]) if raw and isinstance(raw[0], list) else shape[1]
        raise ValidationError(where, Message("expected.shape", rows=shape[0], columns=shape[1],
                                                      got_rows=len(raw), got_columns=width))
    if isinstance(raw, list) and raw and all(isinstance(row, list) for row in raw) \
            and len({len(row) for row in raw}) == 1 and len(raw[0]) != shape[1]:
        raise ValidationError(where, Message("expected.shape", rows=shape[0], columns=shape[1],
                                                      got_rows=len(raw), got_columns=len(raw[0])))
    return numeric_array(raw, where, 2, width=shape[1])


def _vector(raw: object, where: str, size: int, default: np.ndarray) -> np.ndarray:
    if raw is None:
        return default
    return numeric_array(raw, where, 1, width=size)


def make_network(sizes: list[int], activations: list[str] | str = "sigmoid", loss: str = "half_sse",
                 weight_decay: float = 0.0, seed: int = 0, bias: list[bool] | bool = True,
                 notation: str = DEFAULT_NOTATION) -> Network:
    """A convenience constructor with seeded random weights (``bias``: for every layer, or one per layer)."""
    acts = [activations] * (len(sizes) - 1) if isinstance(activations, str) else list(activations)
    flags = [bias] * (len(sizes) - 1) if isinstance(bias, bool) else list(bias)
    layers = [{"size": sizes[0]}] + [{"size": s, "activation": a, "bias": f}
                                     for s, a, f in zip(sizes[1:], acts, flags, strict=True)]
    return Network.from_dict({"layers": layers, "loss": loss, "weight_decay": weight_decay, "notation": notation},
                             seed=seed)
