"""Random small networks for the property tests of the answer and hand-calculation checks."""

import numpy as np

from engine.network import make_network

HEADS = [("sigmoid", "half_sse"), ("sigmoid", "bce"), ("softmax", "cross_entropy"), ("linear", "mse"), ("tanh", "mse")]


def random_case(seed: int, hidden: str, decay: float, head: tuple[str, str], largest: int = 3):
    """A 3-layer network with random sizes (up to ``largest`` neurons), biases, input and target."""
    rng = np.random.default_rng(seed)
    out, loss = head
    sizes = [int(rng.integers(1, largest + 1)) for _ in range(3)]
    if out == "softmax":
        sizes[-1] = max(sizes[-1], 2)
    net = make_network(sizes, [hidden, out], loss=loss, weight_decay=decay, seed=seed)
    for layer in net.layers[1:]:  # random biases keep relu away from its kink at exactly 0
        layer.biases = rng.normal(size=layer.size)
    y = np.eye(sizes[-1])[rng.integers(sizes[-1])] if loss == "cross_entropy" else rng.uniform(0, 1, sizes[-1])
    return net, rng.normal(size=sizes[0]), y
