"""为什么要随机初始化：同一个单隐藏层网络（n_h = 4），三种初始化，各训练 5000 次。

- 全零：`dlnotes.shallow.nn_model` 的 `init="zeros"`，W^[1]、W^[2] 全为 0；
- 相同的常数：W^[1]、W^[2] 的每个元素都是 0.5（用公开的 forward_propagation /
  backward_propagation / update_parameters 手写循环训练）；
- 随机：`nn_model` 默认的小随机数（标准正态 × 0.01）。

上排是花朵数据上的决策边界和训练集准确率；下排是训练结束后的 W^[1]，
每一行是一个隐藏单元的两个权重。行与行之间是否相同，由数组直接比较得出。
"""

import numpy as np

from dlnotes.datasets import make_flower
from dlnotes.plotting import COLORS, new_figure, plot_decision_boundary
from dlnotes.shallow import (
    backward_propagation,
    forward_propagation,
    nn_model,
    predict,
    update_parameters,
)

N_H = 4
NUM_ITERATIONS = 5000
LEARNING_RATE = 1.2
CONSTANT = 0.5


def train_constant(X, Y):
    """所有权重都取同一个常数，然后照常做梯度下降。"""
    n_x, n_y = X.shape[0], Y.shape[0]
    params = {"W1": np.full((N_H, n_x), CONSTANT), "b1": np.zeros((N_H, 1)),
              "W2": np.full((n_y, N_H), CONSTANT), "b2": np.zeros((n_y, 1))}
    for _ in range(NUM_ITERATIONS):
        _, cache = forward_propagation(X, params)
        grads = backward_propagation(params, cache, X, Y)
        params = update_parameters(params, grads, LEARNING_RATE)
    return params


def build():
    X, Y = make_flower()
    runs = [
        ("全零初始化", nn_model(X, Y, N_H, NUM_ITERATIONS, LEARNING_RATE, init="zeros")[0]),
        (f"所有权重都取 {CONSTANT}", train_constant(X, Y)),
        ("随机初始化（× 0.01）", nn_model(X, Y, N_H, NUM_ITERATIONS, LEARNING_RATE, init="random")[0]),
    ]
    fig, axes = new_figure(2, 3, figsize=(10, 6.6), height_ratios=(1.5, 1))
    vmax = max(float(np.abs(p["W1"]).max()) for _, p in runs)

    for col, (name, params) in enumerate(runs):
        ax = axes[0, col]
        plot_decision_boundary(ax, lambda G, p=params: predict(p, G), X, Y, resolution=150)
        acc = float(np.mean(predict(params, X) == Y))
        ax.set_title(f"{name}\n训练集准确率 {acc:.1%}")
        ax.set_xticks([])
        ax.set_yticks([])

        W1 = params["W1"]
        ax = axes[1, col]
        ax.imshow(W1, cmap="RdBu", vmin=-vmax, vmax=vmax, aspect="auto")
        for (i, j), v in np.ndenumerate(W1):
            ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=9,
                    color="white" if abs(v) > 0.6 * vmax else "black")
        same = bool(np.all(W1 == W1[0]))
        ax.set_title(f"训练后的 $W^{{[1]}}$：{N_H} 行{'完全相同' if same else '各不相同'}",
                     color=COLORS["red"] if same else "black", fontsize=10)
        ax.set_xticks([0, 1], [r"$x_1$ 的权重", r"$x_2$ 的权重"])
        ax.set_yticks(range(N_H), [f"单元 {i + 1}" for i in range(N_H)])
        ax.grid(False)
    fig.suptitle(f"同一个网络（n_h = {N_H}），三种初始化，各训练 {NUM_ITERATIONS} 次")
    return fig
