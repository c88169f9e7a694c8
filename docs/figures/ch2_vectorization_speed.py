"""向量化有多快：逻辑回归的一步梯度计算，for 循环写法与 numpy 向量化写法的用时对比。

左图：两种写法计算一次 (dw, db, J) 的用时随样本数 m 的变化（双对数坐标）；
右图：两者的比值（循环用时 / 向量化用时）。

**这张图的数字是实测的**：用 `time.perf_counter` 计时，每个 m 重复若干次取中位数，
所以换一台机器、甚至同一台机器再运行一次，曲线都会略有不同（别的图都由固定的随机种子
算出，每次都一样）。
两种写法算出的梯度在计时之前先互相核对，保证比的是同一件事。

循环写法是 `dlnotes.logistic.propagate_loop`，照搬课程里的伪代码：外层循环遍历 m 个样本，
内层循环遍历 n_x 个特征；为了公平，它先把数据转成 Python 的 float 列表（逐个取 numpy 元素会更慢）。
向量化写法就是 `dlnotes.logistic.propagate`。两者都先检查输入，再计算。
"""

import math
import time

import numpy as np

from dlnotes.logistic import propagate, propagate_loop
from dlnotes.plotting import COLORS, new_figure

N_X = 10  # 特征数
M_VALUES = (10, 30, 100, 300, 1000, 3000, 10000, 30000)
REPEATS = 3  # 循环写法每个 m 计时几次，取中位数（向量化写法很快，计时 21 次）
BUDGET = 2.0  # 计时总共最多用这么多秒（保证整张图 < 3 秒）


def _median_time(f, *args, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        f(*args)
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def measure():
    """返回 (m 列表, 循环用时, 向量化用时)，单位秒。"""
    rng = np.random.default_rng(0)
    w = rng.standard_normal((N_X, 1)) * 0.1
    b = 0.1
    ms, t_loop, t_vec = [], [], []
    start = time.perf_counter()
    for m in M_VALUES:
        X = rng.standard_normal((N_X, m))
        Y = (rng.random((1, m)) < 0.5).astype(float)
        # 先核对两种写法结果一致，再计时
        g1, J1 = propagate_loop(w, b, X, Y)
        g2, J2 = propagate(w, b, X, Y)
        assert np.allclose(g1["dw"], g2["dw"]) and math.isclose(g1["db"], g2["db"], abs_tol=1e-12)
        assert math.isclose(J1, J2, rel_tol=1e-9)
        propagate(w, b, X, Y)  # 预热
        ms.append(m)
        t_loop.append(_median_time(propagate_loop, w, b, X, Y))
        t_vec.append(_median_time(propagate, w, b, X, Y, repeats=21))
        if time.perf_counter() - start > BUDGET:  # 机器太慢时少测几个 m，保证总用时
            break
    return np.array(ms), np.array(t_loop), np.array(t_vec)


def build():
    ms, t_loop, t_vec = measure()
    ratio = t_loop / t_vec
    fig, (ax_t, ax_r) = new_figure(1, 2, figsize=(9, 3.8))

    ax_t.loglog(ms, t_loop * 1e3, "o-", color=COLORS["red"], lw=2, label="for 循环（逐个样本、逐个特征）")
    ax_t.loglog(ms, t_vec * 1e3, "s-", color=COLORS["blue"], lw=2, label="向量化（np.dot / @）")
    ax_t.set_xlabel("样本数 m")
    ax_t.set_ylabel("一次梯度计算的用时（毫秒）")
    ax_t.set_title(f"逻辑回归算一次 dw、db、J（n_x = {N_X}）")
    ax_t.legend(loc="upper left")

    ax_r.loglog(ms, ratio, "o-", color=COLORS["purple"], lw=2)
    ax_r.axhline(1.0, color=COLORS["gray"], lw=1, ls="--")
    ax_r.text(ms[-1], 1.0, "一样快 ", va="bottom", ha="right", fontsize=9, color=COLORS["gray"])
    ax_r.set_ylim(min(0.3, ratio.min() / 2), ratio.max() * 4)
    ax_r.set_xlabel("样本数 m")
    ax_r.set_ylabel("循环用时 ÷ 向量化用时（倍）")
    ax_r.set_title("向量化快了多少倍")
    ax_r.annotate(
        f"m = {ms[-1]}：约 {ratio[-1]:.0f} 倍",
        xy=(ms[-1], ratio[-1]),
        xytext=(0.96, 0.95),
        textcoords="axes fraction",
        ha="right",
        va="top",
        arrowprops={"arrowstyle": "->", "color": COLORS["gray"]},
    )
    fig.text(0.5, -0.02, "用时为实测（每点取多次测量的中位数），换一台机器或再测一次，数值都会不同",
             ha="center", va="top", fontsize=8.5, color=COLORS["gray"])
    return fig
