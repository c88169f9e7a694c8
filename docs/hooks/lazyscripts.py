"""MkDocs 钩子：交互图与练习的脚本只在用到它们的页面、只在它们快进入视口时才下载（issue 15）。

只管一件事。``javascripts/widgets.js``（25 KB）和 ``javascripts/quiz.js``（6 KB）以前在
``mkdocs.yml`` 的 ``extra_javascript`` 里，每一页（首页、术语表、API 参考……）一打开就下载；
可是只有几个章节页有交互图，练习都在章节页的末尾。现在：

* 它们不在 ``extra_javascript`` 里（``on_config`` 核对：谁再把它们加回去，构建失败并说明原因——
  那样每页都会下载两次）；文件仍随 ``docs/javascripts/`` 复制进站点；
* ``on_post_page``：页面里有 `LAZY` 中某个脚本的元素（``<div class="dl-widget" data-widget=…>``、
  ``<div class="quiz" …>``）时，在 ``</body>`` 前放一段很小的内联脚本：用 ``IntersectionObserver``
  看着这些元素（还没有盒子的——交互图的容器在脚本运行前不显示——看它前面的静态图），
  第一个离视口不到 `MARGIN` 时插入 ``<script src=…>``（地址相对本页，所以
  ``file://`` 打开的离线包里同样能用）。没有这些元素的页面什么也不加。浏览器没有
  ``IntersectionObserver`` 时马上加载。两个脚本都在加载后通过 Material 的 ``document$``
  （``ReplaySubject``：晚订阅也会收到当前页面）或 ``DOMContentLoaded`` 初始化，晚到没有关系；
* 交互图界面的样式（``stylesheets/widgets-ui.css``，5 KB）同样按需：加载器先插入它，样式到了再插入
  ``widgets.js``；容器本身与「没有 JavaScript、打印时不显示」的规则仍在每页都有的 ``widgets.css`` 里；
* 没有 JavaScript 时什么都不变：练习是普通列表，交互图的容器不显示，读者看静态图。

页面里找不到 ``</body>``（主题改了写法）→ 构建失败，点名页面。
"""

from __future__ import annotations

import json
import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

#: 站点里的脚本 → (页面里用它的元素的 CSS 选择器, 在 HTML 里认出这种元素的正则, 先于它加载的样式表或 None)
LAZY: dict[str, tuple[str, re.Pattern[str], str | None]] = {
    "javascripts/widgets.js": (".dl-widget[data-widget]",
                               re.compile(r"<div\b[^>]*\bclass=\"dl-widget\"[^>]*\bdata-widget="),
                               "stylesheets/widgets-ui.css"),
    "javascripts/quiz.js": ("div.quiz", re.compile(r"<div\b[^>]*\bclass=\"quiz\""), None),
}
#: 元素离视口多远时开始下载脚本（交互图的数据在 widgets.js 里另有自己的 300px）
MARGIN = "800px 0px"

#: 加载器（写得紧凑：每个用到它的页面都带一份；不含汉字，免得进中文字体子集）。每一项 t =
#: [选择器, 脚本地址, 先加载的样式表地址（可无）]；没有盒子的元素（交互图的容器在脚本运行前
#: display: none，IntersectionObserver 永远看不到它）改看它前面的元素（静态图）
LOADER = (
    "<script>/* docs/hooks/lazyscripts.py */(function(){%s.forEach(function(t){"
    "var els=document.querySelectorAll(t[0]),done=0,io=null;if(!els.length)return;"
    "function load(){if(done)return;done=1;if(io)io.disconnect();"
    "var s=document.createElement('script');s.src=t[1];if(!t[2])return document.body.appendChild(s);"
    "var l=document.createElement('link');l.rel='stylesheet';l.href=t[2];"
    "l.onload=l.onerror=function(){document.body.appendChild(s)};document.head.appendChild(l)}"
    "if(!('IntersectionObserver' in window))return load();"
    "io=new IntersectionObserver(function(es){if(es.some(function(e){return e.isIntersecting}))load()},"
    "{rootMargin:'%s'});"
    "els.forEach(function(el){io.observe(el.getClientRects().length?el:(el.previousElementSibling||el.parentElement))})"
    "})})();</script>\n"
)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    listed = [str(getattr(s, "path", s)) for s in config.extra_javascript]
    twice = sorted(set(listed) & set(LAZY))
    if twice:
        raise PluginError(f"mkdocs.yml 的 extra_javascript 里有 {twice}：它们由 docs/hooks/lazyscripts.py "
                          "只在用到的页面、用到时加载，列在 extra_javascript 里会让每页都下载（还会执行两次）")
    return config


def loader_for(html: str, page_url: str) -> str | None:
    """这一页要的加载器（没有用到任何脚本时 None）。``page_url`` 是页面的站点地址（``notes-2/x/``）。"""
    base = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    rel = lambda path: posixpath.relpath(path, base or ".")  # noqa: E731
    todo = [[selector, rel(src)] + ([rel(css)] if css else [])
            for src, (selector, pattern, css) in LAZY.items() if pattern.search(html)]
    if not todo:
        return None
    return LOADER % (json.dumps(todo), MARGIN)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    loader = loader_for(output, page.url)
    if loader is None:
        return output
    if output.count("</body>") != 1:
        raise PluginError(f"{page.file.src_uri}：页面里应恰有一个 </body>（找到 {output.count('</body>')} 个），"
                          "docs/hooks/lazyscripts.py 不知道把加载器放在哪里")
    return output.replace("</body>", loader + "</body>")
