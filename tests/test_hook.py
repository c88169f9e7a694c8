"""钩子（``docs/hooks/*.py``）的故障测试：多数在临时的小 MkDocs 项目里真实地运行 ``mkdocs build``。

测试在临时目录里搭最小项目：自己的 ``mkdocs.yml``（按绝对路径引用仓库里真正的钩子文件）、
``docs/index.md``、``docs/figures/*.py``，以及 ``dlnotes`` 包的一份副本（钩子按 mkdocs.yml
所在目录找 ``dlnotes/`` 计算缓存键；``python -m mkdocs`` 在项目目录下运行，所以图脚本导入的
也是这份副本）。缓存在 ``<项目>/.cache/figures``，与仓库的缓存互不影响。为了快，缓存测试共用
一个构建过一次的模板项目，每个测试复制一份再改（缓存键只看内容，换目录仍然命中）。

覆盖（每个钩子一组）：

* figures：图脚本抛错、画出 NaN/inf、数据脚本写出 NaN → 构建失败并点名脚本；缓存条目损坏或截断 →
  重新计算，站点拿到正确的文件；没改动的重建一个脚本也不执行；改一个脚本或一个被导入的 dlnotes
  模块 → 只重算受影响的；数据脚本（``build()`` 返回 dict）经同一个缓存成为 ``widgets/NAME.json``；
  ``sitebuild.scripts`` 的运行函数对坏脚本的报错都点名脚本。
* notebooks：notebook 的缓存条目损坏 → 丢弃、重新执行，严格构建照样通过；用时表里有 notebook。
* notebook_html：每一处改写在 nbconvert 的写法变了（匹配不上）时失败并点名页面与模式。
* search：只在中文搜索时修补 worker；英文搜索时 Material 的 worker 原样发布。
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import textwrap
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from sitetools import HOOKS, REPO_ROOT, build_problems, load_hook, run_mkdocs

pytestmark = pytest.mark.site

HOOK = HOOKS / "figures.py"
#: 图的测试项目用到的钩子（用时表由 build_times 写出）
FIGURE_HOOKS = (HOOKS / "figures.py", HOOKS / "build_times.py")

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

#: 数据脚本（交互图的数据）：真的调用 dlnotes，build() 返回 dict
DATA = """
import numpy as np

from dlnotes.activations import sigmoid


def build():
    z = np.linspace(-2.0, 2.0, 5)
    return {"z": z.tolist(), "a": np.round(sigmoid(z), 6).tolist(), "名字": "sigmoid"}
"""

NAN_DATA = """
def build():
    return {"cost": [0.69, float("nan")]}
