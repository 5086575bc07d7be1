using System.Security.Claims;
using AiPolicyHub.Core.Tests;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AiPolicyHub.Components.Tests;

/// <summary>
/// A bUnit context with MudBlazor's services (JS calls answered loosely) and a signed-in user whose roles a test
/// chooses. MudBlazor registers services that are only IAsyncDisposable, so the context is disposed asynchronously.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    private TestServices? core;

    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Auth = AddAuthorization();
    }

    protected BunitAuthorizationContext Auth { get; }

    /// <summary>Signs in a user with the given roles (and user id) for the components rendered next.</summary>
    protected void SignInAs(string name, params string[] roles)
    {
        Auth.SetAuthorized(name);
        Auth.SetRoles(roles);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, "user-" + name), new Claim(ClaimTypes.Name, name));
    }

    /// <summary>
    /// Core's services over a fresh test database, registered into this context so pages can inject them. Call before the
    /// first render.
    /// </summary>
    protected async Task<TestServices> UseCoreAsync(TimeProvider? clock = null)
    {
        core = await new TestServices(clock).InitializeAsync();
        var provider = core.Provider;
        Services.AddFallbackServiceProvider(provider);
        // MudBlazor registers the system clock in this context, which would win over the fallback: pages take Core's test clock.
        Services.AddSingleton(core.Clock);
        return core;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Pages that ask whether they are live render as in a live session (interactive Server), not as the prerender. Call once
    /// every service is registered: it builds the context's services.
    /// </summary>
    protected void RenderAsLiveSession() =>
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (core is not null) await core.DisposeAsync();
    }
}
