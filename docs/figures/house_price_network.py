"""四个特征预测房价的神经网络：面积、卧室数量、邮编、富裕程度 → 3 个隐藏单元 → 价格。

数据是带种子的合成数据（`make_houses`）：价格由「能住几口人」（面积、卧室数量）、
「步行是否方便」（邮编：这里按离市中心由近到远编号）和「学校好不好」（邮编、富裕程度）决定，再加噪声。
网络 4 → 3 → 1：隐藏层用 ReLU（`dlnotes.activations.relu`），输出层不加激活（价格是实数），
最小化均方误差，用批量梯度下降真正训练（这个回归网络不在 `dlnotes` 里，循环写在本脚本中）。

左：网络结构，输入层与隐藏层全连接；连线的粗细是训练得到的 |W^[1]| 的大小，颜色是正负；
每个隐藏单元下方写出与它相连的权重里绝对值最大的两个特征（由训练结果算出，不是手写的）。
右：留出的测试集上，网络的预测价格与真实价格。
"""

import numpy as np
from matplotlib.patches import Circle

from dlnotes.activations import relu, relu_grad
from dlnotes.datasets import standardize, train_test_split
from dlnotes.plotting import COLORS, new_figure

FEATURES = ["面积", "卧室数量", "邮编", "富裕程度"]
N_HIDDEN = 3
LEARNING_RATE = 0.05
NUM_ITERATIONS = 3000
SEED = 1


def make_houses(m=500, seed=SEED):
    """X (4, m)：面积（平方米）、卧室数量、邮编（0～9，越大离市中心越远）、富裕程度（0～1）；y (1, m)：价格（万元）。"""
    rng = np.random.default_rng(seed)
    size = rng.uniform(30.0, 150.0, m)
    bedrooms = np.clip(np.round(size / 35.0 + rng.normal(0.0, 0.7, m)), 1, 5)
    zipcode = rng.integers(0, 10, m).astype(float)
    walk = np.clip(1.0 - zipcode / 9.0 + rng.normal(0.0, 0.03, m), 0.0, 1.0)  # 步行便利程度
    wealth = np.clip(rng.normal(0.5, 0.2, m), 0.0, 1.0)
    family = size / 100.0 + 0.3 * bedrooms  # 能住几口人
    school = 0.5 * wealth + 0.5 * walk  # 学校质量
    price = 120.0 * family + 150.0 * walk + 250.0 * school + rng.normal(0.0, 15.0, m)
    return np.stack([size, bedrooms, zipcode, wealth]), price[np.newaxis, :]


def train(X, y, seed=SEED):
    """4 → 3 → 1 网络，隐藏层 ReLU、输出层线性，梯度下降最小化 J = mean((ŷ − y)²)。返回参数与代价曲线。"""
    rng = np.random.default_rng(seed)
    n_x, m = X.shape
    W1 = rng.standard_normal((N_HIDDEN, n_x)) * np.sqrt(2.0 / n_x)  # He 初始化
    b1 = np.full((N_HIDDEN, 1), 0.1)
    W2 = rng.standard_normal((1, N_HIDDEN)) * np.sqrt(2.0 / N_HIDDEN)
    b2 = np.zeros((1, 1))
    costs = []
    for _ in range(NUM_ITERATIONS):
        Z1 = W1 @ X + b1
        A1 = relu(Z1)
        Y_hat = W2 @ A1 + b2
        costs.append(float(np.mean((Y_hat - y) ** 2)))
        dY = 2.0 * (Y_hat - y) / m  # ∂J/∂ŷ
        dW2, db2 = dY @ A1.T, dY.sum(axis=1, keepdims=True)
        dZ1 = (W2.T @ dY) * relu_grad(Z1)
        dW1, db1 = dZ1 @ X.T, dZ1.sum(axis=1, keepdims=True)
        W1, b1 = W1 - LEARNING_RATE * dW1, b1 - LEARNING_RATE * db1
        W2, b2 = W2 - LEARNING_RATE * dW2, b2 - LEARNING_RATE * db2
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, costs


def predict(p, X):
    return p["W2"] @ relu(p["W1"] @ X + p["b1"]) + p["b2"]


def fit():
    """划分训练/测试集、标准化、训练；返回参数、测试集上的 (真实价格, 预测价格) 与价格的缩放。"""
    X, y = make_houses()
    X_tr, y_tr, X_te, y_te = train_test_split(X, y, test_size=0.2, seed=SEED)
    Xs_tr, Xs_te, _, _ = standardize(X_tr, X_te)
    mu, sd = float(y_tr.mean()), float(y_tr.std())
    params, costs = train(Xs_tr, (y_tr - mu) / sd)
    return params, costs, y_te[0], predict(params, Xs_te)[0] * sd + mu


