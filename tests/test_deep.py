"""dlnotes.deep 的测试。

独立的参照（oracle）：

- ``_ref_forward``：逐样本、逐单元用 ``math`` 写的 L 层前向传播与代价（不用矩阵乘法）；
- 中心差分：对参照代价做数值求导，检查 ``L_model_backward``（四种隐藏层激活）；
- ``dlnotes.shallow``：单隐藏层 tanh 网络是 L = 2 的特例，两份实现的梯度必须一致。
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hyp import examples
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes import activations, losses, shallow
from dlnotes.deep import (
    ACTIVATIONS,
    L_layer_model,
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters_deep,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    parameter_shapes,
    predict,
    update_parameters,
)
from dlnotes.gradcheck import numerical_gradient
from dlnotes.graph import Value

ALLOWED = "'relu', 'sigmoid', 'tanh', 'leaky_relu'"

_REF_ACT = {
    "relu": lambda z: max(z, 0.0),
    "sigmoid": lambda z: 1.0 / (1.0 + math.exp(-z)),
    "tanh": math.tanh,
    "leaky_relu": lambda z: z if z > 0 else 0.01 * z,
}


# ---------------------------------------------------------------------------
# 数据与参照实现
# ---------------------------------------------------------------------------


def circles(m=300, seed=0):
    """单位方块里的点，落在半径 √0.5 的圆内为 1。线性不可分。"""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(2, m))
    Y = (np.sum(X**2, axis=0) < 0.5).astype(float).reshape(1, m)
    return X, Y


def random_params(dims, seed, scale=1.0):
    rng = np.random.default_rng(seed)
    p = {}
    for layer in range(1, len(dims)):
        p[f"W{layer}"] = rng.normal(0, scale / math.sqrt(dims[layer - 1]), (dims[layer], dims[layer - 1]))
        p[f"b{layer}"] = rng.normal(0, 0.5, (dims[layer], 1))
    return p


def _ref_forward(p, X, act, Y=None):
    """逐样本循环的参照：返回 (各层 Z 的列表, AL, cost)。"""
    L = len(p) // 2
    m = X.shape[1]
    Zs = [np.empty((p[f"W{layer}"].shape[0], m)) for layer in range(1, L + 1)]
    AL = np.empty((p[f"W{L}"].shape[0], m))
    total = 0.0
    for i in range(m):
        a = [float(v) for v in X[:, i]]
        for layer in range(1, L + 1):
            W, b = p[f"W{layer}"], p[f"b{layer}"]
            g = _REF_ACT["sigmoid"] if layer == L else _REF_ACT[act]
            new = []
            for j in range(W.shape[0]):
                z = sum(float(W[j, k]) * a[k] for k in range(W.shape[1])) + float(b[j, 0])
                Zs[layer - 1][j, i] = z
                new.append(g(z))
            a = new
        AL[:, i] = a
        if Y is not None:
            for o, ao in enumerate(a):
                y = float(Y[o, i])
                total -= y * math.log(ao) + (1.0 - y) * math.log(1.0 - ao)
    return Zs, AL, total / m


def _numeric_grads(p, X, Y, act, h=1e-6):
    num = {}
    for k, v in p.items():
        g = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            plus = {kk: vv.copy() for kk, vv in p.items()}
            minus = {kk: vv.copy() for kk, vv in p.items()}
            plus[k][idx] += h
            minus[k][idx] -= h
            g[idx] = (_ref_forward(plus, X, act, Y)[2] - _ref_forward(minus, X, act, Y)[2]) / (2 * h)
        num["d" + k] = g
    return num


def _rel_error(a, b):
    return np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))


def _readonly(a):
    a = np.array(a, copy=True)
    a.flags.writeable = False
    return a


# ---------------------------------------------------------------------------
# 初始化
# ---------------------------------------------------------------------------


def test_initialize_shapes_zero_bias_and_seed():
    p = initialize_parameters_deep([5, 4, 3, 1])
    assert {k: v.shape for k, v in p.items()} == {
        "W1": (4, 5), "b1": (4, 1), "W2": (3, 4), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)
    }
    assert all(np.all(p[f"b{layer}"] == 0) for layer in (1, 2, 3))
    q = initialize_parameters_deep([5, 4, 3, 1])
    assert all(np.array_equal(p[k], q[k]) for k in p)
    r = initialize_parameters_deep([5, 4, 3, 1], seed=4)
    assert not np.array_equal(p["W1"], r["W1"])
    assert initialize_parameters_deep(np.array([3, 2]))["W1"].shape == (2, 3)


@pytest.mark.parametrize(
    "init, std",
    [("he", lambda n: math.sqrt(2 / n)), ("xavier", lambda n: math.sqrt(1 / n)), ("random", lambda n: 0.01)],
)
def test_initialize_scale_per_method(init, std):
    dims = [400, 300, 200]
    p = initialize_parameters_deep(dims, seed=0, init=init)
    for layer in (1, 2):
        W = p[f"W{layer}"]
        assert W.std() == pytest.approx(std(dims[layer - 1]), rel=0.03)
        assert abs(W.mean()) < 0.05 * std(dims[layer - 1])


# ---------------------------------------------------------------------------
# 前向：与逐元素参照比较
# ---------------------------------------------------------------------------


def test_linear_forward_matches_loops():
    rng = np.random.default_rng(0)
    A, W, b = rng.normal(size=(3, 4)), rng.normal(size=(2, 3)), rng.normal(size=(2, 1))
    Z, cache = linear_forward(A, W, b)
    ref = np.array([[sum(W[j, k] * A[k, i] for k in range(3)) + b[j, 0] for i in range(4)] for j in range(2)])
    np.testing.assert_allclose(Z, ref, rtol=1e-12)
    assert cache[0] is A and cache[1] is W and cache[2] is b


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_linear_activation_forward_matches_elementwise_reference(activation):
    rng = np.random.default_rng(1)
    A_prev, W, b = rng.normal(size=(3, 6)) * 3, rng.normal(size=(4, 3)), rng.normal(size=(4, 1))
    A, (linear_cache, Z) = linear_activation_forward(A_prev, W, b, activation)
    np.testing.assert_allclose(Z, W @ A_prev + b, rtol=1e-12)
    ref = np.vectorize(_REF_ACT[activation])(Z)
    np.testing.assert_allclose(A, ref, rtol=1e-12, atol=1e-300)
    assert linear_cache[0] is A_prev


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_L_model_forward_matches_loop_reference(activation):
    dims = [3, 5, 4, 2]
    p = random_params(dims, seed=2)
    X = np.random.default_rng(3).normal(size=(3, 7))
    AL, caches = L_model_forward(X, p, hidden_activation=activation)
    Zs, AL_ref, _ = _ref_forward(p, X, activation)
    assert len(caches) == 3
    np.testing.assert_allclose(AL, AL_ref, rtol=1e-12)
    for (_, Z), Z_ref in zip(caches, Zs, strict=True):
        np.testing.assert_allclose(Z, Z_ref, rtol=1e-11, atol=1e-14)
    assert caches[0][0][0] is X


def test_compute_cost_matches_reference_and_is_stable():
    rng = np.random.default_rng(4)
    AL = rng.uniform(0.02, 0.98, size=(1, 30))
    Y = rng.integers(0, 2, size=(1, 30))
    ref = -sum(y * math.log(a) + (1 - y) * math.log(1 - a) for a, y in zip(AL.ravel(), Y.ravel(), strict=True)) / 30
    assert compute_cost(AL, Y) == pytest.approx(ref, rel=1e-12)
    # 恰好为 0/1 的预测：答对时恰好为 0；有把握地答错时 −log 0 = inf（全站同一个约定），无警告
    assert compute_cost(np.array([[0.0, 1.0]]), np.array([[0, 1]])) == 0.0
    assert compute_cost(np.array([[0.0, 1.0]]), np.array([[1, 0]])) == math.inf
    assert compute_cost(AL, Y) == losses.cost(AL, Y) == shallow.compute_cost(AL, Y)


# ---------------------------------------------------------------------------
# 反向：梯度检验
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_L_model_backward_gradient_check(activation):
    dims = [3, 5, 4, 1]
    rng = np.random.default_rng(10)
    p = random_params(dims, seed=20)
    X = rng.normal(size=(3, 4))
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    Zs, _, _ = _ref_forward(p, X, activation)
    # 远离 ReLU / Leaky ReLU 的折点，中心差分才可靠（扰动 h = 1e-6）
    assert min(np.abs(Z).min() for Z in Zs[:-1]) > 1e-3

    AL, caches = L_model_forward(X, p, hidden_activation=activation)
    grads = L_model_backward(AL, Y, caches, hidden_activation=activation)
    num = _numeric_grads(p, X, Y, activation)
    keys = sorted(num)
    for k in keys:
        assert grads[k].shape == num[k].shape
    flat = np.concatenate([grads[k].ravel() for k in keys])
    flat_num = np.concatenate([num[k].ravel() for k in keys])
    assert _rel_error(flat, flat_num) < 1e-7
    # 每一层的梯度都不为零（检查没有退化成平凡情况）
    assert all(np.abs(grads[k]).max() > 1e-4 for k in keys if k.startswith("dW"))


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
def test_dA0_is_m_times_gradient_wrt_X(activation):
    # dA^[0] = W^[1]ᵀ dZ^[1] 是每个样本的损失对 x 的导数，即 m · ∂J/∂X
    dims = [2, 3, 1]
    p = random_params(dims, seed=5)
    X = np.random.default_rng(6).normal(size=(2, 3))
    Y = np.array([[1.0, 0.0, 1.0]])
    AL, caches = L_model_forward(X, p, hidden_activation=activation)
    grads = L_model_backward(AL, Y, caches, hidden_activation=activation)
    h = 1e-6
    num = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp, Xm = X.copy(), X.copy()
        Xp[idx] += h
        Xm[idx] -= h
        num[idx] = (_ref_forward(p, Xp, activation, Y)[2] - _ref_forward(p, Xm, activation, Y)[2]) / (2 * h)
    assert _rel_error(grads["dA0"] / 3, num) < 1e-7
    assert grads["dA1"].shape == (3, 3)


def test_two_layer_tanh_agrees_with_shallow_implementation():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(4, 9))
    Y = rng.integers(0, 2, size=(1, 9))
    p = random_params([4, 6, 1], seed=8)
    AL, caches = L_model_forward(X, p, hidden_activation="tanh")
    A2, cache = shallow.forward_propagation(X, p)
    np.testing.assert_allclose(AL, A2, rtol=1e-13)
    g_deep = L_model_backward(AL, Y, caches, hidden_activation="tanh")
    g_shallow = shallow.backward_propagation(p, cache, X, Y)
    for k in ("dW1", "db1", "dW2", "db2"):
        np.testing.assert_allclose(g_deep[k], g_shallow[k], rtol=1e-10, atol=1e-14)


def test_linear_backward_against_finite_differences():
    # J = (1/m) Σ G * Z，Z = W A + b：dW = ∂J/∂W，db = ∂J/∂b，dA_prev = m · ∂J/∂A
    rng = np.random.default_rng(9)
    A, W, b, G = rng.normal(size=(3, 5)), rng.normal(size=(2, 3)), rng.normal(size=(2, 1)), rng.normal(size=(2, 5))

    def J(A, W, b):
        return float(np.sum(G * (W @ A + b)) / 5)

    dA_prev, dW, db = linear_backward(G, (A, W, b))
    h = 1e-6
    for arr, grad, scale in ((A, dA_prev, 1 / 5), (W, dW, 1.0), (b, db, 1.0)):
        for idx in np.ndindex(arr.shape):
            orig = arr[idx]
            arr[idx] = orig + h
            jp = J(A, W, b)
            arr[idx] = orig - h
            jm = J(A, W, b)
            arr[idx] = orig
            assert grad[idx] * scale == pytest.approx((jp - jm) / (2 * h), rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_linear_activation_backward_elementwise_derivative(activation):
    rng = np.random.default_rng(11)
    A_prev, W, b = rng.normal(size=(2, 6)), rng.normal(size=(3, 2)), rng.normal(size=(3, 1))
    A, cache = linear_activation_forward(A_prev, W, b, activation)
    Z = cache[1]
    assert np.abs(Z).min() > 1e-3
    dA = rng.normal(size=A.shape)
    dA_prev, dW, db = linear_activation_backward(dA, cache, activation)
    h = 1e-6
    g = np.vectorize(_REF_ACT[activation])
    dZ = dA * (g(Z + h) - g(Z - h)) / (2 * h)  # 数值导数 g'(Z)
    np.testing.assert_allclose(dW, dZ @ A_prev.T / 6, rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(db, dZ.mean(axis=1, keepdims=True), rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(dA_prev, W.T @ dZ, rtol=1e-6, atol=1e-10)


def test_backward_with_saturated_output_has_no_warnings():
    # AL 恰好为 0 和 1：dA^[L] 里不会除以 0（filterwarnings = error），梯度有限
    p = {"W1": np.array([[1.0]]), "b1": np.zeros((1, 1)), "W2": np.array([[1e4]]), "b2": np.array([[-5000.0]])}
    X = np.array([[0.0, 2.0]])
    Y = np.array([[0, 1]])
    AL, caches = L_model_forward(X, p)
    assert AL[0, 0] == 0.0 and AL[0, 1] == 1.0
    grads = L_model_backward(AL, Y, caches)
    assert all(np.all(np.isfinite(g)) for g in grads.values())
    grads = L_model_backward(AL, 1 - Y, caches)
    assert all(np.all(np.isfinite(g)) for g in grads.values())
    # 答错且饱和：每个样本的 dZ^[L] = A − Y = ±1，不是被截断后的 0
    np.testing.assert_array_equal(grads["db2"], [[(AL[0, 0] - 1 + AL[0, 1] - 0) / 2]])
    assert compute_cost(AL, 1 - Y) == math.inf
    assert np.isfinite(losses.cost_from_logits(caches[-1][1], 1 - Y))


# ---------------------------------------------------------------------------
# update_parameters / L_layer_model / predict
# ---------------------------------------------------------------------------


def test_update_parameters_new_dict_inputs_untouched():
    p = {k: _readonly(v) for k, v in random_params([3, 2, 1], seed=0).items()}
    g = {"d" + k: _readonly(np.ones_like(v)) for k, v in p.items()}
    g["dA0"] = np.zeros((3, 5))  # 多出的键被忽略
    before = {k: v.copy() for k, v in p.items()}
    new = update_parameters(p, g, 0.25)
    assert new is not p and set(new) == set(p)
    for k in p:
        np.testing.assert_array_equal(new[k], before[k] - 0.25)
        np.testing.assert_array_equal(p[k], before[k])


def test_L_layer_model_cost_decreases_and_classifies_circles():
    X, Y = circles(300, seed=0)
    X_test, Y_test = circles(300, seed=1)
    params, costs = L_layer_model(X, Y, [2, 8, 4, 1], learning_rate=0.1, num_iterations=2000)
    assert len(costs) == 20
    assert costs[-1] < 0.2 * costs[0]
    assert sum(b > a for a, b in zip(costs, costs[1:], strict=False)) <= 2  # 基本单调下降
    assert float(np.mean(predict(params, X_test) == Y_test)) > 0.93


def test_L_layer_model_matches_loop_of_public_functions():
    X, Y = circles(40, seed=2)
    dims = [2, 5, 3, 1]
    params, costs = L_layer_model(X, Y, dims, learning_rate=0.2, num_iterations=30, seed=6,
                                  hidden_activation="tanh", record_every=1)
    p = initialize_parameters_deep(dims, seed=6, init="he")
    expected = []
    for _ in range(30):
        AL, caches = L_model_forward(X, p, hidden_activation="tanh")
        expected.append(compute_cost(AL, Y))
        p = update_parameters(p, L_model_backward(AL, Y, caches, hidden_activation="tanh"), 0.2)
    assert len(costs) == 30
    np.testing.assert_allclose(costs, expected, rtol=1e-10)
    for k in p:
        np.testing.assert_allclose(params[k], p[k], rtol=1e-12, atol=1e-15)


def test_same_architecture_sigmoid_vs_relu_hidden_units():
    X, Y = circles(200, seed=3)
    results = {}
    for act in ("sigmoid", "relu"):
        params, costs = L_layer_model(X, Y, [2, 8, 4, 1], learning_rate=0.1, num_iterations=300,
                                      hidden_activation=act, record_every=1)
        assert len(costs) == 300 and all(np.isfinite(costs))
        assert costs[-1] < costs[0]
        results[act] = costs
        # predict 必须用训练时的激活；同一份参数换激活结果不同
        AL, _ = L_model_forward(X, params, hidden_activation=act)
        np.testing.assert_array_equal(predict(params, X, hidden_activation=act), (AL > 0.5).astype(float))
    # 同一初始化（同一种子），不同激活 ⇒ 不同的代价曲线
    assert results["sigmoid"] != results["relu"]


def test_L_layer_model_zero_iterations_print_and_record(capsys):
    X, Y = circles(20)
    params, costs = L_layer_model(X, Y, [2, 3, 1], num_iterations=0, seed=2)
    ref = initialize_parameters_deep([2, 3, 1], seed=2)
    assert costs == [] and all(np.array_equal(params[k], ref[k]) for k in ref)
    _, costs = L_layer_model(X, Y, [2, 3, 1], num_iterations=10, record_every=4, print_cost=True)
    out = capsys.readouterr().out
    assert len(costs) == 3 and out.count("次迭代的代价") == 3 and "第 8 次迭代的代价" in out


def test_float32_stays_float32():
    X, Y = circles(50)
    X32 = X.astype(np.float32)
    params, costs = L_layer_model(X32, Y, [2, 4, 1], learning_rate=0.1, num_iterations=20)
    assert all(v.dtype == np.float32 for v in params.values())
    AL, caches = L_model_forward(X32, params, hidden_activation="leaky_relu")
    assert AL.dtype == np.float32 and all(c[1].dtype == np.float32 for c in caches)
    grads = L_model_backward(AL, Y.astype(np.float32), caches, hidden_activation="leaky_relu")
    assert all(g.dtype == np.float32 for g in grads.values())
    assert predict(params, X32).dtype == np.float32


def test_no_input_is_modified():
    X, Y = circles(30)
    X_ro, Y_ro = _readonly(X), _readonly(Y)
    p = {k: _readonly(v) for k, v in random_params([2, 4, 3, 1], seed=1).items()}
    before = {k: v.copy() for k, v in p.items()}
    for act in ACTIVATIONS:
        AL, caches = L_model_forward(X_ro, p, hidden_activation=act)
        AL.flags.writeable = False
        for (A_prev, _W, _b), Z in caches:
            Z.flags.writeable = False
            A_prev.flags.writeable = False
        n_caches = len(caches)
        grads = L_model_backward(AL, Y_ro, caches, hidden_activation=act)
        assert len(caches) == n_caches
        update_parameters(p, grads, 0.1)
        predict(p, X_ro, hidden_activation=act)
    L_layer_model(X_ro, Y_ro, [2, 3, 1], num_iterations=3)
    np.testing.assert_array_equal(X_ro, X)
    for k in p:
        np.testing.assert_array_equal(p[k], before[k])


# ---------------------------------------------------------------------------
# parameter_shapes
# ---------------------------------------------------------------------------


@settings(max_examples=examples(30), deadline=None)
@given(dims=st.lists(st.integers(1, 6), min_size=2, max_size=5), m=st.integers(1, 6))
def test_parameter_shapes_match_real_forward_pass(dims, m):
    table = parameter_shapes(dims, m)
    p = initialize_parameters_deep(dims, seed=0)
    X = np.ones((dims[0], m))
    for act in ("relu", "tanh"):
        AL, caches = L_model_forward(X, p, hidden_activation=act)
        assert len(table) == len(caches) == len(dims) - 1
        activations = [c[0][0] for c in caches[1:]] + [AL]  # A^[l] 是第 l+1 层的 A_prev
        for row, ((_, W, b), Z), A in zip(table, caches, activations, strict=True):
            assert row["W"] == W.shape and row["b"] == b.shape
            assert row["Z"] == Z.shape and row["A"] == A.shape
            assert row["n"] == dims[row["l"]]
    assert [row["l"] for row in table] == list(range(1, len(dims)))


# ---------------------------------------------------------------------------
# 输入检查
# ---------------------------------------------------------------------------


@settings(max_examples=examples(40), deadline=None)
@given(name=st.text(max_size=12).filter(lambda s: s not in ACTIVATIONS))
def test_hypothesis_unknown_activation_lists_allowed_names(name):
    X = np.ones((2, 3))
    p = initialize_parameters_deep([2, 2, 1])
    with pytest.raises(ValueError, match=ALLOWED):
        linear_activation_forward(X, p["W1"], p["b1"], name)
    with pytest.raises(ValueError, match="hidden_activation 应为 " + ALLOWED):
        L_model_forward(X, p, hidden_activation=name)
    with pytest.raises(ValueError, match=ALLOWED):
        predict(p, X, hidden_activation=name)
    AL, caches = L_model_forward(X, p)
    with pytest.raises(ValueError, match=ALLOWED):
        L_model_backward(AL, np.zeros((1, 3)), caches, hidden_activation=name)
    with pytest.raises(ValueError, match=ALLOWED):
        linear_activation_backward(np.ones((2, 3)), caches[0], name)
    with pytest.raises(ValueError, match=ALLOWED):
        L_layer_model(X, np.zeros((1, 3)), [2, 2, 1], num_iterations=1, hidden_activation=name)


@settings(max_examples=examples(40), deadline=None)
@given(dims=st.lists(st.integers(1, 5), min_size=3, max_size=5), data=st.data())
def test_hypothesis_wrong_weight_shape_names_the_layer(dims, data):
    p = initialize_parameters_deep(dims, seed=0)
    layer = data.draw(st.integers(1, len(dims) - 1))
    wrong = data.draw(st.integers(1, 7).filter(lambda c: c != dims[layer - 1]))
    p[f"W{layer}"] = np.zeros((dims[layer], wrong))
    pattern = rf"W{layer} 的形状应为 \(n_{layer}, n_{layer - 1}\) = \(n_{layer}, {dims[layer - 1]}\)，实际是 \({dims[layer]}, {wrong}\)"
    with pytest.raises(ValueError, match=pattern):
        L_model_forward(np.ones((dims[0], 2)), p)


@settings(max_examples=examples(30), deadline=None)
@given(
    value=st.sampled_from([np.nan, np.inf, -np.inf]),
    where=st.sampled_from(["X", "W2", "b1"]),
    col=st.integers(0, 2),
)
def test_hypothesis_non_finite_rejected(value, where, col):
    X = np.ones((2, 3))
    p = initialize_parameters_deep([2, 3, 1])
    if where == "X":
        X[1, col] = value
    else:
        p[where][0, col % p[where].shape[1]] = value
    with pytest.raises(ValueError, match="非有限值"):
        L_model_forward(X, p)
    with pytest.raises(ValueError, match="非有限值"):
        predict(p, X)


@settings(max_examples=examples(30), deadline=None)
@given(bad=st.floats(allow_nan=False, allow_infinity=False).filter(lambda v: v not in (0.0, 1.0)))
def test_hypothesis_labels_must_be_binary(bad):
    X = np.ones((2, 3))
    Y = np.array([[1.0, bad, 0.0]])
    with pytest.raises(ValueError, match="0 或 1"):
        L_layer_model(X, Y, [2, 2, 1], num_iterations=1)
    with pytest.raises(ValueError, match="0 或 1"):
        compute_cost(np.full((1, 3), 0.5), Y)
    AL, caches = L_model_forward(X, initialize_parameters_deep([2, 2, 1]))
    with pytest.raises(ValueError, match="0 或 1"):
        L_model_backward(AL, Y, caches)


@settings(max_examples=examples(30), deadline=None)
@given(m_x=st.integers(1, 6), m_y=st.integers(1, 6))
def test_hypothesis_mismatched_m(m_x, m_y):
    if m_x == m_y:
        m_y += 1
    X = np.ones((2, m_x))
    with pytest.raises(ValueError, match="样本数 m 应相同"):
        L_layer_model(X, np.zeros((1, m_y)), [2, 2, 1], num_iterations=1)
    AL, caches = L_model_forward(X, initialize_parameters_deep([2, 2, 1]))
    with pytest.raises(ValueError, match="样本数 m 应相同"):
        L_model_backward(AL, np.zeros((1, m_y)), caches)
    with pytest.raises(ValueError, match="样本数 m 应相同"):
        compute_cost(AL, np.zeros((1, m_y)))


def _params(dims=(2, 3, 1)):
    return initialize_parameters_deep(list(dims))


@pytest.mark.parametrize(
    "call, exc, pattern",
    [
        (lambda: initialize_parameters_deep([3]), ValueError, "至少要有 2 个数"),
        (lambda: initialize_parameters_deep([3, 0, 1]), ValueError, r"layer_dims\[1\] 应为 >= 1"),
        (lambda: initialize_parameters_deep([3, 2.5]), TypeError, r"layer_dims\[1\] 应为整数"),
        (lambda: initialize_parameters_deep("32"), TypeError, "layer_dims 应为正整数的列表"),
        (lambda: initialize_parameters_deep(5), TypeError, "layer_dims"),
        (lambda: initialize_parameters_deep([3, 1], init="kaiming"), ValueError, "'he', 'xavier', 'random', 'zeros'"),
        (lambda: initialize_parameters_deep([3, 1], seed=-2), ValueError, "seed"),
        (lambda: linear_forward(np.ones((3, 2)), np.ones((1, 2)), np.ones((1, 1))), ValueError,
         r"W 的形状应为 \(n_l, n_\{l-1\}\) = \(n_l, 3\)，实际是 \(1, 2\)"),
        (lambda: linear_forward(np.ones((2, 2)), np.ones((1, 2)), np.ones(1)), ValueError, "b 应为 2 维"),
        (lambda: linear_activation_forward(np.ones((2, 2)), np.ones((1, 2)), np.ones((1, 1)), 3), TypeError,
         "activation 应为字符串"),
        (lambda: L_model_forward(np.ones((2, 2)), [1, 2]), TypeError, "parameters 应为字典"),
        (lambda: L_model_forward(np.ones((2, 2)), {}), ValueError, "parameters 应包含 W1, b1"),
        (lambda: L_model_forward(np.ones((2, 2)), {k: v for k, v in _params().items() if k != "b2"}),
         ValueError, r"缺少 \['b2'\]"),
        (lambda: L_model_forward(np.ones((2, 2)), {"W1": np.ones((3, 2)), "b1": np.ones((3, 1)),
                                                   "W3": np.ones((1, 3)), "b3": np.ones((1, 1))}),
         ValueError, r"缺少 \['W2', 'b2'\]"),
        (lambda: L_model_forward(np.ones((2, 2)), dict(_params(), b1=np.ones((2, 1)))), ValueError,
         r"b1 的形状应为 \(n_1, 1\) = \(3, 1\)，实际是 \(2, 1\)"),
        (lambda: L_model_forward(np.ones((2, 0)), _params()), ValueError, "不能为空"),
        (lambda: compute_cost(np.full((1, 2), 1.5), np.zeros((1, 2))), ValueError, r"\[0, 1\]"),
        (lambda: compute_cost(np.full((1, 2), 0.5), np.zeros((2, 2))), ValueError, "Y 的形状"),
        (lambda: linear_backward(np.ones((1, 2)), (np.ones((2, 2)), np.ones((1, 2)))), TypeError,
         r"三元组 \(A_prev, W, b\)"),
        (lambda: linear_backward(np.ones((1, 3)), (np.ones((2, 2)), np.ones((1, 2)), np.ones((1, 1)))),
         ValueError, r"dZ 的形状应为 \(n_l, m\) = \(1, 2\)"),
        (lambda: linear_activation_backward(np.ones((1, 2)), "cache", "relu"), TypeError, "二元组"),
        (lambda: update_parameters(_params(), {"dW1": np.ones((3, 2))}, 0.1), ValueError, "缺少"),
        (lambda: update_parameters(_params(), {"d" + k: np.ones((1, 1)) for k in _params()}, 0.1), ValueError,
         r"dW1 的形状应与 W1 相同"),
        (lambda: update_parameters(_params(), {"d" + k: np.ones_like(v) for k, v in _params().items()}, 0),
         ValueError, "learning_rate"),
        (lambda: update_parameters(_params(), None, 0.1), TypeError, "grads 应为字典"),
        (lambda: L_layer_model(np.ones((2, 3)), np.zeros((1, 3)), [3, 2, 1]), ValueError,
         r"layers_dims\[0\] 应等于 X 的特征数 n_x = 2，实际是 3"),
        (lambda: L_layer_model(np.ones((2, 3)), np.zeros((1, 3)), [2, 2, 2]), ValueError, r"layers_dims\[-1\]"),
        (lambda: L_layer_model(np.ones((2, 3)), np.zeros((1, 3)), [2, 1], num_iterations=-1), ValueError,
         "num_iterations"),
        (lambda: L_layer_model(np.ones((2, 3)), np.zeros((1, 3)), [2, 1], record_every=0), ValueError,
         "record_every"),
        (lambda: L_layer_model(np.ones((2, 3)), np.zeros((1, 3)), [2, 1], print_cost=1), TypeError, "print_cost"),
        (lambda: L_layer_model(np.ones((2, 3)), np.zeros((1, 3)), [2, 1], learning_rate=-0.1), ValueError,
         "learning_rate"),
        (lambda: parameter_shapes([2, 3], 0), ValueError, "m 应为 >= 1"),
        (lambda: parameter_shapes([2], 3), ValueError, "至少要有 2 个数"),
    ],
)
def test_bad_inputs(call, exc, pattern):
    with pytest.raises(exc, match=pattern):
        call()


def test_L_model_backward_rejects_bad_caches():
    X = np.ones((2, 4))
    p = initialize_parameters_deep([2, 3, 2, 1])
    AL, caches = L_model_forward(X, p)
    Y = np.zeros((1, 4))
    with pytest.raises(TypeError, match="caches 应为"):
        L_model_backward(AL, Y, None)
    with pytest.raises(ValueError, match="caches 不能为空"):
        L_model_backward(AL, Y, [])
    with pytest.raises(ValueError, match="A_prev 的行数应等于上一层的单元数"):
        L_model_backward(AL, Y, [caches[0], caches[2]])
    with pytest.raises(ValueError, match="最后一个缓存中的 Z 的形状应与 AL 相同"):
        L_model_backward(AL, Y, caches[:2])
    other_AL, other_caches = L_model_forward(np.ones((2, 5)), p)
    with pytest.raises(ValueError, match="样本数 m 应与 AL 相同"):
        L_model_backward(AL, Y, [other_caches[0], caches[1], caches[2]])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        L_model_backward(AL + 2, Y, caches)


# ---------------------------------------------------------------------------
# 饱和的输出层：deep、shallow、graph、activations 与有限差分彼此一致
# ---------------------------------------------------------------------------


def _saturated_net():
    # 2 层 tanh 网络：z^[2] = 40 tanh(2) ≈ 38.6，σ(z^[2]) 舍入成 1.0，而标签是 0
    params = {"W1": np.array([[1.0]]), "b1": np.zeros((1, 1)), "W2": np.array([[40.0]]), "b2": np.zeros((1, 1))}
    return params, np.array([[2.0]]), np.array([[0]])


def _stable_cost(params, X, Y):
    """由 logit 计算的代价（不经过会舍入成 1 的概率），作为有限差分的对象。"""
    Z2 = params["W2"] @ np.tanh(params["W1"] @ X + params["b1"]) + params["b2"]
    return losses.cost_from_logits(Z2, Y)


def test_saturated_output_gradient_is_exact_in_deep_and_shallow():
    params, X, Y = _saturated_net()
    AL, caches = L_model_forward(X, params, hidden_activation="tanh")
    assert AL[0, 0] == 1.0  # 确实饱和
    g_deep = L_model_backward(AL, Y, caches, hidden_activation="tanh")
    A2, cache = shallow.forward_propagation(X, params)
    g_shallow = shallow.backward_propagation(params, cache, X, Y)
    assert g_deep["db2"][0, 0] == 1.0 == g_shallow["db2"][0, 0]  # db^[2] = A − Y = 1，不是 0
    for k in ("dW1", "db1", "dW2", "db2"):
        np.testing.assert_array_equal(g_deep[k], g_shallow[k])
    # 与稳定代价的中心差分一致（对每个参数）
    for k in ("W1", "b1", "W2", "b2"):
        def J(v, k=k):
            return _stable_cost(dict(params, **{k: v.reshape(params[k].shape)}), X, Y)

        numeric = numerical_gradient(J, params[k])
        np.testing.assert_allclose(g_deep["d" + k], numeric, rtol=1e-7)


def test_saturated_sigmoid_derivative_agrees_in_activations_deep_graph():
    # σ'(40) = e^(−40)/(1 + e^(−40))² ≈ 4.25e-18：s(1 − s) 会相消成 0，三处都必须给出真实值
    for z in (40.0, -40.0, 700.0, 1e-3, 0.0):
        expected = math.exp(-abs(z)) / (1 + math.exp(-abs(z))) ** 2
        assert activations.sigmoid_grad(z) == pytest.approx(expected, rel=1e-15)
        dZ = linear_activation_backward(
            np.array([[1.0]]), ((np.array([[1.0]]), np.array([[z]]), np.zeros((1, 1))), np.array([[z]])), "sigmoid"
        )[2]  # db = dZ（m = 1）
        assert dZ[0, 0] == pytest.approx(expected, rel=1e-15)
        v = Value(z)
        v.sigmoid().backward()
        assert v.grad == pytest.approx(expected, rel=1e-15)
    assert activations.sigmoid_grad(40.0) > 0


def test_deep_saturated_relu_network_matches_finite_differences_of_stable_cost():
    # 3 层 ReLU 网络，输出饱和且答错：反向传播与稳定代价的有限差分一致
    rng = np.random.default_rng(0)
    X = rng.uniform(1, 2, size=(3, 4))
    Y = np.array([[0, 1, 0, 1]])
    params = {"W1": rng.uniform(1, 2, size=(4, 3)), "b1": np.ones((4, 1)),
              "W2": rng.uniform(1, 2, size=(2, 4)), "b2": np.ones((2, 1)),
              "W3": np.array([[20.0, 20.0]]), "b3": np.zeros((1, 1))}
    AL, caches = L_model_forward(X, params)
    assert np.all(AL == 1.0)
    grads = L_model_backward(AL, Y, caches)

    def J(theta, k):
        p = dict(params, **{k: theta.reshape(params[k].shape)})
        return losses.cost_from_logits(L_model_forward(X, p)[1][-1][1], Y)

    for k in params:
        numeric = numerical_gradient(lambda t, k=k: J(t, k), params[k], eps=1e-5)
        np.testing.assert_allclose(grads["d" + k], numeric, rtol=1e-6, atol=1e-9)
