"""MkDocs 钩子：把已安装的 MathJax 3（``django-static-mathjax`` 包）复制进站点的 ``assets/mathjax/``。

站点完全离线：公式由站点自带的 MathJax 排版（mkdocs.yml 的 ``extra_javascript`` 引用
``assets/mathjax/tex-chtml.js``）。只复制用得到的部分：入口、TeX 扩展、CHTML 的 woff2 字体、
无障碍（a11y/sre）与菜单（ui）。缺了哪个文件就报错并点名它。无状态。
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

FILES = ("tex-chtml.js",)
DIRS = ("input/tex/extensions", "output/chtml/fonts/woff-v2", "a11y", "ui", "sre")
SITE_DIR = "assets/mathjax/"


def mathjax_root() -> Path:
    try:
        import mathjax  # django-static-mathjax
    except ImportError as exc:
        raise PluginError("缺少离线 MathJax：请 pip install -e '.[site]'（django-static-mathjax）") from exc
    return Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"


def mathjax_files(src: Path) -> list[Path]:
    """要复制的文件（排好序）；缺了入口文件或某个目录是空的都报错。"""
    paths = [src / f for f in FILES]
    for d in DIRS:
        found = sorted(p for p in (src / d).rglob("*") if p.is_file())
        if not found:
            raise PluginError(f"MathJax 目录缺失或为空：{src / d}")
        paths += found
    for p in paths:
        if not p.is_file():
            raise PluginError(f"MathJax 文件缺失：{p}")
    return paths


def on_files(files: Files, config: MkDocsConfig) -> Files:
    src = mathjax_root()
    for p in mathjax_files(src):
        files.append(File.generated(config, SITE_DIR + p.relative_to(src).as_posix(), abs_src_path=str(p)))
    return files
