"""术语表（docs/glossary.yml）与视频对照表（docs/videos.yml）：数据、生成的页面、页面里的术语提示。

数据的解析、页面的生成和提示的标记都在 ``docs/hooks/glossary.py``；这里先测这些函数本身
（不构建站点，很快），再测构建出的站点（``built_site``）。
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitetools import SEARCH_TERMS, glossary_hook, html_pages, page_path

hook = glossary_hook()
TERMS = hook.load_terms()
WEEKS = hook.load_videos()
BY_ZH = {t.zh: t for t in TERMS}

#: 第一课每周的视频数（课程与 fengdu78/deeplearning_ai_books 的目录：1.1–1.7、2.1–2.18、3.1–3.11、4.1–4.8）
COURSE_1_VIDEOS = {1: 7, 2: 18, 3: 11, 4: 8}
#: 正文页面（每页都应带术语提示）
CHAPTER_PAGES = ["notes-1/introduction", "notes-1/basics", "notes-2/vectorization",
                 "notes-2/shallow-network", "notes-3/deep-network"]


def matcher():
    return hook.TermMatcher(TERMS)


def wrap(body: str) -> str:
    return f'<html><head><title>梯度下降</title></head><body><nav>梯度下降</nav><article class="md-content__inner">{body}</article></body></html>'


def marked(page_html: str) -> list[tuple[str, str]]:
    """(术语, 被标出的文字)，按出现顺序。"""
    soup = BeautifulSoup(page_html, "html.parser")
    out = []
    for span in soup.select(".gl-term"):
        tip = span.select_one(".gl-tip")
        shown = "".join(str(c) for c in span.contents if c is not tip)
        out.append((span["data-term"], shown))
    return out


# ---------------------------------------------------------------- 数据
def test_glossary_has_at_least_60_terms_with_every_field():
    assert len(TERMS) >= 60, len(TERMS)
    for t in TERMS:
        assert t.zh and t.en and t.definition.endswith("。"), t
        assert re.search(f"[{hook.HAN}]", t.definition), t  # 中文释义
        assert "#" in t.at and t.anchor, t


def test_glossary_covers_the_terms_named_in_the_issue():
    for zh in ("代价函数", "反向传播", "广播", "超参数", "梯度消失"):
        assert zh in BY_ZH, zh


def test_every_term_appears_on_the_page_that_teaches_it():
    """「在哪里讲」的页面里真的出现了这个词（或它的别名）：防止链接指向不相干的页面。"""
    missing = []
    for t in TERMS:
        text = (hook.DOCS / t.page).read_text(encoding="utf-8")
        if not any(s in text for s in t.spellings):
            missing.append(f"{t.zh} → {t.page}")
    assert not missing, missing


@pytest.mark.parametrize(("yml", "message"), [
    ("terms: [{zh: 梯度下降, en: gd, def: 没有句号, at: notes-1/basics.md#梯度下降}]", "以「。」结尾"),
    ("terms: [{zh: 梯度下降, en: gd, def: 好。, at: notes-1/basics.md}]", "缺少 #小节锚点"),
    ("terms: [{zh: 梯度下降, en: gd, def: 好。, at: notes-9/none.md#x}]", "不存在"),
    ("terms: [{zh: 梯度下降, en: gd, def: 好。, at: notes-1/basics.md#a, color: red}]", "未知字段"),
    ("terms: [{zh: 梯度下降, def: 好。, at: notes-1/basics.md#a}]", "字段 en"),
    ("terms: [{zh: 甲, en: a, def: 好。, at: notes-1/basics.md#a, aliases: [乙]},"
     " {zh: 乙, en: b, def: 好。, at: notes-1/basics.md#a}]", "已经是"),
    ("terms: [{zh: 甲, en: a, def: 好。, at: notes-1/basics.md#a, search: 'no'}]", "search"),
    ("- just a list", "顶层"),
])
def test_bad_glossary_entries_are_named(tmp_path, yml, message):
    path = tmp_path / "glossary.yml"
    path.write_text(yml, encoding="utf-8")
    with pytest.raises(hook.GlossaryError, match=message):
        hook.load_terms(path)


def test_video_table_covers_every_course_1_video():
    got = {int(w.videos[0].no.split(".")[0]): [v.no for v in w.videos] for w in WEEKS}
    want = {week: [f"{week}.{i}" for i in range(1, n + 1)] for week, n in COURSE_1_VIDEOS.items()}
    assert got == want
    for w in WEEKS:
        for v in w.videos:
            assert v.zh and v.en and v.see, v


@pytest.mark.parametrize(("yml", "message"), [
    ("weeks: [{title: 第一周, en: w1, videos: [{num: '1.2', zh: 甲, en: a, see: [index.md]}]}]", "编号应为"),
    ("weeks: [{title: 第一周, en: w1, videos: [{num: '1.1', zh: 甲, en: a, see: []}]}]", "至少要有一个链接"),
    ("weeks: [{title: 第一周, en: w1, videos: [{num: '1.1', zh: 甲, en: a, see: [nope.md]}]}]", "不存在"),
    ("weeks: [{title: 第一周, en: w1, videos: []}]", "没有视频"),
])
def test_bad_video_entries_are_named(tmp_path, yml, message):
    path = tmp_path / "videos.yml"
    path.write_text(yml, encoding="utf-8")
    with pytest.raises(hook.GlossaryError, match=message):
        hook.load_videos(path)


def test_search_terms_come_from_the_glossary():
    assert SEARCH_TERMS == hook.search_terms(TERMS)
    assert len(SEARCH_TERMS) >= 40
    for zh, pages in SEARCH_TERMS.items():
        t = BY_ZH[zh]
        assert t.search and pages[0] == hook.page_url(t.page), zh
    assert "神经网络" not in SEARCH_TERMS  # search: false


def test_jieba_dictionary_has_every_chinese_spelling_once():
    lines = hook.jieba_dictionary(TERMS).splitlines()
    words = [line.split()[0] for line in lines]
    assert len(words) == len(set(words))
    assert {"梯度下降", "梯度下降法", "成本函数", "递归神经网络"} <= set(words)
    assert "sigmoid 函数" not in " ".join(lines)  # 带空格、字母的写法不进 jieba 词典


# ---------------------------------------------------------------- 标记术语
def test_term_inside_a_longer_word_is_marked():
    out, order = hook.mark_terms(wrap("<p>批量梯度下降法和随机梯度下降</p>"), matcher())
    assert marked(out) == [("梯度下降", "梯度下降法")]
    assert "批量<span" in out
    assert order == ["梯度下降"]


def test_only_the_first_occurrence_is_marked_and_longer_words_win():
    out, _ = hook.mark_terms(wrap("<p>浅层神经网络比神经网络浅；神经网络。</p><p>梯度下降，梯度检验，梯度</p>"), matcher())
    assert marked(out) == [("浅层神经网络", "浅层神经网络"), ("神经网络", "神经网络"),
                           ("梯度下降", "梯度下降"), ("梯度检验", "梯度检验"), ("梯度", "梯度")]


@pytest.mark.parametrize("body", [
    "<p><code>梯度下降</code></p>",
    "<pre><code>梯度下降 = 1</code></pre>",
    "<h2 id='x'>梯度下降</h2>",
    "<h3>用 <em>梯度下降</em></h3>",
    "<p><a href='#'>梯度下降</a></p>",
    "<p><span class='arithmatex'>\\(\\text{梯度下降}\\)</span></p>",
    "<div class='arithmatex'>\\[\\text{梯度下降}\\]</div>",
    "<p>公式 $\\text{梯度下降}$ 里</p>",
    "<div class='admonition tip'><p class='admonition-title'>梯度下降</p></div>",
    "<details><summary>梯度下降</summary></details>",
    "<p><abbr title='x'>梯度下降</abbr></p>",
    "<div class='quiz' data-kind='choice'><ul><li>A. 梯度下降</li></ul></div>",
    "<p><kbd>梯度下降</kbd></p>",
    "<script>var s = '梯度下降';</script>",
    "<p><mjx-container>梯度下降</mjx-container></p>",
    "<table><tr><th>梯度下降</th></tr></table>",
    "<p>sigmoid_grad 与 xsigmoid</p>",
])
def test_terms_are_never_marked_in_code_math_headings_links_or_titles(body):
    out, order = hook.mark_terms(wrap(body), matcher())
    assert order == [] and out == wrap(body), out


def test_marking_resumes_after_a_skipped_element():
    out, _ = hook.mark_terms(wrap("<p><code>梯度下降</code> 然后 <a href='#'>反向传播</a> 再讲梯度下降和反向传播</p>"),
                             matcher())
    assert marked(out) == [("梯度下降", "梯度下降"), ("反向传播", "反向传播")]


def test_only_text_inside_the_article_changes():
    page = wrap('<p class="a">一段<br>关于 sigmoid 函数与<img src="x.svg" alt="梯度下降">梯度下降的话</p>')
    out, order = hook.mark_terms(page, matcher())
    assert order == ["sigmoid 函数", "梯度下降"]
    assert out.startswith('<html><head><title>梯度下降</title></head><body><nav>梯度下降</nav>')
    # 去掉加上的提示，逐字节还原
    restored = re.sub(r'<span class="gl-term"[^>]*>(.*?)<span class="gl-tip".*?</span></span></span>', r"\1", out)
    assert restored == page


def test_tooltip_is_labelled_and_carries_english_and_definition():
    out, _ = hook.mark_terms(wrap("<p>广播</p>"), matcher())
    span = BeautifulSoup(out, "html.parser").select_one(".gl-term")
    tip = span.select_one(".gl-tip")
    assert span["tabindex"] == "0" and span["aria-describedby"] == tip["id"]
    assert tip["role"] == "tooltip"
    assert tip.select_one("[lang=en]").get_text() == BY_ZH["广播"].en
    assert tip.select_one(".gl-tip__def").get_text() == BY_ZH["广播"].definition


def test_heading_titles_match_the_toc_slugs():
    md = "# 深层神经网络\n\n## 深层神经网络\n\n```\n# 不是标题\n```\n\n## 广播的陷阱：秩为 1 的数组 { .added }\n\n## m 个样本\n"
    assert hook.heading_titles(md) == {"深层神经网络": "深层神经网络", "深层神经网络_1": "深层神经网络",
                                       "广播的陷阱秩为-1-的数组": "广播的陷阱：秩为 1 的数组", "m-个样本": "m 个样本"}


# ---------------------------------------------------------------- 构建出的站点
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _ids(site: Path, url_path: str) -> set[str]:
    page = site / url_path.strip("/") / "index.html" if url_path != "/" else site / "index.html"
    return {t["id"] for t in _soup(page).find_all(id=True)}


def _target(site: Path, page: Path, href: str) -> tuple[str, str]:
    """生成页面里的相对链接 → (站内路径, 锚点)。"""
    from posixpath import normpath
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(href)
    base = page_path(site, page)
    path = normpath(base + parts.path) + "/" if parts.path else base
    return path.replace("//", "/"), unquote(parts.fragment)


def test_glossary_page_lists_every_term_by_chapter_with_a_working_link(built_site):
    page = built_site / "glossary" / "index.html"
    soup = _soup(page)
    items = soup.select("article li")
    assert len(items) == len(TERMS)
    groups = [h.get_text(strip=True).rstrip("¶") for h in soup.select("article h2")]
    assert groups == ["深度学习引言", "神经网络的编程基础", "向量化", "浅层神经网络", "深层神经网络"]
    problems = []
    for li in items:
        a = li.find("a")
        t = BY_ZH[a.get_text(strip=True)]
        path, anchor = _target(built_site, page, a["href"])
        assert path == hook.page_url(t.page), (t.zh, path)
        if anchor != t.anchor or anchor not in _ids(built_site, path):
            problems.append(f"{t.zh}: {a['href']}")
        assert t.en in li.get_text() and t.definition in li.get_text()
    assert not problems, f"术语表里这些链接的锚点在目标页面里不存在：{problems}"


def test_video_page_has_one_linked_row_per_video(built_site):
    page = built_site / "videos" / "index.html"
    rows = _soup(page).select("article table tbody tr")
    videos = [v for w in WEEKS for v in w.videos]
    assert [r.td.get_text(strip=True) for r in rows] == [v.no for v in videos]
    problems = []
    for row, v in zip(rows, videos):
        links = row.select("td:nth-of-type(3) a")
        assert len(links) == len(v.see), v.no
        for a in links:
            path, anchor = _target(built_site, page, a["href"])
            if anchor and anchor not in _ids(built_site, path):
                problems.append(f"{v.no}: {a['href']}")
        assert ("本站暂无" in row.get_text()) == bool(v.gap), v.no
    assert not problems, f"视频表里这些链接的锚点在目标页面里不存在：{problems}"


@pytest.mark.parametrize("chapter", CHAPTER_PAGES)
def test_chapter_pages_mark_terms_once_and_never_in_code_math_headings_or_links(built_site, chapter):
    soup = _soup(built_site / chapter / "index.html")
    spans = soup.select("article .gl-term")
    assert len(spans) >= 10, f"{chapter} 只有 {len(spans)} 个术语提示"
    seen = [s["data-term"] for s in spans]
    assert len(seen) == len(set(seen)), "同一个术语在一页里标了不止一次"
    for s in spans:
        bad = s.find_parent(["code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "abbr"]) \
            or s.find_parent(class_=["arithmatex", "admonition-title", "gl-tip"])
        assert bad is None, f"{chapter}：术语「{s['data-term']}」标在了 <{bad.name} class={bad.get('class')}> 里"
        tip = soup.find(id=s["aria-describedby"])
        assert tip is not None and tip.find_parent(class_="gl-term") is s
        assert BY_ZH[s["data-term"]].definition in tip.get_text()
    # 术语表和视频表自己不加提示
    for generated in ("glossary", "videos"):
        assert not _soup(built_site / generated / "index.html").select(".gl-term")


def test_some_term_is_marked_inside_a_longer_word_on_the_site(built_site):
    """页面里确有词内匹配（例如「梯度下降法」里的「梯度下降」、「逐元素相乘」里的「逐元素」）。"""
    inside = []
    for chapter in CHAPTER_PAGES:
        for s in _soup(built_site / chapter / "index.html").select("article .gl-term"):
            after = s.next_sibling
            if isinstance(after, str) and re.match(f"[{hook.HAN}]", after):
                inside.append((chapter, s["data-term"], after[:4]))
    assert inside, "没有一个术语是在更长的词里被标出的"


def test_tooltip_definitions_stay_out_of_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(d.get("text", "") for d in index["docs"] if not d["location"].startswith("glossary/"))
    plain = text.replace("\u200b", "")
    leaked = [t.zh for t in TERMS if t.definition.rstrip("。") in plain]
    assert not leaked, f"这些术语的释义（提示里的文字）进了搜索索引：{leaked}"


def test_generated_pages_are_in_the_nav_and_linked_from_home(built_site):
    home = _soup(built_site / "index.html")
    hrefs = {a["href"] for a in home.select("article a[href]")}
    assert {"glossary/", "videos/"} <= hrefs, hrefs
    for page in html_pages(built_site):
        if page.name == "index.html" and page.parent == built_site / "notes-1" / "basics":
            nav = {a["href"] for a in _soup(page).select("nav.md-nav--primary a[href]")}
            assert {"../../glossary/", "../../videos/"} <= nav, nav


def test_anchor_check_names_the_term_and_the_video():
    """构建结束时的锚点检查（``GlossaryBuild.problems``）：逐条说出术语/视频与缺的锚点或页面。"""
    terms, weeks = hook.load_terms(), hook.load_videos()
    build = hook.GlossaryBuild(terms, weeks)
    term = terms[0]
    build.ids = {term.page: {"别的小节"}}  # 只构建了一个页面，里面没有这个锚点
    problems = build.problems()
    assert f"术语「{term.zh}」的 at: {term.at} —— 页面 {term.page} 里没有 id 为「{term.anchor}」的小节" in problems
    no, target = next((v.no, t) for w in weeks for v in w.videos for t in v.see if t.partition("#")[0] != term.page)
    assert f"视频 {no} 的 see: {target} —— 站点里没有页面 {target.partition('#')[0]}" in problems
    targets = [t.at for t in terms] + [s for w in weeks for v in w.videos for s in v.see]
    build.ids = {}
    for t in targets:  # 每个页面、每个锚点都在：没有问题
        page, _, anchor = t.partition("#")
        build.ids.setdefault(page, set()).add(anchor)
    assert build.problems() == []


def test_anchor_check_reads_pages_that_were_not_rebuilt(tmp_path):
    """``mkdocs serve --dirty`` 只重建改过的页面：没渲染的页面的 id 从站点里已有的 HTML 读；
    站点里也没有它（完整构建先清空站点目录）就照样报缺失。"""
    terms, weeks = hook.load_terms(), hook.load_videos()
    targets = [t.at for t in terms] + [s for w in weeks for v in w.videos for s in v.see]
    by_page: dict[str, set[str]] = {}
    for t in targets:
        page, _, anchor = t.partition("#")
        by_page.setdefault(page, set()).add(anchor)
    kept = next(p for p in sorted(by_page) if by_page[p] - {""})  # 这次没渲染的页面
    build = hook.GlossaryBuild(terms, weeks)
    build.ids = {page: ids for page, ids in by_page.items() if page != kept}
    html = tmp_path / kept / "index.html"
    build.built = {page: tmp_path / page / "index.html" for page in by_page}
    assert any(kept in p for p in build.problems())  # 站点里没有它的 HTML：缺失
    html.parent.mkdir(parents=True)
    html.write_text("<article>" + "".join(f'<h2 id="{a}">x</h2>' for a in sorted(by_page[kept] - {""}))
                    + "</article>", encoding="utf-8")
    assert build.problems() == []
    html.write_text("<article><h2 id=\"别的\">x</h2></article>", encoding="utf-8")
    missing = sorted(by_page[kept] - {""})[0]
    assert any(f"页面 {kept} 里没有 id 为「{missing}」" in p for p in build.problems())
