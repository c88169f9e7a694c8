"""dlnotes.gradcheck：与闭式梯度比较、误差阶、不修改输入、输入检查。"""

from __future__ import annotations

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.gradcheck import check_gradient, numerical_gradient, relative_error

finite_arrays = hnp.arrays(
    dtype=np.float64,
    shape=hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4),
    elements=st.floats(-10, 10),
)


# ---------------------------------------------------------------- numerical_gradient


def test_quadratic_form_matches_closed_form():
    # f(x) = ½ xᵀAx + cᵀx，∇f = ½(A + Aᵀ)x + c；中心差分对二次函数没有截断误差
    rng = np.random.default_rng(1)
    A = rng.normal(size=(5, 5))
    c = rng.normal(size=5)
    x = rng.normal(size=5)
    g = numerical_gradient(lambda v: float(0.5 * v @ A @ v + c @ v), x)
    np.testing.assert_allclose(g, 0.5 * (A + A.T) @ x + c, rtol=1e-8, atol=1e-9)


@settings(max_examples=examples(40), deadline=None)
@given(x=finite_arrays)
def test_any_shape_matches_closed_form(x):
    # f(x) = Σ sin(x) + Σ x³/3，∇f = cos(x) + x²
    g = numerical_gradient(lambda v: float(np.sum(np.sin(v)) + np.sum(v**3) / 3), x)
    assert g.shape == x.shape
    assert g.dtype == np.float64
    np.testing.assert_allclose(g, np.cos(x) + x**2, rtol=1e-6, atol=1e-6)


def test_scalar_in_float_out():
    g = numerical_gradient(np.exp, 1.0)
    assert type(g) is float
    assert g == pytest.approx(np.e, rel=1e-9)


def test_truncation_error_is_second_order():
    # 中心差分误差 ≈ ε² f'''(x) / 6：ε 缩小 10 倍，误差缩小约 100 倍
    x = 0.7
    err = [abs(numerical_gradient(np.sin, x, eps=e) - np.cos(x)) for e in (1e-2, 1e-3)]
    assert err[0] == pytest.approx(1e-4 * np.cos(x) / 6, rel=1e-3)
    assert 80 < err[0] / err[1] < 120


def test_float32_input_is_computed_in_float64():
    x = np.array([0.3, -1.2], dtype=np.float32)
    g = numerical_gradient(lambda v: float(np.sum(v**2)), x)
    assert g.dtype == np.float64
    np.testing.assert_allclose(g, 2 * x.astype(np.float64), rtol=1e-8)


def test_input_is_never_modified_and_each_call_moves_one_entry():
    x = np.array([[1.0, 2.0], [3.0, 4.0]])
    before = x.copy()
    seen = []
    numerical_gradient(lambda v: seen.append(v.copy()) or 0.0, x, eps=1e-3)
    np.testing.assert_array_equal(x, before)
    assert len(seen) == 2 * x.size
    for k, v in enumerate(seen):
        diff = v - before
        assert np.count_nonzero(diff) == 1  # 其余元素都已恢复
        i = k // 2
        assert diff.reshape(-1)[i] == pytest.approx(1e-3 if k % 2 == 0 else -1e-3)


def test_input_is_restored_when_f_raises():
    x = np.array([1.0, 2.0, 3.0])
    before = x.copy()
    calls = []

    def f(v):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("boom")
        return float(np.sum(v))

    with pytest.raises(RuntimeError, match="boom"):
        numerical_gradient(f, x)
    np.testing.assert_array_equal(x, before)


def test_f_that_closes_over_x_sees_original_values():
    # 数值梯度在副本上扰动：闭包里引用的原数组保持不变
    x = np.array([1.0, 2.0])
    numerical_gradient(lambda v: float(np.sum(v * x)), x)
    np.testing.assert_array_equal(x, [1.0, 2.0])


# ---------------------------------------------------------------- relative_error


def test_relative_error_closed_forms():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error(np.zeros((2, 3)), np.zeros((2, 3))) == 0.0
    assert relative_error([1.0, 0.0], [0.0, 1.0]) == pytest.approx(np.sqrt(2) / 2)
    assert relative_error([3.0, 4.0], [0.0, 0.0]) == 1.0
    assert relative_error([1.0], [-1.0]) == 1.0
    assert relative_error(2.0, 1.0) == pytest.approx(1 / 3)


