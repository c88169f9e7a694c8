"""MkDocs 钩子：本站自己的样式表合成一个文件，页面头部少 5 个阻塞渲染的请求（issue 16）。

只管一件事。``mkdocs.yml`` 的 ``extra_css`` 有好几个小样式表（extra、gloss、math、widgets、a11y，
再加 mkdocstrings 自己插进来的 ``assets/_mkdocstrings.css``），每个都在 ``<head>`` 里阻塞首次渲染；
在 Lighthouse 模拟的慢速 4G 上，每个请求都要一个往返。合成一个文件后只剩一个请求，内容和先后顺序不变。

* ``on_config``（本钩子排在 ``mkdocs.yml`` 的 ``hooks`` 里，在各插件之后运行，mkdocstrings 已经
  插入了它的样式表）：把 ``extra_css`` 里要合并的那些换成一个 `BUNDLE`，放在第一个被合并的位置。
  `KEEP` 里的样式表不合并（``assets/fonts/cjk.css`` 由 ``cjkfont.py`` 钩子生成、有自己的测试和
  ``mkdocs serve`` 逻辑）；它若夹在被合并的样式表中间，合并会改变层叠顺序 → 构建失败。
* ``on_post_build``（排在其它钩子之后：mkdocstrings 在 ``on_env`` 写它的样式表，静态文件此前已复制）：
  按原顺序读出站点里的这些文件，拼成 `BUNDLE`。每段前面注明来源；相对的 ``url(...)`` 改成相对
  合并文件的路径；``@import``（只能写在样式表开头，拼接后会失效）或缺文件 → 构建失败，点名文件。

同样的输入得到逐字节相同的文件。状态：``on_config`` 为这次构建新建一个 `CssBundle` 对象并注册进
``config.plugins``，模块里没有全局变量。
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

BUNDLE = "assets/stylesheets/dlnotes.css"
KEEP = ("assets/fonts/cjk.css",)
_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""")
_IMPORT = re.compile(r"@import\b")


class CssBundleError(PluginError):
    """样式表无法合并（文件写在消息里）。"""


def rebase_urls(css: str, src: str, dest: str) -> str:
    """把 ``src``（站点里的路径）里相对的 ``url(...)`` 改成相对 ``dest`` 的路径。"""

    def fix(m: re.Match[str]) -> str:
        quote, url = m.group(1), m.group(2)
        if not url or url.startswith(("data:", "#", "/")) or re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
            return m.group(0)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(src), url))
        new = posixpath.relpath(target, posixpath.dirname(dest) or ".")
        return f"url({quote}{new}{quote})"

    return _URL.sub(fix, css)


def bundle(parts: list[tuple[str, str]], dest: str = BUNDLE) -> str:
    """``parts`` = [(站点路径, 内容)]，按顺序拼成一个样式表。"""
    out = [f"/* 由 docs/hooks/cssbundle.py 在构建时把 {len(parts)} 个样式表按原顺序合成（issue 16） */\n"]
    for src, css in parts:
        if _IMPORT.search(css):
            raise CssBundleError(f"{src} 里有 @import：拼接后它不在样式表开头，会被浏览器忽略；"
                                 "请把被导入的文件直接列进 mkdocs.yml 的 extra_css")
        out.append(f"\n/* ---- {src} ---- */\n{rebase_urls(css, src, dest).rstrip()}\n")
    return "".join(out)


def split_extra_css(extra_css: list[str]) -> tuple[list[str], list[str]]:
    """返回 (新的 extra_css, 要合并的样式表)；合并会改变层叠顺序时报错。"""
    merged = [c for c in extra_css if c not in KEEP]
    if not merged:
        return list(extra_css), []
    first = extra_css.index(merged[0])
    last = max(i for i, c in enumerate(extra_css) if c in merged)
    between = [c for c in extra_css[first:last + 1] if c in KEEP]
    if between:
        raise CssBundleError(f"extra_css 里 {between} 夹在要合并的样式表中间，合并会改变层叠顺序；"
                             "请把它移到最前或最后")
    if BUNDLE in extra_css:
        raise CssBundleError(f"extra_css 里已经有 {BUNDLE}：那是本钩子生成的合并文件")
    return extra_css[:first] + [BUNDLE] + extra_css[last + 1:], merged


class CssBundle(BasePlugin):
    """一次构建：要合并的样式表（站点路径）。"""

    def __init__(self, merged: list[str]) -> None:
        self.merged = merged

    @event_priority(-100)  # 在别的 on_post_build（例如生成文件的钩子）之后
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        parts = []
        for src in self.merged:
            path = site / src
            if not path.is_file():
                raise CssBundleError(f"要合并的样式表 {src} 不在站点里（{path}）")
            parts.append((src, path.read_text(encoding="utf-8")))
        out = site / BUNDLE
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(bundle(parts), encoding="utf-8")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    new, merged = split_extra_css([str(c) for c in config.extra_css])
    config.extra_css[:] = new
    config.plugins["dlnotes/cssbundle"] = CssBundle(merged)
    return config
