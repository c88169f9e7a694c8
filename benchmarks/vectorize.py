"""向量化的收益：课程里 "for i in range(m)" 的循环写法 vs 向量化写法，同一份数据、同一次运行。

一次前向 + 反向（代价与梯度）：

* 课程伪代码：对样本循环、对特征循环（``dw_j += x_j^{(i)} dz^{(i)}``），直接逐个取 numpy 数组的元素；
* ``dlnotes.propagate_loop``：库里的循环版（先转成 Python 列表，纯 Python 能做到的最快程度）；
* ``vectorised (课本)``：``A = 1/(1+exp(-(w.T X + b)))``、``dw = X (A-Y)ᵀ / m``；
* ``dlnotes.propagate``：库里的公开函数（含输入检查）。

三者算出的 ``dw, db, J`` 必须一致（脚本会核对），比值 = 循环时间 / 向量化时间。

运行：``python -m benchmarks.vectorize [--n-x 64 --m 2000]``。
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from benchmarks._common import OUT, fmt_time, interleaved, md_table, median, write_json  # noqa: E402


def loop_numpy(w, b, X, Y):
    """课程的非向量化版本：两层 for 循环，逐个读 numpy 元素。"""
    n_x, m = X.shape
    J = 0.0
    dw = np.zeros((n_x, 1))
    db = 0.0
    for i in range(m):
        z = b
        for j in range(n_x):
            z += w[j, 0] * X[j, i]
        a = 1 / (1 + math.exp(-z))
        y = Y[0, i]
        J += -(y * math.log(a) + (1 - y) * math.log(1 - a))
        dz = a - y
        for j in range(n_x):
            dw[j, 0] += X[j, i] * dz
        db += dz
    return dw / m, db / m, J / m


def vectorised(w, b, X, Y):
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    J = -1 / m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    dw = 1 / m * np.dot(X, (A - Y).T)
    db = 1 / m * np.sum(A - Y)
    return dw, float(db), float(J)


def run(n_x: int = 64, m: int = 2000, repeat: int = 5) -> dict:
    from dlnotes.logistic import propagate, propagate_loop

    rng = np.random.default_rng(0)
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    w = rng.standard_normal((n_x, 1)) * 0.1
    b = 0.1

    def dl():
        grads, J = propagate(w, b, X, Y)
        return grads["dw"], grads["db"], J

    def lib_loop():
        grads, J = propagate_loop(w, b, X, Y)
        return grads["dw"], grads["db"], J

    funcs = {
        "loop（课程伪代码，逐个取 numpy 元素）": lambda: loop_numpy(w, b, X, Y),
        "dlnotes.propagate_loop（Python 列表）": lib_loop,
        "vectorised (课本)": lambda: vectorised(w, b, X, Y),
        "dlnotes.propagate": dl,
    }
    results = {k: f() for k, f in funcs.items()}
    ref = results["vectorised (课本)"]
    agree = {
        k: bool(
            np.allclose(r[0], ref[0], rtol=1e-9, atol=1e-12)
            and math.isclose(r[1], ref[1], rel_tol=1e-9, abs_tol=1e-12)
            and math.isclose(r[2], ref[2], rel_tol=1e-9)
        )
        for k, r in results.items()
    }
    # 循环版本很慢：它们只跑 repeat 次；向量化版本很快，每次计时调用内部重复 k 次
    k = 200
    fast = {
        name: (lambda f=funcs[name]: [f() for _ in range(k)])
        for name in ("vectorised (课本)", "dlnotes.propagate")
    }
    slow = {name: f for name, f in funcs.items() if name not in fast}
    t = interleaved({**slow, **fast}, repeat=repeat, warmup=0)
    per_call = {name: median(v) / (k if name in fast else 1) for name, v in t.items()}
    ref_t = per_call["vectorised (课本)"]
    return {
        "n_x": n_x,
        "m": m,
        "repeat": repeat,
        "per_call_s": per_call,
        "agree": agree,
        "ratio_vs_vectorised": {name: s / ref_t for name, s in per_call.items()},
        "ratio_vs_propagate": {
            name: s / per_call["dlnotes.propagate"] for name, s in per_call.items()
        },
    }


def tables(res: dict) -> str:
    rows = [
        [
            name,
            fmt_time(s),
            f"{res['ratio_vs_vectorised'][name]:.1f}×",
            f"{res['ratio_vs_propagate'][name]:.1f}×",
            "是" if res["agree"][name] else "否",
        ]
        for name, s in res["per_call_s"].items()
    ]
    return (
        f"(n_x, m) = ({res['n_x']}, {res['m']})，一次前向 + 反向（代价与梯度），float64，"
        f"循环版各跑 {res['repeat']} 次取中位数\n\n"
        + md_table(["实现", "每次", "÷ 课本向量化", "÷ dlnotes.propagate", "结果一致"], rows)
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-x", type=int, default=64)
    ap.add_argument("--m", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", type=Path, default=OUT / "vectorize.json")
    args = ap.parse_args(argv)
    res = run(args.n_x, args.m, args.repeat)
    write_json(args.json, res)
    print(tables(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
