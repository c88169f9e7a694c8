"""把 matplotlib 写的 SVG 变小，画出来不变（issue 15：图的字节）。

matplotlib 的 SVG 里有读者用不到的字节：``<metadata>`` 里的 RDF、DOCTYPE、缩进、每个路径段后面的
空格与换行、6 位小数的坐标（百万分之一 pt）、没有任何地方引用的 ``id``（``figure_1``、``line2d_3``……）。
`minify` 只认 matplotlib（``svg.fonttype = path``）写出的那几种元素和属性，逐个改写：

* 坐标（路径 ``d``、``x``/``y``/``width``/``height``、``translate``）四舍五入到**根坐标系里的 0.01 pt**：
  每个元素按它所在坐标系相对根的缩放（祖先与自己的 ``transform``；``<defs>`` 里被 ``<use>``、``clip-path``、
  ``url(#…)`` 引用的内容按引用处最大的缩放）决定保留几位小数，所以字形（``scale(0.015625)`` 的字体单位）
  取整数，放大的坐标系多留几位；误差不超过 0.005 pt，在 3 倍屏上也不到 0.02 个设备像素。
* 路径段在「绝对」与「相对」写法里取短的（相对量由取整后的绝对坐标在整数网格上相减，没有累积误差），
  省掉重复的命令字母、多余的空格和前导 0。段数、命令种类不变，长度为 0 的段也保留。
* ``scale``/``rotate``/``matrix`` 的参数、颜色以外的样式值、``<image>`` 的 data URI 原样保留；
  样式去掉空白，``#aabbcc`` 写成 ``#abc``。
* 连续几个 ``<use>``（散点图的点）样式相同、且只含会继承的属性（`INHERITED`）时，样式提到包住它们的
  一个 ``<g>`` 上：花朵数据那张图的 3337 个点每个省下约 50 字节。
* 被引用的 ``id`` 换成按文档顺序的短名字（``a``、``b``……），引用处一并改写；``<defs>`` 里没被引用的定义
  （画不出来）去掉；只有平移的 ``<use>`` 把 ``transform="translate(x y)"`` 写成更短的 ``x``/``y``。
* 去掉 XML 声明、DOCTYPE、``<metadata>``、注释、``version``、``<style>`` 的 ``type``，以及没被引用的
  ``id``；去掉 ``id`` 之后什么属性都没有的 ``<g>`` 拆掉（它对渲染没有作用），空的 ``<defs>`` 去掉。
  根元素的 ``width``/``height``/``viewBox`` 原样保留（``imgsize.py`` 从它们量尺寸）。

不认识的元素、属性、路径命令、变换、样式写法，或引用了不存在的 ``id``：抛出 `SvgMinifyError`，
信息里带上 ``where``（图的脚本路径）：宁可构建失败，也不悄悄改坏一张图。输出只由输入决定
（``svg.hashsalt`` 固定时两次构建逐字节相同）。
"""

from __future__ import annotations

import math
import re
from xml.etree import ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
HREF = f"{{{XLINK_NS}}}href"

#: 根坐标系里允许的最大取整误差的 2 倍（pt）：10^-2，即保留到 0.01 pt
ROOT_DECIMALS = 2

#: 每种元素认得的属性（其余一律报错）
ALLOWED: dict[str, frozenset[str]] = {
    "svg": frozenset({"width", "height", "viewBox", "version"}),
    "defs": frozenset(),
    "style": frozenset({"type"}),
    "g": frozenset({"id", "transform", "clip-path", "style"}),
    "path": frozenset({"id", "d", "transform", "clip-path", "style"}),
    "use": frozenset({HREF, "x", "y", "transform", "style", "clip-path"}),
    "rect": frozenset({"id", "x", "y", "width", "height", "style", "fill", "clip-path", "transform"}),
    "clipPath": frozenset({"id"}),
    "pattern": frozenset({"id", "patternUnits", "x", "y", "width", "height"}),
    "image": frozenset({"id", HREF, "transform", "x", "y", "width", "height", "style"}),
}
#: 只在 <defs> 里定义、自己不画的容器
RESOURCES = frozenset({"defs", "clipPath", "pattern"})
#: 坐标类属性（按所在坐标系取整）
COORDS = frozenset({"x", "y", "width", "height"})
#: 每种路径命令的参数个数（matplotlib 只写这几种）
ARITY = {"M": 2, "L": 2, "Q": 4, "C": 6, "Z": 0}

_NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PATH_TOKEN = re.compile(rf"\s*(?:([MLQCZmlqcz])|({_NUM}))\s*,?")
_TRANSFORM = re.compile(r"\s*(translate|scale|rotate|matrix)\(([^()]*)\)\s*")
_ARGS = re.compile(rf"\s*{_NUM}(?:(?:\s*,?\s*)(?=[-+.\d]){_NUM})*\s*")
_URL = re.compile(r"url\(#([^()\s]+)\)")
_DECL = re.compile(r"^([a-z-]+)\s*:\s*(\S(?:.*\S)?)$", re.S)
_HEX6 = re.compile(r"#([0-9a-fA-F]{6})\b")
_STYLE_TEXT = re.compile(r"^\s*\*\s*\{([^{}]*)\}\s*$")


_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def short_name(n: int) -> str:
    """第 n 个（从 0 起）短 id：a … Z, ba, bb, …（以字母开头，是合法的 XML 名字）。"""
    out = _LETTERS[n % 52]
    n //= 52
    while n:
        out = _LETTERS[n % 52] + out
        n //= 52
    return out


class SvgMinifyError(ValueError):
    """输入不是本模块认得的 matplotlib SVG（信息里点名图与元素）。"""


def _local(tag: str) -> str:
    if not tag.startswith(f"{{{SVG_NS}}}"):
        raise SvgMinifyError(f"不是 SVG 命名空间里的元素：{tag!r}")
    return tag[len(SVG_NS) + 2:]


def decimals_for(scale: float) -> int:
    """局部坐标系相对根放大 ``scale`` 倍时，要保留几位小数才使根里的误差 ≤ 0.005 pt。"""
    if not (scale > 0 and math.isfinite(scale)):
        raise SvgMinifyError(f"坐标系的缩放不是正的有限数：{scale!r}")
    return max(0, ROOT_DECIMALS + math.ceil(math.log10(scale) - 1e-12))


def fmt_grid(n: int, d: int) -> str:
    """整数网格上的值 ``n × 10^-d`` 写成最短的十进制数（``.5``、``-1.25``、``3``）。"""
    if n == 0:
        return "0"
    digits = str(abs(n)).rjust(d + 1, "0")
    whole, frac = (digits[:-d], digits[-d:].rstrip("0")) if d else (digits, "")
    text = (whole if whole != "0" or not frac else "") + ("." + frac if frac else "")
    return ("-" if n < 0 else "") + text


def to_grid(value: float, d: int) -> int:
    return round(value * 10**d)


def fmt_number(value: float, d: int) -> str:
    return fmt_grid(to_grid(value, d), d)


def _needs_space(prev: str, s: str) -> bool:
    """两个数之间要不要空格：``-`` 开头不要；``.`` 开头而前一个数已有小数点也不要（``1.5.5``）。"""
    return bool(prev) and not (s[0] == "-" or (s[0] == "." and "." in prev))


def _join(numbers: list[str], prev: str = "") -> str:
    out = []
    for s in numbers:
        if _needs_space(prev, s):
            out.append(" ")
        out.append(s)
        prev = s
    return "".join(out)


def _parse_number(text: str, what: str) -> float:
    if not re.fullmatch(_NUM, text.strip()):
        raise SvgMinifyError(f"{what} 不是数：{text!r}")
    value = float(text)
    if not math.isfinite(value):
        raise SvgMinifyError(f"{what} 不是有限数：{text!r}")
    return value


