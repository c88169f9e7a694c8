"""dlnotes.activations：与独立的参照（scipy、闭式公式、有限差分）比较，以及输入检查与数值稳定性。"""

from __future__ import annotations

import warnings

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit

from dlnotes import activations as act
from dlnotes.gradcheck import check_gradient

ALL = [
    act.sigmoid,
    act.sigmoid_grad,
    act.relu,
    act.relu_grad,
    act.tanh,
    act.tanh_grad,
    act.leaky_relu,
    act.leaky_relu_grad,
]
PAIRS = [
    (act.sigmoid, act.sigmoid_grad),
    (act.relu, act.relu_grad),
    (act.tanh, act.tanh_grad),
    (act.leaky_relu, act.leaky_relu_grad),
    (lambda z: act.leaky_relu(z, alpha=0.2), lambda z: act.leaky_relu_grad(z, alpha=0.2)),
]
PAIR_IDS = ["sigmoid", "relu", "tanh", "leaky_relu", "leaky_relu_0.2"]


def _grid() -> np.ndarray:
    z = np.concatenate([np.linspace(-50, 50, 2001), [-1000.0, -709.0, -1e-300, 0.0, 1e-300, 709.0, 1000.0]])
    return z


# ---------------------------------------------------------------- 与独立参照比较


def test_sigmoid_matches_scipy_expit():
    z = _grid()
    np.testing.assert_allclose(act.sigmoid(z), expit(z), rtol=1e-14, atol=0)


def test_sigmoid_grad_matches_closed_form():
    # σ'(z) = σ(z) σ(-z)，两个因子都用 scipy 算，没有相消
    z = _grid()
    np.testing.assert_allclose(act.sigmoid_grad(z), expit(z) * expit(-z), rtol=1e-13, atol=0)


def test_sigmoid_grad_is_symmetric():
    z = np.linspace(0, 60, 601)
    np.testing.assert_array_equal(act.sigmoid_grad(z), act.sigmoid_grad(-z))


def test_tanh_matches_sigmoid_identity():
    # tanh(z) = 2σ(2z) − 1，σ 用 scipy
    z = np.linspace(-20, 20, 801)
    np.testing.assert_allclose(act.tanh(z), 2 * expit(2 * z) - 1, rtol=1e-12, atol=1e-15)


def test_tanh_grad_matches_sech_squared():
    z = np.linspace(-20, 20, 801)
    np.testing.assert_allclose(act.tanh_grad(z), 1 / np.cosh(z) ** 2, rtol=1e-9, atol=1e-15)


def test_relu_and_grad_match_definition():
    z = np.array([-3.5, -1e-300, 0.0, 1e-300, 2.0, 1e300])
    assert act.relu(z).tolist() == [max(0.0, v) for v in z]
    assert act.relu_grad(z).tolist() == [1.0 if v > 0 else 0.0 for v in z]


@pytest.mark.parametrize("alpha", [0.0, 0.01, 0.3, 0.99])
def test_leaky_relu_and_grad_match_definition(alpha):
    z = np.array([-4.0, -0.5, 0.0, 0.5, 4.0])
    assert act.leaky_relu(z, alpha=alpha).tolist() == [v if v > 0 else alpha * v for v in z]
    assert act.leaky_relu_grad(z, alpha=alpha).tolist() == [1.0 if v > 0 else alpha for v in z]


def test_known_values():
    assert act.sigmoid(0) == 0.5
    assert act.sigmoid_grad(0) == 0.25
    assert act.tanh_grad(0) == 1.0
    assert act.relu_grad(0.0) == 0.0  # 约定：z = 0 处导数取 0
    assert act.leaky_relu_grad(0.0) == 0.01


# ---------------------------------------------------------------- 有限差分检验每个导数


@pytest.mark.parametrize(("f", "grad"), PAIRS, ids=PAIR_IDS)
def test_derivative_by_finite_differences_on_array(f, grad):
    # 激活函数逐元素作用，所以 d/dz_i Σ f(z) = f'(z_i)：一次检验整个数组。
    rng = np.random.default_rng(0)
    z = rng.uniform(-3, 3, size=(4, 6))
    z[np.abs(z) < 1e-2] = 0.5  # 远离 ReLU 的折点，差分不会跨过它
    err = check_gradient(lambda v: float(np.sum(f(v))), grad, z)
    assert err < 1e-7


