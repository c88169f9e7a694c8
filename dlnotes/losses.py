r"""逻辑回归的损失函数 $L(\hat{y}, y)$ 与代价函数 $J(w, b)$。

笔记里的记号与代码的对应关系：

- ``y_hat`` 即 $\hat{y} = a = \sigma(z)$，是模型给出的"标签为 1 的概率"；
- ``y`` 是真实标签，只能是 0 或 1；
- ``z`` 是 sigmoid 之前的线性输出 $z = w^T x + b$，也叫 logit；
- ``m`` 是样本数，向量化时 ``y_hat``、``y``、``z`` 的形状都是 ``(1, m)``。

两套写法：

1. `logistic_loss` / `cost` 直接按公式从概率 $\hat{y}$ 计算，
   和笔记逐字对应，适合讲解；
2. `logistic_loss_from_logits` / `cost_from_logits` 从 logit $z$ 计算，
   从不对 0 取对数，训练时应当用它（见各函数的说明）。

**边界约定**（全站唯一的一份交叉熵，见 ``dlnotes.core.losses``）：`cost` 是精确的定义，
某个样本以百分之百的把握答错（$\hat{y} = 0$ 而 $y = 1$，或反过来）时，
$-\log 0 = +\infty$，代价如实为 ``inf``，从不悄悄截断；`cost_from_logits` 从 logit 计算，
结果总是有限，所有训练循环（``logistic``、``shallow``、``deep``）记录的代价都用它。
``shallow.compute_cost`` 与 ``deep.compute_cost`` 直接调用同一个 `cost`，同样的输入处处得到同样的数。
"""

from __future__ import annotations

import numpy as np

from dlnotes._checks import (
    as_array,
    check_labels,
    check_probabilities,
    check_shape,
)
from dlnotes.core import losses as core

__all__ = [
    "logistic_loss",
    "cost",
    "logistic_loss_from_logits",
    "cost_from_logits",
]


def _pair(a: object, name_a: str, y: object, *, row: bool) -> tuple[np.ndarray, np.ndarray]:
    """检查并返回 (a, y)：形状相同、y 只含 0/1；``row=True`` 时还要求形状为 (1, m)。"""
    a_arr = as_array(a, name_a)
    y_arr = as_array(y, "y")
    if row:
        check_shape(a_arr, name_a, (1, None), labels=("1", "m"))
        check_shape(y_arr, "y", (1, None), labels=("1", "m"))
    if a_arr.shape != y_arr.shape:
        raise ValueError(
            f"{name_a} 与 y 的形状应相同，实际 {name_a} 是 {a_arr.shape}，y 是 {y_arr.shape}"
        )
    check_labels(y_arr, "y")
    return a_arr, y_arr


def logistic_loss(y_hat, y):
    r"""单个样本的交叉熵损失 $L(\hat{y}, y) = -y\log\hat{y} - (1-y)\log(1-\hat{y})$，逐元素计算。

    因为 $y$ 只能是 0 或 1，两项里总有一项的系数为 0，于是

    $$
    L(\hat{y}, 1) = -\log\hat{y}, \qquad L(\hat{y}, 0) = -\log(1 - \hat{y}).
    $$

    代码正是按这两种情况分别取对数，所以系数为 0 的那一项不会算出 $0 \cdot \log 0$
    （按约定它等于 0，也就是说 $\hat{y}$ 恰好预测对了时损失为 0）。

    **边界约定**：$\hat{y}$ 恰好等于 0 而 $y = 1$（或 $\hat{y} = 1$ 而 $y = 0$）时，
    模型以百分之百的把握答错了，损失按数学定义就是 $-\log 0 = +\infty$，
    函数如实返回 ``inf``，不截断、也不发出任何警告。
    训练时想避免这种情况，应改用从 logit 计算的 `logistic_loss_from_logits`。

    Parameters
    ----------
    y_hat : float 或 ndarray，任意形状
        预测概率 $\hat{y}$，每个元素在 [0, 1] 内。
    y : float 或 ndarray，与 y_hat 同形状
        真实标签，每个元素是 0 或 1。

    Returns
    -------
    float 或 ndarray
        与 ``y_hat`` 同形状的非负损失；两个输入都是标量时返回 ``float``。

    Raises
    ------
    TypeError
        输入不是实数（或实数数组）。
    ValueError
        形状不同、为空、含 NaN/inf、``y`` 不是 0/1、``y_hat`` 不在 [0, 1] 内。

    Examples
    --------
    >>> round(logistic_loss(0.9, 1), 4)      # 预测得有把握又对了：损失小
    0.1054
    >>> round(logistic_loss(0.9, 0), 4)      # 有把握却错了：损失大
    2.3026
    >>> logistic_loss([[0.0, 1.0, 0.0]], [[0, 1, 1]])   # 0·log 0 = 0；-log 0 = inf
    array([[ 0.,  0., inf]])
    """
    a, y_arr = _pair(y_hat, "y_hat", y, row=False)
    scalar = a.ndim == 0  # 两个都是标量（形状已检查相同）
    check_probabilities(a, "y_hat")
    loss = core.logistic_loss(a, y_arr)
    return float(loss) if scalar else loss