# ---------------------------------------------------------------------------- 路径
def parse_path(d: str) -> list[tuple[str, list[float]]]:
    """``d`` → ``[(命令, 绝对坐标), …]``；只认 M L Q C Z（大小写都认，相对坐标换成绝对）。"""
    pos, cmds = 0, []
    current: str | None = None
    args: list[float] = []

    def flush() -> None:
        nonlocal args
        if current is None:
            if args:
                raise SvgMinifyError(f"路径数据以数开头：{d[:60]!r}")
            return
        n = ARITY[current.upper()]
        if n == 0:
            if args:
                raise SvgMinifyError(f"Z 后面不应有数：{d[:60]!r}")
            cmds.append((current, []))
        elif not args or len(args) % n:
            raise SvgMinifyError(f"路径命令 {current} 需要 {n} 的倍数个数，实际 {len(args)} 个：{d[:80]!r}")
        else:
            for i in range(0, len(args), n):
                # M 之后多出来的坐标对是 L（相对的 m 之后是 l）
                c = current if i == 0 else {"M": "L", "m": "l"}.get(current, current)
                cmds.append((c, args[i:i + n]))
        args = []

    while pos < len(d):
        m = _PATH_TOKEN.match(d, pos)
        if m is None or m.end() == pos:
            if d[pos:].strip() == "":
                break
            raise SvgMinifyError(f"路径数据里有不认识的内容（只认 M L Q C Z 与数）：{d[pos:pos + 40]!r}")
        pos = m.end()
        if m.group(1):
            flush()
            current = m.group(1)
        else:
            args.append(_parse_number(m.group(2), "路径坐标"))
    flush()
    # 相对坐标换成绝对
    out: list[tuple[str, list[float]]] = []
    cx = cy = sx = sy = 0.0
    for c, a in cmds:
        up = c.upper()
        if up == "Z":
            out.append(("Z", []))
            cx, cy = sx, sy
            continue
        if c != up:
            a = [v + (cx if i % 2 == 0 else cy) for i, v in enumerate(a)]
        out.append((up, a))
        cx, cy = a[-2], a[-1]
        if up == "M":
            sx, sy = cx, cy
    if out and out[0][0] != "M":
        raise SvgMinifyError(f"路径数据不以 M 开头：{d[:60]!r}")
    return out


def minify_path(d: str, decimals: int) -> str:
    """路径数据在 ``10^-decimals`` 的网格上取整，逐段取绝对与相对写法中较短的一种。"""
    out: list[str] = []
    last = ""  # 上一个写出的数（决定下一个数前要不要空格）
    implicit = ""  # 不写字母时下一组数被当作的命令（M 之后是 L，m 之后是 l）
    cx = cy = sx = sy = 0  # 整数网格上的当前点与子路径起点
    for cmd, args in parse_path(d):
        if cmd == "Z":
            out.append("z")
            implicit, last = "", ""
            cx, cy = sx, sy
            continue
        grid = [to_grid(v, decimals) for v in args]
        rel = [g - (cx if i % 2 == 0 else cy) for i, g in enumerate(grid)]
        options = []
        for letter, values in ((cmd, grid), (cmd.lower(), rel)):
            nums = [fmt_grid(v, decimals) for v in values]
            if letter != implicit:
                text = letter + _join(nums)
            else:
                text = _join(nums, last)
            options.append((len(text), letter, text, nums[-1]))
        _, letter, text, last = min(options, key=lambda o: o[0])  # 一样长时取绝对写法（先列出）
        out.append(text)
        implicit = {"M": "L", "m": "l"}.get(letter, letter)
        cx, cy = grid[-2], grid[-1]
        if cmd == "M":
            sx, sy = cx, cy
    return "".join(out)


# ---------------------------------------------------------------------------- 变换
def parse_transform(text: str) -> list[tuple[str, list[float]]]:
    pos, out = 0, []
    while pos < len(text):
        m = _TRANSFORM.match(text, pos)
        if m is None:
            raise SvgMinifyError(f"不认识的 transform：{text!r}")
        raw = m.group(2)
        if not _ARGS.fullmatch(raw):
            raise SvgMinifyError(f"transform 的参数不是一串数：{text!r}")
        args = [_parse_number(t, "transform 参数") for t in re.findall(_NUM, raw)]
        name = m.group(1)
        ok = {"translate": (1, 2), "scale": (1, 2), "rotate": (1, 3), "matrix": (6,)}[name]
        if len(args) not in ok:
            raise SvgMinifyError(f"transform 里 {name} 的参数个数不对：{text!r}")
        out.append((name, args))
        pos = m.end()
    if not out:
        raise SvgMinifyError(f"空的 transform：{text!r}")
    return out


