"""构建为什么慢：用 cProfile 拆开一次热重建，以及最慢的几张图。

* 热重建（缓存齐全、什么都没改）按组成部分拆开：配置加载与插件导入、页面渲染（其中 API 参考页的
  mkdocstrings）、Material 搜索索引（中文用 jieba 分词）、图钩子算缓存键、notebook 页面、复制静态文件……
  这些是 ``mkdocs serve`` 每次改一个字都要重做的事（serve 是进程内全站重建）。
* 冷构建里最慢的几张图：在本进程里用 cProfile 跑 ``sitebuild.scripts.run_figure``，按自身时间（tottime）所在的包归类：
  ``dlnotes``/``numpy``（训练与计算）还是 ``matplotlib``（画图与写 SVG）。

cProfile 本身会让 Python 代码变慢（约 1.3–2 倍），所以这里只看**比例**，绝对时间以 build.py 为准。

运行：``python -m benchmarks.profile_build --copy DIR``（DIR 是 build.py ``--keep`` 留下的、缓存已热的副本；
不给时新建副本并先冷构建一次）。
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import OUT, md_table, write_json  # noqa: E402

# (标签, 文件路径片段, 函数名)：取这些函数的累计时间（cumtime）
BUILD_PARTS = [
    ("整个 build()", "mkdocs/commands/build.py", "build"),
    ("读配置、加载插件（load_config）", "mkdocs/config/base.py", "load_config"),
    ("页面渲染（Markdown → HTML，全部页面）", "mkdocs/structure/pages.py", "render"),
    ("  其中 API 参考页（mkdocstrings）", "mkdocstrings/_internal/extension.py", "run"),
    ("  其中 notebook 页面（mkdocs-jupyter，已缓存）", "mkdocs_jupyter/plugin.py", "new_render"),
    ("主题模板（jinja2，全部页面）", "mkdocs/commands/build.py", "_build_theme_template"),
    (
        "搜索索引：每页提取文本（Material search + jieba）",
        "material/plugins/search/plugin.py",
        "on_page_context",
    ),
    ("搜索插件初始化（加载 jieba 词典）", "material/plugins/search/plugin.py", "on_config"),
    ("图钩子 on_files（算每张图的缓存键）", "docs/hooks/figures.py", "on_files"),
    ("  其中 closure（解析 dlnotes 的 import）", "docs/hooks/sitebuild/cache.py", "closure"),
    ("  其中 versions（查各库版本）", "docs/hooks/sitebuild/cache.py", "versions"),
    ("mkdocs-jupyter on_files", "mkdocs_jupyter/plugin.py", "on_files"),
    ("复制静态文件（主题、MathJax）", "mkdocs/structure/files.py", "copy_file"),
]


def _cum(stats: pstats.Stats, path_part: str, func: str) -> tuple[float, int]:
    tot, n = 0.0, 0
    for (f, _line, fn), (_cc, nc, _tt, ct, _callers) in stats.stats.items():
        if fn == func and f.replace(os.sep, "/").endswith(path_part):
            tot += ct
            n += nc
    return tot, n


# 在子进程里像 mkdocs serve 那样进程内重建：第一次构建（导入、jieba 词典等一次性开销）不计，
# 之后 repeat 次不带 profiler 计时，最后一次带 cProfile。
_DRIVER = r"""
import cProfile, json, logging, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config

site, prof, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
logging.basicConfig(level=logging.WARNING)

def once():
    cfg = load_config(config_file="mkdocs.yml", site_dir=site, strict=False)
    cfg.plugins.on_startup(command="serve", dirty=False)
    build(cfg)

once()
times = []
for _ in range(repeat):
    t0 = time.perf_counter(); once(); times.append(time.perf_counter() - t0)
