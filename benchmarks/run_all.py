"""运行全部基准，写 ``benchmarks/out/results.json`` 与 ``results.md``，并打印 Markdown 表格。

每个基准在自己的子进程里运行，环境里去掉 ``OPENBLAS_CORETYPE`` / ``OPENBLAS_L2_SIZE``
（OpenBLAS 在加载时读取它们，只能在新进程里生效）；如果父环境设了它们，另外在"设着"的环境里
测一次下限做对照，并记录两种情况下 OpenBLAS 选中的内核。

运行：``python -m benchmarks``（或 ``python benchmarks/run_all.py``）。
``--only gd_step,vectorize`` 只跑其中几个；``--update-readme`` 把表格写进 README.md 的标记之间。
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import build, gd_step, page_weight, profile_build, vectorize  # noqa: E402
from benchmarks._common import (  # noqa: E402
    OUT,
    ROOT,
    LoadMonitor,
    clean_env,
    machine_info,
    md_table,
    openblas_env,
    verdict,
    wait_for_quiet,
    write_json,
)

ALL = ("gd_step", "gd_step_1t", "vectorize", "build", "profile_build", "page_weight")
README = ROOT / "benchmarks" / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


def _run(
    module: str, args: list[str], env: dict[str, str] | None = None, name: str | None = None
) -> dict:
    """python -m benchmarks.<module> ... --json out/<name>.json，返回 JSON 与负载记录。"""
    out = OUT / f"{name or module}.json"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", f"benchmarks.{module}", *args, "--json", str(out)]
    print(f"== {' '.join(cmd[1:])}", file=sys.stderr, flush=True)
    with LoadMonitor() as mon:
        proc = subprocess.run(cmd, cwd=ROOT, env=env or clean_env(), stdout=subprocess.DEVNULL)
    if proc.returncode != 0 or not out.exists():
        return {"error": f"{module} 失败，返回码 {proc.returncode}", "load": mon.result}
    data = json.loads(out.read_text(encoding="utf-8"))
    data["load"] = mon.result
    return data


def machine_table(info: dict) -> str:
    blas = "; ".join(
        f"{b.get('internal_api')} {b.get('version')}，内核 {b.get('architecture')}，"
        f"{b.get('num_threads')} 线程"
        for b in info["blas"]
    )
    rows = [
        [
            "CPU",
            f"{info['cpu']}（/proc/cpuinfo），{info['cores']} 核，缓存 "
            + ", ".join(f"{k} {v}" for k, v in info["caches"].items()),
        ],
        ["内存", f"{info['mem_gib']} GiB"],
        ["Python / numpy", f"{info['python']} / {info['numpy']}"],
        ["BLAS（threadpoolctl）", blas],
        [
            "PyTorch",
            f"{info['torch']}（{info.get('torch_cpu_capability')}，{info.get('torch_threads')} 线程）"
            if info.get("torch")
            else "torch not installed",
        ],
        [
            "父环境的 OPENBLAS_*",
            ", ".join(f"{k}={v}" for k, v in info["openblas_env_in_parent"].items())
            + "（各基准子进程里都去掉了）",
        ],
        [
            "代码版本",
            f"{info.get('git')}{'（工作区有未提交改动）' if info.get('git_dirty') else ''}",
        ],
    ]
    return md_table(["项目", "值"], rows)


def load_table(results: dict) -> str:
    rows = []
    for name in ALL:
        r = results.get(name)
        if r and "load" in r:
            ld = r["load"]
            rows.append(
                [
                    name,
                    f"{ld['wall_s']:.0f} s",
                    ld.get("other_cpu_cores", "—"),
                    f"{ld['loadavg_1min_start']:.2f} → {ld['loadavg_1min_end']:.2f}",
                ]
            )
    return md_table(["基准", "用时", "其他进程平均占用的核数", "1 分钟负载"], rows)


def targets_table(results: dict) -> str:
    rows = []
    for key, label in (("gd_step", "梯度下降"), ("gd_step_1t", "梯度下降（1 线程）")):
        g = results.get(key, {})
        for k, t in g.get("targets", {}).items():
            vals = ", ".join(f"{n}: {x:.2f}" for n, x in t["values"].items()) or t.get("note", "")
            rows.append([f"{label}：{k}", vals, verdict(t["met"])])
    b = results.get("build", {})
    for k, t in b.get("summary", {}).get("targets", {}).items():
        v = t["value"]
        rows.append(
            [f"构建：{k}", f"{v:.2f}" if isinstance(v, float) else str(v), verdict(t["met"])]
        )
    return md_table(["目标", "数值", "结果"], rows)


def render(results: dict) -> str:
    parts = [
        "### 机器",
        "",
        machine_table(results["machine"]),
        "",
        f"运行于 {results['started']}，共 {results['total_s']:.0f} s；开始前等待机器空闲 "
        f"{results['quiet']['waited_s']:.0f} s（当时其他进程占用 {results['quiet']['other_cpu_cores_before_start']} 核）。",
        (
            f"（这次只重跑了 {', '.join(results['partial_rerun']['parts'])}；其余部分来自 "
            f"{results['partial_rerun']['previous_started']} 的完整运行。）"
            if results.get("partial_rerun")
            else ""
        ),
        "",
        load_table(results),
        "",
        "### 目标",
        "",
        targets_table(results),
        "",
    ]
    if "openblas_probe" in results:
        p = results["openblas_probe"]
        rows = [
            [
                label,
                d["blas"][0].get("architecture") if d.get("blas") else "?",
                *(f"{v * 1e3:.3f} ms" for v in d["floor_s"].values()),
            ]
            for label, d in (("设着（父环境）", p["set"]), ("去掉（基准所用）", p["unset"]))
            if "floor_s" in d
        ]
        keys = list(p["unset"].get("floor_s", {}))
        parts += [
            "### OPENBLAS_* 环境变量的影响",
            "",
            md_table(["环境", "OpenBLAS 内核", *[f"下限 {k}" for k in keys]], rows),
            "",
        ]
    sections = (
        ("gd_step", "梯度下降一步（`benchmarks/gd_step.py`，默认线程数）", gd_step.tables),
        (
            "gd_step_1t",
            "梯度下降一步，BLAS 与 torch 都限 1 线程（`benchmarks/gd_step.py --threads 1`）",
            gd_step.tables,
        ),
        ("vectorize", "向量化（`benchmarks/vectorize.py`）", vectorize.tables),
        ("build", "站点构建（`benchmarks/build.py`）", build.tables),
        ("profile_build", "构建慢在哪里（`benchmarks/profile_build.py`）", profile_build.tables),
        ("page_weight", "页面重量（`benchmarks/page_weight.py`）", page_weight.tables),
    )
    for key, title, fn in sections:
        r = results.get(key)
        if r is None:
            continue
        parts += [f"### {title}", ""]
        parts.append(r["error"] if "error" in r else fn(r))
        parts.append("")
    return "\n".join(parts)


def update_readme(md: str) -> bool:
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    if START not in text or END not in text:
        return False
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n\n{md}\n{END}{tail}", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default=",".join(ALL), help="逗号分隔：" + ",".join(ALL))
    ap.add_argument("--quick", action="store_true", help="更少的重复，只用于检查脚本能跑")
    ap.add_argument(
        "--wait-quiet",
        type=float,
        default=120.0,
        help="开始前最多等多少秒，直到其他进程占用 < 0.5 核（默认 120）",
    )
    ap.add_argument(
        "--update-readme", action="store_true", help="把表格写进 benchmarks/README.md 的标记之间"
    )
    args = ap.parse_args(argv)
    only = [x for x in args.only.split(",") if x]
    unknown = set(only) - set(ALL)
    if unknown:
        ap.error(f"未知的基准：{sorted(unknown)}")

    t_start = time.monotonic()
    results: dict = {}
    if set(only) != set(ALL) and (OUT / "results.json").exists():
        # 只重跑一部分：其余部分沿用上一次的 results.json（表里各部分各自注明负载）
        results = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
        for key in only:
            results.pop(key, None)
        results["partial_rerun"] = {"parts": only, "previous_started": results.get("started")}
    results.update(started=time.strftime("%Y-%m-%d %H:%M:%S %z"), machine=machine_info())
    results["quiet"] = wait_for_quiet(args.wait_quiet)
    repeat = ["--repeat", "1"] if args.quick else []

    if any(openblas_env().values()):
        results["openblas_probe"] = {
            "set": _run("gd_step", ["--probe"], env=dict(os.environ)),
            "unset": _run("gd_step", ["--probe"]),
        }
    quick = ["--quick"] if args.quick else []
    if "gd_step" in only:
        results["gd_step_quiet"] = wait_for_quiet(min(60.0, args.wait_quiet))
        results["gd_step"] = _run("gd_step", quick)
    if "gd_step_1t" in only:
        # 2 个核上别的进程一占一个核，2 线程的 BLAS 就会互相等（毫秒级的停顿）；1 线程的结果不受这种干扰
        results["gd_step_1t_quiet"] = wait_for_quiet(min(60.0, args.wait_quiet))
        results["gd_step_1t"] = _run("gd_step", [*quick, "--threads", "1"], name="gd_step_1t")
    if "vectorize" in only:
        results["vectorize"] = _run("vectorize", repeat)
    copy = None
    if "build" in only:
        results["build"] = _run("build", [*repeat, "--keep"])
        copy = results["build"].get("copy")
    try:
        if "profile_build" in only:
            results["profile_build"] = _run(
                "profile_build", [*repeat, *(["--copy", copy] if copy else [])]
            )
        if "page_weight" in only:
            site = results.get("build", {}).get("site_dir")
            results["page_weight"] = _run("page_weight", ["--site", site] if site else [])
    finally:
        if copy:
            shutil.rmtree(copy, ignore_errors=True)
    results["total_s"] = time.monotonic() - t_start
    md = render(results)
    write_json(OUT / "results.json", results)
    (OUT / "results.md").write_text(md, encoding="utf-8")
    print(md)
    if args.update_readme:
        print(
            "README 已更新" if update_readme(md) else f"README 里没有 {START} … {END} 标记，未更新",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
