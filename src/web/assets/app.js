// Progressive enhancement only: every page works without this file.
// After a failed form, move focus to the error summary so screen readers and keyboard users start there
// (the GOV.UK pattern); its links already jump to the fields without JavaScript.
const summary = document.querySelector('.error-summary');
if (summary) summary.focus();
