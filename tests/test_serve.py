"""``mkdocs serve --dirty`` 的增量重建（``docs/hooks/serve.py`` 与 ``docs/hooks/sitebuild/serve.py``）。

单元测试：哪些改动只重建页面、搜索索引怎么拼、那条 dirty WARNING 怎么滤。
集成测试：在仓库副本里像 serve 那样（同一进程、serve 的临时站点目录、``dirty=True``）连续构建，
检查改一页只重写这一页、搜索索引与完整构建的相同、改别的输入就全部重建、notebook 缓存不丢。
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import mkdocs.commands.build
import pytest
from sitetools import (
    REPO_ROOT,
    build_problems,
    copy_repo,
    describe_build_failure,
    load_hook,
    run_mkdocs,
)


def _modules():
    """像 MkDocs 那样加载 ``docs/hooks/serve.py``（钩子目录在 sys.path 上），连同 ``sitebuild.serve``。"""
    hook = load_hook("serve")
    from sitebuild import serve as lib
    return hook, lib


# ---------------------------------------------------------------- 判断改了什么
def test_scan_sees_files_and_ignores_bytecode(tmp_path):
    _, lib = _modules()
    (tmp_path / "docs" / "__pycache__").mkdir(parents=True)
    (tmp_path / "docs" / "a.md").write_text("一", encoding="utf-8")
    (tmp_path / "docs" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    (tmp_path / "mkdocs.yml").write_text("site_name: x", encoding="utf-8")
    found = lib.scan_inputs(tmp_path, [tmp_path / "mkdocs.yml", tmp_path / "docs", tmp_path / "missing"])
    assert sorted(found) == ["docs/a.md", "mkdocs.yml"]
    assert found["docs/a.md"][1] == len("一".encode())


def test_changed_inputs_sees_edits_additions_and_removals():
    _, lib = _modules()
    before = {"a": [1, 10], "b": [1, 10], "c": [1, 10]}
    now = {"a": [1, 10], "b": [2, 10], "d": [1, 1]}
    assert lib.changed_inputs(before, now) == {"b", "c", "d"}
    assert lib.changed_inputs(now, dict(now)) == set()


@pytest.mark.parametrize(("changed", "mode"), [
    ({"docs/a.md"}, "pages"),
    ({"docs/a.md", "docs/b.md"}, "pages"),
    ({"docs/a.md", "dlnotes/core/activations.py"}, "full"),   # 页面引用的源码
    ({"docs/glossary.yml"}, "full"),                          # 术语提示在每一页
    ({"docs/new.md"}, "full"),                                # 新页面（导航变了）
    ({"mkdocs.yml"}, "full"),
    (set(), "full"),                                          # 什么也没变：宁可全部重建
])
def test_only_page_edits_take_the_fast_path(changed, mode):
    _, lib = _modules()
    assert lib.classify(changed, {"docs/a.md", "docs/b.md"}) == mode


# ---------------------------------------------------------------- 搜索索引
def _index(*locations: str, text: str = "旧") -> dict:
    return {"config": {"lang": ["zh"]}, "docs": [{"location": loc, "title": loc, "text": text} for loc in locations]}


def test_merge_replaces_rebuilt_pages_in_place():
    _, lib = _modules()
    previous = _index("", "a/", "a/#x", "b/", "b/#y", "c/")
    rebuilt = _index("b/", "b/#z", text="新")
    merged = lib.merge_search_index(previous, rebuilt, {"b/"})
    assert [d["location"] for d in merged["docs"]] == ["", "a/", "a/#x", "b/", "b/#z", "c/"]
    assert [d["text"] for d in merged["docs"]] == ["旧", "旧", "旧", "新", "新", "旧"]
    assert merged["config"] == rebuilt["config"]
    # 首页的 location 是空串：别的页面不能因为"以它开头"被当成首页的条目（Material 自己的合并会这样）
    merged = lib.merge_search_index(previous, _index("", text="新"), {""})
    assert [d["text"] for d in merged["docs"]] == ["新", "旧", "旧", "旧", "旧", "旧"]


def test_merge_drops_pages_without_entries_and_appends_new_ones():
    _, lib = _modules()
    previous = _index("a/", "b/", "b/#y")
    merged = lib.merge_search_index(previous, _index("n/"), {"b/", "n/"})  # b 这次没有条目
    assert [d["location"] for d in merged["docs"]] == ["a/", "n/"]
    assert lib.merge_search_index(None, _index("a/"), {"a/"}) == _index("a/")  # 全部重建


def test_merge_refuses_what_it_does_not_understand():
    _, lib = _modules()
    with pytest.raises(ValueError, match="没重建的页面"):
        lib.merge_search_index(_index("a/"), _index("a/", "b/"), {"a/"})
    with pytest.raises(ValueError, match="不是 Material 的搜索索引格式"):
        lib.merge_search_index({"docs": "?"}, _index("a/"), {"a/"})


# ---------------------------------------------------------------- dirty WARNING
def test_dirty_warning_filter_matches_mkdocs_text_exactly(caplog):
    hook, _ = _modules()
    # 逐字是 MkDocs 源码里的那句：MkDocs 改了措辞，这里和 strict 构建都会失败
    source = Path(mkdocs.commands.build.__file__).read_text(encoding="utf-8")
    joined = "".join(re.findall(r'"([^"]*)"', source))
    assert hook.DIRTY_WARNING in joined
    logger = logging.getLogger(hook.BUILD_LOGGER)
    before = list(logger.filters)
    try:
        hook.install_filter()
        hook.install_filter()  # serve 每次重建都重新加载钩子：过滤器只有一个
        assert sum(getattr(f, "dlnotes_serve", False) for f in logger.filters) == 1
        with caplog.at_level(logging.WARNING, logger=hook.BUILD_LOGGER):
            logger.warning(hook.DIRTY_WARNING)
            logger.warning("别的警告照常")
        assert [r.getMessage() for r in caplog.records] == ["别的警告照常"]
    finally:
        for f in list(logger.filters):
            if f not in before:
                logger.removeFilter(f)


# ---------------------------------------------------------------- 像 serve 那样连续构建
DRIVER = textwrap.dedent("""
    import json, re, sys
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = Path(sys.argv[1])  # serve 的站点目录（/tmp/mkdocs_*）

    def snapshot():
        pages = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}
        index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
        # notebook 的输出图（notebook_images 钩子在渲染页面时加进构建的文件）与页面里指向缺失文件的图
        images = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.glob("notebooks/*/out-*")}
        missing = [f"{p.relative_to(site)}: {src}" for p in site.glob("notebooks/*/index.html")
                   for src in re.findall(r'<img\\b[^>]*\\ssrc="([^"]+)"', p.read_text(encoding="utf-8"))
                   if not (p.parent / src).is_file()]
        return {"pages": pages, "index": index, "images": images, "missing": missing}

    builds = []
    for step in sys.stdin.read().split():
        if step == "build":  # 同一进程、同一批插件对象、dirty=True：mkdocs serve --dirty 的重建就是这样
            config = load_config("mkdocs.yml", site_dir=str(site))
            config.plugins.on_startup(command="serve", dirty=True)
            build(config, dirty=True)
            builds.append(snapshot())
        elif step == "edit-page":
            p = Path("docs/notes-1/introduction.md")
            p.write_text(p.read_text(encoding="utf-8") + "\\n\\nserve-test-marker 增量重建。\\n", encoding="utf-8")
        elif step == "edit-glossary":
            p = Path("docs/glossary.yml")
            p.write_text(p.read_text(encoding="utf-8") + "\\n# serve test\\n", encoding="utf-8")
    json.dump(builds, sys.stdout)
