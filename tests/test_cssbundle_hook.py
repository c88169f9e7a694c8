"""docs/hooks/cssbundle.py：本站样式表合成一个文件，顺序与内容不变；会出错的情况让构建失败。"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sitetools import load_hook

hook = load_hook("cssbundle")


def test_extra_css_collapses_into_one_bundle_in_the_place_of_the_first_and_keeps_cjk_css():
    css = ["assets/_mkdocstrings.css", "stylesheets/extra.css", "stylesheets/a11y.css", "assets/fonts/cjk.css"]
    new, merged = hook.split_extra_css(css)
    assert new == [hook.BUNDLE, "assets/fonts/cjk.css"]
    assert merged == css[:3]


def test_kept_stylesheet_between_merged_ones_would_change_the_cascade_and_fails():
    with pytest.raises(hook.CssBundleError, match="cjk.css.*层叠顺序"):
        hook.split_extra_css(["a.css", "assets/fonts/cjk.css", "b.css"])


def test_bundle_keeps_order_and_rebases_relative_urls():
    out = hook.bundle([("stylesheets/a.css", ".a{background:url(../img/x.png)}"),
                       ("assets/fonts/f.css", '@font-face{src:url("f.woff2") format("woff2")}'),
                       ("stylesheets/c.css", ".c{mask:url('data:image/svg+xml;x,<svg/>');"
                                             "b:url(https://x.org/y.png);c:url(#m);d:url(/abs.png)}")],
                      dest="assets/stylesheets/dlnotes.css")
    assert out.index("stylesheets/a.css") < out.index("assets/fonts/f.css") < out.index("stylesheets/c.css")
    assert "url(../../img/x.png)" in out
    assert 'url("../fonts/f.woff2")' in out
    assert "url('data:image/svg+xml;x,<svg/>')" in out and "url(https://x.org/y.png)" in out
    assert "url(#m)" in out and "url(/abs.png)" in out


def test_import_would_be_ignored_after_concatenation_and_fails_naming_the_file():
    with pytest.raises(hook.CssBundleError, match="stylesheets/b.css.*@import"):
        hook.bundle([("stylesheets/a.css", ".a{}"), ("stylesheets/b.css", '@import "c.css";')])


def test_post_build_writes_the_bundle_and_names_a_missing_file(tmp_path):
    (tmp_path / "stylesheets").mkdir()
    (tmp_path / "stylesheets" / "a.css").write_text(".a{color:red}", encoding="utf-8")
    plugin = hook.CssBundle(["stylesheets/a.css"])
    plugin.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
    text = (tmp_path / hook.BUNDLE).read_text(encoding="utf-8")
    assert ".a{color:red}" in text
    plugin.on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
    assert (tmp_path / hook.BUNDLE).read_text(encoding="utf-8") == text  # 逐字节相同
    with pytest.raises(hook.CssBundleError, match="stylesheets/gone.css"):
        hook.CssBundle(["stylesheets/gone.css"]).on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))
