"""dlnotes.plotting：中文字形、可复现的 SVG、找出图中的 NaN/inf。"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from matplotlib import font_manager

from dlnotes.plotting import (
    FONT_FAMILY,
    find_nonfinite,
    new_figure,
    setup,
    svg_bytes,
)


def test_chinese_font_is_registered_and_used():
    setup()
    found = font_manager.findfont(font_manager.FontProperties(family=FONT_FAMILY), fallback_to_default=False)
    assert Path(found).name == "NotoSansSC-Regular.otf"


def test_chinese_labels_render_as_glyph_paths_not_boxes():
    fig, ax = new_figure()
    ax.set_axis_off()
    fig.text(0.5, 0.5, "梯度下降")
    data = svg_bytes(fig).decode()
    # 文字被转成路径：每个汉字一个字形定义，id 里带着字体名；缺字时不会出现 Noto Sans SC 的字形
    glyphs = set(re.findall(r'id="(NotoSansSC-Regular-[0-9a-f]+)"', data))
    assert len(glyphs) == 4, glyphs


def test_svg_is_byte_identical_and_undated():
    def draw():
        fig, ax = new_figure()
        ax.plot(np.arange(5), np.arange(5) ** 2, label="平方")
        ax.legend()
        return svg_bytes(fig)

    a, b = draw(), draw()
    assert a == b
    assert b"<dc:date>" not in a


def test_find_nonfinite_reports_text_and_images():
    fig, (a, b) = new_figure(1, 2)
    a.set_title("准确率 nan%")
    b.imshow(np.array([[0.0, np.inf]]))
    problems = find_nonfinite(fig)
    assert len(problems) == 2, problems
    fig, ax = new_figure()
    ax.set_title("finance")  # 单词里的 "nan" 不算
    assert find_nonfinite(fig) == []
