// "Copy code" and "Print this page" buttons beside a resume code. Progressive enhancement:
// without JavaScript the code is plain text to write down, select or print (the page has
// print styles); with it, the buttons appear. Our own script, loaded from 'self' (CSP).

export function initCopyButtons (root = document) {
  for (const holder of root.querySelectorAll('[data-app-copy]')) {
    const target = document.getElementById(holder.dataset.appCopy)
    const status = holder.querySelector('.app-copy-status')
    if (!target || !status) continue

    const say = (text) => {
      status.textContent = ''
      window.setTimeout(() => { status.textContent = text }, 50)
    }
    const copyByHand = () => {
      // Older browsers and insecure contexts: select the code so that Ctrl+C copies it.
      const range = document.createRange()
      range.selectNodeContents(target)
      const selection = window.getSelection()
      selection.removeAllRanges()
      selection.addRange(range)
      let copied = false
      try { copied = document.execCommand('copy') } catch (error) { copied = false }
      say(copied ? 'Code copied' : 'Code selected: press Ctrl and C (or Cmd and C) to copy it')
    }

    const copy = document.createElement('button')
    copy.type = 'button'
    copy.className = 'govuk-button govuk-button--secondary'
    copy.textContent = 'Copy code'
    copy.addEventListener('click', () => {
      const code = target.textContent.trim()
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code).then(() => say('Code copied'), copyByHand)
      } else {
        copyByHand()
      }
    })

    const print = document.createElement('button')
    print.type = 'button'
    print.className = 'govuk-button govuk-button--secondary'
    print.textContent = 'Print this page'
    print.addEventListener('click', () => window.print())

    const group = document.createElement('div')
    group.className = 'govuk-button-group'
    group.append(copy, print)
    holder.insertBefore(group, status)
  }
}
