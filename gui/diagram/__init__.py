"""The network diagram: neurons, weights and the highlight of the current step."""
