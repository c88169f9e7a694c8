r"""逻辑回归：把它看成只有一个神经元的神经网络，用批量梯度下降训练。

记号与笔记一致：

- ``X`` 形状 ``(n_x, m)``，每一列是一个样本 $x^{(i)}$；
- ``Y`` 形状 ``(1, m)``，标签 $y^{(i)} \in \{0, 1\}$；
- ``w`` 形状 ``(n_x, 1)``，``b`` 是一个实数；
- 前向：$Z = w^T X + b$，$A = \sigma(Z)$（``A`` 即 $\hat{Y}$）；
- 代价：$J = \frac{1}{m}\sum_i L(a^{(i)}, y^{(i)})$；
- 反向：$dZ = A - Y$，$dw = \frac{1}{m} X\,dZ^T$，$db = \frac{1}{m}\sum_i dz^{(i)}$；
- 更新：$w := w - \alpha\,dw$，$b := b - \alpha\,db$（$\alpha$ 即 ``learning_rate``）。

公式写在 ``dlnotes.core.logistic``（页面上展示的就是那里的代码）；这里的公开函数在入口处
检查一次输入，再调用它。``propagate_loop`` 是 ``propagate`` 的 for 循环版本，只用来演示
向量化为什么快，训练时不要用它。
``X`` 的 dtype 会被保留（``float32`` 的数据全程用 ``float32`` 计算，``w`` 也转成同一 dtype）。
"""

from __future__ import annotations

import numpy as np

from dlnotes._checks import (
    as_array,
    as_scalar,
    check_bool,
    check_choice,
    check_labels,
    check_mapping,
    check_positive_float,
    check_positive_int,
    check_same_m,
    check_shape,
)
from dlnotes.core import logistic as core
from dlnotes.core.activations import sigmoid
from dlnotes.core.losses import cost_from_logits

__all__ = [
    "initialize_with_zeros",
    "propagate",
    "propagate_loop",
    "optimize",
    "model",
    "gradient_descent_path",
    "predict",
    "LogisticRegression",
]


# ---------------------------------------------------------------- 输入检查（每次调用只做一次）


def _check_X(X: object) -> np.ndarray:
    return as_array(X, "X", ndim=2)


def _check_wb(w: object, b: object, X: np.ndarray) -> tuple[np.ndarray, float]:
    """w 必须是 (n_x, 1)，n_x 取自 X；返回转成 X 的 dtype 的 w（能不复制就不复制）和 float 的 b。"""
    w_arr = as_array(w, "w")
    check_shape(w_arr, "w", (X.shape[0], 1), labels=("n_x", "1"))
    return w_arr.astype(X.dtype, copy=False), as_scalar(b, "b")


def _check_Y(Y: object, X: np.ndarray) -> np.ndarray:
    Y_arr = as_array(Y, "Y")
    check_shape(Y_arr, "Y", (1, None), labels=("1", "m"))
    check_same_m("X", X, "Y", Y_arr)
    check_labels(Y_arr, "Y")
    return Y_arr.astype(X.dtype, copy=False)  # 0/1 在 float32 下也是精确的


def _check_hyper(num_iterations: object, learning_rate: object) -> tuple[int, float]:
    return (
        check_positive_int(num_iterations, "num_iterations"),
        check_positive_float(learning_rate, "learning_rate"),
    )


# ---------------------------------------------------------------- 公开函数


def initialize_with_zeros(dim):
    r"""把参数初始化为零：``w`` 是 ``(dim, 1)`` 的零向量，``b = 0.0``。

    逻辑回归只有一个"神经元"，不存在对称性问题，所以全零初始化没有问题
    （多层网络则必须随机初始化，见后面的章节）。

    Parameters
    ----------
    dim : int
        特征数 $n_x$，至少为 1。

    Returns
    -------
    w : ndarray, 形状 (dim, 1), dtype float64
        全零权重。
    b : float
        偏置 0.0。

    Raises
    ------
    TypeError
        ``dim`` 不是整数。
    ValueError
        ``dim < 1``。

    Examples
    --------
    >>> w, b = initialize_with_zeros(2)
    >>> w
    array([[0.],
           [0.]])
    >>> b
    0.0
    """
    return core.initialize_with_zeros(check_positive_int(dim, "dim"))


