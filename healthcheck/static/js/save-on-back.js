// The Back link on a survey page sends the page's answers first, so nothing typed there is
// lost: the server saves them as Continue does and goes back (healthcheck/survey/routes.py,
// action "back"). Without JavaScript the link is a plain link, as GOV.UK's is.
export function initSaveOnBack () {
  const form = document.querySelector('form[data-save-on-back]')
  const back = document.querySelector('a.govuk-back-link')
  if (!form || !back) return
  back.addEventListener('click', (event) => {
    // A new tab or window (Ctrl, Cmd, Shift or middle click) is left to the browser.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    const action = document.createElement('input')
    action.type = 'hidden'
    action.name = 'action'
    action.value = 'back'
    form.appendChild(action)
    form.submit()
  })
}
