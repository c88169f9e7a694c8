"""docs/hooks/a11y.py：会滚动的盒子可聚焦、搜索对话框有名字；认不出的标记让构建失败。"""

from __future__ import annotations

import pytest
from sitetools import load_hook

hook = load_hook("a11y")

DIALOG = hook.SEARCH_DIALOG
REGION = 'tabindex="0" role="region" aria-label="{}" data-dl-scroll'


def page(body: str) -> str:
    return f"<html><body><header>{DIALOG}</div></header><article>{body}</article></body></html>"


def test_search_dialog_gets_a_name():
    out = hook.add_a11y(page(""), "x.md")
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索">' in out


@pytest.mark.parametrize("count", [0, 2])
def test_missing_or_repeated_search_dialog_fails_naming_the_page(count):
    html = "<html>" + "".join([DIALOG + "</div>"] * count) + "</html>"
    with pytest.raises(hook.A11yMarkupError, match=r"notes/x\.md.*搜索对话框"):
        hook.add_a11y(html, "notes/x.md")


def test_code_blocks_notebook_cells_math_and_tables_become_focusable_regions():
    body = ('<div class="highlight"><pre><span></span><code><span class="k">def</span></code></pre></div>'
            '<pre><code>plain</code></pre>'
            '<div class="highlight-ipynb hl-python"><pre><span></span>x = 1</pre></div>'
            '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" tabindex="0">\n'
            "<pre>output</pre></div>"
            '<div class="arithmatex">\\[a^2\\]</div><span class="arithmatex">\\(a\\)</span>'
            '<div class="math-display"><mjx-container display="true"></mjx-container></div>'
            "<table><tr><td>1</td></tr></table><table class=\"dataframe\"></table>")
    out = hook.add_a11y(page(body), "x.md")
    assert out.count(f"<code {REGION.format('代码')}>") == 2
    assert f'<div class="highlight-ipynb hl-python" {REGION.format("代码")}>' in out
    assert f'<div class="arithmatex" {REGION.format("公式")}>' in out
    assert f'<div class="math-display" {REGION.format("公式")}>' in out
    assert '<span class="arithmatex">' in out  # 行内公式不是每个都可聚焦（见 a11y.js）
    assert f'<div class="dl-scroll" {REGION.format("表格")}><table><tr><td>1</td></tr></table></div>' in out
    assert '<table class="dataframe"></table>' in out
    assert "<pre>output</pre>" in out  # mkdocs-jupyter 的输出区自己可聚焦


def test_unknown_pre_fails_naming_the_page():
    with pytest.raises(hook.A11yMarkupError, match=r"notes/y\.md.*<pre>.*<pre class=\"new\">"):
        hook.add_a11y(page('<div class="highlight"><pre class="new"><samp>x</samp></pre></div>'), "notes/y.md")


def test_nested_table_fails():
    with pytest.raises(hook.A11yMarkupError, match="嵌套"):
        hook.add_a11y(page("<table><tr><td><table></table></td></tr></table>"), "z.md")


def test_pages_without_anything_to_mark_are_unchanged_apart_from_the_dialog():
    html = page("<p>没有代码、公式和表格的页面。</p>")
    assert hook.add_a11y(html, "x.md") == html.replace(DIALOG, DIALOG[:-1] + ' aria-label="搜索">')
