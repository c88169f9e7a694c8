"""三个交互图在 Chromium 里真的能用，而且画的正是数据文件里那一次运行。

* 每个控件（用键盘的方向键拨动，或选下拉项、勾复选框）之后，从 SVG 里读回画出来的点
  （``data-plot``/``data-x-domain``/``data-y-domain`` 把画布坐标换回数据坐标），
  与站点里的 ``widgets/NAME.json`` 中控件所指的那次运行逐点比较；
* 控制台没有错误、没有站外请求（``guarded_page``）；
* 关掉 JavaScript 或打印时，交互图不显示，静态 SVG 仍在。
"""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.e2e

PAGES = {
    "gradient_descent": ("/notes-1/basics/", "cost_surface.svg"),
    "flower_hidden_units": ("/notes-2/shallow-network/", "ch2_flower_boundaries.svg"),
    "deep_learning_rates": ("/notes-3/deep-network/", "ch3_learning_rates.svg"),
}

# 画布上一个元素的几何 + 所在 svg 的坐标映射
GEOMETRY_JS = r"""(sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  const svg = el.ownerSVGElement;
  return {d: el.getAttribute("d"), cx: el.getAttribute("cx"), cy: el.getAttribute("cy"),
          plot: svg.dataset.plot, x: svg.dataset.xDomain, y: svg.dataset.yDomain,
          scale: svg.dataset.yScale || "linear"};
}"""


def _floats(text: str) -> list[float]:
    return [float(v) for v in text.split(",")]


def _to_data(geom: dict, px: float, py: float) -> tuple[float, float]:
    x0, x1, y0, y1 = _floats(geom["plot"])
    dx0, dx1 = _floats(geom["x"])
    dy0, dy1 = _floats(geom["y"])
    x = dx0 + (px - x0) * (dx1 - dx0) / (x1 - x0)
    if geom["scale"] == "log":
        import math

        ly = math.log10(dy0) + (py - y0) * (math.log10(dy1) - math.log10(dy0)) / (y1 - y0)
        return x, 10**ly
    return x, dy0 + (py - y0) * (dy1 - dy0) / (y1 - y0)


def _tolerance(geom: dict) -> tuple[float, float]:
    """画布坐标保留 2 位小数：换回数据坐标的容差（x、y 各自），取 0.01 像素再放宽一倍。"""
    x0, x1, y0, y1 = _floats(geom["plot"])
    dx0, dx1 = _floats(geom["x"])
    dy0, dy1 = _floats(geom["y"])
    return 0.02 * abs(dx1 - dx0) / abs(x1 - x0), 0.02 * abs(dy1 - dy0) / abs(y1 - y0)


def drawn_path(page, sel: str) -> tuple[list[tuple[float, float]], dict]:
    geom = page.evaluate(GEOMETRY_JS, sel)
    assert geom is not None, f"找不到 {sel}"
    pts = [(float(a), float(b)) for a, b in re.findall(r"[ML](-?[\d.]+),(-?[\d.]+)", geom["d"] or "")]
    return [_to_data(geom, px, py) for px, py in pts], geom


def drawn_point(page, sel: str) -> tuple[tuple[float, float], dict]:
    geom = page.evaluate(GEOMETRY_JS, sel)
    assert geom is not None, f"找不到 {sel}"
    return _to_data(geom, float(geom["cx"]), float(geom["cy"])), geom


def assert_points(drawn, xs, ys, geom, what: str) -> None:
    tx, ty = _tolerance(geom)
    assert len(drawn) == len(xs), f"{what}：画了 {len(drawn)} 个点，数据里 {len(xs)} 个"
    for i, ((dx, dy), x, y) in enumerate(zip(drawn, xs, ys)):
        ok_y = abs(dy - y) <= ty if geom["scale"] != "log" else abs(dy / y - 1) <= 1e-3
        assert abs(dx - x) <= tx and ok_y, f"{what}：第 {i} 个点画在 ({dx:.4f}, {dy:.4f})，数据是 ({x}, {y})"


