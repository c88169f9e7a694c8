"""MkDocs 钩子：每个 ``<img>`` 带上固有尺寸（``width``/``height``），图到达时页面不再跳动（issue 16）。

只管一件事。图（``docs/figures/*.py`` 画的 SVG）用 ``loading=lazy`` 的 ``<img>`` 插进页面；没有
``width``/``height`` 时，浏览器在图到达之前不知道它多高，先按 0 高排版，图一到，下面的文字整块往下跳
（Lighthouse 的累计布局偏移，首页之外最大的一项：「深度学习引言」上 0.48）。有了这两个属性，浏览器
在图到达之前就按宽高比留好位置；样式里图仍是 ``max-width: 100%; height: auto``（Material），
窄屏上照样缩小。

每个页面渲染完（``on_post_page``，整页 HTML）之后，对每个还没有 ``width`` 的 ``<img>``：

* ``src`` 指向站点里的 SVG（相对页面地址解析成站点文件，包括 ``figures.py`` 生成的文件）：
  取 SVG 根元素的 ``width``/``height``（matplotlib 写 ``pt``，换算成 CSS 像素，与浏览器自己
  算的固有尺寸一致），没有时取 ``viewBox``；两者都没有 → 构建失败，点名页面和图；
* ``src`` 指向站点里的 PNG（``notebook_images.py`` 从 notebook 页面搬出的输出图）：从 PNG 文件头读像素尺寸；
* ``src`` 是 ``data:image/png;base64,…``（notebook 的输出图）：从 PNG 文件头读像素尺寸；
  ``data:image/svg+xml;base64,…``（notebook 里的 SVG 输出）：同站点里的 SVG；
* 其它 ``<img>``（别的格式、站外地址）→ 构建失败，点名页面与 ``src``：以后有人加了新种类的图，
  要在这里教会本钩子它的尺寸，而不是悄悄放过一个会让页面跳动的图。

``src`` 解析不到站点文件时记一条 warning（``--strict`` 下构建失败，与 MkDocs 对坏链接的处理
一样；``DLNOTES_SKIP_EXECUTION=1`` 的基准构建里图不存在，照常结束）。

状态：``on_config`` 为这次构建新建一个 `ImageSizes` 对象并注册进 ``config.plugins``，
模块里没有全局变量。
"""

from __future__ import annotations

import base64
import logging
import posixpath
import re
import struct
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.imgsize")

_IMG = re.compile(r"<img\b[^>]*>", re.S)
_ATTR = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')
_SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|)\s*$")
#: CSS 像素 / 单位（CSS 里 1pt = 4/3 px）
_PX_PER = {"": 1.0, "px": 1.0, "pt": 4.0 / 3.0}
_PNG_DATA = "data:image/png;base64,"
_SVG_DATA = "data:image/svg+xml;base64,"
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ImageSizeError(PluginError):
    """量不出尺寸的图（页面与 ``src`` 写在消息里）。"""


def svg_size(svg: bytes | str, where: str) -> tuple[int, int]:
    """SVG 的固有尺寸（CSS 像素，四舍五入）：根元素的 width/height，没有时用 viewBox。"""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    root = _SVG_ROOT.search(text)
    if root is None:
        raise ImageSizeError(f"{where}：不是 SVG（找不到 <svg> 根元素）")
    attrs = dict(_ATTR.findall(root.group(0)))
    if "width" in attrs and "height" in attrs:
        w, h = _LENGTH.match(attrs["width"]), _LENGTH.match(attrs["height"])
        if not (w and h):
            raise ImageSizeError(
                f"{where}：SVG 的 width/height 不是 px 或 pt 的长度："
                f"width={attrs['width']!r} height={attrs['height']!r}")
        size = (float(w.group(1)) * _PX_PER[w.group(2)], float(h.group(1)) * _PX_PER[h.group(2)])
    elif "viewBox" in attrs:
        parts = attrs["viewBox"].replace(",", " ").split()
        try:
            size = (float(parts[2]), float(parts[3]))
        except (IndexError, ValueError):
            raise ImageSizeError(f"{where}：SVG 的 viewBox 不是四个数：{attrs['viewBox']!r}") from None
    else:
        raise ImageSizeError(f"{where}：SVG 根元素既没有 width/height 也没有 viewBox，量不出尺寸")
    width, height = round(size[0]), round(size[1])
    if width <= 0 or height <= 0:
        raise ImageSizeError(f"{where}：SVG 的尺寸不是正数：{size[0]} × {size[1]}")
    return width, height


