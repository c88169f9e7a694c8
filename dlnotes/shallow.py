"""单隐藏层（浅层）神经网络：tanh 隐藏层 + sigmoid 输出层，用于二分类。

函数名与课程作业一致（``layer_sizes``、``initialize_parameters``、``forward_propagation``、
``compute_cost``、``backward_propagation``、``update_parameters``、``nn_model``、``predict``）。

记号（与笔记一致）：

```text
X       (n_x, m)    输入，每一列是一个样本，也写作 A^[0]
W1, b1  (n_h, n_x), (n_h, 1)    隐藏层参数 W^[1], b^[1]
W2, b2  (n_y, n_h), (n_y, 1)    输出层参数 W^[2], b^[2]
Z1, A1  (n_h, m)    Z^[1] = W^[1] X + b^[1]，A^[1] = tanh(Z^[1])
Z2, A2  (n_y, m)    Z^[2] = W^[2] A^[1] + b^[2]，A^[2] = σ(Z^[2]) = ŷ
Y       (n_y, m)    标签，取值 0 或 1（二分类时 n_y = 1）
```

公式写在 ``dlnotes.core.shallow``（页面上展示的就是那里的代码）；这里的公开函数检查一次输入，
再调用它（``nn_model`` 在训练开始前检查一次，循环里不再检查）。任何函数都不会修改传入的数组或字典。
"""

from __future__ import annotations

import numpy as np

from dlnotes._checks import (
    as_array,
    check_bool,
    check_choice,
    check_grads_like,
    check_labels,
    check_layer_parameters,
    check_mapping,
    check_positive_float,
    check_positive_int,
    check_probabilities,
    check_same_m,
    check_shape,
)
from dlnotes.core import losses
from dlnotes.core import shallow as core

__all__ = [
    "layer_sizes",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "backward_propagation",
    "update_parameters",
    "nn_model",
    "predict",
]

_INITS = ("random", "zeros")


def _check_X(X: object) -> np.ndarray:
    return as_array(X, "X", ndim=2)


def _check_Y(Y: object, m: int | None = None, n_y: int | None = None) -> np.ndarray:
    Y = as_array(Y, "Y", ndim=2)
    check_labels(Y, "Y")
    if n_y is not None:
        check_shape(Y, "Y", (n_y, None), labels=("n_y", "m"))
    if m is not None and Y.shape[1] != m:
        raise ValueError(f"X 与 Y 的样本数 m 应相同，实际 X 有 {m} 个，Y 有 {Y.shape[1]} 个（形状 {Y.shape}）")
    return Y


def _check_parameters(parameters: object, n_x: int | None = None) -> dict[str, np.ndarray]:
    """检查 W1 (n_h, n_x)、b1 (n_h, 1)、W2 (n_y, n_h)、b2 (n_y, 1)，返回数组字典（不复制）。"""
    return check_layer_parameters(parameters, n_x, L=2, dim_names=("n_x", "n_h", "n_y"))[0]


# ---------------------------------------------------------------------------
# 公开函数
# ---------------------------------------------------------------------------


def layer_sizes(X, Y, n_h=4):
    """由数据确定三层的大小 (n_x, n_h, n_y)。

    Parameters
    ----------
    X : ndarray, 形状 (n_x, m)
        输入，每一列是一个样本。
    Y : ndarray, 形状 (n_y, m)
        标签，取值 0 或 1（二分类时 n_y = 1）。
    n_h : int, 默认 4
        隐藏层单元数。

    Returns
    -------
    tuple of int
        ``(n_x, n_h, n_y)``：输入层、隐藏层、输出层的大小。

    Raises
    ------
    TypeError, ValueError
        X、Y 不是二维有限数值数组，样本数 m 不同，标签不是 0/1，或 n_h 不是正整数。

    Examples
    --------
    >>> X = np.zeros((2, 5)); Y = np.array([[0, 1, 1, 0, 1]])
    >>> layer_sizes(X, Y)
    (2, 4, 1)
    >>> layer_sizes(X, Y, n_h=10)
    (2, 10, 1)
    """
    X = _check_X(X)
    Y = _check_Y(Y, m=X.shape[1])
    n_h = check_positive_int(n_h, "n_h")
    return X.shape[0], n_h, Y.shape[0]


