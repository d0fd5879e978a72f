"""The plain-language sentence of each step, in English (names of activations: engine/names.py).

The engine states each sentence once, as an English template with %1, %2 … for symbols.
The CLI prints the English; the window translates the template through Qt
(``QCoreApplication.translate``): tools/i18n.py runs lupdate over this file, which finds the
``QT_TRANSLATE_NOOP`` marks below. A ``Translate`` is any ``(context, text) -> text``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .formula import Piece
from .names import ACTIVATIONS, CONTEXT, QT_TRANSLATE_NOOP, Translate, english
from .roles import Role

PHASE_NAMES = {
    "ready": QT_TRANSLATE_NOOP("Explain", "Ready"),
    "forward": QT_TRANSLATE_NOOP("Explain", "Forward propagation"),
    "backward": QT_TRANSLATE_NOOP("Explain", "Backpropagation"),
    "update": QT_TRANSLATE_NOOP("Explain", "Gradient descent update"),
}
SENTENCES = {
    "weighted_sum": QT_TRANSLATE_NOOP(
        "Explain", "Weighted sum: multiply each input by its weight, add them up, then add the bias."),
    "weighted_sum_no_bias": QT_TRANSLATE_NOOP(
        "Explain", "Weighted sum: multiply each input by its weight and add them up (this layer has no bias)."),
    "product": QT_TRANSLATE_NOOP("Explain", "Multiply the incoming value by its weight."),
    "sum": QT_TRANSLATE_NOOP("Explain", "Add up the weighted inputs of the neuron."),
    "bias_add": QT_TRANSLATE_NOOP("Explain", "Add the bias to get the weighted sum %1."),
    "activation": QT_TRANSLATE_NOOP(
        "Explain", "Activation function: %1 turns the weighted sum into the neuron's output %2."),
    "diff": QT_TRANSLATE_NOOP("Explain", "The error of this output: prediction minus true label."),
    "loss_term": QT_TRANSLATE_NOOP("Explain", "The loss term of this output."),
    "loss": QT_TRANSLATE_NOOP("Explain", "Loss function: compare the prediction with the true label."),
    "norm": QT_TRANSLATE_NOOP("Explain", "The squared norm of this layer's weights, for weight decay."),
    "decay": QT_TRANSLATE_NOOP("Explain", "Weight decay: s is λ/2 times the sum of the squared weights."),
    "objective": QT_TRANSLATE_NOOP("Explain", "The objective J adds the weight-decay term s to the loss L."),
    "seed": QT_TRANSLATE_NOOP(
        "Explain", "Backpropagation starts at the output: its gradient with respect to itself is 1."),
    "chain_activation": QT_TRANSLATE_NOOP(
        "Explain", "Chain rule: the error term %1 is the gradient arriving at %2 times the derivative of %3."),
    "chain_error": QT_TRANSLATE_NOOP("Explain", "Chain rule: the error term %1 collects the gradient flowing back."),
    "fan_out": QT_TRANSLATE_NOOP(
        "Explain", "%1 feeds several nodes, so its gradient is the sum of what flows back from each."),
    "chain_value": QT_TRANSLATE_NOOP(
        "Explain",
        "Chain rule: the gradient with respect to %1 is the gradient downstream times the local derivative."),
    "grad_weight": QT_TRANSLATE_NOOP(
        "Explain", "A weight's gradient is the error term of the neuron it feeds times the value it carries."),
    "grad_bias": QT_TRANSLATE_NOOP("Explain", "A bias's gradient equals the error term of its neuron."),
    "update": QT_TRANSLATE_NOOP(
        "Explain", "Gradient descent: move the parameter against its gradient, scaled by the learning rate η."),
    "objective_pass": QT_TRANSLATE_NOOP(
        "Explain", "J = L + s, so %1 passes the gradient of J on unchanged: its local derivative is 1."),
    "grad_norm": QT_TRANSLATE_NOOP(
        "Explain", "s = λ/2 · (‖W₁‖² + ‖W₂‖² + …), so each squared norm receives λ/2 times the gradient of s."),
    "grad_product": QT_TRANSLATE_NOOP(
        "Explain", "A sum passes its gradient to every term unchanged, so the product %1 receives it as it is."),
    "chain": QT_TRANSLATE_NOOP(
        "Explain", "Chain rule: multiply the gradient arriving from downstream by the local derivative."),
    "compute": QT_TRANSLATE_NOOP("Explain", "Compute %1 from its inputs."),
    # layer steps (engine/compile_layer.py): whole vectors and matrices
    "affine": QT_TRANSLATE_NOOP(
        "Explain", "The whole layer at once: the matrix product of the inputs and the weight matrix, plus the bias, "
                   "gives every weighted sum of %1."),
    "activation_layer": QT_TRANSLATE_NOOP(
        "Explain", "Activation function: %1 is applied to every entry of %2 (elementwise)."),
    "local": QT_TRANSLATE_NOOP(
        "Explain", "The derivative of the activation at every entry of %1: the factor the chain rule multiplies by "
                   "entry by entry."),
    "decay_local": QT_TRANSLATE_NOOP(
        "Explain", "∂s/∂W = λW: the part of the weights' gradient that comes from weight decay."),
    "chain_elementwise": QT_TRANSLATE_NOOP(
        "Explain", "Chain rule, entry by entry: the error term %1 is the gradient arriving at %2 times %3, "
                   "an elementwise product (⊙)."),
    "grad_activation_matrix": QT_TRANSLATE_NOOP(
        "Explain", "Chain rule back through the weights: the error terms times the transposed weight matrix give "
                   "the gradient at %1."),
    "grad_output_batch": QT_TRANSLATE_NOOP(
        "Explain", "Each sample's own gradient, one row per sample; the mean over the samples is taken where the "
                   "gradient reaches the weights."),
    "grad_weight_matrix": QT_TRANSLATE_NOOP(
        "Explain", "The weights' gradient %1 is the layer's inputs, transposed, times its error terms. The lecture "
                   "writes δᵀ·X, the transpose of this: here each sample is a row (z = X·W + b), so the transpose "
                   "goes on the inputs and the result has the shape of the weight matrix."),
    "grad_weight_batch": QT_TRANSLATE_NOOP(
        "Explain", "The weights' gradient %1 is the layer's inputs, transposed, times every sample's error terms, "
                   "divided by the number of samples: the mean of the samples' gradients, which is what PyTorch "
                   "computes for a batch. Each sample is a row (z = X·W + b), so the transpose goes on the inputs "
                   "(the lecture's δᵀ·X is its transpose)."),
    "grad_weight_columns": QT_TRANSLATE_NOOP(
        "Explain", "The weights' gradient %1 is the error terms times the layer's inputs, transposed, as d2l prints "
                   "it (each sample is a column); with several samples divided by their number: the mean, which is "
                   "what PyTorch computes for a batch."),
    "grad_bias_batch": QT_TRANSLATE_NOOP(
        "Explain", "The biases' gradient is the mean of the error terms over the samples: what PyTorch computes "
                   "for a batch."),
}


@dataclass(frozen=True)
class Name:
    """A word filled into a sentence and translated with it (an activation's name)."""

    text: str
    context: str = "Explain"


@dataclass(frozen=True)
class Sentence:
    """One step's sentence: a template from SENTENCES and what fills its %1, %2 …"""

    code: str
    args: tuple[Piece | Name, ...] = ()

    @property
    def template(self) -> str:
        return SENTENCES[self.code]

    def segments(self, translate: Translate = english) -> list[str | Piece | Name]:
        """The translated template cut at its placeholders: text, then what fills %1, text, …"""
        text = translate("Explain", self.template)
        out: list[str | Piece | Name] = []
        k = 0
        while k < len(text):
            if text[k] == "%" and k + 1 < len(text) and text[k + 1].isdigit() and int(text[k + 1]) <= len(self.args):
                out.append(self.args[int(text[k + 1]) - 1])
                k += 2
                continue
            if out and isinstance(out[-1], str):
                out[-1] += text[k]
            else:
                out.append(text[k])
            k += 1
        return out

    def render(self, form: str = "text", translate: Translate = english) -> str:
        """The sentence as plain text or rich text (``form`` "text" or "html")."""
        from .formula import escape

        if form == "text":
            return self.compose(translate, str, lambda piece: piece.text)
        return self.compose(translate, escape, lambda piece: piece.html)

    def compose(self, translate: Translate, words: Callable[[str], str], symbol: Callable[[Piece], str]) -> str:
        """The translated sentence with its words set by ``words`` and its symbols by ``symbol`` (a handout's form)."""
        parts = []
        for segment in self.segments(translate):
            if isinstance(segment, str):
                parts.append(words(segment))
            elif isinstance(segment, Name):
                parts.append(words(translate(segment.context, segment.text)))
            else:
                parts.append(symbol(segment))
        return "".join(parts)


def activation(name: str) -> Name:
    """The activation's label (engine/names.py), translated with the sentence it is filled into."""
    return Name(ACTIVATIONS.get(name, name), CONTEXT)


def sentence(e) -> Sentence:
    """The sentence that explains one step (an Explanation), by the role of its node."""
    node, role = e.step.node, e.role
    symbol = node.sym
    if node.meta.get("matrix"):
        found = _layer_sentence(e)
        if found is not None:
            return found
    if role == "weighted_sum" and not getattr(node.op, "bias", False):  # a layer without bias (Σ p at operation steps)
        return Sentence("weighted_sum_no_bias" if node.op.name == "weighted_sum" else "sum")
    if role in ("weighted_sum", "product", "sum", "diff", "loss_term", "loss", "norm", "decay", "objective",
                "seed", "grad_weight", "grad_bias", "update", "grad_norm"):
        return Sentence(role)
    if role == "bias_add":
        return Sentence(role, (symbol,))
    if role == "activation":
        return Sentence(role, (activation(node.meta.get("activation", node.op.name if node.op else "")), symbol))
    if role in ("grad_weighted_sum", "grad_bias_add"):
        consumer = next((c["consumer"] for c in e.contributions), None)
        if consumer is not None and consumer.meta.get("role") == Role.ACTIVATION:
            return Sentence("chain_activation", (node.grad_sym, consumer.sym,
                                                 activation(consumer.meta.get("activation", ""))))
        return Sentence("chain_error", (node.grad_sym,))
    if role == "grad_activation":
        return Sentence("fan_out" if len(e.contributions) > 1 else "chain_value", (symbol,))
    if role in ("grad_loss", "grad_decay") and e.contributions and \
            e.contributions[0]["consumer"].meta.get("role") == Role.OBJECTIVE:
        return Sentence("objective_pass", (symbol,))
    if role == "grad_product":
        return Sentence(role, (symbol,))
    if role.startswith("grad_"):
        return Sentence("fan_out", (symbol,)) if len(e.contributions) > 1 else Sentence("chain")
    return Sentence("compute", (symbol,))


def _layer_sentence(e) -> Sentence | None:
    """A layer step's sentence (engine/compile_layer.py); None where the neuron steps' one fits."""
    node, role = e.step.node, e.role
    m = node.meta
    batch = m.get("samples", 1) > 1
    if role == "affine":
        return Sentence("affine", (node.sym,))
    if role == "activation":
        return Sentence("activation_layer", (activation(m.get("activation", "")), node.inputs[0].sym))
    if role == "local":
        return Sentence("decay_local") if m.get("decay") else Sentence("local", (node.inputs[0].sym,))
    consumer = next((c["consumer"] for c in e.contributions), None)
    if role == "grad_affine" and consumer is not None and consumer.meta.get("role") == Role.ACTIVATION \
            and e.contributions[0]["local"] is not None:
        slope = consumer.op.local_formula(0, [node.sym], consumer.sym)
        return Sentence("chain_elementwise", (node.grad_sym, consumer.sym, slope))
    if role == "grad_activation" and consumer is not None and consumer.meta.get("role") == Role.AFFINE:
        return Sentence("grad_activation_matrix", (node.sym,))
    if role in ("grad_activation", "grad_affine") and consumer is not None \
            and consumer.meta.get("role") == Role.LOSS and batch:
        return Sentence("grad_output_batch")
    if role == "grad_weight":
        code = "grad_weight_columns" if m.get("columns") else "grad_weight_batch" if batch else "grad_weight_matrix"
        return Sentence(code, (node.grad_sym,))
    if role == "grad_bias" and batch:
        return Sentence("grad_bias_batch")
    return None
