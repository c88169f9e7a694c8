"""交互图「隐藏层大小与训练时长」的数据：花朵数据上每个 (n_h, 迭代次数) 一次真实训练。

数据是 :func:`dlnotes.datasets.make_flower` 的 400 个点（与静态图 ``figures/ch2_flower_boundaries.py``
相同）。对 ``HIDDEN_SIZES`` 里的每个 n_h、``SNAPSHOTS`` 里的每个迭代次数 k，记录
``nn_model(X, Y, n_h, num_iterations=k, learning_rate=1.2)`` 训练出的网络
（同一个种子，所以 k 次的网络就是 5000 次那次训练在第 k 步的样子）：

* 在 ``GRID × GRID`` 的粗网格上的预测（0/1），一行一个字符串，画决策区域用；
* 训练集准确率与代价；
* 另一份同样生成、种子不同的 400 个点（``make_flower(seed=TEST_SEED)``，训练时没见过）上的准确率：
  隐藏层很大、训练很久时，训练集准确率还在涨，这份新数据上的准确率却降了——过拟合。

k = 5000 的那一格与静态图里同一个 n_h 的子图是同一次训练。
"""

import numpy as np

from dlnotes.datasets import make_flower
from dlnotes.shallow import compute_cost, forward_propagation, nn_model, predict

HIDDEN_SIZES = (1, 2, 3, 4, 5, 20, 50)
SNAPSHOTS = (0, 10, 30, 100, 300, 1000, 2000, 5000)
LEARNING_RATE = 1.2
TEST_SEED = 2
LIMIT = 4.5  # 网格覆盖 [−LIMIT, LIMIT]²（数据都在 ±4.3 以内）
GRID = 60


def grid_points():
    """网格格子中心，形状 (2, GRID²)；第 r 行（从上往下，x2 递减）第 c 列是第 r·GRID + c 个。"""
    step = 2 * LIMIT / GRID
    centers = -LIMIT + step * (np.arange(GRID) + 0.5)
    x1, x2 = np.meshgrid(centers, centers[::-1])
    return np.vstack([x1.ravel(), x2.ravel()])


def build():
    X, Y = make_flower()
    X_test, Y_test = make_flower(seed=TEST_SEED)
    G = grid_points()
    runs = []
    for n_h in HIDDEN_SIZES:
        for k in SNAPSHOTS:
            params, _ = nn_model(X, Y, n_h, num_iterations=k, learning_rate=LEARNING_RATE)
            pred = predict(params, G).reshape(GRID, GRID).astype(int)
            A2, _ = forward_propagation(X, params)
            runs.append({
                "n_h": n_h,
                "iterations": k,
                "accuracy": round(float(np.mean(predict(params, X) == Y)), 4),
                "test_accuracy": round(float(np.mean(predict(params, X_test) == Y_test)), 4),
                "cost": round(compute_cost(A2, Y), 4),
                "grid": ["".join(map(str, row)) for row in pred],
            })
    return {
        "widget": "flower_hidden_units",
        "hidden_sizes": list(HIDDEN_SIZES),
        "snapshots": list(SNAPSHOTS),
        "learning_rate": LEARNING_RATE,
        "test_seed": TEST_SEED,
        "limit": LIMIT,
        "grid_size": GRID,
        "points": {
            "x1": [round(float(v), 2) for v in X[0]],
            "x2": [round(float(v), 2) for v in X[1]],
            "y": [int(v) for v in Y[0]],
        },
        "runs": runs,
    }
