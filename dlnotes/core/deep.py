"""L 层网络的每一步公式：隐藏层激活可选，输出层 sigmoid。不检查输入。

缓存与课程相同：``linear_cache = (A_prev, W, b)``，``cache = (linear_cache, Z)``。
"""

import numpy as np

from dlnotes.core.activations import leaky_relu, relu, sigmoid, sigmoid_grad, tanh_grad
from dlnotes.core.losses import cost_from_logits


# --8<-- [start:initialize_parameters_deep]
def initialize_parameters_deep(layer_dims, seed=3, init="he"):
    """W^[l] 取缩放后的标准正态随机数，b^[l] 取 0。"""
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):  # l = 1 … L
        n_prev, n_l = layer_dims[l - 1], layer_dims[l]
        # He：Var(w) = 2/n_{l-1}（配 ReLU）；Xavier：1/n_{l-1}（配 tanh、sigmoid）
        scale = {"he": np.sqrt(2 / n_prev), "xavier": np.sqrt(1 / n_prev),
                 "random": 0.01, "zeros": 0.0}[init]
        parameters[f"W{l}"] = rng.standard_normal((n_l, n_prev)) * scale  # W^[l]：(n_l, n_{l-1})
        parameters[f"b{l}"] = np.zeros((n_l, 1))  # b^[l]：(n_l, 1)
    return parameters
# --8<-- [end:initialize_parameters_deep]


# --8<-- [start:activation_backward]
def relu_backward(dA, Z):
    return dA * (Z > 0)  # dZ = dA * g'(Z)，g'(z) = 1（z > 0），否则 0


def sigmoid_backward(dA, Z):
    return dA * sigmoid_grad(Z)  # dZ = dA * σ'(Z)


def tanh_backward(dA, Z):
    return dA * tanh_grad(Z)  # dZ = dA * (1 − tanh²(Z))


def leaky_relu_backward(dA, Z):
    return np.where(Z > 0, dA, 0.01 * dA)  # dZ = dA * g'(Z)，g'(z) = 1（z > 0），否则 0.01


FORWARD = {"relu": relu, "sigmoid": sigmoid, "tanh": np.tanh, "leaky_relu": leaky_relu}
BACKWARD = {"relu": relu_backward, "sigmoid": sigmoid_backward,
            "tanh": tanh_backward, "leaky_relu": leaky_relu_backward}
# --8<-- [end:activation_backward]


# --8<-- [start:linear_forward]
def linear_forward(A, W, b):
    """一层的线性部分：Z^[l] = W^[l] A^[l-1] + b^[l]。"""
    Z = W @ A + b
    return Z, (A, W, b)  # linear_cache = (A^[l-1], W^[l], b^[l])
# --8<-- [end:linear_forward]


# --8<-- [start:linear_activation_forward]
def linear_activation_forward(A_prev, W, b, activation):
    """一层：Z^[l] = W^[l] A^[l-1] + b^[l]，A^[l] = g(Z^[l])。"""
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = FORWARD[activation](Z)
    return A, (linear_cache, Z)
# --8<-- [end:linear_activation_forward]


# --8<-- [start:L_model_forward]
def L_model_forward(X, parameters, hidden_activation="relu"):
    """整个网络的前向传播：[LINEAR → g] × (L−1) → LINEAR → SIGMOID。"""
    L = len(parameters) // 2
    caches = []
    A = X  # A^[0] = X
    for l in range(1, L):  # 隐藏层 l = 1 … L−1
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        A, cache = linear_activation_forward(A, W, b, hidden_activation)
        caches.append(cache)
    W, b = parameters[f"W{L}"], parameters[f"b{L}"]
    AL, cache = linear_activation_forward(A, W, b, "sigmoid")  # 输出层：Ŷ = A^[L] = σ(Z^[L])
    caches.append(cache)  # caches[l − 1] 属于第 l 层
    return AL, caches
# --8<-- [end:L_model_forward]


# --8<-- [start:linear_backward]
def linear_backward(dZ, linear_cache):
    """由 dZ^[l] 求 dW^[l]、db^[l]、dA^[l-1]。"""
    A_prev, W, _ = linear_cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m  # dW^[l] = (1/m) dZ^[l] A^[l-1]ᵀ
    db = np.sum(dZ, axis=1, keepdims=True) / m  # db^[l] = (1/m) Σ_i dZ^[l](i)
    dA_prev = W.T @ dZ  # dA^[l-1] = W^[l]ᵀ dZ^[l]
    return dA_prev, dW, db
# --8<-- [end:linear_backward]


# --8<-- [start:linear_activation_backward]
def linear_activation_backward(dA, cache, activation):
    """一层的反向：dZ^[l] = dA^[l] * g'(Z^[l])，再求 dW、db、dA_prev。"""
    linear_cache, Z = cache
    dZ = BACKWARD[activation](dA, Z)
    return linear_backward(dZ, linear_cache)
# --8<-- [end:linear_activation_backward]


# --8<-- [start:L_model_backward]
def L_model_backward(AL, Y, caches, hidden_activation="relu"):
    """从输出层反向算到第 1 层，返回 dA、dW、db。"""
    grads = {}
    L = len(caches)
    dZL = AL - Y  # dZ^[L] = A^[L] − Y：sigmoid + 交叉熵化简的结果，饱和时也精确
    dA_prev, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, caches[L - 1][0])
    grads[f"dA{L - 1}"] = dA_prev
    for l in range(L - 1, 0, -1):  # 隐藏层 l = L−1 … 1
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = linear_activation_backward(
            dA_prev, caches[l - 1], hidden_activation)
        grads[f"dA{l - 1}"] = dA_prev
    return grads
# --8<-- [end:L_model_backward]


# --8<-- [start:update_parameters]
def update_parameters(parameters, grads, learning_rate):
    """每一层 W^[l] := W^[l] − α dW^[l]，b^[l] := b^[l] − α db^[l]。"""
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in parameters}
# --8<-- [end:update_parameters]


# --8<-- [start:train]
def train(X, Y, parameters, num_iterations, learning_rate, hidden_activation="relu",
          record_every=100, print_cost=False):
    """梯度下降：重复「前向 → 代价 → 反向 → 更新」。"""
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters, hidden_activation)
        if i % record_every == 0:
            J = cost_from_logits(caches[-1][1], Y)  # 代价 J，由 Z^[L] 稳定地算出
            costs.append(J)
            if print_cost:
                print(f"第 {i} 次迭代的代价：{J:.6f}")
        grads = L_model_backward(AL, Y, caches, hidden_activation)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs
# --8<-- [end:train]


# --8<-- [start:predict]
def predict(parameters, X, hidden_activation="relu"):
    """ŷ = A^[L] > 0.5 时判为 1，否则为 0。"""
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    return (AL > 0.5).astype(AL.dtype)
# --8<-- [end:predict]


# --8<-- [start:parameter_shapes]
def parameter_shapes(layer_dims, m):
    """每一层 W^[l]、b^[l]、Z^[l]、A^[l] 的形状；dW、db、dZ、dA 与它们相同。"""
    return [{"l": l, "n": layer_dims[l],
             "W": (layer_dims[l], layer_dims[l - 1]),  # W^[l]：(n_l, n_{l-1})
             "b": (layer_dims[l], 1),  # b^[l]：(n_l, 1)
             "Z": (layer_dims[l], m),  # Z^[l]：(n_l, m)
             "A": (layer_dims[l], m)}  # A^[l]：(n_l, m)
            for l in range(1, len(layer_dims))]
# --8<-- [end:parameter_shapes]
