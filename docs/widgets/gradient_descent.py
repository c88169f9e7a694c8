"""交互图「梯度下降走过 J(w, b)」的数据：每个（学习率, 起点）组合一次真实的梯度下降。

数据与静态图 ``figures/cost_surface.py`` 相同：乳腺肿瘤数据的特征「半径均值」标准化后作 x，
y = 1 表示恶性；参数只有 w 和 b。这里算出

* 代价曲面 J(w, b) 在网格上的值，转成等高线（填色的带，每条带是一串多边形）；
* 对 ``RATES`` 里的每个学习率、``STARTS`` 里的每个起点，用
  :func:`dlnotes.logistic.gradient_descent_path` 跑 ``NUM_ITERATIONS`` 步，记录每一步的 (w, b, J)。

学习率从「太小」（100 步还远没走到谷底）到「太大」（在谷底两侧来回跳、或乱跳，永远停不下来）。
``build()`` 返回可以直接写成 JSON 的字典，数字保留到画图需要的位数。
"""

import contourpy
import numpy as np

from dlnotes.datasets import load_breast_cancer, standardize
from dlnotes.logistic import gradient_descent_path, optimize
from dlnotes.losses import logistic_loss_from_logits

FEATURE = "mean radius"
#: 学习率：0.1 太小；20 先来回摆几下再收敛；30 在谷底两侧来回跳（二周期），50 乱跳
RATES = (0.1, 0.3, 1.0, 3.0, 10.0, 20.0, 30.0, 50.0)
#: 起点 (w, b)：静态图的四个角，加上课程里的全零初始化
STARTS = ((0.0, 0.0), (-2.0, -4.0), (-2.0, 4.0), (8.5, 4.0), (8.5, -5.0))
NUM_ITERATIONS = 100
W_RANGE, B_RANGE = (-3.0, 15.0), (-13.0, 8.0)
GRID = (91, 85)  # (w, b) 方向的网格点数
N_LEVELS = 14


def data():
    """x：标准化后的半径均值 (1, m)；Y：1 = 恶性 (1, m)。"""
    X, Y, names = load_breast_cancer()
    x = standardize(X[[names.index(FEATURE)]]).X_train
    return x, Y


def cost_grid(w, b, x, Y):
    """网格上每个 (w, b) 的 J，向量化：Z[i, j, :] = w[i, j]·x + b[i, j]。"""
    Z = w[..., np.newaxis] * x[0] + b[..., np.newaxis]  # (nb, nw, m)
    return logistic_loss_from_logits(Z, np.broadcast_to(Y[0], Z.shape)).mean(axis=-1)


def _r(values, digits):
    return [round(float(v), digits) for v in values]


def _bands(Wg, Bg, J, levels):
    """填色等高线：每条带 [J_lo, J_hi) 是若干个环（外边界与洞），环是 [w0, b0, w1, b1, …]。"""
    gen = contourpy.contour_generator(Wg, Bg, J, fill_type=contourpy.FillType.OuterOffset)
    bands = []
    for lo, hi in zip(levels[:-1], levels[1:]):
        polygons, offsets = gen.filled(lo, hi)
        rings = []
        for pts, offs in zip(polygons, offsets):
            for a, b in zip(offs[:-1], offs[1:]):
                ring = pts[a:b]
                rings.append([round(float(v), 2) for v in ring.ravel()])
        bands.append({"lo": round(float(lo), 4), "hi": round(float(hi), 4), "rings": rings})
    return bands


def build():
    x, Y = data()
    ws = np.linspace(*W_RANGE, GRID[0])
    bs = np.linspace(*B_RANGE, GRID[1])
    Wg, Bg = np.meshgrid(ws, bs)
    J = cost_grid(Wg, Bg, x, Y)
    # 最低点：从 0 出发跑足够多步（与静态图相同）
    best, _, _ = optimize(np.zeros((1, 1)), 0.0, x, Y, num_iterations=3000, learning_rate=2.0,
                          record_every=3000)
    w_star, b_star = float(best["w"][0, 0]), float(best["b"])
    J_star = float(cost_grid(np.array([w_star]), np.array([b_star]), x, Y)[0])
    # J ≥ J*：从 J* 开始的等高线填满整个网格；碗底附近密一些
    levels = J_star + np.concatenate([[0.0], np.geomspace(0.005, float(J.max() - J_star), N_LEVELS)])
    levels[-1] = float(J.max()) + 1e-9  # 最高一条带包住网格上的最大值

    runs = []
    for alpha in RATES:
        for w0, b0 in STARTS:
            path = gradient_descent_path(np.array([[w0]]), b0, x, Y,
                                         num_iterations=NUM_ITERATIONS, learning_rate=alpha)
            runs.append({
                "rate": alpha,
                "start": [w0, b0],
                "w": _r(path["w"][:, 0], 3),
                "b": _r(path["b"], 3),
                "cost": _r(path["cost"], 4),
            })
    return {
        "widget": "gradient_descent",
        "feature": FEATURE,
        "m": int(x.shape[1]),
        "rates": list(RATES),
        "starts": [list(s) for s in STARTS],
        "num_iterations": NUM_ITERATIONS,
        "w_range": list(W_RANGE),
        "b_range": list(B_RANGE),
        "minimum": {"w": round(w_star, 3), "b": round(b_star, 3), "cost": round(J_star, 4)},
        "bands": _bands(Wg, Bg, J, levels),
        "runs": runs,
    }
