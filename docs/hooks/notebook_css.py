"""MkDocs 钩子：notebook 页面里 JupyterLab 的整套样式只留下本页用得到的规则（issue 16）。

只管一件事。mkdocs-jupyter 在每个 notebook 页面里内联 nbconvert 的 JupyterLab 样式表（574 KB，
gzip 后 86 KB）：整个 JupyterLab 界面（工具栏、对话框、文件浏览器、调试器、小部件……）的规则，
而静态的 notebook 页面只用到单元、输入输出框、代码高亮这一小部分。页面 HTML 下载完之前什么也画
不出来，在 Lighthouse 模拟的慢速 4G 上这些死规则让最大内容绘制晚几百毫秒。

（测过另一种做法：把这些 ``<style>`` 原样搬进一个按内容命名、各 notebook 页面共用的样式表。
首次访问的字节数不变，还多一个阻塞渲染的请求，Lighthouse 分数没有提高，见 ``benchmarks/README.md``；
所以只删死规则，仍然内联。）

每个 notebook 页面写出之前（``on_post_page``，优先级 -90：别的钩子改完页面之后），对那一段
``<style type="text/css">@charset "UTF-8";.jupyter-wrapper{…}</style>``（`LAB_CSS`）：

1. 用 tinycss2 解析；``@media``/``@supports`` 里的规则同样处理，别的 at 规则原样保留；
2. 一条规则的选择器列表里，只留下「可能匹配」的选择器：去掉 ``:not(…)`` 之后，其中每个类名都
   出现在本页（去掉 ``<style>`` 之后的 HTML，含内联脚本）或站点的 JavaScript 里（Material 等在
   运行时加的类）。选择器里有 ``:is(``/``:where(``/``:has(`` 或转义字符时整条保留。一个选择器都
   不剩的规则删掉；
3. 自定义属性（``--jp-…``、``--md-…``）的声明，没有任何 ``var()`` 引用它（留下的规则、本页别的
   样式与 ``style`` 属性、站点的 CSS 文件）就删掉，直到没有可删的。

留下的规则原样（同样顺序）写回同一个位置，层叠不变，页面看起来不变（比较过前后的截图）。

nbconvert 的写法变了时构建失败并点名页面（`NotebookCssError`）：这段样式不是恰好一段、
tinycss2 报解析错误，或者 notebook 的骨架类（`CORE_CLASSES`：单元、输入输出框……）不在页面上或
删减之后没有规则了。

状态：``on_config`` 为这次构建新建一个 `NotebookCss` 对象并注册进 ``config.plugins``（站点
JavaScript 与 CSS 里的词在第一次用到时读出；样式表只解析一次，各 notebook 页面共用），模块里没有全局变量。
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page
from sitebuild.jupyter import is_notebook_page

#: nbconvert（mkdocs-jupyter 的 lab 模板）内联的 JupyterLab 样式表
LAB_CSS = re.compile(r'(<style type="text/css">\n)(@charset "UTF-8";\.jupyter-wrapper\{.*?)(</style>)', re.S)
STYLE_ELEMENT = re.compile(r"<style\b[^>]*>.*?</style>", re.S)
CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')
WORD = re.compile(r"[\w-]+")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
NOT = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
VAR_REF = re.compile(r"var\(\s*(--[\w-]+)")
#: 每个 notebook 页面都有、删减后也必须还有规则的类（单元、输入输出框、提示符、代码高亮）
CORE_CLASSES = ("jupyter-wrapper", "jp-Cell", "jp-InputArea", "jp-OutputArea", "jp-InputPrompt",
                "jp-OutputPrompt", "jp-RenderedText", "highlight-ipynb")
#: 选择器里有这些就不去判断，整条保留
OPAQUE = (":is(", ":where(", ":has(", "\\")


class NotebookCssError(PluginError):
    """JupyterLab 样式表不是本钩子认识的写法（页面写在消息里）。"""


def split_selectors(prelude: str) -> list[str]:
    """选择器列表按顶层逗号分开（括号里的逗号不算）。"""
    out, depth, cur = [], 0, []
    for ch in prelude:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur).strip())
    return [s for s in out if s]


def selector_classes(selector: str) -> set[str]:
    """必须都存在、选择器才可能匹配的类名（``:not(…)`` 里的不算）。"""
    return set(SELECTOR_CLASS.findall(NOT.sub("", selector)))


def _check(nodes, where: str) -> None:
    for n in nodes:
        if n.type == "error":
            raise NotebookCssError(f"notebook_css 钩子：{where} 的 JupyterLab 样式表解析出错：{n.message}"
                                   "（nbconvert 的样式变了？请检查 docs/hooks/notebook_css.py）")


@dataclass(frozen=True)
class Decl:
    """一条声明：名字、原文（``name:value``）、它用 ``var()`` 引用的自定义属性。"""

    name: str
    text: str
    refs: frozenset[str]


@dataclass(frozen=True)
class Rule:
    """一条普通规则：每个选择器连同它必须存在的类名、是否整条保留（`OPAQUE`）。"""

    selectors: tuple[tuple[str, frozenset[str], bool], ...]
    decls: tuple[Decl, ...]


@dataclass(frozen=True)
class Group:
    """``@media``/``@supports``：条件与里面的规则。"""

    prelude: str
    items: tuple


def parse_lab_css(css: str, where: str) -> tuple:
    """解析一次（同一次构建里各 notebook 页面的样式表相同，结果共用）：[`Rule` | `Group` | 原文]。"""

    def rules(nodes) -> tuple:
        _check(nodes, where)
        out: list = []
        for r in nodes:
            if r.type == "qualified-rule":
                sels = tuple((s, frozenset(selector_classes(s)), any(t in s for t in OPAQUE))
                             for s in split_selectors(tinycss2.serialize(r.prelude)))
                decls = tinycss2.parse_declaration_list(r.content, skip_whitespace=True, skip_comments=True)
                _check(decls, where)
                out.append(Rule(sels, tuple(_decl(d) for d in decls)))
            elif r.type == "at-rule" and r.lower_at_keyword in ("media", "supports") and r.content is not None:
                inner = tinycss2.parse_rule_list(r.content, skip_whitespace=True, skip_comments=True)
                out.append(Group(f"@{r.at_keyword}{tinycss2.serialize(r.prelude)}", rules(inner)))
            else:
                out.append(tinycss2.serialize([r]))
        return tuple(out)

    return rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


def _decl(d) -> Decl:
    if d.type != "declaration":  # 声明列表里的嵌套规则：原样保留
        return Decl("", tinycss2.serialize([d]), frozenset(VAR_REF.findall(tinycss2.serialize([d]))))
    value = tinycss2.serialize(d.value).strip()
    return Decl(d.name, f"{d.name}:{value}{'!important' if d.important else ''}", frozenset(VAR_REF.findall(value)))


def _prune(items: tuple, known: set[str], kept_classes: set[str]) -> list:
    """留下可能匹配的选择器：[(选择器文本, [Decl]) | (Group 条件, [...]) | 原文]。"""
    out: list = []
    for item in items:
        if isinstance(item, Rule):
            live = [(s, classes) for s, classes, opaque in item.selectors if opaque or classes <= known]
            if live:
                for _, classes in live:
                    kept_classes |= classes
                out.append((",".join(s for s, _ in live), list(item.decls)))
        elif isinstance(item, Group):
            inner = _prune(item.items, known, kept_classes)
            if inner:
                out.append((item.prelude, inner))
        else:
            out.append(item)
    return out


def _walk_decls(rules):
    for r in rules:
        if isinstance(r, tuple) and r[0].startswith("@"):
            yield from _walk_decls(r[1])
        elif isinstance(r, tuple):
            yield r


def _drop_unused_vars(rules: list, referenced_elsewhere: set[str]) -> None:
    while True:
        used = set(referenced_elsewhere)
        for _, decls in _walk_decls(rules):
            for d in decls:
                used |= d.refs
        for r in rules:
            if isinstance(r, str):
                used.update(VAR_REF.findall(r))
        dropped = False
        for _, decls in _walk_decls(rules):
            keep = [d for d in decls if not (d.name.startswith("--") and d.name not in used)]
            if len(keep) != len(decls):
                decls[:] = keep
                dropped = True
        if not dropped:
            return


def _serialize(rules: list) -> str:
    out = []
    for r in rules:
        if isinstance(r, str):
            out.append(r)
        elif r[0].startswith("@"):
            out.append(f"{r[0]}{{{_serialize(r[1])}}}")
        elif r[1]:
            out.append(f"{r[0]}{{{';'.join(d.text for d in r[1])}}}")
    return "".join(out)


def prune_lab_css(html: str, where: str, site_words: set[str], site_vars: set[str],
                  parsed: dict[str, tuple] | None = None) -> str:
    """页面 ``html`` 里那段 JupyterLab 样式表换成删减后的。

    ``site_words``：站点 JavaScript 里出现的词（运行时才加上的类名）；``site_vars``：站点的 CSS
    文件里 ``var()`` 引用的自定义属性；``parsed``：样式表原文 → `parse_lab_css` 的结果（一次构建共用）。
    """
    found = LAB_CSS.findall(html)
    if len(found) != 1:
        raise NotebookCssError(
            f"notebook_css 钩子：{where} 的 JupyterLab 样式表：模式 {LAB_CSS.pattern[:60]!r}… 应恰好匹配 1 处，"
            f"实际 {len(found)} 处。nbconvert/mkdocs-jupyter 的模板变了：请检查 docs/hooks/notebook_css.py。")
    css = found[0][1]
    parsed = {} if parsed is None else parsed
    if css not in parsed:
        parsed[css] = parse_lab_css(css, where)
    rest = STYLE_ELEMENT.sub(" ", html)
    page_classes = {c for attr in CLASS_ATTR.findall(rest) for c in attr.split()}
    kept_classes: set[str] = set()
    rules = _prune(parsed[css], set(WORD.findall(rest)) | site_words, kept_classes)
    other_styles = "".join(m.group(0) for m in STYLE_ELEMENT.finditer(html) if css not in m.group(0))
    _drop_unused_vars(rules, site_vars | set(VAR_REF.findall(rest + other_styles)))
    lost = [c for c in CORE_CLASSES if c not in page_classes or c not in kept_classes]
    if lost:
        raise NotebookCssError(
            f"notebook_css 钩子：{where} 的 notebook 骨架类 {lost} 不在页面上，或删减之后样式表里没有它们的规则了："
            "nbconvert 的写法变了，或者本钩子对选择器的判断出错了，请检查 docs/hooks/notebook_css.py。")
    pruned = _serialize(rules)
    return LAB_CSS.sub(lambda m: m.group(1) + pruned + "\n" + m.group(3), html, count=1)


class NotebookCss(BasePlugin):
    """一次构建：站点 JavaScript 里的词与 CSS 里引用的自定义属性（读一次），删减每个 notebook 页面的样式。"""

    def __init__(self, jupyter: BasePlugin) -> None:
        self.jupyter = jupyter
        self._site: tuple[set[str], set[str]] | None = None
        self._parsed: dict[str, tuple] = {}  # 样式表原文 → 解析结果

    def _site_words(self, site_dir: str) -> tuple[set[str], set[str]]:
        if self._site is None:
            site = Path(site_dir)
            words: set[str] = set()
            refs: set[str] = set()
            for p in sorted(site.rglob("*.js")):
                words.update(WORD.findall(p.read_text(encoding="utf-8", errors="replace")))
            for p in sorted(site.rglob("*.css")):
                refs.update(VAR_REF.findall(p.read_text(encoding="utf-8", errors="replace")))
            self._site = (words, refs)
        return self._site

    @event_priority(-90)  # 别的钩子（公式、术语提示、尺寸……）改完页面之后
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not is_notebook_page(page.file.abs_src_path, self.jupyter.config):
            return output
        words, refs = self._site_words(config.site_dir)
        return prune_lab_css(output, f"notebook 页面 {page.file.src_uri}", words, refs, self._parsed)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        config.plugins["dlnotes/notebook_css"] = NotebookCss(jupyter)
    return config
