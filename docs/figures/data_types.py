"""结构化数据与非结构化数据。

左：乳腺肿瘤数据表（`dlnotes.datasets.load_breast_cancer`）的前几行、几列——
每一列都是一个有明确含义的测量值，每一行是一个样本；
右：手写数字图片（scikit-learn 自带的 8×8 灰度图）——数据就是 64 个像素的灰度，
单个像素本身没有含义，要从像素的组合里认出数字。
"""

import numpy as np

from dlnotes.datasets import load_breast_cancer, load_digits_images
from dlnotes.plotting import COLORS, new_figure

# 表中显示的列：英文特征名 → 中文列名
COLUMNS = {  # 英文名: (中文列名, 显示格式)
    "mean radius": ("半径", ".2f"),
    "mean texture": ("纹理", ".2f"),
    "mean perimeter": ("周长", ".1f"),
    "mean area": ("面积", ".0f"),
    "mean smoothness": ("光滑度", ".4f"),
}
N_EACH = 4  # 恶性、良性各取前几个样本


def build():
    X, Y, names = load_breast_cancer()
    rows = [names.index(name) for name in COLUMNS]
    fmts = [fmt for _, fmt in COLUMNS.values()]
    # 两类各取前 N_EACH 个样本，按样本编号排列
    samples = np.sort(np.concatenate([np.flatnonzero(Y[0] == c)[:N_EACH] for c in (1, 0)]))
    cells = []
    for k in samples:
        values = [format(X[r, k], fmt) for r, fmt in zip(rows, fmts)]
        cells.append([str(k + 1), *values, "1（恶性）" if Y[0, k] == 1 else "0（良性）"])
    header = ["样本", *(name for name, _ in COLUMNS.values()), "诊断 y"]

    fig, (ax_t, ax_d) = new_figure(1, 2, figsize=(9.5, 3.9), width_ratios=[1.35, 1])
    ax_t.set_axis_off()
    table = ax_t.table(cellText=cells, colLabels=header, loc="upper center", cellLoc="center",
                       bbox=(0.0, 0.08, 1.0, 0.86))
    table.auto_set_font_size(False)
    table.set_fontsize(9)
    for (r, c), cell in table.get_celld().items():
        cell.set_edgecolor("#cccccc")
        if r == 0:
            cell.set_facecolor("#eef5fb")
        elif c == len(header) - 1:
            cell.set_text_props(color=COLORS["red"] if cells[r - 1][-1].startswith("1") else COLORS["green"])
    ax_t.text(0.5, 0.0, f"共 {X.shape[1]} 个样本 × {X.shape[0]} 个特征（这里只显示 {len(samples)} 行、{len(COLUMNS)} 列）",
              transform=ax_t.transAxes, ha="center", va="bottom", fontsize=9, color=COLORS["gray"])
    ax_t.set_title("结构化数据：每一列有明确含义（乳腺肿瘤测量值）")

    # 右：0~9 每个数字取第一张图
    ax_d.set_axis_off()
    images = []
    for d0 in range(0, 10, 2):
        imgs, y = load_digits_images((d0, d0 + 1))
        images += [imgs[np.flatnonzero(y[0] == 0)[0]], imgs[np.flatnonzero(y[0] == 1)[0]]]
    n_cols = 5
    for d, img in enumerate(images):
        r, c = divmod(d, n_cols)
        inset = ax_d.inset_axes((c / n_cols + 0.015, 0.56 - r * 0.36, 1 / n_cols - 0.03, 0.26))
        inset.imshow(img, cmap="gray_r", vmin=0.0, vmax=1.0, interpolation="nearest")
        inset.set_xticks([])
        inset.set_yticks([])
        inset.grid(False)
        for spine in inset.spines.values():
            spine.set_visible(True)
            spine.set_color("#bbbbbb")
        inset.set_title(f"{d}", fontsize=9, pad=2)
    ax_d.text(0.5, 0.0, "每张图 8×8 = 64 个像素，每个像素是一个 0～1 的灰度值", transform=ax_d.transAxes, ha="center",
              va="bottom", fontsize=9, color=COLORS["gray"])
    ax_d.set_title("非结构化数据：像素（手写数字图片）")
    return fig
