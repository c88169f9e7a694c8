"""MkDocs 钩子：没有中文字体的机器上也能读中文——构建时生成只含本站用字的 Noto Sans SC 子集。

只管一件事。主题设了 ``font: false``（不从 Google Fonts 下载字体），正文用系统字体；
在没有任何中文字体的系统上（例如新装的 Debian），每个汉字都是一个方框。

所有页面渲染完之后（``on_post_build``）：

1. 收集站点目录里所有 HTML 页面与搜索索引里用到的中日韩字符（U+2E80 起：汉字、全角标点、
   中文标点……；页面里别处的这类字符也算进来，多几个字无妨）。读的是写好的文件，而不是
   ``on_post_page`` 里的页面：``mkdocs serve --dirty`` 只重建改过的页面（见 ``docs/hooks/serve.py``），
   没重建的页面也得算进来；在 ``on_post_build`` 的最后（优先级 -100）读，别的钩子改写索引之后；
2. 用 fontTools 从 ``pylopdf-fonts-zh-cn`` 包里的 Noto Sans SC（SIL OFL 1.1，matplotlib 画图
   也用它）切出只含这些字符的子集，存成 ``assets/fonts/noto-sans-sc-subset.woff2``；
3. 写两个样式表。``assets/fonts/cjk.css``（``mkdocs.yml`` 的 ``extra_css`` 引用它，阻塞渲染）只有
   正文与代码的字体栈：常见的系统中文字体排在子集前面，所以装了中文字体的读者一个字节也不多下载，
   只有缺中文字体的系统才会请求子集。字体栈最后是空白的占位字体 `PLACEHOLDER`（``cjkplaceholder.py``
   钩子提供）：子集下载期间汉字先排成同宽同高的空白，子集到了页面不跳动。
   ``assets/fonts/cjk-face.css`` 是子集的 ``@font-face``：``src`` 先列本机字体 ``local(...)``，最后才是
   子集文件；``unicode-range`` 是这些字符所在的码位段（相距不到 `RANGE_GAP` 个码位的并成一段：逐字列出要
   8 KB，每页都下载；段里子集没有的字浏览器照样落到后面的字体，与逐字列出效果相同）。
4. 每个页面（``on_post_page``、``on_post_template``）在 ``cjk.css`` 的 ``<link>`` 后面插入 `late_face`：
   ``cjk-face.css`` 先以 ``media="print"`` 不阻塞地下载，一段内联脚本在**第一次绘制之后**（下一帧的
   ``requestAnimationFrame`` 里再 ``setTimeout``）把它改成 ``media="all"``；不运行脚本的读者由
   ``<noscript>`` 里的同一个样式表得到它，打印（离线 PDF 去掉了脚本）用的就是 ``media="print"``。
   为什么推迟：子集（约 150 KB）原来在第一次排版时就开始下载，与第一次绘制赛跑。读者看不出差别
   （子集到达之前汉字本来就是占位的空白，推迟的只是一帧），但 Lighthouse 把第一次绘制之前下载完的
   "最高"优先级请求（字体都是）一律算作阻塞渲染：在模拟的慢速 4G 上首次渲染因此时而多出 0.75 s，
   同一页的性能分在 92 与 99 之间跳。推迟之后子集总在第一次绘制之后才请求，结果稳定。
   试过把切换脚本放到 ``</body>`` 前（整页解析完、画过一帧再切换）：长页面上最大的那段正文有时比第一次绘制晚
   几帧才画出，放在 ``<head>`` 时子集偶尔仍赶在它前面下载完（API 参考 deep 页的 LCP 偶尔 2.3–2.5 s）；但放在页末
   时加 ``@font-face`` 引起的整页样式重算落在 bundle 与组件挂载那几个长任务旁边，公式页的 TBT 多约 100 ms
   （浅层神经网络 98 → 94.5 分，同一次 A/B）。两害相权，留在 ``<head>``。
   每页必须恰好一个 ``cjk.css`` 的 ``<link>``，否则构建失败并点名页面与模式。

子集只含中日韩字符（拉丁字母、数字仍用系统字体）。结果按字符集与字体文件缓存在
``.cache/fonts/``；同样的字符集得到逐字节相同的文件（固定的子集选项，不写时间戳）。
切子集要几秒：``mkdocs serve`` 里字符集变了（写进了新字）时不等它，先用最近一次的子集
（新字在没有中文字体的系统上暂时用后备字体显示），``mkdocs build`` 总是生成完整的子集。

状态：``on_config`` 为这次构建新建一个 `FontSubset` 对象并注册进 ``config.plugins``
（MkDocs 为它的 ``on_*`` 方法登记事件），模块里没有全局变量。是不是 ``mkdocs serve`` 由站点目录
看出（serve 每次构建都写进它建的临时目录 ``mkdocs_*``）：``on_startup`` 只在 serve 第一次加载
配置时调用，重建时重新加载的钩子收不到它。
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import re
import time
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page
from sitebuild.serve import is_serve_site

log = logging.getLogger("mkdocs.hooks.cjkfont")

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
FONT_FILE = "NotoSansSC-Regular.otf"
FAMILY = "dlnotes Noto Sans SC"
PLACEHOLDER = "dlnotes CJK placeholder"  # 子集下载期间的空白占位字体（docs/hooks/cjkplaceholder.py）
OUT_DIR = "assets/fonts"
FONT_NAME = "noto-sans-sc-subset.woff2"
#: 子集里不留的 OpenType 特性：标点挤压。Chromium 的 ``text-spacing-trim``（默认 normal）遇到带 ``halt``/``chws``
#: 的字体，就把相邻的全角标点（如「），」）挤成半宽。占位字体（cjkplaceholder.py）每个字一样宽、不挤压；子集若会
#: 挤压，它一到，这样的行就变短、可能少折一行，下面的内容整块上移（没有中文字体的读者看到页面跳动，例如
#: API 参考 deep 页的第一段：累计布局偏移 0.23）。不挤压的子集与占位字体逐字同宽。本机有中文字体的读者
#: 用本机字体，照旧挤压。
TRIM_FEATURES = frozenset({"halt", "vhal", "chws", "vchw"})
CSS_NAME = "cjk.css"
FACE_NAME = "cjk-face.css"
FACE_ID = "dl-cjk-face"
#: 页面里 cjk.css 的 <link>（MkDocs 由 extra_css 写出）；组 ``prefix`` 是相对页面的地址前缀
CSS_LINK = re.compile(r'<link rel="stylesheet" href="(?P<prefix>[^"<>]*)' + re.escape(f"{OUT_DIR}/{CSS_NAME}") + r'">')
FIRST_CJK = 0x2E80  # CJK 部首补充；其后是中日韩符号与标点、汉字、全角形式……

#: 本机已有的中文字体（各平台的常见名字）：字体栈里排在子集前面，@font-face 里先试 local()
SYSTEM_CJK = (
    '"PingFang SC"', '"Hiragino Sans GB"', '"Microsoft YaHei"', '"Noto Sans CJK SC"',
    '"Source Han Sans SC"', '"Noto Sans SC"', '"WenQuanYi Micro Hei"',
)
LOCAL_NAMES = ("Noto Sans SC", "NotoSansSC-Regular", "Noto Sans CJK SC", "NotoSansCJKsc-Regular",
               "Source Han Sans SC", "SourceHanSansSC-Regular")
#: Material 在 ``font: false`` 时的默认字体栈（去掉最后的通用族，中文字体插在它前面）
TEXT_STACK = ("-apple-system", "BlinkMacSystemFont", "Helvetica", "Arial")
CODE_STACK = ("SFMono-Regular", "Consolas", "Menlo")


def _font_path() -> Path:
    try:
        path = Path(str(resources.files(FONT_PACKAGE) / FONT_FILE))
    except ModuleNotFoundError as exc:
        raise PluginError("缺少中文字体包：pip install -e '.[site]'（pylopdf-fonts-zh-cn）") from exc
    if not path.is_file():
        raise PluginError(f"中文字体文件缺失：{path}")
    return path


def cjk_characters(text: str) -> set[str]:
    """文字里的中日韩字符（U+2E80 起）。"""
    return {c for c in set(text) if ord(c) >= FIRST_CJK}


def make_subset(font: Path, chars: set[str]) -> tuple[bytes, list[int]]:
    """返回 (woff2 字节, 子集里真有字形的码位)；同样的输入总是同样的字节。"""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    tt = TTFont(str(font), recalcTimestamp=False)
    cmap = tt.getBestCmap()
    codes = sorted(ord(c) for c in chars if ord(c) in cmap)
    missing = sorted(c for c in chars if ord(c) not in cmap and not c.isspace())
    # 字体里没有的字（零宽空格 U+200B 等控制字符不算）：浏览器用别的字体，只记下来
    missing = [c for c in missing if ord(c) not in (0xFEFF,)]
    if missing:
        log.info("Noto Sans SC 里没有这些字符（浏览器会用其他字体）：%s", "".join(missing[:40]))
    options = subset.Options()
    options.flavor = "woff2"
    # 保留竖排等 OpenType 特性，只去掉标点挤压（TRIM_FEATURES）：见那里的说明
    options.layout_features = sorted(
        {rec.FeatureTag for tag in ("GSUB", "GPOS") if tag in tt for rec in tt[tag].table.FeatureList.FeatureRecord}
        - TRIM_FEATURES)
    options.name_IDs = ["*"]  # 保留版权与 OFL 许可声明
    options.name_legacy = True
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=codes)
    sub.subset(tt)
    buf = io.BytesIO()
    tt.flavor = "woff2"
    tt.save(buf, reorderTables=True)
    return buf.getvalue(), codes


#: unicode-range 里相距不到这么多码位的两段并成一段
RANGE_GAP = 256


def _ranges(codes: list[int], gap: int = RANGE_GAP) -> str:
    """``unicode-range`` 的值：排好序的 ``codes`` 按相距不到 ``gap`` 并成段（``gap=1`` 时逐字列出）。"""
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] - codes[j] <= gap:
            j += 1
        parts.append(f"U+{codes[i]:X}" if i == j else f"U+{codes[i]:X}-{codes[j]:X}")
        i = j + 1
    return ", ".join(parts)


def face_stylesheet(codes: list[int]) -> str:
    """子集的 ``@font-face``（``cjk-face.css``）：本机字体优先，``unicode-range`` 是 ``codes`` 所在的码位段。"""
    local = ", ".join(f'local("{n}")' for n in LOCAL_NAMES)
    return (
        "/* 由 docs/hooks/cjkfont.py 在构建时生成：只含本站用字的 Noto Sans SC 子集（SIL OFL 1.1）。\n"
        " * 本机有中文字体时用本机的（字体栈里排在前面，这里先试 local()），不下载子集。\n"
        " * 页面在第一次绘制之后才让这个样式表生效（见 cjkfont.py 的 late_face）。 */\n"
        "@font-face {\n"
        f'  font-family: "{FAMILY}";\n'
        f'  src: {local}, url("{FONT_NAME}") format("woff2");\n'
        "  font-weight: 100 900;\n"
        "  font-display: swap;\n"
        f"  unicode-range: {_ranges(codes)};\n"
        "}\n"
    )


def stack_stylesheet() -> str:
    """正文与代码的字体栈（``cjk.css``）：系统中文字体、子集、空白占位字体。"""
    cjk = ", ".join(SYSTEM_CJK)
    return (
        "/* 由 docs/hooks/cjkfont.py 生成：系统中文字体在前，子集（cjk-face.css）与空白占位字体在后。 */\n"
        ":root {\n"
        f'  --md-text-font: {", ".join(TEXT_STACK)}, {cjk}, "{FAMILY}", "{PLACEHOLDER}";\n'
        f'  --md-code-font: {", ".join(CODE_STACK)}, monospace, {cjk}, "{FAMILY}", "{PLACEHOLDER}";\n'
        "}\n"
    )


def late_face(prefix: str) -> str:
    """插在 ``cjk.css`` 的 ``<link>`` 后面：``cjk-face.css`` 在第一次绘制之后才生效（见模块说明第 4 条）。"""
    href = f"{prefix}{OUT_DIR}/{FACE_NAME}"
    return (f'<link rel="stylesheet" href="{href}" media="print" id="{FACE_ID}">'
            "<script>/* CJK subset @font-face after the first paint: docs/hooks/cjkfont.py */"
            "requestAnimationFrame(function(){setTimeout(function(){"
            f'document.getElementById("{FACE_ID}").media="all"}})}})</script>'
            f'<noscript><link rel="stylesheet" href="{href}"></noscript>')


def insert_late_face(html: str, where: str) -> str:
    """在 ``cjk.css`` 的 ``<link>`` 后插入 `late_face`；不是恰好一处就抛 ``PluginError``（点名页面与模式）。"""
    found = list(CSS_LINK.finditer(html))
    if len(found) != 1:
        raise PluginError(f"cjkfont 钩子：{where} 里应恰好有 1 个 {CSS_NAME} 的 <link>（模式 {CSS_LINK.pattern}），"
                          f"实际 {len(found)} 个：无法让子集的 @font-face 在第一次绘制之后生效")
    m = found[0]
    return html[:m.end()] + late_face(m.group("prefix")) + html[m.end():]


def _read_cache(entry: Path) -> tuple[bytes, list[int]] | None:
    try:
        data = entry.read_bytes()
        info = json.loads(entry.with_suffix(".json").read_text(encoding="utf-8"))
        if not (isinstance(info, dict) and info.get("sha256") == hashlib.sha256(data).hexdigest()):
            raise ValueError("缓存条目与校验和不符")
        return data, [int(c) for c in info["codes"]]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        log.info("中文字体子集的缓存条目损坏，重新生成：%s", entry)
        return None


def site_characters(site: Path) -> set[str]:
    """站点目录里所有 HTML 文件用到的中日韩字符。"""
    chars: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        chars |= cjk_characters(page.read_text(encoding="utf-8"))
    return chars


class FontSubset(BasePlugin):
    """一次构建的中文字体子集：构建结束时按站点里的用字写出子集与样式表。"""

    def __init__(self, cache: Path, *, serve: bool) -> None:
        self.cache = cache
        self.serve = serve  # mkdocs serve：字符集变了时先用最近一次的子集，不等切子集

    @event_priority(-100)  # 最后：serve 钩子合并搜索索引（-50）之后
    def on_post_build(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        font = _font_path()
        chars = site_characters(site)
        index = site / "search" / "search_index.json"
        if index.is_file():
            # 索引里的中文可能写成 \uXXXX 转义：解析后再数
            chars |= cjk_characters(json.dumps(json.loads(index.read_text(encoding="utf-8")), ensure_ascii=False))
        if not chars:
            raise PluginError("站点里找不到任何中文字符：cjkfont 钩子收集页面文字的方式失效了")
        key = hashlib.sha256(font.read_bytes())
        key.update(Path(__file__).read_bytes())
        key.update("".join(sorted(chars)).encode("utf-8"))
        cache = self.cache
        entry = cache / f"{key.hexdigest()}.woff2"
        found = _read_cache(entry)
        if found is None and self.serve:
            older = sorted(cache.glob("*.woff2"), key=lambda p: p.stat().st_mtime, reverse=True)
            found = next((f for f in map(_read_cache, older) if f is not None), None)
            if found is not None:
                log.info("mkdocs serve：页面里有新字，暂用上一次的中文字体子集（mkdocs build 会生成完整的）")
        if found is None:
            start = time.perf_counter()
            data, codes = make_subset(font, chars)
            log.info("切出中文字体子集用时 %.2f s", time.perf_counter() - start)
            cache.mkdir(parents=True, exist_ok=True)
            entry.write_bytes(data)
            entry.with_suffix(".json").write_text(
                json.dumps({"sha256": hashlib.sha256(data).hexdigest(), "codes": codes}), "utf-8")
        else:
            data, codes = found
        out = site / OUT_DIR
        out.mkdir(parents=True, exist_ok=True)
        (out / FONT_NAME).write_bytes(data)
        (out / CSS_NAME).write_text(stack_stylesheet(), encoding="utf-8")
        (out / FACE_NAME).write_text(face_stylesheet(codes), encoding="utf-8")
        log.info("中文字体子集：%d 个字符，%.1f KiB（%s/%s）", len(codes), len(data) / 1024, OUT_DIR, FONT_NAME)


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return insert_late_face(output, f"页面 {page.file.src_uri}")


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):  # sitemap.xml 等
        return output_content
    return insert_late_face(output_content, f"模板 {template_name}")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    css = f"{OUT_DIR}/{CSS_NAME}"
    if css not in [str(c) for c in config.extra_css]:
        raise PluginError(f"mkdocs.yml 的 extra_css 里要有 {css}（cjkfont 钩子在构建后生成它）")
    cache = Path(config.config_file_path).resolve().parent / ".cache" / "fonts"
    config.plugins["dlnotes/cjkfont"] = FontSubset(cache, serve=is_serve_site(config.site_dir))
    return config
