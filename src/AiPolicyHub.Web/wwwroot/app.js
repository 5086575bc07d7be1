// Small browser-side helpers the interface calls through JS interop (named, so the Content-Security-Policy's
// script-src 'self' allows them; no inline scripts).
window.aiPolicyHub = {
    // The theme switch stores the choice in a cookie, so the server renders the next page in it (no light flash).
    storeTheme(name, cookieName) {
        document.cookie = `${cookieName}=${encodeURIComponent(name)}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`
            + (location.protocol === 'https:' ? '; secure' : '');
        // Dialogs and menus render outside the layout: the body carries the theme's own colour variables too.
        document.body.classList.toggle('app-dark', name === 'dark');
        document.body.classList.toggle('app-light', name !== 'dark');
    },
    // A file the server built for this circuit (the import report), saved under its name.
    async download(fileName, contentType, streamReference) {
        const blob = new Blob([await streamReference.arrayBuffer()], { type: contentType });
        const url = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
};

// The browser's time zone, for the server to show and read times in it (Components/Shared/UserTime.cs).
(() => {
    try {
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (zone && !document.cookie.split('; ').includes(`AiPolicyHub.TimeZone=${encodeURIComponent(zone)}`)) {
            document.cookie = `AiPolicyHub.TimeZone=${encodeURIComponent(zone)}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`
                + (location.protocol === 'https:' ? '; secure' : '');
        }
    } catch { /* no Intl: times stay in UTC, labelled */ }
})();
