"""花朵数据上，不同隐藏层大小的单隐藏层网络的代价曲线（以及逻辑回归作对照）。

与 `ch2_flower_boundaries` 同样的数据和超参数：`dlnotes.shallow.nn_model`
训练 5000 次（学习率 1.2），每 20 次记录一次代价；逻辑回归训练同样的次数。
"""

import numpy as np

from dlnotes.datasets import make_flower
from dlnotes.logistic import LogisticRegression
from dlnotes.plotting import COLORS, new_figure
from dlnotes.shallow import nn_model

HIDDEN_SIZES = (1, 2, 4, 20)
NUM_ITERATIONS = 5000
LEARNING_RATE = 1.2
RECORD_EVERY = 20


def build():
    X, Y = make_flower()
    fig, ax = new_figure(1, 1, figsize=(7, 4))
    steps = np.arange(0, NUM_ITERATIONS, RECORD_EVERY)

    clf = LogisticRegression(learning_rate=LEARNING_RATE, num_iterations=NUM_ITERATIONS,
                             record_every=RECORD_EVERY).fit(X, Y)
    ax.plot(steps, clf.costs_, color=COLORS["gray"], lw=2, ls="--", label="逻辑回归")

    colors = (COLORS["red"], COLORS["orange"], COLORS["green"], COLORS["blue"])
    for n_h, color in zip(HIDDEN_SIZES, colors):
        _, costs = nn_model(X, Y, n_h, num_iterations=NUM_ITERATIONS, learning_rate=LEARNING_RATE,
                            record_every=RECORD_EVERY)
        ax.plot(steps, costs, color=color, lw=2, label=f"n_h = {n_h}")

    ax.set_xlabel("迭代次数")
    ax.set_ylabel("代价 J")
    ax.set_ylim(bottom=0)
    ax.set_title("花朵数据：代价随迭代次数下降（学习率 1.2）")
    ax.legend(loc="center right", bbox_to_anchor=(1.0, 0.5), title="隐藏层单元数")
    return fig
