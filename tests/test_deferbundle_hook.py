"""docs/hooks/deferbundle.py：Material 的 bundle 与紧挨在它前面的搜索垫片加上 ``defer``，相对顺序不变。

bundle 不是恰好一个普通 ``<script src>`` 时（Material 改了模板、钩子顺序错了）构建失败并点名页面。
加了 ``defer`` 之后搜索、练习、交互图、术语提示、配色切换照常工作，由 ``tests/e2e/`` 核对。
"""

from __future__ import annotations

import pytest
from sitetools import REPO_ROOT, build_problems, load_hook, material_project, run_mkdocs

hook = load_hook("deferbundle")

BUNDLE = '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
SHIM = '<script src="../../javascripts/search-on-demand.js"></script>'
PAGE = ('<html><head><script>inline()</script></head><body>'
        '<script id="__config" type="application/json">{}</script>\n'
        f"    {SHIM}{BUNDLE}\n"
        '      <script src="../../javascripts/gloss.js" defer></script>\n'
        "<script>/* lazy */</script></body></html>")


def test_bundle_and_the_shim_right_before_it_are_deferred_in_order():
    out = hook.defer_bundle(PAGE, "页面 a.md")
    shim = '<script src="../../javascripts/search-on-demand.js" defer></script>'
    bundle = '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>'
    assert shim + bundle in out
    # 别的都不动：内联脚本、JSON 配置、已经 defer 的本站脚本
    assert out.replace(" defer></script>", "></script>", 2) == PAGE
    assert out.count(" defer>") == 3


def test_only_scripts_adjacent_to_the_bundle_are_touched():
    page = PAGE.replace(SHIM + BUNDLE, SHIM + "<p>x</p>" + BUNDLE)
    out = hook.defer_bundle(page, "页面 a.md")
    assert SHIM in out and BUNDLE.replace("></script>", " defer></script>") in out


@pytest.mark.parametrize("broken", [
    PAGE.replace(BUNDLE, ""),  # Material 不再这样加载 bundle
    PAGE.replace(BUNDLE, BUNDLE + BUNDLE),  # 两个
    PAGE.replace(BUNDLE, BUNDLE.replace("></script>", " defer></script>")),  # 已经 defer：钩子跑了两次？
    PAGE.replace("bundle.a5f9d56c", "bundle"),  # 文件名没有哈希
])
def test_anything_but_one_plain_bundle_script_fails_and_names_the_page(broken):
    with pytest.raises(hook.DeferBundleError, match=r"页面 a\.md.*bundle"):
        hook.defer_bundle(broken, "页面 a.md")


def test_templates_other_than_html_pass_through():
    xml = "<urlset></urlset>"
    assert hook.on_post_template(xml, template_name="sitemap.xml", config=None) == xml


@pytest.mark.site
def test_minimal_material_build_defers_the_bundle_after_the_search_shim(tmp_path):
    """真实的 Material 构建：每页与 404 页里，垫片与 bundle 都 defer，垫片仍紧挨在 bundle 前。"""
    shim = REPO_ROOT / "docs" / "javascripts" / "search-on-demand.js"
    root = material_project(tmp_path, {"index.md": "# 梯度下降\n", "sub/page.md": "# 逻辑回归\n"},
                            ["search_index.py", "deferbundle.py"],
                            files={f"javascripts/{shim.name}": shim.read_bytes()})
    proc = run_mkdocs(root, root / "site")
    assert not build_problems(proc), f"{proc.stdout}{proc.stderr}"
    for page, prefix in (("index.html", ""), ("sub/page/index.html", "../../"), ("404.html", "/")):
        html = (root / "site" / page).read_text(encoding="utf-8")
        run = (f'<script src="{prefix}javascripts/{shim.name}" defer></script>'
               f'<script src="{prefix}assets/javascripts/bundle.')
        assert run in html, f"{page}：垫片与 bundle 应都 defer、垫片在前"
        assert html.count(".min.js\" defer></script>") == 1, page