def _linear(name: str, args: list[float]) -> tuple[float, float, float, float]:
    """变换的线性部分 (a, b, c, d)：x' = a x + c y，y' = b x + d y。"""
    if name == "translate":
        return (1.0, 0.0, 0.0, 1.0)
    if name == "scale":
        sx = args[0]
        sy = args[1] if len(args) > 1 else sx
        return (sx, 0.0, 0.0, sy)
    if name == "rotate":
        t = math.radians(args[0])
        return (math.cos(t), math.sin(t), -math.sin(t), math.cos(t))
    a, b, c, d = args[:4]
    return (a, b, c, d)


def _norm(m: tuple[float, float, float, float]) -> float:
    """2×2 矩阵的最大奇异值（把局部长度放大的最大倍数）。"""
    a, b, c, d = m
    t = a * a + b * b + c * c + d * d
    det = a * d - b * c
    return math.sqrt((t + math.sqrt(max(0.0, t * t - 4 * det * det))) / 2)


def _compose(m, n):
    a, b, c, d = m
    e, f, g, h = n
    return (a * e + c * f, b * e + d * f, a * g + c * h, b * g + d * h)


def minify_transform(text: str, scale: float) -> tuple[str, float]:
    """``translate`` 按它所在坐标系取整，其它参数原样；返回 (新写法, 变换之后坐标系的缩放)。"""
    parts = []
    m = (scale, 0.0, 0.0, scale)
    for name, args in parse_transform(text):
        if name == "translate":
            d = decimals_for(_norm(m))
            vals = [fmt_number(v, d) for v in args]
            if len(vals) == 2 and vals[1] == "0":
                vals = vals[:1]
            parts.append(f"translate({_join(vals)})")
        else:
            parts.append(f"{name}({_join([_short(v) for v in args])})")
        m = _compose(m, _linear(name, args))
    return "".join(parts), _norm(m)


def _short(value: float) -> str:
    """不取整，只写得短：repr 的最短往返写法，去掉前导 0。"""
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(value, ".17g") if "e" in format(value, ".17g") else format(value, "f")
    if text.endswith(".0"):
        text = text[:-2]
    if text.startswith("0."):
        text = text[1:]
    elif text.startswith("-0."):
        text = "-" + text[2:]
    return text


# ---------------------------------------------------------------------------- 样式
def minify_style(text: str) -> str:
    decls = []
    for part in text.split(";"):
        if not part.strip():
            continue
        m = _DECL.match(part.strip())
        if m is None:
            raise SvgMinifyError(f"不认识的样式声明：{part.strip()!r}")
        value = _HEX6.sub(_short_hex, m.group(2))
        decls.append(f"{m.group(1)}:{value}")
    return ";".join(decls)


def _short_hex(m: re.Match[str]) -> str:
    h = m.group(1).lower()
    return "#" + (h[0] + h[2] + h[4] if h[0] == h[1] and h[2] == h[3] and h[4] == h[5] else h)


#: 会继承、又不被 matplotlib 的 ``*{stroke-linejoin…;stroke-linecap…}`` 规则直接设置的属性：
#: 写在父元素 <g> 上与写在每个子元素上画出来相同
INHERITED = frozenset({"fill", "fill-opacity", "fill-rule", "stroke", "stroke-opacity", "stroke-width",
                       "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit"})


def _hoistable(el: ET.Element) -> str | None:
    """可以提到父 <g> 上的样式（<use> 的、只含 `INHERITED` 里的属性），否则 None。"""
    style = el.get("style")
    if _local(el.tag) != "use" or not style:
        return None
    props = {d.split(":", 1)[0].strip() for d in style.split(";") if d.strip()}
    return style if props <= INHERITED else None


def _style_runs(children: list[ET.Element]) -> list[tuple[list[ET.Element], str | None]]:
    """把连续、样式相同（可提升）的 <use> 分成一段（散点图的几千个点）；其余每个元素自成一段。"""
    runs: list[tuple[list[ET.Element], str | None]] = []
    for child in children:
        style = _hoistable(child)
        if style is not None and runs and runs[-1][1] == style:
            runs[-1][0].append(child)
        else:
            runs.append(([child], style))
    # 只有一个元素的段不值得包一层 <g>
    return [(run, style if len(run) > 1 else None) for run, style in runs]


