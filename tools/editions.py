"""离线版：从同一次构建得到 PDF、可以从磁盘打开的离线网站 zip、带输出的 .ipynb。

    python -m tools.editions [--out dist]

全部来自一次严格构建（``mkdocs.yml`` 加上 ``use_directory_urls: false``，链接是
``notes-1/basics.html`` 这样的文件名，``file://`` 下也能点），所以离线版不会与网站走样：

* ``dist/notebooks/NAME.ipynb``：``docs/notebooks/`` 里每个 jupytext notebook 用 nbclient
  从头执行一遍（在它自己的目录里），存成带输出的 .ipynb；同时放进离线网站的 ``notebooks/``，
  notebook 页面上有下载链接；
* ``dist/dlnotes.pdf``：把导航里的每一页按顺序拼成一个打印页（封面写着版本与 git 提交），
  由 Chromium（Playwright，``/usr/bin/chromium``）打印：中文用站点的 Noto Sans SC 子集并嵌入
  PDF，公式是构建时排好的 CHTML，图都在，每章一个书签（Chromium 按标题生成大纲），页脚有页码；
* ``dist/dlnotes-offline.zip``：离线网站（解压后打开 ``dlnotes-offline/index.html``）：页面、公式、
  图、中文字体、交互图都在（交互图的数据在 ``file://`` 下由同名的 ``widgets/NAME.js`` 提供，见
  `write_widget_js`）。**搜索在 ``file://`` 下不可用**：Material 的搜索跑在 Web Worker 里，Chromium
  不允许 ``file://`` 页面创建 Worker（Material 因此自动隐藏搜索框）；Material 的 offline 插件靠从
  CDN 加载 iframe-worker 垫片绕过，这违反本站"不从站外加载任何东西"的规则。需要搜索时，在解压
  的目录里运行 ``python3 -m http.server`` 再用浏览器打开即可。zip 里的文件顺序与时间戳固定。

``mkdocs build`` / ``mkdocs serve`` 不做这些事，照样快。``tests/test_editions.py`` 构建并检查每一项。
"""

from __future__ import annotations

import argparse
import html
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PDF_NAME = "dlnotes.pdf"
ZIP_NAME = "dlnotes-offline.zip"
ZIP_ROOT = "dlnotes-offline"
PRINT_PAGE = "print.html"
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


class EditionError(RuntimeError):
    """某个离线版做不出来（消息里说明是哪一个、为什么）。"""


# ---------------------------------------------------------------- 构建
def build_offline_site(site: Path, root: Path = ROOT) -> tuple[Path, list[tuple[str, str]]]:
    """严格构建一次（文件名式链接），返回站点目录与导航里的页面 [(标题, 站内路径)]。"""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(root)
    try:
        cfg = load_config(config_file=str(root / "mkdocs.yml"), use_directory_urls=False,
                          site_dir=str(site), strict=True)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
    write_search_js(site)
    write_widget_js(site)
    return site, nav_pages(site)


_NAV_LINK = re.compile(
    r'<a href="([^"#]+)" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">(.*?)</span>', re.S
)


def nav_pages(site: Path) -> list[tuple[str, str]]:
    """首页左侧主导航里的页面，按导航顺序：[(标题, 站内路径)]。"""
    home = (site / "index.html").read_text(encoding="utf-8")
    start = home.index('<nav class="md-nav md-nav--primary"')
    end = home.index('<div class="md-sidebar md-sidebar--secondary"', start)
    pages: dict[str, str] = {}
    for url, title in _NAV_LINK.findall(home[start:end]):
        url = posixpath.normpath(url)
        if url.endswith(".html") and (site / url).is_file():
            pages.setdefault(url, html.unescape(re.sub(r"<[^>]+>", "", title)).strip())
    if len(pages) < 3:
        raise EditionError(f"离线网站：首页导航里只找到 {len(pages)} 个页面，导航的 HTML 结构变了？")
    return [(t, u) for u, t in pages.items()]


