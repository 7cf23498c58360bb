// Starts GOV.UK Frontend's components (buttons, error summaries, radios) when JavaScript runs.
import { initAll } from '/assets/govuk/govuk-frontend.min.js';
initAll();
