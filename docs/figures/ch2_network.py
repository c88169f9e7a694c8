"""单隐藏层神经网络的表示：3 个输入特征、4 个隐藏单元、1 个输出单元。

每个圆圈标出它的记号（x_j、a^[1]_i、a^[2]），每两层之间标出那一层参数的形状，
形状由 `LAYERS` 算出，不是手写的。
"""

from matplotlib.patches import Circle

from dlnotes.plotting import COLORS, new_figure

LAYERS = [3, 4, 1]  # n^[0] = n_x, n^[1] = n_h, n^[2] = n_y
DX, DY, R = 3.6, 1.0, 0.36


def build():
    pos = [[(DX * k, DY * ((n - 1) / 2 - i)) for i in range(n)] for k, n in enumerate(LAYERS)]
    fig, ax = new_figure(figsize=(8, 3.9))
    ax.set_axis_off()
    ax.set_aspect("equal")

    for left, right in zip(pos[:-1], pos[1:]):
        for x0, y0 in left:
            for x1, y1 in right:
                ax.plot([x0 + R, x1 - R], [y0, y1], color=COLORS["gray"], lw=0.8, alpha=0.6)

    colors = (COLORS["blue"], COLORS["orange"], COLORS["green"])
    for k, layer in enumerate(pos):
        for i, (x, y) in enumerate(layer):
            ax.add_patch(Circle((x, y), R, facecolor="white", edgecolor=colors[k], lw=2, zorder=3))
            if k == 0:
                label = rf"$x_{i + 1}$"
            elif k == len(LAYERS) - 1:
                label = r"$a^{[2]}$"
            else:
                label = rf"$a^{{[1]}}_{i + 1}$"
            ax.text(x, y, label, ha="center", va="center", fontsize=10, zorder=4)
    ax.annotate(r"$\hat{y} = a^{[2]}$", xy=(pos[-1][0][0] + R, 0), xytext=(pos[-1][0][0] + 1.1, 0),
                va="center", arrowprops={"arrowstyle": "<-", "color": COLORS["gray"]})

    top = max(LAYERS) * DY / 2 + 0.2
    names = [r"输入层 $x = a^{[0]}$", "隐藏层（第 1 层）", "输出层（第 2 层）"]
    for k, name in enumerate(names):
        ax.text(DX * k, top, name, ha="center", va="bottom", fontsize=10.5)
        ax.text(DX * k, -top, f"{LAYERS[k]} 个单元", ha="center", va="top", fontsize=9, color=COLORS["gray"])
    for k in range(1, len(LAYERS)):
        ax.text(DX * (k - 0.5), -top - 0.55,
                rf"$W^{{[{k}]}}$: ({LAYERS[k]}, {LAYERS[k - 1]})   $b^{{[{k}]}}$: ({LAYERS[k]}, 1)",
                ha="center", va="top", fontsize=9.5, color=COLORS["purple"])
    ax.set_xlim(-1.4, DX * (len(LAYERS) - 1) + 2.0)
    ax.set_ylim(-top - 1.2, top + 0.6)
    ax.set_title("一个两层神经网络（只有一个隐藏层；输入层不算层数）")
    return fig
