"""标准神经网络（全连接网络）：用房价预测的四个特征作输入。

输入层的每个特征连到第一个隐藏层的**每一个**单元，隐藏层之间、隐藏层到输出也都全连接；
网络自己决定隐藏单元该表示什么（例如「家庭人口」「步行便利程度」「学校质量」），我们只给出 x 和 y。
图中的连线数量由各层单元数算出。
"""

from matplotlib.patches import Circle

from dlnotes.plotting import COLORS, new_figure

FEATURES = ["面积", "卧室数量", "邮编", "富裕程度"]
LAYERS = [len(FEATURES), 5, 3, 1]  # n^[0], n^[1], n^[2], n^[3]
DX, DY, R = 3.2, 1.0, 0.28


def _positions():
    """第 k 层第 i 个单元的圆心：各层居中竖排。"""
    return [[(DX * k, DY * ((n - 1) / 2 - i)) for i in range(n)] for k, n in enumerate(LAYERS)]


def build():
    pos = _positions()
    fig, ax = new_figure(figsize=(9, 4.0))
    ax.set_axis_off()
    ax.set_aspect("equal")

    # 连线：相邻两层之间的每一对单元
    n_edges = 0
    for left, right in zip(pos[:-1], pos[1:]):
        for x0, y0 in left:
            for x1, y1 in right:
                ax.plot([x0 + R, x1 - R], [y0, y1], color=COLORS["gray"], lw=0.8, alpha=0.7, zorder=1)
                n_edges += 1

    colors = [COLORS["blue"]] + [COLORS["orange"]] * (len(LAYERS) - 2) + [COLORS["green"]]
    for k, layer in enumerate(pos):
        for i, (x, y) in enumerate(layer):
            ax.add_patch(Circle((x, y), R, fc="white", ec=colors[k], lw=2, zorder=2))
            if k == 0:
                ax.text(x - R - 0.15, y, FEATURES[i], ha="right", va="center", fontsize=11)
                ax.text(x, y, f"$x_{i + 1}$", ha="center", va="center", fontsize=10, zorder=3)
            elif k == len(LAYERS) - 1:
                ax.text(x, y, r"$\hat{y}$", ha="center", va="center", fontsize=12, zorder=3)
                ax.text(x + R + 0.15, y, "价格", ha="left", va="center", fontsize=11)
            else:
                ax.text(x, y, f"$a^{{[{k}]}}_{i + 1}$", ha="center", va="center", fontsize=9, zorder=3)

    top = max(LAYERS) * DY / 2 + 0.25
    names = ["输入层"] + [f"隐藏层 {k}" for k in range(1, len(LAYERS) - 1)] + ["输出层"]
    for k, name in enumerate(names):
        ax.text(DX * k, top, name, ha="center", va="bottom", fontsize=11, color=colors[k])
        ax.text(DX * k, -top, f"{LAYERS[k]} 个单元", ha="center", va="top", fontsize=9, color=COLORS["gray"])

    ax.set_xlim(-1.9, DX * (len(LAYERS) - 1) + 1.0)
    ax.set_ylim(-top - 0.5, top + 0.5)
    ax.set_title(f"标准神经网络：层与层之间全连接（共 {n_edges} 条连线，每条一个权重）")
    return fig