"""

def write_config(root: Path, hooks=FIGURE_HOOKS, extra: str = "") -> None:
    hook_lines = "".join(f"  - {h.as_posix()}\n" for h in hooks)
    (root / "mkdocs.yml").write_text(
        "site_name: 钩子测试\ntheme:\n  name: mkdocs\nplugins: []\nhooks:\n" + hook_lines + extra,
        encoding="utf-8",
    )


def make_project(root: Path, figures: dict[str, str], data: dict[str, str] | None = None) -> Path:
    """在 ``root`` 搭一个最小 MkDocs 项目；``figures``/``data`` 是 {名字: 脚本源码}（图 / 数据脚本）。"""
    (root / "docs" / "figures").mkdir(parents=True)
    shutil.copytree(REPO_ROOT / "dlnotes", root / "dlnotes",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    write_config(root)
    images = "\n\n".join(f"![{name}](figures/{name}.svg)" for name in sorted(figures))
    (root / "docs" / "index.md").write_text(f"# 钩子测试\n\n{images}\n", encoding="utf-8")
    for name, source in figures.items():
        write_figure(root, name, source)
    for name, source in (data or {}).items():
        write_figure(root, name, source, folder="widgets")
    return root


def write_figure(root: Path, name: str, source: str, folder: str = "figures") -> None:
    (root / "docs" / folder).mkdir(parents=True, exist_ok=True)
    (root / "docs" / folder / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")


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


def data_entries(root: Path, name: str) -> list[Path]:
    return sorted(p for p in (root / ".cache" / "widgets").glob(f"{name}-*.json") if not p.name.endswith(".meta.json"))


def cache_entries(root: Path, name: str) -> list[Path]:
    return sorted((root / ".cache" / "figures").glob(f"{name}-*.svg"))


def meta_of(entry: Path) -> Path:
    return entry.with_name(entry.name + ".meta.json")


# ---------------------------------------------------------------- figures：失败的构建脚本
@pytest.fixture(scope="module")
def failing_build(tmp_path_factory):
    """一次构建，里面有一张好图、三张坏图和一个坏数据脚本（钩子会把所有失败一起报告）。"""
    root = make_project(tmp_path_factory.mktemp("failing"), {
        "good": LINE.format(slope=1.0), "boom": RAISES, "nan_line": NAN_LINE, "inf_scatter": INF_SCATTER,
    }, data={"nan_data": NAN_DATA})
    return root, build(root)


def _failure_line(out: str, script: str, label: str = "图") -> str:
    lines = [line for line in out.splitlines() if f"{label}脚本 {script} 失败" in line]
    assert lines, f"构建输出应点名失败的 {script}：\n{out}"
    return lines[0]


def test_raising_script_fails_the_build_and_names_it(failing_build):
    root, proc = failing_build
    assert proc.returncode != 0, proc.stdout
    line = _failure_line(proc.stdout, "docs/figures/boom.py")
    assert "RuntimeError" in line and "故意失败：学习率太大 7319" in line, line
    assert "docs/figures/good.py 失败" not in proc.stdout, "只应点名出错的脚本：\n" + proc.stdout
    assert cache_entries(root, "boom") == [], "失败的图不应进缓存"


@pytest.mark.parametrize("script", ["nan_line", "inf_scatter"])
def test_nonfinite_figure_fails_the_build_and_names_it(failing_build, script):
    root, proc = failing_build
    assert proc.returncode != 0, proc.stdout
    assert "NaN/inf" in _failure_line(proc.stdout, f"docs/figures/{script}.py")
    assert cache_entries(root, script) == [], "含 NaN/inf 的图不应进缓存"


def test_nonfinite_data_fails_the_build_and_names_it(failing_build):
    root, proc = failing_build
    line = _failure_line(proc.stdout, "docs/widgets/nan_data.py", label="数据")
    assert "NaN/inf" in line and "['cost'][1]" in line, line
    assert data_entries(root, "nan_data") == [], "含 NaN 的数据不应进缓存"


# ---------------------------------------------------------------- figures：缓存
FIGS = {"a": LINE.format(slope=1.0), "b": LINE.format(slope=2.0), "uses_dep": USES_DEP}
ALL_CACHED = {**{f"docs/figures/{n}.py": "缓存" for n in FIGS}, "docs/widgets/curve.py": "缓存"}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """构建过一次的项目（三张图、一个数据脚本都算过、进了缓存）；各测试复制一份再改。"""
    root = make_project(tmp_path_factory.mktemp("template"), FIGS, data={"curve": DATA})
    (root / "dlnotes" / "_hooktest_dep.py").write_text("HEIGHT = 2.0\n", encoding="utf-8")
    out = build_ok(root)
    assert times(root) == {k: "计算" for k in ALL_CACHED}, out
    return root


@pytest.fixture
def project(template, tmp_path):
    """``template`` 的副本（包括 .cache 与 site）：缓存键只看内容，换目录仍然有效。"""
    return Path(shutil.copytree(template, tmp_path / "project"))


def test_data_script_becomes_a_canonical_json_file(template):
    data = (template / "site" / "widgets" / "curve.json").read_bytes()
    assert data == (b'{"a":[0.119203,0.268941,0.5,0.731059,0.880797],"z":[-2.0,-1.0,0.0,1.0,2.0],'
                    b'"\xe5\x90\x8d\xe5\xad\x97":"sigmoid"}')
    [entry] = data_entries(template, "curve")
    assert entry.read_bytes() == data and meta_of(entry).is_file()


def test_unchanged_rebuild_computes_nothing(project):
    svgs = {n: site_svg(project, n) for n in FIGS}
    out = build_ok(project)
    assert times(project) == ALL_CACHED, out
    table = out[out.index("执行时间"):]
    assert "计算" not in table and "个构建脚本" not in out, "没改动的重建不应执行任何脚本：\n" + out
    assert {n: site_svg(project, n) for n in FIGS} == svgs
    assert (project / "site" / "widgets" / "curve.json").is_file(), "缓存命中的数据文件也要进站点"


def test_editing_one_script_recomputes_only_that_figure(project):
    old = {n: site_svg(project, n) for n in FIGS}
    write_figure(project, "a", LINE.format(slope=3.0))
    out = build_ok(project)
    assert times(project) == {**ALL_CACHED, "docs/figures/a.py": "计算"}, out
    assert site_svg(project, "a") != old["a"], "改过的图应重新画"
    assert site_svg(project, "b") == old["b"]
    assert len(cache_entries(project, "a")) == 1, "旧的缓存条目应被清掉"
    assert sorted(p.name for p in (project / ".cache" / "figures").iterdir()) == sorted(
        n for e in (project / ".cache" / "figures").glob("*.svg") for n in (e.name, meta_of(e).name)
    ), "缓存目录里只应有条目与它们的元数据"


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
    corrupt(entry, meta_of(entry))
    # 钩子以 INFO 记录损坏并自愈：严格构建照样通过
    out = build_ok(project)
    assert "缓存条目损坏" in out and entry.name in out, "应记录一条点名条目的消息：\n" + out
    assert times(project) == {**ALL_CACHED, "docs/figures/a.py": "计算"}, out
    assert site_svg(project, "a") == good, "站点必须拿到重新计算的正确 SVG，而不是损坏的缓存"
    assert entry.read_bytes() == good, "缓存条目应被重新写好"
    meta = json.loads(meta_of(entry).read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256(good).hexdigest() and meta["size"] == len(good)


def test_corrupt_data_entry_is_detected_and_recomputed(project):
    good = (project / "site" / "widgets" / "curve.json").read_bytes()
    [entry] = data_entries(project, "curve")
    entry.write_bytes(good.replace(b"0.5", b"0.6"))  # 长度不变，内容错了
    out = build_ok(project)
    assert times(project) == {**ALL_CACHED, "docs/widgets/curve.py": "计算"}, out
    assert (project / "site" / "widgets" / "curve.json").read_bytes() == good


def test_half_written_cache_entry_is_recomputed(project):
    """写到一半被打断的条目（SVG 在、元数据还没写）：不算损坏，照常重算。"""
    good = site_svg(project, "a")
    [entry] = cache_entries(project, "a")
    meta_of(entry).unlink()
    entry.write_bytes(good[: len(good) // 3])
    out = build_ok(project)
    assert times(project) == {**ALL_CACHED, "docs/figures/a.py": "计算"}, out
    assert site_svg(project, "a") == good


# ---------------------------------------------------------------- figures：运行函数（sitebuild.scripts）
def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / f"{name}.py"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def runners() -> ModuleType:
    load_hook("figures")  # 把钩子目录放上 sys.path
    from sitebuild import scripts

    return scripts


def test_run_figure_returns_svg(runners, tmp_path):
    path = _write(tmp_path, "ok", """
        from dlnotes.plotting import new_figure
        def build():
            fig, ax = new_figure()
            ax.plot([0, 1], [1, 0])
            ax.set_xlabel("迭代次数")
            return fig
    """)
    data, seconds = runners.run_figure(path)
    # 经 sitebuild.svgmin 压缩：没有 XML 声明、metadata 与缩进（tests/test_svgmin.py 核对画出来不变）
    assert data.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"') and data.rstrip().endswith(b"</svg>")
    assert b"<metadata" not in data and b"\n " not in data
    assert seconds >= 0
    assert runners.run_figure(path)[0] == data, "同一个脚本两次的 SVG 应逐字节相同"


@pytest.mark.parametrize(
    ("runner", "body", "error", "message"),
    [
        ("run_figure", "def build():\n    return 42\n", ValueError, "应返回 matplotlib.figure.Figure"),
        ("run_figure", "x = 1\n", ValueError, "必须定义 build()"),
        ("run_figure",
         "from dlnotes.plotting import new_figure\n"
         "def build():\n    fig, ax = new_figure()\n    ax.plot([0, 1], [0, float('nan')])\n    return fig\n",
         ValueError, "NaN/inf"),
        ("run_figure",
         "from dlnotes.plotting import new_figure\n"
         "def build():\n    fig, ax = new_figure()\n    ax.set_title('\\u0e01\\u0e02')\n    return fig\n",
         ValueError, "字体缺失"),
        ("run_data", "def build():\n    return [1, 2]\n", ValueError, "应返回 dict"),
        ("run_data", "def build():\n    return {'a': {'b': [1.0, float('inf')]}}\n", ValueError,
         r"NaN/inf：位置 \['a'\]\['b'\]\[1\]"),
        ("run_data", "import numpy as np\ndef build():\n    return {'a': np.zeros(2)}\n", TypeError,
         "不能写成 JSON"),
    ],
    ids=["not-a-figure", "no-build", "nan", "missing-glyph", "data-not-a-dict", "data-inf", "data-ndarray"],
)
def test_runner_errors_name_the_script(runners, tmp_path, runner, body, error, message):
    path = _write(tmp_path, "bad_script", body)
    with pytest.raises(error, match=message) as info:
        getattr(runners, runner)(path)
    assert str(path) in str(info.value)


def test_script_exceptions_propagate_unchanged(runners, tmp_path):
    path = _write(tmp_path, "boom", "def build():\n    raise ZeroDivisionError('学习率 0')\n")
    with pytest.raises(ZeroDivisionError, match="学习率 0"):
        runners.run_data(path)
    assert not any(name.startswith("_dlnotes_build_script_") for name in sys.modules), "临时模块应被移走"


# ---------------------------------------------------------------- notebooks
NOTEBOOK = """\
# %% [markdown]
# # 小 notebook
#
# ## 第一节

