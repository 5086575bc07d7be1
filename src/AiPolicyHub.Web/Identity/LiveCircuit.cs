using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AiPolicyHub.Web.Identity;

/// <summary>
/// Whether the services of this scope serve a live circuit (interactive pages), which Blazor opens for them, or one request
/// rendered on the server (sign-in, two-factor and the other plain pages), which checked its cookie when it began.
/// </summary>
internal sealed class LiveCircuit : CircuitHandler
{
    public bool IsOpen { get; private set; }

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsOpen = true;
        return Task.CompletedTask;
    }
}
