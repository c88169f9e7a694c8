"""notebook 页面的输出图是页面旁边的文件（``docs/hooks/notebook_images.py``），不是嵌在 HTML 里的 base64。

构建出的站点里：每个 notebook 页面没有 ``data:image/`` 的 ``<img>``，每张输出图指向站点里存在的、
按内容命名的文件，带着固有尺寸与懒加载属性；在 Chromium 里把页面从头滚到尾，每张图都加载了，
没有失败的请求；内联的 JupyterLab 样式表删减过（``docs/hooks/notebook_css.py``）。
"""

from __future__ import annotations

import hashlib
import re
from html import unescape as html_unescape

import pytest
from pagecheck import new_context
from sitetools import page_path

pytestmark = pytest.mark.e2e

IMG = re.compile(r"<img\b[^>]*>")
ATTR = re.compile(r'\s([a-zA-Z-]+)="([^"]*)"')


def notebook_pages(site):
    pages = sorted(site.glob("notebooks/*/index.html"))
    assert len(pages) >= 3, f"站点里应有至少 3 个 notebook 页面，实际 {[p.parent.name for p in pages]}"
    return pages


def test_notebook_pages_link_their_output_images_instead_of_embedding_them(built_site):
    for page in notebook_pages(built_site):
        html = page.read_text(encoding="utf-8")
        name = page.parent.relative_to(built_site).as_posix()
        assert not re.search(r'<img\b[^>]*\ssrc="data:', html), f"{name}：页面里还嵌着 data URI 的图"
        outputs = re.findall(r'<div class="jp-Rendered(?:Image|SVG) jp-OutputArea-output[^>]*>\s*(<img\b[^>]*>)', html)
        assert outputs, f"{name}：notebook 页面应有输出图"
        for tag in outputs:
            attrs = dict(ATTR.findall(tag))
            src = attrs["src"]
            assert re.fullmatch(r"out-[0-9a-f]{16}\.(svg|png)", src), f"{name}：输出图的地址 {src!r}"
            data = (page.parent / src).read_bytes()
            assert src[4:20] == hashlib.sha256(data).hexdigest()[:16], f"{name}/{src}：文件名不是内容的哈希"
            assert attrs.get("loading") == "lazy" and attrs.get("decoding") == "async", f"{name}：{tag}"
            assert int(attrs["width"]) > 0 and int(attrs["height"]) > 0, f"{name}：{tag} 没有固有尺寸"
            # 有意义的中文说明（SVG 的 <title>，notebook 里 svg_bytes(fig, title=...) 写的），不是 nbconvert 的英文占位
            alt = html_unescape(attrs.get("alt", ""))
            assert re.search(r"[\u4e00-\u9fff]", alt) and "No description" not in alt, f"{name}：{tag} 的 alt"
            if src.endswith(".svg"):
                title = re.search(rb"<svg\b[^>]*>\s*<title>(.*?)</title>", data, re.S)
                assert title and html_unescape(title.group(1).decode()) == alt, f"{name}/{src}：alt 应是 SVG 的 <title>"
        # JupyterLab 的样式表只留下本页用得到的规则（notebook_css 钩子）：原样 574 KB
        [lab] = re.findall(r'<style type="text/css">\n(@charset "UTF-8";\.jupyter-wrapper\{.*?)</style>', html, re.S)
        assert len(lab) < 64 * 1024, f"{name}：JupyterLab 样式表 {len(lab)} 字节，没有删减？"


def test_every_notebook_output_image_loads_with_no_failed_request(browser, built_site, site_url):
    for page_file in notebook_pages(built_site):
        url = site_url + page_path(built_site, page_file)
        blocked: list[str] = []
        failed: list[str] = []
        context = new_context(browser, blocked)
        try:
            page = context.new_page()
            page.on("requestfailed", lambda r, f=failed: f.append(f"{r.url}（{r.failure}）"))
            page.on("response", lambda r, f=failed: f.append(f"{r.status} {r.url}") if r.status >= 400 else None)
            page.goto(url, wait_until="load")
            loaded = page.evaluate("""async () => {
              const imgs = [...document.querySelectorAll('.jp-OutputArea-output img')];
              for (const img of imgs) {
                img.scrollIntoView({block: 'center'});  // loading=lazy：进入视口才加载
                if (!img.complete) await new Promise(res => {
                  img.addEventListener('load', res, {once: true});
                  img.addEventListener('error', res, {once: true});
                });
              }
              return imgs.map(img => [img.getAttribute('src'), img.naturalWidth]);
            }""")
        finally:
            context.close()
        assert loaded, f"{url}：没有输出图"
        assert all(w > 0 for _, w in loaded), f"{url}：这些图没有加载：{[s for s, w in loaded if not w > 0]}"
        assert not failed, f"{url}：失败的请求：{failed}"
        assert not blocked, f"{url}：请求了站外地址：{blocked}"
