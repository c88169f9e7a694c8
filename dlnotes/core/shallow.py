"""单隐藏层网络（tanh 隐藏层 + sigmoid 输出层）的每一步公式。不检查输入。"""

import numpy as np

from dlnotes.core.activations import sigmoid
from dlnotes.core.losses import cost_from_logits


# --8<-- [start:initialize_parameters]
def initialize_parameters(n_x, n_h, n_y, seed=2, scale=0.01):
    """W 取小随机数（打破对称），b 取 0。"""
    rng = np.random.default_rng(seed)
    W1 = rng.standard_normal((n_h, n_x)) * scale  # W^[1]：(n_h, n_x)
    b1 = np.zeros((n_h, 1))  # b^[1]：(n_h, 1)
    W2 = rng.standard_normal((n_y, n_h)) * scale  # W^[2]：(n_y, n_h)
    b2 = np.zeros((n_y, 1))  # b^[2]：(n_y, 1)
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
# --8<-- [end:initialize_parameters]


# --8<-- [start:forward_propagation]
def forward_propagation(X, parameters):
    """前向传播：返回 A2 和反向传播要用的 cache。"""
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    Z1 = W1 @ X + b1  # Z^[1] = W^[1] X + b^[1]：(n_h, m)
    A1 = np.tanh(Z1)  # A^[1] = tanh(Z^[1])
    Z2 = W2 @ A1 + b2  # Z^[2] = W^[2] A^[1] + b^[2]：(n_y, m)
    A2 = sigmoid(Z2)  # A^[2] = σ(Z^[2]) = Ŷ
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
# --8<-- [end:forward_propagation]


# --8<-- [start:backward_propagation]
def backward_propagation(parameters, cache, X, Y):
    """反向传播：返回 dW1, db1, dW2, db2。"""
    m = X.shape[1]
    W2 = parameters["W2"]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y  # dZ^[2] = A^[2] − Y
    dW2 = dZ2 @ A1.T / m  # dW^[2] = (1/m) dZ^[2] A^[1]ᵀ
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m  # db^[2] = (1/m) Σ_i dZ^[2](i)
    dZ1 = (W2.T @ dZ2) * (1 - A1 * A1)  # dZ^[1] = W^[2]ᵀ dZ^[2] * g'(Z^[1])，tanh' = 1 − (A^[1])²
    dW1 = dZ1 @ X.T / m  # dW^[1] = (1/m) dZ^[1] Xᵀ
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m  # db^[1] = (1/m) Σ_i dZ^[1](i)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
# --8<-- [end:backward_propagation]


# --8<-- [start:update_parameters]
def update_parameters(parameters, grads, learning_rate):
    """梯度下降一步：θ := θ − α dθ，θ = W1, b1, W2, b2。"""
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in ("W1", "b1", "W2", "b2")}
# --8<-- [end:update_parameters]


# --8<-- [start:train]
def train(X, Y, parameters, num_iterations, learning_rate, record_every=1000, print_cost=False):
    """梯度下降：重复「前向 → 代价 → 反向 → 更新」。"""
    costs = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        if i % record_every == 0:
            J = cost_from_logits(cache["Z2"], Y)  # 代价 J，由 Z^[2] 稳定地算出
            costs.append(J)
            if print_cost:
                print(f"第 {i} 次迭代的代价：{J:.6f}")
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs
# --8<-- [end:train]


# --8<-- [start:predict]
def predict(parameters, X):
    """ŷ = A^[2] > 0.5 时判为 1，否则为 0。"""
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(A2.dtype)
# --8<-- [end:predict]
