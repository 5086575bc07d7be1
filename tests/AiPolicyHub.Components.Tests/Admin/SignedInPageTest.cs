using System.Security.Claims;
using AiPolicyHub.Core.Tests;
using MudBlazor;

namespace AiPolicyHub.Components.Tests.Admin;

/// <summary>
/// For pages whose services look the signed-in person up in the database (roles are re-checked there): the person is a
/// real user of the test database, and the MudBlazor providers that pop-ups and dialogs need are on the page.
/// </summary>
public abstract class SignedInPageTest : ComponentTest
{
    protected TestServices Core { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        Core = await UseCoreAsync();
        Render<MudPopoverProvider>();
    }

    /// <summary>Creates the user in the test database and signs them in; returns them as Core's services see them.</summary>
    protected async Task<ClaimsPrincipal> SignInAsNewUserAsync(string name, string role)
    {
        var principal = await Core.CreateUserAsync(name, role);
        var id = TestServices.UserId(principal);
        Auth.SetAuthorized(name);
        Auth.SetRoles(role);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name));
        return principal;
    }
}
