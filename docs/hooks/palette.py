"""MkDocs 钩子：Material 的配色切换规则不再让每次打开页面都重算整页样式两遍（issue 16）。

Material 9.8 的 ``palette.css`` 里有一条

    [data-md-color-switching] *,[data-md-color-switching] :after,[data-md-color-switching] :before
    {transition-duration:0s!important}

它的用意是：换配色的那一帧里关掉过渡动画，颜色一下子换好，而不是链接、头部各自渐变。bundle 在配色组件
**启动时**也走同一条路：给 ``<body>`` 设上 ``data-md-color-switching``，下一帧再去掉。浏览器看到
``[属性] *`` 这样的规则，属性一变就只能把 ``<body>`` 下的每个元素都标成样式失效：公式多的页面有一万多个
构建时排好的 MathJax 元素，一次打开页面就白白重算两遍整页样式。在 Lighthouse（手机、4 倍 CPU 降速）
里这是浅层神经网络一页总阻塞时间的四成左右（同一次运行交错对比：约 700 ms → 390 ms）。

本钩子让规则只在读者真的切换配色时生效：

1. ``on_files``：核对 bundle 仍然以 ``document.body.setAttribute("data-md-color-switching","")`` 与
   ``removeAttribute`` 各恰好一处来用这个属性，``palette.css`` 里这条规则恰好一处、属性不在别处出现；
   把规则里的属性换成 ``data-dl-color-switching``，以**新的内容哈希文件名** ``palette.<sha256 前 8 位>.min.css``
   发布（旧文件与它的 ``.map`` 不再发布：map 与改过的内容对不上）。
2. ``docs/javascripts/palette-switch.js``：读者点配色开关（``name="__palette"`` 的单选框发出 ``change``，
   在捕获阶段、Material 换配色之前）时给 ``<html>`` 设上 ``data-dl-color-switching``，两帧后去掉：
   与原来一样，换配色的那一帧没有过渡动画。打开页面时 Material 若要换配色（没存过配色、系统又不符合第一套
   配色，例如系统是深色），页眉里一段内联脚本（``first_visit_script``）先设上这个属性，palette-switch.js 在
   Material 换好之后两帧去掉；其余情况打开页面时谁也不设它，样式不必重算。
3. ``on_post_page`` / ``on_post_template``：每个 HTML 页面里指向旧文件的 ``<link>`` 改成新名字，
   每页必须恰好一处。

任何一处没有恰好匹配都抛 ``PluginError`` 并点名文件或页面：Material 升级改了写法时构建大声失败，而不是
悄悄发布一个配色切换时闪动画、或者又回到每页重算的站点。对 Material 9.8.2 验证过（pyproject.toml 固定了
这个版本）。Material 包本身不动。
"""

from __future__ import annotations

import json
import logging
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitebuild.assets import one_hashed_file, republish

log = logging.getLogger("mkdocs.hooks.palette")

STYLES_DIR = "assets/stylesheets/"
PALETTE_NAME = re.compile(r"palette\.[0-9a-f]{8}\.min\.css")
BUNDLE_DIR = "assets/javascripts/"
BUNDLE_NAME = re.compile(r"bundle\.[0-9a-f]{8}\.min\.js")

#: Material 的属性与本站换上的属性
MATERIAL_ATTR = "data-md-color-switching"
OUR_ATTR = "data-dl-color-switching"
#: palette.css 里的那条规则（压缩后的原文）
RULE = (
    f"[{MATERIAL_ATTR}] *,[{MATERIAL_ATTR}] :after,[{MATERIAL_ATTR}] :before"
    "{transition-duration:0s!important}"
)
#: bundle 里设、去这个属性的两处（各须恰好一处）
BUNDLE_USES = (
    f'document.body.setAttribute("{MATERIAL_ATTR}","")',
    f'document.body.removeAttribute("{MATERIAL_ATTR}")',
)


def check_bundle(js: str, name: str) -> None:
    """bundle 只以 ``BUNDLE_USES`` 的两种方式各用一次这个属性；否则 ``PluginError``（点名文件）。"""
    counts = [js.count(use) for use in BUNDLE_USES]
    if counts != [1, 1] or js.count(MATERIAL_ATTR) != 2:
        raise PluginError(
            f"palette 钩子：{name} 里应恰好各有 1 处 {BUNDLE_USES[0]} 与 {BUNDLE_USES[1]}、"
            f"属性 {MATERIAL_ATTR} 共出现 2 次，实际 {counts[0]}、{counts[1]} 处，共 {js.count(MATERIAL_ATTR)} 次。"
            "Material 改了配色组件：请重新检查 docs/hooks/palette.py 与 docs/javascripts/palette-switch.js。"
        )


