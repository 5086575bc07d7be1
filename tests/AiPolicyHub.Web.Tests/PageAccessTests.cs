using AiPolicyHub.Core.Identity;

namespace AiPolicyHub.Web.Tests;

/// <summary>Each role gets the pages it may use and an access-denied page for the others, decided by the server.</summary>
public sealed class PageAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "page access password";

    [Theory]
    [InlineData(Roles.Staff, "/admin/rules", false)]
    [InlineData(Roles.Manager, "/admin/rules", false)]
    [InlineData(Roles.ComplianceOfficer, "/admin/rules", false)]
    [InlineData(Roles.Administrator, "/admin/rules", true)]
    [InlineData(Roles.Staff, "/admin/users", false)]
    [InlineData(Roles.ComplianceOfficer, "/admin/organisation", false)]
    [InlineData(Roles.ComplianceOfficer, "/admin/email", false)]
    [InlineData(Roles.Administrator, "/admin/email", true)]
    [InlineData(Roles.ComplianceOfficer, "/admin/single-sign-on", false)]
    [InlineData(Roles.Administrator, "/admin/single-sign-on", true)]
    [InlineData(Roles.Staff, "/audit", false)]
    [InlineData(Roles.ComplianceOfficer, "/audit", true)]
    [InlineData(Roles.Staff, "/check", true)]
    [InlineData(Roles.Staff, "/requests", true)]
    [InlineData(Roles.Manager, "/requests", true)]
    [InlineData(Roles.Staff, "/findings", true)]
    [InlineData(Roles.Staff, "/policy", true)]
    [InlineData(Roles.Staff, "/policy/edit", false)]
    [InlineData(Roles.Manager, "/policy/edit", false)]
    [InlineData(Roles.Manager, "/policy/acknowledgements", false)]
    [InlineData(Roles.ComplianceOfficer, "/policy/edit", true)]
    [InlineData(Roles.ComplianceOfficer, "/policy/acknowledgements", true)]
    [InlineData(Roles.Administrator, "/policy/edit", true)]
    [InlineData(Roles.Staff, "/account/two-factor", true)]
    [InlineData(Roles.Staff, "/admin/webhooks", false)]
    [InlineData(Roles.Manager, "/admin/webhooks", false)]
    [InlineData(Roles.ComplianceOfficer, "/admin/webhooks", false)]
    [InlineData(Roles.Administrator, "/admin/webhooks", true)]
    [InlineData(Roles.Staff, "/admin/eu-ai-act", false)]
    [InlineData(Roles.Manager, "/admin/eu-ai-act", false)]
    [InlineData(Roles.ComplianceOfficer, "/admin/eu-ai-act", true)]
    [InlineData(Roles.Administrator, "/admin/eu-ai-act", true)]
    [InlineData(Roles.Staff, "/workflows/1/fria", true)]
    [InlineData(Roles.Staff, "/agents", true)]
    [InlineData(Roles.Staff, "/agents/new", true)]
    [InlineData(Roles.Manager, "/agents/new", true)]
    [InlineData(Roles.Staff, "/connectors", true)]
    [InlineData(Roles.ComplianceOfficer, "/connectors/new", true)]
    [InlineData(Roles.Staff, "/compliance/soa", false)]
    [InlineData(Roles.Manager, "/compliance/soa", false)]
    [InlineData(Roles.ComplianceOfficer, "/compliance/soa", true)]
    [InlineData(Roles.Administrator, "/compliance/soa", true)]
    [InlineData(Roles.Manager, "/compliance/soa/A.6.2.6", false)]
    [InlineData(Roles.ComplianceOfficer, "/compliance/soa/A.6.2.6", true)]
    [InlineData(Roles.Staff, "/reviews", false)]
    [InlineData(Roles.Manager, "/reviews", true)]
    [InlineData(Roles.ComplianceOfficer, "/reviews", true)]
    [InlineData(Roles.Staff, "/admin/review-checklists", false)]
    [InlineData(Roles.ComplianceOfficer, "/admin/review-checklists", false)]
    [InlineData(Roles.Administrator, "/admin/review-checklists", true)]
    [InlineData(Roles.Staff, "/attestations", false)]
    [InlineData(Roles.Manager, "/attestations", false)]
    [InlineData(Roles.ComplianceOfficer, "/attestations", true)]
    [InlineData(Roles.Manager, "/attestations/1", false)]
    [InlineData(Roles.Staff, "/my-attestations", true)]
    [InlineData(Roles.Staff, "/workflows/1/review", true)]
    public async Task A_page_is_shown_only_to_the_roles_it_is_for(string role, string path, bool allowed)
    {
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, await app.CreateUserAsync(role, Password), Password);

        var response = await client.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Access denied", await response.Content.ReadAsStringAsync());
        }
        else
        {
            Assert.True(AppFactory.IsRedirectTo(response, "/account/access-denied"), $"{response.StatusCode} {response.Headers.Location}");
        }
    }
}
