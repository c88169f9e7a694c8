"""执行一个构建脚本：导入它，调用 ``build()``，把结果变成站点文件的字节。

每种脚本一个运行函数，签名都是 ``(脚本路径) -> (字节, 用时秒数)``，都是模块级函数
（进程池按名字 pickle 它们，子进程里再导入本模块）：

* `run_figure`：``build()`` 返回 matplotlib ``Figure`` → 可复现的 SVG（固定 hash 盐、不写日期），
  再经 `sitebuild.svgmin.minify` 变小（画出来不变）；图中有 NaN/inf、或字体缺字（中文会画成方框）时报错；
* `run_data`：``build()`` 返回 ``dict`` → 紧凑、键排序的 JSON（交互图的数据）；
  值里有 NaN/inf 或不是 JSON 类型（例如没 ``.tolist()`` 的 numpy 数组）时报错。

错误信息都以脚本路径开头。matplotlib 与 ``dlnotes.plotting`` 在函数里才导入：
父进程（MkDocs）只需要函数的名字，不必为此加载 pyplot。
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import math
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from . import svgmin


@contextlib.contextmanager
def _script_build(path: Path) -> Iterator[Callable[[], Any]]:
    """导入脚本，交出它的 ``build``；结束时把临时模块从 ``sys.modules`` 移走。"""
    name = f"_dlnotes_build_script_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ValueError(f"{path}: 无法作为 Python 模块加载")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
        build = getattr(module, "build", None)
        if not callable(build):
            raise ValueError(f"{path}: 构建脚本必须定义 build()")
        yield build
    finally:
        sys.modules.pop(name, None)


def run_figure(path: str | Path) -> tuple[bytes, float]:
    """执行图脚本，返回 ``(SVG 字节, 用时秒数)``。

    脚本抛出的异常原样向上传；``build()`` 没有返回 Figure、图中有 NaN/inf、字体缺字时
    抛出 ``ValueError``，信息里带上脚本路径。
    """
    import matplotlib
    from matplotlib.figure import Figure

    from dlnotes.plotting import find_nonfinite, setup, svg_bytes

    path = Path(path)
    start = time.perf_counter()
    setup()
    try:
        with warnings.catch_warnings(), _script_build(path) as build:
            # 字体里缺字（matplotlib 的 "Glyph ... missing" 警告）会画成方框：当作错误
            warnings.filterwarnings("error", message=r"Glyph .* missing from")
            with matplotlib.rc_context():
                fig = build()
            if not isinstance(fig, Figure):
                raise ValueError(f"{path}: build() 应返回 matplotlib.figure.Figure，实际返回 {type(fig).__name__}")
            problems = find_nonfinite(fig)
            if problems:
                raise ValueError(f"{path}: 图中出现 NaN/inf：" + "；".join(problems))
            data = svgmin.minify(svg_bytes(fig), where=str(path))
    except UserWarning as exc:
        if "Glyph" not in str(exc):
            raise
        raise ValueError(f"{path}: 图中有字体缺失的字符（会显示成方框）：{exc}") from None
    return data, time.perf_counter() - start


def _first_nonfinite(value: Any, where: str = "") -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return where or "（顶层）"
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list | tuple):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        found = _first_nonfinite(item, f"{where}[{key!r}]")
        if found:
            return found
    return None


def run_data(path: str | Path) -> tuple[bytes, float]:
    """执行数据脚本，返回 ``(JSON 字节, 用时秒数)``：``build()`` 必须返回 ``dict``。

    输出紧凑、键排序、UTF-8，两次运行逐字节相同（只要数据本身确定）。
    """
    path = Path(path)
    start = time.perf_counter()
    with _script_build(path) as build:
        data = build()
    if not isinstance(data, dict):
        raise ValueError(f"{path}: build() 应返回 dict（写成 JSON），实际返回 {type(data).__name__}")
    bad = _first_nonfinite(data)
    if bad:
        raise ValueError(f"{path}: 数据中出现 NaN/inf：位置 {bad}")
    try:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    except TypeError as exc:
        raise TypeError(f"{path}: build() 返回的数据不能写成 JSON（numpy 数组请先 .tolist()）：{exc}") from None
    return text.encode("utf-8"), time.perf_counter() - start