def propagate(w, b, X, Y):
    r"""前向传播算代价 $J$，反向传播算梯度 $dw = \partial J / \partial w$、$db = \partial J / \partial b$。

    $$
    A = \sigma(w^T X + b), \quad
    J = -\frac{1}{m}\sum_{i=1}^{m}\left[y^{(i)}\log a^{(i)} + (1-y^{(i)})\log(1-a^{(i)})\right],
    $$

    $$
    dw = \frac{1}{m} X (A - Y)^T, \qquad db = \frac{1}{m}\sum_{i=1}^{m}(a^{(i)} - y^{(i)}).
    $$

    代价用 `dlnotes.losses.cost_from_logits` 的稳定写法从 $Z$ 算出，结果与上式相同，
    但 $|Z|$ 很大时也不会出现 ``log(0)``。

    Parameters
    ----------
    w : ndarray, 形状 (n_x, 1)
        权重。
    b : float
        偏置。
    X : ndarray, 形状 (n_x, m)
        数据，每列一个样本。
    Y : ndarray, 形状 (1, m)
        标签，0 或 1。

    Returns
    -------
    grads : dict
        ``{"dw": ndarray (n_x, 1), "db": float}``；``dw`` 的 dtype 与 ``X`` 相同。
    cost : float
        代价 $J$。

    Raises
    ------
    TypeError
        输入不是实数（数组）。
    ValueError
        形状不符（如 ``w`` 不是 (n_x, 1)、``Y`` 的 m 与 ``X`` 不同）、为空、含 NaN/inf、``Y`` 不是 0/1。

    Examples
    --------
    课程作业里的例子：

    >>> w, b = np.array([[1.0], [2.0]]), 2.0
    >>> X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    >>> Y = np.array([[1, 0, 1]])
    >>> grads, cost = propagate(w, b, X, Y)
    >>> print(grads["dw"])
    [[0.99845601]
     [2.39507239]]
    >>> round(grads["db"], 8), round(cost, 8)
    (0.00145558, 5.80154532)
    """
    X = _check_X(X)
    w, b = _check_wb(w, b, X)
    Y = _check_Y(Y, X)
    return core.propagate(w, b, X, Y)


