"""``docs/hooks/palette.py``：Material 的配色切换规则改挂到只在读者切换时才设的属性上。

* 对 Material 安装包里真正的 bundle 与 palette.css 通过：规则里的属性换掉，别处一字不改；
* Material 改了写法（规则多一处/少一处、bundle 换了设属性的方式）时 ``PluginError`` 点名文件；
* 页面里的 ``<link>`` 恰好一处才改名，否则点名页面；
* 在一个最小的 Material 项目里真实构建：每个页面（包括 404.html）都链接新文件，旧文件与 map 不再发布，
  新文件名是内容的哈希。
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from sitetools import REPO_ROOT, build_problems, load_hook, run_mkdocs

HOOK = REPO_ROOT / "docs" / "hooks" / "palette.py"
SCRIPT = REPO_ROOT / "docs" / "javascripts" / "palette-switch.js"


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    return load_hook("palette")


def _material_asset(folder: str, pattern: str) -> tuple[str, str]:
    import material

    [path] = sorted((Path(material.__file__).parent / "templates" / "assets" / folder).glob(pattern))
    return path.name, path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def palette() -> tuple[str, str]:
    return _material_asset("stylesheets", "palette.*.min.css")


@pytest.fixture(scope="module")
def bundle() -> tuple[str, str]:
    return _material_asset("javascripts", "bundle.*.min.js")


def test_material_palette_rule_moves_to_our_attribute_and_nothing_else_changes(hook, palette, bundle):
    hook.check_bundle(bundle[1], bundle[0])  # 不抛异常
    name, css = palette
    out = hook.patch_palette(css, name)
    assert hook.MATERIAL_ATTR not in out
    assert out.count(f"[{hook.OUR_ATTR}] *,[{hook.OUR_ATTR}] :after,[{hook.OUR_ATTR}] :before{{") == 1
    assert out.replace(hook.OUR_ATTR, hook.MATERIAL_ATTR).rstrip() == css.split("/*# sourceMappingURL")[0].rstrip()
    assert "sourceMappingURL" not in out
    # 脚本设的正是这个属性，监听的正是 Material 配色开关的名字
    script = SCRIPT.read_text(encoding="utf-8")
    assert f'"{hook.OUR_ATTR}"' in script and '"__palette"' in script


CHANGED_PALETTES = {
    "规则没了": lambda css: css.replace("{transition-duration:0s!important}", "{transition:none!important}"),
    "规则多一处": lambda css: css + "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}",
    "属性另有用处": lambda css: css + "[data-md-color-switching] .md-header{opacity:1}",
}


@pytest.mark.parametrize("change", list(CHANGED_PALETTES))
def test_changed_palette_fails_naming_the_file(hook, palette, change):
    name, css = palette
    changed = CHANGED_PALETTES[change](css)
    assert changed != css, f"改写“{change}”没有改到 palette.css：Material 的样式变了，先更新这个测试"
    with pytest.raises(PluginError, match=f"assets/stylesheets/{name}"):
        hook.patch_palette(changed, f"assets/stylesheets/{name}")


CHANGED_BUNDLES = {
    "设在 <html> 上": lambda js: js.replace('document.body.setAttribute("data-md-color-switching","")',
                                          'document.documentElement.setAttribute("data-md-color-switching","")'),
    "不再去掉": lambda js: js.replace('document.body.removeAttribute("data-md-color-switching")', "void 0"),
    "另一处也用它": lambda js: js + ';document.querySelector("[data-md-color-switching]")',
}


@pytest.mark.parametrize("change", list(CHANGED_BUNDLES))
def test_changed_bundle_fails_naming_the_file(hook, bundle, change):
    name, js = bundle
    changed = CHANGED_BUNDLES[change](js)
    assert changed != js, f"改写“{change}”没有改到 bundle：Material 的代码变了，先更新这个测试"
    with pytest.raises(PluginError, match=f"assets/javascripts/{name}"):
        hook.check_bundle(changed, f"assets/javascripts/{name}")


OLD, NEW = "palette.fb2fffe2.min.css", "palette.0123abcd.min.css"


def test_link_is_renamed_with_its_prefix(hook):
    page = f'<link rel="stylesheet" href="../../assets/stylesheets/{OLD}">\n<p>palette</p>'
    assert hook.rewrite_link(page, OLD, NEW, "页面 notes-1/basics.md") == page.replace(OLD, NEW)


@pytest.mark.parametrize("page", [
    "<p>没有样式表</p>",
    f'<link rel="stylesheet" href="/assets/stylesheets/{OLD}">' * 2,
    f'<link rel="preload" href="/assets/stylesheets/{OLD}">',
])
def test_link_rewrite_fails_unless_exactly_one_link(hook, page):
    with pytest.raises(PluginError, match="notes-1/basics.md"):
        hook.rewrite_link(page, OLD, NEW, "页面 notes-1/basics.md")


def test_each_build_gets_its_own_state_object_and_only_with_a_palette(hook):
    def config(palette):
        return SimpleNamespace(plugins={}, theme=SimpleNamespace(name="material", get=lambda key: palette))

    first, second = config([{"scheme": "default", "media": "(prefers-color-scheme: light)"}]), config({"scheme": "slate"})
    hook.on_config(first)
    hook.on_config(second)
    assert first.plugins["dlnotes/palette"] is not second.plugins["dlnotes/palette"]
    without = config(None)
    hook.on_config(without)
    assert without.plugins == {}, "没有配色切换时 palette.css 原样发布"


@pytest.mark.site
def test_minimal_material_build_links_the_renamed_palette(tmp_path, palette):
    root = tmp_path
    (root / "docs" / "sub").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (root / "docs" / "sub" / "page.md").write_text("# 一页\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n  palette:\n"
        "    - scheme: default\n      toggle: {icon: material/weather-night, name: 深色}\n"
        "    - scheme: slate\n      toggle: {icon: material/weather-sunny, name: 浅色}\n"
        f"hooks:\n  - {HOOK.as_posix()}\n", encoding="utf-8")
    proc = run_mkdocs(root, root / "site")
    assert not build_problems(proc), "\n".join(build_problems(proc)) + proc.stdout
    styles = root / "site" / "assets" / "stylesheets"
    [new] = sorted(styles.glob("palette.*"))
    assert new.name != palette[0] and not (styles / (palette[0] + ".map")).exists()
    assert new.name == f"palette.{hashlib.sha256(new.read_bytes()).hexdigest()[:8]}.min.css"
    for page, prefix in (("index.html", ""), ("sub/page/index.html", "../../"), ("404.html", "/")):
        html = (root / "site" / page).read_text(encoding="utf-8")
        assert f'href="{prefix}assets/stylesheets/{new.name}"' in html and palette[0] not in html, page


def test_first_visit_script_goes_before_materials_saved_palette_script_once(hook):
    script = hook.first_visit_script("(prefers-color-scheme: light)")
    assert script == ('<script>__md_get("__palette")||matchMedia("(prefers-color-scheme: light)").matches||'
                      'document.documentElement.setAttribute("data-dl-color-switching","")</script>')
    page = f'<form data-md-component="palette"></form>{hook.SAVED_PALETTE_SCRIPT}if(palette)…</script>'
    out = hook.insert_first_visit_script(page, script, "页面 a.md")
    assert out == page.replace(hook.SAVED_PALETTE_SCRIPT, script + hook.SAVED_PALETTE_SCRIPT)
    for bad in ("<p>没有</p>", page + page):
        with pytest.raises(PluginError, match="a.md"):
            hook.insert_first_visit_script(bad, script, "页面 a.md")
