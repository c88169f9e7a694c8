"""交叉熵：唯一的一份实现。``cost`` 是精确的定义（log 0 给出 inf），
``cost_from_logits`` 是训练循环里用的稳定写法。不检查输入。"""

import numpy as np


# --8<-- [start:logistic_loss]
def logistic_loss(y_hat, y):
    """损失 L(ŷ, y) = −y log ŷ − (1 − y) log(1 − ŷ)，逐元素。"""
    p = np.where(y == 1, y_hat, 1 - y_hat)  # 给真实标签的概率：y = 1 时是 ŷ，否则 1 − ŷ
    with np.errstate(divide="ignore"):  # p = 0（有把握地答错）：−log 0 = inf，如实返回
        return 0.0 - np.log(p)  # 写成 0 − log p：p = 1 时得 0.0 而不是 −0.0
# --8<-- [end:logistic_loss]


# --8<-- [start:cost]
def cost(A, Y):
    """代价 J = (1/m) Σ L(a⁽ⁱ⁾, y⁽ⁱ⁾)。"""
    m = Y.shape[1]
    return float(np.sum(logistic_loss(A, Y)) / m)
# --8<-- [end:cost]


def loss_from_logits(z, y):
    """由 logit z 直接算 L(σ(z), y)，逐元素，永不 log 0。"""
    # L = (1 − y) z + log(1 + e^(−z)) = max(z, 0) − z·y + log(1 + e^(−|z|))
    return (np.maximum(z, 0) - z * y) + np.log1p(np.exp(-np.abs(z)))


def cost_from_logits(Z, Y):
    """由 Z 算代价 J = (1/m) Σ L(σ(z⁽ⁱ⁾), y⁽ⁱ⁾)，结果总是有限。"""
    m = Y.shape[1]
    return float(np.sum(loss_from_logits(Z, Y)) / m)
