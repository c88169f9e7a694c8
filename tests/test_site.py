"""对构建好的站点做输出检查（``built_site`` 夹具：整个会话只严格构建一次）。

* 资源：每个 ``<img src>``/``<object data>``/脚本/样式表/图标……都指向站点里存在的文件，
  没有任何资源从站外加载（``<a href>`` 指向外站可以——那是读者自己点的导航）；
  站点里的 CSS 的 ``url(...)``/``@import`` 也一样；每张 ``figures/*.svg`` 都是合法 SVG。
* 搜索：``search_index.json`` 里的中文按 jieba 分好了词，课程术语各是一个完整的词；
  search 钩子对 worker 的修补只改了那一个循环上界，修补后的 worker 以新的内容哈希名发布
  （不带过期的 source map），每个页面都指向它、没有页面再引用原版。
* 作者原笔记（``sources/original-note-1.md``）的每个标题、每条脚注都在站点上，七张 CDN 图片都已替换。
* 页面文字里没有残留的 ``$...$``（不在 arithmatex 或代码里的公式）。
* 内部链接与锚点全部能解析。
* 可复现：两次干净构建（新的 ``.cache``）得到逐字节相同的 ``figures/*.svg`` 与搜索索引。
"""

from __future__ import annotations

import copy
import filecmp
import hashlib
import json
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from sitetools import (
    REPO_ROOT,
    SEARCH_TERMS,
    build_problems,
    copy_repo,
    describe_build_failure,
    html_pages,
    load_hook,
    page_path,
    run_mkdocs,
)

SEED_NAME = "original-note-1.md"
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml 的 site_url：以它开头的绝对地址算站内
OFFSITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)  # http://、https://、//（协议相对）
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# 会触发下载的 <link rel=...>（canonical/prev/next/alternate 只是元数据，不加载）
RESOURCE_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "manifest", "preload",
                 "modulepreload", "prefetch", "preconnect", "dns-prefetch", "mask-icon"}
# 标签 → 其中指向资源的属性
RESOURCE_ATTRS = {
    "img": ("src", "srcset"), "source": ("src", "srcset"), "object": ("data",), "embed": ("src",),
    "iframe": ("src",), "script": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")

pytestmark = pytest.mark.site


# ---------------------------------------------------------------- 工具
@cache
def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(site: Path) -> list[Path]:
    found = html_pages(site)
    assert len(found) >= 5, f"站点里应至少有 5 个页面，实际 {len(found)}"
    return found


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """把页面里的站内地址解析成 ``(站点里的文件, 片段)``；站外或非 http 地址返回 None。"""
    if url.startswith(SITE_URL):
        url = "/" + url[len(SITE_URL):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    base = page_path(site, page)
    path = unquote(parts.path)
    if not path:
        target = base
    elif path.startswith("/"):
        target = path
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(base), path))
        if path.endswith("/"):
            target += "/"
    file = site / target.lstrip("/")
    if target.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, unquote(parts.fragment)


def resource_urls(soup: BeautifulSoup):
    """页面里所有会被浏览器下载的地址：``(描述, 地址)``。"""
    for tag_name, attrs in RESOURCE_ATTRS.items():
        for tag in soup.find_all(tag_name):
            for attr in attrs:
                value = tag.get(attr)
                if not value:
                    continue
                urls = [c.strip().split()[0] for c in value.split(",") if c.strip()] if attr == "srcset" \
                    else [value.strip()]
                for url in urls:
                    yield f"<{tag_name} {attr}>", url
    for tag in soup.find_all("link"):
        rels = {r.lower() for r in tag.get("rel", [])}
        if rels & RESOURCE_RELS and tag.get("href"):
            yield f"<link rel={'/'.join(sorted(rels))}>", tag["href"].strip()
    for tag in soup.find_all(style=True):
        for url in css_urls(tag["style"]):
            yield f"<{tag.name} style>", url
    for tag in soup.find_all("style"):
        for url in css_urls(tag.get_text()):
            yield "<style>", url


def css_urls(css: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None).strip() for m in CSS_URL.finditer(css)]


def norm(text: str) -> str:
    """比较用：NFKC（全角→半角）、小写，去掉空白、标点、``$`` 和零宽字符。"""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in text
                   if ch != "$" and not unicodedata.category(ch).startswith(("P", "Z", "C")))


def where(node) -> str:
    """节点所在的小节（前面最近的带 id 的标题），用于错误信息。"""
    heading = node.find_previous(re.compile(r"^h[1-6]$"), id=True)
    return f"#{heading['id']}" if heading else ""


