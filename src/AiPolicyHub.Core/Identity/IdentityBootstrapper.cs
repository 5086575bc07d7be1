using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Identity;

/// <summary>The first administrator's sign-in, from configuration or generated.</summary>
public sealed record AdministratorBootstrapSettings(string? Email, string? Password)
{
    public const string DefaultEmail = "admin@localhost";
}

/// <summary>Creates the roles, and the first administrator when nobody can sign in yet.</summary>
public sealed class IdentityBootstrapper(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, TimeProvider clock, ILogger<IdentityBootstrapper> logger)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Throw(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
    }

    /// <summary>Returns the created administrator, or null when users exist already.</summary>
    public async Task<AppUser?> EnsureFirstAdministratorAsync(AdministratorBootstrapSettings settings)
    {
        if (users.Users.Any())
        {
            return null;
        }

        var email = string.IsNullOrWhiteSpace(settings.Email) ? AdministratorBootstrapSettings.DefaultEmail : settings.Email.Trim();
        var generated = string.IsNullOrEmpty(settings.Password);
        var password = generated ? PasswordGenerator.OneTimePassword() : settings.Password!;
        var admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = clock.GetUtcNow(),
            MustChangePassword = generated,
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new StartupException(
                $"Could not create the first administrator '{email}': {Describe(created)} " +
                "Fix AIPOLICYHUB_ADMIN_EMAIL / AIPOLICYHUB_ADMIN_PASSWORD, or unset the password to get a generated one.");
        }
        Throw(await users.AddToRoleAsync(admin, Roles.Administrator), "grant the Administrator role");

        if (generated)
        {
            logger.LogWarning(
                "\n==== AiPolicyHub first run ====\nAn administrator account was created.\n  Email:              {Email}\n  One-time password:  {Password}\n" +
                "Sign in with it; you will be asked to choose your own password. It is shown only this once.\n" +
                "(Set AIPOLICYHUB_ADMIN_EMAIL and AIPOLICYHUB_ADMIN_PASSWORD before the first start to choose them yourself.)\n===============================",
                email, password);
        }
        else
        {
            logger.LogInformation("Created the first administrator {Email} from configuration", email);
        }
        return admin;
    }

    private static void Throw(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {Describe(result)}");
        }
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