def cost(y_hat, y):
    r"""代价函数 $J = \dfrac{1}{m}\sum_{i=1}^{m} L(\hat{y}^{(i)}, y^{(i)})$：全部样本损失的平均。

    Parameters
    ----------
    y_hat : ndarray, 形状 (1, m)
        预测概率 $A = (\hat{y}^{(1)}, \dots, \hat{y}^{(m)})$，每个元素在 [0, 1] 内。
    y : ndarray, 形状 (1, m)
        真实标签 $Y$，每个元素是 0 或 1。

    Returns
    -------
    float
        代价 $J \ge 0$。若某个样本的损失是 ``inf``（见 `logistic_loss`），代价也是 ``inf``。

    Raises
    ------
    TypeError
        输入不是实数数组。
    ValueError
        形状不是 (1, m) 或两者不同、为空、含 NaN/inf、``y`` 不是 0/1、``y_hat`` 不在 [0, 1] 内。

    Examples
    --------
    >>> round(cost([[0.9, 0.2, 0.6]], [[1, 0, 1]]), 6)
    0.279777
    """
    a, y_arr = _pair(y_hat, "y_hat", y, row=True)
    check_probabilities(a, "y_hat")
    return core.cost(a, y_arr)


def logistic_loss_from_logits(z, y):
    r"""从 logit $z$ 直接计算损失 $L(\sigma(z), y)$，逐元素，数值稳定。

    先算 $\hat{y} = \sigma(z)$ 再取对数有两个隐患：$z$ 很大时 $\sigma(z)$
    舍入成 1，$\log(1 - \hat{y})$ 变成 $\log 0$；$z$ 很负时同理。
    把两步合在一起化简：

    $$
    L = \max(z, 0) - z\,y + \log\left(1 + e^{-|z|}\right),
    $$

    指数只作用在 $-|z| \le 0$ 上，永不上溢，也永不对 0 取对数；
    $\log(1 + \cdot)$ 用 ``np.log1p`` 计算，答对时那个极小的损失也保持完整精度。

    Parameters
    ----------
    z : float 或 ndarray，任意形状
        logit $z = w^T x + b$，任意有限实数。
    y : float 或 ndarray，与 z 同形状
        真实标签，每个元素是 0 或 1。

    Returns
    -------
    float 或 ndarray
        与 ``z`` 同形状的有限非负损失；两个输入都是标量时返回 ``float``。

    Raises
    ------
    TypeError
        输入不是实数（或实数数组）。
    ValueError
        形状不同、为空、含 NaN/inf、``y`` 不是 0/1。

    Examples
    --------
    >>> round(logistic_loss_from_logits(0.0, 1), 6)     # σ(0) = 0.5，损失 log 2
    0.693147
    >>> logistic_loss_from_logits([[1000.0, -1000.0]], [[0, 1]])   # 错得离谱也是有限值
    array([[1000., 1000.]])
    """
    z_arr, y_arr = _pair(z, "z", y, row=False)
    scalar = z_arr.ndim == 0  # 两个都是标量（形状已检查相同）
    loss = core.loss_from_logits(z_arr, y_arr.astype(z_arr.dtype, copy=False))
    return float(loss) if scalar else loss


def cost_from_logits(z, y):
    r"""从 logit 计算代价 $J = \dfrac{1}{m}\sum_i L(\sigma(z^{(i)}), y^{(i)})$，数值稳定。

    与 ``cost(sigmoid(z), y)`` 数学上相同，但不经过概率，所以 $|z|$ 再大结果也有限、
    不会有 ``log(0)`` 警告。梯度下降里记录代价用的就是它。

    Parameters
    ----------
    z : ndarray, 形状 (1, m)
        logit $Z = w^T X + b$。
    y : ndarray, 形状 (1, m)
        真实标签，每个元素是 0 或 1。

    Returns
    -------
    float
        代价 $J \ge 0$，有限。

    Raises
    ------
    TypeError
        输入不是实数数组。
    ValueError
        形状不是 (1, m) 或两者不同、为空、含 NaN/inf、``y`` 不是 0/1。

    Examples
    --------
    >>> round(cost_from_logits([[2.0, -1.0, 0.5]], [[1, 0, 1]]), 6)
    0.304756
    >>> cost_from_logits([[800.0, -800.0]], [[0, 1]])   # 直接算 log(1 - σ(800)) 会得到 inf
    800.0
    """
    z_arr, y_arr = _pair(z, "z", y, row=True)
    return core.cost_from_logits(z_arr, y_arr.astype(z_arr.dtype, copy=False))