def _draw_network(ax, p):
    ax.set_axis_off()
    ax.set_aspect("equal")
    R = 0.32
    xin, xh, xout = 0.0, 3.6, 6.6
    yin = [1.5 - i for i in range(4)]
    yh = [1.4 * (1 - k) for k in range(N_HIDDEN)]
    W1 = p["W1"]
    wmax = float(np.abs(W1).max())
    for k, y1 in enumerate(yh):
        for i, y0 in enumerate(yin):
            w = W1[k, i]
            ax.plot([xin + R, xh - R], [y0, y1], color=COLORS["red"] if w > 0 else COLORS["blue"],
                    lw=0.4 + 3.6 * abs(w) / wmax, alpha=0.75, zorder=1, solid_capstyle="round")
        ax.plot([xh + R, xout - R], [y1, 0.0], color=COLORS["gray"], lw=1.2, zorder=1)
    for i, y0 in enumerate(yin):
        ax.add_patch(Circle((xin, y0), R, fc="#eef5fb", ec=COLORS["blue"], lw=1.8, zorder=2))
        ax.text(xin, y0, f"$x_{i + 1}$", ha="center", va="center", fontsize=10, zorder=3)
        ax.text(xin - R - 0.12, y0, FEATURES[i], ha="right", va="center", fontsize=10.5)
    for k, y1 in enumerate(yh):
        ax.add_patch(Circle((xh, y1), R, fc="#fdf3e1", ec=COLORS["orange"], lw=1.8, zorder=2))
        ax.text(xh, y1, f"$a_{k + 1}$", ha="center", va="center", fontsize=10, zorder=3)
        top2 = np.argsort(-np.abs(W1[k]))[:2]
        ax.text(xh, y1 - R - 0.05, "主要看：" + "、".join(FEATURES[j] for j in sorted(top2)), ha="center",
                va="top", fontsize=8, color=COLORS["gray"], zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
    ax.add_patch(Circle((xout, 0.0), R, fc="#e6f5ef", ec=COLORS["green"], lw=1.8, zorder=2))
    ax.text(xout, 0.0, r"$\hat{y}$", ha="center", va="center", fontsize=11, zorder=3)
    ax.text(xout, -R - 0.1, "价格", ha="center", va="top", fontsize=10.5)
    for x, name in ((xin, "输入层：4 个特征"), (xh, "隐藏层：3 个 ReLU 单元"), (xout, "输出层")):
        ax.text(x, 2.15, name, ha="center", va="bottom", fontsize=9.5)
    ax.plot([], [], color=COLORS["red"], lw=2.5, label="正权重")
    ax.plot([], [], color=COLORS["blue"], lw=2.5, label="负权重")
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, -0.04), ncol=2, fontsize=8.5,
              title=r"连线越粗，训练得到的 $|W^{[1]}|$ 越大", title_fontsize=8.5)
    ax.set_xlim(-1.9, 7.2)
    ax.set_ylim(-2.6, 2.6)
    ax.set_title("四个特征 → 隐藏单元 → 价格（全连接）")


def build():
    params, costs, y_true, y_pred = fit()
    rmse = float(np.sqrt(np.mean((y_pred - y_true) ** 2)))
    fig, (ax_net, ax_fit) = new_figure(1, 2, figsize=(10, 4.3), width_ratios=[1.5, 1])
    _draw_network(ax_net, params)

    lo, hi = float(min(y_true.min(), y_pred.min())), float(max(y_true.max(), y_pred.max()))
    ax_fit.plot([lo, hi], [lo, hi], color=COLORS["gray"], lw=1, ls="--", label="预测 = 真实")
    ax_fit.scatter(y_true, y_pred, s=14, color=COLORS["green"], edgecolors="white", linewidths=0.4,
                   label=f"测试集 {y_true.size} 套房子", zorder=3)
    ax_fit.set_xlabel("真实价格（万元）")
    ax_fit.set_ylabel("网络预测的价格（万元）")
    ax_fit.set_title(f"训练 {len(costs)} 步后，测试集均方根误差 {rmse:.1f} 万元", fontsize=10)
    ax_fit.legend(loc="upper left", fontsize=9)
    ax_fit.set_aspect("equal")
    return fig
