"""只有一个参数时的代价函数 J(w)，以及梯度下降在曲线上走的每一步。

数据：两团一维高斯点（`dlnotes.datasets.make_blobs` 投影到两团中心的连线上），
再把每个样本 (x, y) 镜像成 (−x, 1 − y) 加进去。镜像后的数据关于原点对称，
最优的 b 恰好是 0，而且只要 b 从 0 出发，梯度 db 就一直是 0——于是
`dlnotes.logistic.gradient_descent_path` 虽然同时更新 w 和 b，b 始终停在 0，
参数实际上只有 w 一个，J(w) = J(w, 0) 就是一条曲线。

两条轨迹用同一个学习率 α，从最低点的两侧出发：左边曲线陡，导数（斜率）大，第一步就跨过去一大段；
右边曲线平缓，导数小，步子也小。无论从哪边出发，w := w − α dJ/dw 都朝最低点走。
"""

import numpy as np
from matplotlib.patches import Rectangle

from dlnotes.datasets import make_blobs
from dlnotes.logistic import gradient_descent_path
from dlnotes.losses import logistic_loss_from_logits
from dlnotes.plotting import COLORS, new_figure

ALPHA = 3.0
NUM_ITERATIONS = 20
STARTS = (-2.5, 5.0)


def symmetric_data():
    """一维数据 X (1, 2m)、Y (1, 2m)：make_blobs 投影到对角线方向，再加上镜像样本。"""
    X2, Y2 = make_blobs(100, seed=0, distance=2.0)
    x = (X2[0] + X2[1]) / np.sqrt(2.0)  # 投影到两团中心的连线 (1, 1)/√2 上
    X = np.concatenate([x, -x])[np.newaxis, :]
    Y = np.concatenate([Y2[0], 1.0 - Y2[0]])[np.newaxis, :]
    return X, Y


def cost_curve(w_grid, X, Y):
    """对网格上每个 w 计算 J(w, b=0)，向量化：Z 的第 k 行是 w_k · x。"""
    Z = w_grid[:, np.newaxis] * X  # (k, m)
    return logistic_loss_from_logits(Z, np.broadcast_to(Y, Z.shape)).mean(axis=1)


def _num(x):
    """数字里的负号用 U+2212（与坐标轴刻度一致）。"""
    return f"{x:g}".replace("-", "−")


def _steps(ax, w, cost, color, min_len, box=None):
    """在 (w, J) 平面上用箭头连起相邻两步（太短的步子、起止点不都在 box 内的步子只画点）。"""
    def inside(t):
        return box is None or (box[0] <= w[t] <= box[1] and box[2] <= cost[t] <= box[3])

    for t in range(len(w) - 1):
        if abs(w[t + 1] - w[t]) > min_len and inside(t) and inside(t + 1):
            ax.annotate("", xy=(w[t + 1], cost[t + 1]), xytext=(w[t], cost[t]),
                        arrowprops={"arrowstyle": "-|>", "color": color, "lw": 1.0, "mutation_scale": 9,
                                    "shrinkA": 3, "shrinkB": 3})


def build():
    X, Y = symmetric_data()
    w_grid = np.linspace(-3.0, 5.5, 400)
    J = cost_curve(w_grid, X, Y)
    # 最低点：从 0 出发多跑几步梯度下降（曲线是凸的，只有一个最低点）
    w_star = float(gradient_descent_path(np.zeros((1, 1)), 0.0, X, Y, 300, ALPHA)["w"][-1, 0])
    J_star = float(cost_curve(np.array([w_star]), X, Y)[0])

    paths = [gradient_descent_path(np.array([[w0]]), 0.0, X, Y, NUM_ITERATIONS, ALPHA) for w0 in STARTS]
    max_b = max(float(np.abs(p["b"]).max()) for p in paths)
    if max_b > 1e-12:
        raise ValueError(f"b 应始终为 0（数据对称），实际偏离到 {max_b}")

    fig, (ax, ax_zoom) = new_figure(1, 2, figsize=(9.5, 4.0), width_ratios=[1.25, 1])
    colors = (COLORS["blue"], COLORS["red"])
    zoom_w = (1.0, 5.3)
    zoom_J = (J_star - 0.01, float(cost_curve(np.array([zoom_w[1]]), X, Y)[0]) + 0.01)
    for a, min_len, box in ((ax, 0.25, None), (ax_zoom, 0.05, (*zoom_w, *zoom_J))):
        a.plot(w_grid, J, color=COLORS["gray"], lw=2, label="代价 J(w)（b = 0）")
        a.plot([w_star], [J_star], marker="*", ms=14, color=COLORS["green"], ls="none",
               label=f"最低点 w* = {w_star:.2f}", zorder=5)
        for w0, path, color in zip(STARTS, paths, colors):
            w, cost = path["w"][:, 0], path["cost"]
            a.plot(w, cost, "o", ms=4.5, color=color, zorder=4,
                   label=f"从 w = {_num(w0)} 出发，{NUM_ITERATIONS} 步后 w = {w[-1]:.2f}")
            _steps(a, w, cost, color, min_len, box)
        a.set_xlabel("参数 w")
        a.set_ylabel("代价 J(w)")
    ax.add_patch(Rectangle(
        (zoom_w[0], zoom_J[0]), zoom_w[1] - zoom_w[0], zoom_J[1] - zoom_J[0],
        fill=False, ec="black", lw=0.8, ls="--"))
    ax.set_ylim(0.0, float(J.max()) * 1.05)
    ax.set_title(f"梯度下降：w := w − α·dJ/dw（α = {ALPHA:g}，每个点是一步）")
    ax.legend(loc="upper right", fontsize=9)
    ax_zoom.set_xlim(*zoom_w)
    ax_zoom.set_ylim(*zoom_J)
    ax_zoom.set_title("最低点附近放大（左图虚线框）")
    return fig
