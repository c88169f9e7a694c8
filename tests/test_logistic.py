"""dlnotes.logistic：课程例子、梯度检验、收敛到 scikit-learn 的最优解、输入检查与数值稳定性。"""

from __future__ import annotations

import math
import warnings

import hypothesis.extra.numpy as hnp
import numpy as np
import pytest
from hyp import examples
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.special import expit
from sklearn.linear_model import LogisticRegression as SkLogisticRegression

from dlnotes.gradcheck import check_gradient
from dlnotes.logistic import (
    LogisticRegression,
    gradient_descent_path,
    initialize_with_zeros,
    optimize,
    predict,
    propagate,
    propagate_loop,
)

# 课程作业（deeplearning.ai 课程 1 第 2 周）公布的例子
W0 = np.array([[1.0], [2.0]])
B0 = 2.0
X0 = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
Y0 = np.array([[1, 0, 1]])


def _blobs(m=300, seed=20240601):
    """两团重叠的高斯点（最优解有限），特征标准化。返回 X (3, m)、Y (1, m)。"""
    rng = np.random.default_rng(seed)
    y = (rng.random(m) < 0.5).astype(float)
    centres = np.where(y[:, None] == 1, [1.0, 0.5, -0.5], [-0.5, -0.5, 0.5])
    feats = centres + rng.normal(size=(m, 3)) * [1.0, 1.5, 0.8]
    feats = (feats - feats.mean(axis=0)) / feats.std(axis=0)
    return feats.T.copy(), y[None, :]


def _random_problem(seed, n_x=4, m=9):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(n_x, 1)),
        float(rng.normal()),
        rng.normal(size=(n_x, m)) * 2,
        rng.integers(0, 2, size=(1, m)),
    )


@pytest.fixture
def no_warnings():
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        yield


# ---------------------------------------------------------------- 课程例子


def test_course_example_propagate():
    grads, cost = propagate(W0, B0, X0, Y0)
    np.testing.assert_allclose(grads["dw"], [[0.99845601], [2.39507239]], atol=1e-8)
    assert grads["db"] == pytest.approx(0.00145558, abs=1e-8)
    assert cost == pytest.approx(5.80154532, abs=1e-8)
    assert type(grads["db"]) is float and type(cost) is float
    assert grads["dw"].shape == (2, 1)


def test_course_example_optimize():
    params, grads, costs = optimize(W0, B0, X0, Y0, num_iterations=100, learning_rate=0.009)
    np.testing.assert_allclose(params["w"], [[0.19033591], [0.12259159]], atol=1e-8)
    assert params["b"] == pytest.approx(1.92535983, abs=1e-8)
    np.testing.assert_allclose(grads["dw"], [[0.67752042], [1.41625495]], atol=1e-8)
    assert grads["db"] == pytest.approx(0.2191945, abs=1e-7)
    assert len(costs) == 1
    assert costs[0] == pytest.approx(5.80154532, abs=1e-8)
    assert type(params["b"]) is float and type(grads["db"]) is float
    assert all(type(c) is float for c in costs)


def test_course_example_predict():
    w = np.array([[0.1124579], [0.23106775]])
    X = np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])
    out = predict({"w": w, "b": -0.3}, X)
    np.testing.assert_array_equal(out, [[1.0, 1.0, 0.0]])
    assert out.dtype == np.float64


# ---------------------------------------------------------------- initialize_with_zeros


@pytest.mark.parametrize("dim", [1, 2, 7, np.int64(3)])
def test_initialize_with_zeros(dim):
    w, b = initialize_with_zeros(dim)
    assert w.shape == (dim, 1) and w.dtype == np.float64 and not np.any(w)
    assert b == 0.0 and type(b) is float


@pytest.mark.parametrize(
    ("dim", "exc"), [(0, ValueError), (-3, ValueError), (2.0, TypeError), (True, TypeError), ("3", TypeError), (None, TypeError)]
)
def test_initialize_with_zeros_bad(dim, exc):
    with pytest.raises(exc, match="dim"):
        initialize_with_zeros(dim)


# ---------------------------------------------------------------- propagate：与独立参照比较


