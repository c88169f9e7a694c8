"""激活函数及其导数。

每个函数都接受实数或数组：输入标量时返回 ``float``，输入数组时返回同形状的数组。
输入里有 NaN/inf、空数组或非数值时抛出清楚的错误。

公式本身写在 ``dlnotes.core.activations``（页面上展示的就是那里的代码）；
这里的公开函数检查一次输入，再调用它，并保持输入的 dtype。
"""

from __future__ import annotations

import numpy as np

from dlnotes._checks import as_array, as_scalar
from dlnotes.core import activations as core

__all__ = [
    "sigmoid",
    "sigmoid_grad",
    "relu",
    "relu_grad",
    "tanh",
    "tanh_grad",
    "leaky_relu",
    "leaky_relu_grad",
]


def _prepare(z: object, name: str = "z") -> tuple[np.ndarray, bool]:
    """返回 (数组, 输入是否为标量)。0 维数组也算标量。"""
    # 先交给 as_array 转换：参差不齐的嵌套列表等由它给出统一措辞的 TypeError
    # （若先调用 np.ndim，numpy 会抛出自己的 ValueError）。
    arr = as_array(z, name)
    return arr, arr.ndim == 0


def _out(a: np.ndarray, is_scalar: bool) -> np.ndarray | float:
    return float(a) if is_scalar else a


def sigmoid(z):
    r"""sigmoid 函数 $\sigma(z) = \dfrac{1}{1 + e^{-z}}$。

    把任意实数压到 (0, 1) 之间，逻辑回归用它把 $z = w^T x + b$ 变成概率 $\hat{y}$。

    Parameters
    ----------
    z : float 或 ndarray，任意形状
        自变量。

    Returns
    -------
    float 或 ndarray
        与 ``z`` 同形状；标量输入返回 ``float``。

    Examples
    --------
    >>> sigmoid(0)
    0.5
    >>> sigmoid([-1000.0, 0.0, 1000.0])   # 极端值也不会溢出
    array([0. , 0.5, 1. ])
    >>> round(sigmoid(2.0), 4)
    0.8808
    """
    z, is_scalar = _prepare(z)
    return _out(core.sigmoid(z).astype(z.dtype, copy=False), is_scalar)


def sigmoid_grad(z):
    r"""sigmoid 的导数 $\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$。

    Parameters
    ----------
    z : float 或 ndarray，任意形状

    Returns
    -------
    float 或 ndarray
        与 ``z`` 同形状。在 z = 0 处取最大值 0.25，|z| 很大时趋近 0（梯度消失）。

    Examples
    --------
    >>> sigmoid_grad(0)
    0.25
    >>> sigmoid_grad([-10.0, 10.0]).round(6)
    array([4.5e-05, 4.5e-05])
    """
    z, is_scalar = _prepare(z)
    return _out(core.sigmoid_grad(z).astype(z.dtype, copy=False), is_scalar)


def relu(z):
    r"""ReLU（Rectified Linear Unit，修正线性单元）$\mathrm{ReLU}(z) = \max(0, z)$。

    Parameters
    ----------
    z : float 或 ndarray，任意形状

    Returns
    -------
    float 或 ndarray
        与 ``z`` 同形状。

    Examples
    --------
    >>> relu(-3.0), relu(2.5)
    (0.0, 2.5)
    >>> relu([[-1.0, 0.0, 1.0]])
    array([[0., 0., 1.]])
    """
    z, is_scalar = _prepare(z)
    return _out(core.relu(z).astype(z.dtype, copy=False), is_scalar)


def relu_grad(z):
    r"""ReLU 的导数：z > 0 时为 1，否则为 0（约定 z = 0 处取 0）。

    Parameters
    ----------
    z : float 或 ndarray，任意形状

    Returns
    -------
    float 或 ndarray
        与 ``z`` 同形状，元素为 0.0 或 1.0。

    Examples
    --------
    >>> relu_grad([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    z, is_scalar = _prepare(z)
    return _out(core.relu_grad(z).astype(z.dtype, copy=False), is_scalar)


def tanh(z):
    r"""双曲正切 $\tanh(z) = \dfrac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$，值域 (-1, 1)。

    Parameters
    ----------
    z : float 或 ndarray，任意形状

    Returns
    -------
    float 或 ndarray
        与 ``z`` 同形状。

    Examples
    --------
    >>> tanh(0)
    0.0
    >>> tanh([-1000.0, 1000.0])
    array([-1.,  1.])
    """
    z, is_scalar = _prepare(z)
    return _out(core.tanh(z).astype(z.dtype, copy=False), is_scalar)


def tanh_grad(z):
    r"""tanh 的导数 $1 - \tanh^2(z)$。

    Parameters
    ----------
    z : float 或 ndarray，任意形状

    Returns
    -------
    float 或 ndarray
        与 ``z`` 同形状，z = 0 处为 1。

    Examples
    --------
    >>> tanh_grad(0)
    1.0
    >>> round(tanh_grad(1.0), 4)
    0.42
    """
    z, is_scalar = _prepare(z)
    return _out(core.tanh_grad(z).astype(z.dtype, copy=False), is_scalar)


def _alpha(alpha: object) -> float:
    a = as_scalar(alpha, "alpha")
    if not 0 <= a < 1:
        raise ValueError(f"alpha 应满足 0 <= alpha < 1，实际是 {a}")
    return a


def leaky_relu(z, alpha=0.01):
    r"""Leaky ReLU：$\max(\alpha z, z)$，负半轴保留一个小斜率 $\alpha$。

    Parameters
    ----------
    z : float 或 ndarray，任意形状
    alpha : float, 默认 0.01
        负半轴的斜率，要求 0 <= alpha < 1。

    Returns
    -------
    float 或 ndarray
        与 ``z`` 同形状。

    Examples
    --------
    >>> leaky_relu(-100.0)
    -1.0
    >>> leaky_relu([-2.0, 3.0], alpha=0.1)
    array([-0.2,  3. ])
    """
    z, is_scalar = _prepare(z)
    a = _alpha(alpha)
    return _out(core.leaky_relu(z, a).astype(z.dtype, copy=False), is_scalar)


def leaky_relu_grad(z, alpha=0.01):
    r"""Leaky ReLU 的导数：z > 0 时为 1，否则为 $\alpha$。

    Parameters
    ----------
    z : float 或 ndarray，任意形状
    alpha : float, 默认 0.01

    Returns
    -------
    float 或 ndarray
        与 ``z`` 同形状。

    Examples
    --------
    >>> leaky_relu_grad([-1.0, 0.0, 1.0])
    array([0.01, 0.01, 1.  ])
    """
    z, is_scalar = _prepare(z)
    a = _alpha(alpha)
    return _out(core.leaky_relu_grad(z, a).astype(z.dtype, copy=False), is_scalar)
