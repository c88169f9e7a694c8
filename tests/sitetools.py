"""整站测试的公共工具（不是测试）：构建站点、列出页面、本地 HTTP 服务、找 Chromium。

``tests/conftest.py`` 的夹具、``test_site.py``、``test_hook.py`` 和 ``tests/e2e/`` 都从这里导入
（conftest 不能被可靠地 ``import``：子目录里还有一个同名的 conftest.py）。
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

#: 构建输出里允许出现的、与站点内容无关的 "WARNING" 行（每条都要说明为什么无害）。
HARMLESS_WARNINGS = (
    # ipykernel 7 用 TCP 传输启动内核时总会打印这条；内核由 mkdocs-jupyter 执行 notebook 时
    # 在本机启动、只监听回环地址，与站点内容无关。
    re.compile(r"^\[IPKernelApp\] WARNING \| Kernel is running over TCP without encryption\."),
)

#: 启动系统 Chromium 的参数（无头、不联网做后台更新/同步）
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


# ---------------------------------------------------------------- 构建
def run_mkdocs(root: Path, site_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """在 ``root`` 下运行 ``mkdocs build -d site_dir``（同一个 Python），stdout 与 stderr 合并。"""
    cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("DLNOTES_SKIP_EXECUTION", None)  # 测的是真实构建：图脚本与 notebook 都要执行
    return subprocess.run(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, encoding="utf-8", errors="replace", check=False)


def build_problems(proc: subprocess.CompletedProcess[str]) -> list[str]:
    """构建的问题：非零退出码，以及输出中每一行（不在白名单里的）WARNING。"""
    problems = []
    if proc.returncode != 0:
        problems.append(f"mkdocs build 退出码 {proc.returncode}")
    for line in proc.stdout.splitlines():
        if "WARNING" in line and not any(p.search(line) for p in HARMLESS_WARNINGS):
            problems.append(line.strip())
    return problems


def describe_build_failure(proc: subprocess.CompletedProcess[str], problems: list[str]) -> str:
    tail = "\n".join(proc.stdout.splitlines()[-60:])
    return "站点构建失败：\n  " + "\n  ".join(problems) + f"\n--- 构建输出（末尾）---\n{tail}"


# ---------------------------------------------------------------- 站点内容
def html_pages(site: Path) -> list[Path]:
    """站点里的全部 HTML 页面（排好序；不写死列表，新章节自动加入）。"""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def page_path(site: Path, page: Path) -> str:
    """``notes-1/basics/index.html`` → ``/notes-1/basics/``；``404.html`` → ``/404.html``。"""
    rel = page.relative_to(site).as_posix()
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return "/" + rel


#: 不是 git 检出时（例如解压的源码包），复制仓库要跳过的构建产物与缓存
_NOT_SOURCE = {".git", ".cache", "site", ".venv", "__pycache__", ".hypothesis", ".ruff_cache",
               ".pytest_cache", "build", "dist", ".ipynb_checkpoints"}


def repo_files(root: Path = REPO_ROOT) -> list[str]:
    """仓库里的文件（已跟踪 + 未被忽略的新文件），即干净检出会有的那些。"""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
        names = out.decode("utf-8").split("\0")
    except (OSError, subprocess.CalledProcessError):  # 不是 git 检出
        names = [p.relative_to(root).as_posix() for p in root.rglob("*")
                 if not _NOT_SOURCE & set(p.relative_to(root).parts) and not p.name.endswith(".egg-info")
                 and not any(part.endswith(".egg-info") for part in p.relative_to(root).parts)]
    return sorted({f for f in names if f and (root / f).is_file()})


def copy_repo(dest: Path, root: Path = REPO_ROOT) -> Path:
    """把仓库（``repo_files``）复制到 ``dest``：没有 ``.cache``、``site`` 等构建产物。"""
    for rel in repo_files(root):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, target)
    return dest


# ---------------------------------------------------------------- 本地服务器
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - 与基类签名一致
        pass


def serve(directory: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    """在 127.0.0.1 的空闲端口上（后台线程）提供 ``directory``；返回 ``(base_url, server)``。"""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=f"http {directory}", daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


# ---------------------------------------------------------------- 浏览器
def chromium_path() -> str | None:
    """系统 Chromium 的路径（``DLNOTES_CHROMIUM`` 可覆盖）；找不到时返回 None。"""
    override = os.environ.get("DLNOTES_CHROMIUM")
    if override:
        return override if Path(override).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


# ---------------------------------------------------------------- 钩子
HOOKS = REPO_ROOT / "docs" / "hooks"


def load_hook(name: str, module_name: str | None = None):
    """按文件加载 ``docs/hooks/<name>.py``，像 MkDocs 那样：钩子目录在 ``sys.path`` 上（好导入 ``sitebuild``），
    模块登记进 ``sys.modules``（dataclass 要在那里找到模块）。每次调用得到一个新模块。"""
    import importlib.util

    if str(HOOKS) not in sys.path:
        sys.path.insert(0, str(HOOKS))
    spec = importlib.util.spec_from_file_location(module_name or f"_hook_under_test_{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def material_project(root: Path, pages: dict[str, str], hooks: list[str], *, plugins: str = "  - search\n",
                     files: dict[str, bytes] | None = None) -> Path:
    """在 ``root`` 写一个最小的 Material 项目：``pages``（docs 下的路径 → Markdown）、``files``（docs 下的其他文件）、
    本站的钩子 ``hooks``（``docs/hooks/`` 下的文件名，按顺序）；``plugins`` 是 mkdocs.yml 里 plugins: 的内容。"""
    for path, text in {**pages, **(files or {})}.items():
        dest = root / "docs" / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            dest.write_bytes(text)
        else:
            dest.write_text(text, encoding="utf-8")
    listed = "".join(f"  - {(HOOKS / h).as_posix()}\n" for h in hooks)
    (root / "mkdocs.yml").write_text(
        "site_name: t\nsite_url: http://127.0.0.1:8000/\ntheme:\n  name: material\n  language: zh\n"
        f"plugins:\n{plugins}hooks:\n{listed}", encoding="utf-8")
    return root


# ---------------------------------------------------------------- 术语表与搜索
GLOSSARY_HOOK = HOOKS / "glossary.py"


@functools.cache
def glossary_hook():
    """导入 ``docs/hooks/glossary.py``（一次，之后共用同一个模块）。"""
    return load_hook("glossary", "_dlnotes_glossary_hook")


#: 课程术语 → 讲解它的页面（站点内路径），由 ``docs/glossary.yml`` 生成（每个术语的 ``at`` 与
#: ``also``；标了 ``search: false`` 的常用词不在内）。搜索测试与索引测试都用这一张表：
#: 搜索的第一条结果必须是其中之一；API 参考、首页、术语表这类"提到了"而不是"讲解"的页面
#: 永远不该排第一。新术语只加进 docs/glossary.yml（jieba 词典也由它生成）。
SEARCH_TERMS: dict[str, tuple[str, ...]] = glossary_hook().search_terms(glossary_hook().load_terms())


def wait_for_held(page, held: list, what: str, timeout_ms: int = 10_000) -> None:
    """等 Playwright 的 ``route`` 处理函数把请求扣进 ``held``（处理函数只在 Playwright 处理事件时运行）。

    中文字体子集在第一次绘制之后才请求（``docs/hooks/cjkfont.py`` 的 late_face），测试等它真的被请求，
    而不是假定几帧之内一定发生；超时就失败并说明是哪个请求。
    """
    for _ in range(max(1, timeout_ms // 50)):
        if held:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{timeout_ms} ms 内页面没有请求{what}")
