// The explorer page: draws the map and the trajectories for the selected arm, outcome and quarter.
// Written by hand (no library): one map of SVG paths, one line chart, three controls.
"use strict";
const DATA = JSON.parse(document.getElementById("explorer-data").textContent);
const SVG = "http://www.w3.org/2000/svg";
const armSelect = document.getElementById("arm");
const outcomeSelect = document.getElementById("outcome");
const quarterInput = document.getElementById("quarter");
const mapSvg = document.getElementById("map");
const lineSvg = document.getElementById("trajectories");
let selectedRegion = null;

function element(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function option(select, value, text) {
  const node = document.createElement("option");
  node.value = value;
  node.textContent = text;
  select.appendChild(node);
}

function hexToRgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

// Linear interpolation between the colour map's stops, as matplotlib samples it.
function colourOf(value, limits, stops) {
  if (value === null) return "#e0e0e0";
  const share = Math.min(1, Math.max(0, (value - limits[0]) / (limits[1] - limits[0])));
  const position = share * (stops.length - 1);
  const low = Math.floor(position), high = Math.min(stops.length - 1, low + 1);
  const a = hexToRgb(stops[low]), b = hexToRgb(stops[high]), t = position - low;
  return "rgb(" + a.map((c, i) => Math.round(c + (b[i] - c) * t)).join(",") + ")";
}

function value(stored) {
  return stored === null ? null : stored / DATA.value_scale;
}

function text(number, unit) {
  if (number === null) return "no data";
  return number.toFixed(3) + (unit ? " (" + unit + ")" : "");
}

// Region outlines: drawn once, recoloured on every change; an enlarged European panel reuses them.
const regionPaths = DATA.regions.map((region, index) => {
  const path = element("path", {d: region.d, "data-code": region.code, "data-index": index}, null);
  element("title", {}, path).textContent = region.name;
  path.addEventListener("click", () => { selectedRegion = region.code; render(); });
  return path;
});

function setUpMap() {
  mapSvg.setAttribute("viewBox", DATA.view_box.join(" "));
  const layer = element("g", {id: "regions"}, mapSvg);
  regionPaths.forEach((path) => layer.appendChild(path));
  const [x, y, width, height] = DATA.europe_box;
  element("rect", {x: x, y: y, width: width, height: height, class: "europe-box"}, mapSvg);
  const europe = document.getElementById("europe");
  europe.setAttribute("viewBox", DATA.europe_box.join(" "));
  element("use", {href: "#regions"}, europe);
}

function setUpControls() {
  DATA.arms.forEach((arm) => option(armSelect, arm, arm + (arm === DATA.reference ? " (reference)" : "")));
  Object.entries(DATA.metrics).forEach(([key, info]) => option(outcomeSelect, key, info.label));
  quarterInput.max = DATA.quarters.length - 1;
  quarterInput.value = DATA.quarters.length - 1;
  [armSelect, outcomeSelect, quarterInput].forEach((control) => {
    control.addEventListener("change", render);
    control.addEventListener("input", render);
  });
}

function drawLegend(info) {
  const legend = document.getElementById("legend");
  const gradient = info.colours.join(",");
  legend.innerHTML = "";
  const bar = document.createElement("span");
  bar.className = "ramp";
  bar.style.background = "linear-gradient(to right," + gradient + ")";
  const low = document.createElement("span"), high = document.createElement("span");
  low.textContent = info.map_limits[0];
  high.textContent = info.map_limits[1] + (info.unit ? " (" + info.unit + ")" : "");
  legend.append(low, bar, high);
}

function drawTrajectories(arm, metric, quarterIndex) {
  const info = DATA.metrics[metric];
  const width = 560, height = 300, left = 48, right = 12, top = 12, bottom = 30;
  const [yLow, yHigh] = info.line_limits;
  const count = DATA.quarters.length;
  const x = (i) => left + (i / Math.max(1, count - 1)) * (width - left - right);
  const y = (v) => top + (1 - (v - yLow) / (yHigh - yLow)) * (height - top - bottom);
  lineSvg.setAttribute("viewBox", "0 0 " + width + " " + height);
  lineSvg.innerHTML = "";
  element("line", {x1: left, x2: left, y1: top, y2: height - bottom, class: "axis"}, lineSvg);
  element("line", {x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, class: "axis"}, lineSvg);
  [yLow, (yLow + yHigh) / 2, yHigh].forEach((tick) => {
    element("text", {x: left - 4, y: y(tick) + 4, class: "tick", "text-anchor": "end"}, lineSvg).textContent =
      Number(tick.toPrecision(3));
  });
  const years = DATA.quarters.map((q) => q.slice(0, 4));
  const firstYear = Number(years[0]), lastYear = Number(years[count - 1]);
  const yearStep = lastYear - firstYear > 8 ? 2 : 1;
  years.forEach((year, i) => {
    if (DATA.quarters[i].endsWith("Q1") && (Number(year) - firstYear) % yearStep === 0) {
      element("text", {x: x(i), y: height - bottom + 16, class: "tick", "text-anchor": "middle"}, lineSvg)
        .textContent = year;
    }
  });
  const ordered = DATA.arms.filter((a) => a !== arm).concat([arm]);  // the selected arm on top
  ordered.forEach((name) => {
    const series = DATA.national[name][metric];
    const colour = DATA.arm_colours[name];
    const points = (key) => series[key].map((v, i) => v === null ? null : [x(i), y(value(v))]).filter(Boolean);
    if (name === arm) {
      const band = points("low").concat(points("high").reverse());
      element("polygon", {points: band.map((p) => p.join(",")).join(" "), fill: colour, "fill-opacity": 0.18,
                          stroke: "none"}, lineSvg);
    }
    element("polyline", {points: points("median").map((p) => p.join(",")).join(" "), fill: "none",
                         stroke: colour, "stroke-width": name === arm ? 2.6 : 1.2,
                         "stroke-opacity": name === arm ? 1 : 0.55, "data-arm": name}, lineSvg);
  });
  element("line", {x1: x(quarterIndex), x2: x(quarterIndex), y1: top, y2: height - bottom, class: "now"}, lineSvg);
  const current = value(DATA.national[arm][metric].median[quarterIndex]);
  if (current !== null) {
    element("circle", {cx: x(quarterIndex), cy: y(current), r: 4.5, fill: DATA.arm_colours[arm]}, lineSvg);
  }
  const legend = element("g", {class: "arm-legend"}, lineSvg);
  DATA.arms.forEach((name, i) => {
    element("rect", {x: left + 8, y: top + 4 + i * 14, width: 10, height: 3, fill: DATA.arm_colours[name]}, legend);
    element("text", {x: left + 22, y: top + 9 + i * 14, class: "tick"}, legend).textContent = name;
  });
}

function render() {
  const arm = armSelect.value, metric = outcomeSelect.value;
  const quarterIndex = Number(quarterInput.value);
  const quarter = DATA.quarters[quarterIndex];
  const info = DATA.metrics[metric];
  const row = DATA.values[arm][metric][quarterIndex];
  regionPaths.forEach((path, index) => {
    const shown = value(row[index]);
    path.setAttribute("fill", colourOf(shown, info.map_limits, info.colours));
    path.setAttribute("data-value", shown === null ? "" : shown.toFixed(3));
    path.classList.toggle("selected", DATA.regions[index].code === selectedRegion);
  });
  document.getElementById("quarter-label").textContent = quarter;
  drawLegend(info);
  drawTrajectories(arm, metric, quarterIndex);
  const status = document.getElementById("status");
  status.textContent = "Arm " + arm + " · " + info.label + " · " + quarter;
  status.dataset.arm = arm;
  status.dataset.outcome = metric;
  status.dataset.quarter = quarter;
  const national = value(DATA.national[arm][metric].median[quarterIndex]);
  const nationalNode = document.getElementById("national");
  nationalNode.textContent = "Mean over regions (median across runs): " + text(national, info.unit);
  nationalNode.dataset.value = national === null ? "" : national.toFixed(3);
  const regionNode = document.getElementById("region-readout");
  const index = DATA.regions.findIndex((region) => region.code === selectedRegion);
  regionNode.textContent = index < 0 ? "Click a region to follow it." :
    DATA.regions[index].name + ": " + text(value(row[index]), info.unit);
  regionNode.dataset.value = index < 0 || row[index] === null ? "" : value(row[index]).toFixed(3);
}

// Selections from the address (#arm=...&outcome=...&quarter=2005Q4&region=RU-MOW), applied through
// the controls themselves, as a reader's choice would be.
function applyHash() {
  const wanted = new URLSearchParams(location.hash.slice(1));
  const choose = (control, wantedValue) => {
    if (wantedValue === null) return;
    control.value = wantedValue;
    control.dispatchEvent(new Event("change"));
  };
  if (wanted.get("region") !== null) selectedRegion = wanted.get("region");
  choose(armSelect, wanted.get("arm"));
  choose(outcomeSelect, wanted.get("outcome"));
  const quarter = wanted.get("quarter");
  choose(quarterInput, quarter === null ? null : String(DATA.quarters.indexOf(quarter)));
}

setUpMap();
setUpControls();
render();
applyHash();
window.addEventListener("hashchange", applyHash);