def seed_path() -> Path:
    # 作者的原笔记随仓库保存（sources/），测试只读仓库里的文件
    path = REPO_ROOT / "sources" / SEED_NAME
    assert path.is_file(), f"找不到作者的原笔记 {path}"
    return path


def seed_text() -> str:
    return seed_path().read_text(encoding="utf-8")


# ---------------------------------------------------------------- 资源
def test_every_resource_exists_and_nothing_loads_from_off_site(built_site):
    problems = []
    for page in pages(built_site):
        rel = page.relative_to(built_site)
        for what, url in resource_urls(soup_of(page)):
            if url.startswith(("data:", "blob:", "#")):
                continue
            if OFFSITE.match(url) and not url.startswith(SITE_URL):
                problems.append(f"{rel}: {what} 从站外加载 {url}")
                continue
            target = resolve(built_site, page, url)
            if target is None:
                problems.append(f"{rel}: {what} 不是站内地址：{url}")
            elif not target[0].is_file():
                problems.append(f"{rel}: {what} {url} 指向不存在的文件 {target[0].relative_to(built_site)}")
    assert not problems, "\n".join(problems)


def test_site_css_loads_nothing_from_off_site(built_site):
    problems = []
    css_files = sorted(built_site.rglob("*.css"))
    assert css_files, "站点里应有 CSS（主题的样式表）"
    for css in css_files:
        rel = css.relative_to(built_site)
        for url in css_urls(css.read_text(encoding="utf-8", errors="replace")):
            if url.startswith(("data:", "#")) or not url:
                continue
            if OFFSITE.match(url):
                problems.append(f"{rel}: 从站外加载 {url}")
            elif not (css.parent / unquote(urlsplit(url).path)).resolve().is_file():
                problems.append(f"{rel}: url({url}) 指向不存在的文件")
    assert not problems, "\n".join(problems)


def test_figures_are_valid_svg_and_every_script_has_one(built_site):
    referenced = set()
    for page in pages(built_site):
        for _what, url in resource_urls(soup_of(page)):
            target = resolve(built_site, page, url) if not url.startswith("data:") else None
            if target and target[0].parent == built_site / "figures" and target[0].suffix == ".svg":
                referenced.add(target[0])
    scripts = sorted((REPO_ROOT / "docs" / "figures").glob("*.py"))
    expected = {built_site / "figures" / f"{s.stem}.svg" for s in scripts}
    problems = [f"图脚本 docs/figures/{p.stem}.py 没有生成 figures/{p.name}" for p in sorted(expected)
                if not p.is_file()]
    for svg in sorted(referenced | {p for p in expected if p.is_file()}):
        data = svg.read_bytes()
        if b"<svg" not in data:
            problems.append(f"{svg.name}: 不含 <svg")
            continue
        try:
            root = ET.fromstring(data)
        except ET.ParseError as exc:
            problems.append(f"{svg.name}: 不是合法的 XML：{exc}")
            continue
        if root.tag != "{http://www.w3.org/2000/svg}svg":
            problems.append(f"{svg.name}: 根元素是 {root.tag}，不是 svg")
    assert not problems, "\n".join(problems)


def test_figure_script_docstrings_are_markdown():
    """图脚本随站点发布、从图注链接过去给读者看：文档字符串用 Markdown，不用 Sphinx/RST 的写法。"""
    import ast

    rst = re.compile(r":(?:func|class|mod|meth|attr|data|obj|ref):`|``[^`]+``|::\s*$|^\s*\.\. [a-z-]+::", re.M)
    problems = []
    for script in sorted((REPO_ROOT / "docs" / "figures").glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef):
                doc = ast.get_docstring(node, clean=False) or ""
                problems += [f"docs/figures/{script.name}: {m.group(0)!r}" for m in rst.finditer(doc)]
    assert not problems, "文档字符串里有 RST 写法：\n" + "\n".join(problems)


def test_every_figure_is_used_by_a_page(built_site):
    """每个图脚本画的图都被某个页面引用（没人用的图白白拖慢构建）。"""
    used = set()
    for page in pages(built_site):
        for _, url in resource_urls(soup_of(page)):
            target = resolve(built_site, page, url) if not url.startswith("data:") else None
            if target:
                used.add(target[0])
    unused = [f"docs/figures/{s.name}" for s in sorted((REPO_ROOT / "docs" / "figures").glob("*.py"))
              if built_site / "figures" / f"{s.stem}.svg" not in used]
    assert not unused, "这些图脚本画的图没有页面引用：\n" + "\n".join(unused)