def png_size(data_uri: str, where: str) -> tuple[int, int]:
    """``data:image/png;base64,…`` 里 PNG 的像素尺寸（IHDR）。"""
    return png_bytes_size(base64.b64decode(data_uri[len(_PNG_DATA):len(_PNG_DATA) + 32] + "==", validate=False), where)


def png_bytes_size(head: bytes, where: str) -> tuple[int, int]:
    """PNG 文件（至少开头 24 字节）的像素尺寸（IHDR）。"""
    if len(head) < 24 or head[:8] != _PNG_SIGNATURE or head[12:16] != b"IHDR":
        raise ImageSizeError(f"{where}：data URI 里不是 PNG（没有 PNG 文件头与 IHDR）")
    width, height = struct.unpack(">II", head[16:24])
    if width == 0 or height == 0:
        raise ImageSizeError(f"{where}：PNG 的尺寸是 {width} × {height}")
    return width, height


class ImageSizes(BasePlugin):
    """一次构建：站点文件的索引（生成的图也在内），给每页的 ``<img>`` 加上尺寸。"""

    def __init__(self) -> None:
        self.files: Files | None = None

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # on_env 在所有 on_files 之后（生成的图已经加进来，内容也已就绪）、on_post_page 之前
        self.files = files
        return env

    def _site_svg(self, src: str, page: Page) -> bytes | None:
        assert self.files is not None
        base = posixpath.dirname(page.url) if not page.url.endswith("/") else page.url.rstrip("/")
        path = posixpath.normpath(posixpath.join(base, unquote(urlsplit(src).path)))
        for f in self.files:
            if f.dest_uri == path:
                return f.content_bytes
        return None

    def add_sizes(self, html: str, page: Page) -> str:
        where_page = page.file.src_uri

        def fix(m: re.Match[str]) -> str:
            tag = m.group(0)
            attrs = dict(_ATTR.findall(tag))
            if "width" in attrs or "height" in attrs:
                if not ("width" in attrs and "height" in attrs):
                    raise ImageSizeError(f"{where_page}：<img> 只有 width 或 height 之一：{tag[:200]!r}")
                return tag
            src = attrs.get("src", "")
            where = f"{where_page}：图 {src[:60]!r}"
            if src.startswith(_PNG_DATA):
                width, height = png_size(src, where)
            elif src.startswith(_SVG_DATA):
                width, height = svg_size(base64.b64decode(src[len(_SVG_DATA):]), where)
            elif urlsplit(src).scheme == "" and urlsplit(src).path.endswith((".svg", ".png")):
                data = self._site_svg(src, page)
                if data is None:
                    log.warning("%s：站点里没有这个文件，无法给 <img> 加上尺寸", where)
                    return tag
                is_svg = urlsplit(src).path.endswith(".svg")
                width, height = svg_size(data, where) if is_svg else png_bytes_size(data[:24], where)
            else:
                raise ImageSizeError(
                    f"{where}：本钩子不知道怎样量这种图的尺寸（只认站点里的 SVG、PNG 与 data:image/png、data:image/svg+xml;base64）；"
                    "没有 width/height 的图到达时会让页面跳动，请在 docs/hooks/imgsize.py 里加上它")
            end = -2 if tag.endswith("/>") else -1
            return f'{tag[:end].rstrip()} width="{width}" height="{height}"{tag[end:]}'

        return _IMG.sub(fix, html)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self.add_sizes(output, page)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.plugins["dlnotes/imgsize"] = ImageSizes()
    return config
