// Autosave for the focus-group form: a few seconds after typing stops, post the form to the
// autosave endpoint. Progressive enhancement: without JavaScript "Save draft" does the same.
// When the session runs out, the form is posted as a draft so that the server keeps the notes.

const form = document.getElementById('focus-group-form')

if (form && form.dataset.autosaveUrl) {
  const status = document.getElementById('autosave-status')
  const version = form.querySelector('input[name="version"]')
  const saveDraft = document.getElementById('save-draft')
  const DELAY = 2000
  let timer = null
  let dirty = false
  let stopped = false
  let saving = false

  const say = (text) => {
    status.textContent = text
  }

  const save = async () => {
    if (stopped || saving || !dirty) return
    saving = true
    dirty = false
    const data = new FormData(form)
    try {
      const response = await fetch(form.dataset.autosaveUrl, {
        method: 'POST',
        body: data,
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        redirect: 'manual'
      })
      if (response.ok) {
        const result = await response.json()
        version.value = result.version
        const base = form.querySelector('input[name="base"]')
        if (base && result.base) base.value = result.base
        const time = new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
        if (result.identifiers && result.identifiers.length) {
          say(`Draft saved automatically at ${time}. Your notes may include a name, contact details or a case number: select Save draft to check them.`)
        } else {
          say(`Draft saved automatically at ${time}`)
        }
        window.dispatchEvent(new CustomEvent('healthcheck:activity'))
      } else if (response.status === 409) {
        stopped = true
        say('Someone else has saved changes to this page. Select Save draft to compare the two versions. Nothing you typed is lost.')
      } else {
        dirty = true
        stopped = true
        say('You have been signed out. Select Save draft to keep your notes: you will be asked to sign in again.')
      }
    } catch (error) {
      dirty = true
      say('Could not save automatically. Check your connection, then select Save draft.')
    } finally {
      saving = false
    }
  }

  form.addEventListener('input', () => {
    dirty = true
    clearTimeout(timer)
    timer = setTimeout(save, DELAY)
  })

  // Typed before this script ran (it loads after the page is shown): save that too.
  const edited = (field) => {
    if (field.type === 'checkbox' || field.type === 'radio') return field.checked !== field.defaultChecked
    if (field.tagName === 'SELECT') return Array.from(field.options).some((o) => o.selected !== o.defaultSelected)
    if (field.tagName !== 'TEXTAREA' && field.tagName !== 'INPUT') return false
    if (['hidden', 'submit', 'button', 'file'].includes(field.type)) return false
    return field.value !== field.defaultValue
  }
  if (Array.from(form.elements).some(edited)) {
    dirty = true
    timer = setTimeout(save, DELAY)
  }

  form.addEventListener('submit', () => {
    stopped = true
    clearTimeout(timer)
  })

  // The session is about to end (session-timeout.js): post the form so nothing is lost.
  window.addEventListener('healthcheck:session-expired', (event) => {
    event.preventDefault()
    stopped = true
    if (saveDraft) form.requestSubmit(saveDraft)
  })
}
