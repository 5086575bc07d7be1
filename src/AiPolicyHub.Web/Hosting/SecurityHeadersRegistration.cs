using Microsoft.Net.Http.Headers;

namespace AiPolicyHub.Web.Hosting;

/// <summary>
/// The headers every response carries — pages, API, downloads, error pages and problems alike (they are set just before the
/// response starts, so nothing later in the pipeline can skip them): a Content-Security-Policy that runs only the app's own
/// scripts, nosniff, no referrer, no powerful browser features, no caching of data (API, exports, PDFs, the OpenAPI document),
/// and no Server header; HSTS over HTTPS outside Development. (ASP.NET Core's own HSTS middleware sets its header before an
/// exception, and the exception handler clears it; here it is set as the response starts, error pages included.)
/// </summary>
public static class SecurityHeadersRegistration
{
    /// <summary>
    /// Scripts only from the app itself (Blazor's and MudBlazor's files, app.js, reconnect.js; no inline script, no eval).
    /// MudBlazor writes style attributes and its theme's style element at run time, hence 'unsafe-inline' for styles only; 'self' for connections covers the circuit's
    /// WebSocket on the same host.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    /// <summary>Addresses whose answers hold data that must not stay in a browser's or proxy's cache.</summary>
    private static readonly PathString[] NoStore = ["/api", "/export", "/reports", "/openapi", "/account", "/compliance", McpRegistration.Path];

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Over HTTPS (directly or behind a proxy that says so), the antiforgery cookie is Secure too.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    public const string StrictTransportSecurity = "max-age=31536000";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var hsts = !app.Environment.IsDevelopment();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.XFrameOptions = "DENY";
                headers.Remove(HeaderNames.Server);
                if (hsts && http.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = StrictTransportSecurity;
                }
                if (NoStore.Any(p => http.Request.Path.StartsWithSegments(p)))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        return app;
    }
}
