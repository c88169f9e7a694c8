"""同一个网络、同样的数据和超参数，隐藏层分别用 sigmoid 和 ReLU 时，训练有多快。

网络：`dlnotes.deep.L_layer_model`，结构 [2, 8, 8, 1]（两个隐藏层，各 8 个单元，输出层 sigmoid），
数据：`dlnotes.datasets.make_flower` 的 400 个点（直线分不开的"花朵"），
学习率 0.3、1500 步批量梯度下降、He 初始化；两种激活用**相同的种子**，所以初始权重完全一样，
唯一的区别是隐藏层的激活函数。

图中是种子 1 的两条代价曲线；为了说明结论不是碰巧，又用种子 2、3（另外两组初始权重）
各跑了一遍，文字框里列出三组的结果。迭代次数是从记录的代价里数出来的：第一次 J ≤ 0.3 时是第几步。
（种子 2、3 的 ReLU 曲线后期有小幅抖动——这个学习率对 ReLU 网络已经偏大；没有画出来，以免喧宾夺主。）
"""

import numpy as np

from dlnotes.datasets import make_flower
from dlnotes.deep import L_layer_model
from dlnotes.plotting import COLORS, new_figure

LAYERS = [2, 8, 8, 1]
LEARNING_RATE = 0.3
NUM_ITERATIONS = 1500
SEEDS = (1, 2, 3)
TARGET = 0.3  # 目标代价


def first_below(costs, target):
    """第一次 costs ≤ target 的迭代序号；始终没达到时返回 None。"""
    hit = np.flatnonzero(np.asarray(costs) <= target)
    return int(hit[0]) if hit.size else None


def build():
    X, Y = make_flower(400, seed=1)
    runs = {}
    for act in ("sigmoid", "relu"):
        for seed in SEEDS:
            _, costs = L_layer_model(X, Y, LAYERS, learning_rate=LEARNING_RATE, num_iterations=NUM_ITERATIONS,
                                     hidden_activation=act, seed=seed, record_every=1)
            runs[act, seed] = np.asarray(costs)

    fig, ax = new_figure(figsize=(8.5, 4.2))
    it = np.arange(NUM_ITERATIONS)
    style = {"sigmoid": (COLORS["blue"], "sigmoid 隐藏层"), "relu": (COLORS["orange"], "ReLU 隐藏层")}
    lines = []
    for act, (color, name) in style.items():
        ax.plot(it, runs[act, SEEDS[0]], color=color, lw=2.2, label=f"{name}（种子 {SEEDS[0]}）")
        n = first_below(runs[act, SEEDS[0]], TARGET)
        if n is not None:
            ax.plot([n], [TARGET], "o", color=color, ms=7, mec="white", zorder=5)
            ax.annotate(f"第 {n} 步", (n, TARGET), xytext=(6, 8), textcoords="offset points", color=color,
                        fontsize=9.5)
        counts = [first_below(runs[act, s], TARGET) for s in SEEDS]
        shown = " / ".join("未达到" if c is None else str(c) for c in counts)
        lines.append(f"{name}：{shown}")
    ax.axhline(TARGET, color=COLORS["gray"], lw=1, ls="--")
    ax.plot([], [], color=COLORS["gray"], lw=1, ls="--", label=f"目标代价 J = {TARGET:g}")
    ax.text(0.97, 0.62, f"达到 J ≤ {TARGET:g} 需要的迭代次数\n（种子 {' / '.join(map(str, SEEDS))}）\n" + "\n".join(lines),
            transform=ax.transAxes, ha="right", va="top", fontsize=9.5, linespacing=1.5,
            bbox={"boxstyle": "round,pad=0.4", "fc": "white", "ec": COLORS["gray"], "lw": 0.6})
    ax.set_xlim(0, NUM_ITERATIONS)
    ax.set_ylim(0.0, max(float(runs[a, SEEDS[0]].max()) for a in style) * 1.05)
    ax.set_xlabel("迭代次数")
    ax.set_ylabel("代价 J")
    ax.set_title(f"同一网络 {LAYERS}、同一初始权重、学习率 {LEARNING_RATE:g}：只换隐藏层激活函数")
    ax.legend(loc="upper right")
    return fig