@settings(max_examples=examples(60), deadline=None)
@given(
    z=st.floats(-3, 3).filter(lambda v: abs(v) > 1e-3),
    pair=st.sampled_from(PAIRS),
)
def test_derivative_by_finite_differences_pointwise(z, pair):
    f, grad = pair
    assert check_gradient(f, grad, z) < 1e-7


# ---------------------------------------------------------------- 极端值、类型与形状


def test_sigmoid_extremes_exact_and_silent():
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        assert act.sigmoid(1000.0) == 1.0
        assert act.sigmoid(-1000.0) == 0.0
        assert act.sigmoid(np.float32(-1000)) == 0.0
        out = act.sigmoid(np.array([-1e308, 1e308]))
        assert out.tolist() == [0.0, 1.0]
        for f in ALL:
            assert np.all(np.isfinite(f(np.array([-1e308, -1000.0, 1000.0, 1e308]))))


@pytest.mark.parametrize("f", ALL)
@pytest.mark.parametrize("z", [2, 2.0, np.float32(2.0), np.float64(-1.5), np.int64(3), np.array(0.7)])
def test_scalar_in_float_out(f, z):
    out = f(z)
    assert type(out) is float


@pytest.mark.parametrize("f", ALL)
@settings(max_examples=examples(25), deadline=None)
@given(
    z=hnp.arrays(
        dtype=st.sampled_from([np.float32, np.float64]),
        shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5),
        elements=st.floats(-1e4, 1e4, width=32),
    )
)
def test_arrays_keep_shape_and_dtype_and_are_not_modified(f, z):
    before = z.copy()
    out = f(z)
    assert isinstance(out, np.ndarray)
    assert out.shape == z.shape
    assert out.dtype == z.dtype
    assert np.all(np.isfinite(out))
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize("f", ALL)
def test_int_and_list_input_give_float64(f):
    assert f([[1, -2, 3]]).dtype == np.float64
    assert f(np.arange(-2, 3)).dtype == np.float64


def test_ranges():
    z = np.linspace(-30, 30, 1001)
    s = act.sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))
    assert np.all(np.diff(s) >= 0)
    g = act.sigmoid_grad(z)
    assert np.all((g > 0) & (g <= 0.25))
    t = act.tanh(z)
    assert np.all((t >= -1) & (t <= 1))


# ---------------------------------------------------------------- 坏输入：只抛 TypeError / ValueError，信息有用

BAD_TYPE = [None, "1.0", b"1", [1, "a"], {"z": 1}, [[1.0, 2.0], [3.0]], np.array([1 + 2j]), object()]


@pytest.mark.parametrize("f", ALL)
@pytest.mark.parametrize("z", BAD_TYPE, ids=lambda v: type(v).__name__)
def test_bad_types_raise_type_error(f, z):
    with pytest.raises(TypeError, match="z"):
        f(z)


@pytest.mark.parametrize("f", ALL)
def test_empty_raises(f):
    with pytest.raises(ValueError, match="空"):
        f(np.zeros((0, 3)))
    with pytest.raises(ValueError, match="空"):
        f([])


@st.composite
def non_finite_arrays(draw):
    """有限数组里随机放进一个 NaN / inf / -inf。"""
    z = draw(
        hnp.arrays(
            dtype=st.sampled_from([np.float32, np.float64]),
            shape=hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=4),
            elements=st.floats(-10, 10, width=32),
        )
    )
    idx = draw(st.integers(0, z.size - 1))
    z.reshape(-1)[idx] = draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    return z


@pytest.mark.parametrize("f", ALL)
@settings(max_examples=examples(20), deadline=None)
@given(z=non_finite_arrays())
def test_non_finite_raise_value_error(f, z):
    with pytest.raises(ValueError, match="非有限值"):
        f(z)


@pytest.mark.parametrize("f", [act.leaky_relu, act.leaky_relu_grad])
@pytest.mark.parametrize(
    ("alpha", "exc"),
    [(-0.1, ValueError), (1.0, ValueError), (np.nan, ValueError), ("0.1", TypeError), (None, TypeError),
     (True, TypeError), (np.array([0.1, 0.2]), ValueError)],
)
def test_bad_alpha(f, alpha, exc):
    with pytest.raises(exc, match="alpha"):
        f(np.array([1.0, -1.0]), alpha=alpha)