@settings(max_examples=examples(60), deadline=None)
@given(
    data=st.data(),
    a=finite_arrays,
    scale=st.floats(1e-6, 1e6),
)
def test_relative_error_properties(data, a, scale):
    b = data.draw(hnp.arrays(np.float64, a.shape, elements=st.floats(-10, 10)))
    e = relative_error(a, b)
    assert isinstance(e, float)
    assert 0.0 <= e <= 1.0
    assert e == relative_error(b, a)
    if np.any(a != 0) or np.any(b != 0):
        assert relative_error(scale * a, scale * b) == pytest.approx(e, rel=1e-9, abs=1e-12)
    assert relative_error(a, a) == 0.0


def test_relative_error_upper_bound_is_exactly_one():
    # 三角不等式给出上界 1，方向相反时取到；舍入曾让它算出 1.0000000000000002（新克隆上失败过）
    assert relative_error([1.0, 1.0, 1.0], [-0.6057, -0.6057, -0.6057]) == 1.0
    rng = np.random.default_rng(0)
    for _ in range(200):
        a = rng.normal(size=5)
        e = relative_error(a, -rng.uniform(0.01, 100) * a)
        assert e <= 1.0 and e == pytest.approx(1.0, rel=1e-15)
    assert relative_error([0.0, 0.0], [3.0, 4.0]) == 1.0  # 一个为零：也是上界


@pytest.mark.parametrize("scale", [1e-300, 1e-160, 1e160, 1e300])
def test_relative_error_has_no_underflow_or_overflow(scale):
    # thorough 配置找到过：b = 2e-159 缩放 1e-6 后平方下溢成 0，相对误差从 1 变成 0
    a, b = np.array([1.0, -2.0, 0.5]), np.array([0.0, 3.0, -1.0])
    assert relative_error(scale * a, scale * b) == pytest.approx(relative_error(a, b), rel=1e-12)
    assert relative_error([0.0], [scale]) == 1.0


def test_relative_error_shape_mismatch():
    with pytest.raises(ValueError, match="形状"):
        relative_error(np.zeros(3), np.zeros((3, 1)))


# ---------------------------------------------------------------- check_gradient


def test_check_gradient_accepts_correct_and_rejects_wrong_formula():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(3, 4))

    def f(v):
        return float(np.sum(np.log1p(v**2)))

    def good(v):
        return 2 * v / (1 + v**2)

    def bad(v):
        return v / (1 + v**2)  # 漏了系数 2

    assert check_gradient(f, good, x) < 1e-7
    assert check_gradient(f, bad, x) == pytest.approx(1 / 3, rel=1e-6)
    assert check_gradient(f, good(x), x) < 1e-7  # 也可以直接传已算好的梯度数组


def test_check_gradient_does_not_modify_x_even_if_grad_does():
    x = np.array([1.0, -2.0])
    before = x.copy()

    def grad(v):
        v *= 2  # 不规矩的 grad 修改了收到的数组
        return v

    check_gradient(lambda v: float(np.sum(v**2)), grad, x)
    np.testing.assert_array_equal(x, before)


def test_check_gradient_scalar():
    assert check_gradient(np.sin, np.cos, 0.3) < 1e-9


# ---------------------------------------------------------------- 坏输入


@pytest.mark.parametrize("fn", ["numerical_gradient", "check_gradient"])
@pytest.mark.parametrize(
    ("f", "x", "eps", "exc", "match"),
    [
        ("not callable", [1.0], 1e-6, TypeError, "f 应为函数"),
        (np.sum, "abc", 1e-6, TypeError, "x"),
        (np.sum, None, 1e-6, TypeError, "x"),
        (np.sum, [], 1e-6, ValueError, "空"),
        (np.sum, [1.0, np.nan], 1e-6, ValueError, "非有限值"),
        (np.sum, [1.0, np.inf], 1e-6, ValueError, "非有限值"),
        (np.sum, [1.0], 0.0, ValueError, "eps"),
        (np.sum, [1.0], -1e-6, ValueError, "eps"),
        (np.sum, [1.0], "1e-6", TypeError, "eps"),
        (lambda v: v * 2, [1.0, 2.0], 1e-6, ValueError, "返回值"),  # 返回数组而非实数
        (lambda v: "J", [1.0], 1e-6, TypeError, "返回值"),
        (lambda v: float("nan"), [1.0], 1e-6, ValueError, "返回值"),
    ],
)
def test_bad_input(fn, f, x, eps, exc, match):
    with pytest.raises(exc, match=match):
        if fn == "numerical_gradient":
            numerical_gradient(f, x, eps=eps)
        else:
            check_gradient(f, lambda v: np.ones_like(v), x, eps=eps)


def test_check_gradient_wrong_grad_shape():
    with pytest.raises(ValueError, match="解析梯度的形状"):
        check_gradient(np.sum, lambda v: v.ravel(), np.ones((2, 2)))
    with pytest.raises(TypeError, match="grad"):
        check_gradient(np.sum, "grad", np.ones(2))
