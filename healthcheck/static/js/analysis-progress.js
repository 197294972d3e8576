// Progressive enhancement for the "Analysing…" page: poll the analysis status and reload
// the page when the results are ready, or when no run is going (the inputs changed again, or
// the run's process died): loading the page starts or takes over the run. Without JavaScript
// the page has a Refresh link.
const POLL_MS = 2000

function start (element) {
  const url = element.dataset.statusUrl
  const bar = element.querySelector('progress')
  const text = element.querySelector('.app-progress__text')
  if (!url) return
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (!response.ok) return
      const state = await response.json()
      if (state.ready || state.status === 'none') {
        window.location.reload()
        return
      }
      if (bar) bar.value = state.progress
      if (text) text.textContent = `${state.progress}% done`
      if (state.status === 'failed') return
    } catch (error) {
      // Offline for a moment: try again on the next tick.
    }
    window.setTimeout(poll, POLL_MS)
  }
  window.setTimeout(poll, POLL_MS)
}

document.querySelectorAll('[data-module="app-analysis-progress"]').forEach(start)
