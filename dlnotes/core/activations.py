"""激活函数 g(z) 及其导数 g'(z)：逐元素计算，不检查输入。"""

import numpy as np


# --8<-- [start:sigmoid]
def sigmoid(z):
    """sigmoid 函数 σ(z) = 1 / (1 + e^(−z))。"""
    with np.errstate(over="ignore"):  # z < −709 时 e^(−z) 上溢成 inf，1 / (1 + inf) = 0，正确
        return 1 / (1 + np.exp(-z))
# --8<-- [end:sigmoid]


# --8<-- [start:sigmoid_grad]
def sigmoid_grad(z):
    """sigmoid 的导数 σ'(z) = σ(z)(1 − σ(z))。"""
    e = np.exp(-np.abs(z))  # e = e^(−|z|) ∈ (0, 1]，不会上溢
    # σ(z)(1 − σ(z)) = e / (1 + e)²：不算 1 − σ(z)，z 很大时也不会相消成 0
    return e / ((1 + e) * (1 + e))
# --8<-- [end:sigmoid_grad]


# --8<-- [start:relu]
def relu(z):
    """ReLU：max(0, z)，负数变成 0。"""
    return np.maximum(z, 0.0)
# --8<-- [end:relu]


# --8<-- [start:relu_grad]
def relu_grad(z):
    """ReLU 的导数：z > 0 时为 1，否则为 0。"""
    return np.where(z > 0, 1.0, 0.0)  # 约定 z = 0 处取 0
# --8<-- [end:relu_grad]


# --8<-- [start:tanh]
def tanh(z):
    """双曲正切 tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z))。"""
    return np.tanh(z)
# --8<-- [end:tanh]


# --8<-- [start:tanh_grad]
def tanh_grad(z):
    """tanh 的导数 1 − tanh²(z)。"""
    t = np.tanh(z)
    return 1 - t * t
# --8<-- [end:tanh_grad]


# --8<-- [start:leaky_relu]
def leaky_relu(z, alpha=0.01):
    """Leaky ReLU(z) = max(αz, z)，负半轴斜率 α。"""
    return np.where(z > 0, z, alpha * z)
# --8<-- [end:leaky_relu]


# --8<-- [start:leaky_relu_grad]
def leaky_relu_grad(z, alpha=0.01):
    """Leaky ReLU 的导数：z > 0 时为 1，否则为 α。"""
    return np.where(z > 0, 1.0, alpha)
# --8<-- [end:leaky_relu_grad]