# ---------------------------------------------------------------- 搜索索引
@cache
def _index_text(site: Path) -> str:
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return "\n".join(f"{d.get('title', '')}\n{d.get('text', '')}" for d in data["docs"])


def test_search_index_is_segmented_chinese(built_site):
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["config"]["lang"] == ["zh"]
    sep = data["config"]["separator"]
    assert "\u200b" in sep or "\\u200b" in sep, f"分隔符应包含 jieba 插入的 \\u200b：{sep!r}"
    text = _index_text(built_site)
    assert text.count("\u200b") > 100, "索引里的中文没有被 jieba 分词（没有 \\u200b）"
    # jieba 默认词典里就有的词，一定是一个完整的词
    assert re.search(f"(?<![{HAN}])神经网络(?![{HAN}])", text), "“神经网络”应是索引里的一个词"


def test_search_index_locations_are_unique(built_site):
    """每个索引条目（页面或小节）的地址唯一：Material 按地址存高亮位置表，重名的条目会
    互相覆盖，搜索结果里的高亮就会错位（例如标题没有 id 的 notebook 小节）。"""
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    seen: dict[str, list[str]] = {}
    for doc in data["docs"]:
        seen.setdefault(doc["location"], []).append(doc.get("title", "").replace("\u200b", ""))
    dup = {loc: titles for loc, titles in seen.items() if len(titles) > 1}
    assert not dup, "搜索索引里这些地址出现了不止一次（小节标题缺少 id？）：\n" + "\n".join(
        f"{loc or '/'}: {titles}" for loc, titles in dup.items())


@pytest.mark.parametrize("term", list(SEARCH_TERMS))
def test_search_index_holds_course_term_as_one_word(built_site, term):
    text = _index_text(built_site)
    whole = re.compile(f"(?<![{HAN}]){term}(?![{HAN}])")
    assert whole.search(text), (f"搜索索引里没有作为完整词出现的“{term}”"
                                "（页面里还没有这个词，或 jieba 用户词典没有生效）")
    split = re.compile("\u200b?".join(map(re.escape, term)))
    broken = sorted({m.group(0) for m in split.finditer(text) if "\u200b" in m.group(0)})
    assert not broken, f"“{term}”在索引里被切开了：{[b.replace(chr(0x200b), '|') for b in broken]}"


def _load_search_hook():
    return load_hook("search", "_dlnotes_search_hook")


def _material_worker() -> Path:
    import material

    workers = sorted((Path(material.__file__).parent / "templates" / "assets" / "javascripts" /
                      "workers").glob("search.*.min.js"))
    assert len(workers) == 1, workers
    return workers[0]


def _shipped_worker(site: Path) -> Path:
    [worker] = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    return worker


def test_worker_patch_changes_only_the_loop_bound(built_site):
    original = _material_worker().read_text(encoding="utf-8")
    # 去掉 Material 的 source map 注释（修补过的代码与它的 map 对不上，钩子删掉这一行）
    original = re.sub(r"\n//# sourceMappingURL=[^\n]*\s*\Z", "\n", original)
    patched = _shipped_worker(built_site).read_text(encoding="utf-8")
    # 只差一处插入：公共前缀 + 插入的 "=" + 公共后缀 = 修补后的全文
    assert len(patched) == len(original) + 1, (len(original), len(patched))
    i = next((k for k, (x, y) in enumerate(zip(original, patched)) if x != y), len(original))
    assert patched[i] == "=" and patched[i + 1 :] == original[i:], \
        f"站点的 worker 与 Material 原版的差别不只是在第 {i} 个字符处插入一个 '='"
    # 插入点就在 segment() 的内层循环里：o<t.length → o<=t.length
    context = patched[i - 30 : i + 40]
    assert re.search(r"for\(let (\w+)=\w+\+1;\1<=\w+\.length;\1\+\+\)", context), context


def test_patched_worker_has_its_own_content_hash_name_and_no_stale_source_map(built_site):
    worker = _shipped_worker(built_site)
    data = worker.read_bytes()
    assert worker.name == f"search.{hashlib.sha256(data).hexdigest()[:8]}.min.js", worker.name
    assert worker.name != _material_worker().name, "修补过的 worker 必须换名字（浏览器可能缓存着原版）"
    assert b"sourceMappingURL" not in data, "修补过的 worker 不能指向 Material 的 source map"
    assert sorted(p.name for p in worker.parent.iterdir()) == [worker.name], "不发布原版 worker 或它的 .map"


