using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Web.Endpoints.Mcp;
using AiPolicyHub.Web.Identity;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AiPolicyHub.Web.Hosting;

/// <summary>
/// The MCP server at <c>/mcp</c> (Streamable HTTP, stateless, so any instance behind the load balancer answers any call): the
/// staff checker, the approved tools, the workflow inventory and incident reporting (<see cref="AssistantTools"/>) for a
/// person's AI assistant. It authenticates exactly as the REST API does — the person's API token as <c>Authorization: Bearer</c>,
/// never the browser's cookie — acts with that person's roles at the time of each call, counts against the API's rate limits,
/// and writes every tool call to the audit trail (<see cref="AssistantCalls"/>).
/// </summary>
public static class McpRegistration
{
    public const string Path = "/mcp";

    /// <summary>How the tools read their arguments and write their answers: enums by name, as the REST API does.</summary>
    public static readonly JsonSerializerOptions Json = new(McpJsonUtilities.DefaultOptions) { Converters = { new JsonStringEnumConverter() } };

    public const string Instructions =
        "AiPolicyHub holds this organisation's rules for using AI. Before the person uses an AI tool for work, ask check_ai_use and tell them "
        + "the verdict, the reasons and every condition in plain words; never present a NotAllowed, Paused or ApprovedWorkflowOnly answer as "
        + "allowed. list_approved_tools names the tools they may use and the data each may receive; find_workflows finds recorded uses of AI; "
        + "report_incident reports something that went wrong, only when the person asks for it. Every call is recorded in the audit trail "
        + "under the person's name.";

    public static WebApplicationBuilder AddMcpServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation { Name = "AiPolicyHub", Title = "AiPolicyHub — the organisation's AI usage rules", Version = "1.0" };
                o.ServerInstructions = Instructions;
            })
            .WithHttpTransport(o => o.SessionMode = ModelContextProtocol.AspNetCore.HttpServerSessionMode.Stateless)
            .WithTools<AssistantTools>(Json)
            .WithRequestFilters(filters =>
            {
                filters.AddListToolsFilter(next => async (context, cancellationToken) =>
                    WithClassificationNames(await next(context, cancellationToken),
                        (await context.Services!.GetRequiredService<InventoryLookups>().LoadAsync(cancellationToken)).Levels.Select(l => l.Name).ToList()));
                filters.AddCallToolFilter(next => async (context, cancellationToken) =>
                {
                    var calls = context.Services!.GetRequiredService<AssistantCalls>();
                    var user = context.User ?? new ClaimsPrincipal();
                    var tool = context.Params?.Name ?? "";
                    var arguments = (context.Params?.Arguments ?? new Dictionary<string, JsonElement>())
                        .ToDictionary(a => a.Key, a => a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString() ?? "" : a.Value.GetRawText());
                    var token = user.FindFirstValue(ApiTokenAuthenticationHandler.TokenIdClaim);
                    CallToolResult result;
                    try
                    {
                        result = await next(context, cancellationToken);
                    }
                    catch (McpException refused)
                    {
                        await calls.RecordAsync(user, tool, token, arguments, "Refused: " + refused.Message, CancellationToken.None);
                        throw;
                    }
                    catch (Exception failed) when (failed is not OperationCanceledException)
                    {
                        await calls.RecordAsync(user, tool, token, arguments, "Failed: the server could not answer.", CancellationToken.None);
                        throw;
                    }
                    await calls.RecordAsync(user, tool, token, arguments, OutcomeOf(result), CancellationToken.None);
                    return result;
                });
            });
        return builder;
    }

    public static IEndpointRouteBuilder MapMcpServer(this IEndpointRouteBuilder app)
    {
        app.MapMcp(Path).RequireAuthorization(ApiRegistration.Policy);
        return app;
    }

    /// <summary>The answer's own summary (every tool's answer has one), or the error a refused call got.</summary>
    private static string OutcomeOf(CallToolResult result)
    {
        var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        if (result.IsError == true)
        {
            return "Refused: " + text;
        }
        return result.StructuredContent is JsonElement { ValueKind: JsonValueKind.Object } structured
               && structured.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.String
            ? summary.GetString()!
            : text;
    }

    /// <summary>
    /// The organisation's classification levels as the enum of every <c>dataClassification</c> argument, so an assistant picks one
    /// of them (the levels are configurable, so the schema is completed when the tools are listed).
    /// </summary>
    private static ListToolsResult WithClassificationNames(ListToolsResult result, IReadOnlyList<string> levels)
    {
        foreach (var tool in result.Tools)
        {
            if (JsonNode.Parse(tool.InputSchema.GetRawText()) is JsonObject schema
                && schema["properties"]?["dataClassification"] is JsonObject property)
            {
                property["enum"] = new JsonArray([.. levels.Select(l => (JsonNode)JsonValue.Create(l))]);
                tool.InputSchema = JsonSerializer.Deserialize<JsonElement>(schema.ToJsonString());
            }
        }
        return result;
    }
}