def propagate_loop(w, b, X, Y):
    r"""与 `propagate` 相同的计算，但照搬课程的伪代码：用 for 循环逐个样本、逐个特征地算。

    它是**反面教材**，用来说明为什么要向量化：外层循环遍历 $m$ 个样本，内层循环遍历
    $n_x$ 个特征，每一次乘法、加法都要经过一次 Python 解释器；而 `propagate` 把同样的计算写成
    $w^T X$、$X\,dZ^T$ 两次矩阵乘法，由 numpy 的编译代码一次做完。笔记（二）「向量化」用它
    核对两种写法的结果相同，并实测两者的用时（样本多时相差上百倍）。训练时请用 `propagate`。

    为了不让循环版吃亏，数组先转成 Python 的 float 列表（逐个下标取 numpy 元素会更慢）。
    $\sigma(z)$ 和损失按 $z$ 的正负换成不会溢出的等价写法，所以 $|z|$ 很大时结果仍然有限，
    与 `propagate` 一致。

    Parameters
    ----------
    w : ndarray, 形状 (n_x, 1)
        权重。
    b : float
        偏置。
    X : ndarray, 形状 (n_x, m)
        数据，每列一个样本。
    Y : ndarray, 形状 (1, m)
        标签，0 或 1。

    Returns
    -------
    grads : dict
        ``{"dw": ndarray (n_x, 1), "db": float}``；``dw`` 的 dtype 与 ``X`` 相同。
    cost : float
        代价 $J$。

    Raises
    ------
    TypeError, ValueError
        与 `propagate` 相同的输入检查。

    Examples
    --------
    课程作业里的例子，结果与 `propagate` 相同：

    >>> w, b = np.array([[1.0], [2.0]]), 2.0
    >>> X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    >>> Y = np.array([[1, 0, 1]])
    >>> grads, cost = propagate_loop(w, b, X, Y)
    >>> print(grads["dw"])
    [[0.99845601]
     [2.39507239]]
    >>> round(grads["db"], 8), round(cost, 8)
    (0.00145558, 5.80154532)
    """
    X = _check_X(X)
    w, b = _check_wb(w, b, X)
    Y = _check_Y(Y, X)
    grads, J = core.propagate_loop(w, b, X, Y)
    return {"dw": grads["dw"].astype(X.dtype, copy=False), "db": grads["db"]}, J


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, record_every=100):
    r"""批量梯度下降：重复 ``num_iterations`` 次"算梯度、沿负梯度走一步"。

    每次迭代用全部 m 个样本算一次 $dw, db$（见 `propagate`），然后

    $$
    w := w - \alpha\, dw, \qquad b := b - \alpha\, db.
    $$

    输入只在开头检查一次，然后调用 ``dlnotes.core.logistic.optimize``；
    传入的 ``w`` 不会被修改。与课程作业的 ``optimize(w, b, X, Y, num_iterations, learning_rate,
    print_cost)`` 相比，这里用 ``record_every`` 决定每隔多少次记录一次代价，不打印
    （要打印请用 `model` 的 ``print_cost``）。

    Parameters
    ----------
    w : ndarray, 形状 (n_x, 1)
        初始权重（会转成 ``X`` 的 dtype）。
    b : float
        初始偏置。
    X : ndarray, 形状 (n_x, m)
        数据，每列一个样本。
    Y : ndarray, 形状 (1, m)
        标签，0 或 1。
    num_iterations : int, 默认 100
        迭代次数，至少 1。
    learning_rate : float, 默认 0.009
        学习率 $\alpha > 0$。
    record_every : int, 默认 100
        每隔多少次迭代记录一次代价。

    Returns
    -------
    params : dict
        训练后的参数 ``{"w": ndarray (n_x, 1), "b": float}``。
    grads : dict
        **最后一次迭代**的梯度 ``{"dw": ndarray (n_x, 1), "db": float}``，在那次更新之前计算。
    costs : list of float
        第 0、``record_every``、``2·record_every``…… 次迭代（更新之前）的代价，
        共 ``ceil(num_iterations / record_every)`` 个。

    Raises
    ------
    TypeError, ValueError
        参数类型或取值不对，或 ``w, b, X, Y`` 不满足 `propagate` 的要求。

    Examples
    --------
    课程作业里的例子：

    >>> w, b = np.array([[1.0], [2.0]]), 2.0
    >>> X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    >>> Y = np.array([[1, 0, 1]])
    >>> params, grads, costs = optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009)
    >>> print(params["w"])
    [[0.19033591]
     [0.12259159]]
    >>> round(params["b"], 8)
    1.92535983
    >>> print(grads["dw"])
    [[0.67752042]
     [1.41625495]]
    >>> [round(c, 8) for c in costs]
    [5.80154532]
    """
    X = _check_X(X)
    w, b = _check_wb(w, b, X)
    Y = _check_Y(Y, X)
    n, alpha = _check_hyper(num_iterations, learning_rate)
    every = check_positive_int(record_every, "record_every")
    return core.optimize(np.array(w, dtype=X.dtype, copy=True), b, X, Y, n, alpha, every)


