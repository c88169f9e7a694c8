"""术语提示与练习题在真实 Chromium 里能用：浅色与深色、1280 px 与 375 px、只用键盘、触摸。

* 术语提示：在站点的每个正文页面上，悬停、键盘聚焦、轻触一个术语（优先挑一个在更长的词里
  被标出的），提示出现、写着英文和释义、整个落在视口里、文字对比度够；Esc 能关掉。
* 练习题：章节页面上的练习还没写完之前，用一个只在测试里构建的页面（仓库的临时副本里加一页
  ``docs/quiz-fixture.md``，不发布给读者）：对的、错的答案给出对应的反馈，答案折叠不会被打开；
  只用键盘能做完；手机宽度下不溢出；没有 JS 时是普通列表。站点里已有的每道练习题也逐一试一遍。
"""

from __future__ import annotations

import shutil

import pytest
from sitetools import (
    REPO_ROOT,
    build_problems,
    copy_repo,
    describe_build_failure,
    run_mkdocs,
    serve,
)

pytestmark = pytest.mark.e2e

CHAPTERS = ["/notes-1/introduction/", "/notes-1/basics/", "/notes-2/vectorization/",
            "/notes-2/shallow-network/", "/notes-3/deep-network/"]
VIEWPORTS = {"1280": {"width": 1280, "height": 900}, "375": {"width": 375, "height": 740}}
RIGHT, WRONG = "对！", "不对，再想想。"

# 元素文字与它（沿祖先合成的）背景的对比度
CONTRAST_JS = r"""el => {
  const parse = s => { const m = /rgba?\(([^)]+)\)/.exec(s); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  let bg = null, node = el;
  while (node && node.nodeType === 1) { const c = parse(getComputedStyle(node).backgroundColor);
    if (c && c[3] > 0.99) { bg = c; break; } node = node.parentElement; }
  bg = bg || parse(getComputedStyle(document.body).backgroundColor) || [255, 255, 255, 1];
  const fg = parse(getComputedStyle(el).color);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""

# 一个术语：优先挑在更长的词里被标出的（后面紧跟着汉字）
PICK_TERM_JS = r"""() => {
  const spans = [...document.querySelectorAll("article .gl-term")];
  const inside = spans.find(s => s.nextSibling && s.nextSibling.nodeType === 3 && /^[\u4e00-\u9fff]/.test(s.nextSibling.nodeValue));
  const span = inside || spans[0];
  if (!span) return null;
  span.setAttribute("data-test-pick", "1");
  return {term: span.dataset.term, inside: !!inside};
}"""


def _context(browser, blocked, *, scheme="light", width="1280", **kw):
    """像 ``pagecheck.new_context`` 一样拦截站外请求，但配色与视口按参数。"""
    context = browser.new_context(viewport=VIEWPORTS[width], color_scheme=scheme, service_workers="block", **kw)

    def guard(route):
        if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    return context


def _open(context, url, errors):
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="load")
    return page


def _tip_state(page, term):
    tip = term.locator(".gl-tip")
    return page.evaluate("""tip => { const r = tip.getBoundingClientRect();
        return {shown: getComputedStyle(tip).display !== "none", left: r.left, right: r.right, top: r.top,
                bottom: r.bottom, vw: document.documentElement.clientWidth, vh: innerHeight,
                text: tip.textContent}; }""", tip.element_handle())


def _assert_tip_shown(page, term, name, how):
    state = _tip_state(page, term)
    assert state["shown"], f"{how}「{name}」后没有显示提示"
    assert state["left"] >= 0 and state["right"] <= state["vw"] + 0.5, f"{how}「{name}」的提示伸出了视口：{state}"
    assert state["top"] >= 0 and state["bottom"] <= state["vh"] + 0.5, f"{how}「{name}」的提示不在视口里：{state}"
    contrast = page.evaluate(CONTRAST_JS, term.locator(".gl-tip__def").element_handle())
    assert contrast >= 4.5, f"「{name}」提示文字的对比度只有 {contrast:.2f}"
    return state["text"]


# ---------------------------------------------------------------- 术语提示
@pytest.mark.parametrize("width", ["1280", "375"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_term_tooltips_on_every_chapter_page(browser, site_url, scheme, width):
    blocked, errors, inside = [], [], []
    context = _context(browser, blocked, scheme=scheme, width=width, has_touch=(width == "375"))
    try:
        for path in CHAPTERS:
            page = _open(context, site_url + path, errors)
            pick = page.evaluate(PICK_TERM_JS)
            assert pick, f"{path} 上没有术语提示"
            if pick["inside"]:
                inside.append(path)
            name = pick["term"]
            term = page.locator("[data-test-pick]")
            term.scroll_into_view_if_needed()
            if width == "1280":
                term.hover()
                how = "悬停"
            else:
                term.tap()
                how = "轻触"
            text = _assert_tip_shown(page, term, name, how)
            assert name and len(text) > len(name), text
            page.keyboard.press("Escape")
            assert not _tip_state(page, term)["shown"], f"{path}：按 Esc 后「{name}」的提示没有关掉"
            page.close()
        assert inside, "没有一页的术语提示是在更长的词里被标出的"
    finally:
        context.close()
    assert not blocked and not errors, (blocked, errors)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_term_tooltip_by_keyboard_focus(browser, site_url, scheme):
    blocked, errors = [], []
    context = _context(browser, blocked, scheme=scheme)
    try:
        for path in CHAPTERS:
            page = _open(context, site_url + path, errors)
            for _ in range(120):
                page.keyboard.press("Tab")
                if page.evaluate("() => document.activeElement.classList.contains('gl-term')"):
                    break
            else:
                pytest.fail(f"{path}：按 120 次 Tab 也没有聚焦到一个术语")
            term = page.locator(".gl-term:focus")
            name = term.get_attribute("data-term")
            text = _assert_tip_shown(page, term, name, "Tab 聚焦")
            assert text.startswith(page.evaluate("t => t.querySelector('.gl-tip__en').textContent",
                                                 term.element_handle()))
            page.close()
    finally:
        context.close()
    assert not blocked and not errors, (blocked, errors)


# ---------------------------------------------------------------- 练习题
FIXTURE = """\
# 练习题测试页

