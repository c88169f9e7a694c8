"""sigmoid 与 ReLU：函数曲线（左）和导数曲线（右）。

右图阴影标出 sigmoid 的导数小于 0.05 的区域（|z| 较大时）：在那里梯度接近零，
梯度下降几乎走不动；ReLU 在 z > 0 时导数恒为 1，不会出现这个问题。
曲线全部由 `dlnotes.activations` 计算。
"""

import numpy as np

from dlnotes.activations import relu, relu_grad, sigmoid, sigmoid_grad
from dlnotes.plotting import COLORS, new_figure

Z_MAX = 6.0
FLAT = 0.05  # sigmoid 导数低于这个值，就算"梯度接近零"


def build():
    fig, (ax_f, ax_d) = new_figure(1, 2, figsize=(9, 3.8))
    z = np.linspace(-Z_MAX, Z_MAX, 481)

    # 左：函数本身
    ax_f.plot(z, sigmoid(z), color=COLORS["blue"], lw=2, label=r"sigmoid $\sigma(z) = 1/(1+e^{-z})$")
    ax_f.plot(z, relu(z), color=COLORS["orange"], lw=2, label=r"ReLU $\max(0, z)$")
    ax_f.set_ylim(-0.3, 2.5)
    ax_f.set_title("激活函数")
    ax_f.set_xlabel("z")
    ax_f.set_ylabel("g(z)")
    ax_f.legend(loc="upper left")

    # 右：导数；阴影 = sigmoid 导数 < FLAT 的区间（由计算结果求出，不是手写的边界）
    ds = sigmoid_grad(z)
    flat = ds < FLAT
    z_flat = float(z[~flat].max())  # 导数不小于 FLAT 的最右端
    for lo, hi in ((-Z_MAX, -z_flat), (z_flat, Z_MAX)):
        ax_d.axvspan(lo, hi, color=COLORS["gray"], alpha=0.15, lw=0)
    ax_d.text(-(Z_MAX + z_flat) / 2, 0.62, "梯度接近零", ha="center", va="center", color=COLORS["gray"])
    ax_d.text((Z_MAX + z_flat) / 2, 0.62, "梯度接近零", ha="center", va="center", color=COLORS["gray"])
    ax_d.plot(z, ds, color=COLORS["blue"], lw=2, label=r"sigmoid 的导数 $\sigma(z)(1-\sigma(z))$")
    ax_d.plot(z, relu_grad(z), color=COLORS["orange"], lw=2, drawstyle="steps-mid", label="ReLU 的导数（0 或 1）")
    ax_d.set_ylim(-0.05, 1.5)
    ax_d.set_title(f"导数（阴影：sigmoid 的导数 < {FLAT}，即 |z| > {z_flat:.1f}）")
    ax_d.set_xlabel("z")
    ax_d.set_ylabel("g'(z)")
    ax_d.legend(loc="upper center", frameon=True, framealpha=1.0, edgecolor="white")
    for ax in (ax_f, ax_d):
        ax.set_xlim(-Z_MAX, Z_MAX)
        ax.axhline(0, color="black", lw=0.6)
        ax.axvline(0, color="black", lw=0.6)
    return fig
