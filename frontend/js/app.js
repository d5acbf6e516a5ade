// Start the GOV.UK Frontend and MoJ Frontend components on every page. Loaded as a module, so
// browsers too old for ES modules get the pages without JavaScript, which all still work.
import { createAll, initAll as initGovuk } from "./govuk-frontend.min.js";
import { FilterToggleButton, initAll as initMoj } from "./moj-frontend.min.js";

initGovuk();
initMoj();
// MoJ's initAll leaves the filter's show/hide button out; its texts come from the page's
// data-toggle-button.* attributes, so they are in the page's language.
createAll(FilterToggleButton);

// htmx runs without eval under the Content-Security-Policy (docs/adr/0028), so the conditions
// its trigger filters used to hold are kept here instead:
// - "app:tab-shown" on the document when the tab is shown again (queue counts, the SLA board);
// - a region marked data-app-keeps-focus is not refreshed while the keyboard is inside it.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") {
    document.dispatchEvent(new CustomEvent("app:tab-shown"));
  }
});
document.addEventListener("htmx:confirm", (event) => {
  const region = event.detail.elt;
  if (region.hasAttribute("data-app-keeps-focus") && region.contains(document.activeElement)) {
    event.preventDefault();
  }
});