def test_every_page_points_at_the_patched_worker(built_site):
    old = _material_worker().name
    worker = _shipped_worker(built_site).relative_to(built_site).as_posix()
    problems = []
    for page in html_pages(built_site):
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(built_site).as_posix()
        if old in text:
            problems.append(f"{rel} 仍引用原版 worker {old}")
        config = BeautifulSoup(text, "html.parser").find("script", id="__config")
        if config is None:
            problems.append(f"{rel} 没有 __config")
            continue
        target = urljoin(SITE_URL + page_path(built_site, page).lstrip("/"), json.loads(config.string)["search"])
        if urlsplit(target).path.lstrip("/") != worker:
            problems.append(f"{rel} 的 search worker 指向 {target}，应是 {worker}")
    assert not problems, "\n".join(problems)


def test_patch_worker_requires_exactly_one_match():
    from mkdocs.exceptions import PluginError

    hook = _load_search_hook()
    loop = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"
    assert hook.patch_worker(f"a;{loop};b") == f"a;{loop.replace('o<t', 'o<=t')};b"
    for bad in ("", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)", f"{loop};{loop}"):
        with pytest.raises(PluginError, match="segment"):
            hook.patch_worker(bad)
    # 装着的 Material 版本里正好有一处
    assert hook.patch_worker(_material_worker().read_text(encoding="utf-8"))


def test_source_map_line_is_dropped_or_the_hook_fails():
    from mkdocs.exceptions import PluginError

    hook = _load_search_hook()
    assert hook.drop_source_map("a();\n//# sourceMappingURL=search.1.min.js.map\n\n") == "a();\n"
    assert hook.drop_source_map("a();\n") == "a();\n"
    for bad in ("a();\n//# sourceMappingURL=x.map\nb();\n", "//# sourceMappingURL=x\n//# sourceMappingURL=y\n"):
        with pytest.raises(PluginError, match="sourceMappingURL"):
            hook.drop_source_map(bad)


def test_worker_reference_rewrite_fails_loudly_when_it_does_not_match():
    from mkdocs.exceptions import PluginError

    hook = _load_search_hook()
    old, new = "search.a7633da7.min.js", "search.0123abcd.min.js"
    page = '<script id="__config" type="application/json">{"search": "../assets/javascripts/workers/%s"}</script>'
    assert hook.rewrite_worker_reference(page % old, old, new, "页面 x.md") == page % new
    absolute = page.replace("../", "/")  # 404.html 用绝对路径
    assert hook.rewrite_worker_reference(absolute % old, old, new, "模板 404.html") == absolute % new
    for bad in (page % "search.ffffffff.min.js",  # Material 换了 worker（名字对不上）
                (page % old).replace('"search"', '"worker"'),  # __config 的键改了
                page % old + f"<link href=workers/{old}>"):  # 旧名字还出现在别处
        with pytest.raises(PluginError, match="页面 x.md") as info:
            hook.rewrite_worker_reference(bad, old, new, "页面 x.md")
        assert "模式" in str(info.value)


def test_jieba_user_dictionary_keeps_course_terms_whole(tmp_path):
    """jieba 用户词典由 docs/glossary.yml 生成（docs/hooks/glossary.py）：每个搜索术语都在里面，
    而且放进句子里切，仍是一个完整的词。"""
    import jieba
    from sitetools import glossary_hook

    hook = glossary_hook()
    path = tmp_path / "jieba_terms.txt"
    path.write_text(hook.jieba_dictionary(hook.load_terms()), encoding="utf-8")
    words = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        assert len(parts) == 3 and parts[1].isdigit(), f"{path.name}:{n} 应为“词 频 词性”：{line!r}"
        words.append(parts[0])
    assert set(SEARCH_TERMS) <= set(words), f"词典缺少搜索术语：{set(SEARCH_TERMS) - set(words)}"
    tokenizer = jieba.Tokenizer()
    with path.open("rb") as f:  # jieba 自己打开的文件不会关闭（ResourceWarning）
        tokenizer.load_userdict(f)
    for word in words:
        # 放在句子里切，看它是否仍是一个完整的词
        assert word in tokenizer.lcut(f"我们用{word}来说明"), word


# ---------------------------------------------------------------- 作者的原笔记
TYPO_FIXES = {"Sigmod": "sigmoid", "升级网络": "神经网络", "控制控制": "控制"}


