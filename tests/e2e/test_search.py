"""中文搜索在浏览器里真的能用：搜课程术语，第一条结果就是讲它的页面，整个术语被高亮。

术语与期望页面的对照表是 ``sitetools.SEARCH_TERMS``（只有这一处；新章节在那里加术语）。

另外直接向 search worker 发查询，看它把查询切成了哪些词：
* 站点里（经 ``docs/hooks/search.py`` 修补）的 worker 把每个术语当作一个完整的词；
* 换回 Material 原版的 worker（拦截请求、返回安装包里的原文件），同样的索引下至少有一个
  术语被切碎——证明这个修补是必要的，而且上面的断言能发现它失效。
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from pagecheck import new_context
from sitetools import SEARCH_TERMS

pytestmark = pytest.mark.e2e

SEARCH_INPUT = 'input[data-md-component="search-query"]'
RESULTS_JS = "() => document.querySelectorAll('.md-search-result__list > li').length > 0"
RESULTS_TIMEOUT_MS = 30_000  # 机器忙时 worker 建索引要更久；只是等待上限，不是计时断言

# 结果里被高亮的"词"：相邻的 <mark>（中间只隔着零宽空格/空白）拼成一段
MARK_RUNS_JS = r"""() => {
  const runs = [];
  const blank = n => n && n.nodeType === 3 && !n.nodeValue.replace(/[\s\u200b]/g, "");
  for (const mark of document.querySelectorAll(".md-search-result__list mark")) {
    let prev = mark.previousSibling;
    while (blank(prev)) prev = prev.previousSibling;
    if (prev && prev.nodeName === "MARK") continue;  // 不是一段的开头
    let text = "", node = mark;
    while (node && (node.nodeName === "MARK" || blank(node))) {
      if (node.nodeName === "MARK") text += node.textContent;
      node = node.nextSibling;
    }
    runs.push(text.replace(/[\s\u200b]/g, ""));
  }
  return runs;
}"""

# 直接和 search worker 对话（Material 的协议：0=SETUP → 1=READY，2=QUERY → 3=RESULT），
# 返回每个查询被切成的词（结果里 terms 的键）
WORKER_TERMS_JS = """async ([workerUrl, indexUrl, queries]) => {
  const index = await (await fetch(indexUrl)).json();
  const worker = new Worker(workerUrl);
  const call = message => new Promise((resolve, reject) => {
    worker.onmessage = event => resolve(event.data);
    worker.onerror = event => reject(new Error(event.message));
    worker.postMessage(message);
  });
  await call({type: 0, data: {...index, options: {suggest: false}}});
  const out = {};
  for (const q of queries) {
    const result = (await call({type: 2, data: q})).data;
    const terms = new Set();
    for (const group of result.items) for (const item of group) Object.keys(item.terms).forEach(t => terms.add(t));
    out[q] = [...terms].sort();
  }
  worker.terminate();
  return out;
}"""


def search(page, site_url: str, term: str) -> tuple[str | None, list[str]]:
    """在首页搜索 ``term``；返回 ``(第一条结果的站内路径, 高亮的词)``。"""
    page.goto(f"{site_url}/")
    page.fill(SEARCH_INPUT, term)  # fill 会触发 Material 的搜索（type 输入中文时不会）
    try:
        page.wait_for_function(RESULTS_JS, timeout=RESULTS_TIMEOUT_MS)
    except Exception:  # noqa: BLE001 - 超时 = 没有结果，由调用者断言
        return None, []
    # 结果列表可能在第一次出现后又被重绘一次（worker 的结果分批到达）：
    # 等第一条结果连续几次读到的都一样再取，避免读到过渡状态
    first_js = ("() => { const a = document.querySelector('.md-search-result__list > li a.md-search-result__link');"
                " return a ? a.href : null; }")
    href, stable = page.evaluate(first_js), 0
    for _ in range(40):
        page.wait_for_timeout(100)
        now = page.evaluate(first_js)
        stable = stable + 1 if now == href else 0
        href = now
        if stable >= 3:
            break
    return (urlsplit(href).path if href else None), page.evaluate(MARK_RUNS_JS)


@pytest.mark.parametrize("term", list(SEARCH_TERMS))
def test_search_finds_the_page_that_explains_the_term(guarded_page, site_url, term):
    first, marks = search(guarded_page, site_url, term)
    assert first is not None, f"搜索“{term}”没有任何结果"
    expected = SEARCH_TERMS[term]
    assert first in expected, f"搜索“{term}”的第一条结果是 {first}，应是 {' 或 '.join(expected)}"
    assert any(term in m for m in marks), f"结果里没有把“{term}”整个高亮：{marks[:20]}"
    odd = sorted({m for m in marks if not m.startswith(term)})
    assert not odd, (f"搜索“{term}”时高亮了不以它开头的文字：{odd[:20]}"
                     "（查询被切碎了，或者搜索索引里的高亮位置错位）")


def _worker_terms(browser, site_url: str, built_site: Path, *, original: bool) -> dict[str, list[str]]:
    [worker] = sorted((built_site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    blocked: list[str] = []
    context = new_context(browser, blocked)
    try:
        if original:  # 换回 Material 安装包里未修补的 worker（站点里的 worker 换了名字，原版名字不同）
            [source] = sorted((Path(material.__file__).parent / "templates" / "assets" / "javascripts" /
                               "workers").glob("search.*.min.js"))
            assert source.name != worker.name, "站点应发布改了名字的修补版 worker"
            context.route(f"**/workers/{worker.name}",
                          lambda route: route.fulfill(body=source.read_bytes(), content_type="text/javascript"))
        page = context.new_page()
        page.goto(f"{site_url}/")
        rel = worker.relative_to(built_site).as_posix()
        return page.evaluate(WORKER_TERMS_JS, [f"{site_url}/{rel}", f"{site_url}/search/search_index.json",
                                               list(SEARCH_TERMS)])
    finally:
        context.close()
        assert not blocked, blocked


def test_patched_worker_keeps_every_term_whole(browser, site_url, built_site):
    got = _worker_terms(browser, site_url, built_site, original=False)
    split = {term: terms for term, terms in got.items() if terms != [term]}
    assert not split, f"修补后的 worker 仍把这些术语切开了（术语 → 查询词）：{split}"


def test_unpatched_worker_splits_terms(browser, site_url, built_site):
    """对照：Material 原版的 segment() 不试以查询最后一个字结尾的词，术语被切碎。"""
    got = _worker_terms(browser, site_url, built_site, original=True)
    split = {term: terms for term, terms in got.items() if terms != [term]}
    assert split, f"原版 worker 没有切开任何术语：{got}（Material 修好了？那就可以删掉 docs/hooks/search.py 的补丁）"
