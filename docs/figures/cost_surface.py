"""两个参数 (w, b) 的代价曲面 J(w, b)：逻辑回归的代价是凸的，只有一个最低点。

数据：乳腺肿瘤数据（`dlnotes.datasets.load_breast_cancer`）里的一个特征"半径均值"，
标准化后作为 x，标签 y = 1 表示恶性。参数只有 w 和 b，所以 J(w, b) 可以画成曲面（左）
和等高线（右）。右图是从 4 个不同起点出发、用同一学习率跑的真实梯度下降
（`dlnotes.logistic.gradient_descent_path`），它们最后都走到同一个最低点（星号）。
"""

import numpy as np

from dlnotes.datasets import load_breast_cancer, standardize
from dlnotes.logistic import gradient_descent_path, optimize
from dlnotes.losses import logistic_loss_from_logits
from dlnotes.plotting import COLORS, new_figure

FEATURE = "mean radius"
ALPHA = 2.0
NUM_ITERATIONS = 300
STARTS = [(-2.0, -4.0), (-2.0, 4.0), (8.5, 4.0), (8.5, -5.0)]
W_RANGE, B_RANGE = (-3.0, 9.5), (-6.0, 5.0)


def data():
    """x：标准化后的半径均值 (1, m)；Y：1 = 恶性 (1, m)。"""
    X, Y, names = load_breast_cancer()
    x = standardize(X[[names.index(FEATURE)]]).X_train
    return x, Y


def cost_grid(w, b, x, Y):
    """网格上每个 (w, b) 的 J，向量化：Z[i, j, :] = w[i, j]·x + b[i, j]。"""
    Z = w[..., np.newaxis] * x[0] + b[..., np.newaxis]  # (nw, nb, m)
    return logistic_loss_from_logits(Z, np.broadcast_to(Y[0], Z.shape)).mean(axis=-1)


def build():
    x, Y = data()
    ws = np.linspace(*W_RANGE, 90)
    bs = np.linspace(*B_RANGE, 80)
    Wg, Bg = np.meshgrid(ws, bs)
    J = cost_grid(Wg, Bg, x, Y)
    # 最低点：从 0 出发跑足够多步
    best, _, _ = optimize(np.zeros((1, 1)), 0.0, x, Y, num_iterations=3000, learning_rate=ALPHA,
                          record_every=3000)
    w_star, b_star = float(best["w"][0, 0]), float(best["b"])
    J_star = float(cost_grid(np.array([w_star]), np.array([b_star]), x, Y)[0])

    fig, axes = new_figure(1, 2, figsize=(10, 4.3))
    axes[0].remove()
    ax3 = fig.add_subplot(1, 2, 1, projection="3d", computed_zorder=False)  # 让最低点画在曲面上方
    ax_c = axes[1]

    # 左：曲面
    ax3.plot_surface(Wg, Bg, J, cmap="viridis", rstride=2, cstride=2, linewidth=0, antialiased=False, zorder=1,
                     alpha=0.9)
    ax3.scatter([w_star], [b_star], [J_star], marker="*", s=160, color=COLORS["red"], edgecolors="white",
                linewidths=0.6, depthshade=False, zorder=10)
    ax3.view_init(elev=30, azim=-60)
    ax3.set_xlabel("w")
    ax3.set_ylabel("b")
    ax3.set_zlabel("J(w, b)")
    ax3.set_title("代价曲面 J(w, b)：像一只碗")

    # 右：等高线 + 梯度下降轨迹
    # J ≥ J*，所以从 J* 开始的等高线能填满整个网格；碗底附近画得密一些
    levels = J_star + np.concatenate([[0.0], np.geomspace(0.005, float(J.max() - J_star), 14)])
    cs = ax_c.contourf(Wg, Bg, J, levels=levels, cmap="viridis", alpha=0.85)
    ax_c.contour(Wg, Bg, J, levels=levels, colors="white", linewidths=0.4, alpha=0.6)
    fig.colorbar(cs, ax=ax_c, label="J(w, b)", format="%.2f", shrink=0.9)
    colors = [COLORS["orange"], COLORS["sky"], COLORS["yellow"], COLORS["purple"]]
    ends = []
    for (w0, b0), color in zip(STARTS, colors):
        path = gradient_descent_path(np.array([[w0]]), b0, x, Y, NUM_ITERATIONS, ALPHA)
        w, b = path["w"][:, 0], path["b"]
        ends.append((w[-1], b[-1]))
        ax_c.plot(w, b, "-", color=color, lw=1.6)
        ax_c.plot(w[::10], b[::10], "o", color=color, ms=3)
        ax_c.plot([w0], [b0], "s", color=color, ms=7, mec="black", mew=0.6)
    spread = max(np.hypot(we - w_star, be - b_star) for we, be in ends)
    ax_c.plot([w_star], [b_star], "*", ms=16, color=COLORS["red"], mec="white", mew=0.8,
              label=f"最低点 (w, b) = ({w_star:.2f}, {b_star:.2f})".replace("-", "−"))
    ax_c.plot([], [], "s", color="white", mec="black", mew=0.6, label="4 个起点")
    ax_c.set_xlim(*W_RANGE)
    ax_c.set_ylim(*B_RANGE)
    ax_c.set_xlabel("w")
    ax_c.set_ylabel("b")
    ax_c.grid(False)
    ax_c.legend(loc="lower left", fontsize=9, frameon=True, framealpha=0.9)
    ax_c.set_title(f"等高线与梯度下降：4 个起点都走到同一个最低点\n"
                   f"（α = {ALPHA:g}，{NUM_ITERATIONS} 步，终点离最低点最远 {spread:.3f}，点为每 10 步）",
                   fontsize=10)
    return fig