""")


def _serve_builds(root: Path, site: Path, steps: str) -> list[dict]:
    proc = subprocess.run([sys.executable, "-c", DRIVER, str(site)], cwd=root, input=steps, text=True,
                          encoding="utf-8", capture_output=True, check=False)
    # mkdocs.yml 里 strict: true：那条 dirty WARNING 或任何别的警告都会让构建失败
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout)


def test_serve_dirty_rebuilds_only_the_edited_page_and_keeps_the_site_whole(tmp_path, built_site):
    """``built_site`` 先跑：仓库的 ``.cache``（图、notebook、公式）已是热的，复制过来，副本里不重算。"""
    import tempfile

    root = copy_repo(tmp_path / "repo")
    shutil.copytree(REPO_ROOT / ".cache", root / ".cache")
    site = Path(tempfile.mkdtemp(prefix="mkdocs_"))  # serve 建站点目录的方式
    try:
        nb_cache = root / ".cache" / "mkdocs-jupyter"
        notebooks_before = sorted(p.name for p in nb_cache.rglob("*.json"))
        first, edited = _serve_builds(root, site, "build edit-page build")

        # 改一页：只重写这一页（术语表、视频表两页内容没变，也不重写）
        rewritten = {p for p, t in edited["pages"].items() if t != first["pages"][p]}
        assert rewritten == {"notes-1/introduction/index.html", "404.html"}
        # 搜索索引与完整构建的逐项相同（条目、顺序），改动进了索引
        proc = run_mkdocs(root, tmp_path / "clean")
        problems = build_problems(proc)
        assert not problems, describe_build_failure(proc, problems)
        clean = json.loads((tmp_path / "clean" / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert any("serve-test-marker" in d["text"] for d in edited["index"]["docs"])
        assert edited["index"] == clean
        # notebook 没渲染，它们的缓存也没被当作过期删掉
        assert sorted(p.name for p in nb_cache.rglob("*.json")) == notebooks_before
        # notebook 的输出图文件：第一次构建写出；只重建一页时原样留在站点里，页面里的每张图都找得到
        assert first["images"] and not first["missing"], first["missing"]
        assert edited["images"] == first["images"] and not edited["missing"], edited["missing"]

        # 改术语表（每页都有术语提示）：另一个进程里接着同一个站点目录重建，每一页都重写
        (full,) = _serve_builds(root, site, "edit-glossary build")
        assert all(full["pages"][p] > edited["pages"][p] for p in edited["pages"])
        assert full["index"] == clean
        # 全部重建：notebook 页面重新渲染，输出图文件也重写（同样的文件名），页面里的图都找得到
        assert full["images"].keys() == first["images"].keys() and not full["missing"], full["missing"]
        assert all(full["images"][p] > edited["images"][p] for p in edited["images"])
    finally:
        shutil.rmtree(site, ignore_errors=True)


# ---------------------------------------------------------------- 文档里的命令不走样
def _bash_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, re.S)]


def test_setup_commands_agree_across_readme_about_page_and_ci():
    """README 的两条新机器命令（启动站点、运行测试）原样出现在「关于本站」页，测试命令原样出现在 .ci/run。"""
    readme = _bash_blocks((REPO_ROOT / "README.md").read_text(encoding="utf-8"))
    serve_cmd = next(b for b in readme if "mkdocs serve" in b)
    test_cmd = next(b for b in readme if "./tests/run" in b and "mkdocs" not in b)
    assert serve_cmd.endswith("mkdocs serve --dirty")  # 写作时改一页只重建这一页（docs/hooks/serve.py）
    about = _bash_blocks((REPO_ROOT / "docs" / "about.md").read_text(encoding="utf-8"))
    assert serve_cmd in about and test_cmd in about
    ci = [line.strip() for line in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert test_cmd in ci
