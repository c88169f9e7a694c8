"""dlnotes.shallow 的测试。

独立的参照（oracle）：

- ``_ref_forward_cost``：逐样本、逐单元用 ``math`` 写的前向传播与代价（不用矩阵乘法）；
- 中心差分：对参照代价做数值求导，检查 ``backward_propagation``；
- scikit-learn 的 ``LogisticRegression``：说明线性模型分不开的数据，单隐藏层网络能分开。
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlnotes import deep, losses
from dlnotes.shallow import (
    backward_propagation,
    compute_cost,
    forward_propagation,
    initialize_parameters,
    layer_sizes,
    nn_model,
    predict,
    update_parameters,
)

KEYS = ("W1", "b1", "W2", "b2")


# ---------------------------------------------------------------------------
# 数据与参照实现
# ---------------------------------------------------------------------------


def xor_data(m=400, seed=0):
    """四个象限的异或：x1·x2 > 0 为 1。线性不可分。"""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(2, m))
    Y = (X[0] * X[1] > 0).astype(float).reshape(1, m)
    return X, Y


def random_params(n_x, n_h, n_y, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0, scale, (n_h, n_x)),
        "b1": rng.normal(0, scale, (n_h, 1)),
        "W2": rng.normal(0, scale, (n_y, n_h)),
        "b2": rng.normal(0, scale, (n_y, 1)),
    }


def _ref_forward_cost(p, X, Y=None):
    """逐样本循环的参照实现：返回 (A1, A2, cost)。"""
    W1, b1, W2, b2 = (p[k] for k in KEYS)
    n_h, n_x = W1.shape
    n_y = W2.shape[0]
    m = X.shape[1]
    A1 = np.empty((n_h, m))
    A2 = np.empty((n_y, m))
    total = 0.0
    for i in range(m):
        for j in range(n_h):
            z = sum(float(W1[j, k]) * float(X[k, i]) for k in range(n_x)) + float(b1[j, 0])
            A1[j, i] = math.tanh(z)
        for o in range(n_y):
            z = sum(float(W2[o, j]) * A1[j, i] for j in range(n_h)) + float(b2[o, 0])
            a = 1.0 / (1.0 + math.exp(-z))
            A2[o, i] = a
            if Y is not None:
                y = float(Y[o, i])
                total -= y * math.log(a) + (1.0 - y) * math.log(1.0 - a)
    return A1, A2, total / m


def _rel_error(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def _flat(d, keys):
    return np.concatenate([np.ravel(d[k]) for k in keys])


def _readonly(*arrays):
    out = []
    for a in arrays:
        a = np.array(a, copy=True)
        a.flags.writeable = False
        out.append(a)
    return out


# ---------------------------------------------------------------------------
# layer_sizes / initialize_parameters
# ---------------------------------------------------------------------------


def test_layer_sizes():
    X = np.zeros((5, 7))
    Y = np.ones((1, 7))
    assert layer_sizes(X, Y) == (5, 4, 1)
    assert layer_sizes(X, Y, n_h=9) == (5, 9, 1)
    assert all(type(v) is int for v in layer_sizes(X, Y))


def test_initialize_parameters_shapes_seed_and_scale():
    p = initialize_parameters(3, 5, 2)
    assert {k: v.shape for k, v in p.items()} == {"W1": (5, 3), "b1": (5, 1), "W2": (2, 5), "b2": (2, 1)}
    assert np.all(p["b1"] == 0) and np.all(p["b2"] == 0)
    assert all(v.dtype == np.float64 for v in p.values())
    # 同种子相同、异种子不同
    q = initialize_parameters(3, 5, 2)
    assert all(np.array_equal(p[k], q[k]) for k in KEYS)
    r = initialize_parameters(3, 5, 2, seed=7)
    assert not np.array_equal(p["W1"], r["W1"])
    # 标准差约等于 scale（大矩阵上估计）
    big = initialize_parameters(300, 200, 100, seed=0, scale=0.05)
    assert big["W1"].std() == pytest.approx(0.05, rel=0.03)
    assert abs(big["W1"].mean()) < 0.002
    assert big["W2"].std() == pytest.approx(0.05, rel=0.05)


# ---------------------------------------------------------------------------
# 前向、代价：与逐样本参照比较
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("n_x, n_h, n_y, m", [(2, 4, 1, 6), (3, 1, 1, 1), (4, 5, 2, 3)])
def test_forward_matches_loop_reference(n_x, n_h, n_y, m):
    rng = np.random.default_rng(n_x * 10 + n_h)
    p = random_params(n_x, n_h, n_y, seed=m)
    X = rng.normal(size=(n_x, m))
    A2, cache = forward_propagation(X, p)
    A1_ref, A2_ref, _ = _ref_forward_cost(p, X)
    assert set(cache) == {"Z1", "A1", "Z2", "A2"}
    assert cache["Z1"].shape == (n_h, m) and cache["Z2"].shape == (n_y, m)
    np.testing.assert_allclose(cache["A1"], A1_ref, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(A2, A2_ref, rtol=1e-12, atol=1e-14)
    assert cache["A2"] is A2


def test_compute_cost_matches_loop_reference():
    rng = np.random.default_rng(1)
    A2 = rng.uniform(0.01, 0.99, size=(1, 50))
    Y = (rng.uniform(size=(1, 50)) > 0.5).astype(float)
    ref = -sum(
        y * math.log(a) + (1 - y) * math.log(1 - a) for a, y in zip(A2.ravel(), Y.ravel(), strict=True)
    ) / 50
    cost = compute_cost(A2, Y)
    assert isinstance(cost, float)
    assert cost == pytest.approx(ref, rel=1e-12)


def test_compute_cost_at_extremes_follows_the_one_convention():
    # 预测恰好为 0/1：答对时损失恰好为 0，有把握地答错时 −log 0 = inf（不截断），且没有警告
    A2 = np.array([[0.0, 1.0, 1.0, 0.0]])
    assert compute_cost(A2, np.array([[0, 1, 1, 0]])) == 0.0
    assert compute_cost(A2, np.array([[1, 0, 1, 0]])) == math.inf
    assert compute_cost([[0.0]], [[1]]) == losses.cost([[0.0]], [[1]]) == math.inf


@settings(max_examples=examples(60), deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 20), elements=st.floats(0.0, 1.0)),
    st.integers(0, 2**32 - 1),
)
def test_compute_cost_is_the_one_cross_entropy(a, seed):
    # 同一个输入，shallow、deep、losses 给出同一个数（逐位相同），inf 只出现在答错的 0/1 上
    A2 = a.reshape(1, -1)
    Y = np.random.default_rng(seed).integers(0, 2, size=A2.shape)
    cost = compute_cost(A2, Y)
    assert cost >= 0
    assert cost == losses.cost(A2, Y) == deep.compute_cost(A2, Y)
    confidently_wrong = bool(np.any(((A2 == 0) & (Y == 1)) | ((A2 == 1) & (Y == 0))))
    assert math.isinf(cost) == confidently_wrong


# ---------------------------------------------------------------------------
# 反向传播：梯度检验（中心差分，对逐样本参照代价求导）
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_propagation_gradient_check(seed):
    rng = np.random.default_rng(100 + seed)
    n_x, n_h, n_y, m = 3, 4, 1, 5
    p = random_params(n_x, n_h, n_y, seed=seed)
    X = rng.normal(size=(n_x, m))
    Y = rng.integers(0, 2, size=(n_y, m)).astype(float)

    _, cache = forward_propagation(X, p)
    grads = backward_propagation(p, cache, X, Y)
    for k in KEYS:
        assert grads["d" + k].shape == p[k].shape

    h = 1e-6
    numeric = {}
    for k in KEYS:
        g = np.zeros_like(p[k])
        for idx in np.ndindex(p[k].shape):
            plus = {kk: v.copy() for kk, v in p.items()}
            minus = {kk: v.copy() for kk, v in p.items()}
            plus[k][idx] += h
            minus[k][idx] -= h
            g[idx] = (_ref_forward_cost(plus, X, Y)[2] - _ref_forward_cost(minus, X, Y)[2]) / (2 * h)
        numeric["d" + k] = g
    gkeys = ["d" + k for k in KEYS]
    assert _rel_error(_flat(grads, gkeys), _flat(numeric, gkeys)) < 1e-7


def test_backward_propagation_two_outputs_gradient_check():
    # n_y = 2（两个独立的 sigmoid 输出），代价对所有输出求和后除以 m
    rng = np.random.default_rng(5)
    p = random_params(2, 3, 2, seed=9)
    X = rng.normal(size=(2, 4))
    Y = rng.integers(0, 2, size=(2, 4))
    _, cache = forward_propagation(X, p)
    grads = backward_propagation(p, cache, X, Y)
    h = 1e-6
    for k in KEYS:
        for idx in np.ndindex(p[k].shape):
            plus = {kk: v.copy() for kk, v in p.items()}
            minus = {kk: v.copy() for kk, v in p.items()}
            plus[k][idx] += h
            minus[k][idx] -= h
            num = (_ref_forward_cost(plus, X, Y)[2] - _ref_forward_cost(minus, X, Y)[2]) / (2 * h)
            assert grads["d" + k][idx] == pytest.approx(num, rel=1e-6, abs=1e-9)


# ---------------------------------------------------------------------------
# update_parameters
# ---------------------------------------------------------------------------


def test_update_parameters_returns_new_dict_and_keeps_inputs():
    p = random_params(2, 3, 1, seed=0)
    g = {"d" + k: v * 0 + 1.0 for k, v in random_params(2, 3, 1, seed=1).items()}
    p_ro = dict(zip(KEYS, _readonly(*(p[k] for k in KEYS)), strict=True))
    g_ro = dict(zip(g, _readonly(*g.values()), strict=True))
    new = update_parameters(p_ro, g_ro, learning_rate=0.5)
    assert new is not p_ro
    for k in KEYS:
        np.testing.assert_array_equal(new[k], p[k] - 0.5)
        np.testing.assert_array_equal(p_ro[k], p[k])
    assert set(p_ro) == set(KEYS) and set(g_ro) == {"d" + k for k in KEYS}


def test_update_parameters_rejects_mismatched_grad():
    p = random_params(2, 3, 1, seed=0)
    g = {"d" + k: np.zeros_like(v) for k, v in p.items()}
    g["dW1"] = np.zeros((2, 3))
    with pytest.raises(ValueError, match=r"dW1 的形状应与 W1 相同，即 \(3, 2\)，实际是 \(2, 3\)"):
        update_parameters(p, g)
    with pytest.raises(ValueError, match="缺少"):
        update_parameters(p, {"dW1": p["W1"]})
    with pytest.raises(ValueError, match="learning_rate"):
        update_parameters(p, {"d" + k: np.zeros_like(v) for k, v in p.items()}, learning_rate=-1.0)


# ---------------------------------------------------------------------------
# nn_model / predict
# ---------------------------------------------------------------------------


def test_nn_model_learns_xor_where_logistic_regression_cannot():
    from sklearn.linear_model import LogisticRegression

    X, Y = xor_data(m=400, seed=0)
    X_test, Y_test = xor_data(m=400, seed=1)
    lr_acc = LogisticRegression().fit(X.T, Y.ravel()).score(X_test.T, Y_test.ravel())
    assert lr_acc < 0.7  # 线性边界分不开四个象限

    params, costs = nn_model(X, Y, n_h=4, num_iterations=5000, learning_rate=1.2, record_every=500)
    acc = float(np.mean(predict(params, X_test) == Y_test))
    assert acc > 0.93
    assert len(costs) == 10
    assert costs[-1] < 0.3 < costs[0]
    assert costs[0] == pytest.approx(math.log(2), abs=1e-3)  # 小随机初始化时 ŷ ≈ 0.5


def test_nn_model_matches_loop_of_public_functions():
    X, Y = xor_data(m=60, seed=3)
    params, costs = nn_model(X, Y, n_h=3, num_iterations=25, learning_rate=0.7, seed=11, record_every=5)
    p = initialize_parameters(2, 3, 1, seed=11)
    expected_costs = []
    for i in range(25):
        A2, cache = forward_propagation(X, p)
        if i % 5 == 0:
            expected_costs.append(compute_cost(A2, Y))
        p = update_parameters(p, backward_propagation(p, cache, X, Y), learning_rate=0.7)
    for k in KEYS:
        np.testing.assert_allclose(params[k], p[k], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(costs, expected_costs, rtol=1e-10)


def test_nn_model_zero_iterations_returns_initial_parameters():
    X, Y = xor_data(m=10)
    params, costs = nn_model(X, Y, n_h=2, num_iterations=0, seed=4)
    ref = initialize_parameters(2, 2, 1, seed=4)
    assert costs == []
    assert all(np.array_equal(params[k], ref[k]) for k in KEYS)


def test_nn_model_record_every_one_and_print(capsys):
    X, Y = xor_data(m=20)
    _, costs = nn_model(X, Y, n_h=2, num_iterations=7, record_every=1)
    assert len(costs) == 7 and all(isinstance(c, float) for c in costs)
    assert capsys.readouterr().out == ""
    _, costs = nn_model(X, Y, n_h=2, num_iterations=7, record_every=3, print_cost=True)
    out = capsys.readouterr().out
    assert len(costs) == 3
    assert out.count("次迭代的代价") == 3 and "第 6 次迭代的代价" in out


def test_zero_initialisation_keeps_hidden_units_identical():
    X, Y = xor_data(m=200, seed=2)
    params, costs = nn_model(X, Y, n_h=5, num_iterations=300, init="zeros")
    W1 = params["W1"]
    # 每一行（每个隐藏单元）都相同——对 tanh 而言甚至一直是 0
    assert np.all(W1 == W1[0])
    assert np.all(W1 == 0) and np.all(params["W2"] == 0) and np.all(params["b1"] == 0)
    # 只学到了 b2：对所有样本给出同一个预测
    pred = predict(params, X)
    assert np.all(pred == pred[0, 0])
    # 随机初始化打破了对称
    params_r, _ = nn_model(X, Y, n_h=5, num_iterations=300)
    assert not np.allclose(params_r["W1"], params_r["W1"][0])


def test_symmetric_nonzero_init_stays_symmetric_under_gradient_descent():
    # 非零但对称的初始化：隐藏单元会变化，但始终彼此相同
    X, Y = xor_data(m=100, seed=4)
    n_h = 4
    p = {
        "W1": np.tile([[0.3, -0.2]], (n_h, 1)),
        "b1": np.full((n_h, 1), 0.1),
        "W2": np.full((1, n_h), 0.5),
        "b2": np.zeros((1, 1)),
    }
    start = p["W1"].copy()
    for _ in range(50):
        _, cache = forward_propagation(X, p)
        p = update_parameters(p, backward_propagation(p, cache, X, Y), learning_rate=1.0)
    assert not np.allclose(p["W1"], start)
    np.testing.assert_allclose(p["W1"], np.tile(p["W1"][:1], (n_h, 1)), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(p["W2"], p["W2"][0, 0], rtol=1e-12)


def test_predict_threshold_is_strict():
    p = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1)), "W2": np.zeros((1, 2)), "b2": np.array([[0.0]])}
    X = np.ones((2, 3))
    np.testing.assert_array_equal(predict(p, X), [[0, 0, 0]])  # ŷ = 0.5 不算正类
    p["b2"] = np.array([[1e-9]])
    np.testing.assert_array_equal(predict(p, X), [[1, 1, 1]])
    assert predict(p, X).shape == (1, 3)


def test_float32_stays_float32():
    X, Y = xor_data(m=50)
    X32 = X.astype(np.float32)
    params, costs = nn_model(X32, Y, n_h=3, num_iterations=20, record_every=5)
    assert all(v.dtype == np.float32 for v in params.values())
    assert all(np.isfinite(c) for c in costs)
    A2, cache = forward_propagation(X32, params)
    assert A2.dtype == np.float32 and cache["A1"].dtype == np.float32
    grads = backward_propagation(params, cache, X32, Y.astype(np.float32))
    assert all(g.dtype == np.float32 for g in grads.values())
    assert predict(params, X32).dtype == np.float32


def test_no_input_is_modified():
    X, Y = xor_data(m=30)
    X_ro, Y_ro = _readonly(X, Y)  # 任何原地写入都会抛 ValueError
    p = random_params(2, 3, 1, seed=0)
    p_ro = dict(zip(KEYS, _readonly(*(p[k] for k in KEYS)), strict=True))
    layer_sizes(X_ro, Y_ro)
    A2, cache = forward_propagation(X_ro, p_ro)
    compute_cost(A2, Y_ro)
    for v in cache.values():
        v.flags.writeable = False
    grads = backward_propagation(p_ro, cache, X_ro, Y_ro)
    update_parameters(p_ro, grads)
    nn_model(X_ro, Y_ro, n_h=3, num_iterations=5)
    predict(p_ro, X_ro)
    np.testing.assert_array_equal(X_ro, X)
    np.testing.assert_array_equal(Y_ro, Y)
    for k in KEYS:
        np.testing.assert_array_equal(p_ro[k], p[k])


def test_extreme_weights_no_warnings():
    # 饱和的 tanh 和 sigmoid：不溢出、不警告，记录的代价有限
    X, Y = xor_data(m=20)
    p = {"W1": np.full((2, 2), 500.0), "b1": np.zeros((2, 1)), "W2": np.full((1, 2), 800.0),
         "b2": np.zeros((1, 1))}
    A2, cache = forward_propagation(X * 10, p)
    assert np.all(np.isfinite(A2))
    assert np.isfinite(losses.cost_from_logits(cache["Z2"], Y))  # 训练时记录的代价：总是有限
    grads = backward_propagation(p, cache, X * 10, Y)
    assert all(np.all(np.isfinite(g)) for g in grads.values())
    _, costs = nn_model(X * 1e3, Y, n_h=3, num_iterations=50, learning_rate=50.0, record_every=1)
    assert all(np.isfinite(c) for c in costs)


# ---------------------------------------------------------------------------
# 输入检查
# ---------------------------------------------------------------------------


def test_parameter_shape_error_message():
    p = initialize_parameters(2, 4, 1)
    p["W1"] = np.zeros((4, 3))
    with pytest.raises(ValueError, match=r"W1 的形状应为 \(n_h, n_x\) = \(n_h, 2\)，实际是 \(4, 3\)"):
        forward_propagation(np.zeros((2, 5)), p)
    p = initialize_parameters(2, 4, 1)
    p["b1"] = np.zeros((3, 1))
    with pytest.raises(ValueError, match=r"b1 的形状应为 \(n_h, 1\) = \(4, 1\)，实际是 \(3, 1\)"):
        forward_propagation(np.zeros((2, 5)), p)
    p = initialize_parameters(2, 4, 1)
    p["W2"] = np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"W2 的形状应为 \(n_y, n_h\) = \(n_y, 4\)"):
        predict(p, np.zeros((2, 5)))
    p = initialize_parameters(2, 4, 1)
    p["b2"] = np.zeros(1)
    with pytest.raises(ValueError, match="b2 应为 2 维数组"):
        predict(p, np.zeros((2, 5)))


@settings(max_examples=examples(40), deadline=None)
@given(n_x=st.integers(1, 6), n_h=st.integers(1, 6), wrong=st.integers(1, 8), m=st.integers(1, 5))
def test_hypothesis_wrong_W1_columns(n_x, n_h, wrong, m):
    p = initialize_parameters(n_x, n_h, 1)
    if wrong == n_x:
        wrong += 1
    p["W1"] = np.zeros((n_h, wrong))
    with pytest.raises(ValueError, match=rf"W1 的形状应为 \(n_h, n_x\) = \(n_h, {n_x}\)"):
        forward_propagation(np.zeros((n_x, m)), p)


@settings(max_examples=examples(40), deadline=None)
@given(m_x=st.integers(1, 8), m_y=st.integers(1, 8))
def test_hypothesis_mismatched_m(m_x, m_y):
    if m_x == m_y:
        m_y += 1
    X = np.zeros((2, m_x))
    Y = np.zeros((1, m_y))
    with pytest.raises(ValueError, match="样本数 m 应相同"):
        layer_sizes(X, Y)
    with pytest.raises(ValueError, match="样本数 m 应相同"):
        nn_model(X, Y, 2, num_iterations=1)
    p = initialize_parameters(2, 3, 1)
    _, cache = forward_propagation(X, p)
    with pytest.raises(ValueError, match="样本数 m 应相同"):
        backward_propagation(p, cache, X, Y)
    with pytest.raises(ValueError, match="样本数 m 应相同"):
        compute_cost(np.full((1, m_x), 0.5), Y)


@settings(max_examples=examples(40), deadline=None)
@given(bad=st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: v not in (0.0, 1.0)))
def test_hypothesis_labels_must_be_binary(bad):
    X = np.zeros((2, 3))
    Y = np.array([[0.0, 1.0, bad]])
    with pytest.raises(ValueError, match="0 或 1"):
        nn_model(X, Y, 2, num_iterations=1)
    with pytest.raises(ValueError, match="0 或 1"):
        compute_cost(np.full((1, 3), 0.5), Y)


@settings(max_examples=examples(40), deadline=None)
@given(
    value=st.sampled_from([np.nan, np.inf, -np.inf]),
    pos=st.tuples(st.integers(0, 1), st.integers(0, 3)),
    where=st.sampled_from(["X", "W1", "b2"]),
)
def test_hypothesis_non_finite_rejected(value, pos, where):
    X = np.zeros((2, 4))
    p = initialize_parameters(2, 3, 1)
    if where == "X":
        X[pos] = value
    elif where == "W1":
        p["W1"][pos[1] % 3, pos[0]] = value
    else:
        p["b2"][0, 0] = value
    with pytest.raises(ValueError, match="非有限值"):
        forward_propagation(X, p)
    if where == "X":
        with pytest.raises(ValueError, match="非有限值"):
            nn_model(X, np.zeros((1, 4)), 2, num_iterations=1)


@settings(max_examples=examples(40), deadline=None)
@given(name=st.text(max_size=10).filter(lambda s: s not in ("random", "zeros")))
def test_hypothesis_unknown_init(name):
    X, Y = xor_data(m=4)
    with pytest.raises(ValueError, match="'random', 'zeros'"):
        nn_model(X, Y, 2, num_iterations=1, init=name)


@settings(max_examples=examples(30), deadline=None)
@given(cost=hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-10, 10)).filter(
    lambda a: np.any((a < 0) | (a > 1))))
def test_hypothesis_cost_rejects_non_probabilities(cost):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        compute_cost(cost.reshape(1, -1), np.zeros((1, cost.size)))


@pytest.mark.parametrize(
    "call, exc, pattern",
    [
        (lambda: layer_sizes(np.zeros((2, 0)), np.zeros((1, 0))), ValueError, "不能为空"),
        (lambda: layer_sizes("X", np.zeros((1, 3))), TypeError, "X 应为数值数组"),
        (lambda: layer_sizes(np.zeros(3), np.zeros((1, 3))), ValueError, "X 应为 2 维数组"),
        (lambda: layer_sizes(np.zeros((2, 3)), np.zeros((1, 3)), n_h=0), ValueError, "n_h"),
        (lambda: layer_sizes(np.zeros((2, 3)), np.zeros((1, 3)), n_h=2.0), TypeError, "n_h 应为整数"),
        (lambda: initialize_parameters(2, 0, 1), ValueError, "n_h"),
        (lambda: initialize_parameters(2, 3, 1, scale=0), ValueError, "scale"),
        (lambda: initialize_parameters(2, 3, 1, seed=-1), ValueError, "seed"),
        (lambda: forward_propagation(np.zeros((2, 3)), [1, 2]), TypeError, "parameters 应为字典"),
        (lambda: forward_propagation(np.zeros((2, 3)), {"W1": np.zeros((3, 2))}), ValueError, "缺少"),
        (lambda: forward_propagation(np.array([["a", "b"]]), initialize_parameters(2, 3, 1)), TypeError,
         "实数数组"),
        (lambda: nn_model(*xor_data(8), 2, num_iterations=-1), ValueError, "num_iterations"),
        (lambda: nn_model(*xor_data(8), 2, num_iterations=1.5), TypeError, "num_iterations"),
        (lambda: nn_model(*xor_data(8), 2, learning_rate=0), ValueError, "learning_rate"),
        (lambda: nn_model(*xor_data(8), 2, record_every=0), ValueError, "record_every"),
        (lambda: nn_model(*xor_data(8), 2, print_cost="yes"), TypeError, "print_cost"),
        (lambda: nn_model(*xor_data(8), 2, init=None), TypeError, "init"),
        (lambda: compute_cost(np.full((1, 2), 0.5), np.zeros((2, 2))), ValueError, "Y 的形状"),
    ],
)
def test_bad_inputs(call, exc, pattern):
    with pytest.raises(exc, match=pattern):
        call()


def test_backward_rejects_bad_cache():
    X, Y = xor_data(m=6)
    p = initialize_parameters(2, 3, 1)
    _, cache = forward_propagation(X, p)
    with pytest.raises(TypeError, match="cache 应为字典"):
        backward_propagation(p, [cache["A1"], cache["A2"]], X, Y)
    bad = dict(cache, A1=cache["A1"][:, :4])
    with pytest.raises(ValueError, match=r"cache\['A1'\] 的形状应为 \(n_h, m\) = \(3, 6\)"):
        backward_propagation(p, bad, X, Y)
    with pytest.raises(ValueError, match=r"Y 的形状应为 \(n_y, m\) = \(1, m\)"):
        backward_propagation(p, cache, X, np.zeros((2, 6)))
