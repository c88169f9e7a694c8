"""docs/hooks/notebook_images.py：notebook 的输出图搬出页面 HTML；nbconvert 换了写法时构建失败并点名页面。

输入是 mkdocs-jupyter 真正的 nbconvert 输出（``nb2html``），不是手写的 HTML：模板一变、改写对不上，
这里的测试就失败。
"""

from __future__ import annotations

import base64
import hashlib
import struct
import zlib
from pathlib import Path

import pytest
from sitetools import load_hook

hook = load_hook("notebook_images")

#: svg_bytes(fig, title=...) 的写法：<title> 是根元素的第一个子元素
SVG = ('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt">\n'
       ' <title>代价 &amp; "迭代"</title><g/></svg>')
UNTITLED = SVG.replace(' <title>代价 &amp; "迭代"</title>', "")
PLACEHOLDER = 'alt="No description has been provided for this image"'


def png(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + b"\0" * 20)


def nbconvert_html(tmp_path: Path, outputs: list[dict], name: str = "x") -> str:
    """mkdocs-jupyter 的 nbconvert 把一个带 ``outputs`` 的代码单元转成的 HTML。"""
    import nbformat
    from mkdocs_jupyter.nbconvert2 import nb2html

    cell = nbformat.v4.new_code_cell("show()")
    cell.id = "79cd2f1c"
    cell.outputs = [nbformat.v4.new_output(**o) for o in outputs]
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)
    return nb2html(str(path), execute=False)


def png_output(data: bytes) -> dict:
    # 内核发回的 PNG 是带换行的 base64（nbconvert 原样写进 src）
    return {"output_type": "display_data",
            "data": {"image/png": base64.b64encode(data).decode() + "\n", "text/plain": "<Figure>"}}


def svg_output(svg: str = SVG) -> dict:
    return {"output_type": "execute_result", "execution_count": 1,
            "data": {"image/svg+xml": svg, "text/plain": "<IPython.core.display.SVG object>"}}


@pytest.fixture(scope="module")
def two_images(tmp_path_factory) -> str:
    """一张 PNG、一张带 <title> 的 SVG。PNG 没法带说明，nbconvert 给它补占位 alt；这里换成作者写的说明
    （没有说明的 PNG 让构建失败，见 test_output_image_without_a_description_fails）。"""
    raw = nbconvert_html(tmp_path_factory.mktemp("nb"), [png_output(png(3, 2)), svg_output()])
    assert raw.count(PLACEHOLDER) == 2
    return raw.replace(PLACEHOLDER, 'alt="一张 3×2 的图"', 1)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def test_output_images_become_files_next_to_the_page(two_images):
    assert two_images.count('src="data:image/') == 2  # nbconvert 真的把两张图嵌成了 data URI
    html, images = hook.extract_images(two_images, "notebooks/x.py", "notebooks/x/index.html")
    png_uri, svg_uri = f"notebooks/x/out-{sha(png(3, 2))}.png", f"notebooks/x/out-{sha(SVG.encode())}.svg"
    assert [(i.uri, i.data) for i in images] == [(png_uri, png(3, 2)), (svg_uri, SVG.encode())]
    assert 'src="data:image/' not in html
    assert (f'<img alt="一张 3×2 的图" class="" src="out-{sha(png(3, 2))}.png" '
            'loading="lazy" decoding="async"/>') in html
    # SVG 的 <title> 成了 alt（nbconvert 的英文占位没了；实体解码后再按属性转义）
    assert (f'<img alt="代价 &amp; &quot;迭代&quot;" src="out-{sha(SVG.encode())}.svg" '
            'loading="lazy" decoding="async"/>') in html
    assert "No description" not in html
    # 样式表里的 data URI（JupyterLab 的图标）不是输出图，原样不动
    assert html.count("url(data:image/svg+xml") == two_images.count("url(data:image/svg+xml") > 0