def write_search_js(site: Path) -> None:
    """``file://`` 下 Material 不用 fetch 读索引，而是加载 ``search/search_index.js``（定义 ``__index``）。

    搜索本身在 ``file://`` 下仍不可用（见模块说明），但没有这个文件，每个页面都会有一个失败的请求。
    """
    index = site / "search" / "search_index.json"
    if not index.is_file():
        raise EditionError(f"离线网站：没有搜索索引 {index}")
    data = index.read_text(encoding="utf-8")
    (site / "search" / "search_index.js").write_text(f"var __index = {data};\n", encoding="utf-8")


#: widgets.js 在 file:// 下读交互图数据的全局对象（名字与 docs/javascripts/widgets.js 相同）
WIDGET_GLOBAL = "__dlWidgetData"


def write_widget_js(site: Path) -> list[Path]:
    """``file://`` 下浏览器不让页面 ``fetch`` 本地文件，交互图读不到 ``widgets/NAME.json``。

    每个 JSON 旁边写一个同名的 ``NAME.js``：``(window.__dlWidgetData ||= {})["NAME"] = {…};``。
    ``widgets.js`` 在 ``file://`` 下改用 ``<script>`` 加载它（网站上照旧 fetch JSON，不下载这些 .js）。
    """
    import json

    folder = site / "widgets"
    data = sorted(folder.glob("*.json"))
    if not data:
        raise EditionError(f"离线网站：{folder} 里没有交互图数据（*.json）")
    written = []
    for path in data:
        text = path.read_text(encoding="utf-8")
        json.loads(text)  # 坏 JSON 在这里失败，而不是在读者的浏览器里
        out = path.with_suffix(".js")
        out.write_text(f"(window.{WIDGET_GLOBAL} = window.{WIDGET_GLOBAL} || {{}})[{json.dumps(path.stem)}] = {text};\n",
                       encoding="utf-8")
        written.append(out)
    return written


# ---------------------------------------------------------------- .ipynb
def make_notebooks(out: Path, site: Path | None = None, root: Path = ROOT) -> list[Path]:
    """每个 jupytext notebook 执行一遍，存成带输出的 .ipynb。"""
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sorted((root / "docs" / "notebooks").glob("*.py")):
        nb = jupytext.read(src)
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        env_path = os.environ.get("PYTHONPATH", "")
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env_path) if p)
        try:
            NotebookClient(nb, timeout=900, kernel_name="python3",
                           resources={"metadata": {"path": str(src.parent)}}).execute()
        except Exception as exc:  # noqa: BLE001 - 点名 notebook
            raise EditionError(f"notebook {src.relative_to(root)} 执行失败：{exc}") from exc
        finally:
            os.environ["PYTHONPATH"] = env_path
        if not any(c.get("outputs") for c in nb.cells if c.cell_type == "code"):
            raise EditionError(f"notebook {src.name} 执行后没有任何输出")
        dest = out / f"{src.stem}.ipynb"
        nbformat.write(nb, dest)
        written.append(dest)
        if site is not None:
            shutil.copyfile(dest, site / "notebooks" / dest.name)
            _link_ipynb(site / "notebooks" / f"{src.stem}.html", dest.name)
    if not written:
        raise EditionError("docs/notebooks/ 里没有 notebook")
    return written


def _link_ipynb(page: Path, name: str) -> None:
    """离线网站的 notebook 页面：在源文件下载链接旁加上 .ipynb 的下载链接。"""
    text = page.read_text(encoding="utf-8")
    stem = name.removesuffix(".ipynb")
    anchor = f'<a href="{stem}.py">下载它的源文件</a>'
    if anchor not in text:
        raise EditionError(f"{page.name}：找不到源文件下载链接 {anchor}，无法加上 .ipynb 链接")
    text = text.replace(anchor, anchor + f'（或<a href="{name}" download>带输出的 {name}</a>）', 1)
    page.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- PDF
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_MATH_STYLE = re.compile(r'<style id="mathjax-chtml">(.*?)</style>', re.S)
_URL_ATTR = re.compile(r'\b(src|href|data)="([^"#:?][^"]*)"')
_CSS_URL = re.compile(r'url\("([^":]+)"\)')
_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)


