"""规模推动深度学习：训练数据越多，大网络的优势越明显。

数据：`dlnotes.datasets.make_flower` 生成的"花朵"点（直线分不开），留出固定的 2000 个点做测试集，
训练集取前 n 个点（n 从 20 到 2000，对数刻度，小的训练集包含在大的里面）。
每个 n 上真正训练 4 个模型并在同一测试集上算准确率：

- 逻辑回归（`dlnotes.logistic.LogisticRegression`，只能画直线边界）；
- 小、中、大三个网络（`dlnotes.deep.L_layer_model`，ReLU 隐藏层，He 初始化，同一种子）。

所有网络都用同样的学习率和步数（600 步批量梯度下降），没有正则化。
曲线就是这些训练的结果，没有平滑或挑选。
"""

import numpy as np

from dlnotes.datasets import make_flower, train_test_split
from dlnotes.deep import L_layer_model, predict
from dlnotes.logistic import LogisticRegression
from dlnotes.plotting import COLORS, new_figure

SIZES = [20, 60, 200, 600, 2000]
N_TEST = 2000
NETWORKS = {  # 名字: (层结构, 颜色)
    "小网络": ([2, 3, 1], COLORS["sky"]),
    "中网络": ([2, 10, 1], COLORS["blue"]),
    "大网络": ([2, 20, 20, 1], COLORS["purple"]),
}
LEARNING_RATE = 0.5
NUM_ITERATIONS = 600


def accuracy_curves():
    """返回 {模型名: 各训练集大小上的测试准确率列表}。"""
    X, Y = make_flower(max(SIZES) + N_TEST, seed=0)
    X_train, Y_train, X_test, Y_test = train_test_split(X, Y, test_size=N_TEST / X.shape[1], seed=0)
    curves = {name: [] for name in ["逻辑回归", *NETWORKS]}
    for n in SIZES:
        Xn, Yn = X_train[:, :n], Y_train[:, :n]  # 训练集的前 n 个样本（列已随机打乱）
        logreg = LogisticRegression(learning_rate=LEARNING_RATE, num_iterations=NUM_ITERATIONS).fit(Xn, Yn)
        curves["逻辑回归"].append(logreg.score(X_test, Y_test))
        for name, (layers, _) in NETWORKS.items():
            params, _ = L_layer_model(Xn, Yn, layers, learning_rate=LEARNING_RATE, num_iterations=NUM_ITERATIONS,
                                      seed=1, record_every=NUM_ITERATIONS)
            curves[name].append(float(np.mean(predict(params, X_test) == Y_test)))
    return curves


def build():
    curves = accuracy_curves()
    fig, ax = new_figure(figsize=(8.5, 4.2))
    styles = {"逻辑回归": ("逻辑回归（传统算法）", COLORS["gray"], "s")}
    for name, (layers, color) in NETWORKS.items():
        styles[name] = (f"{name} {layers}", color, "o")
    for name, acc in curves.items():
        label, color, marker = styles[name]
        ax.plot(SIZES, 100 * np.asarray(acc), marker=marker, color=color, lw=2, ms=6, label=label)
        ax.annotate(f"{100 * acc[-1]:.1f}%", (SIZES[-1], 100 * acc[-1]), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=9, color=color)
    ax.set_xscale("log")
    ax.set_xticks(SIZES, [str(n) for n in SIZES])
    ax.minorticks_off()
    ax.set_xlim(SIZES[0] / 1.3, SIZES[-1] * 1.6)
    ax.set_ylim(40, 100)
    ax.axhline(50, color="black", lw=0.6, ls=":")
    ax.text(SIZES[0], 50.8, "随机猜 50%", fontsize=8.5, color=COLORS["gray"], va="bottom")
    ax.set_xlabel("训练样本数 m（对数刻度）")
    ax.set_ylabel(f"测试集准确率（%，{N_TEST} 个固定测试点）")
    ax.set_title(f"数据越多，越大的网络越占优势（花朵数据，每个模型 {NUM_ITERATIONS} 步梯度下降）")
    ax.legend(loc="upper left")
    return fig
