"""docs/hooks/imgsize.py：每个 <img> 带上固有尺寸；量不出尺寸的图让构建失败并点名页面。"""

from __future__ import annotations

import base64
import struct
import zlib
from types import SimpleNamespace

import pytest
from sitetools import load_hook

hook = load_hook("imgsize")

MPL_SVG = ('<?xml version="1.0"?>\n<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="460.8pt" '
           'height="345.6pt" viewBox="0 0 460.8 345.6" xmlns="http://www.w3.org/2000/svg">\n<g/></svg>')


def png(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(ihdr)) + chunk
            + struct.pack(">I", zlib.crc32(chunk)) + b"\0" * 20)


def sizes(files: dict[str, bytes]):
    plugin = hook.ImageSizes()
    plugin.files = [SimpleNamespace(dest_uri=k, content_bytes=v) for k, v in files.items()]
    return plugin


def page(url: str, src_uri: str = "notes-1/intro.md"):
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri=src_uri))


def test_matplotlib_svg_points_become_css_pixels():
    # 460.8pt × 345.6pt = 614.4px × 460.8px：与浏览器自己算的固有尺寸相同
    assert hook.svg_size(MPL_SVG, "x") == (614, 461)
    assert hook.svg_size('<svg width="120" height="80px"></svg>', "x") == (120, 80)


def test_svg_without_width_height_falls_back_to_viewbox():
    assert hook.svg_size('<svg viewBox="0 0 300.4 150" xmlns="http://www.w3.org/2000/svg"/>', "x") == (300, 150)


@pytest.mark.parametrize("svg", ['<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>',
                                 '<svg width="50%" height="10em"/>', '<svg viewBox="0 0 1"/>',
                                 "<html>not svg</html>"])
def test_svg_without_a_usable_size_fails_naming_the_figure(svg):
    with pytest.raises(hook.ImageSizeError, match=r"notes-1/x\.md：图 'a\.svg'"):
        hook.svg_size(svg, "notes-1/x.md：图 'a.svg'")


def test_figure_img_gets_width_and_height_from_the_site_svg_resolved_against_the_page_url():
    plugin = sizes({"figures/a.svg": MPL_SVG.encode()})
    html = '<figure><img alt="图" loading="lazy" src="../../figures/a.svg" /></figure>'
    out = plugin.add_sizes(html, page("notes-1/intro/"))
    assert out == '<figure><img alt="图" loading="lazy" src="../../figures/a.svg" width="614" height="461"/></figure>'
    # 根目录的页面（url 是空串）
    assert 'width="614" height="461"' in plugin.add_sizes('<img src="figures/a.svg">', page(""))


def test_notebook_data_uri_images_get_their_own_size():
    plugin = sizes({})
    b64 = base64.b64encode(png(640, 480)).decode()
    out = plugin.add_sizes(f'<img alt="" src="data:image/png;base64,{b64}"/>', page("nb/x/"))
    assert out.endswith(' width="640" height="480"/>')
    svg64 = base64.b64encode(MPL_SVG.encode()).decode()
    out = plugin.add_sizes(f'<img src="data:image/svg+xml;base64,{svg64}">', page("nb/x/"))
    assert out.endswith(' width="614" height="461">')


def test_img_that_already_has_both_sizes_is_left_alone_but_half_a_size_fails():
    plugin = sizes({})
    tag = '<img src="../x.gif" width="10" height="20">'
    assert plugin.add_sizes(tag, page("a/")) == tag
    with pytest.raises(hook.ImageSizeError, match="只有 width 或 height"):
        plugin.add_sizes('<img src="../x.gif" width="10">', page("a/"))


def test_site_png_gets_its_pixel_size():
    """notebook_images.py 把 notebook 的 PNG 输出图写成站点里的文件。"""
    out = sizes({"notebooks/x/out-1.png": png(7, 5)}).add_sizes('<img src="out-1.png"/>', page("notebooks/x/"))
    assert out == '<img src="out-1.png" width="7" height="5"/>'


@pytest.mark.parametrize("src", ["https://example.com/a.png", "../pic.gif", "data:image/jpeg;base64,AAAA"])
def test_unknown_kind_of_image_fails_naming_page_and_src(src):
    with pytest.raises(hook.ImageSizeError, match=r"notes-1/intro\.md：图 .*不知道怎样量"):
        sizes({}).add_sizes(f'<img src="{src}">', page("notes-1/intro/"))


def test_missing_site_svg_is_a_warning_so_strict_builds_fail(caplog):
    out = sizes({}).add_sizes('<img src="../figures/gone.svg">', page("a/"))
    assert out == '<img src="../figures/gone.svg">'
    assert "gone.svg" in caplog.text and "站点里没有这个文件" in caplog.text
