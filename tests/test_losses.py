"""dlnotes.losses：与 scipy / scikit-learn / 闭式公式比较，边界值、稳定性和输入检查。"""

from __future__ import annotations

import math
import warnings

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import expit, xlogy
from sklearn.metrics import log_loss

from dlnotes.gradcheck import check_gradient
from dlnotes.losses import cost, cost_from_logits, logistic_loss, logistic_loss_from_logits


def _xlogy_loss(p, y):
    """参照实现：scipy 的 xlogy 约定 0·log 0 = 0。"""
    return -(xlogy(y, p) + xlogy(1 - y, 1 - p))


def _data(m, seed=0, spread=4.0):
    rng = np.random.default_rng(seed)
    z = rng.uniform(-spread, spread, size=(1, m))
    y = rng.integers(0, 2, size=(1, m)).astype(float)
    return z, y


@pytest.fixture
def no_warnings():
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        yield


# ---------------------------------------------------------------- logistic_loss / cost


def test_logistic_loss_matches_xlogy():
    z, y = _data(200)
    p = expit(z)
    np.testing.assert_allclose(logistic_loss(p, y), _xlogy_loss(p, y), rtol=1e-13)


def test_cost_matches_sklearn_log_loss():
    z, y = _data(200, seed=1)
    p = expit(z)
    assert cost(p, y) == pytest.approx(log_loss(y.ravel(), p.ravel(), labels=[0, 1]), rel=1e-12)


def test_known_values():
    assert logistic_loss(0.5, 1) == pytest.approx(math.log(2))
    assert logistic_loss(0.9, 1) == pytest.approx(-math.log(0.9))
    assert logistic_loss(0.9, 0) == pytest.approx(-math.log(0.1))
    assert cost([[0.9, 0.2, 0.6]], [[1, 0, 1]]) == pytest.approx(
        -(math.log(0.9) + math.log(0.8) + math.log(0.6)) / 3
    )


def test_boundary_probabilities(no_warnings):
    # 0·log 0 = 0：完全答对，损失为 +0.0；以百分之百的把握答错：+inf（文档约定，不截断）
    out = logistic_loss([[0.0, 1.0, 0.0, 1.0]], [[0, 1, 1, 0]])
    assert out.tolist() == [[0.0, 0.0, math.inf, math.inf]]
    assert not np.any(np.signbit(out))
    assert logistic_loss(1.0, 1) == 0.0
    assert cost([[0.0, 1.0]], [[0, 1]]) == 0.0
    assert cost([[0.0, 0.5]], [[1, 1]]) == math.inf
    np.testing.assert_array_equal(out, _xlogy_loss(np.array([[0.0, 1.0, 0.0, 1.0]]), np.array([[0, 1, 1, 0]])))


def test_scalar_and_shape_conventions():
    assert type(logistic_loss(0.3, 0)) is float
    assert type(logistic_loss(np.float32(0.3), np.int64(0))) is float
    assert type(cost([[0.3]], [[0]])) is float
    out = logistic_loss(np.full((2, 3, 4), 0.25), np.ones((2, 3, 4)))
    assert out.shape == (2, 3, 4)
    assert logistic_loss(np.full(3, 0.25, dtype=np.float32), [1, 0, 1]).dtype == np.float32


# ---------------------------------------------------------------- 从 logit 计算


def test_loss_from_logits_matches_probability_form():
    z, y = _data(300, seed=2, spread=15.0)
    # 参照：1 − σ(z) 写成 σ(−z)，避免参照本身在 |z| 大时相消
    ref = -(xlogy(y, expit(z)) + xlogy(1 - y, expit(-z)))
    np.testing.assert_allclose(logistic_loss_from_logits(z, y), ref, rtol=1e-13, atol=1e-15)
    assert cost_from_logits(z, y) == pytest.approx(cost(expit(z), y), rel=1e-12)


