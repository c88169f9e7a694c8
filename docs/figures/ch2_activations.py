"""四种激活函数（实线）和它们的导数（虚线）：sigmoid、tanh、ReLU、Leaky ReLU。

全部由 `dlnotes.activations` 计算。Leaky ReLU 的斜率取默认的 0.01 时，负半轴的
倾斜肉眼几乎看不出来，所以图中为了看清楚用了 0.1（图题中注明）。
"""

import numpy as np

from dlnotes.activations import (
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)
from dlnotes.plotting import COLORS, new_figure

Z_MAX = 4.0
LEAKY_ALPHA_SHOWN = 0.1


def build():
    z = np.linspace(-Z_MAX, Z_MAX, 401)
    panels = [
        ("sigmoid", r"$\sigma(z) = 1/(1+e^{-z})$", sigmoid(z), sigmoid_grad(z), (-0.3, 1.3)),
        ("tanh", r"$(e^{z}-e^{-z})/(e^{z}+e^{-z})$", tanh(z), tanh_grad(z), (-1.3, 1.3)),
        ("ReLU", r"$\max(0, z)$", relu(z), relu_grad(z), (-0.6, 2.6)),
        (f"Leaky ReLU（斜率 {LEAKY_ALPHA_SHOWN}）", rf"$\max({LEAKY_ALPHA_SHOWN}z, z)$",
         leaky_relu(z, alpha=LEAKY_ALPHA_SHOWN), leaky_relu_grad(z, alpha=LEAKY_ALPHA_SHOWN), (-0.6, 2.6)),
    ]
    fig, axes = new_figure(1, 4, figsize=(12, 3.6), sharex=True)
    for ax, (name, formula, g, dg, ylim) in zip(axes, panels):
        ax.axhline(0, color="black", lw=0.6)
        ax.axvline(0, color="black", lw=0.6)
        ax.plot(z, g, color=COLORS["blue"], lw=2, label="激活函数 g(z)")
        step = "steps-mid" if "ReLU" in name else "default"
        ax.plot(z, dg, color=COLORS["orange"], lw=2, ls="--", drawstyle=step, label="导数 g'(z)")
        ax.set_title(f"{name}\n{formula}", fontsize=10.5)
        ax.set_ylim(*ylim)
        ax.set_xlim(-Z_MAX, Z_MAX)
        ax.set_xlabel("z")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=2)
    return fig