# %%
print("一")
print("二")
"""


@pytest.fixture(scope="module")
def notebook_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("notebooks")
    shutil.copytree(REPO_ROOT / "dlnotes", root / "dlnotes", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "docs" / "notebooks").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    (root / "docs" / "notebooks" / "small.py").write_text(NOTEBOOK, encoding="utf-8")
    write_config(root, hooks=(HOOKS / "notebooks.py", HOOKS / "notebook_html.py", HOOKS / "build_times.py"))
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as f:
        f.write("plugins:\n  - mkdocs-jupyter:\n      include: ['notebooks/*.py']\n      execute: true\n"
                "      allow_errors: false\n")
    text = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("plugins: []\n", "")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    build_ok(root)
    return root


def test_notebook_render_time_is_recorded(notebook_project):
    assert times(notebook_project) == {"docs/notebooks/small.py": "notebook"}
    html = (notebook_project / "site" / "notebooks" / "small" / "index.html").read_text(encoding="utf-8")
    assert "mathjax@2" not in html.lower() and "cdn.jsdelivr" not in html, "CDN 脚本应被删掉"
    assert 'id="第一节"' in html, "中文标题应有可读的锚点"


def test_corrupt_notebook_cache_is_dropped_and_reexecuted(notebook_project, tmp_path):
    root = Path(shutil.copytree(notebook_project, tmp_path / "p"))
    [entry] = sorted((root / ".cache" / "mkdocs-jupyter").glob("*/*.json"))
    good = (root / "site" / "notebooks" / "small" / "index.html").read_bytes()
    entry.write_text('{"content": 1}', encoding="utf-8")  # 合法 JSON，结构不对
    out = build_ok(root)
    assert "notebook 缓存条目损坏" in out and entry.name in out, out
    assert "Cache miss" in out, "应重新执行 notebook：\n" + out
    assert (root / "site" / "notebooks" / "small" / "index.html").read_bytes() == good


def test_validate_cache_keeps_good_entries(tmp_path):
    hook = load_hook("notebooks")
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"content": "<p>x</p>", "toc_tokens": []}), encoding="utf-8")
    bad = [tmp_path / "a.json", tmp_path / "b.json", tmp_path / "c.json"]
    bad[0].write_text("[]", encoding="utf-8")
    bad[1].write_bytes(b"\xff\x00")
    bad[2].write_text('{"content": "x"}', encoding="utf-8")
    assert hook.validate_cache(tmp_path) == bad
    assert sorted(tmp_path.iterdir()) == [good]


# ---------------------------------------------------------------- notebook_html
def _nbconvert_html(tmp_path: Path, cells: list, name: str) -> str:
    """mkdocs-jupyter 真正的 nbconvert 输出（不是手写的 HTML）：模板一变、钩子的改写对不上，测试就失败。"""
    import nbformat
    from mkdocs_jupyter.nbconvert2 import nb2html

    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return nb2html(str(path), execute=False)


def _print_cell(chunks: list[str]):
    import nbformat

    cell = nbformat.v4.new_code_cell("print('a')\nprint('b')\nprint('c')")
    cell.id = "79cd2f1c"  # 两个 notebook 只差输出的分段，其余逐字相同
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in chunks]
    return cell


def test_notebook_stream_outputs_are_merged_whatever_the_kernel_chunking(tmp_path):
    """同一单元的 print 输出被内核分成一段还是几段，页面 HTML 都一样（两次构建逐字节相同的前提）。"""
    hook = load_hook("notebook_html")
    raw_one = _nbconvert_html(tmp_path, [_print_cell(["a\nb\nc\n"])], "one")
    raw_three = _nbconvert_html(tmp_path, [_print_cell(["a\n", "b\n", "c\n"])], "three")
    assert raw_three.count("<pre>") == raw_one.count("<pre>") + 2  # 真的分成了三段输出
    one = hook.merge_stream_outputs(raw_one, "x")
    three = hook.merge_stream_outputs(raw_three, "x")
    assert one == three
    assert one.count("<pre>") == raw_one.count("<pre>")  # 合并后和一段输出时一样


NB_PAGE = SimpleNamespace(file=SimpleNamespace(src_uri="notebooks/x.py"), toc=[])


@pytest.fixture(scope="module")
def nb_html(tmp_path_factory) -> str:
    """一个 markdown 标题单元 + 一个打印的代码单元，经 mkdocs-jupyter 的 nbconvert 转成的 HTML。"""
    import nbformat

    md = nbformat.v4.new_markdown_cell("## 第一节")
    md.id = "3f2f39c7"
    code = nbformat.v4.new_code_cell("print('一')")
    code.id = "79cd2f1c"
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="一\n")]
    return _nbconvert_html(tmp_path_factory.mktemp("nb"), [md, code], "x")


def test_notebook_html_rewrites_apply_to_the_template_they_know(nb_html):
    html = load_hook("notebook_html").rewrite(nb_html, NB_PAGE)
    assert "cdn" not in html and "<!-- Load mathjax -->" not in html
    assert '<h2 id="第一节">' in html, "中文标题应有可读的锚点（nbconvert 给的是百分号编码）"
    assert 'id="cell-1"' in html and 'id="cell-2"' in html and "cell-id=" not in html


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("<!-- Load mathjax -->", "<!-- Load MathJax -->", "MathJax 2"),
        ('<script type="module">', '<script type="module" async>', "mermaid"),
        ('<a class="anchor-link" href="#', '<a class="anchor" href="#', "标题锚点"),
        ('tabindex="0">\n<pre>', 'tabindex="0"><pre>', "纯文本输出框"),
        ('id="cell-id=79cd2f1c"', 'id="nb-cell:79cd2f1c"', "单元 id"),
    ],
    ids=["mathjax-block", "mermaid-script", "heading", "stream-output", "cell-id"],
)
def test_notebook_html_rewrite_fails_loudly_when_the_template_changes(nb_html, old, new, what):
    hook = load_hook("notebook_html")
    assert old in nb_html, f"nbconvert 的输出里不再有 {old!r}：钩子的改写要跟着模板更新"
    with pytest.raises(PluginError, match=what) as info:
        hook.rewrite(nb_html.replace(old, new), NB_PAGE)
    assert "notebooks/x.py" in str(info.value), "应点名页面"
    assert "模式" in str(info.value), "应给出没匹配上的模式"


# ---------------------------------------------------------------- search：只在中文搜索时修补 worker
def _material_project(root: Path, lang: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# 梯度下降\n\n学习率。\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: t\ntheme:\n  name: material\n  language: {lang}\nplugins:\n  - search:\n"
        f"      lang: {lang}\nhooks:\n  - {(HOOKS / 'search.py').as_posix()}\n",
        encoding="utf-8",
    )
    return root


def _workers(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "assets" / "javascripts" / "workers").iterdir())


def test_search_worker_is_untouched_without_chinese_search(tmp_path):
    import material

    root = _material_project(tmp_path, "en")
    build_ok(root)
    shipped = root / "site" / "assets" / "javascripts" / "workers"
    original = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    assert _workers(root / "site") == sorted(p.name for p in original.iterdir())
    for p in original.iterdir():
        assert (shipped / p.name).read_bytes() == p.read_bytes(), p.name


def test_search_worker_is_patched_and_renamed_with_chinese_search(tmp_path):
    root = _material_project(tmp_path, "zh")
    build_ok(root)
    [name] = _workers(root / "site")
    data = (root / "site" / "assets" / "javascripts" / "workers" / name).read_bytes()
    assert name == f"search.{hashlib.sha256(data).hexdigest()[:8]}.min.js"
    assert f"workers/{name}" in (root / "site" / "index.html").read_text(encoding="utf-8")
    assert f"workers/{name}" in (root / "site" / "404.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- cjkfont.py：每次构建一个状态对象
def test_cjkfont_state_lives_on_a_per_build_object(tmp_path):
    """``on_config`` 为每次构建新建 `FontSubset`；serve 由站点目录看出；用字从站点里所有 HTML 收集。"""
    import tempfile

    cjkfont = load_hook("cjkfont")
    serve_dir = tempfile.mkdtemp(prefix="mkdocs_")  # mkdocs serve 建站点目录的方式
    try:
        built = []
        for site_dir in (str(tmp_path / "site"), serve_dir):
            config = SimpleNamespace(extra_css=["assets/fonts/cjk.css"], site_dir=site_dir,
                                     config_file_path=str(tmp_path / "mkdocs.yml"), plugins={})
            cjkfont.on_config(config)
            built.append(config.plugins["dlnotes/cjkfont"])
    finally:
        Path(serve_dir).rmdir()
    first, second = built
    assert (first.serve, second.serve) == (False, True)
    site = tmp_path / "built"
    (site / "notes").mkdir(parents=True)
    (site / "index.html").write_text("<p>梯度下降 abc</p>", encoding="utf-8")
    (site / "notes" / "index.html").write_text("<p>下降。</p>", encoding="utf-8")  # 没重建的页面也算
    (site / "notes" / "data.json").write_text('"不是页面"', encoding="utf-8")
    assert cjkfont.site_characters(site) == {"梯", "度", "下", "降", "。"}
    with pytest.raises(PluginError, match="extra_css"):
        cjkfont.on_config(SimpleNamespace(extra_css=[], site_dir="", config_file_path="", plugins={}))


def test_cjkfont_puts_the_subset_face_after_the_first_paint_and_fails_without_the_link():
    """``cjk.css`` 只有字体栈；子集的 ``@font-face`` 在 ``cjk-face.css``，页面先以 media=print 下载它，
    第一次绘制之后才改成 all；不运行脚本时由 noscript 里的同一个样式表得到它。"""
    cjkfont = load_hook("cjkfont")
    stack, face = cjkfont.stack_stylesheet(), cjkfont.face_stylesheet([0x3002, 0x4E2D, 0x4E2E, 0x4E30, 0x9F50])
    assert "@font-face" not in stack and "--md-text-font" in stack
    # 相距不到 256 个码位的并成一段：样式表每页都下载，逐字列出全站近千个字要 8 KB
    assert "unicode-range: U+3002, U+4E2D-4E30, U+9F50;" in face and "--md-text-font" not in face
    assert cjkfont._ranges([0x4E2D, 0x4E2E, 0x4E30], gap=1) == "U+4E2D-4E2E, U+4E30"
    page = ('<head><link rel="stylesheet" href="../../assets/stylesheets/dlnotes.css">'
            '<link rel="stylesheet" href="../../assets/fonts/cjk.css">\n<script>x</script></head>')
    out = cjkfont.insert_late_face(page, "页面 a.md")
    late = ('<link rel="stylesheet" href="../../assets/fonts/cjk-face.css" media="print" id="dl-cjk-face">'
            '<script>')
    assert out.index('assets/fonts/cjk.css">') < out.index(late)
    assert out.count("cjk-face.css") == 2
    assert '<noscript><link rel="stylesheet" href="../../assets/fonts/cjk-face.css"></noscript>\n<script>x' in out
    script = out[out.index(late) + len(late) - len("<script>"):out.index("</script>") + len("</script>")]
    assert script.index("requestAnimationFrame(") < script.index("setTimeout(") < script.index('.media="all"')
    for broken in (page.replace("cjk.css", "cjk2.css"), page.replace("</head>", page)):
        with pytest.raises(PluginError, match=r"页面 a\.md.*cjk\.css"):
            cjkfont.insert_late_face(broken, "页面 a.md")
    xml = "<urlset></urlset>"
    assert cjkfont.on_post_template(xml, template_name="sitemap.xml", config=None) == xml
