"""MkDocs 钩子：可以横向滚动的盒子能用键盘到达，搜索对话框有名字（WCAG 2.1 AA，issue 16）。

只管一件事。每个页面渲染完（``on_post_page``，整页 HTML；排在其它钩子之后，所以看到的是
构建时排好的公式等最终标记）之后，在构建时改写 HTML，不依赖 JavaScript：

* 会横向滚动的盒子——代码块（``pre > code``）、notebook 的代码单元（``div.highlight-ipynb``）、
  行间公式（``div.arithmatex``；构建时排版后的 ``.math-display``）、表格（``<table>`` 包进
  ``div.dl-scroll``，样式见 ``docs/stylesheets/a11y.css``）——加上 ``tabindex="0"``、
  ``role="region"`` 和说明是什么的 ``aria-label``，以及 ``data-dl-scroll``（样式与
  ``docs/javascripts/a11y.js`` 用它）。键盘用户 Tab 到盒子上，就能用方向键滚动。
  notebook 的输出区 mkdocs-jupyter 自己已经加了 ``tabindex``。
* Material 的搜索对话框（``div.md-search[role=dialog]``）没有名字：加 ``aria-label="搜索"``。

认不出的标记会让构建失败并指出页面：页面里每个 ``<pre>`` 都必须属于上面某一类，每个页面都必须
有那个搜索对话框。Material、mkdocs-jupyter 或 arithmatex 升级改了标记时，构建会大声失败，
而不是悄悄发布一个键盘到不了的代码块。
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = "搜索"


class A11yMarkupError(PluginError):
    """页面里有本钩子认不出的标记（页面写在消息里）。"""


def _attrs(label: str) -> str:
    return f'tabindex="0" role="region" aria-label="{label}" data-dl-scroll'


# 代码块：Pygments 的 <pre><span></span><code>（没有高亮时是 <pre><code>）；滚动的是 code
_CODE = re.compile(r"(<pre\b[^>]*>(?:<span></span>)?)<code(?=[\s>])")
# notebook 的代码单元：滚动的是外面的 div
_NB_CODE = re.compile(r'<div class="highlight-ipynb\b[^"]*"(?=>)')
# 行间公式：arithmatex（浏览器里排版）或构建时排版的盒子
_DISPLAY_MATH = re.compile(r'<(div class="arithmatex"|(?:div|span) class="math-display")(?=>)')
# 不带 class 的表格（与 Material 运行时包装的是同一类）
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
# 已经可以聚焦的 notebook 输出区里的 <pre>
_NB_OUTPUT_PRE = re.compile(r'<div class="[^"]*\bjp-OutputArea-output\b[^"]*"[^>]*\btabindex="0"[^>]*>\s*<pre\b')
_PRE = re.compile(r"<pre\b")


def add_a11y(html: str, where: str) -> str:
    """给 ``html``（一整页）加上键盘与读屏需要的属性；``where`` 是报错时指出的页面。"""
    if html.count(SEARCH_DIALOG) != 1:
        raise A11yMarkupError(
            f"{where}：找不到 Material 的搜索对话框 {SEARCH_DIALOG!r}（应恰好一个，"
            f"实际 {html.count(SEARCH_DIALOG)} 个），无法给它加上名字；Material 的模板变了？")
    html = html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{SEARCH_LABEL}">')

    html, n_code = _CODE.subn(lambda m: f"{m.group(1)}<code {_attrs('代码')}", html)
    html, n_nb = _NB_CODE.subn(lambda m: f"{m.group(0)} {_attrs('代码')}", html)
    n_out = len(_NB_OUTPUT_PRE.findall(html))
    n_pre = len(_PRE.findall(html))
    if n_pre != n_code + n_nb + n_out:
        known = re.compile(r"<pre\b[^>]*>(?:<span></span>)?<code |"
                           r'<div class="highlight-ipynb[^>]*>\s*<pre|jp-OutputArea-output[^>]*>\s*<pre')
        unknown = [m.start() for m in _PRE.finditer(html)
                   if not any(k.end() >= m.end() and k.start() <= m.start()
                              for k in known.finditer(html, max(0, m.start() - 300), m.end() + 40))]
        sample = html[unknown[0] - 120: unknown[0] + 60] if unknown else ""
        raise A11yMarkupError(
            f"{where}：{n_pre} 个 <pre> 里只认出 {n_code} 个代码块、{n_nb} 个 notebook 代码单元、"
            f"{n_out} 个 notebook 输出；认不出的那个无法被键盘滚动。附近的 HTML：{sample!r}")

    html = _DISPLAY_MATH.sub(lambda m: f"<{m.group(1)} {_attrs('公式')}", html)

    def wrap(m: re.Match[str]) -> str:
        if "<table" in m.group(1):
            raise A11yMarkupError(f"{where}：表格里嵌套了表格，无法确定外层表格在哪里结束")
        return f'<div class="dl-scroll" {_attrs("表格")}>{m.group(0)}</div>'

    return _TABLE.sub(wrap, html)


@event_priority(-100)  # 在其它钩子（例如构建时排版公式）之后：改写的是最终的标记
def on_post_page(output: str, page, config) -> str:
    return add_a11y(output, page.file.src_uri)
