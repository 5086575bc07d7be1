using AiPolicyHub.Web.Components;
using AiPolicyHub.Web.Endpoints;
using AiPolicyHub.Web.Endpoints.Api;
using AiPolicyHub.Web.Identity;
using MudBlazor.Services;

namespace AiPolicyHub.Web.Hosting;

public static class WebUiRegistration
{
    /// <summary>Configuration section bound to <see cref="Microsoft.AspNetCore.Components.Server.CircuitOptions"/> (its <c>Hub</c> subsection to the hub's options).</summary>
    public const string CircuitSettingsSection = "Circuits";

    public static WebApplicationBuilder AddWebUi(this WebApplicationBuilder builder)
    {
        // Serve static assets from a plain build in every environment (not only Development), so a
        // Production-mode run from bin/ - as the browser tests do - looks like the published app.
        // Published output has no build manifest, and there this is a no-op.
        builder.WebHost.UseStaticWebAssets();
        // Circuit (live session) and its hub's options: the framework's defaults unless set under Circuits and
        // Circuits:Hub (e.g. Circuits__DisconnectedCircuitMaxRetained); ./bench.sh circuits --setting measures a change.
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(o =>
            {
                o.DetailedErrors = builder.Environment.IsDevelopment();
                builder.Configuration.GetSection(CircuitSettingsSection).Bind(o);
            })
            .AddHubOptions(o =>
            {
                // A live session starts with the state its prerender kept (a list page's rows, about 30-80 KB protected and
                // encoded); the framework's 32 KB would refuse the circuit.
                o.MaximumReceiveMessageSize = StartMessageLimitBytes;
                builder.Configuration.GetSection(CircuitSettingsSection + ":Hub").Bind(o);
            });
        builder.Services.AddMudServices();
        builder.Services.AddScoped<Components.Shared.PolicyAcknowledgementNotice>();
        return builder;
    }

    /// <summary>The largest message a browser may send to its live session: room for a list page's prerendered rows.</summary>
    public const long StartMessageLimitBytes = 192 * 1024;

    public static WebApplication UseWebPipeline(this WebApplication app)
    {
        // In every environment, Development included: the developer exception page would answer an API call with the stack
        // trace and the request's headers (its Authorization token among them). The log has the details.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Pages re-execute as the HTML error page; /api/v1 gets a problem from ApiExceptionHandler.
            ExceptionHandlingPath = "/error",
            CreateScopeForErrors = true,
            // An exception ApiExceptionHandler answered is still logged (by default it would not be).
            SuppressDiagnosticsCallback = _ => false,
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<ApiProblemMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter(); // after authentication, so reports and imports count per signed-in user
        app.UseAuthorization();
        app.UseMiddleware<ApiQueryValidation>();
        app.UseMiddleware<RequirePasswordChangeMiddleware>();
        app.UseMiddleware<RequireTwoFactorSetupMiddleware>();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapAppEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        // Our own Content-Security-Policy (SecurityHeadersRegistration) says frame-ancestors 'none' on every response.
        // The live sessions' WebSockets are not compressed unless Circuits:WebSocketCompression says so: compression keeps a
        // zlib deflater and inflater in native memory for every open tab: about 1 MiB an idle session (README, Capacity).
        var compression = app.Configuration.GetValue<bool>(CircuitSettingsSection + ":WebSocketCompression");
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o =>
        {
            o.ContentSecurityFrameAncestorsPolicy = null;
            o.DisableWebSocketCompression = !compression;
        });
        app.MapAccountEndpoints();
        app.MapSingleSignOnEndpoints();
        app.MapReportEndpoints();
        app.MapExportEndpoints();
        app.MapEvidenceEndpoints();
        app.MapComplianceEndpoints();
        app.MapRestApi();
        app.MapApiDocument();
        app.MapMcpServer();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        return app;
    }
}
