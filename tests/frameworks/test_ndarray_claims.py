"""Claims of "데이터 다루기" (ndarray.md) that every tab makes, run in each tab's own environment
(``fw`` is the tab's adapter); tab_<tab>/test_ndarray_<tab>_claims.py adds the claims only its
tab makes. Expected values are computed here with NumPy, not read from the book."""
import numpy as np

from section import chapter, run_demo, Section
from shown import numbers, shown as shown_as, value

PATH = chapter("ndarray")
DEMOS = ["imports", "arange", "reshape", "filled", "from_list", "elementwise", "concat", "compare",
         "broadcast", "index", "assign", "memory", "numpy", "scalar"]
Y_LIST = [[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]


def run(fw, demo):
    return run_demo(fw.tab, PATH, DEMOS, demo)


def shown(fw, sec, demo):
    return shown_as(fw, sec, DEMOS, demo)


def test_every_demo_is_in_the_tab(fw):
    assert len(Section(fw.tab, PATH).cells) == len(DEMOS)


def test_reshape_fills_row_by_row_and_infers_minus_one(fw):
    sec = run(fw, "reshape")
    rows, cols = np.indices((3, 4))
    np.testing.assert_array_equal(value(fw, sec, "X"), 4 * rows + cols)
    assert numbers(sec.stdout[-1]) == [3, 4, 2, 6]


def test_zeros_ones_and_a_seeded_draw(fw):
    sec = run(fw, "filled")
    assert value(fw, sec, "Z").shape == (2, 3, 4) and not value(fw, sec, "Z").any()
    assert (value(fw, sec, "O") == 1).all() and float(value(fw, sec, "O").sum()) == 6
    first = shown(fw, sec, "filled")
    assert first.shape == (2, 3)
    np.testing.assert_array_equal(shown(fw, run(fw, "filled"), "filled"), first)  # the seed: same draw again


def test_a_list_with_a_decimal_point_gives_float32(fw):
    sec = run(fw, "from_list")
    Y = value(fw, sec, "Y")
    assert Y.dtype == np.float32 and Y.tolist() == Y_LIST


def test_operators_are_elementwise(fw):
    sec = run(fw, "elementwise")
    a, b = np.array([1.0, 2, 4, 8]), np.array([2.0, 2, 2, 2])
    for expr, expected in [("a + b", a + b), ("a - b", a - b), ("a * b", a * b), ("a / b", a / b),
                           ("a ** b", a ** b)]:
        np.testing.assert_allclose(value(fw, sec, expr), expected)
    np.testing.assert_allclose(shown(fw, sec, "elementwise"), np.exp(a), rtol=1e-6)


def test_concatenation_along_rows_and_columns(fw):
    sec = run(fw, "concat")
    X = np.arange(12, dtype=np.float32).reshape(3, 4)
    np.testing.assert_array_equal(value(fw, sec, "X"), X)
    assert numbers(sec.stdout[-1]) == [6, 4]
    np.testing.assert_array_equal(shown(fw, sec, "concat"), np.concatenate((X, np.array(Y_LIST)), axis=1))


def test_comparison_is_equal_in_two_places(fw):
    sec = run(fw, "compare")
    X, Y = np.arange(12).reshape(3, 4), np.array(Y_LIST)
    np.testing.assert_array_equal(value(fw, sec, "X == Y"), X == Y)
    assert np.argwhere(X == Y).tolist() == [[0, 1], [0, 3]]
    assert int(shown(fw, sec, "compare")) == 2


def test_broadcasting_a_column_and_a_row(fw):
    sec = run(fw, "broadcast")
    assert numbers(sec.stdout[-1]) == [3, 1, 1, 2]
    got = shown(fw, sec, "broadcast")
    np.testing.assert_array_equal(got, np.add.outer(np.arange(3), np.arange(2)))
    assert got.shape == (3, 2)


def test_a_missing_leading_axis_counts_as_length_one(fw):
    sec = run(fw, "broadcast")
    np.testing.assert_array_equal(value(fw, sec, "p + q[0]"), np.add.outer(np.arange(3), np.arange(2)))


def test_indexing_and_slicing(fw):
    sec = run(fw, "index")
    X = np.arange(12, dtype=np.float32).reshape(3, 4)
    np.testing.assert_array_equal(value(fw, sec, "X[-1]"), X[2])
    np.testing.assert_array_equal(value(fw, sec, "X[1:3]"), X[[1, 2]])
    np.testing.assert_array_equal(shown(fw, sec, "index"), X[:, 1])


def assigned():
    """X after 17 at row 2, column 3 and 12 in the first two rows."""
    X = np.arange(12, dtype=np.float32).reshape(3, 4)
    X[2, 3] = 17
    X[:2] = 12
    return X


def test_writing_by_index(fw):
    sec = run(fw, "assign")
    np.testing.assert_array_equal(shown(fw, sec, "assign"), assigned())


def test_scalar_to_python_numbers(fw):
    sec = run(fw, "scalar")
    assert sec.stdout[-1].split() == ["3.5", "3.5", "3"]


