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
    // Whether the window matches the layout's wide-screen media query (the drawer beside the page), now and again (one
    // boolean) whenever the window crosses it.
    watchWideScreen(layout, query) {
        const media = window.matchMedia(query);
        media.addEventListener('change', event => layout.invokeMethodAsync('WideScreenChanged', event.matches).catch(() => { }));
        return media.matches;
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
    // The chosen file's name and size, so the evidence dialog can say at once when it is too large.
    fileInfo(input) {
        const file = input && input.files && input.files[0];
        return file ? { name: file.name, size: file.size } : null;
    },
    // Posts the chosen file with the given fields to an evidence endpoint (same origin, the session's cookies, the page's
    // antiforgery token) and hands back the status and the answer's text for the dialog to show.
    async uploadEvidence(input, address, fields) {
        const file = input && input.files && input.files[0];
        if (!file) {
            return { status: 0, body: '' };
        }
        const form = new FormData();
        for (const [name, value] of Object.entries(fields || {})) {
            if (value !== null && value !== undefined) {
                form.append(name, value);
            }
        }
        form.append('file', file, file.name);
        const token = document.querySelector('input[name="__RequestVerificationToken"]');
        try {
            const response = await fetch(address, {
                method: 'POST', body: form, credentials: 'same-origin',
                headers: token ? { 'RequestVerificationToken': token.value } : {},
            });
            return { status: response.status, body: await response.text() };
        } catch (error) {
            return { status: 0, body: String(error) };
        }
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