def gradient_descent_path(w, b, X, Y, num_iterations=100, learning_rate=0.009):
    r"""与 `optimize` 相同的梯度下降，但记录**每一步**的参数和代价，供画轨迹图用。

    第 t 行是做了 t 次更新之后的状态（第 0 行是起点），所以共有 ``num_iterations + 1`` 行。
    例如在 $(w_1, w_2)$ 平面的代价等高线图上画 ``path["w"][:, 0]`` 对 ``path["w"][:, 1]``，
    就是梯度下降走过的路线；``path["cost"]`` 则是沿途的 $J$，应当单调下降（学习率合适时）。

    因为每一步都要算代价，它比 `optimize` 稍慢，只适合画图用的小规模数据。

    Parameters
    ----------
    w : ndarray, 形状 (n_x, 1)
        起点权重。
    b : float
        起点偏置。
    X : ndarray, 形状 (n_x, m)
        数据。
    Y : ndarray, 形状 (1, m)
        标签，0 或 1。
    num_iterations : int, 默认 100
        更新次数 T，至少 1。
    learning_rate : float, 默认 0.009
        学习率 $\alpha > 0$。

    Returns
    -------
    dict
        - ``"w"``：ndarray，形状 (T + 1, n_x)，dtype 同 ``X``；第 t 行是 $w^{[t]}$ 的转置；
        - ``"b"``：ndarray，形状 (T + 1,)；
        - ``"cost"``：ndarray，形状 (T + 1,)，$J(w^{[t]}, b^{[t]})$。

    Raises
    ------
    TypeError, ValueError
        同 `optimize`。

    Examples
    --------
    >>> X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    >>> Y = np.array([[1, 0, 1]])
    >>> path = gradient_descent_path(np.array([[1.0], [2.0]]), 2.0, X, Y, num_iterations=3)
    >>> path["w"].shape, path["b"].shape, path["cost"].shape
    ((4, 2), (4,), (4,))
    >>> print(path["w"][0], round(path["cost"][0], 8))     # 起点，与 propagate 的例子一致
    [1. 2.] 5.80154532
    >>> [round(float(c), 4) for c in path["cost"]]          # 每一步的代价
    [5.8015, 5.741, 5.6804, 5.6198]
    """
    X = _check_X(X)
    w, b = _check_wb(w, b, X)
    Y = _check_Y(Y, X)
    n, alpha = _check_hyper(num_iterations, learning_rate)
    W_path = np.empty((n + 1, X.shape[0]), dtype=X.dtype)
    b_path = np.empty(n + 1)
    J_path = np.empty(n + 1)
    params = {"w": w, "b": b}
    for t in range(n):  # 每次走一步梯度下降（与 optimize 同一个核心函数），记下起点的参数和代价
        W_path[t], b_path[t] = params["w"][:, 0], params["b"]
        params, _, (J_path[t],) = core.optimize(params["w"], params["b"], X, Y, 1, alpha, 1)
    W_path[n], b_path[n] = params["w"][:, 0], params["b"]
    J_path[n] = cost_from_logits(params["w"].T @ X + params["b"], Y)
    return {"w": W_path, "b": b_path, "cost": J_path}


def _check_parameters(parameters: object, X: np.ndarray) -> dict:
    """parameters 是 ``{"w": (n_x, 1), "b": 实数}``；返回转成 X 的 dtype 的副本字典（w 不复制）。"""
    check_mapping(parameters, "parameters", ("w", "b"))
    w, b = _check_wb(parameters["w"], parameters["b"], X)
    return {"w": w, "b": b}


