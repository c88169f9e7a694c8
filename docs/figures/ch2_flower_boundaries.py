"""花朵数据上的决策边界：逻辑回归，以及隐藏层大小 n_h = 1, 2, 3, 4, 5, 20, 50 的单隐藏层网络。

数据是 `dlnotes.datasets.make_flower` 生成的 400 个点（两类各 200 个，直线分不开）。
每个网络用 `dlnotes.shallow.nn_model` 训练 5000 次梯度下降（学习率 1.2，与课程
"调整隐藏层大小"那一节相同）；逻辑回归用 `dlnotes.logistic.LogisticRegression`
训练 2000 次（学习率 1.2）。子图标题里是训练集上的准确率。
"""

import numpy as np

from dlnotes.datasets import make_flower
from dlnotes.logistic import LogisticRegression
from dlnotes.plotting import new_figure, plot_decision_boundary
from dlnotes.shallow import nn_model, predict

HIDDEN_SIZES = (1, 2, 3, 4, 5, 20, 50)
NUM_ITERATIONS = 5000
LEARNING_RATE = 1.2


def accuracy(pred, Y):
    return float(np.mean(pred == Y))


def build():
    X, Y = make_flower()
    fig, axes = new_figure(2, 4, figsize=(11, 6.2))
    axes = axes.ravel()

    clf = LogisticRegression(learning_rate=LEARNING_RATE, num_iterations=2000).fit(X, Y)
    plot_decision_boundary(axes[0], clf.predict, X, Y, resolution=150)
    axes[0].set_title(f"逻辑回归：{accuracy(clf.predict(X), Y):.1%}")

    for ax, n_h in zip(axes[1:], HIDDEN_SIZES):
        params, _ = nn_model(X, Y, n_h, num_iterations=NUM_ITERATIONS, learning_rate=LEARNING_RATE)
        plot_decision_boundary(ax, lambda G, p=params: predict(p, G), X, Y, resolution=150)
        ax.set_title(f"n_h = {n_h}：{accuracy(predict(params, X), Y):.1%}")

    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(f"花朵数据上的决策边界（标题为训练集准确率；网络各训练 {NUM_ITERATIONS} 次）")
    return fig
