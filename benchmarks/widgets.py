"""交互图的数据脚本（``docs/widgets/*.py``）让冷构建多花多少：同一次运行里有/没有它们的冷构建之比。

在仓库的临时副本里（``build.make_copy``），交错进行两种冷构建（每次都删掉 ``.cache``）：

* **有交互图**：``mkdocs build --strict``，图、notebook、交互图数据全部重新计算；
* **没有交互图**：同样的构建，但副本里的 ``docs/widgets/`` 先挪到 ``docs/`` 外面（页面里的交互图容器
  不链接数据文件，所以严格构建照样通过；图钩子的 ``widgets`` 种类这时没有脚本可跑）。

每次记墙钟时间和整棵进程树的 CPU 时间（``RUSAGE_CHILDREN`` 之差：机器被别的进程占用时，
墙钟时间会被拉长，CPU 时间受影响小得多），取中位数，报告两者之比；另外列出每个数据脚本自己的用时
（``.cache/build-times.json``）和数据文件的大小（原始 / gzip -9）。

运行：``python -m benchmarks.widgets [--repeat 2]``。
"""

from __future__ import annotations

import argparse
import gzip
import resource
import shutil
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import build  # noqa: E402
from benchmarks._common import OUT, md_table, median, write_json  # noqa: E402


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def cold_build(copy: Path, *, widgets: bool, log: Path) -> dict:
    shutil.rmtree(copy / ".cache", ignore_errors=True)
    build._rm_pycache(copy)
    scripts, parked = copy / "docs" / "widgets", copy / "widgets-parked"
    if not widgets:
        scripts.rename(parked)
    cpu0, t0 = _children_cpu(), time.perf_counter()
    try:
        res = build.mkdocs_build(copy, strict=True, skip=False, log=log)
    finally:
        if not widgets:
            parked.rename(scripts)
    res["wall_s"] = time.perf_counter() - t0
    res["cpu_s"] = _children_cpu() - cpu0
    res["widgets"] = widgets
    res["data"] = {p.name: {"bytes": p.stat().st_size, "gzip_bytes": len(gzip.compress(p.read_bytes(), 9))}
                   for p in sorted((copy / "site" / "widgets").glob("*.json"))}
    return res


def run(repeat: int = 2) -> dict:
    copy = build.make_copy()
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    res: dict = {"with": [], "without": []}
    try:
        for i in range(repeat):
            order = (True, False) if i % 2 == 0 else (False, True)  # 交错，轮换先后
            for widgets in order:
                key = "with" if widgets else "without"
                r = cold_build(copy, widgets=widgets, log=logs / f"widgets-cold-{key}-{i}.log")
                res[key].append(r)
                print(f"  cold {key} widgets #{i}: {r['wall_s']:.1f} s wall, {r['cpu_s']:.1f} s CPU "
                      f"(rc={r['returncode']})", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    res["summary"] = summarize(res)
    return res


def summarize(res: dict) -> dict:
    w, wo = res["with"], res["without"]
    out = {
        "ok": all(r["returncode"] == 0 for r in w + wo),
        "wall_with_s": median(r["wall_s"] for r in w),
        "wall_without_s": median(r["wall_s"] for r in wo),
        "cpu_with_s": median(r["cpu_s"] for r in w),
        "cpu_without_s": median(r["cpu_s"] for r in wo),
    }
    out["wall_ratio"] = out["wall_with_s"] / out["wall_without_s"]
    out["cpu_ratio"] = out["cpu_with_s"] / out["cpu_without_s"]
    scripts = sorted({k for r in w for k in r["build_times"] if k.startswith("docs/widgets/")})
    out["scripts_s"] = {k: median(r["build_times"][k]["seconds"] for r in w if k in r["build_times"])
                        for k in scripts}
    out["data"] = w[-1]["data"] if w else {}
    return out


def tables(res: dict) -> str:
    s = res["summary"]
    rows = [
        ["墙钟时间（中位数）", f"{s['wall_with_s']:.1f} s", f"{s['wall_without_s']:.1f} s", f"{s['wall_ratio']:.2f}"],
        ["进程树 CPU 时间（中位数）", f"{s['cpu_with_s']:.1f} s", f"{s['cpu_without_s']:.1f} s", f"{s['cpu_ratio']:.2f}"],
    ]
    out = md_table(["冷构建", "有交互图", "没有交互图", "比值"], rows)
    out += "\n\n" + md_table(["数据脚本", "用时（有交互图的冷构建里，中位数）"],
                             [[k, f"{v:.2f} s"] for k, v in s["scripts_s"].items()])
    out += "\n\n" + md_table(["数据文件", "字节", "gzip -9"],
                             [[k, v["bytes"], v["gzip_bytes"]] for k, v in s["data"].items()])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--json", type=Path, default=OUT / "widgets.json")
    args = ap.parse_args(argv)
    res = run(args.repeat)
    write_json(args.json, res)
    print(tables(res))
    return 0 if res["summary"]["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
