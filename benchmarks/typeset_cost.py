"""构建时排版公式与切中文字体子集的代价：CPU 时间，而不是墙钟时间。

这台机器上别的进程常常把负载抬到 10 以上，墙钟时间没法比；所以这里比较整个
``mkdocs build`` 进程树（含 Node 与子进程）用掉的 CPU 时间（user + sys，``RUSAGE_CHILDREN``）：

* 冷：删掉 ``.cache/math``（公式）与 ``.cache/fonts``（字体子集），图与 notebook 的缓存照常用；
* 热：什么都不删（所有缓存命中）。

两者交错各跑 N 次，取中位数；差值就是排版全部公式 + 切一次子集的 CPU 代价。
在仓库的临时副本里进行（``benchmarks.build.make_copy``），不碰工作区的 ``.cache``。

运行：``python -m benchmarks.typeset_cost [--repeat 2]``
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import OUT, clean_env, write_json  # noqa: E402


def _build(copy: Path) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(copy / "site")],
                          cwd=copy, env=clean_env(PYTHONPATH=str(copy), NO_MKDOCS_2_WARNING="1"),
                          capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-3000:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    m = re.search(r"Documentation built in ([\d.]+) seconds", proc.stderr)
    return cpu, float(m.group(1)) if m else float("nan"), proc.stderr


def main(argv: list[str] | None = None) -> int:
    from benchmarks.build import make_copy

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    copy = make_copy()
    try:
        first_cpu, first_wall, _ = _build(copy)  # 完全冷的构建（图与 notebook 也要算），顺便记下
        cold, warm, logs = [], [], []
        for _ in range(args.repeat):
            for p in ("math", "fonts"):
                shutil.rmtree(copy / ".cache" / p, ignore_errors=True)
            cpu, _, log = _build(copy)
            cold.append(cpu)
            logs += [ln for ln in log.splitlines() if "公式" in ln or "子集" in ln]
            warm.append(_build(copy)[0])
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    res = {"full_cold_build_cpu_s": first_cpu, "full_cold_build_reported_s": first_wall, "cold_cpu_s": cold, "warm_cpu_s": warm, "typeset_and_subset_cpu_s":
           statistics.median(cold) - statistics.median(warm), "hook_log": logs}
    write_json(OUT / "typeset_cost.json", res)
    print("| 构建 | CPU 时间（中位数） |\n|---|---|")
    print(f"| 冷：公式与字体子集不在缓存里 | {statistics.median(cold):.1f} s |")
    print(f"| 热：全部命中缓存 | {statistics.median(warm):.1f} s |")
    print(f"| 差 = 排版 + 子集的代价 | {res['typeset_and_subset_cpu_s']:.1f} s |")
    print(f"| （参考）完全冷的构建：图、notebook 全部重算 | {first_cpu:.1f} s（mkdocs 自报墙钟 {first_wall:.1f} s） |")
    print("\n".join(logs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
