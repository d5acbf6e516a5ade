// Build the staff pages' static files into static/dist/ (run by `npm run build`).
//
// - app.css: our SCSS, which compiles GOV.UK Frontend and MoJ Frontend with the council's
//   neutral font settings.
// - the images that CSS refers to, copied from the two packages (found by reading the compiled
//   CSS, so a new component's icon cannot be forgotten).
// - the JavaScript: GOV.UK Frontend, MoJ Frontend and htmx as their packages ship them, and
//   our own app.js (an ES module) that starts them.
//
// static/dist/ is build output (not in git); Django's staticfiles finds it through
// STATICFILES_DIRS, and collectstatic copies it for production.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "dist");
const modules = join(root, "node_modules");

// Where each package keeps the files a compiled `url(<prefix>/...)` points at; the prefixes are
// the asset paths set in frontend/scss/app.scss.
const ASSET_SOURCES = {
  govuk: join(modules, "govuk-frontend", "dist", "govuk", "assets"),
  moj: join(modules, "@ministryofjustice", "frontend", "moj", "assets"),
};
// No royal crest: this is a council's service, not GOV.UK. Only the footer's copyright logo
// (which our templates never use) refers to it, and the reference goes too: collectstatic's
// hashed names (docs/adr/0038) need every file app.css refers to.
const NEVER_COPIED = /govuk-crest\.svg$/;
const NEVER_REFERRED_TO = /url\(["']?govuk\/images\/govuk-crest\.svg["']?\)/g;

const SCRIPTS = [
  [join(modules, "govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"), "govuk-frontend.min.js"],
  [join(modules, "@ministryofjustice", "frontend", "moj", "moj-frontend.min.js"), "moj-frontend.min.js"],
  [join(modules, "htmx.org", "dist", "htmx.min.js"), "htmx.min.js"],
  [join(root, "frontend", "js", "app.js"), "app.js"],
  [join(root, "frontend", "js", "govuk-js-enabled.js"), "govuk-js-enabled.js"],
];

function copy(source, target) {
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
}

function buildCss() {
  const result = sass.compile(join(root, "frontend", "scss", "app.scss"), {
    loadPaths: [root],
    style: "compressed",
    // GOV.UK Frontend 5 still uses @import; its deprecation warnings are not ours to fix.
    quietDeps: true,
    silenceDeprecations: ["import", "global-builtin"],
  });
  const css = result.css.replace(NEVER_REFERRED_TO, "none");
  writeFileSync(join(out, "app.css"), css);
  return css;
}

function copyAssets(css) {
  const copied = [];
  for (const [, url] of css.matchAll(/url\(["']?([^"')]+)["']?\)/g)) {
    if (url.startsWith("data:") || NEVER_COPIED.test(url)) continue;
    const [prefix, ...rest] = url.split("/");
    const source = ASSET_SOURCES[prefix];
    if (!source) throw new Error(`app.css refers to ${url}, which no package provides.`);
    copy(join(source, ...rest), join(out, url));
    copied.push(url);
  }
  return copied;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const css = buildCss();
const assets = copyAssets(css);
for (const [source, name] of SCRIPTS) copy(source, join(out, name));
const versions = Object.fromEntries(
  ["govuk-frontend", "@ministryofjustice/frontend", "htmx.org"].map((name) => [
    name,
    JSON.parse(readFileSync(join(modules, name, "package.json"), "utf8")).version,
  ]),
);
console.log(
  `static/dist: app.css (${Math.round(css.length / 1024)} KiB), ${assets.length} images, ` +
    `${SCRIPTS.length} scripts; ${JSON.stringify(versions)}`,
);
