// Blazor marks the reconnect dialog "rejected" when the server answers but no longer knows this
// page's circuit, e.g. after a restart. The session cookie survives restarts (its keys are in the
// database), so reloading puts the user straight back where they were.
(() => {
    const modal = document.getElementById('components-reconnect-modal');
    if (!modal) return;
    new MutationObserver(() => {
        if (modal.classList.contains('components-reconnect-rejected')) {
            location.reload();
        }
    }).observe(modal, { attributes: true, attributeFilter: ['class'] });
})();

// "Reload" links (the reconnect dialog, the error notices) as a listener rather than inline onclick attributes, which the
// Content-Security-Policy (script-src 'self') does not run.
document.addEventListener('click', event => {
    const link = event.target instanceof Element ? event.target.closest('a[data-reload]') : null;
    if (link) {
        event.preventDefault();
        location.reload();
    }
});
