"""MkDocs 钩子：一份术语表（``docs/glossary.yml``）和一份视频表（``docs/videos.yml``）生成四样东西。

1. ``on_config``：由术语表生成 jieba 用户词典，写到 mkdocs.yml 里 ``search.jieba_dict_user``
   指的位置（``.cache/`` 下，不进仓库），并把这个设置换成绝对路径。本钩子的优先级高于
   ``docs/hooks/search.py`` 和 search 插件（后者在自己的 ``on_config`` 里加载词典）。
2. ``on_files``：生成两个页面 ``glossary.md``（术语表，按讲解它的页面分组，每个术语链接到
   讲它的小节）和 ``videos.md``（课程视频对照表）。它们不是仓库里的文件，数据只在 yml 里。
3. ``on_post_page``：在每页正文（``<article>``）里，给每个术语**第一次**出现的地方套上
   ``<span class="gl-term" tabindex="0">``，里面带一个隐藏的 ``role="tooltip"`` 说明（英文 +
   释义），由 ``stylesheets/gloss.css`` 和 ``javascripts/gloss.js`` 在悬停、聚焦（键盘或触摸）
   时显示。按字符串匹配，所以词内也能找到（「批量梯度下降法」里的「梯度下降」）；
   不在代码、公式、标题、链接、提示框标题、按钮/表单、已有的提示里标。
   在 ``on_post_page`` 而不是 ``on_page_content`` 里做：search 插件在两者之间给页面建索引，
   提示里的释义不会混进搜索索引。
4. ``on_post_build``：检查术语的 ``at`` 和视频的 ``see`` 指向的小节锚点在构建出的页面里都存在，
   不存在就逐条报 WARNING（``--strict`` 构建因此失败），说明是哪个术语/视频、哪个锚点。
   ``mkdocs serve --dirty`` 只重建改过的页面（``docs/hooks/serve.py``）：没重建的页面的 id
   从站点里已有的 HTML 读。

测试（``tests/test_glossary.py``）和 ``tests/sitetools.py`` 直接导入本文件里的函数
（``load_terms``、``search_terms``、``mark_terms`` 等），所以只有这一份解析代码。

状态：``on_config`` 为这次构建新建一个 `GlossaryBuild` 对象并注册进 ``config.plugins``
（MkDocs 为它的 ``on_*`` 方法登记事件），模块里没有全局变量。
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.glossary")

HERE = Path(__file__).resolve().parent
DOCS = HERE.parent
GLOSSARY_YML = DOCS / "glossary.yml"
VIDEOS_YML = DOCS / "videos.yml"

#: 生成的两个页面（相对 docs/）
GLOSSARY_PAGE = "glossary.md"
VIDEOS_PAGE = "videos.md"
#: 这些页面不加术语提示（术语表本身就是释义；视频表只是目录）
NO_TOOLTIP_PAGES = {GLOSSARY_PAGE, VIDEOS_PAGE}

#: libyaml 的 C 解析器（有就用，快十倍；结果与纯 Python 的 SafeLoader 相同）
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{HAN}]")


# ---------------------------------------------------------------- 数据
@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    definition: str
    at: str  # "notes-1/basics.md#梯度下降"
    also: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    search: bool = True

    @property
    def page(self) -> str:
        return self.at.split("#", 1)[0]

    @property
    def anchor(self) -> str:
        return self.at.split("#", 1)[1]

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.zh, *self.aliases)


@dataclass(frozen=True)
class Video:
    no: str
    zh: str
    en: str
    see: tuple[str, ...]
    gap: str | None = None


@dataclass(frozen=True)
class Week:
    title: str
    en: str
    videos: tuple[Video, ...] = field(default_factory=tuple)


class GlossaryError(ValueError):
    """术语表或视频表的数据不合格式（消息里写明文件、条目和应有的样子）。"""


def _str(entry: dict, key: str, where: str, *, required: bool = True) -> str | None:
    value = entry.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise GlossaryError(f"{where}：字段 {key} 应为非空字符串，实际是 {value!r}")
    return value.strip()


def _str_list(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GlossaryError(f"{where}：字段 {key} 应为字符串列表，实际是 {value!r}")
    return tuple(v.strip() for v in value)


def _check_target(target: str, where: str, *, need_anchor: bool) -> None:
    page, _, anchor = target.partition("#")
    if not page.endswith((".md", ".py")) or page.startswith(("/", ".")):
        raise GlossaryError(f"{where}：{target!r} 应是 docs/ 下的页面源文件路径（如 notes-1/basics.md#梯度下降）")
    if need_anchor and not anchor:
        raise GlossaryError(f"{where}：{target!r} 缺少 #小节锚点")
    if not (DOCS / page).is_file():
        raise GlossaryError(f"{where}：{target!r} 指向的页面 docs/{page} 不存在")


def load_terms(path: Path = GLOSSARY_YML) -> list[Term]:
    """读取并检查术语表；格式错误抛 ``GlossaryError``（说明是哪一条、哪个字段）。"""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError(f"{path.name}：顶层应是 {{terms: [...]}}，实际是 {type(data).__name__}")
    allowed = {"zh", "en", "def", "at", "also", "aliases", "search"}
    terms: list[Term] = []
    seen: dict[str, str] = {}
    for i, entry in enumerate(data["terms"], 1):
        if not isinstance(entry, dict):
            raise GlossaryError(f"{path.name} 第 {i} 条：应是一个映射，实际是 {entry!r}")
        where = f"{path.name} 第 {i} 条（{entry.get('zh')!r}）"
        extra = set(entry) - allowed
        if extra:
            raise GlossaryError(f"{where}：未知字段 {sorted(extra)}，可用的字段是 {sorted(allowed)}")
        definition = _str(entry, "def", where)
        if not definition.endswith("。"):
            raise GlossaryError(f"{where}：释义应是一句以「。」结尾的话：{definition!r}")
        search = entry.get("search", True)
        if not isinstance(search, bool):
            raise GlossaryError(f"{where}：search 应为 true 或 false，实际是 {search!r}")
        term = Term(zh=_str(entry, "zh", where), en=_str(entry, "en", where), definition=definition,
                    at=_str(entry, "at", where), also=_str_list(entry, "also", where),
                    aliases=_str_list(entry, "aliases", where), search=search)
        _check_target(term.at, where, need_anchor=True)
        for page in term.also:
            _check_target(page, where, need_anchor=False)
        for spelling in term.spellings:
            if spelling in seen:
                raise GlossaryError(f"{where}：{spelling!r} 已经是 {seen[spelling]!r} 的写法，同一个词不能属于两个术语")
            seen[spelling] = term.zh
        terms.append(term)
    return terms


def load_videos(path: Path = VIDEOS_YML) -> list[Week]:
    """读取并检查视频表；格式错误抛 ``GlossaryError``。"""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    if not isinstance(data, dict) or not isinstance(data.get("weeks"), list):
        raise GlossaryError(f"{path.name}：顶层应是 {{weeks: [...]}}")
    weeks = []
    numbers: set[str] = set()
    for w, week in enumerate(data["weeks"], 1):
        where = f"{path.name} 第 {w} 周"
        videos = []
        for v, entry in enumerate(week.get("videos") or [], 1):
            vwhere = f"{where}第 {v} 个视频（{entry.get('num')!r}）"
            no = _str(entry, "num", vwhere)
            if not re.fullmatch(rf"{w}\.\d+", no) or int(no.split(".")[1]) != v:
                raise GlossaryError(f"{vwhere}：编号应为 \"{w}.{v}\"（字符串，按顺序），实际是 {no!r}")
            numbers.add(no)
            see = _str_list(entry, "see", vwhere)
            if not see:
                raise GlossaryError(f"{vwhere}：see 至少要有一个链接（没有对应内容时指向最接近的地方，并写 gap）")
            for target in see:
                _check_target(target, vwhere, need_anchor=False)
            videos.append(Video(no=no, zh=_str(entry, "zh", vwhere), en=_str(entry, "en", vwhere), see=see,
                                gap=_str(entry, "gap", vwhere, required=False)))
        if not videos:
            raise GlossaryError(f"{where}：没有视频")
        weeks.append(Week(title=_str(week, "title", where), en=_str(week, "en", where), videos=tuple(videos)))
    return weeks


# ---------------------------------------------------------------- 用途 3、4：词典与搜索术语
def jieba_dictionary(terms: list[Term]) -> str:
    """jieba 用户词典的内容：每个纯中文写法一行「词 频率 词性」（含空格或字母的写法 jieba 切不成一个词）。"""
    lines = []
    for term in terms:
        for spelling in term.spellings:
            if all(_HAN_RE.match(ch) for ch in spelling):
                lines.append(f"{spelling} 2000 n")
    return "\n".join(lines) + "\n"


def page_url(src: str) -> str:
    """``notes-1/basics.md`` → ``/notes-1/basics/``；``index.md`` → ``/``。"""
    stem = src.rsplit(".", 1)[0]
    if stem == "index":
        return "/"
    if stem.endswith("/index"):
        stem = stem[: -len("/index")]
    return f"/{stem}/"


def search_terms(terms: list[Term]) -> dict[str, tuple[str, ...]]:
    """浏览器搜索测试的表：术语 → 讲解它的页面（第一条结果必须是其中之一）。

    只收 ``search`` 不为 false 的纯中文术语（搜索框里的一个词）。
    """
    out: dict[str, tuple[str, ...]] = {}
    for term in terms:
        if term.search and all(_HAN_RE.match(ch) for ch in term.zh):
            out[term.zh] = tuple(dict.fromkeys(page_url(p) for p in (term.page, *term.also)))
    return out


# ---------------------------------------------------------------- 用途 1：生成的页面
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#])")


def md_escape(text: str) -> str:
    """把文字原样放进 Markdown：转义会被当作强调、链接、HTML 的字符。"""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _nav_titles(nav, out: dict[str, str]) -> dict[str, str]:
    """mkdocs.yml 的 nav（原始配置）→ {源文件: 标题}。"""
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    out.setdefault(value, title)
                else:
                    _nav_titles(value, out)
    return out


def heading_titles(markdown: str) -> dict[str, str]:
    """Markdown 源里各级标题的 {锚点: 标题文字}，锚点算法与 mkdocs.yml 的 toc 设置一致。"""
    from pymdownx.slugs import slugify

    slug = slugify(case="lower")
    out: dict[str, str] = {}
    fence = None
    for line in markdown.splitlines():
        m = re.match(r"^\s*(`{3,}|~{3,})", line)
        if m:
            fence = None if fence and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) else (fence or m.group(1))
            continue
        if fence:
            continue
        m = re.match(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*#*\s*$", line)
        if not m:
            continue
        title = re.sub(r"`([^`]*)`", r"\1", m.group(2)).strip()
        base = slug(re.sub(r"\$([^$]*)\$", r"\1", title), "-")
        anchor, n = base, 0
        while anchor in out:
            n += 1
            anchor = f"{base}_{n}"
        out[anchor] = title
    return out


class Sources:
    """页面标题（来自 nav）与各页的小节标题（来自 Markdown 源），用来写链接文字。"""

    def __init__(self, nav, read) -> None:
        self.titles = _nav_titles(nav, {})
        self._read = read  # src_uri → Markdown 文本
        self._headings: dict[str, dict[str, str]] = {}

    def page_title(self, page: str) -> str:
        return self.titles.get(page) or page

    def section_title(self, target: str) -> str | None:
        page, _, anchor = target.partition("#")
        if not anchor:
            return None
        if page not in self._headings:
            self._headings[page] = heading_titles(self._read(page)) if page.endswith(".md") else {}
        return self._headings[page].get(anchor)

    def link_text(self, target: str) -> str:
        page, _, anchor = target.partition("#")
        title = self.page_title(page)
        section = self.section_title(target) if anchor else None
        if section and section != title:
            return f"{title} › {section}"
        return title


def glossary_markdown(terms: list[Term], sources: Sources) -> str:
    groups: dict[str, list[Term]] = {}
    nav_order = {page: i for i, page in enumerate(sources.titles)}
    for term in sorted(terms, key=lambda t: nav_order.get(t.page, len(nav_order))):  # 稳定排序：组内保持 yml 的顺序
        groups.setdefault(term.page, []).append(term)
    out = [
        "---",
        "search:",
        "  exclude: true",  # 每个术语都在这页出现一次：搜索术语时，结果应是讲解它的页面
        "---",
        "",
        "# 术语表",
        "",
        f"第一课用到的 {len(terms)} 个术语，按讲解它的页面分组；点术语跳到讲它的小节。"
        "在笔记的每一页，术语第一次出现时下面有一条虚线：鼠标悬停，或者用 Tab 键移到它上面"
        "（手机上轻点一下），就会显示英文和释义。",
        "",
    ]
    for page, group in groups.items():
        out += [f"## {md_escape(sources.page_title(page))}", ""]
        for term in group:
            aliases = f"（也叫{'、'.join(md_escape(a) for a in term.aliases)}）" if term.aliases else ""
            out.append(f"- [**{md_escape(term.zh)}**]({term.at}) <span lang=\"en\">{md_escape(term.en)}</span>"
                       f"{aliases}：{md_escape(term.definition)}")
        out.append("")
    return "\n".join(out)


def videos_markdown(weeks: list[Week], sources: Sources) -> str:
    total = sum(len(w.videos) for w in weeks)
    gaps = [v for w in weeks for v in w.videos if v.gap]
    out = [
        "# 课程视频对照表",
        "",
        f"第一课《神经网络和深度学习》的 {total} 个视频（编号与课程一致），每个对应到本站讲它的页面和小节：",
        "看完一个视频，从这里找到接着读的地方。标着「本站暂无」的 "
        f"{len(gaps)} 个视频，本站还没有专门的内容，链接指向最接近的地方。",
        "",
    ]
    for week in weeks:
        out += [f"## {md_escape(week.title)}", "", '<div class="gl-videos" markdown>', "",
                "| 编号 | 视频 | 本站 |", "| --- | --- | --- |"]
        for v in week.videos:
            links = "<br>".join(f"[{md_escape(sources.link_text(t))}]({t})" for t in v.see)
            if v.gap:
                links = f'<span class="gl-gap">本站暂无</span> {md_escape(v.gap)}<br>最接近的内容：{links}'
            video = f"{md_escape(v.zh)}<br><span lang=\"en\">{md_escape(v.en)}</span>"
            out.append(f"| {v.no} | {video} | {links} |")
        out += ["", "</div>", ""]
    return "\n".join(out)


# ---------------------------------------------------------------- 用途 2：页面里的术语提示
#: 这些元素里面不加提示（整个子树）
SKIP_TAGS = {"a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label",
             "math", "mjx-container", "nav", "option", "pre", "samp", "script", "select", "style", "summary",
             "svg", "textarea", "th", "title", "var"}
#: class 里含这些名字的元素里面也不加（公式、提示框标题、已有的提示、练习题）
SKIP_CLASSES = {"arithmatex", "admonition-title", "gl-term", "quiz", "headerlink", "MathJax", "katex",
                "clipboard-copy-txt", "CodeMirror"}  # 后两个：notebook 代码单元（复制按钮用的隐藏原文）
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
             "track", "wbr"}

_TOKEN = re.compile(
    r"<!--.*?-->"                                  # 注释
    r"|<(script|style|pre|textarea)\b[^>]*>.*?</\1\s*>"  # 原样跳过的元素（pre 里没有嵌套的 pre）
    r"|<[!?][^>]*>"                                # doctype 等
    r"|</?[A-Za-z][^\s/>]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>"  # 标签
    r"|[^<]+|<",
    re.S | re.I,
)
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)(.*?)(/?)>$", re.S)
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
#: 文字里的 TeX（notebook 的 Markdown 单元里公式是原样的 $…$，由浏览器里的 MathJax 排版）
_TEX = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$|\\\(.+?\\\)|\\\[.+?\\\]", re.S)
_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.S)


def _skips(name: str, attrs: str) -> bool:
    if name in SKIP_TAGS:
        return True
    m = _CLASS.search(attrs)
    if m:
        classes = set((m.group(1) or m.group(2) or m.group(3) or "").split())
        if classes & SKIP_CLASSES:
            return True
    return False


class TermMatcher:
    """在文字里找术语：同一位置取最长的写法（「梯度下降法」优先于「梯度下降」）。"""

    def __init__(self, terms: list[Term]) -> None:
        self.by_spelling = {s: t for t in terms for s in t.spellings}
        ordered = sorted(self.by_spelling, key=lambda s: (-len(s), s))
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def finditer(self, text: str):
        if self.pattern is None:
            return
        for m in self.pattern.finditer(text):
            s = m.group(0)
            # 含拉丁字母的写法（sigmoid）只在词边界上算数：不在 sigmoid_grad、sigmoids 里面
            if re.match(r"\w", s[0], re.A) and m.start() > 0 and re.match(r"\w", text[m.start() - 1], re.A):
                continue
            if re.match(r"\w", s[-1], re.A) and m.end() < len(text) and re.match(r"\w", text[m.end()], re.A):
                continue
            yield m, self.by_spelling[s]


def _tooltip(term: Term, shown: str, n: int) -> str:
    tip = f"gl-tip-{n}"
    return (f'<span class="gl-term" tabindex="0" data-term="{html.escape(term.zh)}" aria-describedby="{tip}">'
            f"{shown}"
            f'<span class="gl-tip" role="tooltip" id="{tip}">'
            f'<span class="gl-tip__en" lang="en">{html.escape(term.en)}</span>'
            f'<span class="gl-tip__def">{html.escape(term.definition)}</span></span></span>')


def mark_terms(page_html: str, matcher: TermMatcher) -> tuple[str, list[str]]:
    """给正文（第一个 ``<article>``）里每个术语的第一次出现加提示；返回 ``(新 HTML, 标了的术语)``。

    ``<article>`` 之外（导航、页眉页脚）原样不动；文字之外的字节也原样不动。
    """
    m = _ARTICLE.search(page_html)
    if not m:
        return page_html, []
    start, end = m.span(1)
    body = page_html[start:end]
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (标签名, 这里面是否跳过)
    marked: set[str] = set()
    order: list[str] = []
    n = 0
    for tok in _TOKEN.finditer(body):
        s = tok.group(0)
        if s.startswith("<"):
            t = _TAG.match(s) if not s.startswith(("<!", "<?")) else None
            if t and not tok.group(1):
                closing, name, attrs, selfclose = t.group(1), t.group(2).lower(), t.group(3), t.group(4)
                if closing:
                    names = [x for x, _ in stack]
                    if name in names:  # 关到最近的同名元素（容忍没有显式关闭的 <p>、<li>）
                        del stack[len(names) - 1 - names[::-1].index(name):]
                elif name not in VOID_TAGS and not selfclose:
                    skipping = (stack[-1][1] if stack else False) or _skips(name, attrs)
                    stack.append((name, skipping))
            out.append(s)
            continue
        if stack and stack[-1][1]:
            out.append(s)
            continue
        # 文字：跳过其中的 TeX，剩下的部分找术语
        pieces, pos = [], 0
        tex = [(x.start(), x.end()) for x in _TEX.finditer(s)]
        for mt, term in matcher.finditer(s):
            if any(a < mt.end() and mt.start() < b for a, b in tex):
                continue
            if term.zh in marked:
                continue  # 后面再出现（包括作为更长写法的一部分）都不再标
            marked.add(term.zh)
            order.append(term.zh)
            n += 1
            pieces.append(s[pos:mt.start()])
            pieces.append(_tooltip(term, mt.group(0), n))
            pos = mt.end()
        pieces.append(s[pos:])
        out.append("".join(pieces))
    return page_html[:start] + "".join(out) + page_html[end:], order


_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def html_ids(page_html: str) -> set[str]:
    return {html.unescape(a or b) for a, b in _ID.findall(page_html)}


# ---------------------------------------------------------------- MkDocs 事件
class GlossaryBuild(BasePlugin):
    """一次构建里的术语表与视频表：生成两个页面、给页面加术语提示、收集各页的 id 以检查锚点。"""

    def __init__(self, terms: list[Term], weeks: list[Week], pages_dir: Path | None = None) -> None:
        self.pages_dir = pages_dir  # 生成的两页的 Markdown 写在这里（内容变了才写），见 on_files
        self.terms = terms
        self.weeks = weeks
        self.matcher = TermMatcher(terms)
        self.ids: dict[str, set[str]] = {}  # 页面源文件 → 页面里的 id（这次渲染的页面）
        self.built: dict[str, Path] = {}  # 页面源文件 → 站点里的 HTML（serve --dirty 没重建的页面从这里读 id）

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        def read(src: str) -> str:
            f = files.get_file_from_path(src)
            if f is None:
                raise PluginError(f"glossary 钩子：找不到页面 {src}")
            return f.content_string

        sources = Sources(config.get("nav"), read)
        for src, text in ((GLOSSARY_PAGE, glossary_markdown(self.terms, sources)),
                          (VIDEOS_PAGE, videos_markdown(self.weeks, sources))):
            if files.get_file_from_path(src) is not None:
                raise PluginError(f"glossary 钩子：docs/{src} 由钩子生成，仓库里不应有同名文件")
            files.append(self._generated(config, src, text))
        self.built = {f.src_uri: Path(f.abs_dest_path) for f in files.documentation_pages()}
        return files

    def _generated(self, config: MkDocsConfig, src: str, text: str) -> File:
        """生成的页面。写成 ``.cache/glossary/pages/`` 里的文件、内容变了才重写：``mkdocs serve --dirty``
        按修改时间判断页面要不要重建（``docs/hooks/serve.py``），内容没变的这两页就不必每次重建。"""
        if self.pages_dir is None:
            return File.generated(config, src, content=text)
        path = self.pages_dir / src
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return File.generated(config, src, abs_src_path=str(path))

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        src = page.file.src_uri
        if src not in NO_TOOLTIP_PAGES:
            output, _ = mark_terms(output, self.matcher)
        self.ids[src] = html_ids(output)
        return output

    def page_ids(self) -> dict[str, set[str]]:
        """每个页面里的 id：这次渲染的页面用渲染结果；``mkdocs serve --dirty`` 没重建的页面读站点里
        已有的 HTML（完整构建先清空站点目录，没渲染的页面在那里也没有文件，照样算缺失）。"""
        ids = dict(self.ids)
        for src, dest in self.built.items():
            if src not in ids and dest.is_file():
                ids[src] = html_ids(dest.read_text(encoding="utf-8"))
        return ids

    def problems(self) -> list[str]:
        """术语的 ``at``、视频的 ``see`` 指向的、构建出的页面里不存在的页面或锚点。"""
        ids = self.page_ids()
        problems = []
        for term in self.terms:
            if term.anchor not in ids.get(term.page, set()):
                problems.append(f"术语「{term.zh}」的 at: {term.at} —— 页面 {term.page} 里没有 id 为「{term.anchor}」的小节")
        for week in self.weeks:
            for v in week.videos:
                for target in v.see:
                    page, _, anchor = target.partition("#")
                    if page not in ids:
                        problems.append(f"视频 {v.no} 的 see: {target} —— 站点里没有页面 {page}")
                    elif anchor and anchor not in ids[page]:
                        problems.append(f"视频 {v.no} 的 see: {target} —— 页面 {page} 里没有 id 为「{anchor}」的小节")
        return problems

    def on_post_build(self, config: MkDocsConfig) -> None:
        for problem in self.problems():
            log.warning("glossary 钩子（docs/glossary.yml、docs/videos.yml）：%s", problem)


@event_priority(110)  # 早于 search.py（100）和 search 插件（0）：插件在 on_config 里加载词典
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        terms, weeks = load_terms(), load_videos()
    except GlossaryError as exc:
        raise PluginError(f"glossary 钩子：{exc}") from exc
    root = Path(config.config_file_path).resolve().parent
    config.plugins["dlnotes/glossary"] = GlossaryBuild(terms, weeks, root / ".cache" / "glossary" / "pages")
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None:
        return config
    target = search.config.get("jieba_dict_user")
    if not target:
        raise PluginError("glossary 钩子：mkdocs.yml 的 search 插件应设置 jieba_dict_user"
                            "（本钩子把由 docs/glossary.yml 生成的词典写到那里）")
    path = Path(target)
    if not path.is_absolute():
        path = Path(config.config_file_path).resolve().parent / path
    path.parent.mkdir(parents=True, exist_ok=True)
    content = jieba_dictionary(terms)
    if not path.is_file() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
    search.config["jieba_dict_user"] = str(path)
    return config