def model(X, Y, *, learning_rate=0.005, num_iterations=2000, record_every=100, seed=0,
          init="zeros", print_cost=False):
    r"""训练逻辑回归：初始化参数，然后做 ``num_iterations`` 次批量梯度下降（见 `optimize`）。

    与 ``shallow.nn_model``、``deep.L_layer_model`` 形状相同：超参数只能按名字传，
    名字和顺序一样，返回 ``(parameters, costs)``，``num_iterations=0`` 时返回初始参数和空列表。
    课程作业的 ``model(X_train, Y_train, X_test, Y_test, num_iterations, learning_rate,
    print_cost)`` 还顺便预测测试集、返回一个字典；这里只训练，预测请调用 `predict`。

    Parameters
    ----------
    X : ndarray, 形状 (n_x, m)
        数据，每列一个样本。
    Y : ndarray, 形状 (1, m)
        标签，0 或 1。
    learning_rate : float, 默认 0.005
        学习率 $\alpha > 0$。
    num_iterations : int, 默认 2000
        梯度下降的步数，可以为 0。
    record_every : int, 默认 100
        每隔多少步记录（和打印）一次代价。
    seed : int, 默认 0
        ``init="random"`` 时的随机种子；``init="zeros"`` 时不用。
    init : {"zeros", "random"}, 默认 "zeros"
        ``"zeros"``：$w = 0$、$b = 0$（一个神经元没有对称性问题）；
        ``"random"``：$w$ 取标准正态随机数乘以 0.01。
    print_cost : bool, 默认 False
        是否打印记录下的代价。

    Returns
    -------
    parameters : dict
        训练后的 ``{"w": ndarray (n_x, 1), "b": float}``。
    costs : list of float
        第 0、record_every、2·record_every、… 步（更新之前）的代价。

    Raises
    ------
    TypeError, ValueError
        数据或超参数不合法。

    Examples
    --------
    >>> X = np.array([[-2.0, -1.0, -0.5, 0.5, 1.0, 2.0]])
    >>> Y = np.array([[0, 0, 0, 1, 1, 1]])
    >>> parameters, costs = model(X, Y, learning_rate=0.5, num_iterations=300, record_every=100,
    ...                           print_cost=True)
    第 0 次迭代的代价：0.693147
    第 100 次迭代的代价：0.050657
    第 200 次迭代的代价：0.029574
    >>> predict(parameters, X)
    array([[0., 0., 0., 1., 1., 1.]])
    >>> model(X, Y, num_iterations=0)
    ({'w': array([[0.]]), 'b': 0.0}, [])
    """
    X = _check_X(X)
    Y = _check_Y(Y, X)
    alpha = check_positive_float(learning_rate, "learning_rate")
    n = check_positive_int(num_iterations, "num_iterations", minimum=0)
    every = check_positive_int(record_every, "record_every")
    seed = check_positive_int(seed, "seed", minimum=0)
    init = check_choice(init, "init", ("zeros", "random"))
    print_cost = check_bool(print_cost, "print_cost")
    w, b = core.initialize_with_zeros(X.shape[0])
    if init == "random":
        w = np.random.default_rng(seed).standard_normal(w.shape) * 0.01
    w = w.astype(X.dtype, copy=False)
    if n == 0:
        return {"w": w, "b": b}, []
    parameters, _, costs = core.optimize(w, b, X, Y, n, alpha, every)
    if print_cost:
        for i, J in zip(range(0, n, every), costs):
            print(f"第 {i} 次迭代的代价：{J:.6f}")
    return parameters, costs


def predict(parameters, X):
    r"""用学到的参数做预测：$\hat{y} = \sigma(w^T x + b) > 0.5$ 时判为 1，否则为 0。

    阈值是**严格**大于 0.5：概率恰好为 0.5（即 $z = 0$，落在决策边界上）时判为 0。
    课程作业写作 ``predict(w, b, X)``；这里与 ``shallow.predict``、``deep.predict`` 一样
    收一个参数字典 ``{"w": w, "b": b}``（`model` 和 `optimize` 返回的就是它）。

    Parameters
    ----------
    parameters : dict
        ``{"w": ndarray (n_x, 1), "b": float}``。
    X : ndarray, 形状 (n_x, m)

    Returns
    -------
    ndarray, 形状 (1, m)
        元素为 0.0 或 1.0，dtype 同 ``X``。

    Raises
    ------
    TypeError, ValueError
        类型不对，缺少 ``w``/``b``，``w`` 的形状与 ``X`` 不符，为空或含 NaN/inf。

    Examples
    --------
    >>> w, b = np.array([[0.1124579], [0.23106775]]), -0.3
    >>> X = np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])
    >>> predict({"w": w, "b": b}, X)
    array([[1., 1., 0.]])
    >>> predict({"w": np.zeros((1, 1)), "b": 0.0}, np.array([[5.0]]))   # σ(0) = 0.5，不大于 0.5
    array([[0.]])
    """
    X = _check_X(X)
    return core.predict(_check_parameters(parameters, X), X)


