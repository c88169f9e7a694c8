"""L 层深度神经网络：隐藏层用 ReLU（或 sigmoid、tanh、Leaky ReLU），输出层用 sigmoid，做二分类。

函数名与课程作业一致（``initialize_parameters_deep``、``linear_forward``、
``linear_activation_forward``、``L_model_forward``、``compute_cost``、``linear_backward``、
``linear_activation_backward``、``L_model_backward``、``update_parameters``、``L_layer_model``、
``predict``）。

记号（与笔记一致），第 l 层（l = 1, …, L）有 n_l 个单元，n_0 = n_x：

```text
A^[0] = X           (n_0, m)
W^[l], b^[l]        (n_l, n_{l-1}), (n_l, 1)       parameters["W" + str(l)], parameters["b" + str(l)]
Z^[l] = W^[l] A^[l-1] + b^[l]       (n_l, m)
A^[l] = g^[l](Z^[l])                (n_l, m)       隐藏层 g = hidden_activation，输出层 g = σ
ŷ = A^[L]                           (n_L, m)
```

缓存（cache）与课程相同：``linear_cache = (A_prev, W, b)``，``cache = (linear_cache, Z)``，
``caches`` 是 L 个 cache 组成的列表。缓存里存的是对数组的引用，不复制。

公式写在 ``dlnotes.core.deep``（页面上展示的就是那里的代码）；这里的公开函数检查一次输入，
再调用它（``L_layer_model`` 在训练开始前检查一次，循环里不再检查）。任何函数都不会修改
传入的数组、字典或列表。
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from dlnotes._checks import (
    as_array,
    check_bool,
    check_choice,
    check_grads_like,
    check_labels,
    check_layer_parameters,
    check_positive_float,
    check_positive_int,
    check_probabilities,
    check_same_m,
    check_shape,
)
from dlnotes.core import deep as core
from dlnotes.core import losses

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
#: ``initialize_parameters_deep`` 与 ``L_layer_model`` 支持的初始化方法。
INITS = ("he", "xavier", "random", "zeros")


# ---------------------------------------------------------------------------
# 私有的输入检查
# ---------------------------------------------------------------------------


def _check_activation(activation: object, name: str = "activation") -> str:
    return check_choice(activation, name, ACTIVATIONS)


def _check_layer_dims(layer_dims: object, name: str = "layer_dims") -> list[int]:
    if isinstance(layer_dims, (str, bytes, Mapping)) or not isinstance(layer_dims, (Sequence, np.ndarray)):
        raise TypeError(f"{name} 应为正整数的列表，如 [n_x, n_1, ..., n_L]，实际收到 {type(layer_dims).__name__}")
    dims = list(layer_dims)
    if len(dims) < 2:
        raise ValueError(f"{name} 至少要有 2 个数（输入层与输出层），实际是 {dims}")
    return [check_positive_int(n, f"{name}[{i}]") for i, n in enumerate(dims)]


def _check_parameters(parameters: object, n_x: int | None = None) -> tuple[dict[str, np.ndarray], int]:
    """检查 W1, b1, …, WL, bL 的存在与形状，返回 (数组字典, L)。"""
    return check_layer_parameters(parameters, n_x)


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
# 公开函数
# ---------------------------------------------------------------------------


def initialize_parameters_deep(layer_dims, *, seed=3, init="he"):
    r"""初始化 L 层网络的参数：$W^{[l]}$ 取缩放后的标准正态随机数，$b^{[l]} = 0$。

    四种初始化（$n_{l-1}$ 是上一层的单元数）：

    - ``"he"``（默认）：$W^{[l]} \sim \mathcal{N}(0, 1)\cdot\sqrt{2/n_{l-1}}$，适合 ReLU；
    - ``"xavier"``：乘以 $\sqrt{1/n_{l-1}}$，适合 tanh（课程的 L 层作业用的就是它）；
    - ``"random"``：乘以 0.01，浅层网络常用；层数一多，信号会逐层缩小、梯度消失；
    - ``"zeros"``：全为 0，用来演示对称性问题（同一层的单元永远相同）。

    课程作业写作 ``initialize_parameters_deep(layer_dims)``，用 ``np.random.seed(3)`` 和
    ``/ np.sqrt(layer_dims[l-1])``（即 Xavier）；这里用 ``np.random.default_rng(seed)``，
    所以同一种子给出的数与课程不同。

    Parameters
    ----------
    layer_dims : list of int
        各层单元数 ``[n_0, n_1, ..., n_L]``，n_0 = n_x 为输入特征数，至少两个数。
    seed : int, 默认 3
        ``np.random.default_rng`` 的种子。
    init : {"he", "xavier", "random", "zeros"}, 默认 "he"

    Returns
    -------
    dict
        ``"W1"``、``"b1"``、…、``"WL"``、``"bL"``：W^[l] 形状 (n_l, n_{l-1})，b^[l] 形状 (n_l, 1)，float64。

    Raises
    ------
    TypeError, ValueError
        layer_dims 不是至少两个正整数的列表、seed 不是非负整数，或 init 未知。

    Examples
    --------
    >>> params = initialize_parameters_deep([5, 4, 3])
    >>> {k: v.shape for k, v in params.items()}
    {'W1': (4, 5), 'b1': (4, 1), 'W2': (3, 4), 'b2': (3, 1)}
    >>> float(np.abs(initialize_parameters_deep([5, 4], init="random")["W1"]).max()) < 0.05
    True
    """
    dims = _check_layer_dims(layer_dims)
    seed = check_positive_int(seed, "seed", minimum=0)
    init = check_choice(init, "init", INITS)
    return _clean_zeros(core.initialize_parameters_deep(dims, seed, init))


def _clean_zeros(params: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    # 0 × 负的随机数 = −0.0：数值上就是 0，加 0.0 把它变成 +0.0，打印时不出现 "-0."
    return {k: v + 0.0 for k, v in params.items()}


def _check_linear_inputs(A, W, b, name_A="A"):
    A = as_array(A, name_A, ndim=2)
    W = as_array(W, "W", ndim=2)
    check_shape(W, "W", (None, A.shape[0]), labels=("n_l", "n_{l-1}"))
    b = as_array(b, "b", ndim=2)
    check_shape(b, "b", (W.shape[0], 1), labels=("n_l", "1"))
    return A, W, b


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
    return core.linear_forward(A, W, b)


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
    return core.linear_activation_forward(A_prev, W, b, activation)


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
    return core.L_model_forward(X, p, hidden_activation)


def compute_cost(AL, Y):
    r"""交叉熵代价 $J = -\dfrac{1}{m}\sum_{i=1}^{m}\big(y^{(i)}\log a^{[L](i)} + (1-y^{(i)})\log(1-a^{[L](i)})\big)$。

    与 `dlnotes.losses.cost`、``shallow.compute_cost`` 是同一个函数（``dlnotes.core.losses.cost``），
    同样的输入得到同样的数。**边界约定**：某个样本的预测概率恰好为 0 而标签是 1（或反过来）时，
    损失是 $-\log 0 = +\infty$，代价如实为 ``inf``，不截断。`L_layer_model` 记录代价用的是从
    $Z^{[L]}$ 计算的稳定写法（`dlnotes.losses.cost_from_logits`），它总是有限。

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
    >>> compute_cost(np.array([[1.0]]), np.array([[0]]))     # 有把握地答错：-log 0
    inf
    """
    AL = as_array(AL, "AL", ndim=2)
    check_probabilities(AL, "AL")
    Y = _check_Y_like(Y, AL)
    return losses.cost(AL, Y)


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
    return core.linear_backward(dZ, (A_prev, W, b))


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
    return core.linear_activation_backward(dA, ((A_prev, W, b), Z), activation)


def L_model_backward(AL, Y, caches, *, hidden_activation="relu"):
    r"""L 层网络的反向传播，从输出层一直算到第 1 层。

    课程从 $dA^{[L]} = -\big(\frac{Y}{A^{[L]}} - \frac{1-Y}{1-A^{[L]}}\big)$ 出发，再乘以
    $\sigma'(Z^{[L]}) = A^{[L]}(1 - A^{[L]})$；两者相乘化简后恰好是

    $$
    dZ^{[L]} = A^{[L]} - Y,
    $$

    这里直接用它（与 ``shallow`` 的 $dZ^{[2]}$ 相同）。先算 $dA^{[L]}$ 的写法在输出饱和时会出错：
    $A^{[L]}$ 舍入成恰好 0 或 1 后要除以 0，截断又会把梯度变成 0，而真实梯度是 $\pm 1$。
    隐藏层用 ``hidden_activation`` 的导数，逐层调用 `linear_activation_backward`。

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

    输出饱和时梯度仍然精确（σ(80) 舍入成 1.0，真实的 db^[2] = A − Y = 1）：

    >>> params = {"W1": np.array([[1.0]]), "b1": np.zeros((1, 1)),
    ...           "W2": np.array([[40.0]]), "b2": np.zeros((1, 1))}
    >>> AL, caches = L_model_forward(np.array([[2.0]]), params)
    >>> L_model_backward(AL, np.array([[0]]), caches)["db2"]
    array([[1.]])
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
    return core.L_model_backward(AL, Y, checked, hidden_activation)


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
    g = check_grads_like(grads, p)
    learning_rate = check_positive_float(learning_rate, "learning_rate")
    return core.update_parameters(p, g, learning_rate)


