// Text with ANSI colour codes (what rich writes for a terminal: SGR sequences, 256 colours)
// as spans with inline styles. The spans' text is the text without the codes, so the
// element's plain text is exactly what convcalc prints without a terminal.

const BASIC = ["#000000", "#800000", "#008000", "#808000", "#000080", "#800080", "#008080", "#c0c0c0",
               "#808080", "#ff0000", "#00ff00", "#ffff00", "#0000ff", "#ff00ff", "#00ffff", "#ffffff"];
const CUBE = [0, 95, 135, 175, 215, 255];

function hex(r, g, b) {
  return "#" + [r, g, b].map((v) => v.toString(16).padStart(2, "0")).join("");
}

// xterm's 256-colour palette: 16 basic colours, a 6×6×6 cube, 24 greys
export function paletteColour(n) {
  if (n < 16) return BASIC[n];
  if (n < 232) {
    const i = n - 16;
    return hex(CUBE[Math.floor(i / 36)], CUBE[Math.floor(i / 6) % 6], CUBE[i % 6]);
  }
  const grey = 8 + 10 * (n - 232);
  return hex(grey, grey, grey);
}

function apply(style, codes) {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) { style.color = null; style.bold = style.dim = style.italic = style.underline = false; }
    else if (c === 1) style.bold = true;
    else if (c === 2) style.dim = true;
    else if (c === 3) style.italic = true;
    else if (c === 4) style.underline = true;
    else if (c === 22) style.bold = style.dim = false;
    else if (c === 23) style.italic = false;
    else if (c === 24) style.underline = false;
    else if (c >= 30 && c <= 37) style.color = BASIC[c - 30];
    else if (c >= 90 && c <= 97) style.color = BASIC[c - 90 + 8];
    else if (c === 39) style.color = null;
    else if (c === 38 && codes[i + 1] === 5) { style.color = paletteColour(codes[i + 2]); i += 2; }
    else if (c === 38 && codes[i + 1] === 2) { style.color = hex(codes[i + 2], codes[i + 3], codes[i + 4]); i += 4; }
    else if (c === 48 && (codes[i + 1] === 5 || codes[i + 1] === 2)) i += codes[i + 1] === 5 ? 2 : 4;  // backgrounds: not shown
  }
}

function span(text, style) {
  if (!style.color && !style.bold && !style.dim && !style.italic && !style.underline) return document.createTextNode(text);
  const element = document.createElement("span");
  element.textContent = text;
  if (style.color) element.style.color = style.color;
  if (style.bold) element.style.fontWeight = "bold";
  if (style.dim) element.style.opacity = "0.7";
  if (style.italic) element.style.fontStyle = "italic";
  if (style.underline) element.style.textDecoration = "underline";
  return element;
}

export function ansiToFragment(text) {
  const fragment = document.createDocumentFragment();
  const style = { color: null, bold: false, dim: false, italic: false, underline: false };
  const sequence = /\x1b\[([0-9;]*)m/g;
  let last = 0;
  for (const match of text.matchAll(sequence)) {
    if (match.index > last) fragment.append(span(text.slice(last, match.index), style));
    apply(style, match[1] === "" ? [0] : match[1].split(";").map(Number));
    last = match.index + match[0].length;
  }
  if (last < text.length) fragment.append(span(text.slice(last), style));
  return fragment;
}

export function stripAnsi(text) {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}
