"""docs/hooks/sitebuild/assets.py：主题里带内容哈希的资源，改过之后以新哈希文件名发布（palette.py、search.py 共用）。"""

from __future__ import annotations

import hashlib
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from sitetools import load_hook

load_hook("palette")  # 把钩子目录放进 sys.path（像 MkDocs 那样），好导入 sitebuild
from sitebuild.assets import hashed_name, republish  # noqa: E402


def test_hashed_name_replaces_only_the_content_hash():
    sha8 = hashlib.sha256(b"x").hexdigest()[:8]
    assert hashed_name("palette.2461aee7.min.css", b"x") == f"palette.{sha8}.min.css"
    assert hashed_name("search.54e8881e.min.js", b"x") == f"search.{sha8}.min.js"
    for bad in ("palette.min.css", "a.2461aee7.b.2461aee7.css"):
        with pytest.raises(PluginError, match="内容哈希"):
            hashed_name(bad, b"x")


def test_republish_drops_the_old_file_and_its_map_and_adds_the_new_one(tmp_path):
    # File.generated 只读这几项（还记下是哪个插件生成的）
    config = SimpleNamespace(site_dir=str(tmp_path / "site"), use_directory_urls=True,
                             plugins=SimpleNamespace(_current_plugin="palette"))
    old = File.generated(config, "assets/stylesheets/palette.2461aee7.min.css", content=b"old")
    files = Files([old, File.generated(config, "assets/stylesheets/palette.2461aee7.min.css.map", content=b"{}"),
                   File.generated(config, "assets/stylesheets/main.57a0d79d.min.css", content=b"main")])
    new = republish(files, config, old, b"patched")
    assert new == f"palette.{hashlib.sha256(b'patched').hexdigest()[:8]}.min.css"
    assert sorted(f.src_uri for f in files) == sorted(
        ["assets/stylesheets/main.57a0d79d.min.css", f"assets/stylesheets/{new}"])
    assert files.get_file_from_path(f"assets/stylesheets/{new}").content_bytes == b"patched"
