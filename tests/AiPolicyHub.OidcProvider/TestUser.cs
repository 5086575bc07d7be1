namespace AiPolicyHub.OidcProvider;

/// <summary>A person the test provider knows: signs in with <see cref="UserName"/> and <see cref="Password"/> on its plain login form.</summary>
public sealed record TestUser(string UserName, string Password, string Name, string Email, IReadOnlyList<string> Groups, string? Department)
{
    /// <summary>The provider's stable id for the person (the <c>sub</c> claim): not the email, which the app must not link by.</summary>
    public string Subject { get; init; } = "sub-" + UserName;
}
