"""学习率 α 是超参数：同一个 4 层网络、同一份数据，只换学习率。

数据与 `ch3_digits_training` 相同（手写数字 3 和 8 的训练集），网络 `[64, 20, 7, 5, 1]`，
`dlnotes.deep.L_layer_model` 训练 1200 次、每一步都记录代价。左图放大前 150 次迭代，
右图是全程。图例里是训练结束时训练集上的准确率。
"""

import numpy as np

from dlnotes.datasets import load_digits, train_test_split
from dlnotes.deep import L_layer_model, predict
from dlnotes.plotting import COLORS, new_figure

LAYER_DIMS = [64, 20, 7, 5, 1]
RATES = ((0.003, COLORS["gray"]), (0.03, COLORS["green"]), (0.3, COLORS["blue"]), (0.6, COLORS["red"]))
NUM_ITERATIONS = 1200
ZOOM = 150


def build():
    X, Y = load_digits((3, 8))
    X_train, Y_train, _, _ = train_test_split(X, Y, test_size=0.3, seed=0)
    fig, (ax_z, ax_f) = new_figure(1, 2, figsize=(10, 4.2), width_ratios=(1, 1.4), sharey=True)
    steps = np.arange(NUM_ITERATIONS)
    for rate, color in RATES:
        params, costs = L_layer_model(X_train, Y_train, LAYER_DIMS, learning_rate=rate,
                                      num_iterations=NUM_ITERATIONS, record_every=1)
        acc = float(np.mean(predict(params, X_train) == Y_train))
        ax_z.plot(steps[:ZOOM], costs[:ZOOM], color=color, lw=1.8)
        ax_f.plot(steps, costs, color=color, lw=1.8, label=f"α = {rate}（训练集准确率 {acc:.1%}）")
    ax_z.set_title(f"前 {ZOOM} 次迭代")
    ax_f.set_title(f"全部 {NUM_ITERATIONS} 次迭代")
    for ax in (ax_z, ax_f):
        ax.set_xlabel("迭代次数")
    ax_z.set_ylabel("代价 J")
    ax_z.set_ylim(0, 1.0)
    ax_f.legend(loc="center right", bbox_to_anchor=(1.0, 0.5))
    fig.suptitle(f"同一个网络 {LAYER_DIMS}、同一份数据，只换学习率 α")
    return fig
