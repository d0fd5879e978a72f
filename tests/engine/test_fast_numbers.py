"""Weight matrices are checked in one numpy pass, and a bad element is still named exactly."""

import numpy as np
import pytest

from engine.errors import ValidationError
from engine.network import numeric_array


def _rows(bad):
    rows = np.random.default_rng(1).uniform(-1, 1, (50, 4)).tolist()
    rows[37][2] = bad
    return rows


@pytest.mark.parametrize(("bad", "shown"), [(True, "True"), ("0.5", "'0.5'"), (float("inf"), "inf"),
                                            (10**400, None), (None, "None")])
def test_the_first_bad_element_is_named_whatever_numpy_would_make_of_it(bad, shown):
    with pytest.raises(ValidationError) as caught:
        numeric_array(_rows(bad), "network.layers[1].weights", 2, width=4)
    assert str(caught.value).startswith("network.layers[1].weights[37][2]: expected a finite number, got ")
    if shown is not None:
        assert str(caught.value).endswith(shown)


def test_whole_numbers_and_floats_read_as_float64():
    rows = _rows(3)
    array = numeric_array(rows, "w", 2, width=4)
    assert array.dtype == np.float64
    assert array.shape == (50, 4)
    assert array[37, 2] == 3.0
    assert array.tolist() == [[float(v) for v in row] for row in rows]
