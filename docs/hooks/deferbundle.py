"""MkDocs 钩子：Material 的 bundle（和紧挨在它前面的脚本）加上 ``defer``，不再阻塞第一次绘制（issue 16）。

只管一件事。Material 把 ``assets/javascripts/bundle.<哈希>.min.js``（35 KB gzip）放在 ``<body>`` 末尾，
是普通的阻塞脚本：浏览器给它"高"优先级，Lighthouse 的模拟把第一次绘制之前下载完的这种脚本算作阻塞渲染
（模拟的慢速 4G 上首次渲染多约 0.2 s），而且解析 HTML、执行 bundle、挂载组件连成一个长任务。加上 ``defer``
之后它在 HTML 解析完、``DOMContentLoaded`` 之前执行：DOM 已经完整（它本来就在 ``<body>`` 末尾），Material
照旧在 ``DOMContentLoaded`` 时挂载组件；本站自己的脚本本来就是 ``defer``，排在它后面，按文档顺序执行。

紧挨在 bundle 前面的外部脚本（``search_index.py`` 插入的搜索垫片 ``search-on-demand.js``：它必须先于
bundle 执行）一起加 ``defer``，相对顺序不变。``quiz.js``、``widgets.js`` 由 ``lazyscripts.py`` 动态插入，
可能先于 bundle 执行：它们在没有 ``document$`` 时直接初始化（DOM 此时已完整），见它们的末尾。

每个 HTML 页面（``on_post_page``、``on_post_template``）里 bundle 的 ``<script>`` 必须恰好一个、且还没有
``defer``，否则构建失败并点名页面与模式（Material 改了 ``base.html`` 的写法，或本钩子跑在
``search_index.py`` 插入垫片之前）。``search_index.py`` 的页面事件是它在 ``on_config`` 里登记的插件对象的方法，
排在所有模块级钩子之后，所以这里用优先级 -10 保证在它之后。
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

#: bundle 与紧挨在它前面、中间只隔空白的外部脚本（都只有 src 一个属性）
RUN = re.compile(r'(?:<script src="[^"<>]+"></script>\s*)*'
                 r'<script src="[^"<>]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js"></script>')
TAG = re.compile(r'<script src="([^"<>]+)"></script>')
#: 页面里任何写法的 bundle 引用（带不带 defer）：必须恰好一个
ANY_BUNDLE = re.compile(r'<script\b[^>]*\bsrc="[^"<>]*assets/javascripts/bundle\.[^"<>]*"')


class DeferBundleError(PluginError):
    """页面里 Material 的 bundle 不是恰好一个普通 ``<script src>``（页面与模式写在消息里）。"""


def defer_bundle(html: str, where: str) -> str:
    """给 bundle 和紧挨在它前面的外部脚本加上 ``defer``；bundle 不是恰好一处就抛 `DeferBundleError`。"""
    found = list(RUN.finditer(html))
    if len(found) != 1 or len(ANY_BUNDLE.findall(html)) != 1:
        raise DeferBundleError(
            f"deferbundle 钩子：{where} 里应恰好有 1 个 Material bundle 的普通 <script>（模式 {RUN.pattern}），"
            f"实际 {len(found)} 个（任何写法的 bundle 引用 {len(ANY_BUNDLE.findall(html))} 个）：Material 改了 base.html 的 scripts 块，或本钩子跑在 search_index.py 插入垫片之前？")
    m = found[0]
    run = TAG.sub(r'<script src="\1" defer></script>', m.group(0))
    return html[:m.start()] + run + html[m.end():]


@event_priority(-10)  # 在 search_index.py 插入垫片（优先级 0，插件对象）之后
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return defer_bundle(output, f"页面 {page.file.src_uri}")


@event_priority(-10)
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):  # sitemap.xml 等
        return output_content
    return defer_bundle(output_content, f"模板 {template_name}")
