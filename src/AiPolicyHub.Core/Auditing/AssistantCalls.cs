using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Auditing;

/// <summary>
/// The audit trail of what people's AI assistants asked the app (the MCP server's tool calls): who, through which API token,
/// which tool, the arguments and how it ended. One entry per call, whatever the outcome — a refusal is recorded as such; a
/// record the call wrote (an incident) has its own entry besides, written by its own step.
/// </summary>
public sealed class AssistantCalls(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string EntityType = "AssistantToolCall";

    /// <summary>An argument or outcome longer than this is cut (an incident's text can run to 4,000 characters).</summary>
    public const int MaxValueLength = 300;

    /// <summary>Records the call; false when the caller is no longer an enabled user (nothing is written).</summary>
    public async Task<bool> RecordAsync(ClaimsPrincipal caller, string tool, string? tokenId, IReadOnlyDictionary<string, string> arguments,
        string outcome, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, caller, cancellationToken);
        if (actor is null)
        {
            return false;
        }
        var fields = new List<FieldChange> { new("Tool", null, tool) };
        if (tokenId is not null)
        {
            fields.Add(new("API token", null, "#" + tokenId));
        }
        fields.AddRange(arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new FieldChange("Argument " + a.Key, null, Cut(a.Value))));
        fields.Add(new("Outcome", null, Cut(outcome)));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, tool, tool, AuditAction.AssistantToolCalled, fields, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string Cut(string value) => value.Length <= MaxValueLength ? value : value[..(MaxValueLength - 1)] + "…";
}
