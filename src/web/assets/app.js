// Progressive enhancement only: every page works without this file.
// After a failed form, move focus to the error summary so screen readers and keyboard users start there
// (the GOV.UK pattern); its links already jump to the fields without JavaScript.
const summary = document.querySelector('main > .error-summary');
if (summary) summary.focus();

// Printed, a link in the content shows its address after it (print styles), unless its text already is that address.
for (const link of document.querySelectorAll('main a[href]')) {
  const text = link.textContent.trim();
  if (text === link.href || text === link.getAttribute('href')) link.classList.add('shows-url');
}

// Drafts save as you go: a form marked data-autosave is posted in the background a few seconds after the last change.
// Without JavaScript the "Save draft" button does the same.
for (const form of document.querySelectorAll('form[data-autosave]')) {
  const status = document.getElementById('status');
  let timer;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const body = new URLSearchParams(new FormData(form));
      body.set('action', 'save');
      try {
        const res = await fetch(form.action, { method: 'POST', body, headers: { accept: 'application/json' } });
        const out = await res.json();
        if (status && res.ok) status.dataset.saved = String(out.version);
        if (status) status.querySelector('.autosave')?.remove();
        const note = document.createElement('p');
        note.className = 'autosave';
        note.textContent = res.ok
          ? `${document.documentElement.lang === 'en' ? 'Draft saved' : 'Utkastet är sparat'} (${new Date().toLocaleTimeString()})`
          : document.documentElement.lang === 'en'
            ? 'Could not save: use the button.'
            : 'Kunde inte spara: använd knappen.';
        status?.append(note);
      } catch {
        // Offline or the server away: the button still works.
      }
    }, 3000);
  });
}