@pytest.fixture(scope="module")
def data(built_site):
    return {name: json.loads((built_site / "widgets" / f"{name}.json").read_text(encoding="utf-8"))
            for name in PAGES}


def open_widget(page, site_url: str, name: str):
    path, svg = PAGES[name]
    page.goto(site_url + path, wait_until="load")
    widget = page.locator(f'.dl-widget[data-widget="{name}"]')
    # widgets.js 本身也等滚动到附近才加载（docs/hooks/lazyscripts.py），数据更在其后；
    # 在那之前容器不显示（与没有 JavaScript 时一样），读者看它前面的静态图
    assert widget.get_attribute("data-state") is None, "交互图应在滚动到附近时才加载"
    assert page.evaluate("performance.getEntriesByType('resource').every(e => !/widgets[.]js|[.]json$/.test(e.name))")
    page.locator(f'img[src$="{svg}"]').scroll_into_view_if_needed()
    page.wait_for_selector(f'.dl-widget[data-widget="{name}"][data-state]', state="attached", timeout=15_000)
    widget.scroll_into_view_if_needed()
    page.wait_for_selector(f'.dl-widget[data-widget="{name}"][data-state="ready"]', timeout=15_000)
    return widget


def _controls_are_labelled(widget) -> None:
    unlabelled = widget.evaluate("""w => [...w.querySelectorAll("input, select")]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label"))
        .map(e => e.outerHTML.slice(0, 80))""")
    assert not unlabelled, f"没有标签的控件：{unlabelled}"


# ---------------------------------------------------------------- 1. 梯度下降
def test_gradient_descent_draws_the_run_each_control_names(guarded_page, site_url, data):
    d = data["gradient_descent"]
    page, T = guarded_page, d["num_iterations"]
    widget = open_widget(page, site_url, "gradient_descent")
    _controls_are_labelled(widget)
    rate = widget.locator('input[data-control="rate"]')
    start = widget.locator('select[data-control="start"]')
    step = widget.locator('input[data-control="step"]')

    def check(rate_i: int, start_i: int, t: int) -> None:
        run = next(r for r in d["runs"] if r["rate"] == d["rates"][rate_i] and r["start"] == d["starts"][start_i])
        pts, geom = drawn_path(page, '[data-role="trajectory"]')
        assert_points(pts, run["w"][: t + 1], run["b"][: t + 1], geom, f"α = {run['rate']} 起点 {run['start']} 的路线")
        here, geom = drawn_point(page, '[data-role="current"]')
        assert_points([here], [run["w"][t]], [run["b"][t]], geom, "当前位置")
        cost, geom = drawn_path(page, '[data-role="cost"]')
        assert_points(cost, list(range(t + 1)), run["cost"][: t + 1], geom, "代价曲线")
        status = widget.locator(".dl-widget__status").inner_text()
        assert f"第 {t} 步" in status, status

    # 学习率：方向键从最小拨到最大，每一格都核对（步数停在最后一步）
    rate.focus()
    page.keyboard.press("Home")
    for i in range(len(d["rates"])):
        if i:
            page.keyboard.press("ArrowRight")
        assert rate.input_value() == str(i)
        assert f"α = {d['rates'][i]:g}" in rate.get_attribute("aria-valuetext")
        check(i, 0, T)
    # 起点：每个选项
    for j in range(len(d["starts"])):
        start.select_option(str(j))
        check(len(d["rates"]) - 1, j, T)
    # 步数：方向键往回拨
    step.focus()
    page.keyboard.press("Home")
    check(len(d["rates"]) - 1, len(d["starts"]) - 1, 0)
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    check(len(d["rates"]) - 1, len(d["starts"]) - 1, 7)
    # 播放：步数往前走，再按一次停下
    play = widget.locator('button[data-control="play"]')
    play.click()
    page.wait_for_function("() => +document.querySelector('.dl-widget [data-control=step]').value >= 12")
    play.click()
    assert play.get_attribute("aria-pressed") == "false"
    t = int(step.input_value())
    check(len(d["rates"]) - 1, len(d["starts"]) - 1, t)


