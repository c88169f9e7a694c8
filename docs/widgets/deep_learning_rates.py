"""交互图「学习率」的数据：同一个 4 层网络、同一份数据，每个学习率一次真实训练。

数据与静态图 ``figures/ch3_learning_rates.py`` 相同：手写数字 3 和 8，70% 作训练集；网络
``[64, 20, 7, 5, 1]``，:func:`dlnotes.deep.L_layer_model` 训练 ``NUM_ITERATIONS`` 次、每一步都记录
代价（同一个种子，所以各学习率的起点完全相同）。每个学习率还记下训练结束时训练集与测试集上的准确率。
"""

import numpy as np

from dlnotes.datasets import load_digits, train_test_split
from dlnotes.deep import L_layer_model, predict

DIGITS = (3, 8)
LAYER_DIMS = [64, 20, 7, 5, 1]
RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.6)
NUM_ITERATIONS = 1200


def build():
    X, Y = load_digits(DIGITS)
    X_train, Y_train, X_test, Y_test = train_test_split(X, Y, test_size=0.3, seed=0)
    runs = []
    for rate in RATES:
        params, costs = L_layer_model(X_train, Y_train, LAYER_DIMS, learning_rate=rate,
                                      num_iterations=NUM_ITERATIONS, record_every=1)
        runs.append({
            "rate": rate,
            "train_accuracy": round(float(np.mean(predict(params, X_train) == Y_train)), 4),
            "test_accuracy": round(float(np.mean(predict(params, X_test) == Y_test)), 4),
            "cost": [round(float(c), 4) for c in costs],
        })
    return {
        "widget": "deep_learning_rates",
        "digits": list(DIGITS),
        "layer_dims": LAYER_DIMS,
        "m_train": int(X_train.shape[1]),
        "m_test": int(X_test.shape[1]),
        "num_iterations": NUM_ITERATIONS,
        "rates": list(RATES),
        "runs": runs,
    }