def _seed_headings() -> list[str]:
    headings = []
    in_code = False
    for line in seed_text().splitlines():
        if line.startswith("```"):
            in_code = not in_code
        m = re.match(r"^(#{1,6})\s+(.*\S)\s*$", line)
        if m and not in_code:
            text = m.group(2)
            for typo, fix in TYPO_FIXES.items():
                text = text.replace(typo, fix)
            headings.append(text)
    return headings


def _site_headings(site: Path) -> list[str]:
    found = []
    for page in pages(site):
        for h in soup_of(page).select(".md-content h1, .md-content h2, .md-content h3, "
                                      ".md-content h4, .md-content h5, .md-content h6"):
            h = copy.copy(h)  # 不改动缓存里的文档树（其他测试还要用）
            for link in h.select("a.headerlink, a.anchor-link"):
                link.extract()
            found.append(h.get_text(" ", strip=True))
    return found


def test_every_heading_of_the_note_is_on_the_site(built_site):
    headings = _seed_headings()
    assert len(headings) >= 13, headings  # 原笔记有 14 个标题：防止解析悄悄失效
    assert all(norm(h) for h in headings), headings  # 空字符串会"包含"在任何标题里
    site = {norm(h) for h in _site_headings(built_site)}
    # 逐字比较（只忽略空白、标点、全角/半角与大小写）：包含关系太松，"计算图"会
    # 被"计算图上的反向传播"冒充
    missing = [h for h in headings if norm(h) not in site]
    assert not missing, "原笔记的这些标题不在站点的任何标题里：\n" + "\n".join(missing)


def test_every_footnote_of_the_note_is_a_footnote_on_the_site(built_site):
    seed = seed_text()
    notes = dict(re.findall(r"^\[\^(\d+)\]:\s*(.+?)\s*$", seed, flags=re.M))
    assert sorted(notes) == ["1", "2", "3", "4", "5"], notes
    assert all(norm(v) for v in notes.values()), notes
    site_notes = []
    for page in pages(built_site):
        for li in soup_of(page).select("div.footnote li"):
            li = copy.copy(li)  # 不改动缓存里的文档树
            for back in li.select("a.footnote-backref"):
                back.extract()
            # 构建时排好的公式：只留给读屏软件的 MathML 的文字（z=wTx+b）
            for mjx in li.select("mjx-math"):
                mjx.extract()
            site_notes.append(norm(li.get_text(" ", strip=True)))
    # 原笔记里的 TeX 只比较符号本身：$z=w^Tx+b$ → z=wTx+b
    missing = [f"[^{k}]: {v}" for k, v in sorted(notes.items())
               if not any(norm(re.sub(r"[$^_{}\\]", "", v)) in s for s in site_notes)]
    assert not missing, "原笔记的这些脚注不是站点上的脚注（class=footnote）：\n" + "\n".join(missing)


def test_cdn_images_of_the_note_are_gone(built_site):
    urls = re.findall(r"https://cdn\.jsdelivr\.net/\S+?\.png", seed_text())
    assert len(urls) == 7, urls
    names = [u.rsplit("/", 1)[1].encode() for u in urls]
    problems = []
    for f in sorted(built_site.rglob("*")):
        if not f.is_file():
            continue
        rel = f.relative_to(built_site)
        data = f.read_bytes()
        problems += [f"{rel}: 仍引用原笔记的 CDN 图片 {n.decode()}" for n in names if n in data]
        if b"jsdelivr" in data:
            problems.append(f"{rel}: 含有 jsdelivr")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- 公式
RAW_MATH = re.compile(r"\$\$|\$[^$\n]+?\$|\\\(|\\\[")
MATH_EXEMPT = {"script", "style", "pre", "code", "textarea", "kbd", "samp"}
# 公式在构建时排好（docs/hooks/math.py）：arithmatex 与 notebook Markdown 单元里也不该剩下 TeX
MATH_EXEMPT_CLASSES = {"clipboard-copy-txt"}


def test_no_raw_math_outside_arithmatex(built_site):
    problems = []
    for page in pages(built_site):
        content = soup_of(page).select_one(".md-content") or soup_of(page)
        for text in content.find_all(string=True):
            if not RAW_MATH.search(text):
                continue
            exempt = any(p.name in MATH_EXEMPT or MATH_EXEMPT_CLASSES & set(p.get("class") or ())
                         for p in text.parents)
            if not exempt:
                problems.append(f"{page.relative_to(built_site)}{where(text)}: 残留的公式文字 {text.strip()[:80]!r}")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- 链接
