"""逻辑回归用交叉熵还是平方误差：同一份真实数据上的两个代价曲面 J(w, b)。

数据与「两个参数的代价函数」那张图相同：乳腺肿瘤数据（`dlnotes.datasets.load_breast_cancer`）
的「半径均值」标准化后作为 x，y = 1 表示恶性；模型都是 ŷ = σ(wx + b)。

- 左：交叉熵代价 J = mean(L(ŷ, y))（`dlnotes.losses.logistic_loss_from_logits`）；
- 右：平方误差代价 J = mean((ŷ − y)²)。

两个代价都是 z⁽ⁱ⁾ = w x⁽ⁱ⁾ + b 的函数之和，所以 (w, b) 上的海森矩阵是
H = mean(g''(z⁽ⁱ⁾) · [x⁽ⁱ⁾, 1]ᵀ[x⁽ⁱ⁾, 1])，g 为单个样本的损失对 z 的函数。
交叉熵 g''(z) = σ(z)(1 − σ(z)) > 0，H 处处半正定（凸）；平方误差
g''(z) = 2[σ'(z)² + (σ(z) − y) σ''(z)] 可以为负。右图斜线阴影标出网格上 H 的最小特征值 < 0 的
（非凸的）区域，是逐点算出来的。两图里从同样两个起点出发、同一学习率的梯度下降各走 NUM_ITERATIONS 步：
交叉熵的两条都走到碗底；平方误差的一条走到最低点附近，另一条困在平台上，走得很慢。
"""

import numpy as np

from dlnotes.activations import sigmoid
from dlnotes.datasets import load_breast_cancer, standardize
from dlnotes.logistic import gradient_descent_path
from dlnotes.losses import logistic_loss_from_logits
from dlnotes.plotting import COLORS, new_figure

FEATURE = "mean radius"
ALPHA = 1.0
NUM_ITERATIONS = 300
STARTS = ((-4.0, 4.0), (-5.0, -7.0))
W_RANGE, B_RANGE = (-6.0, 10.0), (-8.0, 6.0)


def data():
    X, Y, names = load_breast_cancer()
    return standardize(X[[names.index(FEATURE)]]).X_train[0], Y[0]


def costs_and_curvature(w, b, x, y):
    """网格上的交叉熵代价、平方误差代价，以及平方误差的海森矩阵最小特征值。"""
    Z = w[..., np.newaxis] * x + b[..., np.newaxis]  # (nw, nb, m)
    A = sigmoid(Z)
    J_ce = logistic_loss_from_logits(Z, np.broadcast_to(y, Z.shape)).mean(axis=-1)
    J_se = ((A - y) ** 2).mean(axis=-1)
    s1 = A * (1 - A)  # σ'
    s2 = s1 * (1 - 2 * A)  # σ''
    g2 = 2 * (s1**2 + (A - y) * s2)  # 平方误差对 z 的二阶导
    h_ww, h_wb, h_bb = (g2 * x * x).mean(-1), (g2 * x).mean(-1), g2.mean(-1)
    # 2×2 对称矩阵 [[h_ww, h_wb], [h_wb, h_bb]] 的最小特征值
    lam_min = (h_ww + h_bb) / 2 - np.sqrt(((h_ww - h_bb) / 2) ** 2 + h_wb**2)
    return J_ce, J_se, lam_min


def squared_error_path(w, b, x, y, num_iterations=NUM_ITERATIONS, learning_rate=ALPHA):
    """平方误差代价上的梯度下降：dJ/dz⁽ⁱ⁾ = 2(a − y)a(1 − a)/m。"""
    path = [(w, b)]
    for _ in range(num_iterations):
        a = sigmoid(w * x + b)
        dz = 2 * (a - y) * a * (1 - a) / x.size
        w, b = w - learning_rate * float(dz @ x), b - learning_rate * float(dz.sum())
        path.append((w, b))
    return np.array(path)


def build():
    x, y = data()
    ws, bs = np.linspace(*W_RANGE, 161), np.linspace(*B_RANGE, 141)
    Wg, Bg = np.meshgrid(ws, bs)
    J_ce, J_se, lam_min = costs_and_curvature(Wg, Bg, x, y)
    nonconvex = lam_min < 0
    def se_cost(w, b):
        return float(costs_and_curvature(np.array([w]), np.array([b]), x, y)[1][0])

    ce_paths, se_paths = [], []
    for w0, b0 in STARTS:
        ce = gradient_descent_path(np.array([[w0]]), b0, x[np.newaxis], y[np.newaxis], NUM_ITERATIONS, ALPHA)
        ce_paths.append((np.column_stack([ce["w"][:, 0], ce["b"]]), float(ce["cost"][-1])))
        se = squared_error_path(w0, b0, x, y)
        se_paths.append((se, se_cost(*se[-1])))

    fig, (ax_ce, ax_se) = new_figure(1, 2, figsize=(10, 4.6), sharey=True)
    panels = ((ax_ce, J_ce, ce_paths, "交叉熵代价：凸，只有一个碗底"),
              (ax_se, J_se, se_paths, "平方误差代价：有平台，非凸"))
    colors = (COLORS["orange"], COLORS["purple"])
    for ax, J, paths, title in panels:
        cs = ax.contourf(Wg, Bg, J, levels=14, cmap="viridis")
        ax.contour(Wg, Bg, J, levels=14, colors="white", linewidths=0.4, alpha=0.6)
        fig.colorbar(cs, ax=ax, format="%.2f", shrink=0.9)
        for (path, J_end), (w0, b0), color in zip(paths, STARTS, colors):
            ax.plot(path[:, 0], path[:, 1], "-", color=color, lw=2)
            ax.plot(path[::20, 0], path[::20, 1], "o", color=color, ms=3)
            ax.plot(w0, b0, "s", color=color, ms=7, mec="black", mew=0.6)
            ax.plot(*path[-1], "*", color=color, ms=14, mec="black", mew=0.6,
                    label=f"从 ({w0:g}, {b0:g}) 出发，{NUM_ITERATIONS} 步后 J = {J_end:.3f}".replace("-", "−"))
        ax.set_title(title)
        ax.set_xlabel("w")
        ax.set_xlim(*W_RANGE)
        ax.set_ylim(*B_RANGE)
        ax.grid(False)
    ax_ce.set_ylabel("b")
    ax_se.contourf(Wg, Bg, nonconvex.astype(float), levels=[0.5, 1.5], colors="none", hatches=["//"])
    ax_se.contour(Wg, Bg, nonconvex.astype(float), levels=[0.5], colors="white", linewidths=1.2)
    ax_se.fill([], [], fc="none", ec="black", hatch="//",
               label=f"非凸区域（海森矩阵有负特征值，占网格 {nonconvex.mean():.0%}）")
    for ax in (ax_ce, ax_se):
        ax.legend(loc="upper right", fontsize=8, frameon=True, framealpha=0.9)
    if not nonconvex.any():
        raise ValueError("loss_convexity.py：平方误差代价在网格上应当有非凸区域，实际没有")
    fig.suptitle("同一份数据（乳腺肿瘤半径均值）、同一模型 " + r"$\hat{y} = \sigma(wx + b)$"
                 + f"、同样两个起点，学习率 α = {ALPHA:g}",
                 fontsize=10.5)
    return fig
