// Start GOV.UK Frontend's components (skip link, error summary, character count, ...), then
// our own small ones.
import { initAll } from '../govuk/govuk-frontend.min.js'
import { initCopyButtons } from './copy-code.js'
import { initSaveOnBack } from './save-on-back.js'

initAll()
initCopyButtons()
initSaveOnBack()
