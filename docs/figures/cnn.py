"""卷积神经网络（CNN）的结构，用一张真实的 8×8 手写数字走一遍。

输入图像来自 scikit-learn 自带的手写数字（`dlnotes.datasets.load_digits_images`）；
三个 3×3 卷积核分别对竖直边缘、水平边缘和斜向边缘敏感，特征图是**真正卷积算出来的**
（深度学习里的"卷积"其实是互相关，不翻转卷积核），再经过 ReLU 和 2×2 最大池化；
池化结果展平成 27 个数，送进一个全连接输出单元（sigmoid），判断这是 3 还是 8。

卷积核是手工设定的（真实的 CNN 里卷积核也是学出来的）；只有最后的全连接层是用
`dlnotes.logistic.LogisticRegression` 在 3 与 8 的图片上真正训练的，
标题里给出它在留出测试集上的准确率。
"""

import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, Rectangle

from dlnotes.datasets import load_digits_images, train_test_split
from dlnotes.logistic import LogisticRegression
from dlnotes.plotting import COLORS, new_figure

SX = 37.0  # 展平竖条的横坐标
DIGITS = (3, 8)  # y = 0 表示 3，y = 1 表示 8
KERNELS = {
    "竖直边缘": np.array([[1.0, 0.0, -1.0], [1.0, 0.0, -1.0], [1.0, 0.0, -1.0]]),
    "水平边缘": np.array([[1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [-1.0, -1.0, -1.0]]),
    "斜向边缘": np.array([[0.0, 1.0, 1.0], [-1.0, 0.0, 1.0], [-1.0, -1.0, 0.0]]),
}


def conv_relu_pool(images):
    """images (m, 8, 8) → (特征图 (m, k, 6, 6)，池化结果 (m, k, 3, 3))。

    "valid" 互相关：输出 (8 − 3 + 1) × (8 − 3 + 1) = 6 × 6；ReLU；2×2 最大池化，步长 2。
    """
    K = np.stack(list(KERNELS.values()))  # (k, 3, 3)
    patches = np.lib.stride_tricks.sliding_window_view(images, (3, 3), axis=(1, 2))  # (m, 6, 6, 3, 3)
    maps = np.maximum(np.einsum("mijpq,kpq->mkij", patches, K), 0.0)  # ReLU(卷积)
    m, k = maps.shape[:2]
    pooled = maps.reshape(m, k, 3, 2, 3, 2).max(axis=(3, 5))
    return maps, pooled


def _image(ax, data, x0, y0, cell, cmap, vmin, vmax):
    """把矩阵画成左下角在 (x0, y0)、每格边长 cell 的图像，外加细边框。"""
    h, w = data.shape
    ax.imshow(data, cmap=cmap, vmin=vmin, vmax=vmax, extent=(x0, x0 + w * cell, y0, y0 + h * cell),
              interpolation="nearest", zorder=2)
    ax.add_patch(Rectangle((x0, y0), w * cell, h * cell, fill=False, ec=COLORS["gray"], lw=0.8, zorder=3))
    return x0 + w * cell, y0 + h * cell / 2  # 右边缘中点


def _arrow(ax, start, end, color="black", **kw):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=11, color=color, lw=1.1,
                                 shrinkA=3, shrinkB=3, zorder=1, **kw))


def build():
    images, Y = load_digits_images(DIGITS)
    maps, pooled = conv_relu_pool(images)
    F = pooled.reshape(len(images), -1).T  # (27, m)：每列是一张图片展平后的池化特征
    F_train, Y_train, F_test, Y_test = train_test_split(F, Y, test_size=0.3, seed=0)
    model = LogisticRegression(learning_rate=0.5, num_iterations=1000).fit(F_train, Y_train)
    test_acc = model.score(F_test, Y_test)

    k = 0  # 第一张图片（一个 3）
    image, fmap, pmap, feat = images[k], maps[k], pooled[k], F[:, k : k + 1]
    p8 = float(model.predict_proba(feat)[0, 0])  # 是 8 的概率

    fig, ax = new_figure(figsize=(10, 4.9))
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.grid(False)
    vmax_map = float(fmap.max())
    row_y = [7.0, 0.0, -7.0]  # 三行：每个卷积核一行

    in_right, _ = _image(ax, image, 0.0, -6.0, 1.5, "gray_r", 0.0, 1.0)
    for r, ((name, kern), yc) in enumerate(zip(KERNELS.items(), row_y)):
        # 卷积核（3×3，带数值）
        kx = 15.0
        _image(ax, kern, kx, yc - 1.5, 1.0, "RdBu_r", -1.6, 1.6)
        for i in range(3):
            for j in range(3):
                ax.text(kx + j + 0.5, yc + 1.0 - i, f"{kern[i, j]:g}".replace("-", "−"), ha="center", va="center", fontsize=7,
                        zorder=4)
        ax.text(kx + 1.5, yc - 1.9, name, ha="center", va="top", fontsize=8.5)
        _arrow(ax, (in_right, 0.0), (kx, yc))
        # 特征图（6×6）
        fx = 20.5
        f_right, _ = _image(ax, fmap[r], fx, yc - 3.0, 1.0, "magma_r", 0.0, vmax_map)
        _arrow(ax, (kx + 3, yc), (fx, yc))
        # 池化（3×3）
        px = 29.5
        p_right, _ = _image(ax, pmap[r], px, yc - 1.5, 1.0, "magma_r", 0.0, vmax_map)
        _arrow(ax, (f_right, yc), (px, yc))
        _arrow(ax, (p_right, yc), (SX, 0.4 * yc), color=COLORS["gray"])

    # 展平的 27 个数（竖条），再全连接到输出
    cell = 0.6
    n = feat.shape[0]
    strip_y0 = -n * cell / 2
    s_right, _ = _image(ax, feat, SX, strip_y0, cell, "magma_r", 0.0, vmax_map)
    ox, R = SX + 6.5, 1.6
    for i in range(n):
        ax.plot([s_right, ox - R], [strip_y0 + (i + 0.5) * cell, 0.0], color=COLORS["sky"], lw=0.5, zorder=1)
    ax.add_patch(Circle((ox, 0), R, fc="#e6f5ef", ec=COLORS["green"], lw=1.8, zorder=2))
    ax.text(ox, 0.35, r"$\hat{y}$", ha="center", va="center", fontsize=13, zorder=3)
    ax.text(ox, -0.6, f"{p8:.2f}", ha="center", va="center", fontsize=10, zorder=3)
    ax.text(ox, -R - 0.4, f"是 8 的概率\n判为 {DIGITS[int(p8 > 0.5)]}", ha="center", va="top", fontsize=9)

    top = 11.2
    heads = [(6.0, "输入图像\n8×8 像素"), (16.5, "卷积核\n3×3"), (23.5, "特征图\n6×6（卷积 + ReLU）"),
             (31.0, "池化\n2×2 取最大 → 3×3"), (SX + 0.3, "展平\n27 个数"), (ox, "全连接\n→ 输出")]
    for x, text in heads:
        ax.text(x, top, text, ha="center", va="bottom", fontsize=9.5)
    ax.set_xlim(-0.5, ox + R + 0.6)
    ax.set_ylim(-11.0, top + 2.6)
    ax.set_title(f"卷积神经网络：一张手写数字“3”的前向计算（全连接层在 3/8 图片上训练，"
                 f"测试集准确率 {test_acc:.1%}）", fontsize=10.5)
    return fig