def test_loss_from_logits_matches_textbook_stable_formula():
    # L = max(z, 0) − z·y + log(1 + e^{−|z|})
    z, y = _data(300, seed=3, spread=30.0)
    ref = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    np.testing.assert_allclose(logistic_loss_from_logits(z, y), ref, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("t", [0.0, 1.0, 20.0, 40.0, 100.0, 700.0])
def test_loss_from_logits_full_relative_precision(t):
    # 答对的一侧损失是 log(1 + e^{-t})：t 很大时是极小的正数，仍应有完整的相对精度
    expected = math.log1p(math.exp(-t))
    assert logistic_loss_from_logits(t, 1) == pytest.approx(expected, rel=1e-14, abs=0)
    assert logistic_loss_from_logits(-t, 0) == pytest.approx(expected, rel=1e-14, abs=0)
    # 答错的一侧：t + log(1 + e^{-t})
    assert logistic_loss_from_logits(-t, 1) == pytest.approx(t + expected, rel=1e-14, abs=0)
    assert logistic_loss_from_logits(t, 0) == pytest.approx(t + expected, rel=1e-14, abs=0)


def test_cost_from_logits_huge_logits_are_finite(no_warnings):
    z = np.array([[1e308, -1e308, 1000.0, -1000.0, 800.0]])
    y = np.array([[0, 1, 1, 0, 0]])
    out = logistic_loss_from_logits(z, y)
    assert out.tolist() == [[1e308, 1e308, 0.0, 0.0, 800.0]]
    assert math.isfinite(cost_from_logits(z[:, 2:], y[:, 2:]))


@settings(max_examples=examples(60), deadline=None)
@given(
    z=hnp.arrays(np.float64, st.tuples(st.just(1), st.integers(1, 20)), elements=st.floats(-1e300, 1e300)),
    data=st.data(),
)
def test_stability_property(z, data):
    y = data.draw(hnp.arrays(np.int64, z.shape, elements=st.integers(0, 1)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        L = logistic_loss_from_logits(z, y)
        J = cost_from_logits(z / 1e10, y)  # 均值不会溢出的尺度
    assert np.all(np.isfinite(L)) and np.all(L >= 0)
    assert math.isfinite(J) and J >= 0


def test_gradient_of_cost_from_logits():
    # dJ/dz = (σ(z) − y) / m
    z, y = _data(7, seed=4)
    err = check_gradient(lambda v: cost_from_logits(v, y), lambda v: (expit(v) - y) / v.shape[1], z)
    assert err < 1e-7


def test_float32_logits_stay_float32():
    z = np.array([[0.5, -2.0]], dtype=np.float32)
    assert logistic_loss_from_logits(z, np.array([[1, 0]])).dtype == np.float32
    assert type(cost_from_logits(z, [[1, 0]])) is float


def test_inputs_not_modified():
    z, y = _data(10, seed=5)
    p = expit(z)
    copies = [a.copy() for a in (z, y, p)]
    logistic_loss(p, y)
    cost(p, y)
    logistic_loss_from_logits(z, y)
    cost_from_logits(z, y)
    for a, c in zip((z, y, p), copies, strict=True):
        np.testing.assert_array_equal(a, c)


# ---------------------------------------------------------------- 坏输入

ROW_FUNCS = [cost, cost_from_logits]
ALL_FUNCS = [logistic_loss, cost, logistic_loss_from_logits, cost_from_logits]


@pytest.mark.parametrize("f", ALL_FUNCS)
@pytest.mark.parametrize(
    ("a", "y", "exc", "match"),
    [
        ([[0.5, 0.5]], [[1, 2]], ValueError, "只能是 0 或 1"),
        ([[0.5, 0.5]], [[1, 0.5]], ValueError, "只能是 0 或 1"),
        ([[0.5, 0.5]], [[1, -1]], ValueError, "只能是 0 或 1"),
        ([[0.5, 0.5]], [[1, 0, 1]], ValueError, "形状"),
        ([[0.5, np.nan]], [[1, 0]], ValueError, "非有限值"),
        ([[0.5, 0.5]], [[1, np.inf]], ValueError, "非有限值"),
        (np.zeros((1, 0)), np.zeros((1, 0)), ValueError, "空"),
        ("0.5", [[1]], TypeError, "应为数值数组"),
        ([[0.5]], None, TypeError, "y"),
        ([[0.5 + 1j]], [[1]], TypeError, "实数"),
        ([[0.5, [0.1]]], [[1, 0]], TypeError, "无法转换"),
    ],
)
def test_bad_input(f, a, y, exc, match):
    with pytest.raises(exc, match=match):
        f(a, y)


@pytest.mark.parametrize("f", [logistic_loss, cost])
@pytest.mark.parametrize("bad", [-0.1, 1.0000001, 2.0])
def test_probability_out_of_range(f, bad):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        f([[0.5, bad]], [[1, 0]])


@pytest.mark.parametrize("f", ROW_FUNCS)
@pytest.mark.parametrize("shape", [(3,), (3, 1), (2, 3), (1, 2, 3)])
def test_cost_requires_row_vectors(f, shape):
    with pytest.raises(ValueError, match=r"\(1, m\)"):
        f(np.full(shape, 0.5), np.ones(shape))


@pytest.mark.parametrize("f", ALL_FUNCS)
@settings(max_examples=examples(15), deadline=None)
@given(m=st.integers(1, 6), delta=st.integers(1, 5))
def test_mismatched_m_property(f, m, delta):
    with pytest.raises(ValueError, match="形状"):
        f(np.full((1, m), 0.5), np.ones((1, m + delta)))
    with pytest.raises(ValueError, match="形状"):
        f(np.full((1, m + delta), 0.5), np.ones((1, m)))


@pytest.mark.parametrize("f", ALL_FUNCS)
@settings(max_examples=examples(25), deadline=None)
@given(data=st.data())
def test_bad_labels_property(f, data):
    m = data.draw(st.integers(1, 8))
    y = data.draw(hnp.arrays(np.float64, (1, m), elements=st.sampled_from([0.0, 1.0])))
    bad = data.draw(st.floats(-1e6, 1e6).filter(lambda v: v not in (0.0, 1.0)))
    y[0, data.draw(st.integers(0, m - 1))] = bad
    with pytest.raises(ValueError, match="y 的取值只能是 0 或 1"):
        f(np.full((1, m), 0.5), y)
