"""docs/hooks/cjkplaceholder.py 与 sitebuild.placeholder_font：子集下载期间的空白占位字体。"""

from __future__ import annotations

import base64
import io
import re
import sys

import pytest
from sitetools import REPO_ROOT, load_hook

sys.path.insert(0, str(REPO_ROOT / "docs" / "hooks"))
from sitebuild.placeholder_font import PlaceholderFontError, placeholder_font  # noqa: E402

hook = load_hook("cjkplaceholder")
cjkfont = load_hook("cjkfont")
HEAD = ('<head><script>__md_scope=1</script><link rel="stylesheet" href="../../assets/stylesheets/main.57a0d79d.min.css">'
        '<link rel="stylesheet" href="../../assets/stylesheets/palette.fb2fffe2.min.css"></head>')


@pytest.fixture(scope="module")
def noto() -> bytes:
    from importlib import resources

    return (resources.files(hook.FONT_PACKAGE) / hook.FONT_FILE).read_bytes()


def test_names_agree_with_the_cjkfont_hook_whose_font_stack_ends_with_the_placeholder():
    assert hook.FAMILY == cjkfont.PLACEHOLDER
    assert (hook.FONT_PACKAGE, hook.FONT_FILE, hook.FIRST_CJK) == (cjkfont.FONT_PACKAGE, cjkfont.FONT_FILE,
                                                                  cjkfont.FIRST_CJK)
    css = cjkfont.stack_stylesheet()
    for var in ("--md-text-font", "--md-code-font"):
        stack = re.search(var + r":([^;]+);", css).group(1)
        assert stack.rstrip().endswith(f'"{cjkfont.FAMILY}", "{hook.FAMILY}"'), stack


def test_placeholder_has_the_metrics_of_the_real_font_and_only_blank_glyphs(noto):
    from fontTools.ttLib import TTFont

    data = placeholder_font(noto, hook.FAMILY, hook.FIRST_CJK)
    assert data == placeholder_font(noto, hook.FAMILY, hook.FIRST_CJK)  # 逐字节相同
    assert len(data) < 4000
    src, ph = TTFont(io.BytesIO(noto)), TTFont(io.BytesIO(data))
    assert ph["head"].unitsPerEm == src["head"].unitsPerEm == 1000
    for table, attrs in {"hhea": ("ascent", "descent", "lineGap"),
                         "OS/2": ("sTypoAscender", "sTypoDescender", "sTypoLineGap", "usWinAscent",
                                  "usWinDescent", "fsSelection")}.items():
        for a in attrs:
            assert getattr(ph[table], a) == getattr(src[table], a), (table, a)
    cmap = ph.getBestCmap()
    real = src.getBestCmap()
    # 每个宽 1 em 的汉字与全角标点都在，全都是宽 1 em 的空白字形；半角形式（宽 500）不在
    for ch in "中文梯度，。「」（）":
        assert cmap[ord(ch)] == "blank"
    assert ph["hmtx"]["blank"] == (1000, 0) and ph["glyf"]["blank"].numberOfContours == 0
    assert 0xFF61 in real and 0xFF61 not in cmap
    assert min(cmap) >= hook.FIRST_CJK and len(cmap) > 20000


def test_subset_does_not_squeeze_punctuation_so_it_matches_the_placeholder_width_for_width(tmp_path, noto):
    """子集不带标点挤压（halt/vhal/chws/vchw）：否则 Chromium 的 text-spacing-trim 把「），」挤成半宽，子集一到
    行变短、页面上移。其余特性（竖排 vert、字距 kern……）照旧保留。"""
    from fontTools.ttLib import TTFont

    font = tmp_path / "noto.otf"
    font.write_bytes(noto)
    data, codes = cjkfont.make_subset(font, set("（或 sigmoid、tanh），输出层。「梯度」"))
    features = {tag: {r.FeatureTag for r in TTFont(io.BytesIO(data))[tag].table.FeatureList.FeatureRecord}
                for tag in ("GSUB", "GPOS")}
    original = {tag: {r.FeatureTag for r in TTFont(io.BytesIO(noto))[tag].table.FeatureList.FeatureRecord}
                for tag in ("GSUB", "GPOS")}
    assert {"halt", "vhal"} <= original["GPOS"], "原字体应有标点挤压（否则这个测试什么也没检查）"
    assert not (features["GPOS"] | features["GSUB"]) & cjkfont.TRIM_FEATURES, features
    assert {"vert", "kern"} <= features["GSUB"] | features["GPOS"], features


def test_font_without_full_width_characters_is_an_error(noto):
    with pytest.raises(PlaceholderFontError, match="U\\+10FFFF"):
        placeholder_font(noto, hook.FAMILY, 0x10FFFF)


def test_script_goes_before_materials_main_stylesheet_once():
    snippet = hook.script(b"\x00\x01font")
    out = hook.insert(HEAD, snippet, "notes-1/x.md")
    assert out.index(snippet) < out.index("main.57a0d79d.min.css") and out.count(snippet) == 1
    assert base64.b64encode(b"\x00\x01font").decode() in snippet and '"dlnotes CJK placeholder"' in snippet
    # 片段里不能有中文：cjkfont 钩子会把页面里的汉字都切进子集
    assert not re.search(r"[\u2e80-\uffff]", snippet)


@pytest.mark.parametrize("html", ["<head></head>", HEAD + HEAD])
def test_missing_or_repeated_insertion_point_fails_naming_the_page(html):
    with pytest.raises(hook.CjkPlaceholderError, match=r"notes-1/x\.md.*main"):
        hook.insert(html, "<script></script>", "notes-1/x.md")


def test_placeholder_font_is_cached_across_builds(tmp_path):
    """serve 的每次重建新建一个 `CjkPlaceholder`：第二个从 ``.cache/fonts`` 读出同样的字节，不再生成。"""
    first = hook.CjkPlaceholder(tmp_path)
    snippet = first.snippet()
    entries = list(tmp_path.glob("placeholder-*.woff2"))
    assert len(entries) == 1
    second = hook.CjkPlaceholder(tmp_path)
    assert second.snippet() == snippet
    assert base64.b64decode(re.search(r'atob\("([^"]+)"\)', snippet).group(1)) == entries[0].read_bytes()
    assert hook.CjkPlaceholder(None).snippet() == snippet  # 不用缓存时生成的也一样