@pytest.mark.parametrize("seed", range(5))
def test_propagate_gradient_check(seed):
    w, b, X, Y = _random_problem(seed)
    n_x = w.shape[0]

    def J(theta):  # θ = (w₁, …, w_n, b)
        return propagate(theta[:n_x].reshape(n_x, 1), theta[n_x], X, Y)[1]

    def grad(theta):
        g, _ = propagate(theta[:n_x].reshape(n_x, 1), theta[n_x], X, Y)
        return np.append(g["dw"].ravel(), g["db"])

    assert check_gradient(J, grad, np.append(w.ravel(), b)) < 1e-7


def test_propagate_cost_matches_explicit_formula():
    w, b, X, Y = _random_problem(10, n_x=3, m=50)
    A = expit(w.T @ X + b)
    expected = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    assert propagate(w, b, X, Y)[1] == pytest.approx(expected, rel=1e-12)


def test_propagate_accepts_lists_and_ints():
    grads, cost = propagate([[1], [2]], 2, [[1, 2, -1], [3, 4, -3.2]], [[1, 0, 1]])
    assert cost == pytest.approx(5.80154532, abs=1e-8)
    assert grads["dw"].dtype == np.float64


def test_propagate_huge_logits_finite(no_warnings):
    X = np.array([[1.0, -1.0, 2.0], [0.5, 3.0, -2.0]])
    Y = np.array([[0, 1, 1]])
    grads, cost = propagate(np.array([[1e5], [-1e5]]), 1e5, X, Y)
    assert math.isfinite(cost) and cost > 1e4
    assert np.all(np.isfinite(grads["dw"])) and math.isfinite(grads["db"])


@settings(max_examples=examples(40), deadline=None)
@given(
    w=hnp.arrays(np.float64, (2, 1), elements=st.floats(-1e6, 1e6)),
    b=st.floats(-1e6, 1e6),
    X=hnp.arrays(np.float64, (2, 5), elements=st.floats(-1e3, 1e3)),
    Y=hnp.arrays(np.int64, (1, 5), elements=st.integers(0, 1)),
)
def test_propagate_stability_property(w, b, X, Y):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grads, cost = propagate(w, b, X, Y)
    assert math.isfinite(cost) and cost >= 0
    assert np.all(np.isfinite(grads["dw"])) and math.isfinite(grads["db"])
    # |dz| ≤ 1，所以 |dw_j| ≤ max|X_j|，|db| ≤ 1
    assert np.all(np.abs(grads["dw"]) <= np.abs(X).max(axis=1, keepdims=True) + 1e-9)
    assert abs(grads["db"]) <= 1


# ---------------------------------------------------------------- propagate_loop（for 循环版本）


def test_course_example_propagate_loop():
    grads, cost = propagate_loop(W0, B0, X0, Y0)
    np.testing.assert_allclose(grads["dw"], [[0.99845601], [2.39507239]], atol=1e-8)
    assert grads["db"] == pytest.approx(0.00145558, abs=1e-8)
    assert cost == pytest.approx(5.80154532, abs=1e-8)


@settings(max_examples=examples(60), deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_x=st.integers(1, 6),
    m=st.integers(1, 40),
    scale=st.sampled_from([0.1, 1.0, 10.0]),
)
def test_propagate_loop_equals_propagate(seed, n_x, m, scale):
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(n_x, 1)) * scale
    b = float(rng.normal()) * scale
    X = rng.normal(size=(n_x, m)) * 2
    Y = rng.integers(0, 2, size=(1, m))
    g_loop, J_loop = propagate_loop(w, b, X, Y)
    g_vec, J_vec = propagate(w, b, X, Y)
    assert g_loop["dw"].shape == (n_x, 1) and g_loop["dw"].dtype == np.float64
    assert isinstance(g_loop["db"], float) and isinstance(J_loop, float)
    np.testing.assert_allclose(g_loop["dw"], g_vec["dw"], rtol=1e-10, atol=1e-12)
    assert g_loop["db"] == pytest.approx(g_vec["db"], rel=1e-10, abs=1e-12)
    assert J_loop == pytest.approx(J_vec, rel=1e-10, abs=1e-12)


def test_propagate_loop_against_textbook_formula():
    # 独立对照：直接用 σ 与 −[y log a + (1−y) log(1−a)] 的定义（scipy 的 expit），|z| 适中时没有数值问题
    w, b, X, Y = _random_problem(11, n_x=3, m=25)
    A = expit(w.T @ X + b)
    grads, cost = propagate_loop(w, b, X, Y)
    assert cost == pytest.approx(float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))), rel=1e-12)
    np.testing.assert_allclose(grads["dw"], X @ (A - Y).T / X.shape[1], rtol=1e-12)


