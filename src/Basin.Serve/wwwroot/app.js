"use strict";
// Basin web app: one page per hash route, every number from the JSON API under /api/ (see src/Basin.Serve/README.md).
const $ = id => document.getElementById(id);
const COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const state = { models: [], meta: null, lastPixels: null, frames: [], timer: null, runsTimer: null };

async function api(path, options) {
  const r = await fetch(path, options);
  const type = r.headers.get("content-type") || "";
  const body = type.includes("json") ? await r.json() : await r.blob();
  if (!r.ok) throw new Error(body && body.error ? body.error : `HTTP ${r.status}`);
  return body;
}
function status(text, error) { const s = $("status"); s.textContent = text; s.className = error ? "error" : "muted"; }
async function busy(button, work) {
  button.disabled = true; status("working…");
  try { await work(); status(""); } catch (e) { status(e.message, true); } finally { button.disabled = false; }
}
function el(tag, attrs, text) {
  const e = document.createElementNS(tag === "svg" || ["line", "polyline", "text", "rect", "circle", "g"].includes(tag) ? "http://www.w3.org/2000/svg" : "http://www.w3.org/1999/xhtml", tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
function fmt(v, d = 4) { return v === null || v === undefined ? "–" : Number.isInteger(v) ? String(v) : typeof v === "number" ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toFixed(d)) : String(v); }

// --- images -------------------------------------------------------------------------------------------------------
function drawPixels(canvas, px, diverging) {
  const side = Math.round(Math.sqrt(px.length));
  canvas.width = side; canvas.height = side;
  const ctx = canvas.getContext("2d"), img = ctx.createImageData(side, side);
  let scale = 1;
  if (diverging) scale = Math.max(1e-6, ...px.map(Math.abs));
  const signed = px.some(p => p < 0), peak = Math.max(1e-6, ...px.map(Math.abs));   // a state x(t) ∈ [−a, a]ᴺ: mid-grey is 0
  for (let i = 0; i < px.length; i++) {
    let r, g, b;
    if (diverging) { const v = px[i] / scale; r = v > 0 ? 255 : 255 * (1 + v); g = 255 * (1 - Math.abs(v)); b = v < 0 ? 255 : 255 * (1 - v); }
    else { const v = signed ? 0.5 + 0.5 * px[i] / peak : Math.max(0, Math.min(1, px[i])); r = g = b = 255 * v; }
    img.data[4 * i] = r; img.data[4 * i + 1] = g; img.data[4 * i + 2] = b; img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

// --- charts (hand-written SVG) ---------------------------------------------------------------------------------------
function frame(svg, xr, yr, xLabel, yLabel) {
  svg.replaceChildren();
  const W = 560, H = 300, L = 64, R = 110, T = 12, B = 36;
  const sx = x => L + (x - xr[0]) / (xr[1] - xr[0] || 1) * (W - L - R), sy = y => H - B - (y - yr[0]) / (yr[1] - yr[0] || 1) * (H - T - B);
  for (let i = 0; i <= 4; i++) {
    const y = yr[0] + (yr[1] - yr[0]) * i / 4, x = xr[0] + (xr[1] - xr[0]) * i / 4;
    svg.append(el("line", { x1: L, x2: W - R, y1: sy(y), y2: sy(y), class: "grid" }));
    svg.append(el("text", { x: L - 6, y: sy(y) + 4, "text-anchor": "end" }, fmt(y, 2)));
    svg.append(el("text", { x: sx(x), y: H - B + 16, "text-anchor": "middle" }, fmt(x, 2)));
  }
  svg.append(el("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis" }), el("line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis" }));
  svg.append(el("text", { x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle" }, xLabel));
  svg.append(el("text", { x: 10, y: (T + H - B) / 2, transform: `rotate(-90 10 ${(T + H - B) / 2})`, "text-anchor": "middle" }, yLabel));
  return { sx, sy, legend: (i, name, color) => {
    svg.append(el("rect", { x: W - R + 10, y: T + 14 * i, width: 10, height: 10, fill: color }));
    svg.append(el("text", { x: W - R + 24, y: T + 9 + 14 * i }, name));
  } };
}
function lineChart(svg, series, xLabel, yLabel, yr) {
  const xs = series.flatMap(s => s.x), ys = series.flatMap(s => s.y).filter(v => v !== null);
  if (xs.length === 0) { svg.replaceChildren(); return; }
  const xr = [Math.min(...xs), Math.max(...xs)];
  yr = yr || [Math.min(...ys), Math.max(...ys)];
  const f = frame(svg, xr, yr, xLabel, yLabel);
  series.forEach((s, i) => {
    const pts = s.x.map((x, j) => s.y[j] === null ? null : `${f.sx(x).toFixed(1)},${f.sy(s.y[j]).toFixed(1)}`).filter(p => p);
    svg.append(el("polyline", { points: pts.join(" "), fill: "none", stroke: s.color, "stroke-width": s.width || 1.6 }));
    f.legend(i, s.name, s.color);
  });
}
function scatterChart(svg, x, y, xLabel, yLabel, color) {
  const f = frame(svg, [Math.min(...x), Math.max(...x)], [Math.min(...y), Math.max(...y)], xLabel, yLabel);
  x.forEach((v, i) => svg.append(el("circle", { cx: f.sx(v), cy: f.sy(y[i]), r: 2, fill: color, "fill-opacity": 0.6 })));
}
function histogram(svg, sets, xLabel) {
  const all = sets.flatMap(s => s.values);
  const lo = Math.min(...all), hi = Math.max(...all), bins = 40, w = (hi - lo) / bins || 1;
  const counts = sets.map(s => { const c = new Array(bins).fill(0); s.values.forEach(v => c[Math.min(bins - 1, Math.floor((v - lo) / w))]++); return c; });
  const f = frame(svg, [lo, hi], [0, Math.max(...counts.flat())], xLabel, "count");
  sets.forEach((s, k) => {
    counts[k].forEach((c, i) => { if (c > 0) svg.append(el("rect", { x: f.sx(lo + i * w), y: f.sy(c), width: Math.max(1, f.sx(lo + w) - f.sx(lo) - 1), height: f.sy(0) - f.sy(c), fill: s.color, "fill-opacity": 0.55 })); });
    f.legend(k, s.name, s.color);
  });
}

// --- shared controls -------------------------------------------------------------------------------------------------
async function init() {
  const [models, meta] = await Promise.all([api("/api/models"), api("/api/meta")]);
  state.models = models; state.meta = meta;
  for (const s of document.querySelectorAll(".model-select"))
    s.replaceChildren(...models.map(m => el("option", { value: m.name }, `${m.name} (N = ${m.n}, K = ${m.k})`)));
  for (const s of document.querySelectorAll(".solver-select")) s.replaceChildren(...meta.solvers.map(n => el("option", { value: n }, n)));
  $("a-attack").replaceChildren(...meta.attacks.map(a => el("option", { value: a.name, title: a.description }, a.name + (a.minimal ? " (minimal)" : ""))));
  $("a-attack").value = "pgd-margin-linf";
  $("g-palette").replaceChildren(...meta.palettes.map(p => el("option", { value: p }, p)));
  window.addEventListener("hashchange", route);
  route();
}
function route() {
  const page = (location.hash || "#classify").slice(1);
  document.querySelectorAll(".page").forEach(p => p.classList.toggle("active", p.id === "page-" + page));
  document.querySelectorAll("nav a").forEach(a => a.classList.toggle("active", a.dataset.page === page));
  clearInterval(state.runsTimer);
  if (page === "runs") { refreshRuns(); state.runsTimer = setInterval(refreshRuns, 3000); }
  if (page === "model" && !$("m-cert").hasChildNodes()) loadModel();
  if (page === "art" && !$("g-gallery").hasChildNodes()) { generate(); gallery(); }
}
function flowQuery(prefix) {
  return { model: $(prefix + "-model").value, steps: +$(prefix + "-steps").value, dt: +($(prefix + "-dt") ? $(prefix + "-dt").value : 0.1),
           solver: $(prefix + "-solver") ? $(prefix + "-solver").value : "euler" };
}

// --- classify ----------------------------------------------------------------------------------------------------------
function setupPad() {
  const pad = $("pad"), ctx = pad.getContext("2d");
  const clear = () => { ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, pad.width, pad.height); };
  clear();
  ctx.lineWidth = 20; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#111";
  let down = false;
  const at = e => { const r = pad.getBoundingClientRect(); return [(e.clientX - r.left) * pad.width / r.width, (e.clientY - r.top) * pad.height / r.height]; };
  pad.addEventListener("pointerdown", e => { down = true; pad.setPointerCapture(e.pointerId); ctx.beginPath(); ctx.moveTo(...at(e)); ctx.lineTo(...at(e)); ctx.stroke(); });
  pad.addEventListener("pointermove", e => { if (down) { ctx.lineTo(...at(e)); ctx.stroke(); } });
  pad.addEventListener("pointerup", () => { down = false; });
  $("c-clear").addEventListener("click", clear);
}
async function classifyBody(body, contentType) {
  const q = flowQuery("c");
  const url = contentType ? `/api/classify?${new URLSearchParams(q)}` : "/api/classify";
  const r = await api(url, { method: "POST", headers: { "content-type": contentType || "application/json" },
    body: contentType ? body : JSON.stringify({ ...q, pixels: body }) });
  showFlow(r);
}
function showFlow(r) {
  state.lastPixels = r.input; state.frames = r.frames;
  drawPixels($("c-input"), r.input);
  const slider = $("c-slider"); slider.max = r.frames.length - 1; slider.value = r.frames.length - 1; showFrame();
  const name = r.class_name && r.class_name !== String(r.class) ? ` (${r.class_name})` : "";
  $("c-result").innerHTML = "";
  $("c-result").append(el("span", {}, "class "), el("b", { class: "class", id: "c-class" }, String(r.class)), el("span", {}, name + " — "),
    el("span", { class: r.settled ? "good" : "bad" }, r.settled ? "settled in the attractor" : "not settled"),
    el("span", {}, ` (sign overlap ${(100 * r.sign_overlap).toFixed(1)} %, T = ${fmt(r.horizon, 2)}, ${r.solver})`));
  overlapChart($("c-chart"), r);
}
function overlapChart(svg, r) {
  const t = r.frames.map(f => f.t);
  lineChart(svg, r.overlaps.map((_, k) => ({ name: `attractor ${k}`, color: COLORS[k % 10], x: t, y: r.frames.map(f => f.overlaps[k]), width: k === r.class ? 3 : 1.4 })),
    "t", "overlap m = x·φ/(Na²)", [-1, 1]);
}
function showFrame() {
  const f = state.frames[+$("c-slider").value];
  if (!f) return;
  drawPixels($("c-frame"), f.pixels.map(v => v));
  $("c-frame-t").textContent = `x(t), t = ${fmt(f.t, 2)}`;
}
function setupClassify() {
  setupPad();
  $("c-slider").addEventListener("input", showFrame);
  $("c-play").addEventListener("click", () => {
    clearInterval(state.timer);
    let i = 0; const s = $("c-slider");
    state.timer = setInterval(() => { s.value = i; showFrame(); if (++i >= state.frames.length) clearInterval(state.timer); }, 120);
  });
  $("c-draw").addEventListener("click", e => busy(e.target, () => new Promise((ok, fail) =>
    $("pad").toBlob(b => classifyBody(b, "image/png").then(ok, fail), "image/png"))));
  $("c-file").addEventListener("change", e => { const f = e.target.files[0]; if (f) busy($("c-draw"), () => classifyBody(f, f.type || "application/octet-stream")); });
  $("c-test").addEventListener("click", e => busy(e.target, async () => {
    const t = await api(`/api/testimage?model=${encodeURIComponent($("c-model").value)}&index=${$("c-index").value}`);
    await classifyBody(t.pixels);
    $("c-result").append(el("span", {}, ` — label ${t.label}`));
  }));
}

// --- attack --------------------------------------------------------------------------------------------------------------
function setupAttack() {
  $("a-run").addEventListener("click", e => busy(e.target, async () => {
    const model = $("a-model").value;
    let pixels = $("a-last").checked && state.lastPixels ? state.lastPixels : null;
    if (!pixels) pixels = (await api(`/api/testimage?model=${encodeURIComponent(model)}&index=${$("a-index").value}`)).pixels;
    const r = await api("/api/attack", { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ model, pixels, attack: $("a-attack").value, eps: +$("a-eps").value, steps: +$("a-steps").value }) });
    const a = r.attack;
    drawPixels($("a-clean"), pixels); drawPixels($("a-delta"), a.perturbation, true); drawPixels($("a-adv"), a.adversarial);
    drawPixels($("a-end"), a.flow.frames[a.flow.frames.length - 1].pixels);
    $("a-result").innerHTML = "";
    $("a-result").append(el("span", {}, `${a.attack} at ε = ${a.eps}: class ${a.clean_class} → `), el("b", { class: "class", id: "a-class" }, String(a.adversarial_class)),
      el("span", { class: a.flipped ? "bad" : "good" }, a.flipped ? " flipped" : " held"),
      el("span", {}, ` (‖δ‖ = ${fmt(a.distance)}; smallest ε that flips it: ${a.minimal_eps === null ? "none up to the largest budget" : fmt(a.minimal_eps)})`));
    overlapChart($("a-chart"), a.flow);
  }));
}

// --- model ----------------------------------------------------------------------------------------------------------------
function table(t, head, rows) {
  t.replaceChildren(el("tr", {}), ...rows.map(r => { const tr = el("tr"); r.forEach(c => tr.append(el("td", {}, fmt(c)))); return tr; }));
  t.firstChild.append(...head.map(h => el("th", {}, h)));
}
async function loadModel() {
  const name = $("m-model").value;
  $("m-status").textContent = `computing the certificate${state.models.find(m => m.name === name)?.test_images ? ", the per-class table and the horizon study" : ""} of ${name}…`;
  try {
    const m = await api(`/api/model?name=${encodeURIComponent(name)}`);
    $("m-status").textContent = m.evaluation_note || "";
    table($("m-cert"), ["quantity", "value"], [
      ["N, K", `${m.n}, ${m.k}`], ["well depth |γ|", Math.abs(m.gamma)], ["β", m.beta], ["bound 8a²|γ|/β", m.bound],
      ["max effective λ", m.max_lambda_effective], ["stable by the bound", m.stable_by_bound ? "yes" : "NO"],
      ["max Re spec J", m.max_real_jacobian_eigenvalue], ["stable by the spectrum", m.stable_by_spectrum ? "yes" : "NO"],
      ["settling time t_s", m.settling_time], ["max ‖F(φ)‖∞", m.max_fixed_point_residual], ["all attractors stable", m.all_attractors_stable ? "yes" : "NO"]]);
    const sets = [{ name: "trained", color: COLORS[0], values: m.lambda_trained }];
    if (m.lambda_initial) sets.unshift({ name: "initial", color: COLORS[1], values: m.lambda_initial });
    histogram($("m-hist"), sets, "λ");
    scatterChart($("m-spec"), m.spectrum_re, m.spectrum_im, "Re", "Im", COLORS[3]);
    if (m.horizon) table($("m-horizon"), ["T", "H", "nearest", "m_f", "changed later"],
      m.horizon.times.map((t, i) => [t, m.horizon.accuracy[i], m.horizon.nearest_accuracy[i], m.horizon.overlap[i], m.horizon.changed_later[i]]));
    else $("m-horizon").replaceChildren(el("tr", {}, "no test split in the cache"));
    if (m.evaluation) table($("m-classes"), ["class", "count", "H", "nearest"], m.evaluation.per_class.map(c => [c.class, c.count, c.accuracy, c.nearest_accuracy]));
    else $("m-classes").replaceChildren(el("tr", {}, "no test split in the cache"));
    table($("m-prov"), ["entry", "value"], Object.entries(m.provenance));
  } catch (e) { $("m-status").textContent = e.message; $("m-status").className = "error"; }
}

// --- runs -----------------------------------------------------------------------------------------------------------------
async function refreshRuns() {
  try {
    const runs = await api("/api/runs");
    $("r-updated").textContent = `${runs.length} checkpoints, updated ${new Date().toLocaleTimeString()}`;
    $("r-list").replaceChildren(...runs.map(r => {
      const card = el("div", { class: "card wide" });
      card.append(el("h2", {}, r.name));
      if (r.error) { card.append(el("p", { class: "error" }, r.error)); return card; }
      const svg = el("svg", { class: "chart", viewBox: "0 0 560 300" });
      const ep = r.epochs.map(e => e.epoch);
      lineChart(svg, [{ name: "train H", color: COLORS[0], x: ep, y: r.epochs.map(e => e.train_h) },
                      { name: "validation H", color: COLORS[1], x: ep, y: r.epochs.map(e => e.validation_h) }], "epoch", "accuracy H", [0, 1]);
      const last = r.epochs[r.epochs.length - 1];
      card.append(svg, el("p", { class: "muted" }, last ? `${r.epochs.length} epochs, ${fmt(last.hours, 2)} h; last validation H ${fmt(last.validation_h)}` : "no epochs yet"));
      return card;
    }));
  } catch (e) { $("r-updated").textContent = e.message; }
}

// --- art --------------------------------------------------------------------------------------------------------------------
function artUrl(seed, size, download) {
  const q = new URLSearchParams({ seed, palette: $("g-palette").value, entropy: $("g-entropy").value, letters: $("g-letters").value, size });
  if (download) q.set("download", "1");
  return "/api/art?" + q;
}
function generate() {
  const seed = $("g-seed").value;
  $("g-image").src = artUrl(seed, 256);
  $("g-download").href = artUrl(seed, 256, true);
}
function gallery() {
  $("g-gallery").replaceChildren(...[1, 2, 3, 4].map(s => {
    const img = el("img", { alt: `seed ${s}`, title: `seed ${s}`, src: artUrl(s, 128) });
    img.addEventListener("click", () => { $("g-seed").value = s; generate(); });
    return img;
  }));
}
function setupArt() {
  $("g-go").addEventListener("click", () => { generate(); gallery(); });
  $("g-image").addEventListener("error", () => status("the image could not be generated (see /api/art)", true));
}
function setupModel() { $("m-load").addEventListener("click", loadModel); }

setupClassify(); setupAttack(); setupModel(); setupArt();
init().catch(e => status(e.message, true));
