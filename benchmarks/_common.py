"""基准脚本共用的小工具：机器描述、交错计时、Markdown 表格、结果文件。"""

from __future__ import annotations

import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # 仓库根目录
OUT = ROOT / "benchmarks" / "out"

# 这两个 OpenBLAS 变量会让 OpenBLAS 选错内核 / 错误的分块大小，拖慢 numpy；
# 基准在子进程里把它们去掉（只影响该子进程），并记录原值。
OPENBLAS_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def clean_env(**extra: str) -> dict[str, str]:
    """当前环境去掉 ``OPENBLAS_VARS``，再加上 ``extra``。"""
    env = {k: v for k, v in os.environ.items() if k not in OPENBLAS_VARS}
    env.update(extra)
    return env


def openblas_env() -> dict[str, str | None]:
    return {k: os.environ.get(k) for k in OPENBLAS_VARS}


# ---------------------------------------------------------------- 机器描述
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _cache_sizes() -> dict[str, str]:
    out: dict[str, str] = {}
    base = Path("/sys/devices/system/cpu/cpu0/cache")
    for idx in sorted(base.glob("index*")) if base.is_dir() else ():
        try:
            level = (idx / "level").read_text().strip()
            kind = (idx / "type").read_text().strip()
            size = (idx / "size").read_text().strip()
        except OSError:
            continue
        name = f"L{level}" + ({"Data": "d", "Instruction": "i"}.get(kind, ""))
        out[name] = size
    return out


def _mem_total_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def blas_info() -> list[dict]:
    """numpy 实际加载的 BLAS 与它选中的内核（threadpoolctl 的 architecture 字段）。"""
    import numpy as np  # noqa: F401  - 先加载 numpy，threadpoolctl 才看得到它的 BLAS

    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return [{"error": "threadpoolctl not installed"}]
    keep = ("internal_api", "version", "architecture", "num_threads", "threading_layer", "filepath")
    return [{k: d.get(k) for k in keep} for d in threadpool_info()]


def machine_info() -> dict:
    import numpy as np

    info = {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "caches": _cache_sizes(),
        "mem_gib": _mem_total_gib(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": blas_info(),
        "openblas_env_in_parent": openblas_env(),
    }
    try:
        import torch

        info["torch"] = torch.__version__
        info["torch_threads"] = torch.get_num_threads()
        info["torch_cpu_capability"] = torch.backends.cpu.get_cpu_capability()
    except ImportError:
        info["torch"] = None
    try:
        info["git"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
        )
        info["git_dirty"] = bool(dirty.stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        info["git"] = None
    return info


# ---------------------------------------------------------------- 机器负载
def _busy_jiffies() -> tuple[int, int] | None:
    """/proc/stat 的 (非空闲, 总) jiffies，所有 CPU 合计。"""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    except (OSError, ValueError, IndexError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


class LoadMonitor:
    """记录一段时间里"别人"占用了多少 CPU：机器总忙碌时间减去本进程（及已回收子进程）的 CPU 时间。

    这台机器上别的工程师也在跑构建和测试；基准结果旁边写上当时的负载，读数时才知道该信几分。
    """

    def __enter__(self) -> LoadMonitor:
        self.t0 = time.monotonic()
        self.j0 = _busy_jiffies()
        self.own0 = self._own()
        self.load0 = os.getloadavg()[0]
        return self

    @staticmethod
    def _own() -> float:
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def __exit__(self, *exc) -> None:
        wall = time.monotonic() - self.t0
        j1 = _busy_jiffies()
        self.result = {
            "wall_s": round(wall, 2),
            "loadavg_1min_start": self.load0,
            "loadavg_1min_end": os.getloadavg()[0],
        }
        if self.j0 and j1 and wall > 0:
            hz = os.sysconf("SC_CLK_TCK")
            busy = (j1[0] - self.j0[0]) / hz
            own = self._own() - self.own0
            self.result["other_cpu_cores"] = round(max(0.0, busy - own) / wall, 2)


def wait_for_quiet(max_wait: float = 0.0, threshold: float = 0.5, poll: float = 5.0) -> dict:
    """最多等 ``max_wait`` 秒，直到别的进程平均占用少于 ``threshold`` 个核（5 秒窗口）。"""
    waited = 0.0
    while True:
        with LoadMonitor() as mon:
            time.sleep(poll)
        other = mon.result.get("other_cpu_cores", 0.0)
        if other < threshold or waited >= max_wait:
            return {"waited_s": waited, "other_cpu_cores_before_start": other}
        waited += poll


# ---------------------------------------------------------------- 计时
def interleaved(
    funcs: dict[str, Callable[[], object]], repeat: int = 7, warmup: int = 1
) -> dict[str, list[float]]:
    """交错计时：每一轮把所有变体各跑一次（每轮轮换起点），这样它们经历相同的机器状态。

    返回每个变体 ``repeat`` 次调用的秒数；调用方取中位数。计时期间关闭 GC。
    """
    names = list(funcs)
    for _ in range(warmup):
        for name in names:
            funcs[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    enabled = gc.isenabled()
    gc.disable()
    try:
        for r in range(repeat):
            k = r % len(names)
            for name in names[k:] + names[:k]:
                t0 = time.perf_counter()
                funcs[name]()
                times[name].append(time.perf_counter() - t0)
    finally:
        if enabled:
            gc.enable()
    return times


def median(xs: Iterable[float]) -> float:
    return statistics.median(list(xs))


def spread(xs: Sequence[float]) -> float:
    """(最大 − 最小) / 中位数：衡量这组计时有多稳定。"""
    m = median(xs)
    return (max(xs) - min(xs)) / m if m else float("nan")


# ---------------------------------------------------------------- 输出
def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def fmt_bytes(n: float | None) -> str:
    if n is None:
        return "—"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def md_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    rows = [[str(c) for c in row] for row in rows]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def verdict(ok: bool | None) -> str:
    return {True: "✅ 达标", False: "❌ 未达标", None: "—"}[ok]


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def run_as_script(main: Callable[[list[str]], int]) -> None:
    sys.exit(main(sys.argv[1:]))
