"""L 层网络里每个矩阵的形状：笔记（三）手写数字例子中真实用到的网络。

层结构 `LAYER_DIMS = [64, 20, 7, 5, 1]`，m 是训练集的样本数（由
`dlnotes.datasets.load_digits` 与 `dlnotes.datasets.train_test_split` 得到）。
图里的形状不是手写的：先用 `dlnotes.deep.initialize_parameters_deep` 初始化参数、
`dlnotes.deep.L_model_forward` 做一次真实的前向传播，读出每个数组的 `shape`，
并与 `dlnotes.deep.parameter_shapes` 的结果核对。
"""

from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from dlnotes.datasets import load_digits, train_test_split
from dlnotes.deep import L_model_forward, initialize_parameters_deep, parameter_shapes
from dlnotes.plotting import COLORS, new_figure

LAYER_DIMS = [64, 20, 7, 5, 1]
DIGITS = (3, 8)

BOX_W, BOX_H, GAP = 2.2, 2.6, 0.75


def real_shapes():
    """一次真实前向传播里各数组的形状：[(l, W, b, Z, A), ...]，以及 X 的形状。"""
    X, Y = load_digits(DIGITS)
    X_train, _, _, _ = train_test_split(X, Y, test_size=0.3, seed=0)
    params = initialize_parameters_deep(LAYER_DIMS, seed=1)
    AL, caches = L_model_forward(X_train, params)
    rows = []
    for layer, ((_A_prev, W, b), Z) in enumerate(caches, start=1):
        A = caches[layer][0][0] if layer < len(caches) else AL  # A^[l] 是下一层缓存里的 A_prev
        rows.append({"l": layer, "n": W.shape[0], "W": W.shape, "b": b.shape, "Z": Z.shape, "A": A.shape})
    assert rows == parameter_shapes(LAYER_DIMS, X_train.shape[1]), "真实形状与 parameter_shapes 不一致"
    return X_train.shape, rows


def _box(ax, x, title, lines, color):
    ax.add_patch(FancyBboxPatch((x, 0), BOX_W, BOX_H, boxstyle="round,pad=0.05,rounding_size=0.15",
                                facecolor=color, alpha=0.12, edgecolor=color, lw=1.5))
    ax.text(x + BOX_W / 2, BOX_H - 0.38, title, ha="center", va="center", fontsize=11, linespacing=1.3)
    for k, line in enumerate(lines):
        ax.text(x + BOX_W / 2, BOX_H - 1.0 - 0.4 * k, line, ha="center", va="center", fontsize=10.5)


def build():
    x_shape, rows = real_shapes()
    n_boxes = len(rows) + 1
    fig, ax = new_figure(1, 1, figsize=(9.5, 3.6))
    ax.set_xlim(-0.2, n_boxes * BOX_W + (n_boxes - 1) * GAP + 0.2)
    ax.set_ylim(-0.95, BOX_H + 0.1)
    ax.set_axis_off()

    _box(ax, 0, "输入层 l = 0\n" + rf"$n_0 = n_x = {x_shape[0]}$", [r"$A^{[0]} = X$:", f"{x_shape}"],
         COLORS["gray"])
    for k, r in enumerate(rows, start=1):
        layer = r["l"]
        x = k * (BOX_W + GAP)
        kind = "输出层" if layer == len(rows) else "隐藏层"
        g = r"\sigma" if layer == len(rows) else r"\mathrm{ReLU}"
        lines = [
            rf"$W^{{[{layer}]}}$: {r['W']}",
            rf"$b^{{[{layer}]}}$: {r['b']}",
            rf"$Z^{{[{layer}]}}$: {r['Z']}",
            rf"$A^{{[{layer}]}}$: {r['A']}",
        ]
        _box(ax, x, f"{kind} l = {layer}\n{r['n']} 个单元", lines,
             COLORS["orange"] if layer == len(rows) else COLORS["blue"])
        arrow = FancyArrowPatch((x - GAP + 0.05, BOX_H / 2), (x - 0.05, BOX_H / 2), arrowstyle="-|>",
                                mutation_scale=14, color=COLORS["gray"], lw=1.3)
        ax.add_patch(arrow)
        ax.text(x - GAP / 2, BOX_H / 2 + 0.2, f"${g}$", ha="center", va="bottom", fontsize=9,
                color=COLORS["gray"])
    m = x_shape[1]
    ax.text(0, -0.2, f"m = {m}（训练集样本数）。规律：$W^{{[l]}}$ 是 $(n_l, n_{{l-1}})$，"
            r"$b^{[l]}$ 是 $(n_l, 1)$，$Z^{[l]}$ 和 $A^{[l]}$ 是 $(n_l, m)$；"
            "\ndW、db、dZ、dA 分别与 W、b、Z、A 同形状",
            ha="left", va="top", fontsize=10, color=COLORS["gray"], linespacing=1.5)
    ax.set_title(f"L = {len(rows)} 层网络 {LAYER_DIMS} 中每个矩阵的形状（取自一次真实的前向传播）")
    return fig
