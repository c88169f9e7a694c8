/* 交互图：数据来自构建时真实运行 dlnotes 的脚本 docs/widgets/NAME.py（→ widgets/NAME.json）。
 *
 * 页面里写 <div class="dl-widget" data-widget="NAME" data-src="widgets/NAME.json" data-code="widgets/NAME.py"></div>，
 * 放在对应的静态图后面。data-src、data-code 相对站点根目录（Material 在每页定义的 __md_scope），不相对页面：
 * 网站（notes-1/basics/）与离线版（notes-1/basics.html）里页面的深度不同，写成 ../../ 离线版就找不到。没有 JavaScript（或打印）时这个 div 不显示，读者看到的是静态 SVG；
 * 有 JavaScript 时，div 滚动到视口附近才加载数据（IntersectionObserver），然后画出可以拨动的图。
 *
 * 每个画图区域是一个 <svg>，带 data-x-domain / data-y-domain（数据坐标）与 data-plot
 * （画布坐标 x0,x1,y0,y1）：由画出来的点可以反推回数据，测试就这样核对图与数据文件。
 * 纯 JavaScript + SVG，不依赖任何框架，不发出站外请求。
 */
(function () {
  "use strict";

  const SVGNS = "http://www.w3.org/2000/svg";
  let uid = 0;

  // ------------------------------------------------------------------ 小工具
  function h(tag, attrs, parent, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function s(tag, attrs, parent, text) {
    const node = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  /** 数字的显示：负号用 U+2212，去掉多余的 0。 */
  function num(v, digits) {
    let t = Number(v).toFixed(digits === undefined ? 4 : digits);
    if (t.includes(".")) t = t.replace(/0+$/, "").replace(/\.$/, "");
    if (t === "-0") t = "0";
    return t.replace("-", "\u2212");
  }

  function pct(v) {
    return (100 * v).toFixed(1) + "%";
  }

  function linear(d0, d1, r0, r1) {
    const f = (v) => r0 + ((v - d0) * (r1 - r0)) / (d1 - d0);
    f.domain = [d0, d1];
    f.range = [r0, r1];
    return f;
  }

  function niceTicks(lo, hi, count) {
    const span = hi - lo;
    const raw = span / Math.max(1, count);
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => span / st <= count) || 10 * mag;
    const out = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * span; v += step) out.push(Math.round(v / step) * step);
    return out;
  }

  /** 一块画图区域：坐标轴、刻度、轴标题、裁剪框；返回 {svg, plot, x, y}。 */
  function axes(parent, opts) {
    const W = opts.width || 400, H = opts.height || 330;
    const m = Object.assign({ l: 54, r: 14, t: 12, b: 46 }, opts.margin || {});
    const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "dl-widget__plot", role: "img", "aria-label": opts.label }, parent);
    const x = opts.x || linear(opts.xDomain[0], opts.xDomain[1], m.l, W - m.r);
    const y = opts.y || linear(opts.yDomain[0], opts.yDomain[1], H - m.b, m.t);
    svg.dataset.xDomain = x.domain.join(",");
    svg.dataset.yDomain = y.domain.join(",");
    svg.dataset.plot = [m.l, W - m.r, H - m.b, m.t].join(",");
    if (opts.yScale) svg.dataset.yScale = opts.yScale;
    const clip = `dl-clip-${++uid}`;
    s("rect", { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b }, s("clipPath", { id: clip }, s("defs", {}, svg)));
    const grid = s("g", { class: "dl-widget__grid", "aria-hidden": "true" }, svg);
    const plot = s("g", { "clip-path": `url(#${clip})` }, svg);
    const deco = s("g", { class: "dl-widget__axes", "aria-hidden": "true" }, svg);
    s("rect", { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b, class: "dl-widget__frame" }, deco);
    for (const v of opts.xTicks || niceTicks(x.domain[0], x.domain[1], 6)) {
      const px = x(v);
      if (opts.gridLines) s("line", { x1: px, x2: px, y1: m.t, y2: H - m.b }, grid);
      s("line", { x1: px, x2: px, y1: H - m.b, y2: H - m.b + 4 }, deco);
      s("text", { x: px, y: H - m.b + 19, "text-anchor": "middle" }, deco, (opts.xFormat || num)(v));
    }
    for (const v of opts.yTicks || niceTicks(y.domain[0], y.domain[1], 5)) {
      const py = y(v);
      if (opts.gridLines) s("line", { x1: m.l, x2: W - m.r, y1: py, y2: py }, grid);
      s("line", { x1: m.l - 4, x2: m.l, y1: py, y2: py }, deco);
      s("text", { x: m.l - 7, y: py + 5, "text-anchor": "end" }, deco, (opts.yFormat || num)(v));
    }
    s("text", { x: (m.l + W - m.r) / 2, y: H - 6, "text-anchor": "middle", class: "dl-widget__label" }, deco, opts.xLabel);
    s("text", { x: 16, y: (m.t + H - m.b) / 2, "text-anchor": "middle", class: "dl-widget__label",
      transform: `rotate(-90 16 ${(m.t + H - m.b) / 2})` }, deco, opts.yLabel);
    return { svg, plot, x, y, W, H, m };
  }

  function pathD(xs, ys, x, y) {
    let d = "";
    for (let i = 0; i < xs.length; i++) d += (i ? "L" : "M") + x(xs[i]).toFixed(2) + "," + y(ys[i]).toFixed(2);
    return d;
  }

  function control(parent, cls) {
    return h("div", { class: "dl-widget__control" + (cls ? " " + cls : "") }, parent);
  }

  /** 离散取值的滑块（原生 range：方向键、Home/End 都能用）；读屏读 aria-valuetext。 */
  function slider(parent, opts) {
    const box = control(parent);
    const id = `dl-w-${++uid}`;
    const label = h("label", { for: id }, box, opts.label + "：");
    const out = h("output", { for: id }, label);
    const input = h("input", { type: "range", id, min: 0, max: opts.values.length - 1, step: 1,
      value: opts.initial || 0, "data-control": opts.name }, box);
    const sync = () => {
      const text = opts.format(opts.values[+input.value]);
      out.textContent = text;
      input.setAttribute("aria-valuetext", text);
    };
    input.addEventListener("input", () => { sync(); opts.onChange(); });
    sync();
    return { input, value: () => opts.values[+input.value], index: () => +input.value,
      set(i) { input.value = i; sync(); } };
  }

  function select(parent, opts) {
    const box = control(parent);
    const id = `dl-w-${++uid}`;
    h("label", { for: id }, box, opts.label + "：");
    const sel = h("select", { id, "data-control": opts.name }, box);
    opts.values.forEach((v, i) => h("option", { value: i }, sel, opts.format(v)));
    sel.value = String(opts.initial || 0);
    sel.addEventListener("change", opts.onChange);
    return { input: sel, value: () => opts.values[+sel.value], index: () => +sel.value };
  }

  /** 播放按钮：每 ms 毫秒把滑块往前拨一格，到头停下；再按从头开始。 */
  function player(parent, ctl, onStep, ms) {
    const btn = h("button", { type: "button", class: "dl-widget__play", "data-control": "play" }, parent, "▶ 播放");
    let timer = null;
    const stop = () => {
      clearInterval(timer);
      timer = null;
      btn.textContent = "▶ 播放";
      btn.setAttribute("aria-pressed", "false");
    };
    btn.setAttribute("aria-pressed", "false");
    btn.addEventListener("click", () => {
      if (timer) return stop();
      const max = +ctl.input.max;
      if (ctl.index() >= max) ctl.set(0);
      btn.textContent = "❚❚ 暂停";
      btn.setAttribute("aria-pressed", "true");
      timer = setInterval(() => {
        if (ctl.index() >= max) return stop();
        ctl.set(ctl.index() + 1);
        onStep();
      }, ms);
    });
    ctl.input.addEventListener("input", () => { if (timer) stop(); });
    return btn;
  }

  function status(parent) {
    return h("p", { class: "dl-widget__status", "aria-live": "polite" }, parent);
  }

  // ------------------------------------------------------------------ 1. 梯度下降走过 J(w, b)
  const VIRIDIS = ["#440154", "#482173", "#433e85", "#38598c", "#2d708e", "#25858e", "#1e9b8a",
    "#2ab07f", "#52c569", "#86d549", "#c2df23", "#fde725"];

  function ramp(colors, t) {
    const i = Math.min(colors.length - 1, Math.max(0, Math.round(t * (colors.length - 1))));
    return colors[i];
  }

  function startText(st) {
    return `(${num(st[0], 2)}, ${num(st[1], 2)})`;
  }

  function renderGradientDescent(root, data) {
    const T = data.num_iterations;
    const run = () => data.runs.find((r) => r.rate === rate.value() && r.start[0] === start.value()[0] && r.start[1] === start.value()[1]);
    const controls = h("div", { class: "dl-widget__controls" }, root);
    const rate = slider(controls, { name: "rate", label: "学习率", values: data.rates, initial: data.rates.indexOf(3),
      format: (v) => `α = ${num(v, 3)}`, onChange: () => draw() });
    const start = select(controls, { name: "start", label: "起点 (w, b)", values: data.starts,
      format: startText, onChange: () => draw() });
    const stepBox = h("div", { class: "dl-widget__row" }, controls);
    const steps = Array.from({ length: T + 1 }, (_, i) => i);
    const step = slider(stepBox, { name: "step", label: "走到第几步", values: steps, initial: T,
      format: (v) => `第 ${v} 步（共 ${T} 步）`, onChange: () => drawStep() });
    player(stepBox, step, () => drawStep(), 60);

    const panels = h("div", { class: "dl-widget__panels" }, root);
    const left = h("div", { class: "dl-widget__panel" }, panels);
    const right = h("div", { class: "dl-widget__panel" }, panels);

    // 左：等高线
    const A = axes(left, { xDomain: data.w_range, yDomain: data.b_range, xLabel: "w", yLabel: "b",
      label: "代价 J(w, b) 的等高线与梯度下降的路线" });
    const nb = data.bands.length;
    data.bands.forEach((band, i) => {
      let d = "";
      for (const ring of band.rings) {
        for (let k = 0; k < ring.length; k += 2) d += (k ? "L" : "M") + A.x(ring[k]).toFixed(1) + "," + A.y(ring[k + 1]).toFixed(1);
        d += "Z";
      }
      s("path", { d, fill: ramp(VIRIDIS, i / (nb - 1)), "fill-rule": "evenodd", class: "dl-gd__band" }, A.plot);
    });
    const mn = data.minimum;
    const star = (cx, cy, r) => {
      let pts = "";
      for (let k = 0; k < 10; k++) {
        const rr = k % 2 ? r * 0.45 : r, a = -Math.PI / 2 + (k * Math.PI) / 5;
        pts += `${(cx + rr * Math.cos(a)).toFixed(1)},${(cy + rr * Math.sin(a)).toFixed(1)} `;
      }
      return pts.trim();
    };
    s("polygon", { points: star(A.x(mn.w), A.y(mn.b), 9), class: "dl-gd__min" }, A.plot);
    const ghost = s("path", { class: "dl-gd__ghost", "data-role": "ghost" }, A.plot);
    const trail = s("path", { class: "dl-gd__trail", "data-role": "trajectory" }, A.plot);
    const startMark = s("rect", { width: 10, height: 10, class: "dl-gd__start" }, A.plot);
    const here = s("circle", { r: 5.5, class: "dl-gd__here", "data-role": "current" }, A.plot);

    // 右：代价曲线（纵轴范围随这一次运行变化，所以每次重画）
    let B = null, costFull, costDone, costHere;
    const key = h("p", { class: "dl-widget__note" }, root);
    const say = status(root);

    function draw() {
      const r = run();
      ghost.setAttribute("d", pathD(r.w, r.b, A.x, A.y));
      startMark.setAttribute("x", (A.x(r.w[0]) - 5).toFixed(2));
      startMark.setAttribute("y", (A.y(r.b[0]) - 5).toFixed(2));
      right.textContent = "";
      const top = Math.max(...r.cost);
      B = axes(right, { xDomain: [0, T], yDomain: [0, top * 1.08], xLabel: "迭代次数", yLabel: "代价 J",
        label: "代价 J 随迭代次数的变化", gridLines: true });
      s("line", { x1: B.x(0), x2: B.x(T), y1: B.y(mn.cost), y2: B.y(mn.cost), class: "dl-gd__best" }, B.plot);
      s("text", { x: B.x(T) - 4, y: B.y(mn.cost) - 5, "text-anchor": "end", class: "dl-gd__best-label" }, B.plot,
        `最低代价 J* = ${num(mn.cost, 3)}`);
      costFull = s("path", { class: "dl-gd__cost-ghost", d: pathD(steps, r.cost, B.x, B.y) }, B.plot);
      costDone = s("path", { class: "dl-gd__cost", "data-role": "cost" }, B.plot);
      costHere = s("circle", { r: 4.5, class: "dl-gd__here", "data-role": "current-cost" }, B.plot);
      key.textContent = verdict(r);
      drawStep();
    }

    function verdict(r) {
      const last = r.cost[T], gap = last - mn.cost;
      let ups = 0;
      for (let i = 1; i <= T; i++) if (r.cost[i] > r.cost[i - 1] + 1e-12) ups++;
      const head = `α = ${num(r.rate, 3)}：${T} 步后 J = ${num(last, 4)}`;
      if (ups > 0 && gap > 0.005) return `${head}，代价有 ${ups} 步不降反升：步子太大，在谷底两侧来回跳，停不下来。`;
      if (ups > 0) return `${head}，到了谷底；途中有 ${ups} 步代价上升：步子偏大，先来回摆了几下。`;
      if (gap > 0.005) return `${head}，比最低代价还高 ${num(gap, 3)}：代价一路在降，但步子太小，走得太慢。`;
      return `${head}，代价一路下降，到了谷底（与最低代价相差不到 0.005）。`;
    }

    function drawStep() {
      const r = run(), t = step.value();
      trail.setAttribute("d", pathD(r.w.slice(0, t + 1), r.b.slice(0, t + 1), A.x, A.y));
      here.setAttribute("cx", A.x(r.w[t]).toFixed(2));
      here.setAttribute("cy", A.y(r.b[t]).toFixed(2));
      costDone.setAttribute("d", pathD(steps.slice(0, t + 1), r.cost.slice(0, t + 1), B.x, B.y));
      costHere.setAttribute("cx", B.x(t).toFixed(2));
      costHere.setAttribute("cy", B.y(r.cost[t]).toFixed(2));
      const text = `α = ${num(r.rate, 3)}，起点 ${startText(r.start)}，第 ${t} 步：w = ${num(r.w[t], 3)}，b = ${num(r.b[t], 3)}，J = ${num(r.cost[t], 4)}`;
      say.textContent = text;
      A.svg.setAttribute("aria-label", `代价 J(w, b) 的等高线与梯度下降的路线。${text}`);
    }

    draw();
  }

  // ------------------------------------------------------------------ 2. 隐藏层大小与训练时长
  function renderFlower(root, data) {
    const N = data.grid_size, L = data.limit;
    const controls = h("div", { class: "dl-widget__controls" }, root);
    const nh = slider(controls, { name: "n_h", label: "隐藏层大小", values: data.hidden_sizes,
      initial: data.hidden_sizes.indexOf(4), format: (v) => `n_h = ${v}`, onChange: () => draw() });
    const it = slider(controls, { name: "iterations", label: "训练迭代次数", values: data.snapshots,
      initial: data.snapshots.length - 1, format: (v) => `${v} 次`, onChange: () => draw() });
    player(controls, it, () => draw(), 700);

    const panels = h("div", { class: "dl-widget__panels" }, root);
    const left = h("div", { class: "dl-widget__panel dl-widget__panel--square" }, panels);
    const right = h("div", { class: "dl-widget__panel" }, panels);
    const A = axes(left, { width: 380, height: 380, margin: { l: 44 }, xDomain: [-L, L], yDomain: [-L, L],
      xLabel: "x₁", yLabel: "x₂", label: "花朵数据与网络的决策区域" });
    const cell = (A.x(L) - A.x(-L)) / N;
    const regions = s("g", { class: "dl-fl__regions", "data-role": "regions", "shape-rendering": "crispEdges",
      transform: `translate(${A.x(-L)} ${A.y(L)}) scale(${cell})` }, A.plot);
    const pts = s("g", { class: "dl-fl__points" }, A.plot);
    const P = data.points;
    for (let i = 0; i < P.y.length; i++) {
      s("circle", { cx: A.x(P.x1[i]).toFixed(1), cy: A.y(P.x2[i]).toFixed(1), r: 2.6, class: `dl-fl__pt dl-fl__pt--${P.y[i]}` }, pts);
    }

    // 右：当前 n_h 的训练集准确率随迭代次数（横轴按快照序号等距，标签是迭代次数）
    const K = data.snapshots.length;
    const lowest = Math.min(...data.runs.map((q) => Math.min(q.accuracy, q.test_accuracy)));
    const B = axes(right, { margin: { l: 68 }, xDomain: [0, K - 1], yDomain: [Math.min(0.3, Math.floor(lowest * 10) / 10), 1],
      xLabel: "训练迭代次数", yLabel: "准确率",
      label: "训练集与新数据上的准确率随迭代次数的变化", gridLines: true, xTicks: data.snapshots.map((_, i) => i),
      xFormat: (i) => String(data.snapshots[i]), yFormat: (v) => `${Math.round(v * 100)}%` });
    const testLine = s("path", { class: "dl-fl__acc dl-fl__acc--test", "data-role": "test-accuracy" }, B.plot);
    const accLine = s("path", { class: "dl-fl__acc", "data-role": "accuracy" }, B.plot);
    const accDots = s("g", {}, B.plot);
    const key = h("p", { class: "dl-widget__note" }, right);
    key.innerHTML = '<span class="dl-fl__line"></span>训练集 ' +
      '<span class="dl-fl__line dl-fl__line--test"></span>新数据（同样生成、训练时没见过的 400 个点）';
    const legend = h("p", { class: "dl-widget__note" }, root);
    legend.innerHTML = '<span class="dl-fl__key dl-fl__key--0"></span>区域：网络判为 0 ' +
      '<span class="dl-fl__key dl-fl__key--1"></span>区域：网络判为 1；点是 400 个训练样本（红 = 0，蓝 = 1）。';
    const say = status(root);

    function draw() {
      const n = nh.value(), k = it.value();
      const r = data.runs.find((q) => q.n_h === n && q.iterations === k);
      regions.textContent = "";
      r.grid.forEach((row, y) => {
        let x0 = 0;
        for (let x = 1; x <= N; x++) {
          if (x === N || row[x] !== row[x0]) {
            s("rect", { x: x0, y, width: x - x0, height: 1, class: `dl-fl__cell--${row[x0]}`, "data-class": row[x0] }, regions);
            x0 = x;
          }
        }
      });
      const series = data.runs.filter((q) => q.n_h === n).sort((a, b) => a.iterations - b.iterations);
      const xs = series.map((_, i) => i);
      accLine.setAttribute("d", pathD(xs, series.map((q) => q.accuracy), B.x, B.y));
      testLine.setAttribute("d", pathD(xs, series.map((q) => q.test_accuracy), B.x, B.y));
      accDots.textContent = "";
      series.forEach((q, i) => {
        for (const [v, cls] of [[q.accuracy, ""], [q.test_accuracy, " dl-fl__acc-dot--test"]]) {
          s("circle", { cx: B.x(i), cy: B.y(v), r: q.iterations === k ? 5.5 : 3,
            class: (q.iterations === k ? "dl-gd__here" : "dl-fl__acc-dot") + cls }, accDots);
        }
      });
      const text = `n_h = ${n}，训练 ${k} 次：训练集准确率 ${pct(r.accuracy)}，新数据上 ${pct(r.test_accuracy)}，代价 J = ${num(r.cost, 4)}`;
      say.textContent = text;
      A.svg.setAttribute("aria-label", `花朵数据与网络的决策区域。${text}`);
    }

    draw();
  }

  // ------------------------------------------------------------------ 3. 深层网络的学习率
  const RATE_COLORS = ["#8c8c8c", "#cc79a7", "#e69f00", "#009e73", "#56b4e9", "#0072b2", "#d55e00", "#7f3c8d"];

  function renderDeepRates(root, data) {
    const T = data.num_iterations;
    const initial = [0.003, 0.03, 0.3, 0.6];
    const controls = h("div", { class: "dl-widget__controls" }, root);
    const field = h("fieldset", { class: "dl-widget__control dl-widget__control--wide dl-dr__rates", "data-control": "rates" }, controls);
    h("legend", {}, field, "学习率 α（可多选；方向键在选项间移动，空格勾选）");
    const boxes = data.runs.map((r, i) => {
      const id = `dl-w-${++uid}`;
      const item = h("span", { class: "dl-dr__item" }, field);
      const cb = h("input", { type: "checkbox", id, value: String(r.rate) }, item);
      cb.checked = initial.includes(r.rate);
      const lab = h("label", { for: id }, item);
      h("span", { class: "dl-dr__swatch", style: `background:${RATE_COLORS[i]}`, "aria-hidden": "true" }, lab);
      lab.append(`α = ${r.rate}（训练集 ${pct(r.train_accuracy)}，测试集 ${pct(r.test_accuracy)}）`);
      cb.addEventListener("change", draw);
      return cb;
    });
    // 方向键在复选框之间移动焦点（原生复选框不响应方向键）
    field.addEventListener("keydown", (ev) => {
      const i = boxes.indexOf(document.activeElement);
      if (i < 0) return;
      const delta = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[ev.key];
      if (ev.key === "Home" || ev.key === "End" || delta) {
        ev.preventDefault();
        const j = ev.key === "Home" ? 0 : ev.key === "End" ? boxes.length - 1 : (i + delta + boxes.length) % boxes.length;
        boxes[j].focus();
      }
    });
    const spans = [50, 150, 300, 600, T].filter((v, i, a) => v <= T && a.indexOf(v) === i);
    const span = slider(controls, { name: "span", label: "横轴", values: spans, initial: spans.indexOf(T),
      format: (v) => `前 ${v} 次迭代`, onChange: () => draw() });
    const scale = select(controls, { name: "scale", label: "纵轴", values: ["linear", "log"],
      format: (v) => (v === "log" ? "对数刻度" : "线性刻度"), onChange: () => draw() });
    const chart = h("div", { class: "dl-widget__panel dl-widget__panel--wide" }, root);
    const say = status(root);

    function draw() {
      const n = span.value(), log = scale.value() === "log";
      const chosen = data.runs.map((r, i) => [r, i]).filter(([, i]) => boxes[i].checked);
      chart.textContent = "";
      const all = chosen.flatMap(([r]) => r.cost.slice(0, n + 1));
      const hi = Math.max(0.8, ...all);
      const lo = log ? Math.min(0.1, ...all.filter((v) => v > 0)) : 0;
      const y = log ? (() => {
        const f0 = linear(Math.log10(lo), Math.log10(hi), 340 - 46, 14);
        const f = (v) => f0(Math.log10(Math.max(v, lo)));
        f.domain = [lo, hi];
        return f;
      })() : null;
      const yTicks = log ? niceLogTicks(lo, hi) : undefined;
      const width = Math.round(Math.max(400, Math.min(720, chart.clientWidth || 720)));
      const P = axes(chart, { width, height: 340, margin: { l: 60, t: 14 }, xDomain: [0, n],
        yDomain: [lo, hi], y, yScale: log ? "log" : "linear", yTicks, xLabel: "迭代次数", yLabel: "代价 J",
        label: "不同学习率下代价 J 随迭代次数的变化", gridLines: true });
      const steps = Array.from({ length: n }, (_, i) => i);
      for (const [r, i] of chosen) {
        s("path", { d: pathD(steps, r.cost.slice(0, n), P.x, P.y), class: "dl-dr__line", stroke: RATE_COLORS[i],
          "data-rate": String(r.rate) }, P.plot);
      }
      const text = chosen.length
        ? `显示第 0 到 ${n - 1} 次迭代，${log ? "对数" : "线性"}纵轴；第 ${n - 1} 次迭代的代价：` +
          chosen.map(([r]) => `α = ${r.rate} 为 ${num(r.cost[n - 1], 4)}`).join("，")
        : "没有选中任何学习率：勾选上面的选项来比较。";
      say.textContent = text;
      P.svg.setAttribute("aria-label", `不同学习率下代价 J 随迭代次数的变化。${text}`);
    }

    let lastWidth = chart.clientWidth;
    window.addEventListener("resize", () => {
      if (Math.abs(chart.clientWidth - lastWidth) > 40) {
        lastWidth = chart.clientWidth;
        draw();
      }
    });

    function niceLogTicks(lo, hi) {
      const out = [];
      for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
        const v = Math.pow(10, e);
        if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
      }
      return out;
    }

    draw();
  }

  // ------------------------------------------------------------------ 启动：滚动到附近才加载
  const RENDERERS = {
    gradient_descent: renderGradientDescent,
    flower_hidden_units: renderFlower,
    deep_learning_rates: renderDeepRates,
  };

  // 站点里的地址（相对站点根目录）→ 绝对地址。__md_scope 是 Material 在每页 <head> 里定义的站点根 URL
  function siteUrl(path) {
    if (!(window.__md_scope instanceof URL)) throw new Error("Material 的 __md_scope（站点根 URL）不存在");
    return new URL(path, window.__md_scope);
  }

  // 网站上 fetch JSON。从磁盘打开的离线网站（file://）里浏览器不让 fetch 本地文件：离线版在每个 JSON 旁边
  // 写了同名的 .js（tools/editions.py 的 write_widget_js），它把数据放进 window.__dlWidgetData[文件名]
  function loadData(url) {
    if (url.protocol !== "file:") {
      return fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${r.status} ${r.url}`);
        return r.json();
      });
    }
    const key = decodeURIComponent(url.pathname.split("/").pop()).replace(/\.json$/, "");
    return new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = url.href.replace(/\.json$/, ".js");
      s.onload = () => {
        const data = (window.__dlWidgetData || {})[key];
        if (data) resolve(data);
        else reject(new Error(`${s.src} 里没有 ${key} 的数据`));
      };
      s.onerror = () => reject(new Error(`加载失败：${s.src}`));
      document.head.appendChild(s);
    });
  }

  function setup(root) {
    if (root.dataset.state) return;
    const name = root.dataset.widget;
    const render = RENDERERS[name];
    if (!render) {
      console.error(`未知的交互图：${name}`);
      return;
    }
    root.dataset.state = "waiting";
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", root.dataset.title || "交互图");
    h("p", { class: "dl-widget__status" }, root, "交互图：滚动到这里时加载数据……");
    const load = () => {
      root.dataset.state = "loading";
      Promise.resolve()
        .then(() => loadData(siteUrl(root.dataset.src)))
        .then((data) => {
          root.textContent = "";
          if (root.dataset.title) h("p", { class: "dl-widget__title" }, root, root.dataset.title);
          render(root, data);
          if (root.dataset.code) {
            const note = h("p", { class: "dl-widget__note dl-widget__source" }, root);
            h("a", { href: siteUrl(root.dataset.code).href }, note, "生成这些数据的代码");
          }
          root.dataset.state = "ready";
        })
        .catch((err) => {
          root.dataset.state = "error";
          root.textContent = "";
          h("p", { class: "dl-widget__status" }, root, "交互图的数据没能加载，上面的静态图不受影响。");
          console.error(`交互图 ${name} 加载失败：${err}`);
        });
    };
    if ("IntersectionObserver" in window) {
      const io = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          io.disconnect();
          load();
        }
      }, { rootMargin: "300px 0px" });
      io.observe(root);
    } else {
      load();
    }
  }

  function init() {
    document.querySelectorAll(".dl-widget[data-widget]").forEach(setup);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
