"""Plain-language lines that explain each step, in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from engine.stepper import Explanation


def phase_name(phase: str) -> str:
    return {
        "ready": QCoreApplication.translate("Explain", "Ready"),
        "forward": QCoreApplication.translate("Explain", "Forward propagation"),
        "backward": QCoreApplication.translate("Explain", "Backpropagation"),
        "update": QCoreApplication.translate("Explain", "Gradient descent update"),
    }.get(phase, phase)


def activation_name(name: str) -> str:
    return {
        "sigmoid": "sigmoid",
        "tanh": "tanh",
        "relu": "ReLU",
        "leaky_relu": "Leaky ReLU",
        "linear": QCoreApplication.translate("Explain", "linear"),
        "softmax": "softmax",
    }.get(name, name)


def loss_name(name: str) -> str:
    return {
        "half_sse": QCoreApplication.translate("Explain", "half squared error ½(ŷ − y)²"),
        "mse": QCoreApplication.translate("Explain", "mean squared error"),
        "bce": QCoreApplication.translate("Explain", "binary cross-entropy"),
        "cross_entropy": QCoreApplication.translate("Explain", "cross-entropy"),
    }.get(name, name)


def describe(e: Explanation) -> str:
    """One sentence for the step, with its symbols filled in (rich text)."""
    node = e.step.node
    role = e.role
    symbol = node.sym.html
    if role == "weighted_sum":
        return QCoreApplication.translate(
            "Explain", "Weighted sum: multiply each input by its weight, add them up, then add the bias."
        )
    if role == "product":
        return QCoreApplication.translate("Explain", "Multiply the incoming value by its weight.")
    if role == "sum":
        return QCoreApplication.translate("Explain", "Add up the weighted inputs of the neuron.")
    if role == "bias_add":
        return QCoreApplication.translate("Explain", "Add the bias to get the weighted sum %1.").replace("%1", symbol)
    if role == "activation":
        act = activation_name(node.meta.get("activation", node.op.name if node.op else ""))
        return (
            QCoreApplication.translate(
                "Explain", "Activation function: %1 turns the weighted sum into the neuron's output %2."
            )
            .replace("%1", act)
            .replace("%2", symbol)
        )
    if role == "diff":
        return QCoreApplication.translate("Explain", "The error of this output: prediction minus true label.")
    if role == "loss_term":
        return QCoreApplication.translate("Explain", "The loss term of this output.")
    if role == "loss":
        return QCoreApplication.translate("Explain", "Loss function: compare the prediction with the true label.")
    if role == "norm":
        return QCoreApplication.translate("Explain", "The squared norm of this layer's weights, for weight decay.")
    if role == "decay":
        return QCoreApplication.translate("Explain", "Weight decay: s is λ/2 times the sum of the squared weights.")
    if role == "objective":
        return QCoreApplication.translate("Explain", "The objective J adds the weight-decay term s to the loss L.")
    if role == "seed":
        return QCoreApplication.translate(
            "Explain", "Backpropagation starts at the output: its gradient with respect to itself is 1."
        )
    if role in ("grad_weighted_sum", "grad_bias_add"):
        act_node = next((c["consumer"] for c in e.contributions), None)
        if act_node is not None and act_node.meta.get("role") == "activation":
            act = activation_name(act_node.meta.get("activation", ""))
            arriving = act_node.sym.html
            return (
                QCoreApplication.translate(
                    "Explain",
                    "Chain rule: the error term %1 is the gradient arriving at %2 times the derivative of %3.",
                )
                .replace("%1", node.grad_sym.html)
                .replace("%2", arriving)
                .replace("%3", act)
            )
        return QCoreApplication.translate(
            "Explain", "Chain rule: the error term %1 collects the gradient flowing back."
        ).replace("%1", node.grad_sym.html)
    if role == "grad_activation":
        if len(e.contributions) > 1:
            return QCoreApplication.translate(
                "Explain", "%1 feeds several nodes, so its gradient is the sum of what flows back from each."
            ).replace("%1", symbol)
        return QCoreApplication.translate(
            "Explain",
            "Chain rule: the gradient with respect to %1 is the gradient downstream times the local derivative.",
        ).replace("%1", symbol)
    if role == "grad_weight":
        return QCoreApplication.translate(
            "Explain", "A weight's gradient is the error term of the neuron it feeds times the value it carries."
        )
    if role == "grad_bias":
        return QCoreApplication.translate("Explain", "A bias's gradient equals the error term of its neuron.")
    if role == "update":
        return QCoreApplication.translate(
            "Explain", "Gradient descent: move the parameter against its gradient, scaled by the learning rate η."
        )
    if role in ("grad_loss", "grad_decay") and e.contributions and \
            e.contributions[0]["consumer"].meta.get("role") == "objective":
        return QCoreApplication.translate(
            "Explain", "J = L + s, so %1 passes the gradient of J on unchanged: its local derivative is 1."
        ).replace("%1", symbol)
    if role == "grad_norm":
        return QCoreApplication.translate(
            "Explain", "s = λ/2 · (‖W₁‖² + ‖W₂‖² + …), so each squared norm receives λ/2 times the gradient of s."
        )
    if role == "grad_product":
        return QCoreApplication.translate(
            "Explain", "A sum passes its gradient to every term unchanged, so the product %1 receives it as it is."
        ).replace("%1", symbol)
    if role.startswith("grad_"):
        if len(e.contributions) > 1:
            return QCoreApplication.translate(
                "Explain", "%1 feeds several nodes, so its gradient is the sum of what flows back from each."
            ).replace("%1", symbol)
        return QCoreApplication.translate(
            "Explain", "Chain rule: multiply the gradient arriving from downstream by the local derivative."
        )
    return QCoreApplication.translate("Explain", "Compute %1 from its inputs.").replace("%1", symbol)
