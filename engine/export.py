"""Export a network lesson as a standalone NumPy or PyTorch script.

Run as it is, the script rebuilds the network and its data and prints the same JSON as
``python -m engine grads FILE``: the loss, the objective, the outputs and the gradients.
The NumPy script needs only numpy; the PyTorch one needs only torch.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .document import Document
from .errors import StudioError
from .messages import Message

TARGETS = ("numpy", "pytorch")

_HEADER = '''"""{title}

Exported from Backprop Studio. Needs only {needs}. Run it: python {name}
It prints the loss L, the objective J = L + λ/2·Σ‖W‖², the outputs and ∂J/∂W, ∂J/∂b
(each the mean over the samples) as JSON.
"""

import json

'''

_DATA = '''
# weights[l][i][j] joins neuron i of the previous layer to neuron j: z = a_prev · W + b
# (a layer whose BIASES entry is None has no bias: z = a_prev · W)
WEIGHTS = {weights}
BIASES = {biases}
ACTIVATIONS = {activations}
LOSS = {loss}
WEIGHT_DECAY = {decay}
INPUTS = {inputs}
TARGETS = {targets}
'''

_NUMPY = '''

def activate(name, z):
    if name == "sigmoid":
        return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.01 * z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)
    return z.copy()


def derivative(name, z, a):
    if name == "sigmoid":  # σ(z)σ(−z): a(1 − a) rounds to 0 for z above about 37
        return activate("sigmoid", z) * activate("sigmoid", -z)
    if name == "tanh":  # 1/cosh²(z): 1 − a² rounds to 0 for |z| above about 19
        return np.square(1 / np.cosh(z))
    if name == "relu":
        return (z > 0).astype(float)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    return np.ones_like(z)


def softplus(x):
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def main():
    np.seterr(all="ignore")  # overflow shows as inf or nan in the output, not as warnings
    W = [np.array(w, dtype=np.float64) for w in WEIGHTS]
    b = [None if v is None else np.array(v, dtype=np.float64) for v in BIASES]
    x = np.array(INPUTS, dtype=np.float64)
    y = np.array(TARGETS, dtype=np.float64)
    n, k = y.shape
    zs, activations = [], [x]
    for weights, bias, name in zip(W, b, ACTIVATIONS):
        z = activations[-1] @ weights
        zs.append(z if bias is None else z + bias)
        activations.append(activate(name, zs[-1]))
    z, out = zs[-1], activations[-1]
    if LOSS == "half_sse":
        loss = 0.5 * np.sum((out - y) ** 2) / n
        delta = (out - y) * derivative(ACTIVATIONS[-1], z, out) / n
    elif LOSS == "mse":
        loss = np.mean((out - y) ** 2)
        delta = 2 * (out - y) * derivative(ACTIVATIONS[-1], z, out) / (n * k)
    elif LOSS == "bce":  # sigmoid output: log ŷ = −softplus(−z), log(1 − ŷ) = −softplus(z)
        loss = np.mean(y * softplus(-z) + (1 - y) * softplus(z))
        delta = ((1 - y) * out - y * activate("sigmoid", -z)) / (n * k)  # (ŷ − y)/(N·K), exact near ŷ = 1
    else:  # cross_entropy with a softmax output
        log_p = z - z.max(axis=1, keepdims=True)
        log_p = log_p - np.log(np.exp(log_p).sum(axis=1, keepdims=True))
        loss = -np.sum(y * log_p) / n
        # (ŷ·Σy − y)/N, with 1 − ŷ summed from the other probabilities (exact where ŷ is near 1)
        e = np.exp(z - z.max(axis=1, keepdims=True))
        top = np.arange(e.shape[1]) == np.argmax(z, axis=1)[:, None]
        rest = np.where(top, np.where(top, 0.0, e).sum(axis=1, keepdims=True), e.sum(axis=1, keepdims=True) - e)
        delta = (out * (y.sum(axis=1, keepdims=True) - y) - y * rest / e.sum(axis=1, keepdims=True)) / n
    objective = loss + WEIGHT_DECAY / 2 * sum(np.sum(w * w) for w in W)
    grads = [None] * len(W)
    for layer in range(len(W) - 1, -1, -1):
        grads[layer] = {"weights": (activations[layer].T @ delta + WEIGHT_DECAY * W[layer]).tolist()}
        if b[layer] is not None:
            grads[layer]["biases"] = delta.sum(axis=0).tolist()
        if layer:
            back = delta @ W[layer].T
            delta = back * derivative(ACTIVATIONS[layer - 1], zs[layer - 1], activations[layer])
    print(json.dumps({"loss": float(loss), "objective": float(objective), "outputs": out.tolist(),
                      "gradients": grads}))


if __name__ == "__main__":
    main()
'''

_TORCH = '''

def activate(name, z):
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return torch.relu(z)
    if name == "leaky_relu":
        return torch.nn.functional.leaky_relu(z, 0.01)
    if name == "softmax":
        return torch.softmax(z, dim=1)
    return z


def main():
    W = [torch.tensor(w, dtype=torch.float64, requires_grad=True) for w in WEIGHTS]
    b = [None if v is None else torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in BIASES]
    a = torch.tensor(INPUTS, dtype=torch.float64)
    y = torch.tensor(TARGETS, dtype=torch.float64)
    n = y.shape[0]
    for weights, bias, name in zip(W, b, ACTIVATIONS):
        z = a @ weights if bias is None else a @ weights + bias
        a = activate(name, z)
    if LOSS == "half_sse":
        loss = 0.5 * ((a - y) ** 2).sum() / n
    elif LOSS == "mse":
        loss = torch.nn.functional.mse_loss(a, y)
    elif LOSS == "bce":
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
    else:
        loss = -(y * torch.log_softmax(z, dim=1)).sum() / n
    objective = loss + WEIGHT_DECAY / 2 * sum((w * w).sum() for w in W)
    objective.backward()
    print(json.dumps({
        "loss": loss.item(), "objective": objective.item(), "outputs": a.detach().tolist(),
        "gradients": [{"weights": w.grad.tolist(), **({} if v is None else {"biases": v.grad.tolist()})}
                      for w, v in zip(W, b)],
    }))


if __name__ == "__main__":
    main()
'''


def export_script(doc: Document, target: str, name: str = "network.py") -> str:
    if doc.network is None or doc.data is None:
        raise StudioError(Message("export.needs_data"))
    if target not in TARGETS:
        raise StudioError(Message("unknown.export_target", name=repr(target), first="numpy", second="pytorch"))
    net = doc.network
    title = doc.title.get("en") or "A Backprop Studio network"
    header = _HEADER.format(title=title, needs="numpy" if target == "numpy" else "PyTorch", name=name)
    data = _DATA.format(
        weights=json.dumps([net.weights(layer).tolist() for layer in range(1, len(net.layers))]),
        biases="[" + ", ".join(json.dumps(net.biases(layer).tolist()) if net.has_bias(layer) else "None"
                               for layer in range(1, len(net.layers))) + "]",
        activations=json.dumps([net.activation(layer) for layer in range(1, len(net.layers))]),
        loss=json.dumps(net.loss), decay=repr(float(net.weight_decay)),
        inputs=json.dumps(doc.data.inputs.tolist()), targets=json.dumps(doc.data.targets.tolist()),
    )
    imports = "import numpy as np\n" if target == "numpy" else "import torch\n"
    return header + imports + data + (_NUMPY if target == "numpy" else _TORCH)


def add_export_parser(commands) -> None:
    parser = commands.add_parser("export", help="write the network as a standalone NumPy or PyTorch script")
    parser.add_argument("file")
    parser.add_argument("--to", choices=TARGETS, required=True)
    parser.add_argument("-o", "--output", help="where to write the script (default: standard output)")
    parser.set_defaults(run=run_export)


def run_export(args) -> int:
    from .document import load

    out = Path(args.output) if args.output else None
    script = export_script(load(args.file), args.to, out.name if out else "network.py")
    if out is None:
        sys.stdout.write(script)
    else:
        out.write_text(script, encoding="utf-8")
    return 0
