"""MkDocs 钩子：中文字体子集下载期间，汉字先排成同宽同高的空白，而不是方框；子集到了页面不跳动（issue 16）。

只管一件事。没有中文字体的系统上（新装的 Linux、Lighthouse 用的 Chromium），``cjkfont.py`` 的子集
（约 150 KB，``font-display: swap``）到达之前，浏览器用方框排版汉字：方框比汉字窄得多，子集一到每行
都重新折行，下面的内容整块移动（Lighthouse 的累计布局偏移：首页、编程基础、API 参考各约 0.18）。

字体栈在子集后面还有一个族 ``cjkfont.PLACEHOLDER``（子集加载期间浏览器用栈里的下一个字体）。本钩子
提供它：由同一个 Noto Sans SC 生成的占位字体（`sitebuild.placeholder_font`：每个宽 1 em 的汉字、
全角标点都映射到一个空白字形，上下高度与原字体相同；cmap 格式 13，约 1.3 KB），在每页 ``<head>`` 里、
Material 的样式表之前用一小段内联脚本 ``new FontFace(名字, 字节)`` 加进 ``document.fonts``：用字节
构造的 FontFace 当场就是 loaded，第一次排版就能用（写成样式表里的 data URI 则要异步加载，首次绘制
可能仍是方框）。

* 有中文字体的系统：栈里本机字体排在前面，占位字体从不被用到；每页多约 1.7 KB 的 HTML。
* 不运行 JavaScript 的读者：与以前一样（先方框，子集到了换字形）。
* 插入点是 Material 主样式表的 ``<link>``，每页必须恰好一个，否则构建失败并点名页面与模式。

同样的字体得到逐字节相同的占位字体（时间戳固定）。状态：``on_config`` 为这次构建新建一个
`CjkPlaceholder` 对象并注册进 ``config.plugins``（占位字体在第一次用到时生成，按字体字节与生成代码的哈希缓存在
``.cache/fonts/``，所以 ``mkdocs serve`` 的每次重建不必重做），模块里没有全局变量。
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page
from sitebuild import placeholder_font as placeholder_font_module
from sitebuild.placeholder_font import placeholder_font

#: 与 docs/hooks/cjkfont.py 的 PLACEHOLDER、FONT_PACKAGE/FONT_FILE、FIRST_CJK 相同（tests/test_cjkplaceholder_hook.py 核对）
FAMILY = "dlnotes CJK placeholder"
FONT_PACKAGE = "pylopdf_fonts_zh_cn"
FONT_FILE = "NotoSansSC-Regular.otf"
FIRST_CJK = 0x2E80
#: Material 主样式表的 <link>：脚本插在它前面（在样式表之前执行，不等样式表下载）
MAIN_CSS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/stylesheets/main\.[0-9a-f]+\.min\.css">')


class CjkPlaceholderError(PluginError):
    """页面里找不到插入点，或字体缺失（页面与模式写在消息里）。"""


def script(font: bytes) -> str:
    """把占位字体 ``font``（woff2 字节）加进 ``document.fonts`` 的内联脚本。"""
    b64 = base64.b64encode(font).decode("ascii")
    return ("<script>/* blank CJK placeholder font: docs/hooks/cjkplaceholder.py */"
            f'try{{(function(){{var b=atob("{b64}"),a=new Uint8Array(b.length);'
            "for(var i=0;i<b.length;i++)a[i]=b.charCodeAt(i);"
            f"document.fonts.add(new FontFace({json.dumps(FAMILY)},a))}})()}}catch(e){{}}</script>")


def insert(html: str, snippet: str, where: str) -> str:
    found = len(MAIN_CSS.findall(html))
    if found != 1:
        raise CjkPlaceholderError(f"{where}：Material 主样式表的 <link>（模式 {MAIN_CSS.pattern!r}）应恰好一个，"
                                  f"实际 {found} 个；Material 的模板变了？")
    return MAIN_CSS.sub(lambda m: snippet + m.group(0), html, count=1)


class CjkPlaceholder(BasePlugin):
    def __init__(self, cache: Path | None = None) -> None:
        self.cache = cache  # 生成的占位字体缓存在这里（按字体字节与生成代码的哈希）：serve 每次重建不必重做
        self._snippet: str | None = None

    def _font(self) -> bytes:
        try:
            font = (resources.files(FONT_PACKAGE) / FONT_FILE).read_bytes()
        except (ModuleNotFoundError, FileNotFoundError) as exc:
            raise CjkPlaceholderError(f"缺少中文字体 {FONT_PACKAGE}/{FONT_FILE}：pip install -e '.[site]'") from exc
        if self.cache is None:
            return placeholder_font(font, FAMILY, FIRST_CJK)
        key = hashlib.sha256(font)
        key.update(Path(placeholder_font_module.__file__).read_bytes())
        key.update(f"{FAMILY}|{FIRST_CJK}".encode())
        entry = self.cache / f"placeholder-{key.hexdigest()[:16]}.woff2"
        if entry.is_file():
            return entry.read_bytes()
        data = placeholder_font(font, FAMILY, FIRST_CJK)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(entry)
        return data

    def snippet(self) -> str:
        if self._snippet is None:
            self._snippet = script(self._font())
        return self._snippet

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return insert(output, self.snippet(), page.file.src_uri)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "fonts"
    config.plugins["dlnotes/cjkplaceholder"] = CjkPlaceholder(cache)
    return config
