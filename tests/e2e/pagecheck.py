"""在真实 Chromium 里检查一个页面；``check_page`` 返回问题列表（空列表 = 通过）。

``test_pages.py`` 用它逐页检查整个站点，``test_checker.py`` 用它检查一个故意弄坏的页面
（证明每类问题都真的会被报告）。每条问题以类别开头，例如 ``[math] ...``：

=============  ==============================================================
``[console]``  控制台里的 error
``[pageerror]`` 页面脚本抛出的未捕获异常
``[http]``     站内请求返回 4xx/5xx
``[offsite]``  请求了 127.0.0.1 以外的主机（所有这样的请求都被拦截并中止）
``[img]``      滚动到可见后 ``<img>`` 仍未加载（``naturalWidth == 0``）
``[math]``     公式没有在构建时排好：残留 ``$``/``\\(``/``\\[`` 或 ``.arithmatex``、行间公式不在
               ``.math-display`` 里、排版出错（``mjx-merror``）、MathJax 字体没加载、
               或页面加载了公式 JavaScript
``[footnote]`` 脚注引用/回链指向不存在的 id，或点击后 ``location.hash``/``:target`` 不对
``[palette]``  深色模式切换不了
``[contrast]`` 正文文字与背景的对比度 < 4.5（浅色与深色模式都查）
``[figure]``   深色模式下图片没有不透明的浅色底（深色文字会看不清）
=============  ==============================================================

这里刻意不导入 Playwright（由调用者传入 ``browser``），这样 ``--doctest-modules`` 收集时
不需要浏览器。
"""

from __future__ import annotations

from urllib.parse import urlsplit

ALLOWED_HOSTS = {"127.0.0.1"}
CONTRAST_MIN = 4.5
VIEWPORT = {"width": 1280, "height": 900}
MAX_PER_KIND = 8  # 同一类问题每页最多列出几条（其余只计数）

# ---------------------------------------------------------------- 页面里运行的 JS
# 颜色工具：解析 rgb()/rgba()、相对亮度、沿祖先合成实际背景色、对比度
_COLOR_JS = r"""
const parse = s => {
  const m = /rgba?\(([^)]+)\)/.exec(s || "");
  if (!m) return null;
  const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
  return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
};
const lum = ([r, g, b]) => {
  const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const over = (top, base) => {  // top（可能半透明）叠在不透明的 base 上
  const a = top[3];
  return [0, 1, 2].map(i => top[i] * a + base[i] * (1 - a)).concat([1]);
};
const backgroundOf = el => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor);
    if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  let base = [255, 255, 255, 1];  // 画布默认白色
  for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
  return base;
};
const ratio = (a, b) => {
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
"""

# 不计入"正文文字"的元素：代码、公式（已排版的 mjx-container 里是 MathML 文本）、脚本等
_TEXT_JS = r"""
const SKIP = "pre, code, kbd, samp, script, style, noscript, textarea, mjx-container, .clipboard-copy-txt";
const RAW = /\$\$|\$[^$\n]+?\$|\\\(|\\\[/;
const rawMath = () => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const m = RAW.exec(n.nodeValue);
    if (m && !(n.parentElement && n.parentElement.closest(SKIP))) {
      const i = m.index;
      found.push(n.nodeValue.slice(Math.max(0, i - 20), i + 40).trim());
    }
  }
  return found;
};
"""

# 公式在构建时排好（docs/hooks/math.py）：页面里不应有任何公式 JavaScript；
# 等 MathJax 字体（CSS @font-face，按需下载）加载完，再报告
_MATH_REPORT_JS = _TEXT_JS + r"""
return (async () => {
  await document.fonts.ready;
  const mjxFonts = [...document.fonts].filter(f => f.family.replace(/"/g, "").startsWith("MJX"));
  const displays = [...document.querySelectorAll('mjx-container[display="true"]')];
  return {
    containers: document.querySelectorAll("mjx-container").length,
    mathScripts: [...document.scripts].map(s => s.src).filter(src => /mathjax|katex/i.test(src)),
    mathjaxGlobal: typeof window.MathJax !== "undefined",
    leftover: [...document.querySelectorAll(".arithmatex")].map(el => el.textContent.trim().slice(0, 60)),
    unwrapped: displays.filter(el => !el.parentElement.classList.contains("math-display"))
                       .map(el => el.textContent.trim().slice(0, 60)),
    errors: [...document.querySelectorAll("mjx-merror")].map(
      e => (e.getAttribute("data-mjx-error") || e.textContent).slice(0, 80)),
    fontsLoaded: mjxFonts.filter(f => f.status === "loaded").length,
    fontsFailed: mjxFonts.filter(f => f.status === "error").map(f => f.family),
    raw: rawMath(),
  };
})();
"""

