"""所有公开函数共用的输入检查：一处实现，一种措辞。

约定（与笔记一致）：

- ``X`` 的形状是 ``(n_x, m)``，每一列是一个样本；
- ``Y`` 的形状是 ``(1, m)``，取值只能是 0 或 1；
- ``w`` 的形状是 ``(n_x, 1)``，``b`` 是一个实数。

出错时抛出 ``TypeError``（类型不对）或 ``ValueError``（值或形状不对），
信息里同时写出"期望什么"和"实际收到什么"。这些函数从不修改传入的数组。
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Mapping, Sequence

import numpy as np

__all__ = [
    "as_array",
    "as_scalar",
    "check_shape",
    "check_labels",
    "check_probabilities",
    "check_same_m",
    "check_positive_int",
    "check_positive_float",
    "check_finite",
    "check_choice",
    "check_bool",
    "check_mapping",
    "check_layer_parameters",
    "check_grads_like",
]

Dim = int | str | None


def _describe(x: object) -> str:
    if isinstance(x, np.ndarray):
        return f"numpy.ndarray(dtype={x.dtype}, shape={x.shape})"
    return type(x).__name__


def as_array(x: object, name: str, *, ndim: int | None = None, allow_empty: bool = False) -> np.ndarray:
    """把输入转成浮点 ``ndarray``，并检查类型、维数、空数组和 NaN/inf。

    整数与布尔数组会转成 ``float64``；``float32``/``float64`` 保持原 dtype
    （不复制）。字符串、``None``、对象数组、复数一律 ``TypeError``。
    """
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name} 应为数值数组，实际收到 {_describe(x)}")
    if isinstance(x, np.ndarray):
        arr = x
    else:
        try:
            arr = np.asarray(x)
        except (ValueError, TypeError) as exc:  # 参差不齐的嵌套列表等
            raise TypeError(f"{name} 应为数值数组，实际收到无法转换的 {_describe(x)}：{exc}") from None
    if arr.dtype == np.bool_ or np.issubdtype(arr.dtype, np.integer):
        arr = arr.astype(np.float64)
    elif arr.dtype not in (np.float32, np.float64):
        if np.issubdtype(arr.dtype, np.floating):  # float16 / longdouble
            arr = arr.astype(np.float64)
        else:
            raise TypeError(f"{name} 应为实数数组（int/float），实际 dtype 为 {arr.dtype}")
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} 应为 {ndim} 维数组，实际是 {arr.ndim} 维，形状 {arr.shape}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} 不能为空数组，实际形状 {arr.shape}")
    check_finite(arr, name)
    return arr


def check_finite(arr: np.ndarray, name: str) -> None:
    """数组里出现 NaN 或 ±inf 时抛出 ``ValueError``。"""
    # 快速路径：和是有限数，则每个元素都是有限数（不分配布尔数组，大 X 上快约 2.5 倍）；
    # 和溢出成 inf 时不能下结论，再逐元素检查。
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(arr.sum()):
            return
    if not np.all(np.isfinite(arr)):
        n_nan = int(np.isnan(arr).sum())
        n_inf = int(np.isinf(arr).sum())
        raise ValueError(f"{name} 应只含有限实数，实际含有非有限值：{n_nan} 个 NaN、{n_inf} 个 inf")


def as_scalar(x: object, name: str) -> float:
    """检查 ``x`` 是有限的实数（Python 数或 0 维/单元素数组），返回 ``float``。"""
    if isinstance(x, bool) or x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name} 应为实数，实际收到 {_describe(x)}")
    if isinstance(x, np.ndarray):
        if x.size != 1:
            raise ValueError(f"{name} 应为单个实数，实际收到形状 {x.shape} 的数组")
        x = x.reshape(()).item()
    if isinstance(x, np.generic):
        x = x.item()
    if not isinstance(x, numbers.Real):
        raise TypeError(f"{name} 应为实数，实际收到 {_describe(x)}")
    value = float(x)
    if not np.isfinite(value):
        raise ValueError(f"{name} 应为有限实数，实际是 {value}")
    return value


def _fmt_expected(expected: Sequence[Dim]) -> str:
    return "(" + ", ".join("任意" if d is None else str(d) for d in expected) + ("," if len(expected) == 1 else "") + ")"


def check_shape(arr: np.ndarray, name: str, expected: Sequence[Dim], *, labels: Sequence[str] | None = None) -> None:
    """检查形状。``expected`` 中的整数必须相等，字符串或 ``None`` 表示任意长度。

    ``labels`` 给出各维的符号名（如 ``("n_x", "m")``），用于错误信息，例如
    「X 的形状应为 (n_x, m) = (2, m)，实际是 (3, 5)」。
    """
    ok = arr.ndim == len(expected) and all(
        not isinstance(e, int) or e == s for e, s in zip(expected, arr.shape)
    )
    if ok:
        return
    if labels is not None:
        sym = "(" + ", ".join(labels) + ")"
        concrete = _fmt_expected([e if isinstance(e, int) else lab for e, lab in zip(expected, labels)])
        raise ValueError(f"{name} 的形状应为 {sym} = {concrete}，实际是 {arr.shape}")
    raise ValueError(f"{name} 的形状应为 {_fmt_expected(expected)}，实际是 {arr.shape}")


def check_labels(Y: np.ndarray, name: str = "Y") -> None:
    """标签只能取 0 或 1。"""
    bad = (Y != 0) & (Y != 1)
    if np.any(bad):
        examples = np.unique(Y[bad])[:5]
        raise ValueError(f"{name} 的取值只能是 0 或 1，实际出现了 {examples.tolist()}")


def check_probabilities(A: np.ndarray, name: str = "y_hat", *, open_interval: bool = False) -> None:
    """概率必须落在 [0, 1]（``open_interval=True`` 时为 (0, 1)）。"""
    if open_interval:
        bad = (A <= 0) | (A >= 1)
        rng = "(0, 1)"
    else:
        bad = (A < 0) | (A > 1)
        rng = "[0, 1]"
    if np.any(bad):
        examples = np.unique(A[bad])[:5]
        raise ValueError(f"{name} 是概率，应落在 {rng} 内，实际出现了 {examples.tolist()}")


def check_same_m(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    """两个数组的样本数（第二维 m）必须相同。"""
    if a.shape[-1] != b.shape[-1]:
        raise ValueError(
            f"{name_a} 与 {name_b} 的样本数 m 应相同，实际 {name_a} 有 {a.shape[-1]} 个"
            f"（形状 {a.shape}），{name_b} 有 {b.shape[-1]} 个（形状 {b.shape}）"
        )


def check_positive_int(n: object, name: str, *, minimum: int = 1) -> int:
    """检查 ``n`` 是不小于 ``minimum`` 的整数（``bool`` 不算整数）。"""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"{name} 应为整数，实际收到 {_describe(n)}")
    if n < minimum:
        raise ValueError(f"{name} 应为 >= {minimum} 的整数，实际是 {n}")
    return int(n)


def check_positive_float(x: object, name: str, *, allow_zero: bool = False) -> float:
    """检查 ``x`` 是正的有限实数（``allow_zero=True`` 时允许 0）。"""
    value = as_scalar(x, name)
    if value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} 应为 {bound} 的实数，实际是 {value}")
    return value


def check_choice(value: object, name: str, choices: Sequence[str]) -> str:
    """``value`` 必须是 ``choices`` 中的一个字符串。"""
    allowed = ", ".join(repr(c) for c in choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} 应为字符串 {allowed} 之一，实际收到 {_describe(value)}")
    if value not in choices:
        raise ValueError(f"{name} 应为 {allowed} 之一，实际是 {value!r}")
    return value


def check_bool(value: object, name: str) -> bool:
    """``value`` 必须是 ``bool``（或 ``numpy.bool_``）；``0``/``1`` 这类整数不算。"""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} 应为 bool（True 或 False），实际收到 {_describe(value)}")
    return bool(value)


def check_mapping(obj: object, name: str, keys: Sequence[str]) -> None:
    """``obj`` 必须是字典，且包含 ``keys`` 中的每一个键。"""
    if not isinstance(obj, Mapping):
        raise TypeError(f"{name} 应为字典，包含键 {list(keys)}，实际收到 {_describe(obj)}")
    missing = [k for k in keys if k not in obj]
    if missing:
        raise ValueError(f"{name} 应包含键 {list(keys)}，缺少 {missing}")


_PARAM_KEY = re.compile(r"^[Wb](\d+)$")


def check_layer_parameters(
    parameters: object, n_x: int | None = None, *, L: int | None = None,
    dim_names: Sequence[str] | None = None,
) -> tuple[dict[str, np.ndarray], int]:
    """检查 ``W1, b1, …, WL, bL`` 的存在与形状，返回 (二维数组字典, L)。

    ``W^[l]`` 形状 (n_l, n_{l-1})，``b^[l]`` 形状 (n_l, 1)；n_0 取自 ``n_x``（给出时），
    n_l 取自 ``W^[l]`` 的行数。给出 ``L`` 时层数必须恰好是 ``L``。多余的键被忽略。
    ``dim_names`` 是 n_0 … n_L 在错误信息里的名字（默认 ``n_0``、``n_1`` ……；浅层网络用
    ``("n_x", "n_h", "n_y")``）。
    """
    if not isinstance(parameters, Mapping):
        raise TypeError(f"parameters 应为字典 {{'W1': ..., 'b1': ..., ...}}，实际收到 {_describe(parameters)}")
    layers = {int(mt.group(1)) for k in parameters if isinstance(k, str) and (mt := _PARAM_KEY.match(k))}
    n_layers = max(layers, default=0) if L is None else L
    expected = [f"{c}{layer}" for layer in range(1, n_layers + 1) for c in "Wb"]
    missing = [k for k in expected if k not in parameters]
    if n_layers == 0 or missing:
        which = "W1, b1, …, WL, bL（层号从 1 连续编号）" if L is None else ", ".join(expected)
        raise ValueError(
            f"parameters 应包含 {which}，实际的键是 {sorted(map(str, parameters))}"
            + (f"，缺少 {missing}" if missing else "")
        )
    names = list(dim_names) if dim_names is not None else [f"n_{i}" for i in range(n_layers + 1)]
    p: dict[str, np.ndarray] = {}
    n_prev = n_x
    for layer in range(1, n_layers + 1):
        W = as_array(parameters[f"W{layer}"], f"W{layer}", ndim=2)
        check_shape(W, f"W{layer}", (None, n_prev), labels=(names[layer], names[layer - 1]))
        b = as_array(parameters[f"b{layer}"], f"b{layer}", ndim=2)
        check_shape(b, f"b{layer}", (W.shape[0], 1), labels=(names[layer], "1"))
        p[f"W{layer}"], p[f"b{layer}"] = W, b
        n_prev = W.shape[0]
    return p, n_layers


def check_grads_like(grads: object, params: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``grads`` 对每个参数 ``k`` 都有形状相同的 ``"d" + k``；返回这些梯度（多余的键被忽略）。"""
    expected = ["d" + k for k in params]
    if not isinstance(grads, Mapping):
        raise TypeError(f"grads 应为字典，包含键 {expected}，实际收到 {_describe(grads)}")
    missing = [k for k in expected if k not in grads]
    if missing:
        raise ValueError(f"grads 应包含 {expected}（与参数一一对应），缺少 {missing}")
    g = {}
    for k, value in params.items():
        dk = "d" + k
        g[dk] = as_array(grads[dk], dk, ndim=value.ndim)
        if g[dk].shape != value.shape:
            raise ValueError(f"{dk} 的形状应与 {k} 相同，即 {value.shape}，实际是 {g[dk].shape}")
    return g
