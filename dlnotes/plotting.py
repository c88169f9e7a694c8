"""画图的公共部分：中文字体、配色、可复现的 SVG 输出和几个常用图形。

本模块只认识 matplotlib：

- `setup` 注册随 ``pylopdf-fonts-zh-cn`` 安装的 Noto Sans SC（SIL OFL 1.1），
  让中文标签显示真正的字形；
- `new_figure` 不经过 pyplot 创建图，线程安全，也不会在 notebook 里重复显示；
- `svg_bytes` 以固定的 ``svg.hashsalt``、不写日期的方式输出 SVG，两次构建逐字节相同；
- `find_nonfinite` 列出图中含 NaN/inf 的曲线、散点、图像与文字。
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.figure import Figure

__all__ = [
    "COLORS",
    "FONT_FAMILY",
    "setup",
    "new_figure",
    "svg_bytes",
    "find_nonfinite",
    "plot_decision_boundary",
]

#: 配色（色盲友好的 Okabe–Ito 调色板的一部分）。
COLORS = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "red": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "gray": "#666666",
}

FONT_FAMILY = "Noto Sans SC"
_FONT_FILE = "NotoSansSC-Regular.otf"
_done = False


def _font_path() -> Path:
    try:
        root = resources.files("pylopdf_fonts_zh_cn")
    except ModuleNotFoundError:  # pragma: no cover - 依赖缺失时给出明确提示
        raise ModuleNotFoundError(
            "缺少中文字体包 pylopdf-fonts-zh-cn（Noto Sans SC），请运行 pip install -e ."
        ) from None
    return Path(str(root / _FONT_FILE))


def setup() -> None:
    """注册中文字体并设置全站统一的 matplotlib 样式（可重复调用）。"""
    global _done
    if _done:
        return
    path = _font_path()
    if FONT_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update(
        {
            # 中文用 Noto Sans SC，它缺的符号（如 −）回退到 DejaVu Sans
            "font.family": "sans-serif",
            "font.sans-serif": [FONT_FAMILY, "DejaVu Sans"],
            "axes.unicode_minus": True,
            "mathtext.fontset": "dejavusans",
            "font.size": 10,
            "axes.titlesize": 11,
            "axes.titleweight": "normal",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "legend.frameon": False,
            # 白底：深色模式下图依然清楚
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "savefig.facecolor": "white",
            "savefig.bbox": "tight",
            "savefig.pad_inches": 0.08,
            # 可复现的 SVG：固定 hash 盐，文字转成路径（浏览器不需要字体）
            "svg.hashsalt": "dlnotes",
            "svg.fonttype": "path",
            "path.simplify": True,
        }
    )
    _done = True


def new_figure(nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float] = (7.0, 4.0), **kwargs):
    """创建 ``(fig, axes)``，不经过 pyplot（不会留下全局状态）。

    参数与 `matplotlib.figure.Figure.subplots` 相同。
    """
    setup()
    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.subplots(nrows, ncols, **kwargs)
    return fig, axes


def svg_bytes(fig: Figure, title: str | None = None) -> bytes:
    """把图保存为 SVG 字节串；同样的图两次调用结果逐字节相同。

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        要保存的图。
    title : str, 可选
        图的文字说明，写成 SVG 根元素的第一个子元素 ``<title>``：单独打开 SVG 时是标签页的标题，
        读屏软件读它；用作 ``<img>`` 时可以拿来当 ``alt``。

    Returns
    -------
    bytes
        UTF-8 编码的 SVG。

    Raises
    ------
    TypeError
        ``title`` 不是字符串。
    ValueError
        ``title`` 是空白字符串。

    Examples
    --------
    >>> fig, ax = new_figure(figsize=(1, 1))
    >>> svg = svg_bytes(fig, title="损失 & 迭代次数").decode("utf-8")
    >>> root = svg.index("<svg")
    >>> svg[svg.index(">", root) + 1:].split("\\n")[1]
    ' <title>损失 &amp; 迭代次数</title>'
    >>> svg_bytes(fig) == svg_bytes(fig)
    True
    >>> svg_bytes(fig, title=" ")
    Traceback (most recent call last):
        ...
    ValueError: title 应为非空的说明文字，实际收到 ' '
    """
    if title is not None:
        if not isinstance(title, str):
            raise TypeError(f"title 应为字符串，实际收到 {type(title).__name__}")
        if not title.strip():
            raise ValueError(f"title 应为非空的说明文字，实际收到 {title!r}")
    setup()
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "dlnotes"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    if title is None:
        return svg
    start = svg.index(b"<svg")
    end = svg.index(b">", start) + 1
    return svg[:end] + f"\n <title>{xml_escape(title.strip())}</title>".encode() + svg[end:]


_NAN_TEXT = re.compile(r"(?<![A-Za-z])(nan|inf)(?![A-Za-z])", re.IGNORECASE)


def find_nonfinite(fig: Figure) -> list[str]:
    """列出图中含 NaN/inf 的元素（曲线、散点、图像、文字）；空列表表示干净。"""
    problems: list[str] = []

    def bad(values) -> bool:
        try:
            arr = np.asarray(values, dtype=float)
        except (TypeError, ValueError):
            return False
        return arr.size > 0 and not np.all(np.isfinite(arr))

    for i, ax in enumerate(fig.axes):
        where = f"第 {i + 1} 个坐标轴「{ax.get_title() or ax.get_label()}」"
        for line in ax.get_lines():
            if bad(line.get_xydata()):
                problems.append(f"{where} 的曲线 {line.get_label()!r} 含 NaN/inf")
        for coll in ax.collections:
            offsets = coll.get_offsets()
            if bad(offsets):
                problems.append(f"{where} 的 {type(coll).__name__} 含 NaN/inf")
            arr = coll.get_array()
            if arr is not None and bad(np.ma.getdata(arr)):
                problems.append(f"{where} 的 {type(coll).__name__} 颜色数据含 NaN/inf")
        for img in ax.get_images():
            data = img.get_array()
            # imshow 会把 NaN/inf 悄悄遮住（masked）；看遮罩下面的原始数据
            if data is not None and bad(np.ma.getdata(data)):
                problems.append(f"{where} 的图像含 NaN/inf")
        for text in [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]:
            if _NAN_TEXT.search(text.get_text()):
                problems.append(f"{where} 的文字 {text.get_text()!r} 含 nan/inf")
    for text in fig.texts:
        if _NAN_TEXT.search(text.get_text()):
            problems.append(f"图的文字 {text.get_text()!r} 含 nan/inf")
    return problems


def plot_decision_boundary(
    ax,
    predict: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    Y: np.ndarray,
    *,
    resolution: int = 200,
    margin: float = 0.5,
    labels: Sequence[str] = ("0", "1"),
    cmap: str = "RdBu",
) -> None:
    """在 ``ax`` 上画二维数据的决策边界。

    Parameters
    ----------
    ax : matplotlib Axes
    predict : callable
        接收形状 ``(2, k)`` 的点，返回形状 ``(1, k)`` 的 0/1 预测（或概率）。
    X : ndarray, shape (2, m)
    Y : ndarray, shape (1, m)
    resolution : int
        网格每个方向的点数。
    """
    x0_min, x0_max = X[0].min() - margin, X[0].max() + margin
    x1_min, x1_max = X[1].min() - margin, X[1].max() + margin
    g0, g1 = np.meshgrid(np.linspace(x0_min, x0_max, resolution), np.linspace(x1_min, x1_max, resolution))
    grid = np.vstack([g0.ravel(), g1.ravel()])
    Z = np.asarray(predict(grid), dtype=float).reshape(g0.shape)
    ax.contourf(g0, g1, Z, levels=[-0.01, 0.5, 1.01], colors=[COLORS["red"], COLORS["blue"]], alpha=0.18)
    ax.contour(g0, g1, Z, levels=[0.5], colors=[COLORS["gray"]], linewidths=1.0)
    y = np.asarray(Y).ravel()
    for cls, color, marker in ((0, COLORS["red"], "o"), (1, COLORS["blue"], "^")):
        sel = y == cls
        ax.scatter(X[0, sel], X[1, sel], s=14, c=color, marker=marker, edgecolors="white", linewidths=0.4,
                   label=labels[cls])
    ax.set_xlim(x0_min, x0_max)
    ax.set_ylim(x1_min, x1_max)
    ax.set_aspect("equal", adjustable="box")
