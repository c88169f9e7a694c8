"""逻辑回归：一个神经元的前向、反向、梯度下降与预测。不检查输入。"""

import math

import numpy as np

from dlnotes.core.activations import sigmoid
from dlnotes.core.losses import cost_from_logits


def initialize_with_zeros(dim):
    """w 取 (dim, 1) 的零向量，b 取 0。"""
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b


# --8<-- [start:propagate]
def propagate(w, b, X, Y):
    """一次前向与反向传播：返回梯度 {dw, db} 与代价 J。"""
    m = X.shape[1]
    Z = w.T @ X + b  # Z = wᵀX + b：(1, m)
    A = sigmoid(Z)  # A = σ(Z)
    J = cost_from_logits(Z, Y)  # J = (1/m) Σ L(a⁽ⁱ⁾, y⁽ⁱ⁾)，由 Z 直接算，不会 log 0
    dZ = A - Y  # dZ = A − Y
    dw = X @ dZ.T / m  # dw = (1/m) X dZᵀ：(n_x, 1)
    db = float(np.sum(dZ) / m)  # db = (1/m) Σ dz⁽ⁱ⁾
    return {"dw": dw, "db": db}, J
# --8<-- [end:propagate]


# --8<-- [start:propagate_loop]
def propagate_loop(w, b, X, Y):
    """与 propagate 相同，但用 for 循环逐个样本、逐个特征地算。"""
    n_x, m = X.shape
    x, y, w_list = X.T.tolist(), Y[0].tolist(), w[:, 0].tolist()  # x[i][j] = x_j⁽ⁱ⁾
    J, dw, db = 0.0, [0.0] * n_x, 0.0
    for i in range(m):  # 样本 i = 1 … m
        z = b
        for j in range(n_x):  # z⁽ⁱ⁾ = Σ_j w_j x_j⁽ⁱ⁾ + b
            z += w_list[j] * x[i][j]
        e = math.exp(-abs(z))  # e^(−|z|) ≤ 1，不会上溢
        a = 1 / (1 + e) if z >= 0 else e / (1 + e)  # a⁽ⁱ⁾ = σ(z⁽ⁱ⁾)
        J += max(z, 0.0) - z * y[i] + math.log1p(e)  # J += L(a⁽ⁱ⁾, y⁽ⁱ⁾)，由 z 算，不会 log 0
        dz = a - y[i]  # dz⁽ⁱ⁾ = a⁽ⁱ⁾ − y⁽ⁱ⁾
        for j in range(n_x):
            dw[j] += x[i][j] * dz  # dw_j += x_j⁽ⁱ⁾ dz⁽ⁱ⁾
        db += dz  # db += dz⁽ⁱ⁾
    dw = np.array(dw).reshape(n_x, 1) / m  # dw = (1/m) Σ x⁽ⁱ⁾ dz⁽ⁱ⁾
    return {"dw": dw, "db": db / m}, J / m
# --8<-- [end:propagate_loop]


# --8<-- [start:optimize]
def optimize(w, b, X, Y, num_iterations, learning_rate, record_every=100):
    """批量梯度下降：重复「算梯度，沿负梯度走一步」。"""
    costs = []
    for i in range(num_iterations):
        grads, J = propagate(w, b, X, Y)
        if i % record_every == 0:
            costs.append(J)  # 每 record_every 次记录一次代价
        w = w - learning_rate * grads["dw"]  # w := w − α dw
        b = b - learning_rate * grads["db"]  # b := b − α db
    return {"w": w, "b": b}, grads, costs
# --8<-- [end:optimize]


def predict(parameters, X):
    """ŷ = σ(wᵀX + b) > 0.5 时判为 1，否则为 0。"""
    A = sigmoid(parameters["w"].T @ X + parameters["b"])  # A = σ(wᵀX + b)
    return (A > 0.5).astype(X.dtype)  # 恰好 0.5（在决策边界上）判为 0