def L_layer_model(
    X,
    Y,
    layers_dims,
    *,
    learning_rate=0.0075,
    num_iterations=3000,
    record_every=100,
    seed=1,
    init="he",
    print_cost=False,
    hidden_activation="relu",
):
    """训练 L 层网络：初始化，然后重复"前向 → 代价 → 反向 → 更新" ``num_iterations`` 次。

    输入只在开头检查一次，然后调用 ``dlnotes.core.deep.train``。参数会转成 X 的 dtype。
    超参数只能按名字传，名字和顺序与 ``logistic.model``、``shallow.nn_model`` 相同
    （``hidden_activation`` 是本模型特有的，放在最后）。课程作业写作
    ``L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False)``，
    初始化固定、隐藏层固定为 ReLU；这里 ``init`` 与 ``hidden_activation`` 都可以选。
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
        梯度下降的步数（可以为 0：返回初始参数和空的代价列表）。
    record_every : int, 默认 100
        每隔多少步记录（和打印）一次代价。
    seed : int, 默认 1
        初始化的随机种子（见 `initialize_parameters_deep`）。
    init : {"he", "xavier", "random", "zeros"}, 默认 "he"
        初始化方法：ReLU 隐藏层配 ``"he"``，sigmoid/tanh 隐藏层配 ``"xavier"``。
    print_cost : bool, 默认 False
    hidden_activation : {"relu", "sigmoid", "tanh", "leaky_relu"}, 默认 "relu"

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
    >>> [round(c, 4) for c in costs]           # 第 0、250、500、750 步的代价
    [0.6808, 0.0219, 0.009, 0.0057]
    >>> predict(params, X)                       # 四个点全对：学会了异或
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
    record_every = check_positive_int(record_every, "record_every")
    seed = check_positive_int(seed, "seed", minimum=0)
    init = check_choice(init, "init", INITS)
    print_cost = check_bool(print_cost, "print_cost")
    hidden_activation = _check_activation(hidden_activation, "hidden_activation")

    params = _clean_zeros(core.initialize_parameters_deep(dims, seed, init))
    params = {k: v.astype(X.dtype, copy=False) for k, v in params.items()}
    Y = Y.astype(X.dtype, copy=False)
    return core.train(X, Y, params, num_iterations, learning_rate, hidden_activation, record_every, print_cost)


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
    return core.predict(p, X, hidden_activation)


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
    return core.parameter_shapes(dims, m)