@cache
def _ids(page: Path) -> set[str]:
    soup = soup_of(page)
    return {t["id"] for t in soup.find_all(id=True)} | {t["name"] for t in soup.find_all("a", attrs={"name": True})}


def test_internal_links_and_anchors_resolve(built_site):
    problems = []
    for page in pages(built_site):
        rel = page.relative_to(built_site)
        for a in soup_of(page).find_all("a", href=True):
            href = a["href"].strip()
            if href.startswith(("mailto:", "javascript:", "tel:")):
                continue
            target = resolve(built_site, page, href)
            if target is None:
                continue  # 指向外站的链接：读者自己选择的导航
            file, fragment = target
            if not file.is_file():
                problems.append(f"{rel}{where(a)}: 链接 {href} 指向不存在的 {file.relative_to(built_site)}")
            elif fragment and file.suffix == ".html" and fragment not in _ids(file):
                problems.append(f"{rel}{where(a)}: 链接 {href} 的锚点 #{fragment} 在 {file.relative_to(built_site)} 里不存在")
    assert not problems, "\n".join(sorted(set(problems)))


def test_widget_data_and_code_paths_are_site_root_relative_files(built_site):
    """交互图的 data-src / data-code 相对站点根目录（widgets.js 用 Material 的 __md_scope 解析）：
    网站与离线版（notes-1/basics.html，页面深度不同）里都指向同一个文件。写成相对页面的 ../../ 就失败。"""
    found = 0
    for page in pages(built_site):
        for div in soup_of(page).select("div.dl-widget[data-widget]"):
            found += 1
            name = div["data-widget"]
            assert div.get("data-src") == f"widgets/{name}.json", (page, div.attrs)
            assert div.get("data-code") == f"widgets/{name}.py", (page, div.attrs)
            for attr in ("data-src", "data-code"):
                assert (built_site / div[attr]).is_file(), (page, attr, div[attr])
    assert found >= 3, found


# ---------------------------------------------------------------- 可复现
#: 有意画"构建时实测耗时"的图：每台机器、每次构建都不同，只能要求它存在且是合法 SVG。
#: 这里只许列这种图，并写明原因；其余每张图都必须逐字节可复现。
TIMING_FIGURES = {
    "ch2_vectorization_speed.svg": "向量化一页要求速度比在构建时实测并画出（不是抄来的数字）",
}


def test_two_clean_builds_are_byte_identical(built_site, tmp_path):
    """两次从零开始的构建（各自全新的仓库副本与 .cache）：图与搜索索引逐字节相同。

    例外只有 ``TIMING_FIGURES``：它们画的是实测耗时，只检查两次都生成了合法 SVG。
    """
    sites = []
    for name in ("first", "second"):
        root = copy_repo(tmp_path / name)
        assert not (root / ".cache").exists()
        proc = run_mkdocs(root, root / "site")
        problems = build_problems(proc)
        assert not problems, describe_build_failure(proc, problems)
        sites.append(root / "site")
    a, b = sites
    figures = sorted(p.name for p in (a / "figures").glob("*.svg"))
    assert figures == sorted(p.name for p in (b / "figures").glob("*.svg"))
    assert figures, "站点里应有图"
    assert set(TIMING_FIGURES) <= set(figures), "TIMING_FIGURES 里列了不存在的图"
    for name in TIMING_FIGURES:
        for site in sites:
            data = (site / "figures" / name).read_bytes()
            # 经 sitebuild.svgmin 压缩：以 <svg 开头（没有 XML 声明）
            assert data.lstrip().startswith(b"<svg") and data.rstrip().endswith(b"</svg>")
    figures = [f for f in figures if f not in TIMING_FIGURES]
    _, mismatch, errors = filecmp.cmpfiles(a / "figures", b / "figures", figures, shallow=False)
    assert not mismatch and not errors, f"两次干净构建的这些图不同：{mismatch + errors}"
    index = "search/search_index.json"
    assert (a / index).read_bytes() == (b / index).read_bytes(), "两次干净构建的搜索索引不同"
    # 页面（包括构建时重新执行的 notebook 页面）也逐字节相同
    pages_a = [p.relative_to(a).as_posix() for p in html_pages(a)]
    assert pages_a == [p.relative_to(b).as_posix() for p in html_pages(b)]
    _, mismatch, errors = filecmp.cmpfiles(a, b, pages_a, shallow=False)
    assert not mismatch and not errors, f"两次干净构建的这些页面不同：{mismatch + errors}"
    for generated in ("assets/fonts/noto-sans-sc-subset.woff2", "assets/fonts/cjk.css", "assets/fonts/cjk-face.css"):
        assert (a / generated).read_bytes() == (b / generated).read_bytes(), f"两次干净构建的 {generated} 不同"