def initialize_parameters(n_x, n_h, n_y, *, seed=2, scale=0.01):
    r"""随机初始化权重、把偏置置零。

    $W^{[l]}$ 取标准正态随机数乘以 ``scale``（默认 0.01）：随机是为了打破对称
    （全零时所有隐藏单元算的是同一个函数），取得小是为了让 tanh/sigmoid 工作在斜率大的
    区域、梯度不至于太小。偏置 $b^{[l]}$ 取 0 没有问题。

    课程作业写作 ``initialize_parameters(n_x, n_h, n_y)``，用 ``np.random.seed(2)`` 和
    ``np.random.randn``；这里用 ``np.random.default_rng(seed)``，所以同一种子给出的数与课程不同。

    Parameters
    ----------
    n_x, n_h, n_y : int
        输入层、隐藏层、输出层的大小。
    seed : int, 默认 2
        ``np.random.default_rng`` 的种子，相同种子给出相同参数。
    scale : float, 默认 0.01
        随机数的缩放系数，要求 > 0。

    Returns
    -------
    dict
        ``W1`` (n_h, n_x)、``b1`` 全零 (n_h, 1)、``W2`` (n_y, n_h)、``b2`` 全零 (n_y, 1)，均为 float64。

    Raises
    ------
    TypeError, ValueError
        层大小不是正整数、seed 不是非负整数，或 scale 不是正数。

    Examples
    --------
    >>> params = initialize_parameters(2, 4, 1)
    >>> {k: v.shape for k, v in params.items()}
    {'W1': (4, 2), 'b1': (4, 1), 'W2': (1, 4), 'b2': (1, 1)}
    >>> bool(np.all(params["b1"] == 0)), bool(np.abs(params["W1"]).max() < 0.05)
    (True, True)
    """
    n_x = check_positive_int(n_x, "n_x")
    n_h = check_positive_int(n_h, "n_h")
    n_y = check_positive_int(n_y, "n_y")
    seed = check_positive_int(seed, "seed", minimum=0)
    scale = check_positive_float(scale, "scale")
    return core.initialize_parameters(n_x, n_h, n_y, seed, scale)


def forward_propagation(X, parameters):
    r"""前向传播：$Z^{[1]} = W^{[1]}X + b^{[1]}$，$A^{[1]} = \tanh(Z^{[1]})$，
    $Z^{[2]} = W^{[2]}A^{[1]} + b^{[2]}$，$A^{[2]} = \sigma(Z^{[2]})$。

    Parameters
    ----------
    X : ndarray, 形状 (n_x, m)
        输入，每一列是一个样本。
    parameters : dict
        ``W1`` (n_h, n_x)、``b1`` (n_h, 1)、``W2`` (n_y, n_h)、``b2`` (n_y, 1)。

    Returns
    -------
    A2 : ndarray, 形状 (n_y, m)
        输出层激活值，即预测概率 ŷ。
    cache : dict
        ``Z1``、``A1``（形状 (n_h, m)）与 ``Z2``、``A2``（形状 (n_y, m)），反向传播要用。

    Raises
    ------
    TypeError, ValueError
        X 或参数不是有限数值数组，或形状彼此不匹配。

    Examples
    --------
    >>> params = {"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1)),
    ...           "W2": np.ones((1, 3)), "b2": np.array([[0.0]])}
    >>> A2, cache = forward_propagation(np.ones((2, 4)), params)
    >>> A2                      # W1 = 0 ⇒ A1 = tanh(0) = 0 ⇒ A2 = σ(0) = 0.5
    array([[0.5, 0.5, 0.5, 0.5]])
    >>> sorted(cache), cache["A1"].shape
    (['A1', 'A2', 'Z1', 'Z2'], (3, 4))
    """
    X = _check_X(X)
    p = _check_parameters(parameters, n_x=X.shape[0])
    return core.forward_propagation(X, p)


