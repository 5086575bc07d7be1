using System.Net;
using System.Text.Json;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Endpoints;
using AiPolicyHub.Web.Tests.Api;

namespace AiPolicyHub.Web.Tests.Reports;

/// <summary>The AI bill of materials download: the reports page's address and the REST API's run the same Core step, with its roles.</summary>
public sealed class AiBomEndpointTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "ai bom endpoint password";

    [Fact]
    public async Task Compliance_downloads_the_AI_bill_of_materials_as_a_CycloneDX_file_named_after_the_day()
    {
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, await app.CreateUserAsync(Roles.ComplianceOfficer, Password), Password);

        var response = await client.GetAsync("/reports/ai-bom.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.cyclonedx+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^ai-bom-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{4}\\.cdx\\.json$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("1.6", document.RootElement.GetProperty("specVersion").GetString());
        Assert.Equal(document.RootElement.GetProperty("serialNumber").GetString(), response.Headers.GetValues(ReportEndpoints.ReportIdHeader).Single());
    }

    [Fact]
    public async Task The_api_serves_it_to_compliance_and_refuses_a_manager_with_403()
    {
        var compliance = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);
        var manager = app.ClientWith((await app.CreateTokenUserAsync(Roles.Manager)).Token);

        var allowed = await compliance.GetAsync("/api/v1/reports/ai-bom.json");
        var refused = await manager.GetAsync("/api/v1/reports/ai-bom.json");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("CycloneDX", (await ApiFixture.JsonOf(allowed)).GetProperty("bomFormat").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_AI_bill_of_materials()
    {
        var staff = app.ClientWith((await app.CreateTokenUserAsync(Roles.Staff)).Token);

        var document = await ApiFixture.JsonOf(await staff.GetAsync("/openapi/v1.json"));

        var get = document.GetProperty("paths").GetProperty("/api/v1/reports/ai-bom.json").GetProperty("get");
        Assert.Contains("CycloneDX 1.6", get.GetProperty("summary").GetString());
        var responses = get.GetProperty("responses");
        Assert.True(responses.TryGetProperty("200", out _));
        Assert.True(responses.TryGetProperty("403", out _));
    }
}
