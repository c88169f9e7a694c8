r"""梯度检验：用中心差分估计梯度，核对反向传播推出的公式。

反向传播的公式推错一个转置、漏一个 $1/m$，代码照样能跑，只是学不好。
梯度检验是最直接的体检：对参数的每个分量 $\theta_i$ 各挪动一点点 $\varepsilon$，

$$
\frac{\partial J}{\partial \theta_i} \approx
\frac{J(\theta + \varepsilon e_i) - J(\theta - \varepsilon e_i)}{2\varepsilon},
$$

再与解析梯度比较相对误差

$$
\text{relative error} = \frac{\lVert g_{\text{解析}} - g_{\text{数值}} \rVert_2}
                             {\lVert g_{\text{解析}} \rVert_2 + \lVert g_{\text{数值}} \rVert_2}.
$$

经验上（``float64``、$\varepsilon = 10^{-6}$ 左右）：小于 $10^{-7}$ 说明公式正确；
$10^{-5}$ 上下要警惕；大于 $10^{-3}$ 几乎肯定有错。

中心差分的截断误差是 $O(\varepsilon^2)$，比单侧差分 $O(\varepsilon)$ 小得多；
但 $\varepsilon$ 也不能太小，否则两个几乎相等的数相减，舍入误差约为
$10^{-16}\,|J| / \varepsilon$，会淹没结果。所以这里一律用 ``float64`` 计算。

每个分量要调用两次 $J$，代价与参数个数成正比：只在小网络、少量样本上做检验，
确认无误后就关掉，训练时绝不使用。
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlnotes._checks import as_array, as_scalar, check_positive_float

__all__ = ["numerical_gradient", "relative_error", "check_gradient"]


def _as_float64_copy(x: object, name: str) -> tuple[np.ndarray, bool]:
    """返回 (x 的 float64 副本, x 是否为标量)。副本保证连续，可以安全地原地扰动。"""
    arr = as_array(x, name)
    return np.array(arr, dtype=np.float64, order="C", copy=True), arr.ndim == 0


def _check_callable(f: object, name: str) -> None:
    if not callable(f):
        raise TypeError(f"{name} 应为函数（可调用对象），实际收到 {type(f).__name__}")


def _call_scalar(f: Callable, x: np.ndarray) -> float:
    # f 必须返回一个有限实数（如代价 J）；否则 as_scalar 给出清楚的 TypeError/ValueError。
    return as_scalar(f(x), "f(x) 的返回值")


def numerical_gradient(f, x, eps=1e-6):
    r"""用中心差分估计标量函数 $f$ 在 $x$ 处的梯度。

    对 $x$ 的每个分量 $x_i$（任意形状的数组按元素逐个处理）：

    $$
    g_i = \frac{f(x + \varepsilon e_i) - f(x - \varepsilon e_i)}{2\varepsilon}.
    $$

    实现上先把 ``x`` 复制成 ``float64`` 数组，在副本上把第 i 个元素加 ε、算一次 f，
    减 ε、再算一次 f，然后**把这个元素恢复原值**，再处理下一个。
    传入的 ``x`` 本身从不被修改。

    Parameters
    ----------
    f : callable
        ``f(x) -> float``，接收与 ``x`` 同形状的 ``float64`` 数组，返回一个实数（如代价 J）。
        ``f`` 不应修改它收到的数组。
    x : float 或 ndarray，任意形状
        求梯度的位置。
    eps : float, 默认 1e-6
        差分步长 $\varepsilon > 0$。

    Returns
    -------
    float 或 ndarray
        与 ``x`` 同形状的 ``float64`` 数组；``x`` 是标量时返回 ``float``。

    Raises
    ------
    TypeError
        ``f`` 不可调用，``x`` 不是实数数组，或 ``f`` 的返回值不是实数。
    ValueError
        ``x`` 为空或含 NaN/inf，``eps`` 不是正数，或 ``f`` 返回 NaN/inf。

    Examples
    --------
    $f(x) = \sum x_i^2$ 的梯度是 $2x$：

    >>> x = np.array([[1.0, -2.0], [0.5, 3.0]])
    >>> numerical_gradient(lambda v: float(np.sum(v ** 2)), x).round(6)
    array([[ 2., -4.],
           [ 1.,  6.]])
    >>> round(numerical_gradient(np.sin, 0.0), 8)       # sin'(0) = cos(0) = 1
    1.0
    """
    _check_callable(f, "f")
    h = check_positive_float(eps, "eps")
    theta, is_scalar = _as_float64_copy(x, "x")
    grad = np.empty_like(theta)
    flat = theta.reshape(-1)  # 连续副本的视图：改 flat[i] 就是改 theta 的第 i 个元素
    flat_grad = grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        try:
            flat[i] = old + h
            j_plus = _call_scalar(f, theta)  # J(θ + ε e_i)
            flat[i] = old - h
            j_minus = _call_scalar(f, theta)  # J(θ - ε e_i)
        finally:
            flat[i] = old  # 恢复原值，保证下一个分量从 θ 出发
        flat_grad[i] = (j_plus - j_minus) / (2 * h)
    return float(grad) if is_scalar else grad


def relative_error(a, b):
    r"""两个梯度的相对误差 $\dfrac{\lVert a - b \rVert_2}{\lVert a \rVert_2 + \lVert b \rVert_2}$。

    分母用两者范数之和，所以结果与梯度的整体大小无关：
    梯度本身是 1000 还是 0.001，相对误差都能用同一个阈值（如 $10^{-7}$）判断。
    两者都是零向量时定义为 0。

    **取值范围恰好是 [0, 1]**：由三角不等式 $\lVert a - b \rVert \le \lVert a \rVert + \lVert b \rVert$，
    等号在 $a$、$b$ 方向相反（或其中一个为零）时成立。浮点舍入可能让算出的商比 1 多一个
    最小单位（如 ``a = [1, 1, 1]``、``b = [-0.6, -0.6, -0.6]`` 得到 ``1.0000000000000002``），
    而真实值不超过 1，所以结果取 ``min(商, 1.0)``：这只会让它更接近真实值。

    Parameters
    ----------
    a, b : float 或 ndarray，形状相同
        例如解析梯度与数值梯度。

    Returns
    -------
    float
        相对误差，介于 0 和 1 之间。

    Raises
    ------
    TypeError
        输入不是实数数组。
    ValueError
        形状不同、为空或含 NaN/inf。

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> round(relative_error([1.0, 0.0], [0.0, 1.0]), 6)    # √2 / 2
    0.707107
    >>> relative_error([0.0, 0.0], [0.0, 0.0])
    0.0
    >>> relative_error([1.0, 1.0, 1.0], [-0.6, -0.6, -0.6])   # 方向相反：恰好是上界 1
    1.0
    >>> round(relative_error([1e-200, 0.0], [0.0, 1e-200]), 6)  # 很小的数也不会下溢成 0
    0.707107
    """
    a_arr = as_array(a, "a")
    b_arr = as_array(b, "b")
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"a 与 b 的形状应相同，实际 a 是 {a_arr.shape}，b 是 {b_arr.shape}")
    a64 = a_arr.astype(np.float64, copy=False)
    b64 = b_arr.astype(np.float64, copy=False)
    # 先除以最大的分量：范数里的平方不会下溢成 0（|x| < 1e-154）或上溢成 inf（|x| > 1e154），
    # 结果与整体缩放无关（相对误差本来就与缩放无关）
    largest = max(float(np.max(np.abs(a64))), float(np.max(np.abs(b64))))
    if largest == 0:
        return 0.0
    a64, b64 = a64 / largest, b64 / largest
    denominator = np.linalg.norm(a64) + np.linalg.norm(b64)
    # ‖a − b‖ ≤ ‖a‖ + ‖b‖：商的真实值不超过 1，舍入多出的那一点截掉
    return min(float(np.linalg.norm(a64 - b64) / denominator), 1.0)


def check_gradient(f, grad, x, eps=1e-6):
    r"""梯度检验：比较解析梯度 ``grad`` 与 `numerical_gradient` 的结果，返回相对误差。

    Parameters
    ----------
    f : callable
        ``f(x) -> float``，被求导的标量函数（如代价 J）。
    grad : callable 或 ndarray
        解析梯度：函数 ``grad(x) -> ndarray``（返回与 ``x`` 同形状的数组），
        或者已经算好的、与 ``x`` 同形状的数组。
    x : float 或 ndarray，任意形状
        检验的位置。
    eps : float, 默认 1e-6
        差分步长。

    Returns
    -------
    float
        `relative_error` ``(grad(x), numerical_gradient(f, x, eps))``。
        ``float64`` 下小于 $10^{-7}$ 一般说明解析梯度正确。

    Raises
    ------
    TypeError, ValueError
        同 `numerical_gradient`；另外解析梯度的形状与 ``x`` 不同时抛出 ``ValueError``。

    Examples
    --------
    检验 $f(x) = \sum x_i^3$ 的梯度公式 $3x^2$，再故意写错一个：

    >>> f = lambda v: float(np.sum(v ** 3))
    >>> x = np.array([0.5, -1.0, 2.0])
    >>> check_gradient(f, lambda v: 3 * v ** 2, x) < 1e-7
    True
    >>> round(check_gradient(f, lambda v: 2 * v ** 2, x), 3)   # 系数错了：误差约 0.2
    0.2
    """
    _check_callable(f, "f")
    check_positive_float(eps, "eps")
    theta, _ = _as_float64_copy(x, "x")
    if callable(grad):
        analytic = as_array(grad(theta.copy()), "grad(x)")
    else:
        analytic = as_array(grad, "grad")
    if analytic.shape != theta.shape:
        raise ValueError(f"解析梯度的形状应与 x 相同，即 {theta.shape}，实际是 {analytic.shape}")
    numeric = numerical_gradient(f, theta, eps)
    return relative_error(analytic, numeric)
