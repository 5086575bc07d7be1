using System.Net;
using System.Text.Json;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiPolicyHub.Web.Tests.Mcp;

/// <summary>
/// The real app listening on 127.0.0.1 (Kestrel, not the in-memory test server), so the MCP tests go through the SDK's own
/// client over real HTTP, as an assistant on someone's laptop would.
/// </summary>
public sealed class McpTestServer : IDisposable
{
    public McpTestServer() : this(new AppFactory())
    {
    }

    /// <summary>The app of <paramref name="app"/> (e.g. with its own settings), listening.</summary>
    public static McpTestServer Of(AppFactory app) => new(app);

    private McpTestServer(AppFactory app)
    {
        App = app;
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public AppFactory App { get; }

    public Uri BaseAddress { get; }

    public Uri Endpoint => new(BaseAddress, "mcp");

    /// <summary>The SDK's client over Streamable HTTP, sending <paramref name="token"/> as a bearer token (none: no header).</summary>
    public async Task<McpClient> ConnectAsync(string? token)
    {
        var options = new HttpClientTransportOptions { Endpoint = Endpoint, TransportMode = HttpTransportMode.StreamableHttp, Name = "tests" };
        if (token is not null)
        {
            options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token };
        }
        return await McpClient.CreateAsync(new HttpClientTransport(options));
    }

    /// <summary>A plain HTTP client on the listening server (no cookies unless <paramref name="cookies"/>), for what is not MCP.</summary>
    public HttpClient HttpClient(bool cookies = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>A plain HTTP client that sends <paramref name="token"/> as a bearer token.</summary>
    public HttpClient HttpClientWith(string token)
    {
        var client = HttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public void Dispose() => App.Dispose();
}

/// <summary>Calling the tools and reading their answers.</summary>
public static class McpCalls
{
    public static Task<CallToolResult> CallAsync(this McpClient client, string tool, Dictionary<string, object?> arguments) =>
        client.CallToolAsync(tool, arguments).AsTask();

    /// <summary>The structured answer of a call that succeeded (its JSON, property names in camelCase).</summary>
    public static JsonElement Answer(this CallToolResult result)
    {
        Assert.True(result.IsError != true, "The call was refused: " + result.Text());
        Assert.True(result.StructuredContent is JsonElement { ValueKind: JsonValueKind.Object }, "No structured answer: " + result.Text());
        return (JsonElement)result.StructuredContent!;
    }

    public static string Text(this CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    public static IReadOnlyList<string> Strings(this JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>A tool decided by <paramref name="officer"/>, cleared for data up to <paramref name="level"/>.</summary>
    public static async Task<(int Id, string Name)> AddToolAsync(this AppFactory app, ApiFixture.TokenUser officer, string name, string level,
        ToolApprovalStatus status = ToolApprovalStatus.Approved, ToolCapabilities capabilities = ToolCapabilities.Text, string notes = "")
    {
        var outcome = await app.Services.GetRequiredService<ToolCatalog>().SaveAsync(ApiFixture.PrincipalOf(officer.UserId), null, new ToolForm
        {
            Name = name, Vendor = "Example Vendor", MaxClassificationId = await app.ClassificationIdAsync(level), ApprovalStatus = status,
            Capabilities = capabilities, TrainsOnOurData = VendorTraining.No, HasDataProcessingAgreement = true, Notes = notes,
        });
        Assert.True(outcome.Status == AiPolicyHub.Core.SaveStatus.Saved, outcome.Message);
        return (outcome.Id, name);
    }

    public static Task<ApiFixture.TokenUser> OfficerAsync(this AppFactory app) => app.CreateTokenUserAsync(Roles.ComplianceOfficer);
}
