"""一个很小的静态服务器：像静态托管（GitHub Pages、Netlify、nginx 的 gzip on）那样压缩文本文件。

``python -m http.server`` 不压缩，用它量 Lighthouse 会把传输字节算大好几倍，与读者实际下载的不符。
这里：请求带 ``Accept-Encoding: gzip`` 时，HTML/CSS/JS/JSON/SVG/XML/文本用 gzip（级别 6，与 nginx
默认相同）压缩后发送，加 ``Vary: Accept-Encoding``；其余文件（图片、字体、已压缩的 .gz）原样发送；
所有响应带 ``Cache-Control: max-age=600``（GitHub Pages 的值）。压缩结果按路径与修改时间缓存在内存里。

    python -m benchmarks.gzip_server SITE_DIR [--port 8000]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import threading
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".mjs", ".py", ".inv"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    _cache: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, format, *args):  # noqa: A002 - 与基类签名一致
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # 基类负责 301 到带斜杠的地址
            path = os.path.join(path, "index.html")
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and Path(path).suffix in COMPRESSIBLE and os.path.isfile(path)):
            return super().send_head()
        key = (path, os.path.getmtime(path))
        with self._lock:
            body = self._cache.get(key)
        if body is None:
            body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
            with self._lock:
                self._cache[key] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Bytes(body)


class _Bytes:
    """``send_head`` 的返回值要像文件：基类随后 ``copyfile(f, wfile)`` 再 ``f.close()``。"""

    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def read(self, n: int = -1) -> bytes:
        end = len(self.data) if n is None or n < 0 else self.pos + n
        chunk, self.pos = self.data[self.pos:end], min(end, len(self.data))
        return chunk

    def close(self) -> None:
        pass


def serve(directory: Path, port: int = 0) -> tuple[str, http.server.ThreadingHTTPServer]:
    """在 127.0.0.1 上（后台线程）用 gzip 提供 ``directory``；返回 ``(base_url, server)``。"""
    handler = functools.partial(GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=f"gzip {directory}", daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--port", type=int, default=8000)
    args = ap.parse_args()
    handler = functools.partial(GzipHandler, directory=str(args.site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"http://127.0.0.1:{args.port}/  （gzip；Ctrl+C 结束）")
        server.serve_forever()


if __name__ == "__main__":
    main()
