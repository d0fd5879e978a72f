"""Test helper: step until a condition holds, failing (never hanging) when it never does."""


def step_until(stepper, condition) -> None:
    """Step forward until ``condition()`` is true; at most one pass through the schedule."""
    for _ in range(len(stepper) + 1):
        if condition():
            return
        if stepper.step_forward() is None:
            break
    assert condition(), "the schedule ended before the awaited step"
