"""dlnotes.plotting：中文字形、可复现的 SVG、图脚本的错误都点名脚本。"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import numpy as np
import pytest
from matplotlib import font_manager

from dlnotes.plotting import (
    FONT_FAMILY,
    find_nonfinite,
    new_figure,
    render_script,
    setup,
    svg_bytes,
)


def write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


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


def test_render_script_returns_svg(tmp_path):
    path = write(tmp_path, "ok", """
        from dlnotes.plotting import new_figure
        def build():
            fig, ax = new_figure()
            ax.plot([0, 1], [1, 0])
            ax.set_xlabel("迭代次数")
            return fig
    """)
    data, seconds = render_script(path)
    assert data.startswith(b"<?xml") and data.rstrip().endswith(b"</svg>")
    assert seconds >= 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("def build():\n    return 42\n", "应返回 matplotlib.figure.Figure"),
        ("x = 1\n", "必须定义 build()"),
        (
            "from dlnotes.plotting import new_figure\n"
            "def build():\n    fig, ax = new_figure()\n    ax.plot([0, 1], [0, float('nan')])\n    return fig\n",
            "NaN/inf",
        ),
        (
            "from dlnotes.plotting import new_figure\n"
            "def build():\n    fig, ax = new_figure()\n    ax.set_title('\\u0e01\\u0e02')\n    return fig\n",
            "字体缺失",
        ),
    ],
    ids=["not-a-figure", "no-build", "nan", "missing-glyph"],
)
def test_render_script_errors_name_the_script(tmp_path, body, message):
    path = write(tmp_path, "bad_figure", body)
    with pytest.raises(ValueError, match=message) as info:
        render_script(path)
    assert str(path) in str(info.value)


def test_find_nonfinite_reports_text_and_images():
    fig, (a, b) = new_figure(1, 2)
    a.set_title("准确率 nan%")
    b.imshow(np.array([[0.0, np.inf]]))
    problems = find_nonfinite(fig)
    assert len(problems) == 2, problems
    fig, ax = new_figure()
    ax.set_title("finance")  # 单词里的 "nan" 不算
    assert find_nonfinite(fig) == []
