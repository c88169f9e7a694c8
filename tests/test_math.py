"""docs/hooks/math.py：找公式、构建时排版、TeX 出错时构建失败并点名页面与公式（不构建整站）。"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def math(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("math_hook_under_test", ROOT / "docs" / "hooks" / "math.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # 与 MkDocs 加载钩子的方式相同（dataclass 需要）
    spec.loader.exec_module(mod)
    cfg = tmp_path_factory.mktemp("cfg") / "mkdocs.yml"
    cfg.write_text("site_name: t\n", encoding="utf-8")
    config = SimpleNamespace(config_file_path=str(cfg), plugins={})
    mod.on_config(config)  # 为这次「构建」新建并注册状态对象
    plugin = config.plugins["dlnotes/math"]
    assert isinstance(plugin, mod.BuildMath)
    yield plugin
    plugin.on_shutdown()
    del sys.modules[spec.name]


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
    assert 'url("../../assets/mathjax/woff-v2/MathJax_Main-Regular.woff")' in out
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
