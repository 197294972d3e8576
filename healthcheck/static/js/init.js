// Start GOV.UK Frontend's components (skip link, error summary, character count, ...).
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()
