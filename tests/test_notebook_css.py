"""docs/hooks/notebook_css.py：notebook 页面里 JupyterLab 的样式只留下可能匹配的规则；写法变了时失败并点名页面。

输入是 mkdocs-jupyter 真正的 nbconvert 输出（``nb2html``），不是手写的 HTML。删减后页面看起来不变由
截图比较核对过（``benchmarks/README.md``）；这里检查规则层面：本页的类的规则都在，别的没了。
"""

from __future__ import annotations

import re

import pytest
import tinycss2
from sitetools import load_hook

hook = load_hook("notebook_css")

WHERE = "notebook 页面 notebooks/x.py"


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    """一个 Markdown 单元 + 一个有纯文本输出的代码单元，经 mkdocs-jupyter 的 nbconvert 转成的 HTML。"""
    import nbformat
    from mkdocs_jupyter.nbconvert2 import nb2html

    md = nbformat.v4.new_markdown_cell("## 第一节\n\n正文。")
    code = nbformat.v4.new_code_cell("print('一')")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="一\n")]
    path = tmp_path_factory.mktemp("nb") / "x.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[md, code]), path)
    return nb2html(str(path), execute=False)


def lab_css(html: str) -> str:
    [(_, css, _)] = hook.LAB_CSS.findall(html)
    return css


def selectors(css: str) -> set[str]:
    out = set()

    def walk(nodes):
        for r in nodes:
            if r.type == "qualified-rule":
                out.update(hook.split_selectors(tinycss2.serialize(r.prelude)))
            elif r.type == "at-rule" and r.content is not None and r.lower_at_keyword in ("media", "supports"):
                walk(tinycss2.parse_rule_list(r.content, skip_whitespace=True, skip_comments=True))

    walk(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))
    return out


def test_dead_rules_go_and_rules_for_the_page_stay(page):
    out = hook.prune_lab_css(page, WHERE, set(), set())
    before, after = lab_css(page), lab_css(out)
    assert len(after) < len(before) / 5, (len(before), len(after))
    assert out.replace(after, "") == page.replace(before, ""), "样式表以外的 HTML 应原样不动"
    kept = selectors(after)
    # 本页的单元、输出框、代码高亮的规则都在
    for sel in (".jupyter-wrapper .jp-Cell", ".jupyter-wrapper .jp-OutputArea-output pre",
                ".jupyter-wrapper .highlight-ipynb pre"):
        assert sel in kept, sel
    # JupyterLab 界面（工具栏、文件浏览器、对话框）的规则删掉了
    assert not [s for s in kept if re.search(r"\.(jp-Toolbar|jp-DirListing|jp-Dialog)\b", s)]
    # 每一条留下的选择器，去掉 :not(…) 后的类名都在本页
    words = set(hook.WORD.findall(hook.STYLE_ELEMENT.sub(" ", page)))
    assert all(hook.selector_classes(s) <= words for s in kept if not any(t in s for t in hook.OPAQUE))


def test_classes_added_at_run_time_by_site_javascript_keep_their_rules(page):
    sel = ".jupyter-wrapper .jp-Notebook .jp-Cell.jp-mod-active .jp-Collapser"
    assert sel in selectors(lab_css(page))
    assert sel not in selectors(lab_css(hook.prune_lab_css(page, WHERE, set(), set())))
    assert sel in selectors(lab_css(hook.prune_lab_css(page, WHERE, {"jp-mod-active", "jp-Collapser"}, set())))


def test_custom_properties_go_only_when_nothing_references_them(page):
    out = lab_css(hook.prune_lab_css(page, WHERE, set(), set()))
    assert "--jp-cell-prompt-width:" in out  # 留下的规则引用它
    assert "--md-purple-A700:" not in out  # 谁也不引用
    # 站点自己的 CSS 引用它 → 留下
    assert "--md-purple-A700:" in lab_css(hook.prune_lab_css(page, WHERE, set(), {"--md-purple-A700"}))
    # 一串只被删掉的变量引用的变量也删掉（迭代到不动点）
    for name in re.findall(r"(--[\w-]+)\s*:", out):
        assert f"var({name}" in out or re.search(rf"var\(\s*{re.escape(name)}\b", page.replace(lab_css(page), "")), name


def test_the_rewrite_is_deterministic(page):
    assert hook.prune_lab_css(page, WHERE, set(), set()) == hook.prune_lab_css(page, WHERE, set(), set())


@pytest.mark.parametrize(
    ("change", "what"),
    [
        (lambda h: h.replace('<style type="text/css">\n@charset "UTF-8";', '<style>\n@charset "UTF-8";'),
         "应恰好匹配 1 处，实际 0 处"),
        (lambda h: h + h[h.index('<style type="text/css">\n@charset'):h.index("</style>", h.index(
            '<style type="text/css">\n@charset')) + 8], "应恰好匹配 1 处，实际 2 处"),
        (lambda h: h.replace('class="jp-Cell ', 'class="nb-Cell '), "骨架类 \\['jp-Cell'\\]"),
        (lambda h: h.replace(".jupyter-wrapper{--md-red-50: #ffebee;", ".jupyter-wrapper{--md-red-50 #ffebee;", 1),
         "解析出错"),
    ],
    ids=["no-block", "two-blocks", "renamed-class", "parse-error"],
)
def test_rewrite_fails_loudly_naming_the_page_when_nbconvert_changes_shape(page, change, what):
    changed = change(page)
    assert changed != page
    with pytest.raises(hook.NotebookCssError, match=what) as info:
        hook.prune_lab_css(changed, WHERE, set(), set())
    assert "notebooks/x.py" in str(info.value), "应点名页面"