# ---------------------------------------------------------------- 关于本站
def test_about_page_is_linked_from_home_and_nav(built_site):
    """「关于本站」一次说清楚站点怎样构建：首页链接它，导航栏里紧跟首页。"""
    home = soup_of(built_site / "index.html")
    links = {a.get("href") for a in home.select("article a[href]")}
    assert "about/" in links, sorted(links)
    nav = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary > ul > li > a")]
    assert nav[:2] == ["首页", "关于本站"], nav
    about = soup_of(built_site / "about" / "index.html").get_text()
    assert "pip install dlnotes" in about and "不要" in about, "关于本站应提醒读者不要从 PyPI 安装同名的包"


def test_api_reference_renders_every_public_function_without_literal_markup(built_site):
    """API 参考：总览页链接每个模块的页面；每个模块一页，每个公开函数在它的模块页上有自己的条目，
    文档字符串里的 RST/numpy 标记都被渲染，没有原样留下。"""
    import importlib

    modules = ("activations", "losses", "logistic", "graph", "datasets", "gradcheck", "shallow", "deep", "plotting")
    overview = soup_of(built_site / "reference" / "index.html").select_one("article")
    assert [a["href"] for a in overview.select("ul a[href]")] == [f"{m}/" for m in modules]
    for module in modules:
        article = soup_of(built_site / "reference" / module / "index.html").select_one("article")
        text = article.get_text("\n")
        for leftover in (".. code-block", ":func:", ":class:", ":meth:", "----------", "::\n", "``"):
            i = text.find(leftover)
            assert i < 0, f"API 参考 {module} 页里原样留下了 {leftover!r}：…{text[max(0, i - 60):i + 40]!r}…"
        ids = {tag["id"] for tag in article.find_all(id=True)}
        mod = importlib.import_module(f"dlnotes.{module}")
        functions = [n for n in mod.__all__ if callable(getattr(mod, n))]
        missing = [n for n in functions if f"dlnotes.{module}.{n}" not in ids]
        assert functions and not missing, f"API 参考 {module} 页缺少 dlnotes.{module} 的 {missing}"