def patch_palette(css: str, name: str) -> str:
    """返回改好的 palette.css：规则里的属性换成 ``OUR_ATTR``，去掉 source map 注释。

    Raises
    ------
    PluginError
        规则不是恰好一处，或属性还出现在规则以外（点名文件）。
    """
    if css.count(RULE) != 1 or css.count(MATERIAL_ATTR) != 3:
        raise PluginError(
            f"palette 钩子：{name} 里应恰好有 1 处规则「{RULE}」，属性 {MATERIAL_ATTR} 只在其中出现 3 次；"
            f"实际规则 {css.count(RULE)} 处、属性 {css.count(MATERIAL_ATTR)} 次。"
            "Material 改了 palette.css：请更新 docs/hooks/palette.py。"
        )
    css = css.replace(RULE, RULE.replace(MATERIAL_ATTR, OUR_ATTR))
    return re.sub(r"\s*/\*# sourceMappingURL=[^*]*\*/\s*\Z", "\n", css)


def rewrite_link(html: str, old_name: str, new_name: str, where: str) -> str:
    """页面里指向旧 palette.css 的 ``<link>`` 改成新名字；不是恰好一处就抛 ``PluginError``（点名页面）。"""
    pattern = re.compile(r'(<link rel="stylesheet" href="(?:[^"]*/)?' + re.escape(STYLES_DIR) + r")" + re.escape(old_name) + '"')
    found = len(pattern.findall(html))
    if found != 1 or html.count(old_name) != 1:
        raise PluginError(
            f"palette 钩子：{where} 里应恰好有 1 处指向 {STYLES_DIR}{old_name} 的 <link>（模式 {pattern.pattern}），"
            f"实际匹配 {found} 处、出现旧文件名 {html.count(old_name)} 次。"
        )
    return pattern.sub(lambda m: m.group(1) + new_name + '"', html)


#: Material 在页眉里应用读者存过的配色的内联脚本（每页恰好一处）；本站的预判脚本插在它前面
SAVED_PALETTE_SCRIPT = '<script>var palette=__md_get("__palette");'


def first_visit_script(first_media: str) -> str:
    """打开页面时 Material 会不会换配色：没存过配色、而系统不符合第一套配色的 media（例如系统是深色）时，
    bundle 启动时会从第一套换到符合的那套。这时先在 ``<html>`` 上设好 ``OUR_ATTR``（还在页眉，后面的元素一出生
    就带着"不要过渡"），由 palette-switch.js 在 Material 换好之后两帧去掉：与 Material 原来一样不闪过渡动画。
    其余情况（系统是浅色、或读者存过配色，页眉的内联脚本已经应用）什么也不设，不多算一遍样式。"""
    media = json.dumps(first_media)
    return (f'<script>__md_get("__palette")||matchMedia({media}).matches||'
            f'document.documentElement.setAttribute("{OUR_ATTR}","")</script>')


def insert_first_visit_script(html: str, script: str, where: str) -> str:
    """把 ``script`` 插在 Material 应用存过的配色的内联脚本前；不是恰好一处就抛 ``PluginError``（点名页面）。"""
    found = html.count(SAVED_PALETTE_SCRIPT)
    if found != 1:
        raise PluginError(
            f"palette 钩子：{where} 里应恰好有 1 处 Material 应用存过配色的脚本「{SAVED_PALETTE_SCRIPT}」，"
            f"实际 {found} 处。Material 改了 palette 的模板：请更新 docs/hooks/palette.py。"
        )
    return html.replace(SAVED_PALETTE_SCRIPT, script + SAVED_PALETTE_SCRIPT, 1)


class PalettePatch(BasePlugin):
    """一次构建里的改写：旧 palette.css 名 → 新名（``on_files`` 里确定，页面事件里用）。"""

    def __init__(self, first_media: str) -> None:
        self.old_name = ""
        self.new_name = ""
        self.script = first_visit_script(first_media)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        bundle = one_hashed_file(files, BUNDLE_DIR, BUNDLE_NAME, "palette 钩子", "bundle.<哈希>.min.js")
        check_bundle(bundle.content_string, bundle.src_uri)
        palette = one_hashed_file(files, STYLES_DIR, PALETTE_NAME, "palette 钩子", "palette.<哈希>.min.css")
        content = patch_palette(palette.content_string, palette.src_uri).encode("utf-8")
        self.old_name = palette.src_uri[len(STYLES_DIR):]
        self.new_name = republish(files, config, palette, content)
        log.debug("palette.css 已改写：%s → %s", self.old_name, self.new_name)
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        where = f"页面 {page.file.src_uri}"
        return insert_first_visit_script(rewrite_link(output, self.old_name, self.new_name, where), self.script, where)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):  # sitemap.xml 等
            return output_content
        where = f"模板 {template_name}"
        html = rewrite_link(output_content, self.old_name, self.new_name, where)
        return insert_first_visit_script(html, self.script, where)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if config.theme.name != "material" or not config.theme.get("palette"):
        return config  # 没有配色切换：palette.css 原样发布
    # 这次构建的改写状态放在一个新对象上（不是模块全局变量）；注册后它的事件照常被调用
    palette = config.theme.get("palette")
    first = palette[0] if isinstance(palette, list) else palette
    config.plugins["dlnotes/palette"] = PalettePatch(first.get("media") or "all")
    return config
