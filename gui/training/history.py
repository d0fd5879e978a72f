"""The training panel's loss history.

The loss history goes on across runs: a run that starts from the weights, data and split
the last run ended with continues its iterations and its curve. Anything else that changes
the network (an edit, reset weights, undo or redo), the data or the split clears the history
(``history_cleared``), and the next run starts again at iteration 0.
"""

from __future__ import annotations

import numpy as np

from engine.config import TrainingConfig


class LossHistoryMixin:
    """Where the loss history of TrainingPanel ends and whether a run continues it (a mixin)."""

    def history_end(self) -> int | None:
        """The iteration the loss history has reached (the next run continues from it); None: none yet."""
        return self._history_end

    def _clear_history(self) -> None:
        self._history_end, self._history_state = None, None
        self.history_cleared.emit()

    def _keep_history(self, iterations: int) -> None:
        """A run ended: the history reaches ``iterations`` more, from the weights, data and split now in the lesson."""
        lesson = self.lesson
        self._history_end = self._offset + iterations
        self._history_state = (lesson.network.copy(), lesson.data.inputs.copy(), lesson.data.targets.copy(),
                               *self._current_split())

    def _continues_history(self, config: TrainingConfig) -> bool:
        """Whether a run starting now begins where the history ended (same weights, data and split)."""
        if self._history_end is None or self._history_state is None or self.lesson is None:
            return False
        network, inputs, targets, test_fraction, seed = self._history_state
        current, data = self.lesson.network, self.lesson.data
        if (current.sizes != network.sizes or current.loss != network.loss
                or test_fraction != config.test_fraction or seed != config.seed
                or not np.array_equal(inputs, data.inputs) or not np.array_equal(targets, data.targets)):
            return False
        for layer in range(1, network.depth + 1):
            if current.activation(layer) != network.activation(layer) \
                    or not np.array_equal(current.weights(layer), network.weights(layer)) \
                    or not np.array_equal(current.biases(layer), network.biases(layer)):
                return False
        return True