def _rebase(url: str, page_dir: str) -> str:
    """页面里的相对地址 → 相对站点根（打印页在根目录）；data:、http: 等原样保留。"""
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url) or url.startswith(("/", "#")):
        return url
    return posixpath.normpath(posixpath.join(page_dir, url))


def _git(*args: str, root: Path = ROOT) -> str:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def build_info(root: Path = ROOT) -> dict[str, str]:
    import tomllib

    version = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    commit = _git("rev-parse", "--short=12", "HEAD", root=root) or "未知"
    if _git("status", "--porcelain", "--untracked-files=no", root=root):
        commit += "（工作区有未提交的改动）"
    return {"version": version, "commit": commit}


def print_page(site: Path, pages: list[tuple[str, str]], info: dict[str, str]) -> Path:
    """把导航里的每一页拼成站点根目录下的一个打印页。"""
    home = (site / "index.html").read_text(encoding="utf-8")
    head = home[: home.index("</head>")]
    head = re.sub(r"<script\b.*?</script>", "", head, flags=re.S)  # 打印页不需要脚本
    # PDF 的标题（Chromium 取 <title>）写上版本与提交
    head = re.sub(r"<title>.*?</title>", lambda _: f"<title>{html.escape(_site_name(home))}（版本 "
                  f"{html.escape(info['version'])}，提交 {html.escape(info['commit'])}）</title>", head, flags=re.S)
    styles: list[str] = []
    chapters: list[str] = []
    for n, (title, url) in enumerate(pages, 1):
        text = (site / url).read_text(encoding="utf-8")
        m = _ARTICLE.search(text)
        if not m:
            raise EditionError(f"PDF：页面 {url} 里找不到 <article class=\"md-content__inner md-typeset\">")
        page_dir = posixpath.dirname(url)
        body = m.group(1)
        body = _URL_ATTR.sub(lambda a, d=page_dir: f'{a.group(1)}="{_rebase(a.group(2), d)}"', body)
        body = body.replace(' loading="lazy"', "")
        body = re.sub(r"<details\b", "<details open", body)  # 折叠的答案在纸上展开
        body = re.sub(r'<a href="#[^"]*" class="(headerlink|anchor-link)"[^>]*>.*?</a>', "", body, flags=re.S)
        body = re.sub(r'<a class="anchor-link" href="#[^"]*">.*?</a>', "", body, flags=re.S)
        first = True

        def demote(h: re.Match) -> str:
            nonlocal first
            if first:
                first = False
                return ""  # 页面自己的标题由章标题代替
            return "<h2" + h.group(0)[3:-5] + "</h2>"

        body = _H1.sub(demote, body)
        for css in _MATH_STYLE.findall(text):
            styles.append(_CSS_URL.sub(lambda u, d=page_dir: f'url("{_rebase(u.group(1), d)}")', css))
        chapters.append(f'<section class="print-chapter" id="chapter-{n}">'
                        f"<h1>{html.escape(title)}</h1>{body}</section>")
    cover = (
        '<section class="print-cover">'
        f"<h1>{html.escape(_site_name(home))}</h1>"
        "<p>deeplearning.ai《神经网络与深度学习》中文学习笔记 · 离线 PDF 版</p>"
        f'<p class="print-meta">版本 {html.escape(info["version"])} · git 提交 {html.escape(info["commit"])}</p>'
        "<p>由网站的同一次构建打印而成：代码都经过测试，图都在构建时由真实训练画出。</p>"
        "</section>"
    )
    print_css = """
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
html { font-size: 112%; }
body { background: #fff; }
.md-typeset { font-size: .8rem; }
.print-cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; text-align: center; }
.print-cover h1 { font-size: 2.4em; margin-bottom: .5em; }
.print-meta { color: #444; }
.print-chapter { break-before: page; }
.print-chapter > h1 { font-size: 1.8em; }
.md-typeset pre > code { white-space: pre-wrap; word-break: break-all; }
.md-typeset .math-display { overflow: visible; }
.md-clipboard, .md-code__nav, .md-top, .md-source-file { display: none !important; }
.md-typeset img, .md-typeset svg { max-width: 100%; break-inside: avoid; }
"""
    doc = (
        head.replace('<html lang="zh"', '<html lang="zh"')
        + f'<style id="mathjax-chtml">{"".join(dict.fromkeys(styles))}</style>'
        + f"<style>{print_css}</style></head>"
        + '<body dir="ltr"><div class="md-container"><main class="md-main"><div class="md-content">'
        + f'<article class="md-content__inner md-typeset">{cover}{"".join(chapters)}</article>'
        + "</div></main></div></body></html>"
    )
    out = site / PRINT_PAGE
    out.write_text(doc, encoding="utf-8")
    return out


