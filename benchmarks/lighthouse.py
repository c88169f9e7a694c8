"""Lighthouse（移动端默认设置）逐页打分：性能、无障碍、最佳做法、SEO；"之前/之后"在同一次运行里交错测。

* Lighthouse 来自 npm（``benchmarks/lighthouse/package-lock.json`` 锁定版本），驱动 Debian 的
  ``/usr/bin/chromium``（``CHROME_PATH``；不下载浏览器）。装：``npm ci --prefix benchmarks/lighthouse``。
* 站点由 ``benchmarks/gzip_server.py`` 像静态托管那样用 gzip 提供（``http.server`` 不压缩，
  会把传输量算大几倍）。
* "之后"是当前工作树（在临时副本里构建，或 ``--site DIR``）；"之前"是 ``--before-rev REV``
  那个提交（``git archive`` 到临时目录，带上本仓库的 ``.cache`` 加快构建），或 ``--before DIR``。
  每一页先后测两边（每页轮换先后），两边经历同样的机器负载；分数随负载波动，只在同一次运行里比较。
* Lighthouse 是基准，不是测试：目标没达到时照常结束，表里标出来。

    npm ci --prefix benchmarks/lighthouse
    python -m benchmarks.lighthouse --before-rev c147622 --update-readme
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import gzip_server  # noqa: E402
from benchmarks._common import OUT, ROOT, LoadMonitor, md_table, write_json  # noqa: E402

LH_DIR = ROOT / "benchmarks" / "lighthouse"
LH_BIN = LH_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "性能", "accessibility": "无障碍", "best-practices": "最佳做法", "seo": "SEO"}
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"


def pages_of(site: Path) -> list[str]:
    """站点里的页面路径（``/``、``/notes-1/basics/``……；404 页不算）。"""
    out = []
    for p in sorted(site.rglob("index.html")):
        rel = p.relative_to(site)
        if "assets" in rel.parts:
            continue
        out.append("/" + "".join(f"{part}/" for part in rel.parts[:-1]))
    return out


def build(src: Path, log: Path) -> Path:
    """在 ``src``（仓库副本）里 ``mkdocs build --strict``，返回站点目录。"""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(src)}
    env.pop("DLNOTES_SKIP_EXECUTION", None)
    site = src / "site"
    with log.open("w") as fh:
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                       cwd=src, env=env, stdout=fh, stderr=subprocess.STDOUT, check=True)
    return site


def checkout(rev: str | None) -> Path:
    """``rev``（None = 工作树，含未提交的改动）复制到临时目录，带上仓库的 ``.cache``。"""
    dst = Path(tempfile.mkdtemp(prefix="dlnotes-lh-"))
    if rev is None:
        from benchmarks.build import make_copy

        shutil.rmtree(dst)
        dst = make_copy()
    else:
        data = subprocess.run(["git", "archive", "--format=tar", rev], cwd=ROOT, check=True,
                              capture_output=True).stdout
        with tempfile.TemporaryFile() as fh:
            fh.write(data)
            fh.seek(0)
            with tarfile.open(fileobj=fh) as tar:
                tar.extractall(dst, filter="data")
    if (ROOT / ".cache").is_dir() and not (dst / ".cache").exists():
        shutil.copytree(ROOT / ".cache", dst / ".cache")
    return dst


def lighthouse(url: str) -> dict:
    """对 ``url`` 跑一次 Lighthouse（移动端默认），返回分数、几个性能指标和没满分的审计。"""
    if not LH_BIN.is_file():
        raise SystemExit(f"找不到 {LH_BIN}：请先运行 npm ci --prefix benchmarks/lighthouse")
    env = {**os.environ, "CHROME_PATH": CHROME}
    cmd = [str(LH_BIN), url, "--output=json", "--output-path=stdout", "--quiet",
           "--only-categories=" + ",".join(CATEGORIES),
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse {url} 失败：{proc.stderr[-2000:]}")
    lhr = json.loads(proc.stdout)
    audits = lhr["audits"]
    scores = {c: round(100 * lhr["categories"][c]["score"]) for c in CATEGORIES}
    failed = {}
    for c in CATEGORIES:
        for ref in lhr["categories"][c]["auditRefs"]:
            a = audits[ref["id"]]
            if ref["weight"] > 0 and a.get("score") is not None and a["score"] < 1:
                failed.setdefault(c, []).append(ref["id"])
    metric = lambda k: audits[k].get("numericValue")  # noqa: E731
    return {"scores": scores, "failed": failed, "lighthouse": lhr["lighthouseVersion"],
            "tbt_ms": metric("total-blocking-time"), "lcp_ms": metric("largest-contentful-paint"),
            "cls": metric("cumulative-layout-shift"), "bytes": metric("total-byte-weight")}


def measure(sites: dict[str, Path], pages: list[str]) -> dict:
    servers = {name: gzip_server.serve(site) for name, site in sites.items()}
    names = list(sites)
    res: dict = {"pages": {}, "load": {}}
    try:
        with LoadMonitor() as mon:
            for i, path in enumerate(pages):
                order = names[i % len(names):] + names[:i % len(names)]
                res["pages"][path] = {}
                for name in order:
                    if not (sites[name] / path.lstrip("/") / "index.html").is_file():
                        continue
                    t0 = time.perf_counter()
                    r = lighthouse(servers[name][0] + path)
                    r["seconds"] = round(time.perf_counter() - t0, 1)
                    res["pages"][path][name] = r
                    print(path, name, r["scores"], {k: v for k, v in r["failed"].items()}, flush=True)
        res["load"] = mon.result
    finally:
        for _, server in servers.values():
            server.shutdown()
            server.server_close()
    return res


def _cell(r: dict | None, cat: str) -> str:
    if r is None:
        return "—"
    s = r["scores"][cat]
    return f"**{s}**" if s >= GOALS[cat] else str(s)


def table(res: dict) -> str:
    names = [n for n in ("before", "after") if any(n in v for v in res["pages"].values())]
    header = ["页面"] + [f"{SHORT[c]}（{'/'.join({'before': '前', 'after': '后'}[n] for n in names)}）"
                         for c in CATEGORIES] + ["TBT 后", "LCP 后", "CLS 前/后"]
    rows = []
    for path, by in res["pages"].items():
        after = by.get("after")
        rows.append([f"`{path}`"] + [" / ".join(_cell(by.get(n), c) for n in names) for c in CATEGORIES]
                    + [f"{after['tbt_ms']:.0f} ms" if after else "—",
                       f"{after['lcp_ms'] / 1000:.1f} s" if after else "—",
                       " / ".join(f"{by[n]['cls']:.3f}" if n in by else "—" for n in names)])
    return md_table(header, rows)


def failures(res: dict, name: str = "after") -> str:
    seen: dict[str, set[str]] = {}
    for path, by in res["pages"].items():
        for cat, ids in by.get(name, {}).get("failed", {}).items():
            for i in ids:
                seen.setdefault(f"{SHORT[cat]}：`{i}`", set()).add(path)
    return "\n".join(f"- {k}（{len(v)} 页）" for k, v in sorted(seen.items())) or "- 无"


def render(res: dict) -> str:
    meta = res.get("meta", {})
    return "\n".join([
        f"Lighthouse {meta.get('lighthouse', '?')}，移动端默认设置（模拟慢速 4G 与 4 倍 CPU 降速），"
        f"Debian Chromium，gzip 静态服务器；之前 = `{meta.get('before', '—')}`，之后 = `{meta.get('after', '—')}`；"
        f"测量期间别的进程平均占用 {res['load'].get('other_cpu_cores', '?')} 个核。"
        "粗体 = 达到目标（性能 ≥ 95，其余 100）。",
        "",
        table(res),
        "",
        "之后仍没满分的审计（按类别，括号里是页数）：",
        "",
        failures(res),
    ])


def update_readme(md: str) -> None:
    readme = ROOT / "benchmarks" / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{readme} 里没有 {START} … {END} 标记")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{md}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="'之后' 的站点目录；不给时在工作树的临时副本里构建")
    ap.add_argument("--before", type=Path, help="'之前' 的站点目录")
    ap.add_argument("--before-rev", help="'之前' 的提交：git archive 出来构建")
    ap.add_argument("--pages", help="只测这些页面，逗号分隔（例如 /,/notes-1/basics/）")
    ap.add_argument("--update-readme", action="store_true", help="把表写进 benchmarks/README.md 的标记之间")
    ap.add_argument("--json", type=Path, default=OUT / "lighthouse.json")
    args = ap.parse_args(argv)
    (OUT / "logs").mkdir(parents=True, exist_ok=True)
    temps: list[Path] = []
    try:
        sites, meta = {}, {}
        if args.before or args.before_rev:
            if args.before:
                sites["before"], meta["before"] = args.before, str(args.before)
            else:
                src = checkout(args.before_rev)
                temps.append(src)
                sites["before"] = build(src, OUT / "logs" / "lighthouse-before-build.log")
                meta["before"] = args.before_rev
        if args.site:
            sites["after"], meta["after"] = args.site, str(args.site)
        else:
            src = checkout(None)
            temps.append(src)
            sites["after"] = build(src, OUT / "logs" / "lighthouse-after-build.log")
            rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip()
            dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                                   text=True).stdout.strip()
            meta["after"] = rev + ("+改动" if dirty else "")
        pages = args.pages.split(",") if args.pages else pages_of(sites["after"])
        res = measure(sites, pages)
        versions = {r["lighthouse"] for by in res["pages"].values() for r in by.values()}
        res["meta"] = {**meta, "lighthouse": ", ".join(sorted(versions))}
    finally:
        for t in temps:
            shutil.rmtree(t, ignore_errors=True)
    write_json(args.json, res)
    md = render(res)
    print(md)
    if args.update_readme:
        update_readme(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