# ---------------------------------------------------------------------------- 整个文档
def _references(el: ET.Element) -> list[str]:
    refs = []
    for name, value in el.attrib.items():
        if name == HREF:
            if value.startswith("#"):
                refs.append(value[1:])
            elif not value.startswith("data:image/"):
                raise SvgMinifyError(f"<{_local(el.tag)}> 的 xlink:href 既不是 #id 也不是 data:image/：{value[:40]!r}")
        else:
            refs += _URL.findall(value)
    return refs


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


class _Minifier:
    def __init__(self, root: ET.Element, where: str) -> None:
        self.root = root
        self.where = where
        self.ids: dict[str, ET.Element] = {}
        self.ref_scale: dict[str, float] = {}
        self.names: dict[str, str] = {}  # 被引用的 id → 短名字（按文档顺序：a, b, …, Z, ba, …）

    def fail(self, message: str) -> SvgMinifyError:
        return SvgMinifyError(f"{self.where}：{message}")

    def check(self, el: ET.Element, in_resource: bool) -> None:
        """第一遍：元素与属性都认得、文字只在 <style> 里；收集 id。"""
        tag = _local(el.tag)
        if tag == "metadata":
            return
        if tag not in ALLOWED:
            raise self.fail(f"不认识的 SVG 元素 <{tag}>（本压缩器只认 matplotlib 写出的元素）")
        unknown = set(el.attrib) - ALLOWED[tag]
        if unknown:
            raise self.fail(f"<{tag}> 有不认识的属性 {sorted(unknown)}")
        if tag != "style" and (el.text or "").strip():
            raise self.fail(f"<{tag}> 里有文字 {el.text.strip()[:40]!r}（matplotlib 的文字应是路径）")
        if (el.tail or "").strip():
            raise self.fail(f"<{tag}> 后面有文字 {el.tail.strip()[:40]!r}")
        if tag == "style" and len(el):
            raise self.fail("<style> 里有子元素")
        if "id" in el.attrib:
            if el.attrib["id"] in self.ids:
                raise self.fail(f"id 重复：{el.attrib['id']!r}")
            self.ids[el.attrib["id"]] = el
        if in_resource and _references(el):
            raise self.fail(f"<defs> 里的 <{tag}> 又引用了别的元素 {_references(el)}（本压缩器不处理嵌套引用）")
        for child in el:
            self.check(child, in_resource or tag in RESOURCES)

    def scan(self, el: ET.Element, scale: float) -> None:
        """第二遍（只走会画出来的部分）：每个被引用的 id 在引用处的最大缩放。"""
        tag = _local(el.tag)
        if tag in RESOURCES or tag == "metadata":
            return
        if "transform" in el.attrib:
            _, scale = minify_transform(el.attrib["transform"], scale)
        for ref in _references(el):
            if ref not in self.ids:
                raise self.fail(f"<{tag}> 引用了不存在的 id {ref!r}")
            self.ref_scale[ref] = max(self.ref_scale.get(ref, 0.0), scale)
        for child in el:
            self.scan(child, scale)

    def emit(self, el: ET.Element, scale: float, in_resource: bool, inherited_style: bool = False) -> str:
        tag = _local(el.tag)
        if tag == "metadata":
            return ""
        attrs = el.attrib
        if in_resource and tag not in ("defs",) and "id" in attrs:
            if attrs["id"] not in self.ref_scale:
                return ""  # 没被引用的定义不会画出来
            scale = self.ref_scale[attrs["id"]]
        out: list[tuple[str, str]] = []
        if "id" in attrs and attrs["id"] in self.ref_scale:
            out.append(("id", self.names[attrs["id"]]))
        x_y: list[tuple[str, str]] = []
        if "transform" in attrs:
            parsed = parse_transform(attrs["transform"])
            if tag == "use" and len(parsed) == 1 and parsed[0][0] == "translate" and not {"x", "y"} & set(attrs):
                # <use> 的 x/y 就是附加在 transform 之后的平移：只有平移时写成 x/y 更短
                d = decimals_for(scale)
                xy = [*parsed[0][1], 0.0][:2]
                x_y = [(k, fmt_number(v, d)) for k, v in zip(("x", "y"), xy, strict=True) if to_grid(v, d)]
            else:
                text, scale = minify_transform(attrs["transform"], scale)
                out.append(("transform", text))
        digits = decimals_for(scale)
        for name, value in attrs.items():
            if name in ("id", "transform", "version") or (tag == "style" and name == "type") \
                    or (name == "style" and inherited_style):
                continue
            if name == "d":
                out.append(("d", minify_path(value, digits)))
            elif name in COORDS:
                out.append((name, fmt_number(_parse_number(value, f"<{tag}> 的 {name}"), digits)))
            elif name == "style":
                out.append(("style", self.rename_urls(minify_style(value))))
            elif name == HREF:
                out.append(("xlink:href", "#" + self.names[value[1:]] if value.startswith("#") else value))
            elif name == "clip-path":
                if not _URL.fullmatch(value):
                    raise self.fail(f"clip-path 不是 url(#id)：{value!r}")
                out.append((name, self.rename_urls(value)))
            else:  # fill、patternUnits：原样
                out.append((name, value))
        out += x_y
        inner = ""
        if tag == "style":
            m = _STYLE_TEXT.match(el.text or "")
            if m is None:
                raise self.fail(f"<style> 不是 matplotlib 的 *{{…}}：{(el.text or '')[:60]!r}")
            inner = "*{" + minify_style(m.group(1)) + "}"
        for run, style in _style_runs(list(el)):
            body = "".join(self.emit(c, scale, in_resource or tag in RESOURCES, style is not None) for c in run)
            inner += f'<g style="{_escape(self.rename_urls(minify_style(style)))}">{body}</g>' if style else body
        if tag == "g" and not out:
            return inner  # 没有属性的 <g> 对渲染没有作用
        if tag == "defs" and not inner:
            return ""
        head = tag + "".join(f' {k}="{_escape(v)}"' for k, v in out)
        return f"<{head}>{inner}</{tag}>" if inner else f"<{head}/>"

    def rename_urls(self, value: str) -> str:
        return _URL.sub(lambda m: f"url(#{self.names[m.group(1)]})", value)

    def run(self) -> str:
        root = self.root
        if _local(root.tag) != "svg":
            raise self.fail(f"根元素不是 <svg> 而是 <{_local(root.tag)}>")
        self.check(root, False)
        width, height, box = (root.attrib.get(k) for k in ("width", "height", "viewBox"))
        m_w = re.fullmatch(rf"({_NUM})pt", width or "")
        box_parts = (box or "").split()
        if not (m_w and height and len(box_parts) == 4):
            raise self.fail(f"根元素应有以 pt 为单位的 width/height 与 viewBox：width={width!r} viewBox={box!r}")
        # 根坐标系的 1 个单位 = 多少 pt（matplotlib 写的是 1）
        unit = float(m_w.group(1)) / _parse_number(box_parts[2], "viewBox 宽")
        self.scan(root, unit)
        # 被引用的 id 换成短名字（只在这一个文件里用，不会与别的冲突），按文档顺序，输出可复现
        for n, ident in enumerate(i for i in self.ids if i in self.ref_scale):
            self.names[ident] = short_name(n)
        body = "".join(self.emit(child, unit, False) for child in root)
        return (f'<svg xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}" width="{_escape(width)}" '
                f'height="{_escape(height)}" viewBox="{_escape(box)}">{body}</svg>\n')


def minify(svg: bytes, where: str = "SVG") -> bytes:
    """matplotlib 的 SVG 字节 → 更小、画出来相同的 SVG 字节（见模块说明）。"""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise SvgMinifyError(f"{where}：不是合法的 XML：{exc}") from None
    try:
        return _Minifier(root, where).run().encode("utf-8")
    except SvgMinifyError as exc:
        if str(exc).startswith(where):
            raise
        raise SvgMinifyError(f"{where}：{exc}") from None
