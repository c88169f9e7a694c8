"""最简单的神经网络：一个 ReLU 神经元，根据面积预测房价。

左：网络结构——输入面积 x，经过一个神经元算出 max(0, w·x + b)，输出价格 y。
右：带种子的合成数据（`dlnotes.datasets.make_house_prices`），以及用梯度下降
（最小化均方误差）真正训练出来的 ReLU 拟合曲线；图例里给出训练得到的 w、b 和误差。

这个一元回归不在 `dlnotes` 里，所以训练循环写在本脚本中（只用
`dlnotes.activations.relu` 和 `dlnotes.activations.relu_grad`）。
"""

import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch

from dlnotes.activations import relu, relu_grad
from dlnotes.datasets import HOUSE_PRICE_KNEE, HOUSE_PRICE_SLOPE, make_house_prices
from dlnotes.plotting import COLORS, new_figure

LEARNING_RATE = 0.1
NUM_ITERATIONS = 300


def fit_relu_neuron(x, y, learning_rate=LEARNING_RATE, num_iterations=NUM_ITERATIONS):
    """在标准化后的面积、价格上做梯度下降，最小化均方误差 J = mean((ŷ − y)²)，ŷ = relu(w·x + b)。

    返回原始单位下的 (w, b)（万元/平方米、万元）和每一步的 J（原始单位，万元²）。
    """
    mu, sigma = x.mean(), x.std()
    scale = y.std()
    xs, ys = (x - mu) / sigma, y / scale  # 标准化：让 w、b 的梯度大小相近
    w, b = 1.0, 0.0  # 起点：一条斜率为正的 ReLU
    m = x.size
    costs = []
    for _ in range(num_iterations):
        z = w * xs + b
        err = relu(z) - ys  # ŷ − y
        costs.append(float(np.mean(err**2)) * scale**2)
        dz = 2.0 * err * relu_grad(z) / m  # ∂J/∂z，ReLU 的导数在 z < 0 处为 0
        w -= learning_rate * float(np.sum(dz * xs))
        b -= learning_rate * float(np.sum(dz))
    # 换回原始单位：ŷ/scale = relu(w (x − μ)/σ + b)  ⇒  ŷ = relu(W x + B)
    W = w * scale / sigma
    B = (b - w * mu / sigma) * scale
    return W, B, costs


def _draw_network(ax):
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(-0.4, 6.4)
    ax.set_ylim(-3.0, 3.0)
    R = 0.75
    # 输入
    ax.add_patch(Circle((0.6, 0), 0.45, fc="#eef5fb", ec=COLORS["blue"], lw=1.8))
    ax.text(0.6, 0, "x", ha="center", va="center", fontsize=14, style="italic")
    ax.text(0.6, -0.7, "输入：面积", ha="center", va="top", fontsize=11)
    # 神经元：圆圈里画出 ReLU 的形状
    cx = 3.0
    ax.add_patch(Circle((cx, 0), R, fc="#fdf3e1", ec=COLORS["orange"], lw=2))
    t = np.linspace(-1, 1, 41)
    ax.plot(cx + 0.45 * t, -0.3 + 0.55 * relu(t), color=COLORS["orange"], lw=2.2)
    ax.text(cx, R + 0.12, "ReLU 神经元", ha="center", va="bottom", fontsize=11)
    ax.text(cx, -R - 0.12, "max(0, w·x + b)", ha="center", va="top", fontsize=10)
    # 输出
    ax.add_patch(Circle((5.6, 0), 0.45, fc="#e6f5ef", ec=COLORS["green"], lw=1.8))
    ax.text(5.6, 0, "y", ha="center", va="center", fontsize=14, style="italic")
    ax.text(5.6, -0.7, "输出：价格", ha="center", va="top", fontsize=11)
    for x0, x1 in ((1.05, cx - R), (cx + R, 5.15)):
        ax.add_patch(FancyArrowPatch((x0, 0), (x1, 0), arrowstyle="-|>", mutation_scale=16, color="black",
                                     lw=1.4, shrinkA=2, shrinkB=2))
    ax.set_title("一个神经元的网络")


def build():
    size, price = make_house_prices(m=50, seed=0)
    x, y = size[0], price[0]
    w, b, costs = fit_relu_neuron(x, y)

    fig, (ax_net, ax_fit) = new_figure(1, 2, figsize=(9, 3.8), width_ratios=[1, 1.25])
    _draw_network(ax_net)

    ax_fit.scatter(x, y, s=22, color=COLORS["blue"], edgecolors="white", linewidths=0.5, label="房屋（合成数据）",
                   zorder=3)
    grid = np.linspace(x.min() - 5, x.max() + 5, 400)
    rmse = np.sqrt(costs[-1])
    ax_fit.plot(grid, relu(w * grid + b), color=COLORS["orange"], lw=2.2, label="梯度下降学到的 ReLU")
    sign = "+" if b >= 0 else "−"
    ax_fit.text(0.97, 0.04,
                r"$\hat{y}$" + f" = max(0, {w:.2f}x {sign} {abs(b):.1f})\n"
                f"梯度下降 {len(costs)} 步\n"
                f"均方误差 {costs[-1]:.0f}（均方根 {rmse:.1f} 万元）\n"
                f"拐点 −b/w = {-b / w:.1f} 平方米\n"
                f"（生成数据：斜率 {HOUSE_PRICE_SLOPE:g}，拐点 {HOUSE_PRICE_KNEE:g}）",
                transform=ax_fit.transAxes, ha="right", va="bottom", fontsize=9, linespacing=1.5,
                bbox={"boxstyle": "round,pad=0.4", "fc": "white", "ec": COLORS["gray"], "lw": 0.6})
    ax_fit.set_xlabel("面积 x（平方米）")
    ax_fit.set_ylabel("价格 y（万元）")
    ax_fit.set_title("用 ReLU 拟合：价格不会是负数")
    ax_fit.legend(loc="upper left")
    return fig