def test_propagate_loop_huge_logits_and_float32(no_warnings):
    X = np.array([[1.0, -1.0, 2.0], [0.5, 3.0, -2.0]])
    Y = np.array([[0, 1, 1]])
    w = np.array([[1e5], [-1e5]])
    g_loop, J_loop = propagate_loop(w, 1e5, X, Y)  # math.exp(1e5) 会 OverflowError；稳定写法不会
    g_vec, J_vec = propagate(w, 1e5, X, Y)
    assert J_loop == pytest.approx(J_vec, rel=1e-12)
    np.testing.assert_allclose(g_loop["dw"], g_vec["dw"])
    g32, J32 = propagate_loop(w.astype(np.float32), 0.5, X.astype(np.float32), Y)
    assert g32["dw"].dtype == np.float32  # 与 propagate 一样保留 X 的 dtype
    np.testing.assert_allclose(g32["dw"], propagate(w, 0.5, X, Y)[0]["dw"], rtol=1e-5)


def test_propagate_loop_validates_like_propagate():
    with pytest.raises(ValueError, match=r"w 的形状应为 \(n_x, 1\) = \(2, 1\)，实际是 \(3, 1\)"):
        propagate_loop(np.ones((3, 1)), 0.0, X0, Y0)
    with pytest.raises(ValueError, match=r"Y 的取值只能是 0 或 1"):
        propagate_loop(W0, 0.0, X0, [[1, 0, 2]])
    with pytest.raises(TypeError):
        propagate_loop(W0, "0", X0, Y0)


# ---------------------------------------------------------------- optimize


def test_optimize_is_gradient_descent_with_grads_before_last_update():
    w, b, X, Y = _random_problem(3)
    lr, n = 0.3, 17
    prev, _, _ = optimize(w, b, X, Y, num_iterations=n - 1, learning_rate=lr)
    params, grads, _ = optimize(w, b, X, Y, num_iterations=n, learning_rate=lr)
    g_prev, _ = propagate(prev["w"], prev["b"], X, Y)  # 最后一次更新之前的梯度
    np.testing.assert_allclose(grads["dw"], g_prev["dw"], rtol=1e-12)
    assert grads["db"] == pytest.approx(g_prev["db"], rel=1e-12)
    np.testing.assert_allclose(params["w"], prev["w"] - lr * g_prev["dw"], rtol=1e-12)
    assert params["b"] == pytest.approx(prev["b"] - lr * g_prev["db"], rel=1e-12)


