"""逻辑回归的一步梯度下降：dlnotes、课本写法、下限（两次矩阵-向量乘）、PyTorch CPU 同场比较。

所有变体在同一个进程里、同一份数据上交错计时（见 ``_common.interleaved``），取中位数。
每个变体跑同样的 N 次迭代，报告 "一次调用的时间 / N"：

* ``dlnotes``：``dlnotes.logistic.optimize(w, b, X, Y, num_iterations=N)``（默认 ``record_every=100``，
  即每 100 步才算一次代价；N < 100 时每次调用仍在第 0 步算一次，结果略偏保守）。输入检查每次调用做一次，
  被 N 摊薄；另外单独报告检查的开销（``optimize`` 与不检查输入的 ``dlnotes.core.logistic.optimize`` 在 N=1 时之差）。
* ``textbook``：课程作业的 ``propagate``：``A = 1/(1+exp(-(w.T X + b)))``，每步都用两个 log 算代价，
  ``dw = X (A-Y)ᵀ/m``，``db = sum(A-Y)/m``，然后更新。
* ``floor``：只做 ``w.T @ X`` 与 ``X @ dz.T`` 两次矩阵-向量乘（同样的 Python 循环），任何实现都省不掉。
* ``torch``：PyTorch CPU 做同样的数学（``torch.sigmoid``、每 100 步一次 BCE-with-logits 代价），
  与 numpy 的 BLAS 用相同线程数；没装 torch 时报告 "torch not installed"。

另外测一个类 STREAM 的内存带宽（数组远大于缓存），把各变体"每步读 X 两遍"的有效 GB/s 与之对照。

运行：``python -m benchmarks.gd_step [--quick] [--json PATH]``。
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from unittest import mock

if __package__ in (None, ""):  # 允许 python benchmarks/gd_step.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from benchmarks._common import (  # noqa: E402
    OPENBLAS_VARS,
    OUT,
    blas_info,
    fmt_time,
    interleaved,
    md_table,
    median,
    spread,
    verdict,
    write_json,
)

SIZES = [(2, 1_000), (64, 10_000), (12_288, 209), (784, 60_000)]
N_ITERS = {(2, 1_000): 1000, (64, 10_000): 200, (12_288, 209): 50, (784, 60_000): 5}
DTYPES = ["float64", "float32"]
LEARNING_RATE = 0.01
RECORD_EVERY = 100  # optimize 的默认值；torch 版本也每 100 步算一次代价


# ---------------------------------------------------------------- 参照实现
def textbook_run(w, b, X, Y, num_iterations, learning_rate):
    """课程作业里的写法（逐行对应 propagate + optimize），每步都算代价。"""
    m = X.shape[1]
    with np.errstate(all="ignore"):  # 课本写法在 A 恰为 0/1 时会 log(0)；这里只计时
        for _ in range(num_iterations):
            A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
            cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
            dw = 1 / m * np.dot(X, (A - Y).T)
            db = 1 / m * np.sum(A - Y)
            w = w - learning_rate * dw
            b = b - learning_rate * db
    return w, b, float(cost)


def floor_run(w, X, dz, num_iterations):
    """下限：每步只做两次矩阵-向量乘 w.T @ X 与 X @ dz.T。"""
    for _ in range(num_iterations):
        z = w.T @ X
        g = X @ dz.T
    return z, g


def proposed_sigmoid(z):
    """建议的 ``_sigmoid``：课本公式本身，只是关掉上溢警告。

    ``exp(-z)`` 上溢成 inf 时 ``1/(1+inf) = 0`` 正是正确的极限（真值小于最小正规数），
    其余情况下相对误差不超过约 1.5 ulp；不会出现 NaN，也没有警告。
    """
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def proposed_run(w, b, X, Y, num_iterations, learning_rate, record_every=RECORD_EVERY):
    """dlnotes.core.logistic.optimize 的循环，只把 sigmoid 换成 proposed_sigmoid（不含输入检查）。"""
    from dlnotes.core.losses import loss_from_logits

    m = X.shape[1]
    w = np.array(w, dtype=X.dtype, copy=True)
    costs = []
    for i in range(num_iterations):
        Z = w.T @ X + b
        A = proposed_sigmoid(Z)
        dZ = A - Y
        dw = (X @ dZ.T) / m
        db = float(dZ.mean())
        if i % record_every == 0:
            costs.append(float(np.mean(loss_from_logits(Z, Y))))
        w -= learning_rate * dw
        b -= learning_rate * db
    return w, b, costs


def _proposed_step(w, b, X, Y):
    m = X.shape[1]
    A = proposed_sigmoid(w.T @ X + b)
    dZ = A - Y
    return (X @ dZ.T) / m, float(dZ.mean())


def _proposed_inplace_step(w, b, X, Y):
    """同上，但尽量原地运算，少分配临时数组。"""
    m = X.shape[1]
    A = w.T @ X
    A += b  # Z
    with np.errstate(over="ignore"):
        np.negative(A, out=A)
        np.exp(A, out=A)
    A += 1.0
    np.reciprocal(A, out=A)  # A = σ(Z)
    A -= Y  # dZ
    dw = X @ A.T
    dw /= m
    return dw, float(A.mean())


def _textbook_step(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    cost = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    return dw, db, cost


def make_torch_run(torch, X, Y, num_iterations, learning_rate, record_every):
    """PyTorch CPU 的同样数学；X、Y 用 from_numpy 共享内存（不复制）。"""
    import torch.nn.functional as F

    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)
    m = X.shape[1]

    def run():
        with torch.no_grad():
            w = torch.zeros((X.shape[0], 1), dtype=Xt.dtype)
            b = 0.0
            costs = []
            for i in range(num_iterations):
                Z = w.T @ Xt + b
                A = torch.sigmoid(Z)
                if i % record_every == 0:
                    costs.append(F.binary_cross_entropy_with_logits(Z, Yt).item())
                dZ = A - Yt
                dw = (Xt @ dZ.T) / m
                db = dZ.mean().item()
                w -= learning_rate * dw
                b -= learning_rate * db
        return w, b, costs

    return run


# ---------------------------------------------------------------- 数据
def make_data(n_x: int, m: int, dtype: str, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m), dtype=np.float64).astype(dtype)
    w_true = rng.standard_normal((n_x, 1)) / math.sqrt(n_x)
    Y = ((w_true.T @ X.astype(np.float64)) + 0.5 * rng.standard_normal((1, m)) > 0).astype(dtype)
    return X, Y


# ---------------------------------------------------------------- 内存带宽
def stream(n_bytes: int = 256 * 2**20, repeat: int = 5) -> dict:
    """类 STREAM：copy（numpy，单线程，读 1 写 1）与 read（BLAS ddot，读 2 个数组），数组远大于 L3。"""
    from threadpoolctl import threadpool_limits

    n = n_bytes // 8
    a = np.ones(n)
    b = np.full(n, 2.0)
    c = np.empty(n)
    res = {"array_bytes": n * 8}

    def copy():
        np.copyto(c, a)

    def dot():
        return float(np.dot(a, b))

    times = interleaved({"copy": copy, "read_blas": dot}, repeat=repeat)
    res["copy_GBps"] = 2 * n * 8 / median(times["copy"]) / 1e9
    res["read_blas_GBps"] = 2 * n * 8 / median(times["read_blas"]) / 1e9
    with threadpool_limits(limits=1, user_api="blas"):
        t1 = interleaved({"read_blas_1thread": dot}, repeat=repeat)
    res["read_blas_1thread_GBps"] = 2 * n * 8 / median(t1["read_blas_1thread"]) / 1e9
    return res


# ---------------------------------------------------------------- 输入检查只做一次？
def count_checks(n_iters=(1, 50)) -> dict:
    """把 dlnotes.logistic 里用到的每个 _checks 函数换成计数的包装，比较 N=1 与 N=50 时的调用次数。"""
    import dlnotes._checks as checks
    import dlnotes.logistic as lg

    names = [n for n in checks.__all__ if hasattr(lg, n)]
    X, Y = make_data(8, 200, "float64")
    w0 = np.zeros((8, 1))
    counts = {}
    for n in n_iters:
        calls = dict.fromkeys(names, 0)
        patches = []
        for name in names:
            orig = getattr(lg, name)

            def wrapper(*a, _orig=orig, _name=name, _calls=calls, **k):
                _calls[_name] += 1
                return _orig(*a, **k)

            patches.append(mock.patch.object(lg, name, wrapper))
        for p in patches:
            p.start()
        try:
            lg.optimize(w0, 0.0, X, Y, num_iterations=n, learning_rate=LEARNING_RATE)
        finally:
            for p in patches:
                p.stop()
        counts[n] = calls
    once = counts[n_iters[0]] == counts[n_iters[1]] and sum(counts[n_iters[0]].values()) > 0
    return {"counts": {str(k): v for k, v in counts.items()}, "validated_once_per_call": once}


def validation_overhead(X, Y, repeat: int) -> dict:
    """optimize(N=1) 与不检查的 core.optimize(N=1) 的中位数之差 = 每次调用的检查开销。"""
    import dlnotes.core.logistic as core
    import dlnotes.logistic as lg

    w0 = np.zeros((X.shape[0], 1), dtype=X.dtype)
    t = interleaved(
        {
            "checked": lambda: lg.optimize(
                w0, 0.0, X, Y, num_iterations=1, learning_rate=LEARNING_RATE
            ),
            "unchecked": lambda: core.optimize(w0, 0.0, X, Y, 1, LEARNING_RATE, RECORD_EVERY),
        },
        repeat=repeat,
    )
    checked, unchecked = median(t["checked"]), median(t["unchecked"])
    return {
        "optimize_N1_s": checked,
        "unchecked_N1_s": unchecked,
        "overhead_s": checked - unchecked,
    }


# ---------------------------------------------------------------- 主体
def bench_case(n_x, m, dtype, torch, repeat, quick=False) -> dict:
    from dlnotes.logistic import optimize

    X, Y = make_data(n_x, m, dtype)
    w0 = np.zeros((n_x, 1), dtype=X.dtype)
    dz = np.random.default_rng(1).standard_normal((1, m)).astype(dtype)

    # 每个尺寸固定的迭代次数 N（每次调用约 20–200 ms）；固定而不是现场校准，
    # 这样别的进程偶尔抢走 CPU 时不会让 N 变得离谱，结果也便于跨次比较
    N = N_ITERS[(n_x, m)] if not quick else max(3, N_ITERS[(n_x, m)] // 5)

    from dlnotes.core.logistic import optimize as inner

    # "dlnotes" = optimize 的内层循环（dlnotes.core.logistic.optimize，不含入口处的输入检查）；
    # "dlnotes optimize" = 公开函数，含一次输入检查，被 N 摊薄（N 小时摊得不开，见检查开销表）
    funcs = {
        "dlnotes": lambda: inner(w0, 0.0, X, Y, N, LEARNING_RATE, RECORD_EVERY),
        "dlnotes optimize": lambda: optimize(
            w0, 0.0, X, Y, num_iterations=N, learning_rate=LEARNING_RATE
        ),
        "textbook": lambda: textbook_run(w0, 0.0, X, Y, N, LEARNING_RATE),
        "floor": lambda: floor_run(w0, X, dz, N),
        "proposed": lambda: proposed_run(w0, 0.0, X, Y, N, LEARNING_RATE),
    }
    if torch is not None:
        funcs["torch"] = make_torch_run(torch, X, Y, N, LEARNING_RATE, RECORD_EVERY)
    # X 小于 100 MB 时每次调用很短，多重复几次（(12288, 209) 的 X 与 L3 一样大，波动最大）
    reps = repeat if quick or X.nbytes >= 100 * 2**20 else max(repeat, 15)
    times = interleaved(funcs, repeat=reps)
    per_step = {k: median(v) / N for k, v in times.items()}
    res = {
        "n_x": n_x,
        "m": m,
        "dtype": dtype,
        "X_bytes": X.nbytes,
        "N": N,
        "repeat": reps,
        "dlnotes_cost_evals_per_call": math.ceil(N / RECORD_EVERY),
        "per_step_s": per_step,
        "spread": {k: spread(v) for k, v in times.items()},
        # 最小值（"最好的一次"）受别的进程干扰最少；目标按中位数判断，最小值之比作参考
        "per_step_min_s": {k: min(v) / N for k, v in times.items()},
        "GBps_X_2passes": {k: 2 * X.nbytes / t / 1e9 for k, t in per_step.items()},
        "ratio_dlnotes_over_floor": per_step["dlnotes"] / per_step["floor"],
        "speedup_vs_textbook": per_step["textbook"] / per_step["dlnotes"],
        "proposed_speedup_vs_textbook": per_step["textbook"] / per_step["proposed"],
        "proposed_over_floor": per_step["proposed"] / per_step["floor"],
        "ratio_dlnotes_over_torch": per_step["dlnotes"] / per_step["torch"]
        if "torch" in per_step
        else None,
    }
    res["validation"] = validation_overhead(X, Y, repeat=max(5, repeat))
    if "overhead_s" in res["validation"]:
        res["validation"]["overhead_in_steps"] = (
            res["validation"]["overhead_s"] / per_step["dlnotes"]
        )
        # optimize 默认 num_iterations=100：检查开销占一次默认调用的多少
        res["validation"]["share_at_100_iterations"] = res["validation"]["overhead_s"] / (
            res["validation"]["overhead_s"] + 100 * per_step["dlnotes"]
        )
    # 结果一致性：dlnotes 与课本写法走同样的 N 步，参数应当一致（检查基准本身没有测错东西）
    params, _, _ = optimize(w0, 0.0, X, Y, num_iterations=3, learning_rate=LEARNING_RATE)
    w_tb, b_tb, _ = textbook_run(w0, 0.0, X, Y, 3, LEARNING_RATE)
    tol = 1e-4 if dtype == "float32" else 1e-10
    res["agree_with_textbook"] = bool(
        np.allclose(params["w"], w_tb, rtol=tol, atol=tol) and abs(params["b"] - float(b_tb)) < tol
    )
    return res


def breakdown(n_x: int, m: int, dtype: str, repeat: int) -> dict:
    """一步里每个操作各花多少时间：dlnotes 的 core.propagate 与课本写法逐项对照（每项内部重复 k 次）。"""
    from dlnotes.core.activations import sigmoid as _sigmoid
    from dlnotes.core.logistic import propagate
    from dlnotes.core.losses import loss_from_logits

    X, Y = make_data(n_x, m, dtype)
    w = (np.random.default_rng(2).standard_normal((n_x, 1)) * 0.1).astype(dtype)
    b = 0.1
    Z = w.T @ X + b
    A = _sigmoid(Z)
    dZ = A - Y
    k = max(3, min(500, int(2e-2 / max(2 * X.nbytes / 20e9, 2e-6))))
    ops = {
        "Z = w.T @ X + b": lambda: w.T @ X + b,
        "X @ dZ.T / m": lambda: (X @ dZ.T) / m,
        "dlnotes _sigmoid(Z)": lambda: _sigmoid(Z),
        "课本 1/(1+exp(-Z))": lambda: 1 / (1 + np.exp(-Z)),
        "建议的 _sigmoid（errstate + 课本公式）": lambda: proposed_sigmoid(Z),
        "dZ = A - Y": lambda: A - Y,
        "db = float(dZ.mean())": lambda: float(dZ.mean()),
        "dlnotes 代价 cost_from_logits": lambda: float(np.mean(loss_from_logits(Z, Y))),
        "课本代价（每步）": lambda: -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)),
        "两次矩阵-向量乘（floor）": lambda: (w.T @ X, X @ dZ.T),
        "dlnotes core.propagate（含代价）": lambda: propagate(w, b, X, Y),
        "建议：换成建议的 σ（不含代价）": lambda: _proposed_step(w, b, X, Y),
        "建议：再改成原地运算": lambda: _proposed_inplace_step(w, b, X, Y),
        "课本一步（含代价）": lambda: _textbook_step(w, b, X, Y),
    }
    loops = {name: (lambda f=f: [f() for _ in range(k)]) for name, f in ops.items()}
    with np.errstate(all="ignore"):
        t = interleaved(loops, repeat=repeat)
    # 建议的写法与 dlnotes 的 core.propagate 算出的梯度必须一致
    grads0, _ = propagate(w, b, X, Y)
    dw0, db0 = grads0["dw"], grads0["db"]
    tol = 1e-5 if dtype == "float32" else 1e-12
    agree = all(
        np.allclose(dw, dw0, rtol=tol, atol=tol) and abs(db - db0) <= tol
        for dw, db in (_proposed_step(w, b, X, Y), _proposed_inplace_step(w, b, X, Y))
    )
    return {
        "n_x": n_x,
        "m": m,
        "dtype": dtype,
        "k": k,
        "op_s": {n: median(v) / k for n, v in t.items()},
        "proposed_agree_with_step": bool(agree),
    }


def summarize(cases: list[dict], has_torch: bool) -> dict:
    def by(n_x, m):
        return [c for c in cases if (c["n_x"], c["m"]) == (n_x, m)]

    large = [c for c in cases if (c["n_x"], c["m"]) in ((12_288, 209), (784, 60_000))]
    t_floor = {f"{c['n_x']}x{c['m']} {c['dtype']}": c["ratio_dlnotes_over_floor"] for c in large}
    t_text = {f"{c['n_x']}x{c['m']} {c['dtype']}": c["speedup_vs_textbook"] for c in by(64, 10_000)}
    targets = {
        "large sizes: dlnotes / floor <= 1.2": {
            "values": t_floor,
            "met": all(v <= 1.2 for v in t_floor.values()),
        },
        "(64, 10000): textbook / dlnotes >= 1.4": {
            "values": t_text,
            "met": all(v >= 1.4 for v in t_text.values()),
        },
    }
    if has_torch:
        t_torch = {
            f"{c['n_x']}x{c['m']} {c['dtype']}": c["ratio_dlnotes_over_torch"] for c in cases
        }
        targets["never slower than torch: dlnotes / torch <= 1.0"] = {
            "values": t_torch,
            "met": all(v <= 1.0 for v in t_torch.values()),
        }
    else:
        targets["never slower than torch: dlnotes / torch <= 1.0"] = {
            "values": {},
            "met": None,
            "note": "torch not installed",
        }
    return targets


def run(quick: bool = False, threads: int | None = None) -> dict:
    try:
        import torch
    except ImportError:
        torch = None
    from threadpoolctl import threadpool_info, threadpool_limits

    if threads:
        threadpool_limits(limits=threads, user_api="blas")

    blas_threads = max(
        (d.get("num_threads") or 1 for d in threadpool_info() if d.get("user_api") == "blas"),
        default=1,
    )
    if torch is not None:
        torch.set_num_threads(blas_threads)  # 与 numpy 的 BLAS 用同样多的线程
    repeat = 3 if quick else 9
    out: dict = {
        "blas": blas_info(),
        "blas_threads": blas_threads,
        "torch": None
        if torch is None
        else {"version": torch.__version__, "threads": torch.get_num_threads()},
    }
    out["stream"] = stream(64 * 2**20 if quick else 256 * 2**20, repeat=3 if quick else 5)
    out["checks"] = count_checks()
    cases = []
    for n_x, m in SIZES:
        for dtype in DTYPES:
            c = bench_case(n_x, m, dtype, torch, repeat, quick)
            cases.append(c)
            print(
                f"  gd_step {n_x}x{m} {dtype}: dlnotes {fmt_time(c['per_step_s']['dlnotes'])}/step, "
                f"floor x{c['ratio_dlnotes_over_floor']:.2f}, textbook/dlnotes {c['speedup_vs_textbook']:.2f}",
                file=sys.stderr,
                flush=True,
            )
    out["cases"] = cases
    out["targets"] = summarize(cases, torch is not None)
    out["breakdown"] = [breakdown(64, 10_000, dt, repeat) for dt in DTYPES]
    return out


def tables(res: dict) -> str:
    has_torch = res.get("torch") is not None
    no_torch = "torch not installed"
    rows, rrows = [], []
    for c in res["cases"]:
        p, g = c["per_step_s"], c["GBps_X_2passes"]
        size = f"({c['n_x']}, {c['m']})"
        rows.append(
            [
                size,
                c["dtype"],
                fmt_bytes_short(c["X_bytes"]),
                c["N"],
                fmt_time(p["floor"]),
                fmt_time(p["dlnotes"]),
                fmt_time(p["dlnotes optimize"]),
                fmt_time(p["textbook"]),
                fmt_time(p["torch"]) if has_torch else no_torch,
                fmt_time(p["proposed"]),
                f"{g['floor']:.1f} / {g['dlnotes']:.1f}",
            ]
        )
        mn = c.get("per_step_min_s", p)

        def r(a, b, p=p, mn=mn):
            """中位数之比（最小值之比）。"""
            return f"{p[a] / p[b]:.2f} ({mn[a] / mn[b]:.2f})"

        rrows.append(
            [
                size,
                c["dtype"],
                r("dlnotes", "floor"),
                r("textbook", "dlnotes"),
                r("dlnotes", "torch") if has_torch else no_torch,
                r("proposed", "floor"),
                r("textbook", "proposed"),
                r("proposed", "torch") if has_torch else no_torch,
                " / ".join(f"{c['spread'][k]:.2f}" for k in ("floor", "dlnotes", "textbook")),
            ]
        )
    head = [
        "(n_x, m)",
        "dtype",
        "X",
        "N",
        "floor",
        "dlnotes（内层循环）",
        "optimize（含检查，÷N）",
        "textbook",
        "torch",
        "建议的 σ",
        "GB/s 读 X（floor / dlnotes）",
    ]
    rhead = [
        "(n_x, m)",
        "dtype",
        "dlnotes ÷ floor",
        "textbook ÷ dlnotes",
        "dlnotes ÷ torch",
        "建议 ÷ floor",
        "textbook ÷ 建议",
        "建议 ÷ torch",
        "离散度 floor/dlnotes/textbook",
    ]
    parts = [
        "每步用时（中位数）：",
        "",
        md_table(head, rows),
        "",
        "比值：中位数之比（括号里是最小值之比）。同一次运行、交错计时；离散度 = (最大 − 最小) / 中位数：",
        "",
        md_table(rhead, rrows),
        "",
    ]
    s = res["stream"]
    parts += [
        f"内存带宽（同一次运行，数组 {s['array_bytes'] / 2**20:.0f} MiB ≫ L3）："
        f"numpy copy {s['copy_GBps']:.1f} GB/s（单线程），"
        f"BLAS ddot 只读 {s['read_blas_GBps']:.1f} GB/s（{res['blas_threads']} 线程）/ "
        f"{s['read_blas_1thread_GBps']:.1f} GB/s（1 线程）。",
        "",
    ]
    vrows = []
    for c in res["cases"]:
        v = c["validation"]
        if "overhead_s" in v:
            vrows.append(
                [
                    f"({c['n_x']}, {c['m']})",
                    c["dtype"],
                    fmt_time(v["optimize_N1_s"]),
                    fmt_time(v["unchecked_N1_s"]),
                    fmt_time(v["overhead_s"]),
                    f"{v['overhead_in_steps']:.2f}",
                    f"{100 * v['share_at_100_iterations']:.1f}%",
                ]
            )
    parts += [
        md_table(
            [
                "(n_x, m)",
                "dtype",
                "optimize N=1",
                "_optimize N=1（不检查）",
                "检查开销/次调用",
                "≈ 几步的时间",
                "占 num_iterations=100 一次调用的比例",
            ],
            vrows,
        ),
        "",
    ]
    for bd in res.get("breakdown", []):
        ops = bd["op_s"]
        parts += [
            f"一步里各操作的用时，({bd['n_x']}, {bd['m']}) {bd['dtype']}（每项内部重复 {bd['k']} 次取中位数；"
            f"建议写法与 _step 的梯度一致：{bd['proposed_agree_with_step']}）：",
            "",
            md_table(["操作", "用时"], [[n, fmt_time(v)] for n, v in ops.items()]),
            "",
        ]
    ch = res["checks"]
    parts.append(
        f"输入检查次数（把 dlnotes.logistic 用到的 _checks 函数换成计数包装）：N=1 → {ch['counts']['1']}，"
        f"N=50 → {ch['counts']['50']}；每次调用只检查一次：{ch['validated_once_per_call']}。"
    )
    parts += [
        "",
        md_table(
            ["目标", "数值", "结果"],
            [
                [
                    k,
                    ", ".join(f"{n}: {x:.2f}" for n, x in t["values"].items()) or t.get("note", ""),
                    verdict(t["met"]),
                ]
                for k, t in res["targets"].items()
            ],
        ),
    ]
    return "\n".join(parts)


def fmt_bytes_short(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 2**10:.0f} KiB"


def probe() -> dict:
    """只测下限（两次矩阵-向量乘），给 run_all 对比 OPENBLAS_* 变量设与不设时用。"""
    out = {
        "blas": blas_info(),
        "openblas_env": {k: os.environ.get(k) for k in OPENBLAS_VARS},
        "floor_s": {},
    }
    for n_x, m in ((64, 10_000), (784, 60_000)):
        X, _ = make_data(n_x, m, "float64")
        w = np.zeros((n_x, 1))
        dz = np.ones((1, m))
        N = 200 if n_x == 64 else 3
        t = interleaved({"floor": lambda X=X, w=w, dz=dz, N=N: floor_run(w, X, dz, N)}, repeat=5)
        out["floor_s"][f"{n_x}x{m}"] = median(t["floor"]) / N
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="更少的重复次数，只用于检查脚本能跑")
    ap.add_argument("--probe", action="store_true", help="只测下限与 BLAS 内核（run_all 用）")
    ap.add_argument(
        "--threads", type=int, default=None, help="BLAS 与 torch 的线程数（默认：BLAS 的默认值）"
    )
    ap.add_argument("--json", type=Path, default=OUT / "gd_step.json")
    args = ap.parse_args(argv)
    if args.probe:
        res = probe()
        write_json(args.json, res)
        print(res)
        return 0
    res = run(quick=args.quick, threads=args.threads)
    write_json(args.json, res)
    print(tables(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