def compute_cost(A2, Y):
    r"""交叉熵代价 $J = -\dfrac{1}{m}\sum_{i=1}^{m}\big(y^{(i)}\log a^{[2](i)} + (1-y^{(i)})\log(1-a^{[2](i)})\big)$。

    与 `dlnotes.losses.cost`、``deep.compute_cost`` 是同一个函数（``dlnotes.core.losses.cost``），
    同样的输入得到同样的数。**边界约定**：某个样本的预测概率恰好为 0 而标签是 1（或反过来）时，
    损失是 $-\log 0 = +\infty$，代价如实为 ``inf``，不截断。训练时记录代价用的是从
    $Z^{[2]}$ 计算的稳定写法（`dlnotes.losses.cost_from_logits`），它总是有限。

    Parameters
    ----------
    A2 : ndarray, 形状 (n_y, m)
        预测概率，取值在 [0, 1]。
    Y : ndarray, 形状 (n_y, m)
        标签，取值 0 或 1。

    Returns
    -------
    float
        代价 J（对所有样本求和后除以 m）。

    Raises
    ------
    TypeError, ValueError
        形状不同、A2 超出 [0, 1]、Y 不是 0/1，或出现 NaN/inf。

    Examples
    --------
    >>> round(compute_cost(np.array([[0.8, 0.1]]), np.array([[1, 0]])), 4)   # -(log 0.8 + log 0.9)/2
    0.1643
    >>> round(compute_cost(np.array([[0.5, 0.5]]), np.array([[1, 0]])), 4)   # log 2
    0.6931
    >>> compute_cost(np.array([[0.0]]), np.array([[1]]))                    # 有把握地答错：-log 0
    inf
    """
    A2 = as_array(A2, "A2", ndim=2)
    check_probabilities(A2, "A2")
    Y = as_array(Y, "Y", ndim=2)
    check_same_m("A2", A2, "Y", Y)
    check_shape(Y, "Y", A2.shape, labels=("n_y", "m"))
    check_labels(Y, "Y")
    return losses.cost(A2, Y)


def _check_cache(cache: object, n_h: int, n_y: int, m: int) -> dict[str, np.ndarray]:
    check_mapping(cache, "cache", ("A1", "A2"))
    A1 = as_array(cache["A1"], "cache['A1']", ndim=2)
    check_shape(A1, "cache['A1']", (n_h, m), labels=("n_h", "m"))
    A2 = as_array(cache["A2"], "cache['A2']", ndim=2)
    check_shape(A2, "cache['A2']", (n_y, m), labels=("n_y", "m"))
    check_probabilities(A2, "cache['A2']")
    return {"A1": A1, "A2": A2}


def backward_propagation(parameters, cache, X, Y):
    r"""反向传播，返回代价 J 对各参数的梯度。

    $$
    dZ^{[2]} = A^{[2]} - Y,\quad dW^{[2]} = \tfrac{1}{m} dZ^{[2]} A^{[1]T},\quad
    db^{[2]} = \tfrac{1}{m}\textstyle\sum_i dZ^{[2](i)}
    $$

    $$
    dZ^{[1]} = W^{[2]T} dZ^{[2]} * (1 - (A^{[1]})^2),\quad dW^{[1]} = \tfrac{1}{m} dZ^{[1]} X^T,\quad
    db^{[1]} = \tfrac{1}{m}\textstyle\sum_i dZ^{[1](i)}
    $$

    其中 $1 - (A^{[1]})^2$ 是 tanh 的导数，$*$ 是逐元素乘法。

    Parameters
    ----------
    parameters : dict
        ``W1`` (n_h, n_x)、``b1`` (n_h, 1)、``W2`` (n_y, n_h)、``b2`` (n_y, 1)。
    cache : dict
        `forward_propagation` 返回的缓存，至少含 ``A1`` (n_h, m) 与 ``A2`` (n_y, m)。
    X : ndarray, 形状 (n_x, m)
    Y : ndarray, 形状 (n_y, m)
        标签，取值 0 或 1。

    Returns
    -------
    dict
        ``dW1`` (n_h, n_x)、``db1`` (n_h, 1)、``dW2`` (n_y, n_h)、``db2`` (n_y, 1)，与对应参数同形状。

    Raises
    ------
    TypeError, ValueError
        任何数组的形状与其余不匹配、标签不是 0/1，或出现 NaN/inf。

    Examples
    --------
    >>> params = {"W1": np.zeros((3, 2)), "b1": np.zeros((3, 1)),
    ...           "W2": np.zeros((1, 3)), "b2": np.zeros((1, 1))}
    >>> X = np.array([[1.0, 2.0], [3.0, 4.0]]); Y = np.array([[1, 0]])
    >>> A2, cache = forward_propagation(X, params)
    >>> grads = backward_propagation(params, cache, X, Y)
    >>> grads["db2"]            # mean(A2 - Y) = mean([0.5 - 1, 0.5 - 0])
    array([[0.]])
    >>> grads["dW1"]            # W2 = 0 ⇒ 没有梯度传回隐藏层
    array([[0., 0.],
           [0., 0.],
           [0., 0.]])
    """
    X = _check_X(X)
    p = _check_parameters(parameters, n_x=X.shape[0])
    n_h, n_y, m = p["W1"].shape[0], p["W2"].shape[0], X.shape[1]
    Y = _check_Y(Y, m=m, n_y=n_y)
    c = _check_cache(cache, n_h, n_y, m)
    return core.backward_propagation(p, c, X, Y)