只在测试里构建，不发布。

**练习 1**（选择）sigmoid 的导数在 $z = 0$ 处等于多少？

<div class="quiz" data-kind="choice" data-answer="B" markdown>

- A. 0
- B. 0.25
- C. 0.5

</div>

??? success "答案"
    **B**。A 错在……C 错在……

**练习 2**（计算）$\\sigma'(1)$ 是多少？结果保留 4 位小数。

<div class="quiz" data-kind="number" data-answer="0.1966" data-tol="0.00005" markdown></div>

??? success "答案"
    ```pycon
    >>> round(0.19661193, 4)
    0.1966
    ```
"""


@pytest.fixture(scope="module")
def quiz_site(tmp_path_factory):
    """仓库的临时副本（带上 .cache，图与 notebook 不必重算）加一页练习题，构建并提供服务。"""
    root = copy_repo(tmp_path_factory.mktemp("quizrepo"))
    if (REPO_ROOT / ".cache").is_dir():
        shutil.copytree(REPO_ROOT / ".cache", root / ".cache")
    (root / "docs" / "quiz-fixture.md").write_text(FIXTURE, encoding="utf-8")
    site = root / "site-out"
    proc = run_mkdocs(root, site)
    problems = build_problems(proc)
    if problems:
        pytest.fail(describe_build_failure(proc, problems), pytrace=False)
    base, server = serve(site)
    yield base + "/quiz-fixture/"
    server.shutdown()
    server.server_close()


def _feedback(page, quiz):
    fb = quiz.locator(".quiz__feedback")
    fb.wait_for(state="visible")
    page.wait_for_function("el => el.textContent.length > 0", arg=fb.element_handle())
    return fb.text_content(), fb.get_attribute("class"), page.evaluate(CONTRAST_JS, fb.element_handle())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_quiz_gives_right_and_wrong_feedback(browser, quiz_site, scheme):
    blocked, errors = [], []
    context = _context(browser, blocked, scheme=scheme)
    try:
        page = _open(context, quiz_site, errors)
        choice, number = page.locator(".quiz[data-kind=choice]"), page.locator(".quiz[data-kind=number]")
        choice.get_by_role("radio").first.wait_for()
        assert choice.get_by_role("radio").count() == 3
        assert choice.get_by_role("radiogroup").get_attribute("aria-labelledby")
        choice.get_by_label("C. 0.5").check()
        choice.get_by_role("button", name="检查").click()
        text, cls, contrast = _feedback(page, choice)
        assert text == WRONG and "wrong" in cls and contrast >= 4.5, (text, cls, contrast)
        choice.get_by_label("B. 0.25").check()
        choice.get_by_role("button", name="检查").click()
        page.wait_for_function("el => el.textContent === '对！'", arg=choice.locator(".quiz__feedback").element_handle())
        text, cls, contrast = _feedback(page, choice)
        assert text == RIGHT and "right" in cls and contrast >= 4.5, (text, cls, contrast)

        box = number.get_by_label("你的答案")
        for typed, want in (("0.2", WRONG), ("abc", "请输入一个数。"), ("0.19662", RIGHT), ("０.１９６６", RIGHT)):
            box.fill(typed)
            number.get_by_role("button", name="检查").click()
            page.wait_for_function("([el, want]) => el.textContent === want",
                                   arg=[number.locator(".quiz__feedback").element_handle(), want])
        assert number.locator(".quiz__feedback").get_attribute("role") == "status"
        # 答案折叠从不自动打开
        assert page.evaluate("() => [...document.querySelectorAll('details')].every(d => !d.open)")
    finally:
        context.close()
    assert not blocked and not errors, (blocked, errors)


def test_quiz_works_with_the_keyboard_only(browser, quiz_site):
    blocked, errors = [], []
    context = _context(browser, blocked)
    try:
        page = _open(context, quiz_site, errors)
        page.locator(".quiz--ready").first.wait_for()

        def tab_to(js, what):
            for _ in range(80):
                page.keyboard.press("Tab")
                if page.evaluate(js):
                    return
            pytest.fail(f"按 80 次 Tab 也没有到达{what}")

        tab_to("() => document.activeElement.type === 'radio' && !!document.activeElement.closest('.quiz')", "选择题的选项")
        page.keyboard.press("ArrowDown")  # 第一个选项 → 第二个（B），方向键同时选中
        assert page.evaluate("() => document.activeElement.checked && document.activeElement.value") == "B"
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.textContent") == "检查"
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.querySelector('.quiz[data-kind=choice] .quiz__feedback').textContent === '对！'")
        tab_to("() => document.activeElement.classList.contains('quiz__input')", "填数题的输入框")
        page.keyboard.type("0.1")
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => document.querySelector('.quiz[data-kind=number] .quiz__feedback').textContent === '{WRONG}'")
    finally:
        context.close()
    assert not blocked and not errors, (blocked, errors)


def test_quiz_fits_a_phone(browser, quiz_site):
    blocked, errors = [], []
    context = _context(browser, blocked, width="375", scheme="dark")
    try:
        page = _open(context, quiz_site, errors)
        page.locator(".quiz--ready").first.wait_for()
        for quiz in page.locator(".quiz").all():
            box = quiz.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
            assert page.evaluate("el => el.scrollWidth <= el.clientWidth", quiz.element_handle())
    finally:
        context.close()
    assert not blocked and not errors, (blocked, errors)


def test_quiz_without_javascript_is_a_plain_list(browser, quiz_site):
    blocked, errors = [], []
    context = _context(browser, blocked, java_script_enabled=False)
    try:
        page = _open(context, quiz_site, errors)
        items = page.locator(".quiz[data-kind=choice] li")
        assert items.count() == 3 and items.first.is_visible()
        assert page.locator(".quiz input, .quiz button").count() == 0
    finally:
        context.close()


def test_every_quiz_on_the_site_checks_answers(browser, built_site, site_url):
    """章节页面上已有的每道练习：正确答案得到「对！」，一个错答案得到「不对」。"""
    from sitetools import html_pages, page_path

    pages = [p for p in html_pages(built_site) if 'class="quiz"' in p.read_text(encoding="utf-8")]
    blocked, errors, checked = [], [], 0
    context = _context(browser, blocked)
    try:
        for path in map(lambda p: page_path(built_site, p), pages):
            page = _open(context, site_url + path, errors)
            quizzes = page.locator(".quiz").all()
            quizzes[0].scroll_into_view_if_needed()  # quiz.js 在练习快滚到时才加载（docs/hooks/lazyscripts.py）
            page.wait_for_function("n => document.querySelectorAll('.quiz--ready').length === n", arg=len(quizzes))
            for quiz in quizzes:
                answer = quiz.get_attribute("data-answer")
                feedback = quiz.locator(".quiz__feedback")
                if quiz.get_attribute("data-kind") == "choice":
                    radios = quiz.get_by_role("radio")
                    values = [radios.nth(i).get_attribute("value") for i in range(radios.count())]
                    attempts = [(next(v for v in values if v != answer), WRONG), (answer, RIGHT)]
                    for value, want in attempts:
                        quiz.locator(f"input[value='{value}']").check()
                        quiz.get_by_role("button", name="检查").click()
                        page.wait_for_function("([el, w]) => el.textContent === w", arg=[feedback.element_handle(), want])
                else:
                    tol = float(quiz.get_attribute("data-tol") or 0)
                    wrong = float(answer) + 10 * tol + 1
                    for typed, want in ((repr(wrong), WRONG), (answer, RIGHT)):
                        quiz.get_by_label("你的答案").fill(typed)
                        quiz.get_by_role("button", name="检查").click()
                        page.wait_for_function("([el, w]) => el.textContent === w", arg=[feedback.element_handle(), want])
                checked += 1
            page.close()
    finally:
        context.close()
    print(f"试过 {checked} 道练习题（{len(pages)} 页）")
    assert not blocked and not errors, (blocked, errors)
