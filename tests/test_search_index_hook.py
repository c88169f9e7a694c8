"""``docs/hooks/search_index.py``：垫片放在 bundle 前、核对 bundle 的加载方式、索引写成 UTF-8。

* 核对：对 Material 安装包里真正的 bundle 通过；把它改成别的加载方式（多一处索引地址、fetch 代替
  XHR、POST、没有 XMLHttpRequest）时 ``PluginError`` 点名 bundle 文件与模式；
* 插入：恰好一个 bundle 的 ``<script>`` 时垫片紧挨在它前面、地址前缀相同；没有或多于一个时
  ``PluginError`` 点名页面与模式；
* 重写：JSON 内容不变，非 ASCII 字符不再转义；
* 在一个最小的 Material 项目里真实构建：每个页面（包括 404.html）都在 bundle 前加载垫片，垫片文件
  发布了，索引是 UTF-8、内容与 search 插件写的完全相同。
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from sitetools import REPO_ROOT, build_problems, load_hook, material_project, run_mkdocs

HOOK = REPO_ROOT / "docs" / "hooks" / "search_index.py"
SHIM = REPO_ROOT / "docs" / "javascripts" / "search-on-demand.js"


@pytest.fixture(scope="module")
def hook() -> ModuleType:
    return load_hook("search_index")


@pytest.fixture(scope="module")
def bundle() -> tuple[str, str]:
    """Material 安装包里的 bundle：(文件名, 源码)。"""
    import material

    [path] = sorted((Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob(
        "bundle.*.min.js"))
    return path.name, path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- 核对 bundle
def test_material_bundle_loads_the_index_the_way_the_shim_expects(hook, bundle):
    name, js = bundle
    hook.check_bundle(js, name)  # 不抛异常


CHANGED_LOADERS = {
    "索引地址多一处": lambda js: js + ';fetch("search/search_index.json")',
    "fetch 代替 XHR 函数": lambda js: js.replace("){return to(e,t).pipe(b(r=>r.text()),m(r=>JSON.parse(r))",
                                                  "){return fetch(e,t).pipe(b(r=>r.text()),m(r=>JSON.parse(r))", 1),
    "不再用 XMLHttpRequest": lambda js: js.replace("=new XMLHttpRequest;", "=new Request;"),
    "POST": lambda js: js.replace('.open("GET",`${e}`)', '.open("POST",`${e}`)'),
    "send 带参数": lambda js: js.replace("o.send(),()=>o.abort()", "o.send(null),()=>o.abort()"),
    "不再用 new URL 取地址": lambda js: js.replace('ze(new URL("search/search_index.json",Or.base))',
                                                  'ze(Or.base+"search/search_index.json")'),
}


@pytest.mark.parametrize("change", list(CHANGED_LOADERS))
def test_changed_bundle_fails_naming_the_file_and_pattern(hook, bundle, change):
    name, js = bundle
    changed = CHANGED_LOADERS[change](js)
    assert changed != js, f"改写“{change}”没有改到 bundle：Material 的代码变了，先更新这个测试"
    with pytest.raises(PluginError) as info:
        hook.check_bundle(changed, f"assets/javascripts/{name}")
    message = str(info.value)
    assert f"assets/javascripts/{name}" in message, "应点名 bundle 文件"
    assert "模式" in message and "search-on-demand.js" in message, message


# ---------------------------------------------------------------- 插入垫片
BUNDLE = "bundle.a5f9d56c.min.js"


def test_shim_goes_right_before_the_bundle_with_the_same_prefix(hook):
    page = (f'<script id="__config" type="application/json">{{}}</script>\n'
            f'<script src="../../assets/javascripts/{BUNDLE}"></script>\n'
            '<script src="../../javascripts/gloss.js"></script>')
    out = hook.insert_shim(page, BUNDLE, "页面 notes-1/basics.md")
    assert out == page.replace(
        f'<script src="../../assets/javascripts/{BUNDLE}">',
        f'<script src="../../javascripts/search-on-demand.js"></script><script src="../../assets/javascripts/{BUNDLE}">')


@pytest.mark.parametrize("count", [0, 2])
def test_shim_insertion_fails_unless_exactly_one_bundle_tag(hook, count):
    page = f'<script src="/assets/javascripts/{BUNDLE}"></script>' * count + "<p>x</p>"
    with pytest.raises(PluginError) as info:
        hook.insert_shim(page, BUNDLE, "页面 notes-1/basics.md")
    message = str(info.value)
    assert "notes-1/basics.md" in message and "模式" in message and f"实际 {count} 个" in message, message


def test_other_bundle_name_is_not_matched(hook):
    page = '<script src="assets/javascripts/bundle.00000000.min.js"></script>'
    with pytest.raises(PluginError, match="404.html"):
        hook.insert_shim(page, BUNDLE, "模板 404.html")


# ---------------------------------------------------------------- 重写索引
def test_compact_index_keeps_the_json_and_writes_utf8(hook):
    data = {"config": {"lang": ["zh"], "separator": "[\\s\\u200b\\-]+"},
            "docs": [{"location": "notes-1/basics/#梯度下降", "title": "梯度下降\u200b", "boost": 1000.0,
                      "text": '<p>\u200b学习率\u200b α，"引号" \\ 反斜杠\n换行 \u2028 🙂 \x01</p>'}]}
    original = json.dumps(data, separators=(",", ":"))  # Material 的写法（ensure_ascii=True）
    out = hook.compact_index(original)
    assert json.loads(out) == data
    assert out == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert "梯度下降\u200b" in out and "\\u200b\"" not in out and "🙂" in out
    assert len(out.encode("utf-8")) < len(original.encode("utf-8"))


def test_each_build_gets_its_own_state_object(hook):
    def config(plugins):
        return SimpleNamespace(plugins=plugins, theme=SimpleNamespace(name="material"))

    search = SimpleNamespace(config={"enabled": True})
    first, second = config({"material/search": search}), config({"material/search": search})
    hook.on_config(first)
    hook.on_config(second)
    assert first.plugins["dlnotes/search-index"] is not second.plugins["dlnotes/search-index"]
    without = config({})
    hook.on_config(without)
    assert "dlnotes/search-index" not in without.plugins, "没有 search 插件时无事可做"


# ---------------------------------------------------------------- 真实构建
@pytest.mark.site
def test_minimal_material_build_loads_the_shim_and_writes_utf8_index(tmp_path):
    root = material_project(
        tmp_path, {"index.md": "# 梯度下降\n\n学习率。\n", "sub/page.md": "# 逻辑回归\n\n## 代价函数\n\n损失函数。\n"},
        ["search.py", "search_index.py"], plugins="  - search:\n      lang: zh\n",
        files={f"javascripts/{SHIM.name}": SHIM.read_bytes()})
    proc = run_mkdocs(root, root / "site")
    problems = build_problems(proc)
    assert not problems, "\n".join(problems) + proc.stdout
    site = root / "site"
    assert (site / "javascripts" / SHIM.name).read_bytes() == SHIM.read_bytes()
    for page, prefix in (("index.html", ""), ("sub/page/index.html", "../../"), ("404.html", "/")):
        html = (site / page).read_text(encoding="utf-8")
        shim = f'<script src="{prefix}javascripts/{SHIM.name}"></script><script src="{prefix}assets/javascripts/bundle.'
        assert html.count(SHIM.name) == 1 and shim in html, f"{page}：垫片应紧挨在 bundle 之前"
    raw = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "代价\u200b函数" in raw and "\\u" not in raw.replace("\\\\u", ""), raw[:300]
    data = json.loads(raw)
    assert [d["title"] for d in data["docs"]] == ["梯度\u200b下降", "逻辑\u200b回归", "代价\u200b函数"]
    assert raw == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