@pytest.mark.parametrize(("n", "every", "expected_len"), [(1, 1, 1), (10, 3, 4), (9, 3, 3), (100, 100, 1), (250, 100, 3)])
def test_optimize_records_costs_at_multiples(n, every, expected_len):
    w, b, X, Y = _random_problem(4)
    lr = 0.1
    _, _, costs = optimize(w, b, X, Y, num_iterations=n, learning_rate=lr, record_every=every)
    assert len(costs) == expected_len
    # 第 k 个记录 = 做了 k·every 次更新之后（那次更新之前）的代价：逐步用 propagate 复算
    wk, bk = w.copy(), b
    for i in range(n):
        g, J = propagate(wk, bk, X, Y)
        if i % every == 0:
            assert costs[i // every] == pytest.approx(J, rel=1e-12)
        wk, bk = wk - lr * g["dw"], bk - lr * g["db"]


def test_optimize_reaches_sklearn_unregularised_optimum():
    X, Y = _blobs()
    sk = SkLogisticRegression(C=np.inf, solver="newton-cg", tol=1e-14, max_iter=10_000).fit(X.T, Y.ravel())
    w, b = initialize_with_zeros(X.shape[0])
    params, grads, costs = optimize(w, b, X, Y, num_iterations=1000, learning_rate=4.0)
    np.testing.assert_allclose(params["w"].ravel(), sk.coef_.ravel(), rtol=0, atol=1e-6)
    assert params["b"] == pytest.approx(sk.intercept_[0], abs=1e-6)
    assert np.linalg.norm(grads["dw"]) < 1e-8 and abs(grads["db"]) < 1e-8  # 驻点
    assert all(c1 <= c0 for c0, c1 in zip(costs, costs[1:], strict=False))
    assert np.all(predict(params, X) == sk.predict(X.T)[None, :])


def test_float32_path():
    X, Y = _blobs(m=120, seed=7)
    X32 = X.astype(np.float32)
    w0 = np.zeros((3, 1))  # float64 的 w 会转成 X 的 dtype
    p32, g32, c32 = optimize(w0, 0.0, X32, Y, num_iterations=200, learning_rate=1.0, record_every=50)
    p64, g64, c64 = optimize(w0, 0.0, X, Y, num_iterations=200, learning_rate=1.0, record_every=50)
    assert p32["w"].dtype == np.float32 and g32["dw"].dtype == np.float32
    assert type(p32["b"]) is float and all(type(c) is float for c in c32)
    np.testing.assert_allclose(p32["w"], p64["w"], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(c32, c64, rtol=1e-5)
    assert predict(p32, X32).dtype == np.float32
    g, _ = propagate(p32["w"], p32["b"], X32, Y)
    assert g["dw"].dtype == np.float32
    path = gradient_descent_path(w0, 0.0, X32, Y, num_iterations=5, learning_rate=1.0)
    assert path["w"].dtype == np.float32


# ---------------------------------------------------------------- gradient_descent_path


def test_gradient_descent_path_agrees_with_optimize_and_propagate():
    w, b, X, Y = _random_problem(5)
    n, lr = 12, 0.2
    path = gradient_descent_path(w, b, X, Y, num_iterations=n, learning_rate=lr)
    assert path["w"].shape == (n + 1, 4) and path["b"].shape == (n + 1,) and path["cost"].shape == (n + 1,)
    np.testing.assert_array_equal(path["w"][0], w.ravel())
    assert path["b"][0] == b
    params, _, _ = optimize(w, b, X, Y, num_iterations=n, learning_rate=lr)
    np.testing.assert_allclose(path["w"][-1], params["w"].ravel(), rtol=1e-12)
    assert path["b"][-1] == pytest.approx(params["b"], rel=1e-12)
    for t in (0, 5, n):
        _, J = propagate(path["w"][t].reshape(-1, 1), path["b"][t], X, Y)
        assert path["cost"][t] == pytest.approx(J, rel=1e-12)
    assert np.all(np.diff(path["cost"]) < 0)  # 学习率小：代价单调下降


def test_gradient_descent_path_bad_input():
    with pytest.raises(ValueError, match="num_iterations"):
        gradient_descent_path(W0, B0, X0, Y0, num_iterations=0, learning_rate=0.1)
    with pytest.raises(ValueError, match="learning_rate"):
        gradient_descent_path(W0, B0, X0, Y0, num_iterations=3, learning_rate=-0.1)


# ---------------------------------------------------------------- predict


def test_predict_is_strict_at_one_half():
    X = np.array([[1.0, -2.0, 3.0]])
    np.testing.assert_array_equal(predict({"w": np.zeros((1, 1)), "b": 0.0}, X), [[0.0, 0.0, 0.0]])  # σ(0) = 0.5
    np.testing.assert_array_equal(predict({"w": np.zeros((1, 1)), "b": 1e-9}, X), [[1.0, 1.0, 1.0]])
    np.testing.assert_array_equal(predict({"w": np.zeros((1, 1)), "b": -1e-9}, X), [[0.0, 0.0, 0.0]])
    # 样本恰好落在决策边界上：w·x + b = 0
    np.testing.assert_array_equal(predict({"w": [[2.0], [1.0]], "b": 0.0}, [[1.0, 1.0], [-2.0, -1.0]]), [[0.0, 1.0]])


@settings(max_examples=examples(40), deadline=None)
@given(
    w=hnp.arrays(np.float64, (3, 1), elements=st.floats(-50, 50)),
    b=st.floats(-50, 50),
    X=hnp.arrays(np.float64, (3, 6), elements=st.floats(-50, 50)),
)
def test_predict_matches_sign_of_z(w, b, X):
    z = (w.T @ X + b).ravel()
    out = predict({"w": w, "b": b}, X)
    assert out.shape == (1, 6) and set(np.unique(out)) <= {0.0, 1.0}
    clear = np.abs(z) > 1e-6
    np.testing.assert_array_equal(out.ravel()[clear], (z[clear] > 0).astype(float))


# ---------------------------------------------------------------- LogisticRegression


def test_class_matches_functions_and_sklearn_accuracy():
    X, Y = _blobs(m=200, seed=11)
    model = LogisticRegression(learning_rate=0.5, num_iterations=300, record_every=50)
    assert model.fit(X, Y) is model
    params, _, costs = optimize(*initialize_with_zeros(3), X, Y, num_iterations=300, learning_rate=0.5, record_every=50)
    np.testing.assert_array_equal(model.w_, params["w"])
    assert model.b_ == params["b"] and model.costs_ == costs and len(model.costs_) == 6
    proba = model.predict_proba(X)
    assert proba.shape == (1, 200) and np.all((proba > 0) & (proba < 1))
    np.testing.assert_allclose(proba, expit(params["w"].T @ X + params["b"]), rtol=1e-14)
    pred = model.predict(X)
    np.testing.assert_array_equal(pred, predict(params, X))
    acc = model.score(X, Y)
    assert type(acc) is float and acc == pytest.approx(np.mean(pred == Y))
    sk = SkLogisticRegression(C=np.inf, solver="newton-cg", tol=1e-12).fit(X.T, Y.ravel())
    assert acc == pytest.approx(sk.score(X.T, Y.ravel()), abs=0.02)
    assert "learning_rate=0.5" in repr(model)


def test_class_defaults():
    model = LogisticRegression()
    assert (model.learning_rate, model.num_iterations, model.record_every) == (0.005, 2000, 100)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "score"])
