"""手写数字 3 和 8：2 层网络与 4 层网络的训练对比。

数据：`dlnotes.datasets.load_digits` 取出 scikit-learn 自带的 8×8 手写数字中的 3 和 8
（357 张），按 7:3 分层划分成训练集和测试集。两个网络都用 `dlnotes.deep.L_layer_model`
训练（ReLU 隐藏层、sigmoid 输出层、He 初始化），学习率和迭代次数相同：

- 2 层：`[64, 7, 1]`（一个隐藏层）；
- 4 层：`[64, 20, 7, 5, 1]`（三个隐藏层，与课程作业的 L 层模型同样的隐藏层大小）。

左图是代价曲线（纵轴取对数），右图是训练集和测试集上的准确率。
"""

import numpy as np
from matplotlib.ticker import PercentFormatter

from dlnotes.datasets import load_digits, train_test_split
from dlnotes.deep import L_layer_model, predict
from dlnotes.plotting import COLORS, new_figure

DIGITS = (3, 8)
MODELS = (("2 层 [64, 7, 1]", [64, 7, 1], COLORS["orange"]),
          ("4 层 [64, 20, 7, 5, 1]", [64, 20, 7, 5, 1], COLORS["blue"]))
LEARNING_RATE = 0.03
NUM_ITERATIONS = 2000
RECORD_EVERY = 10


def build():
    X, Y = load_digits(DIGITS)
    X_train, Y_train, X_test, Y_test = train_test_split(X, Y, test_size=0.3, seed=0)
    fig, (ax_c, ax_a) = new_figure(1, 2, figsize=(10, 4), width_ratios=(1.5, 1))
    steps = np.arange(0, NUM_ITERATIONS, RECORD_EVERY)
    results = []
    for name, dims, color in MODELS:
        params, costs = L_layer_model(X_train, Y_train, dims, learning_rate=LEARNING_RATE,
                                      num_iterations=NUM_ITERATIONS, record_every=RECORD_EVERY)
        ax_c.semilogy(steps, costs, color=color, lw=2, label=f"{name}，最终代价 {costs[-1]:.4f}")
        train_acc = float(np.mean(predict(params, X_train) == Y_train))
        test_acc = float(np.mean(predict(params, X_test) == Y_test))
        results.append((name, color, train_acc, test_acc))
    ax_c.set_xlabel("迭代次数")
    ax_c.set_ylabel("代价 J（对数坐标）")
    ax_c.set_title(f"代价曲线（学习率 {LEARNING_RATE}，训练集 m = {X_train.shape[1]}）")
    ax_c.legend(loc="upper right")

    width = 0.38
    for k, (_name, color, train_acc, test_acc) in enumerate(results):
        xs = np.array([0, 1]) + (k - 0.5) * width
        bars = ax_a.bar(xs, [train_acc, test_acc], width=width * 0.95, color=color)
        for bar, acc in zip(bars, (train_acc, test_acc)):
            ax_a.text(bar.get_x() + bar.get_width() / 2, acc + 0.005, f"{acc:.1%}", ha="center", va="bottom",
                      fontsize=9)
    ax_a.set_xticks([0, 1], [f"训练集（{X_train.shape[1]} 张）", f"测试集（{X_test.shape[1]} 张）"])
    ax_a.set_ylim(0.8, 1.04)
    ax_a.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))  # 刻度与标题、柱顶一样用百分数
    ax_a.set_ylabel("准确率")
    ax_a.set_title("准确率（颜色同左图，纵轴从 80% 开始）")
    ax_a.grid(axis="x", visible=False)
    fig.suptitle(f"手写数字 {DIGITS[0]} 与 {DIGITS[1]}：2 层网络与 4 层网络")
    return fig
