"""导数就是斜率：把 a 挪动一点点，看 f(a) 变了多少。

四个函数 f(a) = 3a、a²、a³、log a，都在 a = 2 处：
把 a 挪动 NUDGE = 0.001，f 的变化量除以 0.001 就是斜率的近似；
再用 `dlnotes.gradcheck.numerical_gradient`（中心差分）算一次，和求导公式对照。
曲线上画出 a = 2 处的切线（斜率取数值导数），文字框里列出 f 的变化量、两种数值导数和公式的值。
"""

import numpy as np

from dlnotes.gradcheck import numerical_gradient
from dlnotes.plotting import COLORS, new_figure

A0 = 2.0
NUDGE = 0.001
FUNCTIONS = [  # (名字, f, 导数公式的写法, 导数公式, 文字框放在左上还是右下)
    ("f(a) = 3a", lambda a: 3 * a, "3", lambda a: 3.0, "lower right"),
    ("f(a) = a²", lambda a: a**2, "2a", lambda a: 2 * a, "upper left"),
    ("f(a) = a³", lambda a: a**3, "3a²", lambda a: 3 * a**2, "upper left"),
    ("f(a) = log a", np.log, "1/a", lambda a: 1 / a, "lower right"),
]


def slopes():
    """每个函数在 A0 处的 (挪动后的变化量 / NUDGE, 中心差分的导数, 公式的导数)。"""
    rows = []
    for _, f, _, df, _ in FUNCTIONS:
        nudged = (f(A0 + NUDGE) - f(A0)) / NUDGE
        numeric = numerical_gradient(lambda a, f=f: float(f(a)), A0)
        rows.append((float(nudged), numeric, float(df(A0))))
    return rows


def build():
    fig, axes = new_figure(2, 2, figsize=(8, 6.2))
    axes = axes.ravel()
    a = np.linspace(0.25, 3.2, 200)
    for ax, (name, f, formula, _, loc), (nudged, numeric, exact) in zip(axes, FUNCTIONS, slopes()):
        ax.plot(a, f(a), color=COLORS["blue"], lw=2)
        f0 = float(f(A0))
        t = np.linspace(A0 - 0.8, A0 + 0.8, 2)
        ax.plot(t, f0 + numeric * (t - A0), color=COLORS["orange"], lw=1.5, ls="--")
        ax.plot([A0], [f0], "o", color=COLORS["red"], ms=6, zorder=4)
        ax.set_title(name, fontsize=11)
        ax.set_xlabel("a")
        right = loc == "lower right"
        ax.text(0.96 if right else 0.04, 0.04 if right else 0.97,
                f"a：{A0:g} → {A0 + NUDGE:g}\n"
                f"f 变化 {nudged * NUDGE:.6f}\n"
                f"变化 ÷ {NUDGE:g} = {nudged:.4f}\n"
                f"中心差分：{numeric:.4f}\n"
                f"公式 {formula}：{exact:.4f}",
                transform=ax.transAxes, multialignment="left", ha="right" if right else "left", va="bottom" if right else "top", fontsize=8.5, linespacing=1.4,
                bbox={"boxstyle": "round,pad=0.35", "fc": "white", "ec": COLORS["gray"], "lw": 0.6})
    for ax in axes[::2]:
        ax.set_ylabel("f(a)")
    fig.suptitle(f"导数就是斜率：在 a = {A0:g} 处把 a 挪动 {NUDGE:g}，看 f 变了多少（虚线：切线）", fontsize=11)
    return fig
