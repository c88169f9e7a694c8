"""图钩子 ``docs/hooks/figures.py`` 的故障测试：在临时的小 MkDocs 项目里真实地运行 ``mkdocs build``。

测试在临时目录里搭最小项目：自己的 ``mkdocs.yml``（按绝对路径引用仓库里真正的钩子文件）、
``docs/index.md``、``docs/figures/*.py``，以及 ``dlnotes`` 包的一份副本（钩子按 mkdocs.yml
所在目录找 ``dlnotes/`` 计算缓存键；``python -m mkdocs`` 在项目目录下运行，所以图脚本导入的
也是这份副本）。缓存在 ``<项目>/.cache/figures``，与仓库的缓存互不影响。为了快，缓存测试共用
一个构建过一次的模板项目，每个测试复制一份再改（缓存键只看内容，换目录仍然命中）。

覆盖：图脚本抛错、画出 NaN/inf → 构建失败并点名脚本；缓存条目损坏或截断 → 记录警告、
重新计算，站点拿到正确的 SVG；没改动的重建一张图也不算（用时表全是"缓存"）；
改一个脚本或一个被导入的 dlnotes 模块 → 只重算受影响的图。
"""

from __future__ import annotations

import hashlib
import json
import shutil
import textwrap
from pathlib import Path

import pytest
from sitetools import REPO_ROOT, build_problems, run_mkdocs

pytestmark = pytest.mark.site

HOOK = REPO_ROOT / "docs" / "hooks" / "figures.py"

LINE = """
from dlnotes.plotting import new_figure

SLOPE = {slope}


def build():
    fig, ax = new_figure(figsize=(3, 2))
    ax.plot([0.0, 1.0, 2.0], [0.0, SLOPE, 2 * SLOPE])
    ax.set_title("直线 {slope}")
    return fig
"""

USES_DEP = """
from dlnotes._hooktest_dep import HEIGHT
from dlnotes.plotting import new_figure


def build():
    fig, ax = new_figure(figsize=(3, 2))
    ax.bar([0, 1], [1.0, HEIGHT])
    return fig
"""

RAISES = """
from dlnotes.plotting import new_figure


def build():
    new_figure()
    raise RuntimeError("故意失败：学习率太大 7319")
"""

NAN_LINE = """
import numpy as np

from dlnotes.plotting import new_figure


def build():
    fig, ax = new_figure(figsize=(3, 2))
    ax.plot([0.0, 1.0, 2.0], [0.0, np.nan, 1.0], label="代价")
    return fig
"""

INF_SCATTER = """
import numpy as np

from dlnotes.plotting import new_figure


def build():
    fig, ax = new_figure(figsize=(3, 2))
    ax.scatter([0.0, 1.0], [1.0, np.inf])
    return fig
"""


