// GOV.UK Frontend's first script: tell its styles that JavaScript runs, before anything is
// drawn. Its own snippet is inline; this copy is a file because the Content-Security-Policy
// allows no inline script (docs/adr/0028). Loaded without defer right after <body>.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
