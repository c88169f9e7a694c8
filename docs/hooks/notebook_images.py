"""MkDocs 钩子：notebook 的输出图从页面 HTML 里搬出来，成为页面旁边的文件（issue 16）。

只管一件事。nbconvert 把每张输出图（``IPython.display.SVG``、matplotlib 的 PNG）写成
``<img src="data:image/…;base64,…">`` 嵌在页面里：「浅层神经网络」的 notebook 页面 1.47 MB 里有
约 840 KB 是这些 base64（比原图还大三分之一，也不能被浏览器单独缓存）。页面 HTML 下载完之前
浏览器什么也画不出来，在 Lighthouse 模拟的慢速 4G 上，最大内容绘制因此晚到 3 s 以上。

每个 notebook 页面渲染完（``on_page_content``）：

* 每张输出图（nbconvert 的 ``<div class="jp-RenderedImage|jp-RenderedSVG jp-OutputArea-output …">``
  里的 ``data:image/png`` 或 ``data:image/svg+xml`` 的 ``<img>``）解码，写成页面旁边的文件
  ``notebooks/<notebook 名>/out-<内容 SHA-256 的前 16 位>.png|svg``（同样的图同一个文件名：
  逐字节相同的构建、可以长期缓存），用 ``File.generated`` 加进这次构建的文件（MkDocs 随静态文件
  一起写出；``mkdocs serve --dirty`` 重建这页时文件也重写，不重建这页时上次写的文件还在站点里）；
* ``src`` 换成相对页面的地址（``use_directory_urls: false`` 的离线版里也对），加上
  ``loading="lazy"`` 与 ``decoding="async"``（第一张也是：三个 notebook 的第一张输出图在手机与桌面的
  首屏之下，前面是导言和 import 单元；LCP 元素是正文段落或代码块）；其余属性原样保留；
* ``alt``：nbconvert 给没有说明的图补上英文占位「No description has been provided for this image」，读屏软件
  读出来毫无信息。SVG 输出图的说明写在 SVG 的 ``<title>`` 里（notebook 里 ``svg_bytes(fig, title="…")``），
  这里拿它当 ``alt``；既没有 ``alt`` 也没有 ``<title>`` 的输出图让构建失败，点名页面与第几张图。
  ``width``/``height`` 由 ``imgsize`` 钩子（``on_post_page``，在这之后）按站点里的文件量出，
  它在 ``on_env`` 拿到的文件集合里已经有这里加进去的图。

匹配不上就构建失败并点名页面（`NotebookImageMismatch`）：输出图框的个数与认出的图的个数不等
（nbconvert 换了写法、把 SVG 直接内联、出现了 JPEG 等这里不认识的格式），或者改写之后页面上还剩
``data:image/`` 的 ``<img>``。

状态：``on_config`` 为这次构建新建一个 `NotebookImages` 对象并注册进 ``config.plugins``，
模块里没有全局变量。
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import posixpath
import re
from dataclasses import dataclass
from html import escape, unescape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from sitebuild.jupyter import is_notebook_page

#: nbconvert（lab 模板，mkdocs-jupyter 用的）的一个输出图框：开头的 div 与紧跟着的 data URI 的 <img>
OUTPUT_IMAGE = re.compile(
    r'(?P<div><div class="jp-Rendered(?:Image|SVG) jp-OutputArea-output[^"]*"[^>]*>\s*)'
    r'<img\s(?P<before>(?:[^>]*?\s)?)src="data:(?P<mime>image/png|image/svg\+xml);base64,(?P<data>[^"]*)"'
    r'(?P<after>[^>]*?)\s*/?>'
)
#: 任何写法的输出图框（只认 class 的开头）
ANY_IMAGE_OUTPUT = re.compile(r'<div class="jp-Rendered(?:Image|SVG) jp-OutputArea-output')
#: 改写后不该再有的：data URI 的 <img>
DATA_IMG = re.compile(r'<img\b[^>]*\ssrc="data:image/', re.S)
SUFFIX = {"image/png": ".png", "image/svg+xml": ".svg"}
SIGNATURE = {"image/png": (b"\x89PNG\r\n\x1a\n",), "image/svg+xml": (b"<svg", b"<?xml")}
#: nbconvert 给没有 alt 的图补上的占位说明（英文，没有信息）
NBCONVERT_ALT = "No description has been provided for this image"
ALT = re.compile(r'\balt="([^"]*)"')
#: SVG 根元素的第一个子元素 <title>（dlnotes.plotting.svg_bytes 的 title 参数写的）
SVG_TITLE = re.compile(rb"<svg\b[^>]*>\s*<title>(.*?)</title>", re.S)


class NotebookImageMismatch(PluginError):
    """nbconvert 的输出图不是本钩子认识的写法（页面写在消息里）。"""


@dataclass(frozen=True)
class OutputImage:
    """一张搬出页面的输出图。"""

    uri: str  # 站点里的路径，例如 notebooks/x/out-0123456789abcdef.svg
    data: bytes


def image_dir(src_uri: str) -> str:
    """notebook 源文件（``notebooks/x.py``）的输出图所在的站点目录（``notebooks/x``）。"""
    return posixpath.splitext(src_uri)[0]


def with_alt(attrs: str, svg: bytes, what: str) -> str:
    """``<img>`` 的属性 ``attrs``：没有 alt 或是 nbconvert 的占位时，换成 SVG 的 ``<title>``；都没有就失败。"""
    alt = ALT.search(attrs)
    if alt and unescape(alt.group(1)).strip() not in ("", NBCONVERT_ALT):
        return attrs
    title = SVG_TITLE.search(svg)
    text = unescape(title.group(1).decode("utf-8")).strip() if title else ""
    if not text:
        raise NotebookImageMismatch(
            f"notebook_images 钩子：{what}没有文字说明（alt）：读屏软件只能读出 nbconvert 的英文占位。"
            '请在 notebook 里用 svg_bytes(fig, title="这张图画了什么") 写上说明')
    new = f'alt="{escape(text, quote=True)}"'
    return ALT.sub(lambda _: new, attrs, count=1) if alt else f"{attrs} {new}".strip()


def extract_images(html: str, src_uri: str, dest_uri: str) -> tuple[str, list[OutputImage]]:
    """把 ``html``（notebook 页面 ``src_uri`` 的正文，页面写到 ``dest_uri``）里的输出图换成文件地址。

    返回改写后的 HTML 与这些图（按页面顺序，同样内容的图只出现一次）。
    """
    where = f"notebook 页面 {src_uri}"
    folder = image_dir(src_uri)
    page_dir = posixpath.dirname(dest_uri)
    images: dict[str, OutputImage] = {}
    count = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal count
        count += 1
        mime = m.group("mime")
        try:
            data = base64.b64decode("".join(m.group("data").split()), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise NotebookImageMismatch(f"notebook_images 钩子：{where} 的一张 {mime} 输出图不是合法的 base64：{exc}") from exc
        if not data.lstrip().startswith(SIGNATURE[mime]):
            raise NotebookImageMismatch(f"notebook_images 钩子：{where} 的一张输出图声称是 {mime}，内容却不是（开头 {data[:16]!r}）")
        uri = f"{folder}/out-{hashlib.sha256(data).hexdigest()[:16]}{SUFFIX[mime]}"
        images.setdefault(uri, OutputImage(uri, data))
        attrs = f"{m.group('before')}{m.group('after')}".strip()
        attrs = re.sub(r'\s*\b(?:loading|decoding)="[^"]*"', "", attrs)
        attrs = with_alt(attrs, data if mime == "image/svg+xml" else b"", f"{where} 的第 {count} 张输出图")
        url = posixpath.relpath(uri, page_dir or ".")
        lead = f"{attrs} " if attrs else ""
        return f'{m.group("div")}<img {lead}src="{url}" loading="lazy" decoding="async"/>'

    outputs = len(ANY_IMAGE_OUTPUT.findall(html))
    html, n = OUTPUT_IMAGE.subn(repl, html)
    if n != outputs:
        raise NotebookImageMismatch(
            f"notebook_images 钩子：{where} 的输出图：模式 {OUTPUT_IMAGE.pattern!r} 应匹配页面上全部 {outputs} 个"
            f"输出图框，实际 {n} 处。nbconvert/mkdocs-jupyter 的写法变了，或者输出了本钩子不认识的图"
            "（只认 base64 的 PNG 与 SVG）：请检查 docs/hooks/notebook_images.py。")
    left = DATA_IMG.search(html)
    if left:
        raise NotebookImageMismatch(
            f"notebook_images 钩子：{where} 改写之后还有 data URI 的图：{left.group(0)[:120]!r}"
            "（不在 nbconvert 的输出图框里？）：请检查 docs/hooks/notebook_images.py。")
    return html, list(images.values())


class NotebookImages(BasePlugin):
    """一次构建：把 notebook 页面的输出图写成文件。"""

    def __init__(self, jupyter: BasePlugin) -> None:
        self.jupyter = jupyter
        #: 站点路径 → 图（这次构建写出的全部输出图）
        self.images: dict[str, OutputImage] = {}

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not is_notebook_page(page.file.abs_src_path, self.jupyter.config):
            return html
        html, images = extract_images(html, page.file.src_uri, page.file.dest_uri)
        for image in images:
            if image.uri not in self.images:
                self.images[image.uri] = image
                files.append(File.generated(config, image.uri, content=image.data))
        return html


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        config.plugins["dlnotes/notebook_images"] = NotebookImages(jupyter)
    return config
