// Warn a signed-in user a few minutes before their idle session runs out, offer "Stay signed
// in" (which pings the keep-alive endpoint), and show "You were signed out" when it has run out.
// Any other activity that reaches the server (autosave) dispatches "healthcheck:activity".

const panel = document.getElementById('session-timeout')

if (panel) {
  const lifetime = Number(panel.dataset.lifetime) * 1000
  const warning = Number(panel.dataset.warning) * 1000
  const countdown = document.getElementById('session-timeout-countdown')
  const stay = document.getElementById('session-timeout-stay')
  let expiresAt = Date.now() + lifetime
  let ticker = null

  const describe = (ms) => {
    const seconds = Math.max(0, Math.round(ms / 1000))
    if (seconds >= 120) return `${Math.ceil(seconds / 60)} minutes`
    if (seconds >= 60) return '1 minute'
    return `${seconds} seconds`
  }

  const hide = () => {
    panel.hidden = true
  }

  const tick = () => {
    const left = expiresAt - Date.now()
    // A little after the server's limit, so that the server has certainly ended the session.
    if (left <= -1500) {
      clearInterval(ticker)
      // A page with unsaved work (the focus-group form) posts it instead, so it is kept.
      const expired = new CustomEvent('healthcheck:session-expired', { cancelable: true })
      if (window.dispatchEvent(expired)) window.location.assign(panel.dataset.signedOutUrl)
      return
    }
    if (left <= warning && left > 0) {
      if (panel.hidden) {
        panel.hidden = false
        stay.focus()
      }
      countdown.textContent = describe(left)
    }
  }

  const reset = () => {
    expiresAt = Date.now() + lifetime
    hide()
  }

  stay.addEventListener('click', async () => {
    try {
      const response = await fetch(panel.dataset.keepAliveUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'X-CSRFToken': panel.dataset.csrfToken, Accept: 'application/json' }
      })
      if (response.ok) {
        reset()
        return
      }
    } catch (error) {
      // offline: keep the warning up so the user can try again
    }
    countdown.textContent = 'a moment (we could not reach the server, try again)'
  })

  window.addEventListener('healthcheck:activity', reset)
  ticker = setInterval(tick, 1000)
}
