"""离线版（``python -m tools.editions``）：构建每一项，像读者那样检查它。

* PDF：页数、每一章都有书签（按导航顺序）、所有字体都嵌入、中文可以提取、封面有版本与提交、
  页脚有页码；
* 离线 zip：解压后从磁盘（``file://``）在 Chromium 里打开页面：公式排好、MathJax 字体与中文字体
  加载成功、每张图都显示、没有失败的请求、不请求任何站外地址；
* .ipynb：每个 notebook 都有，是合法的 nbformat JSON，代码单元带着执行输出（包括图）。
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = [pytest.mark.site, pytest.mark.e2e]

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """像读者那样运行文档里的命令（子进程），再读它的产物。"""
    from tools import editions

    out = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("work")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "tools.editions", "--out", str(out), "--work", str(work)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    made = {"pdf": out / editions.PDF_NAME, "zip": out / editions.ZIP_NAME,
            "notebooks": sorted((out / "notebooks").glob("*.ipynb"))}
    return made, editions.nav_pages(work / "site"), editions


def test_pdf_has_chapters_fonts_chinese_and_page_numbers(editions):
    from pypdf import PdfReader

    made, nav, ed = editions
    reader = PdfReader(made["pdf"])
    assert len(reader.pages) >= 60, len(reader.pages)
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    titles = [t for t, _ in nav]
    assert len(titles) >= 10, titles
    # 封面一个书签，之后每一章一个，顺序与网站导航相同
    assert top[1:] == titles, f"书签 {top} 与导航 {titles} 不同"
    pages_of = [reader.get_destination_page_number(i) for i in reader.outline if not isinstance(i, list)]
    assert pages_of == sorted(pages_of) and len(set(pages_of)) == len(pages_of), pages_of
    fonts = {}
    for page in reader.pages:
        for ref in (page.get("/Resources", {}).get("/Font") or {}).values():
            fonts[ref.idnum] = ref.get_object()
    assert fonts
    for font in fonts.values():
        if font["/Subtype"] == "/Type3":
            assert "/CharProcs" in font, font  # 字形画在 PDF 里
            continue
        desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font \
            else font["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(desc.get_object()), f"字体没有嵌入：{font}"
    cover = reader.pages[0].extract_text()
    info = ed.build_info()
    assert info["version"] in cover and info["commit"].split("（")[0] in cover, cover
    text = "".join(reader.pages[i].extract_text() for i in range(1, 20))
    assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 2000, text[:300]
    for word in ("神经网络", "逻辑回归", "梯度下降"):
        assert word in text.replace(" ", ""), word
    last = reader.pages[-1].extract_text()
    assert f"{len(reader.pages)} / {len(reader.pages)}" in last, last[-80:]


def test_offline_zip_works_from_disk(editions, browser, tmp_path):
    made, nav, _ = editions
    with zipfile.ZipFile(made["zip"]) as z:
        names = z.namelist()
        assert all(n.startswith("dlnotes-offline/") for n in names)
        assert len({i.date_time for i in z.infolist()}) == 1, "zip 里的时间戳应当固定"
        z.extractall(tmp_path)
    site = tmp_path / "dlnotes-offline"
    checked = 0
    for _, url in nav:
        if url not in ("notes-1/basics.html", "notebooks/logistic_regression.html", "reference/deep.html",
                       "index.html"):
            continue
        context = browser.new_context()
        failed, offsite = [], []
        try:
            page = context.new_page()
            page.on("requestfailed", lambda r, bad=failed: bad.append(r.url))
            page.on("request", lambda r, out=offsite: out.append(r.url)
                    if not r.url.startswith(("file:", "data:")) else None)
            page.goto((site / url).as_uri(), wait_until="load")
            r = page.evaluate("""async () => {
              for (const i of document.images) i.loading = "eager";
              await Promise.all([...document.images].map(i => i.decode().catch(() => null)));
              // 子集的 @font-face 在第一帧之后才生效（docs/hooks/cjkfont.py）：等它加载完
              const subset = () => [...document.fonts].some(
                f => f.family.replace(/"/g, "") === "dlnotes Noto Sans SC" && f.status === "loaded");
              for (let i = 0; i < 100 && !subset(); i++) await new Promise(r => setTimeout(r, 50));
              await document.fonts.ready;
              return {
                math: document.querySelectorAll("mjx-container").length,
                fonts: [...document.fonts].filter(f => f.status === "loaded").map(f => f.family.replace(/"/g, "")),
                images: document.images.length,
                broken: [...document.images].filter(i => !(i.naturalWidth > 0)).map(i => i.src),
                srcs: [...document.images].map(i => i.src),
              };
            }""")
            widgets = []
            if url == "notes-1/basics.html":
                # 交互图从磁盘也能用：滚到每个交互图，等它的数据（file:// 下是 widgets/NAME.js）加载完
                # （交互图的容器在 widgets.js 运行之前不显示：先滚到它前面的静态图）
                for w in page.locator(".dl-widget[data-widget]").element_handles():
                    w.evaluate("el => (el.getClientRects().length ? el : el.previousElementSibling).scrollIntoView()")
                    page.wait_for_function("el => ['ready', 'error'].includes(el.dataset.state)", arg=w,
                                           timeout=20_000)
                    w.evaluate("el => el.scrollIntoView()")
                    widgets.append((w.get_attribute("data-widget"), w.get_attribute("data-state")))
        finally:
            context.close()
        assert not failed and not offsite, (url, failed, offsite)
        if url == "notes-1/basics.html":
            assert widgets and all(state == "ready" for _, state in widgets), widgets
        assert not r["broken"], (url, r["broken"])
        assert "dlnotes Noto Sans SC" in r["fonts"], (url, r["fonts"])
        if url != "index.html":
            assert r["math"] > 0 and "MJXTEX" in r["fonts"], (url, r)
        if url == "notes-1/basics.html":
            assert r["images"] >= 2, r
        if url == "notebooks/logistic_regression.html":
            # 输出图是 notebooks/logistic_regression/out-*.svg（notebook_images 钩子），从磁盘也加载得到
            assert r["images"] >= 2 and not [s for s in r["srcs"] if not s.startswith("file:")], r
        checked += 1
    assert checked == 4
    # 页面之间用文件名链接（file:// 下能点）
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="notes-1/basics.html"' in home
    # 离线网站里有 .ipynb，notebook 页面链接到它
    for nb in made["notebooks"]:
        assert (site / "notebooks" / nb.name).is_file()
        assert f'href="{nb.name}"' in (site / "notebooks" / f"{nb.stem}.html").read_text(encoding="utf-8")


def test_each_notebook_is_an_ipynb_with_outputs(editions):
    import nbformat

    made, _, _ = editions
    sources = sorted(p.stem for p in (ROOT / "docs" / "notebooks").glob("*.py"))
    assert sorted(p.stem for p in made["notebooks"]) == sources
    for path in made["notebooks"]:
        data = json.loads(path.read_text(encoding="utf-8"))
        nb = nbformat.from_dict(data)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and all(c.get("execution_count") for c in code), path.name
        outputs = [o for c in code for o in c.outputs]
        assert outputs, path.name
        assert not [o for o in outputs if o.output_type == "error"], path.name
        assert any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {}) for o in outputs), \
            f"{path.name} 没有图片输出"
