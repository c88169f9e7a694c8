"""MkDocs 钩子：搜索索引只在读者要搜索时才下载，而且更小。

Material 9.8 的 bundle 一启动就下载 ``search/search_index.json``（本站约 400 KiB），每一页的首次浏览里
它都是最大的一个文件，而多数读者从不打开搜索框。本钩子管索引怎样到达读者，两件事：

1. **按需下载。** ``docs/javascripts/search-on-demand.js`` 是一个很小的垫片：它推迟 bundle 对索引
   那一次 ``XMLHttpRequest`` 的 ``send()``，直到读者聚焦/按下搜索框、点搜索按钮、按 ``/`` ``s`` ``f``，
   或者地址带 ``?h=``（从搜索结果点进来，要高亮）或 ``?q=``（Material 打开搜索框并填好查询）。
   Material 手里的 XHR 对象不变，发出后照常收到 ``load``，之后的流程（worker、结果、高亮）与原来相同；
   推迟期间读者输入的查询，Material 本来就等 worker 就绪后再发。垫片必须在 bundle **之前**执行，所以

   * ``on_files``：核对 Material 的 bundle 仍然按垫片假设的方式加载索引——整个 bundle 里恰好一处
     ``"search/search_index.json"``，由一个函数传给一个用 ``new XMLHttpRequest`` ``open("GET", 地址)``、
     无参数 ``send()`` 的加载函数（模式 ``INDEX_URL``、``loader_pattern``、``xhr_pattern``）；不符就抛 ``PluginError``
     点名 bundle 文件：Material 升级换了加载方式时构建失败，而不是垫片悄悄失效（索引照旧每页下载）
     或者更糟，把搜索弄坏；
   * ``on_post_page`` / ``on_post_template``：每个 HTML 页面里在 bundle 的 ``<script>`` 前面插入垫片的
     ``<script>``（地址前缀与 bundle 的相同）；每页必须恰好一处，否则 ``PluginError`` 点名页面与模式。

   ``file://``（离线版）下 Material 不用 XHR，而是插入 ``search/search_index.js``；垫片不影响它。

2. **更小。** Material 用 ``json.dumps`` 的默认 ``ensure_ascii=True`` 写索引，每个汉字和 jieba 插入的
   每个 ``\\u200b`` 分词符都写成 6 个字节的 ``\\uXXXX``。``on_post_build``（优先级 -60：在 search 插件
   写出索引、``serve.py`` 在 ``mkdocs serve --dirty`` 时合并索引（-50）之后，在 ``cjkfont.py`` 读它
   （-100）之前）把它重写成 UTF-8（``ensure_ascii=False``，紧凑分隔符），JSON 内容完全相同，约小三分之一。

只在 Material 主题且开着 search 插件时生效。对 Material 9.8.2 验证过（pyproject.toml 固定了这个版本）。
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitebuild.assets import one_hashed_file

log = logging.getLogger("mkdocs.hooks.search_index")

#: 搜索索引在站点里的位置
INDEX = "search/search_index.json"
#: 垫片（docs/ 下的普通静态文件）
SHIM = "javascripts/search-on-demand.js"
#: Material 的 bundle（文件名带内容哈希）
BUNDLE_DIR = "assets/javascripts/"
BUNDLE_NAME = re.compile(r"bundle\.[0-9a-f]{8}\.min\.js")

#: bundle 里取索引的那一处：``ze(new URL("search/search_index.json",Or.base))``；组 ``load`` 是加载函数名
INDEX_URL = re.compile(r'(?P<load>[\w$]+)\(new URL\("search/search_index\.json",')


def loader_pattern(load: str) -> re.Pattern[str]:
    """加载函数把地址交给 XHR 函数：``function ze(e,t){return to(e,t)…``；组 ``xhr`` 是 XHR 函数名。"""
    return re.compile(r"function " + re.escape(load) + r"\((?P<a>[\w$]+),(?P<b>[\w$]+)\)\{return "
                      r"(?P<xhr>[\w$]+)\((?P=a),(?P=b)\)")


def xhr_pattern(xhr: str) -> re.Pattern[str]:
    """XHR 函数：新建 ``XMLHttpRequest``，``open("GET", 地址)``，……，无参数 ``send()``，取消时 ``abort()``。"""
    return re.compile(
        r"function " + re.escape(xhr) + r"\((?P<url>[\w$]+),[\w$]+\)\{return new [\w$]+\([\w$]+=>\{"
        r"let (?P<x>[\w$]+)=new XMLHttpRequest;return (?P=x)\.open\(\"GET\",`\$\{(?P=url)\}`\),"
        r"(?:(?!function ).)*?(?P=x)\.send\(\),\(\)=>(?P=x)\.abort\(\)\}\)\}",
        re.S,
    )


def check_bundle(js: str, name: str) -> None:
    """确认 bundle 仍然用一次 ``XMLHttpRequest`` GET 加载 ``search/search_index.json``（垫片的前提）。

    Raises
    ------
    PluginError
        点名 bundle 文件与没对上的那一步（模式）。
    """
    def fail(what: str, pattern: str, found: int) -> PluginError:
        return PluginError(
            f"search_index 钩子：Material 的 {name} 里，{what}（模式 {pattern}），实际 {found} 处。"
            f"Material 改了加载搜索索引的方式，{SHIM} 推迟的那次 XMLHttpRequest 可能不再存在："
            "请检查新 bundle 怎样取索引，并更新 docs/hooks/search_index.py 与垫片。"
        )

    count = js.count(f'"{INDEX}"')
    if count != 1:
        raise fail(f"应恰好有 1 处字符串 \"{INDEX}\"", f'"{INDEX}"', count)
    found = list(INDEX_URL.finditer(js))
    if len(found) != 1:
        raise fail("应恰好有 1 处用 new URL(\"search/search_index.json\", …) 调用加载函数", INDEX_URL.pattern,
                   len(found))
    pattern = loader_pattern(found[0].group("load"))
    found = list(pattern.finditer(js))
    if len(found) != 1:
        raise fail("加载函数应恰好 1 处把地址交给一个 XHR 函数", pattern.pattern, len(found))
    pattern = xhr_pattern(found[0].group("xhr"))
    found = list(pattern.finditer(js))
    if len(found) != 1:
        raise fail("XHR 函数应恰好 1 处用 new XMLHttpRequest 的 open(\"GET\", 地址) 与 send() 取索引",
                   pattern.pattern, len(found))


def bundle_tag(bundle: str) -> re.Pattern[str]:
    """页面里 bundle 的 ``<script>``；组 ``prefix`` 是它相对页面的地址前缀（例如 ``../``）。"""
    return re.compile(r'<script src="(?P<prefix>[^"<>]*?)' + re.escape(BUNDLE_DIR + bundle) + r'"></script>')


def insert_shim(html: str, bundle: str, where: str) -> str:
    """在 bundle 的 ``<script>`` 前插入垫片的 ``<script>``；不是恰好一处就抛 ``PluginError``（点名页面与模式）。"""
    pattern = bundle_tag(bundle)
    found = list(pattern.finditer(html))
    if len(found) != 1:
        raise PluginError(
            f"search_index 钩子：{where} 里应恰好有 1 个 Material bundle 的 <script>（模式 {pattern.pattern}），"
            f"实际 {len(found)} 个：无法把 {SHIM} 放在它前面。Material 改了 base.html 的 scripts 块？"
        )
    m = found[0]
    return f'{html[:m.start()]}<script src="{m.group("prefix")}{SHIM}"></script>{html[m.start():]}'


def compact_index(text: str) -> str:
    """同一份 JSON 写成 UTF-8 字符（不转义成 ``\\uXXXX``）、紧凑分隔符。"""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


class IndexDelivery(BasePlugin):
    """一次构建：bundle 的名字（``on_files`` 里核对，页面事件里用），构建结束时重写索引。"""

    def __init__(self) -> None:
        self.bundle = ""

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        bundle = one_hashed_file(files, BUNDLE_DIR, BUNDLE_NAME, "search_index 钩子", "bundle.<哈希>.min.js")
        check_bundle(bundle.content_string, bundle.src_uri)
        if files.get_file_from_path(SHIM) is None:
            raise PluginError(f"search_index 钩子：docs/{SHIM} 不在站点文件里（垫片被删了或被 exclude_docs 排除了）")
        self.bundle = bundle.src_uri[len(BUNDLE_DIR):]
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return insert_shim(output, self.bundle, f"页面 {page.file.src_uri}")

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):  # sitemap.xml 等
            return output_content
        return insert_shim(output_content, self.bundle, f"模板 {template_name}")

    @event_priority(-60)  # search 插件写出（0）、serve.py 合并（-50）之后；cjkfont.py 读它（-100）之前
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        path = Path(config.site_dir) / INDEX
        if not path.is_file():
            raise PluginError(f"search_index 钩子：search 插件没有写出 {path}")
        before = path.stat().st_size
        data = compact_index(path.read_text(encoding="utf-8")).encode("utf-8")
        path.write_bytes(data)
        log.debug("搜索索引写成 UTF-8：%d → %d 字节", before, len(data))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or not search.config.get("enabled", True) or config.theme.name != "material":
        return config  # 没有 Material 的搜索：没有要推迟或重写的索引
    # 这次构建的状态放在一个新对象上（不是模块全局变量）；注册后它的事件照常被调用
    config.plugins["dlnotes/search-index"] = IndexDelivery()
    return config
