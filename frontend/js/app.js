// Start the GOV.UK Frontend and MoJ Frontend components on every page. Loaded as a module, so
// browsers too old for ES modules get the pages without JavaScript, which all still work.
import { createAll, initAll as initGovuk } from "./govuk-frontend.min.js";
import { FilterToggleButton, initAll as initMoj } from "./moj-frontend.min.js";

initGovuk();
initMoj();
// MoJ's initAll leaves the filter's show/hide button out; its texts come from the page's
// data-toggle-button.* attributes, so they are in the page's language.
createAll(FilterToggleButton);
