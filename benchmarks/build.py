"""站点构建的基准：冷构建、热重建、关掉执行的构建，以及 ``mkdocs serve`` 下的增量重建。

全部在仓库的一个**临时副本**里进行（``git ls-files`` 列出的已跟踪文件 + 未被忽略的新文件），
所以 ``rm -rf .cache`` 只删副本的缓存，不影响 ``/work/main`` 里正在工作的人。

一次运行里测：

(a) 冷构建：删掉 ``.cache``（和副本里的 ``__pycache__``），``mkdocs build --strict``，
    每张图都重新训练、每个 notebook 都重新执行；记录 ``.cache/build-times.json`` 里每张图、每个 notebook 的用时；
(b) 热重建：什么都不改，再 ``mkdocs build --strict``；
(c) 同样的构建但 ``DLNOTES_SKIP_EXECUTION=1``（不跑图脚本、不执行 notebook）。这时 SVG 不存在，
    页面里指向图的链接会触发警告，所以 (c) 用 ``--no-strict``（mkdocs.yml 里写了 ``strict: true``，
    不显式关掉就会中止）。
    (b) 与 (c) 交错运行，比值 (b)/(c) 衡量缓存之后还剩多少执行开销。

然后在副本里先后起 ``mkdocs serve --dirty``（README 里的命令）与对照的 ``mkdocs serve``（每次全站重建），
都在 127.0.0.1 的空闲端口上、照 mkdocs.yml 严格构建，通过 HTTP 轮询：

* 改一个页面：从写文件到服务器返回含新内容的页面用了多久；之后检查站点仍然完整：搜索索引里的
  页面与条目数与一开始相同、没有重复条目，API 参考页照常返回；
* 改一个图脚本：等这次重建结束，读 ``build-times.json``，确认只有这张图是 "计算"，其余都是 "缓存"。

运行：``python -m benchmarks.build [--repeat 3] [--keep]``；只量 serve（副本里用仓库现有的 ``.cache``，
不做冷构建）：``python -m benchmarks.build --serve-only``。
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import (  # noqa: E402
    OUT,
    ROOT,
    clean_env,
    fmt_time,
    md_table,
    median,
    verdict,
    write_json,
)

TARGET_COLD_S = 30.0
TARGET_WARM_OVER_SKIP = 1.3
TARGET_PAGE_EDIT_S = 1.0  # README 的 mkdocs serve --dirty：改页面到返回新内容（中位数）
POLL_S = 0.5  # mkdocs 1.6 的 LiveReloadServer 轮询文件的间隔（polling_interval 的默认值）
EDIT_PAGE = "notes-1/introduction.md"  # serve 测试里改的页面
EDIT_FIGURE = "activations"  # serve 测试里改的图脚本（不存在时取第一个）


# ---------------------------------------------------------------- 临时副本
def make_copy(src: Path = ROOT) -> Path:
    """把仓库的已跟踪文件和未被忽略的新文件复制到临时目录（不含 .venv、site、.cache、.git）。"""
    out = subprocess.run(
        ["git", "ls-files", "-z", "-co", "--exclude-standard"],
        cwd=src,
        capture_output=True,
        check=True,
    ).stdout
    files = sorted({f for f in out.decode().split("\0") if f})
    dst = Path(tempfile.mkdtemp(prefix="dlnotes-bench-"))
    n = 0
    for rel in files:
        p = src / rel
        if not p.is_file() or rel.startswith("benchmarks/out/"):
            continue  # 已删除但仍被跟踪的文件
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(p, dst / rel)
        n += 1
    return dst


def _env(copy: Path, **extra: str) -> dict[str, str]:
    # PYTHONPATH 指向副本：hook、图脚本子进程、notebook 内核都导入副本里的 dlnotes
    return clean_env(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(copy), **extra)


def _rm_pycache(copy: Path) -> None:
    for d in copy.rglob("__pycache__"):
        shutil.rmtree(d, ignore_errors=True)


_BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")
_TIMES_ROW = re.compile(r"^(docs/\S+)\s+(计算|缓存|notebook)\s+([0-9.]+)\s*$", re.M)
_ABORTED = re.compile(r"Aborted with (\d+) warnings? in strict mode")


def mkdocs_build(copy: Path, *, strict: bool, skip: bool, log: Path) -> dict:
    """运行一次 ``python -m mkdocs build``，返回墙钟时间、mkdocs 自报的构建时间、警告和 build-times.json。"""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(copy / "site")]
    cmd.append(
        "--strict" if strict else "--no-strict"
    )  # mkdocs.yml 里 strict: true，所以 (c) 要显式关掉
    env = _env(copy, **({"DLNOTES_SKIP_EXECUTION": "1"} if skip else {}))
    times_file = copy / ".cache" / "build-times.json"
    times_file.unlink(missing_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=copy, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    text = proc.stdout + proc.stderr
    log.write_text(text, encoding="utf-8")
    m = _BUILT_IN.search(text)
    a = _ABORTED.search(text)
    res = {
        "wall_s": wall,
        "mkdocs_reported_s": float(m.group(1)) if m else None,
        "returncode": proc.returncode,
        "strict": strict,
        "skip_execution": skip,
        "warnings": [ln.strip() for ln in text.splitlines() if ln.startswith("WARNING")][:20],
        "strict_aborted_warnings": int(a.group(1)) if a else 0,
        "log": str(log),
    }
    try:
        res["build_times"] = json.loads(times_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        res["build_times"] = {}
    return res


# ---------------------------------------------------------------- mkdocs serve
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, b""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, b""


class _ServeLog:
    """读 mkdocs serve 的日志，数 "Building documentation..." 与 "Documentation built in" 各出现了几次。"""

    def __init__(self, path: Path):
        self.path = path

    def counts(self) -> tuple[int, int, list[float]]:
        txt = self.path.read_text(encoding="utf-8", errors="replace")
        built = [float(x) for x in _BUILT_IN.findall(txt)]
        # 完成的构建数：mkdocs 的 "Documentation built in" 偶尔没有出现在日志里，
        # 所以也数钩子在 on_post_build 里打印的用时表的"合计"行，取两者较大者
        totals = len(re.findall(r"^合计\s", txt, re.M))
        return txt.count("Building documentation..."), max(len(built), totals), built

    def wait_idle(self, quiet: float = 0.5, timeout: float = 180.0) -> int:
        """等到没有正在进行的重建、且 ``quiet`` 秒内没有新的重建开始；返回已完成的构建数。"""
        end = time.monotonic() + timeout
        last, since = None, time.monotonic()
        while time.monotonic() < end:
            started, done, _ = self.counts()
            if (started, done) != last:
                last, since = (started, done), time.monotonic()
            elif started == done and time.monotonic() - since >= quiet:
                return done
            time.sleep(0.05)
        raise RuntimeError(f"mkdocs serve {timeout:.0f} 秒内没有空闲下来，见 {self.path}")

    def wait_done_after(self, done_before: int, timeout: float = 180.0) -> int:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            started, done, _ = self.counts()
            if done > done_before and started == done:
                return done
            time.sleep(0.02)
        raise RuntimeError(f"mkdocs serve {timeout:.0f} 秒内没有完成重建，见 {self.path}")


def site_state(base: str, page: str) -> dict:
    """serve 出来的站点是否完整：搜索索引里的页面与条目数、重复条目、API 参考页的状态码。"""
    status, body = _get(base + "search/search_index.json", 10.0)
    docs = json.loads(body)["docs"] if status == 200 else []
    locations = [d["location"] for d in docs]
    keys = [json.dumps(d, sort_keys=True) for d in docs]
    return {
        "index_status": status,
        "index_entries": len(docs),
        "index_pages": sorted({loc.split("#", 1)[0] for loc in locations}),
        "duplicate_entries": len(keys) - len(set(keys)),
        "reference_status": _get(base + "reference/", 10.0)[0],
    }


def serve_bench(
    copy: Path, repeat: int, log: Path, extra_args: tuple[str, ...] = (), figure: bool = True
) -> dict:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    page_md = copy / "docs" / EDIT_PAGE
    page_url = base + EDIT_PAGE.removesuffix(".md") + "/"  # use_directory_urls
    times_file = copy / ".cache" / "build-times.json"
    res: dict = {"port": port, "page": EDIT_PAGE, "page_url": page_url, "args": list(extra_args)}
    slog = _ServeLog(log)
    with open(log, "w", encoding="utf-8") as logf:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                *extra_args,
                "-a",
                f"127.0.0.1:{port}",
            ],
            cwd=copy,
            env=_env(copy),
            stdout=logf,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < 180:
                if proc.poll() is not None:
                    raise RuntimeError(f"mkdocs serve 退出了（{proc.returncode}），见 {log}")
                if _get(page_url, 1.0)[0] == 200:
                    break
                time.sleep(0.1)
            else:
                raise RuntimeError(f"mkdocs serve 180 秒内没有返回 {page_url}")
            res["startup_s"] = time.perf_counter() - t0
            slog.wait_idle(quiet=1.0)
            res["site_at_start"] = site_state(base, EDIT_PAGE)

            # ---- 改一个页面：写文件 → 服务器返回新内容
            original = page_md.read_text(encoding="utf-8")
            edits, rebuilds = [], []
            phase = random.Random(20261202)
            for i in range(repeat):
                done = slog.wait_idle(quiet=1.0)
                # mkdocs serve 每 POLL_S 秒轮询一次文件；写作的人保存的时刻与轮询的相位无关。等空闲之后
                # 固定的节奏会让每次改动都落在同一个相位上（总是等满一整个周期或几乎不等），
                # 所以再等一段 [0, POLL_S) 里的随机时间（固定种子，可重复）
                time.sleep(phase.uniform(0, POLL_S))
                marker = f"benchmark-marker-{os.getpid()}-{i}-{time.time_ns()}"
                t0 = time.perf_counter()
                page_md.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
                while time.perf_counter() - t0 < 120:
                    status, body = _get(page_url, 2.0)
                    if status == 200 and marker.encode() in body:
                        break
                    time.sleep(0.01)
                else:
                    edits.append(None)
                    continue
                edits.append(time.perf_counter() - t0)
                slog.wait_done_after(done)
                built = slog.counts()[2]
                rebuilds.append(built[-1] if built else None)  # 这次重建 mkdocs 自报的用时
            res["page_edit_s"] = edits
            res["page_edit_rebuild_reported_s"] = rebuilds
            slog.wait_idle(quiet=1.0)
            res["site_after_edits"] = site_state(base, EDIT_PAGE)
            res["site_whole_after_edits"] = (
                res["site_after_edits"]["index_pages"] == res["site_at_start"]["index_pages"]
                and res["site_after_edits"]["index_entries"] == res["site_at_start"]["index_entries"]
                and res["site_after_edits"]["duplicate_entries"] == 0
                and res["site_after_edits"]["reference_status"] == 200
            )
            ok = [e for e in edits if e is not None]
            res["page_edit_median_s"] = median(ok) if ok else None
            done = slog.wait_idle(quiet=1.5)
            page_md.write_text(original, encoding="utf-8")
            slog.wait_done_after(
                done
            )  # 先等"改回原样"引起的那次重建结束，免得它与下面的改动混在一起

            # ---- 改一个图脚本：只应重算这一张
            scripts = sorted((copy / "docs" / "figures").glob("*.py"))
            if scripts and figure:
                script = next((s for s in scripts if s.stem == EDIT_FIGURE), scripts[0])
                rel = str(script.relative_to(copy))
                done = slog.wait_idle(quiet=1.5)
                pos = len(log.read_text(encoding="utf-8", errors="replace"))
                t0 = time.perf_counter()
                script.write_text(
                    script.read_text(encoding="utf-8") + f"\n# benchmark edit {time.time_ns()}\n",
                    encoding="utf-8",
                )
                slog.wait_done_after(done)
                elapsed = time.perf_counter() - t0
                slog.wait_idle(quiet=1.5)
                # 这次改动之后的每次重建，钩子都在日志里打印用时表；汇总其中"计算"过的文件
                after = log.read_text(encoding="utf-8", errors="replace")[pos:]
                rows = _TIMES_ROW.findall(after)
                computed = sorted({name for name, kind, _ in rows if kind == "计算"})
                secs = [float(x) for name, kind, x in rows if name == rel and kind == "计算"]
                try:
                    table = json.loads(times_file.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    table = None
                svg_status = _get(base + f"figures/{script.stem}.svg")[0]
                res["figure_edit"] = {
                    "script": rel,
                    "rebuild_done_s": elapsed,
                    "figure_seconds": secs[0] if secs else None,
                    "rebuilds_after_edit": len(_BUILT_IN.findall(after)),
                    "build_times": table,
                    "recomputed": computed,
                    "only_that_figure": computed == [rel],
                    "svg_http_status": svg_status,
                }
        finally:
            try:
                os.killpg(proc.pid, signal.SIGINT)  # 只结束自己启动的 serve（它自己的进程组）
                proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
    res["serve_reported_builds_s"] = slog.counts()[2]
    return res


# ---------------------------------------------------------------- 主体
def serve_runs(res: dict, copy: Path, repeat: int, logs: Path) -> None:
    """README 的 ``mkdocs serve --dirty``，和对照的 ``mkdocs serve``（每次全站重建）。"""
    nb_cache = copy / ".cache" / "mkdocs-jupyter"
    before = sorted(p.name for p in nb_cache.rglob("*.json"))
    res["serve_dirty"] = serve_bench(copy, repeat, logs / "serve-dirty.log", ("--dirty",))
    after = sorted(p.name for p in nb_cache.rglob("*.json"))
    # mkdocs-jupyter 会把这次没渲染的 notebook 的缓存当作过期删掉；docs/hooks/serve.py 让它不这样做
    res["serve_dirty"]["notebook_cache_entries"] = {"before": len(before), "after": len(after),
                                                    "kept": before == after}
    print(f"  serve --dirty: page edit {res['serve_dirty'].get('page_edit_s')}", file=sys.stderr, flush=True)
    res["serve"] = serve_bench(copy, repeat, logs / "serve.log")
    print(f"  serve: page edit {res['serve'].get('page_edit_s')}", file=sys.stderr, flush=True)


def run_serve_only(repeat: int = 5) -> dict:
    """只量 serve：副本里放进仓库现有的 ``.cache``（图、notebook、公式都命中缓存）。"""
    copy = make_copy()
    if (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", copy / ".cache", dirs_exist_ok=True)
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    res: dict = {"copy": str(copy), "cold": [], "warm": [], "skip": []}
    try:
        serve_runs(res, copy, repeat, logs)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    res["summary"] = summarize(res)
    return res


def run(
    repeat: int = 3, keep: bool = False, copy: Path | None = None, cold_repeat: int | None = None
) -> dict:
    copy = copy or make_copy()
    logs = OUT / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    res: dict = {"copy": str(copy), "cold": [], "warm": [], "skip": []}
    cold_repeat = repeat if cold_repeat is None else cold_repeat
    try:
        for i in range(cold_repeat):
            shutil.rmtree(copy / ".cache", ignore_errors=True)
            _rm_pycache(copy)
            r = mkdocs_build(copy, strict=True, skip=False, log=logs / f"build-cold-{i}.log")
            res["cold"].append(r)
            print(
                f"  build cold #{i}: {r['wall_s']:.1f} s (rc={r['returncode']})",
                file=sys.stderr,
                flush=True,
            )
        # 热重建与关执行的构建交错进行，经历相同的机器状态
        for i in range(repeat):
            res["warm"].append(
                mkdocs_build(copy, strict=True, skip=False, log=logs / f"build-warm-{i}.log")
            )
            res["skip"].append(
                mkdocs_build(copy, strict=False, skip=True, log=logs / f"build-skip-{i}.log")
            )
            print(
                f"  build warm #{i}: {res['warm'][-1]['wall_s']:.1f} s, skip #{i}: "
                f"{res['skip'][-1]['wall_s']:.1f} s",
                file=sys.stderr,
                flush=True,
            )
        # 最后一次热构建产生的站点留给 page_weight（skip 构建会覆盖 site/，所以再热构建一次）
        final = mkdocs_build(copy, strict=False, skip=False, log=logs / "build-final.log")
        res["site_dir"] = str(copy / "site")
        res["final_build_ok"] = final["returncode"] == 0
        serve_runs(res, copy, repeat, logs)
    finally:
        if not keep:
            res["site_dir"] = None
            shutil.rmtree(copy, ignore_errors=True)
    res["summary"] = summarize(res)
    return res


def _per_file_medians(builds: list[dict]) -> dict[str, dict]:
    names = sorted({k for b in builds for k in b["build_times"]})
    out = {}
    for n in names:
        vals = [b["build_times"][n]["seconds"] for b in builds if n in b["build_times"]]
        kinds = {b["build_times"][n]["kind"] for b in builds if n in b["build_times"]}
        out[n] = {"kind": "/".join(sorted(kinds)), "median_s": median(vals), "runs": vals}
    return out


def _whole(sv: dict) -> str | None:
    after, start = sv.get("site_after_edits"), sv.get("site_at_start")
    if not after or not start:
        return None
    return (f"索引 {start['index_entries']} → {after['index_entries']} 条（{len(after['index_pages'])} 页，"
            f"重复 {after['duplicate_entries']}），API 参考 HTTP {after['reference_status']}")


def summarize(res: dict) -> dict:
    cold = median([b["wall_s"] for b in res["cold"]]) if res["cold"] else None
    warm = median([b["wall_s"] for b in res["warm"]]) if res["warm"] else None
    skip = median([b["wall_s"] for b in res["skip"]]) if res["skip"] else None
    s = res.get("serve", {})
    sd = res.get("serve_dirty", {})
    fe = sd.get("figure_edit") or s.get("figure_edit", {})
    strict_ok = all(b["returncode"] == 0 for b in res["cold"] + res["warm"])
    return {
        "cold_s": cold,
        "warm_s": warm,
        "skip_s": skip,
        "warm_over_skip": warm / skip if warm and skip else None,
        "strict_builds_ok": strict_ok,
        "per_file_cold": _per_file_medians(res["cold"]),
        "per_file_warm": _per_file_medians(res["warm"]),
        "page_edit_s": s.get("page_edit_median_s"),
        "page_edit_dirty_s": sd.get("page_edit_median_s"),
        "figure_edit_only_that_figure": fe.get("only_that_figure"),
        "targets": {
            f"cold build <= {TARGET_COLD_S:.0f} s": {
                "value": cold,
                "met": None if cold is None else cold <= TARGET_COLD_S,
            },
            f"warm / skip-execution <= {TARGET_WARM_OVER_SKIP}": {
                "value": warm / skip if warm and skip else None,
                "met": None if not (warm and skip) else warm / skip <= TARGET_WARM_OVER_SKIP,
            },
            f"serve --dirty: page edit re-rendered <= {TARGET_PAGE_EDIT_S:.1f} s (median)": {
                "value": sd.get("page_edit_median_s"),
                "met": None
                if sd.get("page_edit_median_s") is None
                else sd["page_edit_median_s"] <= TARGET_PAGE_EDIT_S,
            },
            "serve --dirty: search index and API reference whole after edits": {
                "value": _whole(sd),
                "met": sd.get("site_whole_after_edits"),
            },
            "serve --dirty: notebook cache kept": {
                "value": sd.get("notebook_cache_entries"),
                "met": sd.get("notebook_cache_entries", {}).get("kept"),
            },
            "serve --dirty: figure edit recomputes only that figure": {
                "value": fe.get("recomputed"),
                "met": fe.get("only_that_figure"),
            },
        },
    }


def tables(res: dict) -> str:
    s = res["summary"]

    def runs(key):
        return ", ".join(f"{b['wall_s']:.2f}" for b in res[key])

    def reported(key):
        vals = [b["mkdocs_reported_s"] for b in res[key] if b["mkdocs_reported_s"] is not None]
        return f"{median(vals):.2f} s" if vals else "—"

    def rc(key):
        bad = [b for b in res[key] if b["returncode"] != 0]
        if not bad:
            return "成功"
        n = max(b["strict_aborted_warnings"] for b in bad)
        return f"失败（--strict：{n} 个警告）" if n else f"失败（返回码 {bad[0]['returncode']}）"

    rows = [
        [
            "(a) 冷构建 `--strict`（删 .cache）",
            runs("cold"),
            fmt_time(s["cold_s"]),
            reported("cold"),
            rc("cold"),
        ],
        [
            "(b) 热重建 `--strict`（什么都没改）",
            runs("warm"),
            fmt_time(s["warm_s"]),
            reported("warm"),
            rc("warm"),
        ],
        [
            "(c) DLNOTES_SKIP_EXECUTION=1（无 --strict）",
            runs("skip"),
            fmt_time(s["skip_s"]),
            reported("skip"),
            rc("skip"),
        ],
    ]
    parts = [
        md_table(["构建", "各次墙钟时间 (s)", "中位数", "mkdocs 自报（中位数）", "结果"], rows),
        "",
    ] if res["cold"] else []
    frows = [
        [
            f"`{n}`",
            v["kind"],
            f"{v['median_s']:.2f}",
            ", ".join(f"{x:.2f}" for x in v["runs"]),
            f"{s['per_file_warm'].get(n, {}).get('median_s', float('nan')):.2f}",
        ]
        for n, v in sorted(s["per_file_cold"].items(), key=lambda kv: -kv[1]["median_s"])
    ]
    total = sum(v["median_s"] for v in s["per_file_cold"].values())
    frows.append(["合计（各文件中位数之和）", "", f"{total:.2f}", "", ""])
    parts += [] if not res["cold"] else [
        "冷构建里每张图、每个 notebook 的用时（hook 写的 `.cache/build-times.json`；图在进程池里并行，"
        "与页面渲染同时进行，所以合计可以大于墙钟时间）：",
        "",
        md_table(["文件", "方式", "冷构建中位数 (s)", "各次 (s)", "热重建 (s)"], frows),
        "",
    ]
    for key, name, note in (
        ("serve_dirty", "mkdocs serve --dirty", "只重建改过的页面，见 docs/hooks/serve.py"),
        ("serve", "mkdocs serve", "进程内重建，但每次都是全站重建"),
    ):
        sv = res.get(key, {})
        if not sv:
            continue
        fe = sv.get("figure_edit", {})
        whole = sv.get("site_after_edits", {})
        parts.append(
            f"`{name}`（{note}）：启动到首页可用 {fmt_time(sv.get('startup_s'))}；改 `{sv.get('page')}` 到服务器返回新内容："
            f"{', '.join(fmt_time(x) for x in sv.get('page_edit_s', []))}（中位数 {fmt_time(sv.get('page_edit_median_s'))}）；"
            f"这几次重建 mkdocs 自报 "
            f"{', '.join(f'{x:.2f}' for x in sv.get('page_edit_rebuild_reported_s', []) if x is not None)} s。"
            f"改完后搜索索引 {whole.get('index_entries')} 条（一开始 {sv.get('site_at_start', {}).get('index_entries')} 条）、"
            f"{len(whole.get('index_pages', []))} 个页面、重复 {whole.get('duplicate_entries')} 条，"
            f"API 参考页 HTTP {whole.get('reference_status')}：站点完整 {sv.get('site_whole_after_edits')}。"
        )
        if fe:
            parts.append(
                f"改 `{fe['script']}` 后重建结束用 {fmt_time(fe.get('rebuild_done_s'))}"
                f"（其中这张图重算 {fe.get('figure_seconds')} s），"
                f"重新计算的图：{fe['recomputed']}（只有这一张：{fe['only_that_figure']}），"
                f"SVG HTTP {fe['svg_http_status']}。"
            )
        nbc = sv.get("notebook_cache_entries")
        if nbc:
            parts.append(f"mkdocs-jupyter 的 notebook 缓存条目前后：{nbc['before']} → {nbc['after']}（保留：{nbc['kept']}）。")
        parts.append("")
    parts.append(
        md_table(
            ["目标", "数值", "结果"],
            [[k, _fmt_val(t["value"]), verdict(t["met"])] for k, t in s["targets"].items()],
        )
    )
    return "\n".join(parts)


def _fmt_val(v) -> str:
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cold-repeat", type=int, default=None, help="冷构建次数（默认同 --repeat）")
    ap.add_argument("--keep", action="store_true", help="保留临时副本（含构建好的 site/）")
    ap.add_argument("--serve-only", action="store_true", help="只量 mkdocs serve（用仓库现有的 .cache，不做冷构建）")
    ap.add_argument("--json", type=Path, default=OUT / "build.json")
    args = ap.parse_args(argv)
    if args.serve_only:
        res = run_serve_only(args.repeat)
    else:
        res = run(args.repeat, args.keep, cold_repeat=args.cold_repeat)
    write_json(args.json, res)
    print(tables(res))
    if args.keep:
        print(f"\n临时副本：{res['copy']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
