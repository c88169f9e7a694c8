"""L 层深度神经网络：隐藏层用 ReLU（或 sigmoid、tanh、Leaky ReLU），输出层用 sigmoid，做二分类。

函数名与课程作业一致（``initialize_parameters_deep``、``linear_forward``、
``linear_activation_forward``、``L_model_forward``、``compute_cost``、``linear_backward``、
``linear_activation_backward``、``L_model_backward``、``update_parameters``、``L_layer_model``、
``predict``）。

记号（与笔记一致），第 l 层（l = 1, …, L）有 n_l 个单元，n_0 = n_x::

    A^[0] = X           (n_0, m)
    W^[l], b^[l]        (n_l, n_{l-1}), (n_l, 1)       parameters["W" + str(l)], parameters["b" + str(l)]
    Z^[l] = W^[l] A^[l-1] + b^[l]       (n_l, m)
    A^[l] = g^[l](Z^[l])                (n_l, m)       隐藏层 g = hidden_activation，输出层 g = σ
    ŷ = A^[L]                           (n_L, m)

缓存（cache）与课程相同：``linear_cache = (A_prev, W, b)``，``cache = (linear_cache, Z)``，
``caches`` 是 L 个 cache 组成的列表。缓存里存的是对数组的引用，不复制。

公开函数都会检查输入；以下划线开头的私有函数不做检查，供 ``L_layer_model`` 的梯度下降循环
调用（每次调用 ``L_layer_model`` 只检查一次）。任何函数都不会修改传入的数组、字典或列表。
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from dlnotes._checks import (
    as_array,
    check_labels,
    check_positive_float,
    check_positive_int,
    check_probabilities,
    check_same_m,
    check_shape,
)
from dlnotes.activations import _sigmoid
from dlnotes.shallow import _cost_from_logits, _cost_from_probabilities

__all__ = [
    "ACTIVATIONS",
    "initialize_parameters_deep",
    "linear_forward",
    "linear_activation_forward",
    "L_model_forward",
    "compute_cost",
    "linear_backward",
    "linear_activation_backward",
    "L_model_backward",
    "update_parameters",
    "L_layer_model",
    "predict",
    "parameter_shapes",
]

#: 支持的激活函数名。
ACTIVATIONS = ("relu", "sigmoid", "tanh", "leaky_relu")
_INIT_METHODS = ("he", "xavier", "small")
#: Leaky ReLU 负半轴的斜率（与 `dlnotes.activations.leaky_relu` 的默认值相同）。
LEAKY_SLOPE = 0.01
_PARAM_KEY = re.compile(r"^[Wb](\d+)$")


# ---------------------------------------------------------------------------
# 私有的、不做检查的激活函数 g(Z) 与 dZ = dA * g'(Z)（保持 Z 的 dtype）
# ---------------------------------------------------------------------------


# --8<-- [start:activation-core]
def _relu(Z: np.ndarray) -> np.ndarray:
    return np.maximum(Z, 0.0)  # g(z) = max(0, z)


def _relu_backward(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    return dA * (Z > 0)  # dZ = dA * g'(Z)，ReLU：g'(z) = 1（z > 0），否则 0


def _sigmoid_backward(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    s = _sigmoid(Z)
    return dA * s * (1.0 - s)  # dZ = dA * g'(Z)，sigmoid：g'(z) = σ(z)(1 − σ(z))


def _tanh_backward(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    t = np.tanh(Z)
    return dA * (1.0 - t * t)  # dZ = dA * g'(Z)，tanh：g'(z) = 1 − tanh²(z)


def _leaky_relu(Z: np.ndarray) -> np.ndarray:
    return np.where(Z > 0, Z, LEAKY_SLOPE * Z)  # g(z) = z（z > 0），否则 0.01 z


def _leaky_relu_backward(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    return np.where(Z > 0, dA, LEAKY_SLOPE * dA)  # dZ = dA * g'(Z)，g'(z) = 1（z > 0），否则 0.01


# 按名字查 g（前向）和 dZ = dA * g'(Z)（反向）
_FORWARD: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "relu": _relu,
    "sigmoid": _sigmoid,  # σ(z) = 1 / (1 + e^(−z))，数值稳定的写法见 dlnotes.activations
    "tanh": np.tanh,
    "leaky_relu": _leaky_relu,
}
_BACKWARD: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "relu": _relu_backward,
    "sigmoid": _sigmoid_backward,
    "tanh": _tanh_backward,
    "leaky_relu": _leaky_relu_backward,
}
# --8<-- [end:activation-core]


# ---------------------------------------------------------------------------
# 私有的输入检查
# ---------------------------------------------------------------------------


def _check_activation(activation: object, name: str = "activation") -> str:
    allowed = ", ".join(repr(a) for a in ACTIVATIONS)
    if not isinstance(activation, str):
        raise TypeError(f"{name} 应为字符串 {allowed} 之一，实际收到 {type(activation).__name__}")
    if activation not in ACTIVATIONS:
        raise ValueError(f"{name} 应为 {allowed} 之一，实际是 {activation!r}")
    return activation


def _check_layer_dims(layer_dims: object, name: str = "layer_dims") -> list[int]:
    if isinstance(layer_dims, (str, bytes, Mapping)) or not isinstance(layer_dims, (Sequence, np.ndarray)):
        raise TypeError(f"{name} 应为正整数的列表，如 [n_x, n_1, ..., n_L]，实际收到 {type(layer_dims).__name__}")
    dims = list(layer_dims)
    if len(dims) < 2:
        raise ValueError(f"{name} 至少要有 2 个数（输入层与输出层），实际是 {dims}")
    return [check_positive_int(n, f"{name}[{i}]") for i, n in enumerate(dims)]


def _check_parameters(parameters: object, n_x: int | None = None) -> tuple[dict[str, np.ndarray], int]:
    """检查 W1, b1, …, WL, bL 的存在与形状，返回 (数组字典, L)。

    n_0 取自 X（给出时），n_l 取自 W^[l] 的行数；W^[l] 的列数必须等于 n_{l-1}。
    """
    if not isinstance(parameters, Mapping):
        raise TypeError(f"parameters 应为字典 {{'W1': ..., 'b1': ..., ...}}，实际收到 {type(parameters).__name__}")
    layers = {int(mt.group(1)) for k in parameters if isinstance(k, str) and (mt := _PARAM_KEY.match(k))}
    L = max(layers, default=0)
    expected = [f"{c}{layer}" for layer in range(1, L + 1) for c in "Wb"]
    missing = [k for k in expected if k not in parameters]
    if L == 0 or missing:
        raise ValueError(
            f"parameters 应包含 W1, b1, …, WL, bL（层号从 1 连续编号），"
            f"实际的键是 {sorted(map(str, parameters))}" + (f"，缺少 {missing}" if missing else "")
        )
    p: dict[str, np.ndarray] = {}
    n_prev = n_x
    for layer in range(1, L + 1):
        W = as_array(parameters[f"W{layer}"], f"W{layer}", ndim=2)
        check_shape(W, f"W{layer}", (None, n_prev), labels=(f"n_{layer}", f"n_{layer - 1}"))
        n_l = W.shape[0]
        b = as_array(parameters[f"b{layer}"], f"b{layer}", ndim=2)
        check_shape(b, f"b{layer}", (n_l, 1), labels=(f"n_{layer}", "1"))
        p[f"W{layer}"], p[f"b{layer}"] = W, b
        n_prev = n_l
    return p, L


def _check_Y_like(Y: object, AL: np.ndarray, name_AL: str = "AL") -> np.ndarray:
    Y = as_array(Y, "Y", ndim=2)
    check_same_m(name_AL, AL, "Y", Y)
    check_shape(Y, "Y", AL.shape, labels=("n_L", "m"))
    check_labels(Y, "Y")
    return Y


def _check_linear_cache(
    linear_cache: object, name: str = "linear_cache"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    if not isinstance(linear_cache, (tuple, list)) or len(linear_cache) != 3:
        raise TypeError(f"{name} 应为三元组 (A_prev, W, b)，实际收到 {type(linear_cache).__name__}"
                        + (f"（长度 {len(linear_cache)}）" if isinstance(linear_cache, (tuple, list)) else ""))
    A_prev = as_array(linear_cache[0], f"{name} 中的 A_prev", ndim=2)
    W = as_array(linear_cache[1], f"{name} 中的 W", ndim=2)
    check_shape(W, f"{name} 中的 W", (None, A_prev.shape[0]), labels=("n_l", "n_{l-1}"))
    b = as_array(linear_cache[2], f"{name} 中的 b", ndim=2)
    check_shape(b, f"{name} 中的 b", (W.shape[0], 1), labels=("n_l", "1"))
    return A_prev, W, b


def _check_cache(cache: object, name: str = "cache") -> tuple[tuple[np.ndarray, np.ndarray, np.ndarray], np.ndarray]:
    if not isinstance(cache, (tuple, list)) or len(cache) != 2:
        raise TypeError(f"{name} 应为二元组 (linear_cache, Z)，实际收到 {type(cache).__name__}"
                        + (f"（长度 {len(cache)}）" if isinstance(cache, (tuple, list)) else ""))
    A_prev, W, b = _check_linear_cache(cache[0], f"{name} 的 linear_cache")
    Z = as_array(cache[1], f"{name} 中的 Z", ndim=2)
    check_shape(Z, f"{name} 中的 Z", (W.shape[0], A_prev.shape[1]), labels=("n_l", "m"))
    return (A_prev, W, b), Z


# ---------------------------------------------------------------------------
# 私有的、不做检查的核心计算（热循环用）
# ---------------------------------------------------------------------------


# --8<-- [start:initialize-core]
def _initialize(dims: Sequence[int], seed: int, method: str) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    params = {}
    for layer in range(1, len(dims)):  # l = 1 … L
        n_prev = dims[layer - 1]  # n_{l-1}
        if method == "he":
            factor = np.sqrt(2.0 / n_prev)  # He：Var(w) = 2 / n_{l-1}，配合 ReLU
        elif method == "xavier":
            factor = np.sqrt(1.0 / n_prev)  # Xavier：Var(w) = 1 / n_{l-1}，配合 tanh
        else:
            factor = 0.01  # 小随机数（浅层网络的做法；层数多时信号会逐层缩小）
        params[f"W{layer}"] = rng.standard_normal((dims[layer], n_prev)) * factor  # W^[l]：(n_l, n_{l-1})
        params[f"b{layer}"] = np.zeros((dims[layer], 1))  # b^[l] = 0：(n_l, 1)
    return params
# --8<-- [end:initialize-core]


# --8<-- [start:forward-core]
def _linear_forward(A, W, b):
    Z = W @ A + b  # Z^[l] = W^[l] A^[l-1] + b^[l]：(n_l, m)，b^[l] 广播到每一列
    return Z, (A, W, b)  # linear_cache = (A^[l-1], W^[l], b^[l])


def _linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = _linear_forward(A_prev, W, b)  # Z^[l]
    A = _FORWARD[activation](Z)  # A^[l] = g^[l](Z^[l])
    return A, (linear_cache, Z)  # cache = (linear_cache, Z^[l])


def _L_model_forward(X, p, L, hidden_activation):
    caches = []
    A = X  # A^[0] = X
    for layer in range(1, L):  # 隐藏层 l = 1 … L-1：[LINEAR → hidden_activation]
        A, cache = _linear_activation_forward(A, p[f"W{layer}"], p[f"b{layer}"], hidden_activation)
        caches.append(cache)
    AL, cache = _linear_activation_forward(A, p[f"W{L}"], p[f"b{L}"], "sigmoid")  # 输出层：A^[L] = σ(Z^[L]) = Ŷ
    caches.append(cache)  # caches[l-1] 属于第 l 层
    return AL, caches
# --8<-- [end:forward-core]


# --8<-- [start:backward-core]
def _linear_backward(dZ, cache):
    A_prev, W, _ = cache  # (A^[l-1], W^[l], b^[l])
    m = A_prev.shape[1]
    dW = (dZ @ A_prev.T) / m  # dW^[l] = (1/m) dZ^[l] A^[l-1]ᵀ：(n_l, n_{l-1})
    db = np.sum(dZ, axis=1, keepdims=True) / m  # db^[l] = (1/m) Σ_i dZ^[l](i)：(n_l, 1)
    dA_prev = W.T @ dZ  # dA^[l-1] = W^[l]ᵀ dZ^[l]：(n_{l-1}, m)
    return dA_prev, dW, db


def _linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    dZ = _BACKWARD[activation](dA, Z)  # dZ^[l] = dA^[l] * g^[l]'(Z^[l])（逐元素相乘）
    return _linear_backward(dZ, linear_cache)


def _output_dA(AL, Y):
    # dA^[L] = −(Y / A^[L] − (1 − Y) / (1 − A^[L]))；A^[L] 先裁剪到 [ε, 1 − ε]，避免除以 0
    eps = np.finfo(AL.dtype).eps
    a = np.clip(AL, eps, 1.0 - eps)
    return -(Y / a - (1.0 - Y) / (1.0 - a))


def _L_model_backward(AL, Y, caches, hidden_activation):
    grads = {}
    L = len(caches)
    dA = _output_dA(AL, Y)  # 起点：dA^[L]
    # 输出层 l = L 用 sigmoid 的导数（dZ^[L] 化简后就是 A^[L] − Y），得到 dW^[L]、db^[L] 和 dA^[L-1]
    dA_prev, dW, db = _linear_activation_backward(dA, caches[L - 1], "sigmoid")
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dA_prev, dW, db
    for layer in range(L - 1, 0, -1):  # 隐藏层 l = L-1 … 1：用 hidden_activation 的导数
        # 由 dA^[l] 和第 l 层的缓存算出 dA^[l-1]、dW^[l]、db^[l]
        dA_prev, dW, db = _linear_activation_backward(dA_prev, caches[layer - 1], hidden_activation)
        grads[f"dA{layer - 1}"], grads[f"dW{layer}"], grads[f"db{layer}"] = dA_prev, dW, db
    return grads
# --8<-- [end:backward-core]


# --8<-- [start:update-core]
def _update(p, grads, learning_rate, L):
    new = {}
    for layer in range(1, L + 1):  # l = 1 … L，生成新数组，不原地修改
        new[f"W{layer}"] = p[f"W{layer}"] - learning_rate * grads[f"dW{layer}"]  # W^[l] := W^[l] − α dW^[l]
        new[f"b{layer}"] = p[f"b{layer}"] - learning_rate * grads[f"db{layer}"]  # b^[l] := b^[l] − α db^[l]
    return new
# --8<-- [end:update-core]


# ---------------------------------------------------------------------------
# 公开函数
# ---------------------------------------------------------------------------


# --8<-- [start:initialize_parameters_deep]
def initialize_parameters_deep(layer_dims, *, seed=3, method="he"):
    r"""初始化 L 层网络的参数：$W^{[l]}$ 取缩放后的标准正态随机数，$b^{[l]} = 0$。

    三种缩放（$n_{l-1}$ 是上一层的单元数）：

    - ``"he"``（默认）：$W^{[l]} \sim \mathcal{N}(0, 1)\cdot\sqrt{2/n_{l-1}}$，适合 ReLU；
    - ``"xavier"``：乘以 $\sqrt{1/n_{l-1}}$，适合 tanh（课程的 L 层作业用的就是它）；
    - ``"small"``：乘以 0.01，浅层网络常用；层数一多，信号会逐层缩小、梯度消失。

    Parameters
    ----------
    layer_dims : list of int
        各层单元数 ``[n_0, n_1, ..., n_L]``，n_0 = n_x 为输入特征数，至少两个数。
    seed : int, 默认 3
        ``np.random.default_rng`` 的种子。
    method : {"he", "xavier", "small"}, 默认 "he"

    Returns
    -------
    dict
        ``"W1"``、``"b1"``、…、``"WL"``、``"bL"``：W^[l] 形状 (n_l, n_{l-1})，b^[l] 形状 (n_l, 1)，float64。

    Raises
    ------
    TypeError, ValueError
        layer_dims 不是至少两个正整数的列表、seed 不是非负整数，或 method 未知。

    Examples
    --------
    >>> params = initialize_parameters_deep([5, 4, 3])
    >>> {k: v.shape for k, v in params.items()}
    {'W1': (4, 5), 'b1': (4, 1), 'W2': (3, 4), 'b2': (3, 1)}
    >>> float(np.abs(initialize_parameters_deep([5, 4], method="small")["W1"]).max()) < 0.05
    True
    """
    dims = _check_layer_dims(layer_dims)
    seed = check_positive_int(seed, "seed", minimum=0)
    allowed = ", ".join(repr(s) for s in _INIT_METHODS)
    if not isinstance(method, str):
        raise TypeError(f"method 应为字符串 {allowed} 之一，实际收到 {type(method).__name__}")
    if method not in _INIT_METHODS:
        raise ValueError(f"method 应为 {allowed} 之一，实际是 {method!r}")
    return _initialize(dims, seed, method)
# --8<-- [end:initialize_parameters_deep]


def _check_linear_inputs(A, W, b, name_A="A"):
    A = as_array(A, name_A, ndim=2)
    W = as_array(W, "W", ndim=2)
    check_shape(W, "W", (None, A.shape[0]), labels=("n_l", "n_{l-1}"))
    b = as_array(b, "b", ndim=2)
    check_shape(b, "b", (W.shape[0], 1), labels=("n_l", "1"))
    return A, W, b


# --8<-- [start:linear_forward]
def linear_forward(A, W, b):
    r"""一层的线性部分：$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$。

    Parameters
    ----------
    A : ndarray, 形状 (n_{l-1}, m)
        上一层的激活值（第一层就是 X）。
    W : ndarray, 形状 (n_l, n_{l-1})
    b : ndarray, 形状 (n_l, 1)
        按列广播加到每个样本上。

    Returns
    -------
    Z : ndarray, 形状 (n_l, m)
    cache : tuple
        ``(A, W, b)``，反向传播要用。

    Raises
    ------
    TypeError, ValueError
        不是有限数值的二维数组，或形状不匹配。

    Examples
    --------
    >>> Z, cache = linear_forward(np.array([[1.0, 2.0], [3.0, 4.0]]),
    ...                           np.array([[1.0, -1.0]]), np.array([[0.5]]))
    >>> Z                       # [1 - 3 + 0.5, 2 - 4 + 0.5]
    array([[-1.5, -1.5]])
    """
    A, W, b = _check_linear_inputs(A, W, b)
    return _linear_forward(A, W, b)
# --8<-- [end:linear_forward]


# --8<-- [start:linear_activation_forward]
def linear_activation_forward(A_prev, W, b, activation):
    r"""一层的完整前向：$Z^{[l]} = W^{[l]}A^{[l-1]} + b^{[l]}$，$A^{[l]} = g(Z^{[l]})$。

    Parameters
    ----------
    A_prev : ndarray, 形状 (n_{l-1}, m)
    W : ndarray, 形状 (n_l, n_{l-1})
    b : ndarray, 形状 (n_l, 1)
    activation : {"relu", "sigmoid", "tanh", "leaky_relu"}
        激活函数 g。Leaky ReLU 的负半轴斜率固定为 0.01。

    Returns
    -------
    A : ndarray, 形状 (n_l, m)
    cache : tuple
        ``(linear_cache, Z)``，其中 ``linear_cache = (A_prev, W, b)``。

    Raises
    ------
    TypeError, ValueError
        数组不合法、形状不匹配，或 activation 不是上面四个名字之一。

    Examples
    --------
    >>> A_prev = np.array([[-1.0, 2.0]]); W = np.array([[1.0], [-1.0]]); b = np.zeros((2, 1))
    >>> A, cache = linear_activation_forward(A_prev, W, b, "relu")
    >>> A                       # Z = [[-1, 2], [1, -2]]
    array([[0., 2.],
           [1., 0.]])
    >>> linear_activation_forward(A_prev, W, b, "sigmoid")[0].round(4)
    array([[0.2689, 0.8808],
           [0.7311, 0.1192]])
    """
    A_prev, W, b = _check_linear_inputs(A_prev, W, b, "A_prev")
    activation = _check_activation(activation)
    return _linear_activation_forward(A_prev, W, b, activation)
# --8<-- [end:linear_activation_forward]


# --8<-- [start:L_model_forward]
def L_model_forward(X, parameters, *, hidden_activation="relu"):
    """L 层网络的前向传播：[LINEAR → hidden_activation] × (L-1) → LINEAR → SIGMOID。

    Parameters
    ----------
    X : ndarray, 形状 (n_x, m)
    parameters : dict
        ``W1``、``b1``、…、``WL``、``bL``（见 `initialize_parameters_deep`）。
    hidden_activation : {"relu", "sigmoid", "tanh", "leaky_relu"}, 默认 "relu"
        所有隐藏层共用的激活函数；输出层总是 sigmoid。

    Returns
    -------
    AL : ndarray, 形状 (n_L, m)
        输出层激活值，即预测概率 ŷ。
    caches : list
        L 个 ``(linear_cache, Z)``，第 l 个（下标 l-1）属于第 l 层。

    Raises
    ------
    TypeError, ValueError
        X 或参数不合法、层与层之间形状不匹配，或 hidden_activation 未知。

    Examples
    --------
    >>> params = initialize_parameters_deep([3, 4, 2, 1], seed=1)
    >>> AL, caches = L_model_forward(np.ones((3, 5)), params)
    >>> AL.shape, len(caches), caches[0][1].shape     # ŷ、L 个缓存、Z^[1] 的形状
    ((1, 5), 3, (4, 5))
    """
    X = as_array(X, "X", ndim=2)
    p, L = _check_parameters(parameters, n_x=X.shape[0])
    hidden_activation = _check_activation(hidden_activation, "hidden_activation")
    return _L_model_forward(X, p, L, hidden_activation)
# --8<-- [end:L_model_forward]


# --8<-- [start:compute_cost]
def compute_cost(AL, Y):
    r"""交叉熵代价 $J = -\dfrac{1}{m}\sum_{i=1}^{m}\big(y^{(i)}\log a^{[L](i)} + (1-y^{(i)})\log(1-a^{[L](i)})\big)$。

    ``AL`` 先裁剪到 $[\varepsilon, 1-\varepsilon]$（$\varepsilon$ 为 AL 的 dtype 的机器精度），
    概率恰好为 0 或 1 时代价仍有限，不会出现 ``log(0)`` 警告。

    Parameters
    ----------
    AL : ndarray, 形状 (n_L, m)
        预测概率，取值在 [0, 1]。
    Y : ndarray, 形状 (n_L, m)
        标签，取值 0 或 1。

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        形状不同、AL 超出 [0, 1]、Y 不是 0/1，或出现 NaN/inf。

    Examples
    --------
    >>> round(compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]])), 4)
    0.2798
    """
    AL = as_array(AL, "AL", ndim=2)
    check_probabilities(AL, "AL")
    Y = _check_Y_like(Y, AL)
    return _cost_from_probabilities(AL, Y)
# --8<-- [end:compute_cost]


# --8<-- [start:linear_backward]
def linear_backward(dZ, cache):
    r"""一层线性部分的反向传播。

    $$
    dW^{[l]} = \tfrac{1}{m} dZ^{[l]} A^{[l-1]T},\quad
    db^{[l]} = \tfrac{1}{m}\textstyle\sum_i dZ^{[l](i)},\quad
    dA^{[l-1]} = W^{[l]T} dZ^{[l]}
    $$

    Parameters
    ----------
    dZ : ndarray, 形状 (n_l, m)
        损失对 Z^[l] 的导数（每个样本各自的，不含 1/m）。
    cache : tuple
        前向时保存的 ``(A_prev, W, b)``。

    Returns
    -------
    dA_prev : ndarray, 形状 (n_{l-1}, m)
    dW : ndarray, 形状 (n_l, n_{l-1})
    db : ndarray, 形状 (n_l, 1)

    Raises
    ------
    TypeError, ValueError
        cache 的结构不对，或 dZ 与 cache 的形状不匹配。

    Examples
    --------
    >>> A_prev = np.array([[1.0, 3.0]]); W = np.array([[2.0], [-1.0]]); b = np.zeros((2, 1))
    >>> dA_prev, dW, db = linear_backward(np.array([[1.0, 1.0], [0.0, 2.0]]), (A_prev, W, b))
    >>> dA_prev, dW.ravel(), db.ravel()
    (array([[2., 0.]]), array([2., 3.]), array([1., 1.]))
    """
    A_prev, W, b = _check_linear_cache(cache, "cache")
    dZ = as_array(dZ, "dZ", ndim=2)
    check_shape(dZ, "dZ", (W.shape[0], A_prev.shape[1]), labels=("n_l", "m"))
    return _linear_backward(dZ, (A_prev, W, b))
# --8<-- [end:linear_backward]


# --8<-- [start:linear_activation_backward]
def linear_activation_backward(dA, cache, activation):
    r"""一层的完整反向：先 $dZ^{[l]} = dA^{[l]} * g'(Z^{[l]})$，再 `linear_backward`。

    Parameters
    ----------
    dA : ndarray, 形状 (n_l, m)
        损失对 A^[l] 的导数。
    cache : tuple
        前向时保存的 ``(linear_cache, Z)``。
    activation : {"relu", "sigmoid", "tanh", "leaky_relu"}
        这一层前向时用的激活函数。ReLU 在 z = 0 处的导数取 0。

    Returns
    -------
    dA_prev : ndarray, 形状 (n_{l-1}, m)
    dW : ndarray, 形状 (n_l, n_{l-1})
    db : ndarray, 形状 (n_l, 1)

    Raises
    ------
    TypeError, ValueError
        cache 结构不对、形状不匹配，或 activation 未知。

    Examples
    --------
    >>> A_prev = np.array([[1.0, -1.0]]); W = np.array([[1.0]]); b = np.zeros((1, 1))
    >>> A, cache = linear_activation_forward(A_prev, W, b, "relu")   # Z = [[1, -1]]
    >>> dA_prev, dW, db = linear_activation_backward(np.array([[1.0, 1.0]]), cache, "relu")
    >>> dA_prev, dW, db          # 只有 z > 0 的第一个样本传回梯度
    (array([[1., 0.]]), array([[0.5]]), array([[0.5]]))
    """
    (A_prev, W, b), Z = _check_cache(cache, "cache")
    dA = as_array(dA, "dA", ndim=2)
    check_shape(dA, "dA", Z.shape, labels=("n_l", "m"))
    activation = _check_activation(activation)
    return _linear_activation_backward(dA, ((A_prev, W, b), Z), activation)
# --8<-- [end:linear_activation_backward]


# --8<-- [start:L_model_backward]
def L_model_backward(AL, Y, caches, *, hidden_activation="relu"):
    r"""L 层网络的反向传播，从输出层一直算到第 1 层。

    起点是代价对输出的导数 $dA^{[L]} = -\big(\frac{Y}{A^{[L]}} - \frac{1-Y}{1-A^{[L]}}\big)$，
    然后输出层用 sigmoid 的导数、隐藏层用 ``hidden_activation`` 的导数，逐层调用
    `linear_activation_backward`。

    为避免除以 0，算 $dA^{[L]}$ 前先把 ``AL`` 裁剪到 $[\varepsilon, 1-\varepsilon]$
    （$\varepsilon$ 为机器精度）。数学上输出层的 $dZ^{[L]}$ 恰好化简为 $A^{[L]} - Y$；
    只要 sigmoid 没有饱和到恰好 0 或 1，两种算法在浮点误差内一致。

    Parameters
    ----------
    AL : ndarray, 形状 (n_L, m)
        `L_model_forward` 的输出概率。
    Y : ndarray, 形状 (n_L, m)
        标签，取值 0 或 1。
    caches : list
        `L_model_forward` 返回的 L 个 ``(linear_cache, Z)``。
    hidden_activation : {"relu", "sigmoid", "tanh", "leaky_relu"}, 默认 "relu"
        前向时隐藏层用的激活函数（必须与前向一致）。

    Returns
    -------
    dict
        ``"dW1"``、``"db1"``、…、``"dWL"``、``"dbL"``（与对应参数同形状），
        以及 ``"dA0"``、…、``"dA{L-1}"``（dA^[l] 与 A^[l] 同形状）。

    Raises
    ------
    TypeError, ValueError
        缓存结构不对、层与层形状不匹配、AL 超出 [0, 1]、Y 不是 0/1，或 hidden_activation 未知。

    Examples
    --------
    >>> params = initialize_parameters_deep([3, 4, 1], seed=1)
    >>> X = np.array([[1.0, 2.0], [0.5, -1.0], [0.0, 1.0]]); Y = np.array([[1, 0]])
    >>> AL, caches = L_model_forward(X, params)
    >>> grads = L_model_backward(AL, Y, caches)
    >>> sorted(grads)
    ['dA0', 'dA1', 'dW1', 'dW2', 'db1', 'db2']
    >>> bool(np.allclose(grads["db2"], np.mean(AL - Y)))    # 输出层 dZ = AL - Y
    True
    """
    AL = as_array(AL, "AL", ndim=2)
    check_probabilities(AL, "AL")
    Y = _check_Y_like(Y, AL)
    hidden_activation = _check_activation(hidden_activation, "hidden_activation")
    if isinstance(caches, (str, bytes)) or not isinstance(caches, Sequence):
        raise TypeError(f"caches 应为 L_model_forward 返回的列表，实际收到 {type(caches).__name__}")
    if len(caches) == 0:
        raise ValueError("caches 不能为空：至少要有输出层的缓存")
    checked = []
    for layer, cache in enumerate(caches, start=1):
        (A_prev, W, b), Z = _check_cache(cache, f"caches[{layer - 1}]")
        if A_prev.shape[1] != AL.shape[1]:
            raise ValueError(
                f"caches[{layer - 1}] 的样本数 m 应与 AL 相同，即 {AL.shape[1]}，实际是 {A_prev.shape[1]}"
            )
        if layer > 1 and A_prev.shape[0] != checked[-1][1].shape[0]:
            raise ValueError(
                f"caches[{layer - 1}] 中 A_prev 的行数应等于上一层的单元数 n_{layer - 1} = "
                f"{checked[-1][1].shape[0]}，实际是 {A_prev.shape[0]}"
            )
        checked.append(((A_prev, W, b), Z))
    if checked[-1][1].shape != AL.shape:
        raise ValueError(f"最后一个缓存中的 Z 的形状应与 AL 相同，即 {AL.shape}，实际是 {checked[-1][1].shape}")
    return _L_model_backward(AL, Y, checked, hidden_activation)
# --8<-- [end:L_model_backward]


# --8<-- [start:update_parameters]
def update_parameters(parameters, grads, learning_rate):
    r"""梯度下降走一步：对每一层 $W^{[l]} := W^{[l]} - \alpha\, dW^{[l]}$，$b^{[l]} := b^{[l]} - \alpha\, db^{[l]}$。

    返回**新的**字典；传入的 ``parameters`` 与 ``grads`` 不会被修改。``grads`` 里多出的键
    （如 ``dA0``）会被忽略。

    Parameters
    ----------
    parameters : dict
        ``W1``、``b1``、…、``WL``、``bL``。
    grads : dict
        ``dW1``、``db1``、…、``dWL``、``dbL``，与对应参数同形状。
    learning_rate : float
        学习率 α，要求 > 0。

    Returns
    -------
    dict
        更新后的参数（新数组）。

    Raises
    ------
    TypeError, ValueError
        缺少梯度、形状不同、学习率不是正数，或出现 NaN/inf。

    Examples
    --------
    >>> params = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.0]])}
    >>> grads = {"dW1": np.array([[10.0, -10.0]]), "db1": np.array([[1.0]])}
    >>> new = update_parameters(params, grads, 0.1)
    >>> new["W1"], new["b1"], params["W1"]
    (array([[0., 3.]]), array([[-0.1]]), array([[1., 2.]]))
    """
    p, L = _check_parameters(parameters)
    if not isinstance(grads, Mapping):
        raise TypeError(f"grads 应为字典 {{'dW1': ..., 'db1': ..., ...}}，实际收到 {type(grads).__name__}")
    expected = [f"d{c}{layer}" for layer in range(1, L + 1) for c in "Wb"]
    missing = [k for k in expected if k not in grads]
    if missing:
        raise ValueError(f"grads 应包含 {expected}（与 {L} 层参数对应），缺少 {missing}")
    g = {}
    for k in expected:
        g[k] = as_array(grads[k], k, ndim=2)
        if g[k].shape != p[k[1:]].shape:
            raise ValueError(f"{k} 的形状应与 {k[1:]} 相同，即 {p[k[1:]].shape}，实际是 {g[k].shape}")
    learning_rate = check_positive_float(learning_rate, "learning_rate")
    return _update(p, g, learning_rate, L)
# --8<-- [end:update_parameters]


# --8<-- [start:L_layer_model]
def L_layer_model(
    X,
    Y,
    layers_dims,
    learning_rate=0.0075,
    num_iterations=3000,
    *,
    hidden_activation="relu",
    seed=1,
    record_every=100,
    print_cost=False,
):
    """训练 L 层网络：He 初始化，然后重复"前向 → 代价 → 反向 → 更新" ``num_iterations`` 次。

    输入只在开头检查一次，循环里调用不做检查的私有函数。参数会转成 X 的 dtype。
    记录的代价由输出层的 $Z^{[L]}$ 直接算出（数值稳定），概率不饱和时与
    `compute_cost` 相同。同一结构换 ``hidden_activation`` 即可比较 sigmoid 与 ReLU 隐藏层；
    ``record_every=1`` 记录每一步的代价。

    Parameters
    ----------
    X : ndarray, 形状 (n_x, m)
    Y : ndarray, 形状 (n_L, m)
        标签，取值 0 或 1（二分类时 n_L = 1）。
    layers_dims : list of int
        ``[n_x, n_1, ..., n_L]``，第一个数必须等于 X 的行数，最后一个数等于 Y 的行数。
    learning_rate : float, 默认 0.0075
    num_iterations : int, 默认 3000
        梯度下降的步数（可以为 0）。
    hidden_activation : {"relu", "sigmoid", "tanh", "leaky_relu"}, 默认 "relu"
    seed : int, 默认 1
        初始化的随机种子（He 初始化，见 `initialize_parameters_deep`）。
    record_every : int, 默认 100
        每隔多少步记录（和打印）一次代价。
    print_cost : bool, 默认 False

    Returns
    -------
    parameters : dict
        训练后的 ``W1``、``b1``、…、``WL``、``bL``。
    costs : list of float
        第 0、record_every、2·record_every、… 步（更新之前）的代价。

    Raises
    ------
    TypeError, ValueError
        数据、层结构或超参数不合法。

    Examples
    --------
    >>> X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    >>> Y = np.array([[0, 1, 1, 0]])                    # 异或
    >>> params, costs = L_layer_model(X, Y, [2, 8, 4, 1], learning_rate=0.3,
    ...                               num_iterations=1000, record_every=250)
    >>> len(costs), costs[-1] < costs[0]
    (4, True)
    >>> predict(params, X)
    array([[0., 1., 1., 0.]])
    """
    X = as_array(X, "X", ndim=2)
    Y = as_array(Y, "Y", ndim=2)
    check_same_m("X", X, "Y", Y)
    check_labels(Y, "Y")
    dims = _check_layer_dims(layers_dims, "layers_dims")
    if dims[0] != X.shape[0]:
        raise ValueError(f"layers_dims[0] 应等于 X 的特征数 n_x = {X.shape[0]}，实际是 {dims[0]}")
    if dims[-1] != Y.shape[0]:
        raise ValueError(f"layers_dims[-1] 应等于 Y 的行数 {Y.shape[0]}，实际是 {dims[-1]}")
    learning_rate = check_positive_float(learning_rate, "learning_rate")
    num_iterations = check_positive_int(num_iterations, "num_iterations", minimum=0)
    hidden_activation = _check_activation(hidden_activation, "hidden_activation")
    seed = check_positive_int(seed, "seed", minimum=0)
    record_every = check_positive_int(record_every, "record_every")
    if not isinstance(print_cost, (bool, np.bool_)):
        raise TypeError(f"print_cost 应为 bool，实际收到 {type(print_cost).__name__}")

    dtype = X.dtype
    Y = Y.astype(dtype, copy=False)
    L = len(dims) - 1
    params = {k: v.astype(dtype, copy=False) for k, v in _initialize(dims, seed, "he").items()}
    costs: list[float] = []
    for i in range(num_iterations):
        AL, caches = _L_model_forward(X, params, L, hidden_activation)
        if i % record_every == 0:
            cost = _cost_from_logits(caches[-1][1], Y)  # 由 Z^[L] 算代价
            costs.append(cost)
            if print_cost:
                print(f"第 {i} 次迭代的代价：{cost:.6f}")
        grads = _L_model_backward(AL, Y, caches, hidden_activation)
        params = _update(params, grads, learning_rate, L)
    return params, costs
# --8<-- [end:L_layer_model]


# --8<-- [start:predict]
def predict(parameters, X, *, hidden_activation="relu"):
    r"""用训练好的 L 层网络预测类别：$\hat{y} = a^{[L]} > 0.5$ 时为 1，否则为 0。

    Parameters
    ----------
    parameters : dict
        ``W1``、``b1``、…、``WL``、``bL``。
    X : ndarray, 形状 (n_x, m)
    hidden_activation : {"relu", "sigmoid", "tanh", "leaky_relu"}, 默认 "relu"
        必须与训练时一致。

    Returns
    -------
    ndarray, 形状 (n_L, m)
        元素为 0.0 或 1.0（二分类时形状为 (1, m)）。

    Raises
    ------
    TypeError, ValueError
        X 或参数不合法、形状不匹配，或 hidden_activation 未知。

    Examples
    --------
    >>> params = {"W1": np.array([[1.0]]), "b1": np.zeros((1, 1)),
    ...           "W2": np.array([[2.0]]), "b2": np.array([[-1.0]])}
    >>> predict(params, np.array([[0.0, 0.4, 0.6, 3.0]]))    # ŷ = σ(2 relu(x) - 1)
    array([[0., 0., 1., 1.]])
    """
    X = as_array(X, "X", ndim=2)
    p, L = _check_parameters(parameters, n_x=X.shape[0])
    hidden_activation = _check_activation(hidden_activation, "hidden_activation")
    AL, _ = _L_model_forward(X, p, L, hidden_activation)
    return (AL > 0.5).astype(AL.dtype)
# --8<-- [end:predict]


# --8<-- [start:parameter_shapes]
def parameter_shapes(layer_dims, m):
    """列出每一层 W^[l]、b^[l]、Z^[l]、A^[l] 的形状（检查维度时对照用）。

    规律：$W^{[l]}$ 是 (n_l, n_{l-1})，$b^{[l]}$ 是 (n_l, 1)，
    $Z^{[l]}$ 与 $A^{[l]}$ 都是 (n_l, m)；dW、db、dZ、dA 分别与 W、b、Z、A 同形状。

    Parameters
    ----------
    layer_dims : list of int
        ``[n_0, n_1, ..., n_L]``，n_0 = n_x。
    m : int
        样本数。

    Returns
    -------
    list of dict
        每层一个字典（l = 1, …, L），键为 ``"l"``（层号）、``"n"``（单元数 n_l）、
        ``"W"``、``"b"``、``"Z"``、``"A"``（形状元组）。

    Raises
    ------
    TypeError, ValueError
        layer_dims 不是至少两个正整数的列表，或 m 不是正整数。

    Examples
    --------
    >>> for row in parameter_shapes([2, 3, 1], m=5):
    ...     print(row)
    {'l': 1, 'n': 3, 'W': (3, 2), 'b': (3, 1), 'Z': (3, 5), 'A': (3, 5)}
    {'l': 2, 'n': 1, 'W': (1, 3), 'b': (1, 1), 'Z': (1, 5), 'A': (1, 5)}
    """
    dims = _check_layer_dims(layer_dims)
    m = check_positive_int(m, "m")
    return [
        {
            "l": layer,
            "n": dims[layer],
            "W": (dims[layer], dims[layer - 1]),  # W^[l]：(n_l, n_{l-1})
            "b": (dims[layer], 1),  # b^[l]：(n_l, 1)
            "Z": (dims[layer], m),  # Z^[l]：(n_l, m)
            "A": (dims[layer], m),  # A^[l]：(n_l, m)
        }
        for layer in range(1, len(dims))
    ]
# --8<-- [end:parameter_shapes]