_IMAGES_JS = r"""
async () => {
  const imgs = [...document.images];
  const loaded = img => new Promise(res => {
    if (img.complete) return res();
    img.addEventListener("load", res, {once: true});
    img.addEventListener("error", res, {once: true});
    setTimeout(res, 8000);
  });
  for (const img of imgs) {
    img.scrollIntoView({block: "center"});  // loading=lazy：进入视口才加载
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    if (!img.complete && img.getClientRects().length === 0) img.loading = "eager";  // 折叠里看不见的图
  }
  await Promise.all(imgs.map(loaded));
  window.scrollTo(0, 0);
  return imgs.filter(img => !(img.naturalWidth > 0))
             .map(img => img.getAttribute("src") || img.currentSrc);
}
"""

_FOOTNOTE_LINKS_JS = r"""
() => {
  const resolves = a => {
    const h = a.getAttribute("href") || "";
    return h.startsWith("#") && !!document.getElementById(decodeURIComponent(h.slice(1)));
  };
  const refs = [...document.querySelectorAll("a.footnote-ref")];
  const backs = [...document.querySelectorAll("a.footnote-backref")];
  return {
    refs: refs.map(a => ({href: a.getAttribute("href"), sup: (a.closest("sup") || a.parentElement).id})),
    broken: [...refs, ...backs].filter(a => !resolves(a)).map(a => a.getAttribute("href")),
  };
}
"""

_TARGET_JS = r"""
(id) => {
  const t = document.querySelector(":target");
  const el = document.getElementById(id);
  const r = el ? el.getBoundingClientRect() : null;
  return {
    hashes: window.__dlnotesHashes.slice(),
    target: t ? t.id : null,
    inView: !!r && r.bottom > 0 && r.top < window.innerHeight,
  };
}
"""

_CONTRAST_JS = "(minRatio) => {" + _COLOR_JS + r"""
  const sel = ".md-content p, .md-content li, .md-content td, .md-content dd, .md-content figcaption, "
            + ".md-content h1, .md-content h2, .md-content h3";
  const bad = [];
  let checked = 0;
  for (const el of document.querySelectorAll(sel)) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.nodeValue.trim());
    if (!own || !el.checkVisibility()) continue;
    checked++;
    const bg = backgroundOf(el);
    let fg = parse(getComputedStyle(el).color);
    if (!fg) continue;
    if (fg[3] < 1) fg = over(fg, bg);
    const r = ratio(fg, bg);
    if (r < minRatio) bad.push({text: el.textContent.trim().slice(0, 40), ratio: r.toFixed(2),
                                color: getComputedStyle(el).color, background: `rgb(${bg.slice(0, 3).map(Math.round)})`});
  }
  return {checked, bad};
}
"""

_FIGURE_BG_JS = "async () => {" + _COLOR_JS + r"""
  const bad = [];
  for (const img of document.querySelectorAll(".md-content img")) {
    if (!(img.naturalWidth > 0)) continue;  // 没加载的图由 [img] 报告
    const css = parse(getComputedStyle(img).backgroundColor);
    if (css && css[3] >= 0.99 && lum(css) >= 0.8) continue;  // 样式给了不透明的浅色底
    // 否则看图自己的底色：画到 canvas 上取左上角附近的像素（同源图片不会污染 canvas）
    const c = document.createElement("canvas");
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const ctx = c.getContext("2d");
    ctx.drawImage(img, 0, 0);
    const [r, g, b, a] = ctx.getImageData(2, 2, 1, 1).data;
    if (a >= 250 && lum([r, g, b]) >= 0.8) continue;
    bad.push({src: img.getAttribute("src").slice(0, 80), css: getComputedStyle(img).backgroundColor,
              pixel: [r, g, b, a]});
  }
  return bad;
}
"""

_HASH_RECORDER = "window.__dlnotesHashes = []; " \
                 "addEventListener('hashchange', () => window.__dlnotesHashes.push(location.hash));"


# ---------------------------------------------------------------- Python 部分
def new_context(browser, blocked: list[str]):
    """新的浏览器上下文：浅色、固定视口；任何发往 127.0.0.1 以外主机的请求都被记录并中止。"""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light", service_workers="block")

    def guard(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).hostname in ALLOWED_HOSTS:
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    return context


def _limit(kind: str, items: list[str]) -> list[str]:
    out = [f"[{kind}] {item}" for item in items[:MAX_PER_KIND]]
    if len(items) > MAX_PER_KIND:
        out.append(f"[{kind}] ……另有 {len(items) - MAX_PER_KIND} 处")
    return out