# ---------------------------------------------------------------- 构建时排版的公式
def test_math_is_typeset_at_build_time_and_no_math_javascript_ships(built_site):
    problems = []
    shipped = [p for p in built_site.rglob("*.js") if re.search(r"mathjax|katex", p.as_posix(), re.I)]
    assert not shipped, f"站点里不应再有公式 JavaScript：{shipped[:3]}"
    with_math = 0
    for page in pages(built_site):
        rel = page.relative_to(built_site)
        html = page.read_text(encoding="utf-8")
        soup = soup_of(page)
        scripts = [s.get("src", "") for s in soup.find_all("script")]
        problems += [f"{rel}: 加载了公式脚本 {s}" for s in scripts if re.search(r"mathjax|katex", s, re.I)]
        n = html.count("<mjx-container")
        styles = soup.select("style#mathjax-chtml")
        if n:
            with_math += 1
            if len(styles) != 1:
                problems.append(f"{rel}: 有 {n} 个公式，但公式样式 <style id=mathjax-chtml> 有 {len(styles)} 个")
            for url in re.findall(r'url\("([^"]+)"\)', styles[0].text if styles else ""):
                if resolve(built_site, page, url) is None or not resolve(built_site, page, url)[0].is_file():
                    problems.append(f"{rel}: 公式字体 {url} 不存在")
            bad = [d for d in soup.select('mjx-container[display="true"]')
                   if "math-display" not in (d.parent.get("class") or [])]
            problems += [f"{rel}: 行间公式不在 .math-display 里" for _ in bad[:1]]
            # 更轻的标记（math_typeset.cjs 的 slim()）：HTML5 里不起作用的属性不再出现，无障碍 MathML 还在
            for noise in ('xmlns="http://www.w3.org/1998/Math/MathML"', "unselectable=", 'display="inline"',
                          'style="position: relative;"', ' stretchy="', "data-mjx-texclass="):
                if noise in html:
                    problems.append(f"{rel}: 公式标记里还有 {noise}")
            if html.count("<mjx-assistive-mml") != n or html.count(' MJX-TEX" aria-hidden="true">') != n:
                problems.append(f"{rel}: 不是每个公式都有给读屏软件的 MathML（并对读屏隐藏 CHTML）")
            fonts = re.findall(r'url\("[^"]+"\) format\("([^"]+)"\)', styles[0].text if styles else "")
            if not fonts or set(fonts) != {"woff2"}:
                problems.append(f"{rel}: 公式字体应全是 WOFF2，样式里是 {sorted(set(fonts))}")
        elif styles or "assets/mathjax" in html:
            problems.append(f"{rel}: 没有公式，却加载了公式样式或字体")
    assert with_math >= 8, f"只有 {with_math} 个页面有公式"
    shipped_fonts = sorted(p.name for p in (built_site / "assets" / "mathjax").rglob("*") if p.is_file())
    assert shipped_fonts and all(n.endswith(".woff2") for n in shipped_fonts), shipped_fonts
    # 字体是全站用到的字符的子集：任何页面画的字符，只要 MathJax 的原字体里有，站点里的字体也有
    import mathjax  # django-static-mathjax
    from fontTools.ttLib import TTFont

    woff = Path(mathjax.__file__).resolve().parent / "static/mathjax/es5/output/chtml/fonts/woff-v2"
    drawn: set[int] = set()
    for page in pages(built_site):
        m = re.search(r'<style id="mathjax-chtml">(.*?)</style>', page.read_text(encoding="utf-8"), re.S)
        for raw in re.findall(r'content: "((?:\\.|[^"\\])*)"', m.group(1) if m else ""):
            drawn |= {ord(c) for c in re.sub(r"\\([0-9A-Fa-f]{1,6}) ?", lambda e: chr(int(e.group(1), 16)), raw)}
    assert len(drawn) > 50
    for name in shipped_fonts:
        full = set(TTFont(woff / name.replace(".woff2", ".woff")).getBestCmap())
        shipped = set(TTFont(built_site / "assets/mathjax/woff2" / name).getBestCmap())
        missing = sorted(chr(c) for c in (drawn & full) - shipped)
        assert not missing, f"{name} 缺少页面用到的字符 {missing}"
        assert shipped <= full
    home = soup_of(built_site / "index.html")
    assert not home.select("mjx-container, style#mathjax-chtml"), "首页没有公式，不应有公式样式"
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- 中文字体子集
def test_cjk_subset_covers_every_chinese_character_and_prefers_local_fonts(built_site):
    from fontTools.ttLib import TTFont

    css = (built_site / "assets" / "fonts" / "cjk.css").read_text(encoding="utf-8")
    face = (built_site / "assets" / "fonts" / "cjk-face.css").read_text(encoding="utf-8")
    font = built_site / "assets" / "fonts" / "noto-sans-sc-subset.woff2"
    cmap = TTFont(str(font)).getBestCmap()
    # 本机字体优先：@font-face 里 local() 都在 url() 前面；字体栈里系统中文字体在子集前面
    src = re.search(r"src:([^;]+);", face).group(1)
    assert src.index("local(") < src.index("url("), src
    stack = re.search(r"--md-text-font:([^;]+);", css).group(1)
    assert stack.index('"Noto Sans CJK SC"') < stack.index('"dlnotes Noto Sans SC"'), stack
    # 每个页面里的每个汉字（与全角标点）都在子集里，子集里没有多余的字
    used = set()
    for page in pages(built_site):
        text = soup_of(page).get_text()
        used |= {ord(c) for c in text if 0x4E00 <= ord(c) <= 0x9FFF or 0x3000 <= ord(c) <= 0x303F}
    assert used and used <= set(cmap), [chr(c) for c in sorted(used - set(cmap))][:20]
    assert len(cmap) < 3 * len(used), f"子集有 {len(cmap)} 个字符，页面只用 {len(used)} 个汉字与标点"
    assert font.stat().st_size < 400_000
    # 每页（包括 404）都有字体栈，并在第一次绘制之后让子集的 @font-face 生效（docs/hooks/cjkfont.py）
    for page in [*pages(built_site), built_site / "404.html"]:
        text = page.read_text(encoding="utf-8")
        assert "assets/fonts/cjk.css" in text, page
        assert re.search(r'<link rel="stylesheet" href="[^"]*assets/fonts/cjk-face\.css" media="print" '
                         r'id="dl-cjk-face"><script>[^<]*\.media="all"[^<]*</script><noscript>', text), page