def test_urls_are_relative_to_where_the_page_is_written(two_images):
    """离线版（``use_directory_urls: false``）里页面是 ``notebooks/x.html``，图仍在 ``notebooks/x/``。"""
    html, images = hook.extract_images(two_images, "notebooks/x.py", "notebooks/x.html")
    assert [i.uri.rsplit("/", 1)[0] for i in images] == ["notebooks/x", "notebooks/x"]
    assert f'src="x/out-{sha(png(3, 2))}.png"' in html


def test_same_image_twice_is_one_file_and_the_rewrite_is_deterministic(tmp_path):
    raw = nbconvert_html(tmp_path, [svg_output(), svg_output()])
    html, images = hook.extract_images(raw, "notebooks/x.py", "notebooks/x/index.html")
    assert len(images) == 1 and html.count(f'src="out-{sha(SVG.encode())}.svg"') == 2
    assert hook.extract_images(raw, "notebooks/x.py", "notebooks/x/index.html")[0] == html


def test_page_without_images_is_unchanged(tmp_path):
    raw = nbconvert_html(tmp_path, [{"output_type": "stream", "name": "stdout", "text": "一\n"}])
    assert hook.extract_images(raw, "notebooks/x.py", "notebooks/x/index.html") == (raw, [])


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ('<div class="jp-RenderedSVG jp-OutputArea-output', '<div class="jp-RenderedSvg jp-OutputArea-output',
         "不在 nbconvert 的输出图框里"),
        (f'<img {PLACEHOLDER} src="data:image/svg+xml',
         '<img alt="x" data-src="data:image/svg+xml', "应匹配页面上全部 2 个输出图框，实际 1 处"),
        ("src=\"data:image/png;base64,iVBOR", "src=\"data:image/png;base64,PHN2Z", "内容却不是"),
        ("src=\"data:image/png;base64,iVBOR", "src=\"data:image/png;base64,iVB!R", "不是合法的 base64"),
    ],
    ids=["div-class", "img-attribute", "wrong-content", "bad-base64"],
)
def test_rewrite_fails_loudly_naming_the_page_when_nbconvert_changes_shape(two_images, old, new, what):
    assert old in two_images, f"nbconvert 的输出里不再有 {old!r}：钩子与测试要跟着模板更新"
    with pytest.raises(hook.NotebookImageMismatch, match=what) as info:
        hook.extract_images(two_images.replace(old, new, 1), "notebooks/x.py", "notebooks/x/index.html")
    assert "notebooks/x.py" in str(info.value), "应点名页面"


def test_jpeg_output_is_not_left_inline_silently(tmp_path):
    jpeg = b"\xff\xd8\xff\xe0" + b"\0" * 20
    raw = nbconvert_html(tmp_path, [{"output_type": "display_data",
                                     "data": {"image/jpeg": base64.b64encode(jpeg).decode(), "text/plain": "x"}}])
    with pytest.raises(hook.NotebookImageMismatch, match="只认 base64 的 PNG 与 SVG"):
        hook.extract_images(raw, "notebooks/x.py", "notebooks/x/index.html")


@pytest.mark.parametrize("output", [png_output(png(3, 2)), svg_output(UNTITLED)], ids=["png", "svg-without-title"])
def test_output_image_without_a_description_fails_naming_the_page_and_the_image(tmp_path, output):
    raw = nbconvert_html(tmp_path, [svg_output(), output])
    with pytest.raises(hook.NotebookImageMismatch, match=r"notebooks/x\.py 的第 2 张输出图没有文字说明.*svg_bytes"):
        hook.extract_images(raw, "notebooks/x.py", "notebooks/x/index.html")


def test_an_explicit_alt_wins_over_the_svg_title(tmp_path):
    raw = nbconvert_html(tmp_path, [svg_output()]).replace(PLACEHOLDER, 'alt="作者写的说明"')
    html, _ = hook.extract_images(raw, "notebooks/x.py", "notebooks/x/index.html")
    assert 'alt="作者写的说明"' in html and "迭代" not in html.split("<img", 1)[1].split(">", 1)[0]
