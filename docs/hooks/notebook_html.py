"""MkDocs 钩子：修整 nbconvert 为 notebook 页面生成的 HTML。

每一处改写都针对 nbconvert 模板的某段固定输出；模板变了、该匹配的没匹配上，构建失败并点名
页面和模式（`RewriteMismatch`），而不是悄悄发布一个没修好的页面：

1. `drop_cdn_scripts`：nbconvert 插入指向 CDN 的 MathJax 2 配置和 mermaid 脚本；站点自带
   MathJax 3、完全离线，两段都删掉。每页必须恰好各一段。
2. `readable_anchors`：mkdocs-jupyter 丢掉标题里的中文字符（得到空 id），目录却链接到 #_1、#_2。
   用与 Markdown 页面相同的 pymdownx slugify 重新生成 id，并同步改写页面目录。页面有标题时，
   每个标题都必须匹配。
3. `merge_stream_outputs`：内核把一个单元的 print 输出分成几条消息发回来取决于时机（一次执行
   一段、另一次三段），页面和搜索索引就不再逐字节相同。把相邻的纯文本输出合成一段（nbclient 的
   ``coalesce_streams`` 做的也是这件事，但 mkdocs-jupyter 没有暴露它）。页面有纯文本输出时，
   输出框的写法必须是这里认识的那种。
4. `stable_cell_ids`：jupytext 读 ``.py`` notebook 时给每个单元一个随机的 id，nbconvert 把它写进
   ``<div class="jp-Cell …" id="cell-id=…">``，每次重新执行页面都不同。按顺序换成 ``cell-1``、
   ``cell-2``……（两次干净构建的页面逐字节相同）。每个带 id 的单元都必须匹配，且至少有一个。

无状态：只有模块级函数和常量。
"""

from __future__ import annotations

import re
from html import unescape as html_unescape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitebuild.jupyter import is_notebook_page


class RewriteMismatch(PluginError):
    """改写别人的 HTML 时，该匹配的模式没有匹配上。"""

    def __init__(self, where: str, what: str, pattern: str, found: int, expected: str) -> None:
        super().__init__(
            f"notebook_html 钩子：{where} 的 {what}：模式 {pattern!r} 应匹配 {expected}，实际 {found} 处。"
            "nbconvert/mkdocs-jupyter 的模板变了：请检查 docs/hooks/notebook_html.py。"
        )


CDN_MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S)
CDN_MERMAID = re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*?</script>', re.S)

HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">', re.S)
ANY_HEADING = re.compile(r"<h[1-6][\s>]")
TAGS = re.compile(r"<[^>]+>")

#: 一段纯文本输出的开头
STREAM_OPEN = (
    '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" tabindex="0">\n<pre>'
)
#: 任何写法的纯文本（stream）输出框：只认 class，不管属性顺序与其后的内容
ANY_TEXT_OUTPUT = re.compile(r'<div class="jp-RenderedText jp-OutputArea-output"[^>]*data-mime-type="text/plain"')
#: 同一单元里相邻的两段纯文本输出（stdout）的接缝
STREAM_SEAM = (
    '</pre>\n</div>\n</div>\n<div class="jp-OutputArea-child">\n'
    '<div class="jp-OutputPrompt jp-OutputArea-prompt"></div>\n' + STREAM_OPEN
)


def drop_cdn_scripts(html: str, where: str) -> str:
    for what, pattern in (("CDN 上的 MathJax 2 配置", CDN_MATHJAX), ("CDN 上的 mermaid 脚本", CDN_MERMAID)):
        html, n = pattern.subn("", html)
        if n != 1:
            raise RewriteMismatch(where, what, pattern.pattern, n, "恰好 1 处")
    return html


def readable_anchors(html: str, page: Page, where: str) -> str:
    from pymdownx.slugs import slugify

    slug = slugify(case="lower")
    used: dict[str, int] = {}
    by_title: dict[str, list[str]] = {}

    def repl(m: re.Match[str]) -> str:
        text = html_unescape(TAGS.sub("", m.group(2))).strip()
        base = slug(text, "-") or "section"
        n = used.get(base, 0)
        used[base] = n + 1
        anchor = base if n == 0 else f"{base}_{n}"
        by_title.setdefault(text, []).append(anchor)
        return f'<h{m.group(1)} id="{anchor}">{m.group(2)}<a class="anchor-link" href="#{anchor}">'

    html, n = HEADING.subn(repl, html)
    headings = len(ANY_HEADING.findall(html))
    if n != headings:
        raise RewriteMismatch(where, "标题锚点", HEADING.pattern, n, f"页面上全部 {headings} 个标题")

    def walk(items) -> None:
        for item in items:
            ids = by_title.get(html_unescape(TAGS.sub("", item.title)).strip())
            if ids:
                item.id = ids.pop(0)
            walk(item.children)

    if page.toc:
        walk(page.toc)
    return html


def merge_stream_outputs(html: str, where: str) -> str:
    outputs = len(ANY_TEXT_OUTPUT.findall(html))
    known = html.count(STREAM_OPEN)
    if known != outputs:
        raise RewriteMismatch(where, "纯文本输出框", STREAM_OPEN, known, f"页面上全部 {outputs} 个纯文本输出")
    return html.replace(STREAM_SEAM, "")


CELL_ID = re.compile(r'(<div class="jp-Cell [^"]*" id=")cell-id=[\w-]+(")')
#: 带 id 的单元（nbconvert 只给一部分单元写 id）
ANY_CELL_ID = re.compile(r'<div class="jp-Cell [^"]*" id="')


def stable_cell_ids(html: str, where: str) -> str:
    counter = iter(range(1, 1 << 30))
    html, n = CELL_ID.subn(lambda m: f"{m.group(1)}cell-{next(counter)}{m.group(2)}", html)
    cells = len(ANY_CELL_ID.findall(html))
    if n != cells or n == 0:
        raise RewriteMismatch(where, "单元 id", CELL_ID.pattern, n, f"页面上全部 {cells} 个带 id 的单元（至少 1 个）")
    return html


def rewrite(html: str, page: Page) -> str:
    """对一个 notebook 页面做全部改写。"""
    where = f"notebook 页面 {page.file.src_uri}"
    html = drop_cdn_scripts(html, where)
    html = readable_anchors(html, page, where)
    html = stable_cell_ids(html, where)
    return merge_stream_outputs(html, where)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None or not is_notebook_page(page.file.abs_src_path, jupyter.config):
        return html
    return rewrite(html, page)
