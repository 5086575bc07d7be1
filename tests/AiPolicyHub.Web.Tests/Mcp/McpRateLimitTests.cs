using System.Net;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Endpoints.Mcp;
using AiPolicyHub.Web.Tests.Api;

namespace AiPolicyHub.Web.Tests.Mcp;

/// <summary>The MCP server spends the same per-token budget as the REST API (RateLimits:ApiPerToken).</summary>
public sealed class McpRateLimitTests
{
    [Fact]
    public async Task An_assistants_calls_count_against_its_tokens_api_limit_and_then_get_429_with_retry_after()
    {
        using var server = McpTestServer.Of(AppFactory.WithSettings(new Dictionary<string, string>
        {
            ["RateLimits:ApiPerToken:Permits"] = "12", ["RateLimits:ApiPerToken:Window"] = "01:00:00",
        }));
        var staff = await server.App.CreateTokenUserAsync(Roles.Staff);
        var other = await server.App.CreateTokenUserAsync(Roles.Staff);
        await using var client = await server.ConnectAsync(staff.Token);

        HttpRequestException? refused = null;
        var calls = 0;
        for (; calls < 20 && refused is null; calls++)
        {
            try
            {
                await client.CallAsync(AssistantTools.FindWorkflows, new() { ["take"] = 1 });
            }
            catch (HttpRequestException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(calls is >= 6 and <= 12, $"{calls} calls before the refusal, with a budget of 12 requests");
        // The REST API with the same token is out of budget too; another person's token is not.
        var api = await server.HttpClientWith(staff.Token).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.True(api.Headers.RetryAfter?.Delta > TimeSpan.Zero, api.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, (await server.HttpClientWith(other.Token).GetAsync("/api/v1/me")).StatusCode);
    }
}