def check_page(browser, url: str) -> list[str]:
    """打开 ``url``，做全部检查，返回问题列表。"""
    problems: list[str] = []
    blocked: list[str] = []
    context = new_context(browser, blocked)
    try:
        page = context.new_page()
        page.add_init_script(_HASH_RECORDER)
        page.on("console", lambda m: problems.append(
            f"[console] {m.text} ({m.location.get('url', '')})") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"[pageerror] {e}"))
        page.on("response", lambda r: problems.append(
            f"[http] {r.status} {r.url}") if r.status >= 400 else None)
        page.goto(url, wait_until="load")
        problems += _limit("img", [f"图片没有加载：{src}" for src in page.evaluate(_IMAGES_JS)])
        problems += _check_math(page)
        problems += _check_footnotes(page)
        # 屏幕外的正文块 content-visibility: auto（stylesheets/render.css）：浏览器还没为它们算样式，
        # 换成深色后 getComputedStyle 给的可能仍是浅色的颜色。先全部排出来（颜色与读者滚到那里时相同）
        page.add_style_tag(content="* { content-visibility: visible !important; }")
        problems += _check_contrast(page, "浅色")
        if _toggle_dark(page, problems):
            problems += _check_contrast(page, "深色")
            problems += _limit("figure", [
                f"图片没有不透明的浅色底（深色模式下看不清）：{b['src']}，CSS 背景 {b['css']}，左上角像素 {b['pixel']}"
                for b in page.evaluate(_FIGURE_BG_JS)])
    finally:
        context.close()
    problems += _limit("offsite", [f"请求了站外地址（已拦截）：{u}" for u in blocked])
    return problems


def _check_math(page) -> list[str]:
    r = page.evaluate("async () => {" + _MATH_REPORT_JS + "}")
    problems = []
    if r["mathScripts"] or r["mathjaxGlobal"]:
        problems.append(f"[math] 页面加载了公式 JavaScript（公式应在构建时排好）：{r['mathScripts'] or 'window.MathJax'}")
    if r["containers"] and not r["fontsLoaded"]:
        problems.append(f"[math] 页面有 {r['containers']} 个公式，但没有加载任何 MathJax 字体")
    problems += _limit("math", [f"MathJax 字体加载失败：{f}" for f in r["fontsFailed"]])
    problems += _limit("math", [f"公式没有在构建时排版（残留 .arithmatex）：{t!r}" for t in r["leftover"]])
    problems += _limit("math", [f"行间公式没有包在 .math-display 里：{t!r}" for t in r["unwrapped"]])
    problems += _limit("math", [f"MathJax 排版出错：{t}" for t in r["errors"]])
    problems += _limit("math", [f"正文里残留原样的公式：{t!r}" for t in r["raw"]])
    return problems


_SETTLED_JS = r"""
([id, href]) => {
  const h = window.__dlnotesHashes, t = document.querySelector(":target");
  return h.length > 0 && h[h.length - 1] === href && !!t && t.id === id;
}
"""


def _settled(page, target_id: str, href: str) -> dict:
    """点击之后：等 hashchange 记下这次的 hash、:target 到位（事件是异步的，负载高时会晚到），再取结果。"""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(_SETTLED_JS, arg=[target_id, href], timeout=5000)
    except PlaywrightTimeout:
        pass  # 没等到：下面的检查照实报告当时的状态
    return page.evaluate(_TARGET_JS, target_id)


def _check_footnotes(page) -> list[str]:
    info = page.evaluate(_FOOTNOTE_LINKS_JS)
    problems = _limit("footnote", [f"脚注链接 {h} 指向不存在的 id" for h in info["broken"]])
    if info["broken"]:
        return problems
    refs = page.locator("a.footnote-ref")
    for i, ref in enumerate(info["refs"]):
        note_id, sup_id = ref["href"][1:], ref["sup"]
        refs.nth(i).click()
        got = _settled(page, note_id, ref["href"])
        if got["hashes"][-1:] != [ref["href"]] or got["target"] != note_id or not got["inView"]:
            problems.append(f"[footnote] 点击脚注引用 {ref['href']} 后：hash 记录 {got['hashes'][-1:]}，"
                            f":target={got['target']}，脚注在视口内={got['inView']}")
            continue
        back = page.locator(f'[id="{note_id}"] a.footnote-backref[href="#{sup_id}"]')
        if back.count() != 1:
            problems.append(f"[footnote] 脚注 #{note_id} 里没有回到 #{sup_id} 的回链")
            continue
        back.click()
        got = _settled(page, sup_id, f"#{sup_id}")
        if got["hashes"][-1:] != [f"#{sup_id}"] or got["target"] != sup_id or not got["inView"]:
            problems.append(f"[footnote] 点击脚注 #{note_id} 的回链后：hash 记录 {got['hashes'][-1:]}，"
                            f":target={got['target']}，引用在视口内={got['inView']}")
    return problems


def _check_contrast(page, mode: str) -> list[str]:
    r = page.evaluate(_CONTRAST_JS, CONTRAST_MIN)
    return _limit("contrast", [
        f"{mode}模式下对比度 {b['ratio']} < {CONTRAST_MIN}：{b['text']!r}（文字 {b['color']}，背景 {b['background']}）"
        for b in r["bad"]])


def _toggle_dark(page, problems: list[str]) -> bool:
    toggle = page.locator('form[data-md-component="palette"] label:not([hidden])')
    if toggle.count() == 0:
        problems.append("[palette] 找不到深色模式切换按钮")
        return False
    toggle.first.click()
    try:
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=3000)
    except Exception:  # noqa: BLE001
        problems.append("[palette] 点击切换按钮后没有进入深色模式（body[data-md-color-scheme=slate]）")
        return False
    return True