pr = cProfile.Profile(); pr.enable(); once(); pr.disable(); pr.dump_stats(prof)
print(json.dumps(times))
"""


def profile_warm_build(copy: Path, repeat: int = 3) -> dict:
    """进程内热重建（即 mkdocs serve 改一个字后要做的事）：计时 + cProfile 拆分。"""
    from benchmarks.build import _env

    prof = Path(tempfile.mkstemp(suffix=".prof")[1])
    site = copy / "site-profile"
    cmd = [sys.executable, "-c", _DRIVER, str(site), str(prof), str(repeat)]
    proc = subprocess.run(cmd, cwd=copy, env=_env(copy), capture_output=True, text=True)
    shutil.rmtree(site, ignore_errors=True)
    if proc.returncode != 0:
        return {"error": proc.stderr[-2000:]}
    times = json.loads(proc.stdout.strip().splitlines()[-1])
    stats = pstats.Stats(str(prof))
    prof.unlink()
    parts = {}
    for label, path_part, func in BUILD_PARTS:
        ct, n = _cum(stats, path_part, func)
        parts[label] = {"cumtime_s": ct, "calls": n}
    from benchmarks._common import median

    return {
        "in_process_rebuild_s": times,
        "in_process_rebuild_median_s": median(times),
        "parts": parts,
    }


def ablation(copy: Path, repeat: int = 2) -> dict:
    """不用 profiler 的对照：热重建 vs 关掉搜索插件 vs 去掉 API 参考页，交错各跑 ``repeat`` 次。"""
    from benchmarks.build import _env

    base_cfg = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    needle = "  - search:\n"
    variants = {"热重建（原样）": None}
    if needle in base_cfg:
        (copy / "mkdocs-nosearch.yml").write_text(
            base_cfg.replace(needle, needle + "      enabled: false\n", 1), encoding="utf-8"
        )
        variants["关掉搜索插件（search: enabled: false）"] = "mkdocs-nosearch.yml"
    refs = sorted((copy / "docs" / "reference").glob("*.md"))  # 总览页与每个模块一页
    if refs:
        variants["去掉 API 参考页（mkdocstrings）"] = "no-reference"
    times: dict[str, list[float]] = {k: [] for k in variants}
    import time

    for _ in range(repeat):
        for label, cfg in variants.items():
            cmd = [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--no-strict",
                "-d",
                str(copy / "site-ablation"),
            ]
            moved = []
            if cfg == "no-reference":
                for ref in refs:
                    moved.append((ref.rename(ref.with_suffix(".md.off")), ref))
            elif cfg:
                cmd += ["-f", cfg]
            try:
                t0 = time.perf_counter()
                subprocess.run(cmd, cwd=copy, env=_env(copy), capture_output=True, check=False)
                times[label].append(time.perf_counter() - t0)
            finally:
                for off, ref in moved:
                    off.rename(ref)
    shutil.rmtree(copy / "site-ablation", ignore_errors=True)
    (copy / "mkdocs-nosearch.yml").unlink(missing_ok=True)
    from benchmarks._common import median

    return {k: {"runs": v, "median_s": median(v)} for k, v in times.items()}


def hook_keys(copy: Path, repeat: int = 5) -> dict:
    """不带 profiler：为全部图脚本算缓存键要多久（docs/hooks/sitebuild/cache.py 的 script_key）。

    cache.py 用 lru_cache 记住库版本（versions）和每个 dlnotes 模块的 import 解析（dlnotes_imports）。
    这里分别清空它们来对照：什么都不记住 / 只记住版本 / 两者都记住（第一次与之后）。
    """
    import importlib.util
    import time

    from benchmarks._common import median

    path = copy / "docs" / "hooks" / "sitebuild" / "cache.py"
    spec = importlib.util.spec_from_file_location("_bench_script_cache", path)
    if spec is None or spec.loader is None:
        return {"error": f"cannot load {path}"}
    sys.path.insert(0, str(copy))
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    if not hasattr(hook, "script_key"):
        return {"error": "script_key not found in docs/hooks/sitebuild/cache.py"}
    scripts = sorted((copy / "docs" / "figures").glob("*.py"))
    pkg = copy / "dlnotes"

    def all_keys():
        return [hook.script_key(sc, pkg, ".svg") for sc in scripts]

    def timed(*, forget_versions: bool, forget_imports: bool) -> float:
        ts = []
        for _ in range(repeat):
            if forget_versions:
                hook.versions.cache_clear()
            if forget_imports:
                hook.dlnotes_imports.cache_clear()
            t0 = time.perf_counter()
            all_keys()
            ts.append(time.perf_counter() - t0)
        return median(ts)

    out = {"scripts": len(scripts), "all_keys_s": timed(forget_versions=True, forget_imports=True)}
    out["versions_memoized_s"] = timed(forget_versions=False, forget_imports=True)
    hook.dlnotes_imports.cache_clear()
    t0 = time.perf_counter()
    all_keys()  # 第一次：每个模块解析一次
    out["both_memoized_first_s"] = time.perf_counter() - t0
    out["both_memoized_s"] = timed(forget_versions=False, forget_imports=False)  # 之后（serve 的后续重建）
    return out


def _category(path: str) -> str:
    p = path.replace(os.sep, "/")
    if "/dlnotes/" in p or p.startswith("dlnotes/"):
        return "dlnotes（训练/计算的 Python 代码）"
    if "/docs/figures/" in p:
        return "图脚本自身"
    if "/numpy/" in p or p.startswith("~") or "<built-in method numpy" in p or "numpy." in p:
        return "numpy（含内置的 ufunc/BLAS 调用）"
    if "/matplotlib/" in p or "/fontTools/" in p or "/PIL/" in p or "/kiwisolver/" in p:
        return "matplotlib（画图、排版、写 SVG）"
    if "/sklearn/" in p or "/scipy/" in p:
        return "scikit-learn / scipy"
    return "其他（导入、Python 标准库……）"


def profile_figure(script: Path) -> dict:
    """本进程里 cProfile 一次 run_figure(script)（站点构建代码里执行图脚本的函数），按包汇总自身时间。"""
    hooks = str(Path(__file__).resolve().parents[1] / "docs" / "hooks")
    if hooks not in sys.path:
        sys.path.insert(0, hooks)
    from sitebuild.scripts import run_figure

    pr = cProfile.Profile()
    pr.enable()
    _svg, seconds = run_figure(str(script))
    pr.disable()
    stats = pstats.Stats(pr)
    by: dict[str, float] = {}
    for (f, _line, fn), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        key = f if f != "~" else fn  # 内置函数的文件名是 "~"
        by[_category(key)] = by.get(_category(key), 0.0) + tt
    total = sum(by.values())
    return {
        "script": script.name,
        "render_seconds_reported": seconds,
        "profiled_total_s": total,
        "share": {k: v / total for k, v in sorted(by.items(), key=lambda kv: -kv[1])},
    }


def run(copy: Path | None, top: int = 3, repeat: int = 2) -> dict:
    from benchmarks.build import make_copy, mkdocs_build

    made = copy is None
    if made:
        copy = make_copy()
        (OUT / "logs").mkdir(parents=True, exist_ok=True)
        mkdocs_build(copy, strict=False, skip=False, log=OUT / "logs" / "profile-cold.log")
    try:
        times_file = copy / ".cache" / "build-times.json"
        cold_times: dict[str, float] = {}
        build_json = OUT / "build.json"
        if build_json.exists():  # build.py 冷构建的中位数最可靠
            try:
                cold = json.loads(build_json.read_text(encoding="utf-8"))["summary"][
                    "per_file_cold"
                ]
                cold_times = {k: v["median_s"] for k, v in cold.items()}
            except (KeyError, ValueError):
                cold_times = {}
        if (
            not cold_times and times_file.exists()
        ):  # 否则用副本里最近一次构建的表（须在下面的热重建之前读）
            cold_times = {
                k: v["seconds"]
                for k, v in json.loads(times_file.read_text(encoding="utf-8")).items()
            }
        res: dict = {
            "warm_build": profile_warm_build(copy, max(repeat, 3)),
            "hook_keys": hook_keys(copy),
            "ablation": ablation(copy, repeat),
        }
        figs = sorted(
            (k for k in cold_times if k.startswith("docs/figures/")), key=lambda k: -cold_times[k]
        )[:top]
        res["figure_cold_s"] = {k: cold_times[k] for k in figs}
        sys.path.insert(0, str(copy))
        res["figures"] = [profile_figure(copy / f) for f in figs]
    finally:
        if made:
            shutil.rmtree(copy, ignore_errors=True)
    return res


def tables(res: dict) -> str:
    wb = res["warm_build"]
    if "error" in wb:
        return f"热重建的 profile 失败：{wb['error']}"
    total = (
        wb["parts"]["整个 build()"]["cumtime_s"]
        + wb["parts"]["读配置、加载插件（load_config）"]["cumtime_s"]
    ) or 1.0
    rows = [
        [label, f"{v['cumtime_s']:.2f}", f"{100 * v['cumtime_s'] / total:.0f}%", v["calls"]]
        for label, v in wb["parts"].items()
    ]
    parts = [
        "进程内热重建（像 `mkdocs serve` 那样在同一进程里、第一次构建之后再建；不带 profiler）："
        f"{', '.join(f'{x:.2f}' for x in wb['in_process_rebuild_s'])} s，"
        f"中位数 {wb['in_process_rebuild_median_s']:.2f} s。再带 cProfile 建一次，拆成各部分"
        "（cProfile 让纯 Python 代码变慢，只看比例）：",
        "",
        md_table(["部分", "累计 (s)", "占 load_config + build()", "调用次数"], rows),
        "",
    ]
    ab = res.get("ablation", {})
    if ab:
        base = next(iter(ab.values()))["median_s"]
        parts += [
            "不用 profiler 的对照（墙钟时间，含 Python 启动，交错运行取中位数）：",
            "",
            md_table(
                ["构建", "各次 (s)", "中位数 (s)", "比原样少"],
                [
                    [
                        k,
                        ", ".join(f"{x:.2f}" for x in v["runs"]),
                        f"{v['median_s']:.2f}",
                        f"{base - v['median_s']:.2f} s",
                    ]
                    for k, v in ab.items()
                ],
            ),
            "",
        ]
    hk = res.get("hook_keys", {})
    if "all_keys_s" in hk:
        parts += [
            f"图钩子为 {hk['scripts']} 个图脚本算缓存键（不带 profiler，每次构建、每次 serve 重建都要做）："
            f"{hk['all_keys_s']:.2f} s；把 `versions()` 记住（每次构建只查一次库版本）后："
            f"{hk.get('versions_memoized_s', float('nan')):.2f} s；再把 `dlnotes_imports` 按源码记住"
            f"（同一个模块只解析一次）：第一次 {hk.get('both_memoized_first_s', float('nan')):.2f} s，"
            f"之后 {hk.get('both_memoized_s', float('nan')):.2f} s。",
            "",
        ]
    for f in res.get("figures", []):
        parts.append(
            f"`{f['script']}`（构建里用时 {f['render_seconds_reported']:.2f} s，cProfile 下 "
            f"{f['profiled_total_s']:.2f} s）："
            + "，".join(f"{k} {100 * v:.0f}%" for k, v in f["share"].items())
        )
        parts.append("")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copy", type=Path, help="缓存已热的临时副本（build.py --keep 留下的）")
    ap.add_argument("--top", type=int, default=3, help="profile 最慢的几张图")
    ap.add_argument("--repeat", type=int, default=2, help="对照构建每种各跑几次")
    ap.add_argument("--json", type=Path, default=OUT / "profile_build.json")
    args = ap.parse_args(argv)
    res = run(args.copy, args.top, args.repeat)
    write_json(args.json, res)
    print(tables(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