def update_parameters(parameters, grads, learning_rate=1.2):
    r"""梯度下降走一步：$\theta := \theta - \alpha\, d\theta$，对 W1、b1、W2、b2 各做一次。

    返回**新的**字典，传入的 ``parameters`` 与 ``grads`` 都不会被修改。

    Parameters
    ----------
    parameters : dict
        ``W1`` (n_h, n_x)、``b1`` (n_h, 1)、``W2`` (n_y, n_h)、``b2`` (n_y, 1)。
    grads : dict
        ``dW1``、``db1``、``dW2``、``db2``，与对应参数同形状。
    learning_rate : float, 默认 1.2
        学习率 α，要求 > 0。

    Returns
    -------
    dict
        更新后的 ``W1``、``b1``、``W2``、``b2``（新数组）。

    Raises
    ------
    TypeError, ValueError
        缺少键、梯度与参数形状不同、学习率不是正数，或出现 NaN/inf。

    Examples
    --------
    >>> params = {"W1": np.ones((2, 1)), "b1": np.zeros((2, 1)),
    ...           "W2": np.ones((1, 2)), "b2": np.zeros((1, 1))}
    >>> grads = {"dW1": np.ones((2, 1)), "db1": np.ones((2, 1)),
    ...          "dW2": np.ones((1, 2)), "db2": np.ones((1, 1))}
    >>> new = update_parameters(params, grads, learning_rate=0.5)
    >>> new["W1"].ravel(), new["b2"].ravel(), params["W1"].ravel()   # 原参数不变
    (array([0.5, 0.5]), array([-0.5]), array([1., 1.]))
    """
    p = _check_parameters(parameters)
    g = check_grads_like(grads, p)
    learning_rate = check_positive_float(learning_rate, "learning_rate")
    return core.update_parameters(p, g, learning_rate)