def test_gradient_descent_data_teaches_too_small_and_too_large(data):
    """学习率里有「太小」（一路下降却没到谷底）和「太大」（代价不降反升、停不下来）的。"""
    d = data["gradient_descent"]
    best = d["minimum"]["cost"]
    small = [r for r in d["runs"] if r["rate"] == min(d["rates"])]
    large = [r for r in d["runs"] if r["rate"] == max(d["rates"])]
    assert len(d["rates"]) >= 6 and len(d["starts"]) >= 4
    assert all(all(b <= a + 1e-9 for a, b in zip(r["cost"], r["cost"][1:])) for r in small)
    assert all(r["cost"][-1] > best + 0.05 for r in small)
    assert all(any(b > a for a, b in zip(r["cost"], r["cost"][1:])) for r in large)


# ---------------------------------------------------------------- 2. 花朵数据
REGIONS_JS = r"""() => {
  const g = document.querySelector('[data-role="regions"]');
  const rows = {};
  for (const r of g.querySelectorAll("rect")) {
    const y = +r.getAttribute("y"), x = +r.getAttribute("x"), w = +r.getAttribute("width");
    (rows[y] = rows[y] || []).push([x, w, r.dataset.class]);
  }
  return rows;
}"""


def drawn_grid(page, size: int) -> list[str]:
    rows = page.evaluate(REGIONS_JS)
    out = []
    for y in range(size):
        cells = ["?"] * size
        for x, w, cls in rows.get(str(y), []):
            for c in range(int(x), int(x) + int(w)):
                cells[c] = cls
        out.append("".join(cells))
    return out


def test_flower_draws_the_run_each_control_names(guarded_page, site_url, data):
    d = data["flower_hidden_units"]
    page = guarded_page
    widget = open_widget(page, site_url, "flower_hidden_units")
    _controls_are_labelled(widget)
    assert widget.locator("circle.dl-fl__pt").count() == len(d["points"]["y"])
    nh = widget.locator('input[data-control="n_h"]')
    it = widget.locator('input[data-control="iterations"]')
    size = d["grid_size"]

    def check(i: int, k: int) -> None:
        n, iters = d["hidden_sizes"][i], d["snapshots"][k]
        run = next(r for r in d["runs"] if r["n_h"] == n and r["iterations"] == iters)
        assert drawn_grid(page, size) == run["grid"], f"n_h = {n}、{iters} 次的决策区域与数据不符"
        status = widget.locator(".dl-widget__status").inner_text()
        assert f"n_h = {n}，训练 {iters} 次" in status, status
        shown = [float(v) for v in re.findall(r"([\d.]+)%", status)]
        assert len(shown) == 2, status
        assert abs(shown[0] - 100 * run["accuracy"]) <= 0.05 + 1e-9, status
        assert abs(shown[1] - 100 * run["test_accuracy"]) <= 0.05 + 1e-9, status

    nh.focus()
    page.keyboard.press("Home")
    for i in range(len(d["hidden_sizes"])):
        if i:
            page.keyboard.press("ArrowRight")
        assert nh.get_attribute("aria-valuetext") == f"n_h = {d['hidden_sizes'][i]}"
        check(i, len(d["snapshots"]) - 1)
    it.focus()
    page.keyboard.press("Home")
    for k in range(len(d["snapshots"])):
        if k:
            page.keyboard.press("ArrowRight")
        check(len(d["hidden_sizes"]) - 1, k)
    # 准确率曲线：当前 n_h 在各快照的准确率
    n = d["hidden_sizes"][-1]
    series = sorted((r for r in d["runs"] if r["n_h"] == n), key=lambda r: r["iterations"])
    for role, key in (("accuracy", "accuracy"), ("test-accuracy", "test_accuracy")):
        pts, geom = drawn_path(page, f'[data-role="{role}"]')
        assert_points(pts, list(range(len(series))), [r[key] for r in series], geom, f"{key} 曲线")