def test_class_before_fit(method):
    model = LogisticRegression()
    args = (X0, Y0) if method == "score" else (X0,)
    with pytest.raises(ValueError, match="fit"):
        getattr(model, method)(*args)


def test_class_wrong_n_x_after_fit():
    model = LogisticRegression(num_iterations=5).fit(X0, Y0)
    with pytest.raises(ValueError, match=r"X 的形状应为 \(n_x, m\) = \(2, m\)，实际是 \(3, 3\)"):
        model.predict(np.ones((3, 3)))
    with pytest.raises(ValueError, match="只能是 0 或 1"):
        model.score(X0, [[1, 0, 2]])


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"learning_rate": 0}, ValueError, "learning_rate"),
        ({"learning_rate": "0.1"}, TypeError, "learning_rate"),
        ({"num_iterations": 0}, ValueError, "num_iterations"),
        ({"num_iterations": 10.0}, TypeError, "num_iterations"),
        ({"record_every": 0}, ValueError, "record_every"),
    ],
)
def test_class_bad_hyperparameters(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        LogisticRegression(**kwargs)


# ---------------------------------------------------------------- 不修改输入


def test_inputs_not_modified():
    w, b, X, Y = _random_problem(6)
    copies = [a.copy() for a in (w, X, Y)]
    propagate(w, b, X, Y)
    propagate_loop(w, b, X, Y)
    optimize(w, b, X, Y, num_iterations=5)
    gradient_descent_path(w, b, X, Y, num_iterations=5)
    predict({"w": w, "b": b}, X)
    LogisticRegression(num_iterations=5).fit(X, Y).score(X, Y)
    for a, c in zip((w, X, Y), copies, strict=True):
        np.testing.assert_array_equal(a, c)
    params, _, _ = optimize(w, b, X, Y, num_iterations=1)
    assert params["w"] is not w


# ---------------------------------------------------------------- 坏输入（hypothesis）

FUNCS = {
    "propagate": lambda w, b, X, Y: propagate(w, b, X, Y),
    "propagate_loop": lambda w, b, X, Y: propagate_loop(w, b, X, Y),
    "optimize": lambda w, b, X, Y: optimize(w, b, X, Y, num_iterations=2),
    "path": lambda w, b, X, Y: gradient_descent_path(w, b, X, Y, num_iterations=2),
    "predict": lambda w, b, X, Y: predict({"w": w, "b": b}, X),
    "fit": lambda w, b, X, Y: LogisticRegression(num_iterations=2).fit(X, Y),
}


@st.composite
def bad_inputs(draw):
    """从一组合法的 (w, b, X, Y) 出发，破坏其中一处；返回 (w, b, X, Y, 被破坏的参数名, 用到 Y 吗)。"""
    n_x = draw(st.integers(1, 4))
    m = draw(st.integers(1, 6))
    w = np.ones((n_x, 1))
    b = 0.5
    X = np.linspace(-1, 1, n_x * m).reshape(n_x, m)
    Y = (np.arange(m) % 2).reshape(1, m)
    kind = draw(
        st.sampled_from(
            [
                "w_shape", "w_1d", "X_1d", "X_3d", "X_empty", "Y_shape", "Y_m", "Y_label",
                "nan", "inf", "w_type", "b_type", "b_nan", "b_array", "X_type", "Y_type", "X_complex",
            ]
        )
    )
    bad = draw(st.sampled_from([np.nan, np.inf, -np.inf]))
    if kind == "w_shape":
        w = np.ones((n_x + draw(st.integers(1, 3)), 1)) if draw(st.booleans()) else np.ones((n_x, 2))
        name = "w"
    elif kind == "w_1d":
        w, name = np.ones(n_x), "w"
    elif kind == "X_1d":
        X, name = X.ravel(), "X"
    elif kind == "X_3d":
        X, name = X[None], "X"
    elif kind == "X_empty":
        X, Y, name = np.zeros((n_x, 0)), np.zeros((1, 0)), "X"
    elif kind == "Y_shape":
        Y, name = np.vstack([Y, Y]), "Y"
    elif kind == "Y_m":
        Y, name = np.zeros((1, m + draw(st.integers(1, 3)))), "Y"
    elif kind == "Y_label":
        Y = Y.astype(float)
        Y[0, draw(st.integers(0, m - 1))] = draw(st.floats(-5, 5).filter(lambda v: v not in (0.0, 1.0)))
        name = "Y"
    elif kind == "nan" or kind == "inf":
        name = draw(st.sampled_from(["w", "X", "Y"]))
        args = {"w": w, "X": X, "Y": Y.astype(float)}
        args[name].reshape(-1)[draw(st.integers(0, args[name].size - 1))] = bad
        w, X, Y = args["w"], args["X"], args["Y"]
    elif kind == "w_type":
        w, name = draw(st.sampled_from(["w", None, [[1], ["a"]]])), "w"
    elif kind == "b_type":
        b, name = draw(st.sampled_from(["0.5", None, True, [1.0, 2.0], 1 + 2j])), "b"
    elif kind == "b_nan":
        b, name = bad, "b"
    elif kind == "b_array":
        b, name = np.ones(2), "b"
    elif kind == "X_type":
        X, name = draw(st.sampled_from(["X", None, {"a": 1}])), "X"
    elif kind == "Y_type":
        Y, name = draw(st.sampled_from(["Y", None, np.array([["a"] * m])])), "Y"
    else:  # X_complex
        X, name = X + 1j, "X"
    return w, b, X, Y, name


@pytest.mark.parametrize("func", list(FUNCS))
@settings(max_examples=examples(80), deadline=None)
@given(case=bad_inputs())
def test_bad_input_raises_clear_error(func, case):
    w, b, X, Y, name = case
    assume(not (func == "predict" and name == "Y"))  # predict 不用 Y
    assume(not (func == "fit" and name in ("w", "b")))  # fit 不接收 w、b
    with pytest.raises((TypeError, ValueError)) as info:
        FUNCS[func](w, b, X, Y)
    msg = str(info.value)
    assert name in msg, msg
    assert any(k in msg for k in ("应", "不能", "只能", "非有限值")), msg  # 说明了期望什么 / 错在哪里


def test_specific_messages():
    with pytest.raises(ValueError, match=r"w 的形状应为 \(n_x, 1\) = \(2, 1\)，实际是 \(3, 1\)"):
        propagate(np.ones((3, 1)), 0.0, X0, Y0)
    with pytest.raises(ValueError, match=r"X 与 Y 的样本数 m 应相同"):
        propagate(W0, 0.0, X0, [[1, 0]])
    with pytest.raises(ValueError, match=r"Y 的取值只能是 0 或 1，实际出现了 \[2.0\]"):
        propagate(W0, 0.0, X0, [[1, 0, 2]])
    with pytest.raises(ValueError, match=r"num_iterations 应为 >= 1"):
        optimize(W0, B0, X0, Y0, num_iterations=0)
    with pytest.raises(TypeError, match=r"record_every 应为整数"):
        optimize(W0, B0, X0, Y0, record_every=2.5)