class LogisticRegression:
    r"""把 `initialize_with_zeros`、`optimize`、`predict` 包装成一个模型，方便在 notebook 里用。

    接口模仿 scikit-learn（``fit`` / ``predict`` / ``score``），但数据的摆放沿用笔记的约定：
    ``X`` 形状 ``(n_x, m)``、每列一个样本，``Y`` 形状 ``(1, m)``。没有正则化。

    Parameters
    ----------
    learning_rate : float, 默认 0.005
        学习率 $\alpha > 0$。
    num_iterations : int, 默认 2000
        梯度下降的迭代次数。
    record_every : int, 默认 100
        每隔多少次迭代记录一次代价。

    Attributes
    ----------
    w_ : ndarray, 形状 (n_x, 1)
        训练得到的权重（``fit`` 之后才有）。
    b_ : float
        训练得到的偏置。
    costs_ : list of float
        训练过程中记录的代价，见 `optimize`。

    Examples
    --------
    >>> X = np.array([[-2.0, -1.0, -0.5, 0.5, 1.0, 2.0]])
    >>> Y = np.array([[0, 0, 1, 0, 1, 1]])
    >>> model = LogisticRegression(learning_rate=0.1, num_iterations=1000).fit(X, Y)
    >>> model.predict(X)
    array([[0., 0., 0., 1., 1., 1.]])
    >>> round(model.score(X, Y), 4)
    0.6667
    >>> len(model.costs_), round(model.costs_[0], 4), round(model.costs_[-1], 4)   # 从 log 2 降下来
    (10, 0.6931, 0.4607)
    >>> round(float(model.w_[0, 0]), 4)       # 学到的斜率：x 越大越可能是 1
    1.3511
    """

    def __init__(self, learning_rate=0.005, num_iterations=2000, record_every=100):
        # 构造时就检查，错误尽早暴露；fit 时会再检查一次（属性可能被改过）。
        _check_hyper(num_iterations, learning_rate)
        check_positive_int(record_every, "record_every")
        self.learning_rate = learning_rate
        self.num_iterations = num_iterations
        self.record_every = record_every

    def __repr__(self) -> str:
        return (
            f"LogisticRegression(learning_rate={self.learning_rate!r}, "
            f"num_iterations={self.num_iterations!r}, record_every={self.record_every!r})"
        )

    def fit(self, X, Y):
        """从零初始化开始做梯度下降，返回 ``self``（可以链式调用）。

        Parameters
        ----------
        X : ndarray, 形状 (n_x, m)
        Y : ndarray, 形状 (1, m)，0 或 1
        """
        n, alpha = _check_hyper(self.num_iterations, self.learning_rate)
        every = check_positive_int(self.record_every, "record_every")
        X = _check_X(X)
        Y = _check_Y(Y, X)
        params, costs = model(X, Y, learning_rate=alpha, num_iterations=n, record_every=every)
        self.w_, self.b_, self.costs_ = params["w"], params["b"], costs
        return self

    def _check_fitted_X(self, X) -> np.ndarray:
        if not hasattr(self, "w_"):
            raise ValueError("模型还没有训练：请先调用 fit(X, Y)，再 predict / predict_proba / score")
        X = _check_X(X)
        check_shape(X, "X", (self.w_.shape[0], None), labels=("n_x", "m"))
        return X

    def predict_proba(self, X):
        r"""每个样本标签为 1 的概率 $\sigma(w^T x + b)$，形状 (1, m)。"""
        X = self._check_fitted_X(X)
        return sigmoid(self.w_.astype(X.dtype, copy=False).T @ X + self.b_)

    def predict(self, X):
        """预测标签：概率严格大于 0.5 为 1.0，否则为 0.0，形状 (1, m)，dtype 同 ``X``。"""
        X = self._check_fitted_X(X)
        return core.predict({"w": self.w_.astype(X.dtype, copy=False), "b": self.b_}, X)

    def score(self, X, Y):
        """准确率：预测正确的样本占比，``float``，介于 0 和 1 之间。"""
        X = self._check_fitted_X(X)
        Y = _check_Y(Y, X)
        return float(np.mean(self.predict(X) == Y))