# ---------------------------------------------------------------- 3. 学习率
def test_learning_rates_draw_exactly_the_chosen_runs(guarded_page, site_url, data):
    d = data["deep_learning_rates"]
    page = guarded_page
    widget = open_widget(page, site_url, "deep_learning_rates")
    _controls_are_labelled(widget)
    boxes = widget.locator('fieldset[data-control="rates"] input[type="checkbox"]')
    assert boxes.count() == len(d["rates"])
    span = widget.locator('input[data-control="span"]')
    scale = widget.locator('select[data-control="scale"]')

    def check() -> None:
        n = int(span.get_attribute("aria-valuetext").split()[1])
        chosen = [r for i, r in enumerate(d["runs"]) if boxes.nth(i).is_checked()]
        drawn = widget.evaluate("w => [...w.querySelectorAll('path[data-rate]')].map(p => p.dataset.rate)")
        assert drawn == [str(r["rate"]) for r in chosen]
        for r in chosen:
            pts, geom = drawn_path(page, f'path[data-rate="{r["rate"]}"]')
            assert_points(pts, list(range(n)), r["cost"][:n], geom, f"α = {r['rate']} 的代价曲线")

    check()
    # 方向键在复选框间移动焦点，空格勾选/取消
    boxes.nth(0).focus()
    for i in range(len(d["rates"])):
        if i:
            page.keyboard.press("ArrowDown")
        assert boxes.nth(i).evaluate("e => e === document.activeElement")
        before = boxes.nth(i).is_checked()
        page.keyboard.press("Space")
        assert boxes.nth(i).is_checked() != before
        check()
    page.keyboard.press("ArrowDown")  # 到头回到第一个
    assert boxes.nth(0).evaluate("e => e === document.activeElement")
    # 横轴范围：方向键
    span.focus()
    page.keyboard.press("Home")
    check()
    page.keyboard.press("ArrowRight")
    check()
    # 纵轴对数
    scale.select_option("1")
    check()
    assert page.evaluate(GEOMETRY_JS, "path[data-rate]")["scale"] == "log"


# ---------------------------------------------------------------- 没有 JS、打印
def test_without_javascript_and_in_print_the_static_figure_shows(browser, site_url):
    from pagecheck import new_context

    blocked: list[str] = []
    ctx = browser.new_context(java_script_enabled=False)
    try:
        page = ctx.new_page()
        for name, (path, svg) in PAGES.items():
            page.goto(site_url + path, wait_until="load")
            img = page.locator(f'img[src$="{svg}"]')
            img.scroll_into_view_if_needed()
            assert img.is_visible() and img.evaluate("i => i.complete && i.naturalWidth > 0")
            assert page.locator(f'.dl-widget[data-widget="{name}"]').is_hidden()
    finally:
        ctx.close()
    ctx = new_context(browser, blocked)
    try:
        page = ctx.new_page()
        for name, (path, svg) in PAGES.items():
            page.goto(site_url + path, wait_until="load")
            widget = page.locator(f'.dl-widget[data-widget="{name}"]')
            page.locator(f'img[src$="{svg}"]').scroll_into_view_if_needed()  # widgets.js 快滚到时才加载
            page.wait_for_selector(f'.dl-widget[data-widget="{name}"][data-state]', state="attached", timeout=15_000)
            widget.scroll_into_view_if_needed()
            page.wait_for_selector(f'.dl-widget[data-widget="{name}"][data-state="ready"]', timeout=15_000)
            assert widget.is_visible()
            page.emulate_media(media="print")
            assert widget.is_hidden() and page.locator(f'img[src$="{svg}"]').is_visible()
            page.emulate_media(media="screen")
    finally:
        ctx.close()
    assert not blocked