def make_project(root: Path, figures: dict[str, str]) -> Path:
    """在 ``root`` 搭一个最小 MkDocs 项目；``figures`` 是 {名字: 脚本源码}。"""
    (root / "docs" / "figures").mkdir(parents=True)
    shutil.copytree(REPO_ROOT / "dlnotes", root / "dlnotes",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (root / "mkdocs.yml").write_text(
        textwrap.dedent(f"""\
            site_name: 钩子测试
            theme:
              name: mkdocs
            plugins: []
            hooks:
              - {HOOK.as_posix()}
            """),
        encoding="utf-8",
    )
    images = "\n\n".join(f"![{name}](figures/{name}.svg)" for name in sorted(figures))
    (root / "docs" / "index.md").write_text(f"# 钩子测试\n\n{images}\n", encoding="utf-8")
    for name, source in figures.items():
        write_figure(root, name, source)
    return root


def write_figure(root: Path, name: str, source: str) -> None:
    (root / "docs" / "figures" / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")


def build(root: Path, *, strict: bool = True):
    (root / ".cache" / "build-times.json").unlink(missing_ok=True)  # 只看这一次构建写的用时表
    return run_mkdocs(root, root / "site", strict=strict)


def build_ok(root: Path, *, strict: bool = True) -> str:
    proc = build(root, strict=strict)
    problems = build_problems(proc)
    if not strict:  # 非严格模式下的警告由调用者检查
        problems = [p for p in problems if "WARNING" not in p]
    assert not problems, "构建应成功：\n" + "\n".join(problems) + "\n" + proc.stdout
    return proc.stdout


def times(root: Path) -> dict[str, str]:
    """本次构建每个文件的方式（"计算"/"缓存"），读自钩子写的 build-times.json。"""
    data = json.loads((root / ".cache" / "build-times.json").read_text(encoding="utf-8"))
    return {name: entry["kind"] for name, entry in data.items()}


def site_svg(root: Path, name: str) -> bytes:
    return (root / "site" / "figures" / f"{name}.svg").read_bytes()


def cache_entries(root: Path, name: str) -> list[Path]:
    return sorted((root / ".cache" / "figures").glob(f"{name}-*.svg"))


# ---------------------------------------------------------------- 失败的图脚本
@pytest.fixture(scope="module")
def failing_build(tmp_path_factory):
    """一次构建，里面有一张好图和三张坏图（钩子会把所有失败一起报告）。"""
    root = make_project(tmp_path_factory.mktemp("failing"), {
        "good": LINE.format(slope=1.0), "boom": RAISES, "nan_line": NAN_LINE, "inf_scatter": INF_SCATTER,
    })
    return root, build(root)


def _failure_line(out: str, script: str) -> str:
    lines = [line for line in out.splitlines() if f"图脚本 docs/figures/{script} 失败" in line]
    assert lines, f"构建输出应点名失败的 docs/figures/{script}：\n{out}"
    return lines[0]


def test_raising_script_fails_the_build_and_names_it(failing_build):
    root, proc = failing_build
    assert proc.returncode != 0, proc.stdout
    line = _failure_line(proc.stdout, "boom.py")
    assert "RuntimeError" in line and "故意失败：学习率太大 7319" in line, line
    assert "docs/figures/good.py 失败" not in proc.stdout, "只应点名出错的脚本：\n" + proc.stdout
    assert cache_entries(root, "boom") == [], "失败的图不应进缓存"


@pytest.mark.parametrize("script", ["nan_line", "inf_scatter"])
def test_nonfinite_figure_fails_the_build_and_names_it(failing_build, script):
    root, proc = failing_build
    assert proc.returncode != 0, proc.stdout
    assert "NaN/inf" in _failure_line(proc.stdout, f"{script}.py")
    assert cache_entries(root, script) == [], "含 NaN/inf 的图不应进缓存"


# ---------------------------------------------------------------- 缓存
FIGS = {"a": LINE.format(slope=1.0), "b": LINE.format(slope=2.0), "uses_dep": USES_DEP}
ALL_CACHED = {f"docs/figures/{n}.py": "缓存" for n in FIGS}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """构建过一次的项目（三张图都算过、进了缓存）；各测试复制一份再改。"""
    root = make_project(tmp_path_factory.mktemp("template"), FIGS)
    (root / "dlnotes" / "_hooktest_dep.py").write_text("HEIGHT = 2.0\n", encoding="utf-8")
    out = build_ok(root)
    assert times(root) == {f"docs/figures/{n}.py": "计算" for n in FIGS}, out
    return root


@pytest.fixture
def project(template, tmp_path):
    """``template`` 的副本（包括 .cache 与 site）：缓存键只看内容，换目录仍然有效。"""
    return Path(shutil.copytree(template, tmp_path / "project"))


def test_unchanged_rebuild_computes_nothing(project):
    svgs = {n: site_svg(project, n) for n in FIGS}
    out = build_ok(project)
    assert times(project) == ALL_CACHED, out
    table = out[out.index("执行时间"):]
    assert "计算" not in table and "张图" not in out, "没改动的重建不应计算任何图：\n" + out
    assert {n: site_svg(project, n) for n in FIGS} == svgs


def test_editing_one_script_recomputes_only_that_figure(project):
    old = {n: site_svg(project, n) for n in FIGS}
    write_figure(project, "a", LINE.format(slope=3.0))
    out = build_ok(project)
    assert times(project) == {**ALL_CACHED, "docs/figures/a.py": "计算"}, out
    assert site_svg(project, "a") != old["a"], "改过的图应重新画"
    assert site_svg(project, "b") == old["b"]
    assert len(cache_entries(project, "a")) == 1, "旧的缓存条目应被清掉"


def test_editing_a_dlnotes_module_recomputes_only_its_dependents(project):
    old = site_svg(project, "uses_dep")
    (project / "dlnotes" / "_hooktest_dep.py").write_text("HEIGHT = 3.0\n", encoding="utf-8")
    out = build_ok(project)
    assert times(project) == {**ALL_CACHED, "docs/figures/uses_dep.py": "计算"}, out
    assert site_svg(project, "uses_dep") != old


def _truncate_svg(svg: Path, meta: Path) -> None:
    data = svg.read_bytes()
    svg.write_bytes(data[: len(data) // 2])


def _flip_svg_byte(svg: Path, meta: Path) -> None:
    data = bytearray(svg.read_bytes())
    i = data.index(b"<path")  # 改动一个字节，长度不变
    data[i + 1 : i + 2] = b"q"
    svg.write_bytes(bytes(data))


def _swap_svg(svg: Path, meta: Path) -> None:
    # 换成另一张完整、合法的 SVG（只是不是这个脚本画的），元数据不动
    svg.write_bytes(svg.read_bytes().replace(b"</svg>", b"<rect width='1' height='1'/></svg>"))


def _truncate_meta(svg: Path, meta: Path) -> None:
    text = meta.read_bytes()
    meta.write_bytes(text[: len(text) // 2])


def _garbage_meta(svg: Path, meta: Path) -> None:
    meta.write_bytes(b"\x00\xff not json")


def _meta_not_an_object(svg: Path, meta: Path) -> None:
    meta.write_text("[1]", encoding="utf-8")  # 合法 JSON，但不是 {"sha256": ..., "size": ...}


def _wrong_hash_meta(svg: Path, meta: Path) -> None:
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["sha256"] = "0" * 64
    meta.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "corrupt",
    [_truncate_svg, _flip_svg_byte, _swap_svg, _truncate_meta, _garbage_meta, _meta_not_an_object,
     _wrong_hash_meta],
    ids=["svg-truncated", "svg-byte-flipped", "svg-swapped", "json-truncated", "json-garbage",
         "json-not-an-object", "json-wrong-hash"],
)
def test_corrupt_cache_entry_is_detected_and_recomputed(project, corrupt):
    good = site_svg(project, "a")
    [entry] = cache_entries(project, "a")
    corrupt(entry, entry.with_suffix(".json"))
    # 钩子以 INFO 记录损坏并自愈：严格构建照样通过
    out = build_ok(project)
    assert "图缓存条目损坏" in out and entry.name in out, "应记录一条点名条目的消息：\n" + out
    assert times(project) == {**ALL_CACHED, "docs/figures/a.py": "计算"}, out
    assert site_svg(project, "a") == good, "站点必须拿到重新计算的正确 SVG，而不是损坏的缓存"
    assert entry.read_bytes() == good, "缓存条目应被重新写好"
    meta = json.loads(entry.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(good).hexdigest() and meta["size"] == len(good)


def test_half_written_cache_entry_is_recomputed(project):
    """写到一半被打断的条目（SVG 在、元数据还没写）：不算损坏，照常重算。"""
    good = site_svg(project, "a")
    [entry] = cache_entries(project, "a")
    entry.with_suffix(".json").unlink()
    entry.write_bytes(good[: len(good) // 3])
    out = build_ok(project)
    assert times(project) == {**ALL_CACHED, "docs/figures/a.py": "计算"}, out
    assert site_svg(project, "a") == good


def test_notebook_stream_outputs_are_merged_whatever_the_kernel_chunking(tmp_path):
    """同一单元的 print 输出被内核分成一段还是几段，页面 HTML 都一样（两次构建逐字节相同的前提）。

    夹具是 mkdocs-jupyter 真正的 nbconvert 输出（不是手写的 HTML），所以模板一变、钩子的改写
    对不上了，这个测试就会失败。
    """
    import importlib.util
    from types import SimpleNamespace

    import nbformat
    from mkdocs_jupyter.nbconvert2 import nb2html

    spec = importlib.util.spec_from_file_location("_figures_hook_under_test", HOOK)
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)

    def rendered(chunks: list[str], name: str) -> str:
        cell = nbformat.v4.new_code_cell("print('a')\nprint('b')\nprint('c')")
        cell.id = "cell-1"  # 两个 notebook 只差输出的分段，其余逐字相同
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in chunks]
        nb = nbformat.v4.new_notebook(cells=[cell])
        path = tmp_path / f"{name}.ipynb"
        nbformat.write(nb, path)
        return nb2html(str(path), execute=False)

    raw_one, raw_three = rendered(["a\nb\nc\n"], "one"), rendered(["a\n", "b\n", "c\n"], "three")
    assert raw_three.count("<pre>") == raw_one.count("<pre>") + 2  # 真的分成了三段输出
    page = SimpleNamespace(file=SimpleNamespace(src_uri="notebooks/x.py"), toc=[])
    one = hook.on_page_content(raw_one, page, None, None)
    three = hook.on_page_content(raw_three, page, None, None)
    assert one == three
    assert one.count("<pre>") == raw_one.count("<pre>")  # 合并后和一段输出时一样
