"""The lecture's 2-2-1 example derived independently, by hand-written float64 formulas.

Nothing here uses the engine. The lecture's own rounded numbers contain slips; these are
the true values the app must show. Every test that needs the lecture's file or its numbers
takes them from here.
"""

import math
from pathlib import Path

PATH = Path(__file__).resolve().parents[2] / "resources" / "examples" / "lecture_2-2-1.json"  # the lesson itself

X = (1.0, 2.0)
W1 = ((0.5, 0.6), (0.7, 0.8))  # W1[i][j]: input i → hidden j
B1 = (0.1, 0.2)
W2 = (0.9, 0.1)  # hidden j → output
B2 = 0.3
Y = 0.5


def sigma(t: float) -> float:
    return 1.0 / (1.0 + math.exp(-t))


z1 = [X[0] * W1[0][j] + X[1] * W1[1][j] + B1[j] for j in range(2)]
a1 = [sigma(t) for t in z1]
z2 = a1[0] * W2[0] + a1[1] * W2[1] + B2
yhat = sigma(z2)
L = 0.5 * (yhat - Y) ** 2
dL_dyhat = yhat - Y
dyhat_dz2 = yhat * (1.0 - yhat)
delta2 = dL_dyhat * dyhat_dz2
dW2 = [delta2 * a1[j] for j in range(2)]
db2 = delta2
dL_da1 = [delta2 * W2[j] for j in range(2)]
da1_dz1 = [a1[j] * (1.0 - a1[j]) for j in range(2)]
delta1 = [dL_da1[j] * da1_dz1[j] for j in range(2)]
dW1 = [[X[i] * delta1[j] for j in range(2)] for i in range(2)]  # shaped like W1 (in × out)
db1 = list(delta1)

SQUARES = sum(w * w for row in W1 for w in row) + sum(w * w for w in W2)  # ‖W₁‖² + ‖W₂‖² (biases are not decayed)


def with_decay(lam: float):
    """J = L + λ/2·(‖W₁‖² + ‖W₂‖²) and ∂J/∂W₁, ∂J/∂W₂ = ∂L/∂W + λW (the bias gradients are unchanged)."""
    objective = L + lam / 2 * SQUARES
    dW1_decayed = [[dW1[i][j] + lam * W1[i][j] for j in range(2)] for i in range(2)]
    dW2_decayed = [dW2[j] + lam * W2[j] for j in range(2)]
    return objective, dW1_decayed, dW2_decayed

# The same network as a file format v1 "network" object (weights in × out), for tests that load it.
NETWORK = {
    "layers": [
        {"size": 2},
        {"size": 2, "activation": "sigmoid", "weights": [list(row) for row in W1], "biases": list(B1)},
        {"size": 1, "activation": "sigmoid", "weights": [[w] for w in W2], "biases": [B2]},
    ],
    "loss": "half_sse",
}
