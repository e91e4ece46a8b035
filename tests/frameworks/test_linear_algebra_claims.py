"""Claims of "선형대수" (linear-algebra.md) that every tab makes, run in each tab's own environment;
tab_<tab>/test_linear_algebra_<tab>_claims.py adds its own. Every expected value is computed here
with NumPy from the definitions the section gives (closed forms)."""
import numpy as np

from section import chapter, run_demo, Section
from shown import numbers, shown as shown_as, value

PATH = chapter("linear-algebra")
DEMOS = ["imports", "scalars", "vectors", "matrices", "symmetric", "tensors", "arithmetic", "scalar_tensor",
         "sum", "mean", "keepdims", "cumsum", "dot", "matvec", "matmul", "norms"]
A = np.arange(6, dtype=np.float32).reshape(2, 3)
T = np.arange(24, dtype=np.float32).reshape(2, 3, 4)


def run(fw, demo):
    return run_demo(fw.tab, PATH, DEMOS, demo)


def shown(fw, sec, demo):
    return shown_as(fw, sec, DEMOS, demo)


def test_every_demo_is_in_the_tab(fw):
    assert len(Section(fw.tab, PATH).cells) == len(DEMOS)


def test_scalars_have_no_axes(fw):
    sec = run(fw, "scalars")
    assert [float(v) for v in shown(fw, sec, "scalars")] == [3 + 2, 3 * 2, 3 / 2, 3 ** 2]
    assert value(fw, sec, "x").shape == ()


def test_a_vector_is_one_axis_counted_from_zero(fw):
    sec = run(fw, "vectors")
    x = shown(fw, sec, "vectors")
    assert x.shape == (4,) and x.tolist() == [0, 1, 2, 3]
    assert numbers(sec.stdout[-1]) == [2, 4, 4]  # x[2], len(x), the shape (4,)


def test_transpose_swaps_rows_and_columns(fw):
    sec = run(fw, "matrices")
    np.testing.assert_array_equal(value(fw, sec, "A"), A)
    At = shown(fw, sec, "matrices")
    assert At.shape == (3, 2) and all(At[j, i] == A[i, j] for i in range(2) for j in range(3))


def test_a_symmetric_matrix_equals_its_transpose(fw):
    sec = run(fw, "symmetric")
    S = value(fw, sec, "S")
    assert S.shape[0] == S.shape[1] and (S == S.T).all()
    assert shown(fw, sec, "symmetric").all()


def test_a_three_axis_tensor(fw):
    sec = run(fw, "tensors")
    assert numbers(sec.stdout[-1]) == [2, 3, 4]
    np.testing.assert_array_equal(shown(fw, sec, "tensors"), T[1])


def test_sum_and_hadamard_product(fw):
    sec = run(fw, "arithmetic")
    B = A + 1
    np.testing.assert_array_equal(value(fw, sec, "A + B"), A + B)
    hadamard = np.array([[A[i, j] * B[i, j] for j in range(3)] for i in range(2)])
    np.testing.assert_array_equal(shown(fw, sec, "arithmetic"), hadamard)


def test_a_scalar_reaches_every_element(fw):
    sec = run(fw, "scalar_tensor")
    assert numbers(sec.stdout[-1]) == [2, 3, 4]
    np.testing.assert_array_equal(shown(fw, sec, "scalar_tensor"), 2 * T[0])


def test_sums_over_all_and_along_axes(fw):
    sec = run(fw, "sum")
    first, second = sec.stdout[-1].splitlines()[:2]
    assert numbers(first)[0] == 0 + 1 + 2 + 3
    assert numbers(second)[:5] == [sum(A[:, j]) for j in range(3)] + [sum(A[i, :]) for i in range(2)]
    assert float(shown(fw, sec, "sum")) == sum(range(6)) == 15


def test_mean_is_sum_over_count(fw):
    sec = run(fw, "mean")
    assert numbers(sec.stdout[-1]) == [15 / 6, 15 / 6]
    along, by_hand = shown(fw, sec, "mean")
    np.testing.assert_allclose(along, A.sum(axis=0) / 2)
    np.testing.assert_allclose(by_hand, along)


def test_keepdims_keeps_a_length_one_axis_for_broadcasting(fw):
    sec = run(fw, "keepdims")
    assert numbers(sec.stdout[-1]) == [2, 1, 2]
    rows = shown(fw, sec, "keepdims")
    np.testing.assert_allclose(rows, A / A.sum(axis=1)[:, None], rtol=1e-6)
    np.testing.assert_allclose(rows.sum(axis=1), [1, 1], rtol=1e-6)


def test_cumulative_sum_keeps_the_shape(fw):
    sec = run(fw, "cumsum")
    np.testing.assert_array_equal(shown(fw, sec, "cumsum"), np.stack([A[0], A[0] + A[1]]))


def test_dot_product_is_the_sum_of_elementwise_products(fw):
    sec = run(fw, "dot")
    x, y = value(fw, sec, "x"), value(fw, sec, "y")
    expected = sum(float(a) * float(b) for a, b in zip(x, y))
    assert expected == 3
    assert [float(v) for v in shown(fw, sec, "dot")] == [expected, expected]


def test_matrix_vector_product_is_row_dot_products(fw):
    sec = run(fw, "matvec")
    x = value(fw, sec, "x")
    expected = [sum(float(a) * float(b) for a, b in zip(row, x)) for row in A]
    assert expected == [5, 14]
    assert numbers(sec.stdout[-1]) == [2, 3, 3]
    np.testing.assert_array_equal(shown(fw, sec, "matvec")[0], expected)


def test_matrix_product_is_row_column_dot_products(fw):
    sec = run(fw, "matmul")
    C = np.ones((3, 4))
    expected = np.array([[sum(A[i, k] * C[k, j] for k in range(3)) for j in range(4)] for i in range(2)])
    for got in shown(fw, sec, "matmul"):
        assert got.shape == (2, 4)
        np.testing.assert_array_equal(got, expected)
    assert expected[:, 0].tolist() == [3, 12]


def test_norms_match_their_definitions(fw):
    sec = run(fw, "norms")
    u = [3.0, -4.0]
    assert numbers(sec.stdout[-1]) == [sum(v * v for v in u) ** 0.5, sum(abs(v) for v in u)] == [5, 7]
    assert float(shown(fw, sec, "norms")) == (4 * 9) ** 0.5 == 6


