"""``docs/hooks/sitebuild/svgmin.py``：图的 SVG 变小，画出来不变；看不懂的输入大声失败。

* 真实的图（站点上的 ``ch2_network`` 与 ``single_neuron``，外加一张集齐 matplotlib 各种元素的图：曲线、
  散点标记、中文与公式文字、``imshow`` 的图像、阴影线填充、等高线）：压缩后 ``<path>``/``<use>`` 一个不少，
  每条路径的命令相同、每个坐标离原值不超过所在坐标系允许的误差（根坐标系里 0.005 pt），每个引用都指向
  存在的元素、被引用的元素一个不少，根元素的 ``width``/``height``/``viewBox`` 原样；
* 在 Chromium 里把压缩前后的图都画出来（2 倍像素密度）逐像素比较：差别只是抗锯齿的噪声；
* 取整规则、路径写法（绝对/相对取短、省略重复命令、省略空格）逐条核对；
* 不认识的元素、属性、路径命令、变换、样式、坏引用 → `SvgMinifyError`，信息里点名图。
"""

from __future__ import annotations

import base64
import importlib.util
import io
import re
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from sitetools import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "docs" / "hooks"))
from sitebuild import svgmin  # noqa: E402
from sitebuild.svgmin import SvgMinifyError, minify  # noqa: E402

S = "{http://www.w3.org/2000/svg}"
HREF = "{http://www.w3.org/1999/xlink}href"


