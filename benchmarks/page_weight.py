"""页面重量：在无头 Chromium 里打开构建好的站点，统计传输字节数与请求数。

站点由本进程在 127.0.0.1 的空闲端口上用 ``http.server`` 提供，响应头加上
``Cache-Control: max-age=600``（与 GitHub Pages 相同），不压缩（``http.server`` 不做 gzip；
表里另给出 "gzip 后" 的估计：把每个经网络传输的文件用 gzip -6 压缩后的大小）。

用 Playwright 驱动 ``/usr/bin/chromium``（从不 ``playwright install``），通过 CDP 的 Network 事件计数：
``loadingFinished.encodedDataLength``（实际经网络传输的字节，含响应头）、``requestServedFromCache``、
``responseReceived.fromDiskCache``。

* 第一页：新的浏览器上下文（空缓存）打开首页；
* 第二页：同一个上下文里接着打开另一页（静态资源已缓存）；
* 另外每一页各在新上下文里冷启动打开一次，给出每页的冷重量。

运行：``python -m benchmarks.page_weight --site DIR``（不给 ``--site`` 时在临时副本里构建一次）。
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import sys
import threading
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import OUT, fmt_bytes, md_table, write_json  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
FIRST = ""  # 首页
SECOND = "notes-1/basics/"  # 第二页（不存在时取另一个内容页）


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args):  # 安静
        pass


def serve_site(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Handler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def content_pages(site: Path) -> list[str]:
    pages = []
    for p in sorted(site.rglob("index.html")):
        rel = p.parent.relative_to(site).as_posix()
        if rel.startswith(("assets", "search")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


class Recorder:
    """收集一个页面打开过程中的 CDP Network 事件。"""

    def __init__(self, cdp):
        self.req: dict[str, dict] = {}
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._resp)
        cdp.on("Network.requestServedFromCache", self._cache)
        cdp.on("Network.loadingFinished", self._done)
        cdp.on("Network.loadingFailed", self._failed)

    def _get(self, rid):
        return self.req.setdefault(
            rid,
            {
                "url": None,
                "type": None,
                "bytes": 0,
                "cache": False,
                "status": None,
                "failed": False,
            },
        )

    def _sent(self, e):
        r = self._get(e["requestId"])
        r["url"], r["type"] = e["request"]["url"], e.get("type")

    def _resp(self, e):
        r = self._get(e["requestId"])
        resp = e["response"]
        r["status"] = resp.get("status")
        r["type"] = e.get("type") or r["type"]
        if (
            resp.get("fromDiskCache")
            or resp.get("fromPrefetchCache")
            or resp.get("fromServiceWorker")
        ):
            r["cache"] = True

    def _cache(self, e):
        self._get(e["requestId"])["cache"] = True

    def _done(self, e):
        self._get(e["requestId"])["bytes"] = e.get("encodedDataLength", 0)

    def _failed(self, e):
        self._get(e["requestId"])["failed"] = True

    def take(self) -> list[dict]:
        out = [r for r in self.req.values() if r["url"] and not r["url"].startswith("data:")]
        self.req = {}
        return out


def _gzip_size(site: Path, base: str, url: str, cache: dict) -> int | None:
    if not url.startswith(base):
        return None
    path = unquote(urlsplit(url).path)
    f = site / path.lstrip("/")
    if f.is_dir() or path.endswith("/"):
        f = f / "index.html"
    if not f.is_file():
        return None
    if f not in cache:
        raw = f.read_bytes()
        cache[f] = min(len(raw), len(gzip.compress(raw, 6)))
    return cache[f]


def summarize_requests(reqs: list[dict], site: Path, base: str, gz: dict) -> dict:
    net = [r for r in reqs if not r["cache"]]
    by_type: dict[str, dict] = defaultdict(lambda: {"requests": 0, "bytes": 0})
    for r in net:
        t = by_type[r["type"] or "Other"]
        t["requests"] += 1
        t["bytes"] += r["bytes"]
    gz_total = 0
    for r in net:
        g = _gzip_size(site, base, r["url"], gz)
        gz_total += g if g is not None else r["bytes"]
    return {
        "requests": len(reqs),
        "network_requests": len(net),
        "from_cache": len(reqs) - len(net),
        "not_modified_304": sum(1 for r in net if r["status"] == 304),
        "failed": [r["url"] for r in reqs if r["failed"] or (r["status"] or 0) >= 400],
        "bytes": sum(r["bytes"] for r in net),
        "bytes_gzip_estimate": gz_total,
        "by_type": dict(sorted(by_type.items(), key=lambda kv: -kv[1]["bytes"])),
        "largest": sorted(
            ({"url": r["url"].removeprefix(base), "bytes": r["bytes"]} for r in net),
            key=lambda r: -r["bytes"],
        )[:8],
    }


def measure(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    httpd, base = serve_site(site)
    pages = content_pages(site)
    second = SECOND if SECOND in pages else next((p for p in pages if p != FIRST), FIRST)
    gz: dict = {}
    res: dict = {"base": base, "pages": pages, "first": FIRST, "second": second}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            res["browser_version"] = browser.version

            def open_in(context, path):
                page = context.pages[0] if context.pages else context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                rec = Recorder(cdp)
                page.goto(base + path, wait_until="networkidle")
                # 公式在构建时排好（没有公式脚本）；等字体（MathJax 字体、中文子集按需下载）加载完，
                # 再等网络空闲，这样字体请求每次都算进来
                page.evaluate("async () => { await document.fonts.ready; }")
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                reqs = rec.take()
                cdp.detach()
                return summarize_requests(reqs, site, base, gz)

            ctx = browser.new_context()
            res["first_page_cold"] = open_in(ctx, FIRST)
            res["second_page_warm"] = open_in(ctx, second)
            ctx.close()
            res["each_page_cold"] = {}
            for p in pages:
                ctx = browser.new_context()
                res["each_page_cold"][p] = open_in(ctx, p)
                ctx.close()
            browser.close()
    finally:
        httpd.shutdown()
    return res


def tables(res: dict) -> str:
    def row(label, s):
        return [
            label,
            s["requests"],
            s["network_requests"],
            s["from_cache"],
            fmt_bytes(s["bytes"]),
            fmt_bytes(s["bytes_gzip_estimate"]),
        ]

    head = ["页面", "请求数", "经网络", "来自缓存", "传输字节", "gzip 后（估计）"]
    rows = [
        row(f"第一页 `/{res['first']}`（空缓存）", res["first_page_cold"]),
        row(f"第二页 `/{res['second']}`（同一上下文，资源已缓存）", res["second_page_warm"]),
    ]
    rows += [row(f"`/{p}`（空缓存）", s) for p, s in res["each_page_cold"].items()]
    first = res["first_page_cold"]
    types = md_table(
        ["类型", "请求", "字节"],
        [[t, v["requests"], fmt_bytes(v["bytes"])] for t, v in first["by_type"].items()],
    )
    largest = md_table(
        ["最大的文件（第一页）", "字节"],
        [
            [
                f"`{x['url'] or '/'}`（页面 HTML）"
                if not x["url"] or x["url"].endswith("/")
                else f"`{x['url']}`",
                fmt_bytes(x["bytes"]),
            ]
            for x in first["largest"]
        ],
    )
    failed = sorted(
        {
            u
            for s in [first, res["second_page_warm"], *res["each_page_cold"].values()]
            for u in s["failed"]
        }
    )
    return "\n\n".join(
        [
            f"Chromium {res.get('browser_version')}，http.server + `Cache-Control: max-age=600`，不压缩。",
            md_table(head, rows),
            types,
            largest,
            f"失败或 ≥400 的请求：{failed if failed else '无'}",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, help="构建好的站点目录；不给时在临时副本里构建一次")
    ap.add_argument("--json", type=Path, default=OUT / "page_weight.json")
    args = ap.parse_args(argv)
    copy = None
    site = args.site
    if site is None:
        from benchmarks.build import make_copy, mkdocs_build

        copy = make_copy()
        (OUT / "logs").mkdir(parents=True, exist_ok=True)
        mkdocs_build(copy, strict=False, skip=False, log=OUT / "logs" / "page-weight-build.log")
        site = copy / "site"
    try:
        res = measure(site)
    finally:
        if copy is not None:
            shutil.rmtree(copy, ignore_errors=True)
    write_json(args.json, res)
    print(tables(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
