"""计算图 J = 3(a + bc)：前向算出每个节点的值，反向算出 J 对每个节点的导数。

图的结构（节点和边）直接取自 `dlnotes.graph.example_graph` 建立的 `Value` 图，
节点的横向位置由拓扑深度（到叶子的最长路径）决定；黑色是前向的值，
红色是 `J.backward()` 算出的 dJ/d(节点)。
"""

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from dlnotes.graph import example_graph
from dlnotes.plotting import COLORS, new_figure

# 每个节点的前向公式（只是文字说明；数值来自图本身）
FORMULA = {"u": "bc", "v": "a + u", "J": "3v"}
BOX_W, BOX_H = 1.7, 0.62
FWD, BWD = "black", COLORS["red"]


def _layout(nodes, edges):
    """横坐标 = 拓扑深度（到叶子的最长路径长度）；叶子竖直排开，
    其余节点的纵坐标取其父节点的平均值，整张图像一棵向右收拢的树。"""
    parents = {n: [p for p, c in edges if c is n] for n in nodes}
    depth = {}
    for n in nodes:  # nodes 已按拓扑顺序排列，父节点先于子节点
        depth[n] = 1 + max((depth[p] for p in parents[n]), default=-1)
    leaves = [n for n in nodes if not parents[n]]
    k = len(leaves)
    y = {n: 1.3 * ((k - 1) / 2 - i) for i, n in enumerate(leaves)}
    for n in nodes:
        if parents[n]:
            y[n] = sum(y[p] for p in parents[n]) / len(parents[n])
    return {n: (3.0 * depth[n], y[n]) for n in nodes}


def build():
    g = example_graph(a=5.0, b=3.0, c=2.0)
    g.J.backward()
    nodes, edges = g.J.nodes(include_constants=False), g.J.edges(include_constants=False)
    pos = _layout(nodes, edges)

    fig, ax = new_figure(figsize=(10, 4.4))
    ax.set_axis_off()
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 1.1, max(xs) + 1.1)
    ax.set_ylim(min(ys) - 1.0, max(ys) + 0.9)
    ax.set_aspect("equal")

    for n in nodes:
        x, y = pos[n]
        leaf = not n.parents
        ax.add_patch(FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H,
                                    boxstyle="round,pad=0.02,rounding_size=0.12",
                                    fc="#eef5fb" if leaf else "#fdf3e1",
                                    ec=COLORS["blue"] if leaf else COLORS["orange"], lw=1.4))
        text = f"{n.label} = {n.data:g}" if leaf else f"{n.label} = {FORMULA[n.label]} = {n.data:g}"
        ax.text(x, y, text, ha="center", va="center", fontsize=11, color=FWD)
        ax.text(x, y - BOX_H / 2 - 0.08, f"dJ/d{n.label} = {n.grad:g}", ha="center", va="top",
                fontsize=10.5, color=BWD)

    for p, c in edges:
        (x0, y0), (x1, y1) = pos[p], pos[c]
        start, end = np.array([x0 + BOX_W / 2, y0]), np.array([x1 - BOX_W / 2, y1])
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=14, color=FWD, lw=1.3,
                                     shrinkA=2, shrinkB=2))
        # 反向：沿同一条边往回，平移到前向箭头的左上方一点（垂直于边的方向）
        d = end - start
        normal = np.array([-d[1], d[0]]) / np.hypot(*d)
        off = 0.15 * normal
        ax.add_patch(FancyArrowPatch(end + off, start + off, arrowstyle="-|>", mutation_scale=12, color=BWD,
                                     lw=1.1, linestyle=(0, (4, 2)), shrinkA=6, shrinkB=6))

    ax.legend(handles=[Line2D([], [], color=FWD, lw=1.5, label="前向：从左到右计算每个节点的值"),
                       Line2D([], [], color=BWD, lw=1.5, ls=(0, (4, 2)),
                              label="反向：从右到左用链式法则算 dJ/d(节点)")],
              loc="lower center", bbox_to_anchor=(0.5, -0.02), ncol=2)
    ax.set_title(f"计算图 J = 3(a + bc)，a = {g.a.data:g}，b = {g.b.data:g}，c = {g.c.data:g}")
    return fig
