"""docs/hooks/math.py：找公式、构建时排版、TeX 出错时构建失败并点名页面与公式（不构建整站）。"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from sitetools import load_hook

ROOT = Path(__file__).resolve().parents[1]
NODE_SCRIPT = ROOT / "docs" / "hooks" / "math_typeset.cjs"


@pytest.fixture(scope="module")
def math(tmp_path_factory):
    mod = load_hook("math")
    cfg = tmp_path_factory.mktemp("cfg") / "mkdocs.yml"
    cfg.write_text("site_name: t\n", encoding="utf-8")
    config = SimpleNamespace(config_file_path=str(cfg), plugins={})
    mod.on_config(config)  # 为这次「构建」新建并注册状态对象
    plugin = config.plugins["dlnotes/math"]
    assert isinstance(plugin, mod.BuildMath)
    yield plugin
    plugin.on_shutdown()
    del sys.modules[mod.__name__]


def _page(src_uri: str, url: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


HEAD = "<html><head><title>t</title></head><body>"


def test_arithmatex_inline_and_display_are_typeset_and_wrapped(math):
    html = (HEAD + '<p>令 <span class="arithmatex">\\(a &lt; b\\)</span>：</p>'
            '<div class="arithmatex">\\[\nJ = \\frac{1}{m}\\sum_{i=1}^m L\n\\]</div></body></html>')
    out = math.on_post_page(html, _page("notes-1/x.md", "notes-1/x/"), None)
    assert "arithmatex" not in out and "\\(" not in out
    assert out.count("<mjx-container") == 2
    assert '<div class="math-display"><mjx-container class="MathJax" jax="CHTML" display="true"' in out
    assert out.count('<style id="mathjax-chtml">') == 1
    # 字体地址相对于页面
    assert 'url("../../assets/mathjax/woff2/MathJax_Main-Regular.woff2") format("woff2")' in out
    # 给读屏软件的 MathML：a < b
    assert "<mo>&lt;</mo>" in out


def test_page_without_math_is_untouched(math):
    html = HEAD + "<p>没有公式，只有 5 美元。</p></body></html>"
    assert math.on_post_page(html, _page("index.md", ""), None) == html


def test_notebook_markdown_math_is_typeset_but_code_is_not(math):
    cell = ('<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown">'
            "<p>一个 $L = 4$ 的网络，$$\\hat{y} &gt; 0.5$$ 时判为 1；代码 <code>f\"$x$\"</code></p></div>")
    code = '<div class="highlight"><pre>print("$\\hat{{y}}$")</pre></div>'
    out = math.on_post_page(HEAD + cell + code + "</body></html>", _page("notebooks/n.py", "notebooks/n/"), None)
    assert out.count("<mjx-container") == 2
    assert '<span class="math-display"><mjx-container' in out
    assert '<code>f"$x$"</code>' in out and 'print("$\\hat{{y}}$")' in out


@pytest.mark.parametrize(
    ("tex", "message"),
    [("\\fracc{1}{2}", "Undefined control sequence"), ("{x^2", "missing close brace")],
)
def test_tex_error_fails_and_names_page_and_formula(math, tex, message):
    html = HEAD + f'<p><span class="arithmatex">\\({tex}\\)</span></p></body></html>'
    with pytest.raises(PluginError) as err:
        math.on_post_page(html, _page("notes-2/bad.md", "notes-2/bad/"), None)
    text = str(err.value)
    assert "notes-2/bad.md" in text and tex in text and message in text


def test_unbalanced_dollar_in_notebook_fails(math):
    cell = ('<div class="jp-MarkdownOutput"><p>只有一个 $ 号</p></div>')
    with pytest.raises(PluginError, match="不配对"):
        math.on_post_page(HEAD + cell + "</body></html>", _page("notebooks/n.py", "notebooks/n/"), None)


def test_changed_arithmatex_format_fails_loudly(math):
    html = HEAD + '<span class="arithmatex"><em>x</em></span></body></html>'
    with pytest.raises(PluginError, match="格式变了"):
        math.on_post_page(html, _page("a.md", "a/"), None)


def test_node_process_is_closed_when_the_build_fails(math):
    """TeX 错误让构建失败：``on_build_error`` 关掉 Node 进程（mkdocs serve 里不留下进程）。"""
    html = HEAD + '<p><span class="arithmatex">\\(\\nosuchcommand{}\\)</span></p></body></html>'
    with pytest.raises(PluginError):
        math.on_post_page(html, _page("notes-2/bad.md", "notes-2/bad/"), None)
    proc = math._typesetter._proc
    assert proc is not None and proc.poll() is None
    math.on_build_error(PluginError("x"))
    assert math._typesetter._proc is None and proc.poll() is not None


# ---------------------------------------------------------------- 更轻的标记（issue 15）
def test_assistive_mathml_keeps_what_is_read_and_drops_layout_only_attributes(math):
    """隐藏 MathML 里 stretchy 与 data-mjx-texclass 去掉（MathJax 原样会写），元素、文字与 \\mathrm 的字体照旧。"""
    html = HEAD + '<p><span class="arithmatex">\\(\\sigma(z) = \\mathrm{d}\\{a\\}\\)</span></p></body></html>'
    out = math.on_post_page(html, _page("notes-1/z.md", "notes-1/z/"), None)
    mml = re.search(r"<mjx-assistive-mml>(.*?)</mjx-assistive-mml>", out).group(1)
    assert mml == ('<math><mi>σ</mi><mo>(</mo><mi>z</mi><mo>)</mo><mo>=</mo><mrow><mi mathvariant="normal">d</mi>'
                   '</mrow><mo fence="false">{</mo><mi>a</mi><mo fence="false">}</mo></math>'), mml


def test_markup_drops_html5_noise_but_keeps_the_assistive_mathml(math):
    html = (HEAD + '<p>令 <span class="arithmatex">\\(x^2\\)</span>，</p>'
            '<div class="arithmatex">\\[\\frac{a}{b}\\]</div></body></html>')
    out = math.on_post_page(html, _page("notes-1/y.md", "notes-1/y/"), None)
    for noise in ("xmlns=", "unselectable=", 'display="inline"', 'style="position: relative;"'):
        assert noise not in out, noise
    # 读屏软件读的 MathML 还在，行间公式仍标着 display="block"（样式表用它），可见的 CHTML 对读屏隐藏
    assert "<mjx-assistive-mml><math><msup><mi>x</mi><mn>2</mn></msup></math></mjx-assistive-mml>" in out
    assert '<mjx-assistive-mml display="block"><math display="block"><mfrac><mi>a</mi><mi>b</mi></mfrac>' in out
    assert out.count('<mjx-math class=" MJX-TEX" aria-hidden="true">') == 1
    assert out.count('aria-hidden="true"><mjx-mfrac>') == 1
    style = re.search(r'<style id="mathjax-chtml">(.*?)</style>', out, re.S).group(1)
    # 去掉的行内 position: relative 由样式表里的一条规则代替；无障碍 MathML 的样式还在
    assert 'mjx-container[jax="CHTML"] {position: relative;}' in style
    assert 'mjx-assistive-mml[display="block"] {width: 100% !important;}' in style
    assert "user-select: none;" in style
    # 样式表只有一份（以前 chtml.styleSheet 与 documentStyleSheet 的同一个表各放了一次）
    rules = re.findall(r"[^{}]+\{[^{}]*\}", style)
    assert len(rules) > 50 and len(rules) == len(set(rules))


def _slim(math, script: str) -> str:
    node = sys.modules[type(math).__module__]._node()
    env = dict(os.environ, JS_DIR=str(math.engine.js_dir), SCRIPT=str(NODE_SCRIPT))
    prelude = ("process.argv[2] = process.env.JS_DIR; const m = require(process.env.SCRIPT); const a = m.adaptor;"
               "const mk = (cont, assist, mathAttrs) => a.node('mjx-container', cont, [a.node('mjx-math'),"
               " a.node('mjx-assistive-mml', assist, [a.node('math', mathAttrs)])]);")
    proc = subprocess.run([str(node), "-e", prelude + script], env=env, capture_output=True, text=True, check=True)
    return proc.stdout


NS = "http://www.w3.org/1998/Math/MathML"


@pytest.mark.parametrize(
    ("container", "assistive", "math_attrs", "display", "message"),
    [
        ({"style": "position: relative;"}, {"unselectable": "on", "display": "inline"}, {"xmlns": NS}, False, None),
        ({"style": "position: relative;"}, {"unselectable": "on", "display": "block"}, {"xmlns": NS}, True, None),
        ({"style": "position: relative; color: red;"}, {"unselectable": "on", "display": "inline"}, {"xmlns": NS},
         False, "style"),
        ({"style": "position: relative;"}, {"display": "inline"}, {"xmlns": NS}, False, "unselectable"),
        ({"style": "position: relative;"}, {"unselectable": "on", "display": "inline"}, {}, False, "xmlns"),
        ({"style": "position: relative;"}, {"unselectable": "on", "display": "inline"}, {"xmlns": NS}, True,
         "display"),
    ],
)
def test_slimming_refuses_markup_it_does_not_expect(math, container, assistive, math_attrs, display, message):
    """MathJax 的输出变了样（别的样式、少了属性）时 slim() 报错，而不是悄悄删掉或漏掉什么。"""
    args = ", ".join(json.dumps(x) for x in (container, assistive, math_attrs))
    out = _slim(math, f"const c = mk({args}); const r = m.slim(c, {json.dumps(display)});"
                      "console.log(JSON.stringify([r, a.outerHTML(c)]));")
    problem, html = json.loads(out)
    if message is None:
        assert problem is None
        assert "xmlns" not in html and "unselectable" not in html and "style=" not in html
        assert ('display="block"' in html) == display
    else:
        assert problem and message in problem and "预期" in problem


def test_unexpected_markup_fails_the_build_naming_page_and_formula(math, monkeypatch):
    """Node 端对不上时的回答（第 i 个公式 ok: false）让构建失败，消息里有页面与公式。"""
    answer = {"ok": False, "index": 0, "error": "MathJax 的输出变了：<math> 的 xmlns 是 undefined"}
    monkeypatch.setattr(math._typesetter, "typeset", lambda formulas: answer)
    html = HEAD + '<p><span class="arithmatex">\\(q_{slim}\\)</span></p></body></html>'
    with pytest.raises(PluginError) as err:
        math.on_post_page(html, _page("notes-2/odd.md", "notes-2/odd/"), None)
    text = str(err.value)
    assert "notes-2/odd.md" in text and "q_{slim}" in text and "xmlns" in text


# ---------------------------------------------------------------- WOFF2 字体
def test_font_face_rules_point_at_woff2_and_unexpected_rules_fail(math):
    mod = sys.modules[type(math).__module__]
    css = ('@font-face  {font-family: MJXTEX;src: url("@MATHJAX_FONT_URL@/MathJax_Main-Regular.woff") format("woff");}'
           'mjx-c.mjx-c32::before {content: "2";}')
    assert mod.woff2_css(css, "页面 a.md") == css.replace('.woff") format("woff")', '.woff2") format("woff2")')
    for bad in (css.replace('format("woff")', 'format("truetype")'), "mjx-math {display: inline-block;}"):
        with pytest.raises(PluginError, match="页面 a.md.*@font-face"):
            mod.woff2_css(bad, "页面 a.md")


def _outlines(data: bytes):
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    tt = TTFont(io.BytesIO(data))
    glyphs = tt.getGlyphSet()
    out = {}
    for name in tt.getGlyphOrder():
        pen = RecordingPen()
        glyphs[name].draw(pen)
        out[name] = (glyphs[name].width, pen.value)
    return tt.flavor, tt.getBestCmap(), out, sorted(tt.keys())


def test_woff2_fonts_are_lossless_smaller_and_deterministic(math):
    mod = sys.modules[type(math).__module__]
    fonts = sorted(math.engine.fonts.glob("*.woff"))
    assert len(fonts) >= 20
    for p in fonts:
        woff = p.read_bytes()
        woff2 = mod.woff_to_woff2(woff)
        assert mod.woff_to_woff2(woff) == woff2, p.name
        assert len(woff2) < len(woff), p.name
        flavor1, cmap1, glyphs1, tables1 = _outlines(woff)
        flavor2, cmap2, glyphs2, tables2 = _outlines(woff2)
        assert (flavor1, flavor2) == ("woff", "woff2")
        assert cmap1 == cmap2 and tables1 == tables2, p.name
        assert glyphs1 == glyphs2, p.name


def test_woff2_fonts_are_added_to_the_site_from_the_cache(math, tmp_path):
    from mkdocs.structure.files import Files

    config = SimpleNamespace(site_dir=str(tmp_path / "site"), use_directory_urls=True,
                             plugins=SimpleNamespace(_current_plugin="dlnotes/math"))
    files = math.on_files(Files([]), config)
    names = sorted(f.src_uri for f in files)
    assert names and all(n.startswith("assets/mathjax/woff2/MathJax_") and n.endswith(".woff2") for n in names)
    assert "assets/mathjax/woff2/MathJax_Main-Regular.woff2" in names
    cached = math.cache.parent / "math-fonts"
    assert len(list(cached.rglob("*.woff2"))) == len(names)


# ---------------------------------------------------------------- 字体子集
def test_css_codepoints_reads_every_drawn_character_with_escapes(math):
    mod = sys.modules[type(math).__module__]
    css = ('mjx-c.mjx-c1D465.TEX-I::before {padding: 0.442em 0.572em 0.011em 0;content: "x";}'
           'mjx-c.mjx-c2223::before {content: "\\2223";}mjx-c.mjx-c22::before {content: "\\"";}'
           'mjx-c.mjx-c2192::before {content: "\\2192 a";}mjx-mi {display: inline-block;}')
    assert mod.css_codepoints(css) == {ord("x"), 0x2223, ord('"'), 0x2192, ord("a")}


def _main_regular_woff2(math) -> bytes:
    mod = sys.modules[type(math).__module__]
    return mod.woff_to_woff2((math.engine.fonts / "MathJax_Main-Regular.woff").read_bytes())


def test_subset_keeps_exactly_the_used_glyphs_unchanged(math):
    mod = sys.modules[type(math).__module__]
    full = _main_regular_woff2(math)
    codes = sorted(map(ord, "x+=()2\u2211\u2223\u2192"))
    small = mod.subset_woff2(full, codes)
    assert mod.subset_woff2(full, codes) == small  # 同样的输入，同样的字节
    assert len(small) < len(full) / 2
    flavor1, cmap1, glyphs1, _ = _outlines(full)
    flavor2, cmap2, glyphs2, _ = _outlines(small)
    assert flavor2 == "woff2"
    assert cmap2 == {c: g for c, g in cmap1.items() if c in codes}
    for c, g in cmap2.items():
        assert glyphs2[g] == glyphs1[g], chr(c)


def test_post_build_subsets_site_fonts_to_what_all_pages_draw(math, tmp_path):
    mod = sys.modules[type(math).__module__]
    fonts = tmp_path / mod.FONT_DIR
    fonts.mkdir(parents=True)
    sources = tmp_path / "full-fonts"  # on_files 发布的完整字体（.cache/math-fonts/ 里那份）
    sources.mkdir()
    (sources / "MathJax_Main-Regular.woff2").write_bytes(_main_regular_woff2(math))
    zero = mod.woff_to_woff2((math.engine.fonts / "MathJax_Zero.woff").read_bytes())
    (sources / "MathJax_Zero.woff2").write_bytes(zero)
    for f in sources.iterdir():
        (fonts / f.name).write_bytes(f.read_bytes())
        math.font_sources[f.name] = f
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<head><style id="mathjax-chtml">mjx-c.mjx-c2B::before {content: "+";}</style></head>', "utf-8")
    (tmp_path / "index.html").write_text(
        '<head><style id="mathjax-chtml">mjx-c.mjx-c3D::before {content: "=";}</style></head>', "utf-8")
    (tmp_path / "b.html").write_text("<p>没有公式：x y z</p>", "utf-8")
    math._subset_fonts(tmp_path)
    _, cmap, _, _ = _outlines((fonts / "MathJax_Main-Regular.woff2").read_bytes())
    assert set(cmap) == {ord("+"), ord("=")}  # 两个页面用到的字符，都在，别的都不在
    assert (fonts / "MathJax_Zero.woff2").read_bytes() == zero
    # mkdocs serve --dirty：站点里的字体已是上次切的子集、没有重新复制；改过的页面用了一个新字符
    (tmp_path / "a" / "index.html").write_text(
        '<head><style id="mathjax-chtml">mjx-c.mjx-c2B::before {content: "+";} '
        'mjx-c.mjx-c28::before {content: "(";}</style></head>', "utf-8")
    math._subset_fonts(tmp_path)
    _, cmap, _, _ = _outlines((fonts / "MathJax_Main-Regular.woff2").read_bytes())
    assert {ord("+"), ord("="), ord("(")} <= set(cmap)  # 从完整字体切，新字符在（不是从上次的子集再切）
