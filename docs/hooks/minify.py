"""MkDocs 钩子：站点里本站自己的样式表与脚本去掉注释和空白（issue 15：首次浏览的字节）。

只管一件事。``docs/stylesheets/*.css`` 与 ``docs/javascripts/*.js`` 写给维护者看：每条规则、每个函数前
都有中文注释（UTF-8 里一个汉字 3 个字节），读者的浏览器用不到。构建结束时（``on_post_build``，排在
``cssbundle.py`` 合成 ``assets/stylesheets/dlnotes.css`` 之后）把站点里的这些文件换成压缩过的：

* 样式表：`CSS` 里的文件（合成的 ``dlnotes.css``、按需加载的 ``widgets-ui.css``），用 ``rcssmin``；
* 脚本：`JS` 里的文件，用 ``rjsmin``（只删注释与空白，不改名字、不改写代码；``/*! … */`` 保留）。

源文件不变（仍在 ``docs/`` 里，带着注释）。中文字体（``cjk.css``、``cjk-font.js``）与搜索
（``search-on-demand.js``）的文件由它们各自的钩子负责，这里不碰。列出的文件不在站点里、或压缩后
不是更短的非空文件 → 构建失败，点名文件。同样的输入得到逐字节相同的输出；对压缩过的文件再压一次
不变（``mkdocs serve --dirty`` 可能不重新复制没改过的静态文件）。
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

#: 站点里要压缩的样式表（cssbundle.py 的合成文件）
CSS = ("assets/stylesheets/dlnotes.css", "stylesheets/widgets-ui.css")
#: 站点里要压缩的脚本（本站自己的；字体与搜索的不在内）
JS = ("javascripts/a11y.js", "javascripts/gloss.js", "javascripts/quiz.js", "javascripts/widgets.js")


class MinifyError(PluginError):
    """压缩不了的文件（写在消息里）。"""


def minify_text(text: str, kind: str, where: str) -> str:
    out = (rcssmin.cssmin if kind == "css" else rjsmin.jsmin)(text)
    if not out.strip() or len(out) > len(text):
        raise MinifyError(f"{where}：压缩后是 {len(out)} 个字符（原来 {len(text)} 个），不像是正确的压缩结果")
    return out if out.endswith("\n") else out + "\n"


@event_priority(-200)  # 在 cssbundle.py（-100）写出 dlnotes.css 之后
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for kind, names in (("css", CSS), ("js", JS)):
        for name in names:
            path = site / name
            if not path.is_file():
                raise MinifyError(f"要压缩的 {name} 不在站点里（{path}）；改了文件名请同时改 docs/hooks/minify.py")
            text = path.read_text(encoding="utf-8")
            small = minify_text(text, kind, name)
            if small != text:
                path.write_text(small, encoding="utf-8")