def _site_name(home: str) -> str:
    m = re.search(r"<title>(.*?)</title>", home, re.S)
    return html.unescape(m.group(1)).strip() if m else "dlnotes"


def make_pdf(site: Path, pages: list[tuple[str, str]], out: Path, info: dict[str, str]) -> Path:
    from playwright.sync_api import sync_playwright

    page_file = print_page(site, pages, info)
    failed: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                page.on("requestfailed", lambda r: failed.append(r.url))
                page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
                page.emulate_media(media="print", color_scheme="light")
                page.goto(page_file.as_uri(), wait_until="load")
                page.evaluate("async () => { await document.fonts.ready; }")
                broken = page.evaluate("() => [...document.images].filter(i => !(i.naturalWidth > 0))"
                                       ".map(i => i.getAttribute('src'))")
                if broken:
                    raise EditionError(f"PDF：这些图没有加载：{[b[:100] for b in broken[:5]]}")
                if failed:
                    raise EditionError(f"PDF：打印页有失败的请求：{[u[:100] for u in failed[:5]]}")
                footer = ('<div style="width:100%;font-size:8px;text-align:center;color:#555">'
                          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
                out.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(out), format="A4", print_background=True, outline=True, tagged=True,
                         display_header_footer=True, header_template="<span></span>",
                         footer_template=footer, prefer_css_page_size=True)
            finally:
                browser.close()
    finally:
        page_file.unlink(missing_ok=True)
    return out


# ---------------------------------------------------------------- zip
def make_zip(site: Path, out: Path) -> Path:
    """固定顺序与时间戳的 zip；解压后打开 dlnotes-offline/index.html。"""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp.zip")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for f in sorted(p for p in site.rglob("*") if p.is_file()):
            rel = f.relative_to(site).as_posix()
            info = zipfile.ZipInfo(f"{ZIP_ROOT}/{rel}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, f.read_bytes())
    tmp.replace(out)
    return out


# ---------------------------------------------------------------- 入口
def make_all(out: Path, root: Path = ROOT, work: Path | None = None) -> dict:
    """全部离线版写进 ``out``；返回各文件的路径与导航里的页面（``pages``）。"""
    with tempfile.TemporaryDirectory(prefix="dlnotes-editions-") as tmp:
        site = (work or Path(tmp)) / "site"
        if site.exists():
            shutil.rmtree(site)
        t0 = time.perf_counter()
        site, pages = build_offline_site(site, root)
        print(f"离线网站构建完成（{time.perf_counter() - t0:.1f} s，{len(pages)} 页）", flush=True)
        notebooks = make_notebooks(out / "notebooks", site, root)
        print(f"notebook：{', '.join(p.name for p in notebooks)}", flush=True)
        pdf = make_pdf(site, pages, out / PDF_NAME, build_info(root))
        print(f"PDF：{pdf}（{pdf.stat().st_size / 1024 / 1024:.1f} MiB）", flush=True)
        archive = make_zip(site, out / ZIP_NAME)
        print(f"离线网站：{archive}（{archive.stat().st_size / 1024 / 1024:.1f} MiB）", flush=True)
        return {"pdf": pdf, "zip": archive, "notebooks": notebooks, "pages": pages}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "dist", help="输出目录（默认 dist/）")
    ap.add_argument("--work", type=Path, help="把离线网站留在这个目录（默认用临时目录，做完删掉）")
    args = ap.parse_args(argv)
    try:
        make_all(args.out.resolve(), work=args.work.resolve() if args.work else None)
    except EditionError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
