"""占位字体：与一个字体的度量完全相同、但每个字都是空白的小字体（issue 16）。

没有中文字体的系统上，中文字体子集（``cjkfont.py``）到达之前浏览器要先排版：用的是方框（比汉字窄
得多、行高也不同），子集一到每一行都重新折行，页面整块跳动（累计布局偏移）。把这个占位字体放在字体栈
里子集的后面（子集加载期间浏览器用栈里的下一个字体），并且直接以 data URI 写进样式表（不用等网络）：
子集到达之前汉字是同样宽、同样高的空白，子集一到只是把字画出来，什么也不移动。

占位字体只含一个空字形：与原字体同样的 unitsPerEm、前进宽度（原字体里这些字的宽度必须都一样，
否则报错）、hhea 与 OS/2 的上下高度；cmap 只含原字体里有的这些码位（``unicode-range`` 与子集相同）。
同样的输入总是同样的字节（时间戳固定）。
"""

from __future__ import annotations

import io

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

#: head 表的创建/修改时间（自 1904 年起的秒数）：固定，保证逐字节相同
FIXED_TIME = 3_000_000_000


class PlaceholderFontError(ValueError):
    """原字体的度量无法用一个空字形表示。"""


def placeholder_font(font_bytes: bytes, family: str, first: int) -> bytes:
    """由字体 ``font_bytes``（任何 fontTools 能读的格式）生成同度量的空白占位字体（woff2）。

    只收码位 ≥ ``first``、宽度正好 1 em 的字（汉字、全角标点）；宽度不同的几个（半角形式等）不收，
    浏览器对它们照旧用别的字体。
    """
    src = TTFont(io.BytesIO(font_bytes), recalcTimestamp=False)
    upm = src["head"].unitsPerEm
    cmap = {code: name for code, name in src.getBestCmap().items()
            if code >= first and src["hmtx"][name][0] == upm}
    if not cmap:
        raise PlaceholderFontError(f"字体里没有码位 ≥ U+{first:04X}、宽 1 em 的字")
    advance = upm
    hhea, os2 = src["hhea"], src["OS/2"]

    fb = FontBuilder(upm, isTTF=True)
    fb.updateHead(created=FIXED_TIME, modified=FIXED_TIME)
    fb.setupGlyphOrder([".notdef", "blank"])
    # cmap 格式 13（多对一：一段码位全映射到同一个字形），几十段就覆盖全部汉字；
    # 格式 4/12 要给每个码位一项，字体会大到几十 KB
    fb.setupCharacterMap({})
    table = CmapSubtable.newSubtable(13)
    table.platformID, table.platEncID, table.language = 3, 10, 0
    table.cmap = {code: "blank" for code in cmap}
    fb.font["cmap"].tables = [table]
    # .notdef 是个方框（从不显示：每个码位都映射到 blank）；字体里全是空字形时浏览器的
    # 字体校验（OTS）会拒绝它
    pen = TTGlyphPen(None)
    for x, y in ((50, 0), (50, 700), (advance - 50, 700), (advance - 50, 0)):
        (pen.moveTo if x == 50 and y == 0 else pen.lineTo)((x, y))
    pen.closePath()
    fb.setupGlyf({".notdef": pen.glyph(), "blank": TTGlyphPen(None).glyph()})
    fb.setupHorizontalMetrics({".notdef": (advance, 0), "blank": (advance, 0)})
    fb.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    fb.setupNameTable({"familyName": family, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=os2.sTypoAscender, sTypoDescender=os2.sTypoDescender,
                sTypoLineGap=os2.sTypoLineGap, usWinAscent=os2.usWinAscent, usWinDescent=os2.usWinDescent,
                fsSelection=os2.fsSelection, achVendID="NONE")
    fb.setupPost()
    font = fb.font
    font.recalcTimestamp = False
    font.flavor = "woff2"
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()