def nn_model(
    X,
    Y,
    n_h=4,
    *,
    learning_rate=1.2,
    num_iterations=10000,
    record_every=1000,
    seed=3,
    init="random",
    print_cost=False,
):
    """训练单隐藏层网络：初始化，然后重复"前向 → 代价 → 反向 → 更新" ``num_iterations`` 次。

    输入只在开头检查一次，然后调用 ``dlnotes.core.shallow.train``。参数会转成 X 的 dtype
    （float32 的数据就用 float32 训练）。记录的代价由 $Z^{[2]}$ 直接算出
    （数值稳定的交叉熵），在概率不饱和时与 `compute_cost` 相同。

    超参数只能按名字传，名字和顺序与 ``logistic.model``、``deep.L_layer_model`` 相同。
    课程作业写作 ``nn_model(X, Y, n_h, num_iterations=10000, print_cost=False)``，
    学习率固定为 1.2、每 1000 步打印一次；这里它们都是参数（默认值相同）。

    Parameters
    ----------
    X : ndarray, 形状 (n_x, m)
        训练输入。
    Y : ndarray, 形状 (n_y, m)
        标签，取值 0 或 1。
    n_h : int, 默认 4
        隐藏层单元数。
    learning_rate : float, 默认 1.2
        学习率 α。
    num_iterations : int, 默认 10000
        梯度下降的步数（可以为 0：返回初始参数和空的代价列表）。
    record_every : int, 默认 1000
        每隔多少步记录（和打印）一次代价；取 1 则记录每一步。
    seed : int, 默认 3
        初始化用的随机种子（见 `initialize_parameters`）。
    init : {"random", "zeros"}, 默认 "random"
        ``"random"``：小随机数初始化 W；``"zeros"``：W 全为 0，用来演示对称性问题——
        所有隐藏单元始终相同（对 tanh 而言 W1 的梯度恒为 0，W1 一直是 0）。
    print_cost : bool, 默认 False
        是否打印记录下的代价。

    Returns
    -------
    parameters : dict
        训练后的 ``W1``、``b1``、``W2``、``b2``。
    costs : list of float
        第 0、record_every、2·record_every、… 步（更新之前）的代价。

    Raises
    ------
    TypeError, ValueError
        数据、超参数或 init 不合法。

    Examples
    --------
    课程的「花朵」数据（400 个点，两类交错成花瓣，线性不可分），4 个隐藏单元：

    >>> from dlnotes.datasets import make_flower
    >>> X, Y = make_flower()
    >>> params, costs = nn_model(X, Y, n_h=4, num_iterations=2000, record_every=500)
    >>> [round(c, 4) for c in costs]              # 第 0、500、1000、1500 步的代价
    [0.6932, 0.2387, 0.2212, 0.2103]
    >>> float(np.mean(predict(params, X) == Y))   # 训练集准确率（逻辑回归在这组数据上只有约一半）
    0.935
    >>> nn_model(X, Y, num_iterations=0)[1]       # 不训练：返回初始参数和空的代价列表
    []
    """
    X = _check_X(X)
    Y = _check_Y(Y, m=X.shape[1])
    n_h = check_positive_int(n_h, "n_h")
    learning_rate = check_positive_float(learning_rate, "learning_rate")
    num_iterations = check_positive_int(num_iterations, "num_iterations", minimum=0)
    record_every = check_positive_int(record_every, "record_every")
    seed = check_positive_int(seed, "seed", minimum=0)
    init = check_choice(init, "init", _INITS)
    print_cost = check_bool(print_cost, "print_cost")
    params = core.initialize_parameters(X.shape[0], n_h, Y.shape[0], seed, 0.01)
    if init == "zeros":  # W 全为 0：演示对称性问题
        params = {k: np.zeros_like(v) for k, v in params.items()}
    params = {k: v.astype(X.dtype, copy=False) for k, v in params.items()}
    Y = Y.astype(X.dtype, copy=False)  # 标签与 X 同 dtype，避免 float32 被提升成 float64
    return core.train(X, Y, params, num_iterations, learning_rate, record_every, print_cost)


def predict(parameters, X):
    r"""用训练好的参数预测类别：$\hat{y} > 0.5$ 时为 1，否则为 0。

    Parameters
    ----------
    parameters : dict
        ``W1`` (n_h, n_x)、``b1`` (n_h, 1)、``W2`` (n_y, n_h)、``b2`` (n_y, 1)。
    X : ndarray, 形状 (n_x, m)

    Returns
    -------
    ndarray, 形状 (n_y, m)
        元素为 0.0 或 1.0（二分类时形状为 (1, m)）。

    Raises
    ------
    TypeError, ValueError
        X 或参数不合法，或形状不匹配。

    Examples
    --------
    >>> params = {"W1": np.array([[1.0]]), "b1": np.zeros((1, 1)),
    ...           "W2": np.array([[5.0]]), "b2": np.zeros((1, 1))}
    >>> predict(params, np.array([[-2.0, 0.0, 3.0]]))   # ŷ = σ(5 tanh(x))，x = 0 时 ŷ = 0.5 不算 1
    array([[0., 0., 1.]])
    """
    X = _check_X(X)
    p = _check_parameters(parameters, n_x=X.shape[0])
    return core.predict(p, X)