def _figure_script(name: str) -> bytes:
    from dlnotes.plotting import svg_bytes

    spec = importlib.util.spec_from_file_location(f"_svgmin_{name}", REPO_ROOT / "docs" / "figures" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return svg_bytes(module.build())


def _kitchen_sink() -> bytes:
    """一张图里放齐 matplotlib 会写出的各种元素（散点的 <use>、文字字形、图像、阴影线、裁剪）。"""
    from dlnotes.plotting import new_figure, svg_bytes

    fig, (ax1, ax2) = new_figure(1, 2, figsize=(6, 2.5))
    x = np.linspace(-3, 3, 50)
    ax1.plot(x, np.tanh(x), label="tanh")
    ax1.scatter(x[::5], np.sin(x[::5]), marker="o", s=12)
    ax1.fill_between(x, -1, np.tanh(x), hatch="//", alpha=0.2)
    ax1.set_title(r"激活函数 $\sigma(z)=\frac{1}{1+e^{-z}}$")
    ax1.set_xlabel("输入 z")
    ax1.legend()
    grid = np.add.outer(np.linspace(-1, 1, 20), np.linspace(-1, 1, 20))
    ax2.imshow(grid, extent=(0, 1, 0, 1))
    ax2.contour(np.linspace(0, 1, 20), np.linspace(0, 1, 20), grid, levels=4)
    ax2.text(0.5, 0.5, "旋转的字", rotation=30)
    return svg_bytes(fig)


@pytest.fixture(scope="module", params=["ch2_network", "single_neuron", "kitchen_sink"])
def svg_pair(request) -> tuple[str, bytes, bytes]:
    raw = _kitchen_sink() if request.param == "kitchen_sink" else _figure_script(request.param)
    return request.param, raw, minify(raw, request.param)


def _rendered_paths(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter(f"{S}path") if e.get("d") is not None]


def _refs(root: ET.Element) -> list[str]:
    out = []
    for el in root.iter():
        for name, value in el.attrib.items():
            if name == HREF and value.startswith("#"):
                out.append(value[1:])
            elif name != HREF:
                out += re.findall(r"url\(#([^)]+)\)", value)
    return out


def test_minified_svg_keeps_every_shape_and_reference(svg_pair):
    name, raw, small = svg_pair
    a, b = ET.fromstring(raw), ET.fromstring(small)
    assert len(small) < 0.75 * len(raw), f"{name}: {len(raw)} → {len(small)} 字节，应小至少四分之一"
    for attr in ("width", "height", "viewBox"):
        assert b.get(attr) == a.get(attr), f"{name}: 根元素的 {attr} 变了"
    for tag in ("path", "use", "image", "clipPath", "pattern", "rect"):
        assert len(list(a.iter(S + tag))) == len(list(b.iter(S + tag))), f"{name}: <{tag}> 的个数变了"
    assert not list(b.iter(f"{S}metadata")) and b"<!--" not in small and b"\n " not in small
    ids = {e.get("id") for e in b.iter() if e.get("id")}
    refs = _refs(b)
    assert refs and set(refs) <= ids, f"{name}: 引用了不存在的 id {set(refs) - ids}"
    assert ids == set(refs), f"{name}: 没被引用的 id 应去掉：{ids - set(refs)}"
    assert len(set(_refs(a))) == len(ids), f"{name}: 被引用的元素少了"
    # 每个引用的目标在压缩前后是同一个元素（同一条路径、同一个裁剪框……），只是名字变短
    old_by_id = {e.get("id"): e for e in a.iter() if e.get("id")}
    new_by_id = {e.get("id"): e for e in b.iter() if e.get("id")}
    for old_ref, new_ref in zip(_refs(a), refs, strict=True):
        assert old_by_id[old_ref].tag == new_by_id[new_ref].tag


def test_coordinates_move_less_than_the_allowed_error(svg_pair):
    name, raw, small = svg_pair
    pa, pb = _rendered_paths(ET.fromstring(raw)), _rendered_paths(ET.fromstring(small))
    assert len(pa) == len(pb)
    rounded = 0
    for old, new in zip(pa, pb, strict=True):
        ca, cb = svgmin.parse_path(old.get("d")), svgmin.parse_path(new.get("d"))
        assert [c for c, _ in ca] == [c for c, _ in cb], f"{name}: 路径命令变了"
        diff = max((abs(p - q) for (_, u), (_, v) in zip(ca, cb, strict=True) for p, q in zip(u, v, strict=True)),
                   default=0.0)
        # 字形（在 scale(0.015625) 的字体单位里）取整数；其余在 pt 或更小的坐标系里保留 0.01
        glyph = (old.get("transform") or "").startswith("scale(0.015625)")
        assert diff <= (0.5 if glyph else 0.005) + 1e-9, f"{name}: 坐标移动了 {diff}"
        rounded += old.get("d") != new.get("d")
    assert rounded > 0
    numbers = [n for p in pb for n in re.findall(r"\d*\.(\d+)", p.get("d"))]
    assert numbers and max(len(n) for n in numbers) <= 3, f"{name}: 路径里仍有很多位小数"


def test_minify_is_deterministic_and_idempotent(svg_pair):
    _, raw, small = svg_pair
    assert minify(raw) == small
    assert minify(small) == small, "压缩过的图再压一次应不变（它仍在本压缩器认得的范围里）"


def _raster(browser, svg: bytes) -> np.ndarray:
    from PIL import Image

    page = browser.new_page(device_scale_factor=2, viewport={"width": 1000, "height": 700})
    try:
        data = base64.b64encode(svg).decode()
        page.set_content(f'<body style="margin:0;background:#fff"><img id="i" src="data:image/svg+xml;base64,{data}">')
        page.wait_for_function("document.getElementById('i').complete && document.getElementById('i').naturalWidth > 0")
        png = page.locator("#i").screenshot()
    finally:
        page.close()
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


@pytest.mark.e2e
def test_minified_figure_renders_the_same_in_chromium(browser, svg_pair):
    """差别只是抗锯齿的噪声：平均每个通道不到 0.2/255，差别超过 16/255 的像素不到千分之三。

    （同一张图把坐标取整到 0.0001 pt，也会有零星像素差几十：Skia 的抗锯齿按子像素量化，
    边缘跨过量化界线时整个像素变一档。所以这里不要求逐像素相同，而看差别的多少与大小。）
    """
    name, raw, small = svg_pair
    a, b = _raster(browser, raw), _raster(browser, small)
    assert a.shape == b.shape, f"{name}: 画出来的尺寸变了"
    diff = np.abs(a - b).max(axis=2)
    assert diff.mean() < 0.2, f"{name}: 平均差 {diff.mean():.3f}/255"
    assert (diff > 16).mean() < 0.003, f"{name}: {(diff > 16).mean():.3%} 的像素差超过 16/255"
    assert (diff > 0).mean() < 0.05


# ---------------------------------------------------------------------------- 逐条规则


@pytest.mark.parametrize(("n", "d", "text"), [
    (0, 2, "0"), (5, 2, ".05"), (-5, 2, "-.05"), (150, 2, "1.5"), (-28632, 2, "-286.32"),
    (100, 2, "1"), (7, 0, "7"), (-40, 1, "-4"), (12345, 3, "12.345"),
])
def test_fmt_grid(n, d, text):
    assert svgmin.fmt_grid(n, d) == text


@pytest.mark.parametrize(("scale", "digits"), [(1, 2), (4 / 3, 3), (10, 3), (10.5, 4), (0.1, 1), (0.0015625, 0)])
def test_decimals_follow_the_scale_of_the_coordinate_system(scale, digits):
    assert svgmin.decimals_for(scale) == digits


@pytest.mark.parametrize(("d", "out"), [
    ("M 0 286.31952 \nL 454.530792 286.31952 \nL 454.530792 0 \nL 0 0 \nz\n", "M0 286.32l454.53 0L454.53 0 0 0z"),
    # 相对写法更短时用相对；相对量在取整后的网格上相减，不累积误差
    ("M 100.004 100.004 L 100.506 100.506 L 101.009 101.009", "M100 100l.51.51.5.5"),
    # 负数与第二个小数点都能当分隔符；命令相同的连续段省略字母
    ("M 1.5 0.5 C 1.5 -0.5 2.5 -0.5 2.5 0.5 C 2.5 1.5 3.5 1.5 3.5 0.5 z M 0 0 L 1 1",
     "M1.5.5c0-1 1-1 1 0 0 1 1 1 1 0zM0 0 1 1"),
    # 相对坐标的输入（手写的 SVG）一样认得
    ("m 10 10 l 5 0 l 0 5 z", "M10 10l5 0 0 5z"),
])
def test_path_data(d, out):
    assert svgmin.minify_path(d, 2) == out


def test_path_rounding_never_drifts():
    """一千个小步：相对写法累加之后仍落在取整后的绝对坐标上。"""
    xs = np.cumsum(np.full(1000, 0.123456))
    d = "M 0 0 " + " ".join(f"L {x:.6f} {x / 3:.6f}" for x in xs)
    cmds = svgmin.parse_path(svgmin.minify_path(d, 2))
    assert abs(cmds[-1][1][0] - xs[-1]) <= 0.005 + 1e-9 and abs(cmds[-1][1][1] - xs[-1] / 3) <= 0.005 + 1e-9


def _svg(body: str, extra: str = "") -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="100pt" height="50pt" viewBox="0 0 100 50"{extra}>{body}</svg>').encode()


def test_precision_follows_transforms_and_references():
    out = minify(_svg(
        '<defs><path id="glyph" d="M 2034.4 4250.6 L 0 0" transform="scale(0.015625)"/></defs>'
        '<g transform="translate(10.123456 20.654321) scale(0.1 -0.1)"><use xlink:href="#glyph" '
        'transform="translate(63.123456 0)"/></g>'
        '<g transform="scale(10)"><path d="M 1.23456 1 L 2 2"/></g>'
        '<path id="unused" d="M 0 0 L 1 1"/>')).decode()
    assert '<path id="a" transform="scale(.015625)" d="M2034 4251 0 0"/>' in out  # 字体单位：整数
    assert 'transform="translate(10.12 20.65)scale(.1-.1)"' in out
    assert '<use xlink:href="#a" x="63.1"/>' in out  # 在 0.1 倍的坐标系里一位小数
    assert '<g transform="scale(10)"><path d="M1.235 1 2 2"/></g>' in out  # 放大 10 倍：三位小数
    assert "unused" not in out and '<path d="M0 0 1 1"/>' in out  # 没被引用的 id 去掉，路径照画


def test_style_is_compacted_and_urls_renamed():
    out = minify(_svg(
        '<defs><clipPath id="p0123456789"><rect x="1.234" y="0" width="10" height="10"/></clipPath></defs>'
        '<path d="M 0 0 L 1 1" clip-path="url(#p0123456789)" style="fill: #ffffff; stroke: #1f77b4; stroke-width: 0.8"/>'
    )).decode()
    assert '<clipPath id="a"><rect x="1.23" y="0" width="10" height="10"/></clipPath>' in out
    assert 'clip-path="url(#a)" style="fill:#fff;stroke:#1f77b4;stroke-width:0.8"' in out


@pytest.mark.parametrize(("svg", "message"), [
    (_svg('<text x="1" y="1">字</text>'), "不认识的 SVG 元素 <text>"),
    (_svg('<path d="M 0 0 L 1 1" onclick="x()"/>'), "不认识的属性"),
    (_svg('<path d="M 0 0 A 1 1 0 0 1 2 2"/>'), "不认识的内容"),
    (_svg('<path d="M 0 0 L 1"/>'), "2 的倍数"),
    (_svg('<path d="M 0 0 L 1 1" transform="skewX(10)"/>'), "不认识的 transform"),
    (_svg('<use xlink:href="#nowhere"/>'), "不存在的 id"),
    (_svg('<path d="M 0 0 L 1 1" clip-path="url(#c) "/><clipPath id="c"/>'), "clip-path 不是 url(#id)"),
    (_svg('<path d="M 0 0 L 1 1" style="fill"/>'), "不认识的样式声明"),
    (_svg('<g>文字</g>'), "里有文字"),
    (_svg('<defs><path id="a" d="M 0 0" clip-path="url(#b)"/><clipPath id="b"/></defs><use xlink:href="#a"/>'),
     "嵌套引用"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>', "width/height"),
    (b"<svg", "不是合法的 XML"),
    (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "不是 SVG 命名空间"),
])
def test_unknown_input_fails_loudly_and_names_the_figure(svg, message):
    with pytest.raises(SvgMinifyError, match=re.escape(message)) as err:
        minify(svg, "docs/figures/x.py")
    assert str(err.value).startswith("docs/figures/x.py：")


def test_identical_point_styles_move_to_one_group():
    """散点图的几千个 <use> 各带同一个样式：连续相同、只含会继承的属性时提到一个 <g> 上。"""
    dot = '<use xlink:href="#m" x="{x}" y="1" style="fill: #d55e00; stroke: #ffffff; stroke-width: 0.4"/>'
    cap = '<use xlink:href="#m" x="9" y="1" style="stroke: #000000; stroke-linecap: square"/>'
    out = minify(_svg('<defs><path id="m" d="M 0 0 L 1 1"/></defs><g clip-path="url(#c)">'
                      + "".join(dot.format(x=x) for x in (1, 2, 3)) + cap + cap + dot.format(x=4)
                      + '</g><defs><clipPath id="c"><rect x="0" y="0" width="9" height="9"/></clipPath></defs>')).decode()
    assert ('<g clip-path="url(#b)"><g style="fill:#d55e00;stroke:#fff;stroke-width:0.4">'
            '<use xlink:href="#a" x="1" y="1"/><use xlink:href="#a" x="2" y="1"/><use xlink:href="#a" x="3" y="1"/></g>'
            ) in out
    # stroke-linecap 由 matplotlib 的 * 规则直接设置（不继承）：留在每个元素上；单独一个点不包 <g>
    assert out.count('style="stroke:#000;stroke-linecap:square"') == 2
    assert '<use xlink:href="#a" x="4" y="1" style="fill:#d55e00;stroke:#fff;stroke-width:0.4"/>' in out
