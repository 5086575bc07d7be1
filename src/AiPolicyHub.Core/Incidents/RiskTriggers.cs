using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Incidents;

public static class RiskTriggerIds
{
    public const string CriticalIncident = "critical-incident";
    public const string HighIncidentOnHighRisk = "high-incident-high-risk";
    public const string ReviewOverdue = "review-overdue";
    public const string ToolProhibited = "tool-prohibited";
    public const string VendorTrainsOnData = "vendor-trains-on-data";
    public const string AgentPermissionAdded = "agent-permission-added";
    public const string AgentDormant = "agent-dormant";
}

public enum TriggerAction
{
    [Description("Pause automatically")] PauseAutomatically,
    [Description("Propose the pause to compliance")] ProposeToCompliance,
}

/// <summary>One risk trigger: what makes it fire and what it stops.</summary>
public sealed record RiskTriggerDefinition(string Id, string Title, string Fires, string Stops);

/// <summary>An administrator's setting for one trigger.</summary>
public sealed record RiskTriggerSetting(string Id, bool Enabled, TriggerAction Action);

/// <summary>The administrator's trigger settings, and the days a review may be overdue before its trigger fires.</summary>
public sealed record RiskTriggerSettings(IReadOnlyList<RiskTriggerSetting> Triggers, int OverdueDays)
{
    public const int MaximumOverdueDays = 365;

    public static readonly IReadOnlyList<RiskTriggerDefinition> Definitions =
    [
        new(RiskTriggerIds.CriticalIncident, "A critical incident",
            "An incident is reported (or triaged) as critical.", "The workflow it happened in, or every workflow of the tool it is about."),
        new(RiskTriggerIds.HighIncidentOnHighRisk, "A high incident on a high-risk workflow",
            "An incident of high severity happens in a workflow whose residual risk is high or critical.", "That workflow."),
        new(RiskTriggerIds.ReviewOverdue, "A review overdue",
            "An approved workflow's review is overdue by more than the days set below (checked periodically).", "That workflow."),
        new(RiskTriggerIds.ToolProhibited, "A tool becoming prohibited",
            "A tool's approval status changes to prohibited.", "Every workflow using the tool."),
        new(RiskTriggerIds.VendorTrainsOnData, "A vendor starting to train on our data",
            "A tool's vendor terms change so that the vendor trains on the data it receives (customer data included).", "Every workflow using the tool."),
        new(RiskTriggerIds.AgentPermissionAdded, "A permission added to an agent",
            "An agent in use (submitted, approved or rejected) is given a new permission, through the page or the API.",
            "That agent, and the workflows relying on it."),
        new(RiskTriggerIds.AgentDormant, "An agent dormant",
            "An approved agent has not acted for the days set in the rule “Dormant agent to review” (checked periodically).",
            "That agent, and the workflows relying on it."),
    ];

    public static readonly RiskTriggerSettings Default = new(
        [.. Definitions.Select(d => new RiskTriggerSetting(d.Id, true,
            d.Id is RiskTriggerIds.CriticalIncident or RiskTriggerIds.ToolProhibited ? TriggerAction.PauseAutomatically : TriggerAction.ProposeToCompliance))],
        OverdueDays: 30);

    public RiskTriggerSetting For(string id) =>
        Triggers.FirstOrDefault(t => t.Id == id) ?? Default.Triggers.Single(t => t.Id == id);

    public static string TitleOf(string? id) => Definitions.FirstOrDefault(d => d.Id == id)?.Title ?? "A risk trigger";

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (OverdueDays is < 0 or > MaximumOverdueDays)
        {
            errors.Add($"Set the days a review may be overdue between 0 and {MaximumOverdueDays}.");
        }
        if (Triggers.Any(t => Definitions.All(d => d.Id != t.Id)) || Triggers.Any(t => !Enum.IsDefined(t.Action)))
        {
            errors.Add("Unknown trigger or action.");
        }
        return errors;
    }
}

/// <summary>Where the trigger settings are kept (the organisation settings table), changed only by an administrator, audited.</summary>
public sealed class RiskTriggerStore(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string Key = "risk-triggers";
    public const string NotAllowed = "Only an administrator can change the risk triggers.";

    public async Task<RiskTriggerSettings> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, cancellationToken);
    }

    public static async Task<RiskTriggerSettings> LoadAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var stored = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == Key, cancellationToken);
        var settings = stored is null ? null : JsonSerializer.Deserialize<RiskTriggerSettings>(stored.Json);
        if (settings is null || settings.Validate().Count > 0)
        {
            return RiskTriggerSettings.Default;
        }
        // Every trigger is listed, a trigger added since the settings were saved with its default.
        return settings with { Triggers = [.. RiskTriggerSettings.Definitions.Select(d => settings.For(d.Id))] };
    }

    public async Task<Result> SaveAsync(ClaimsPrincipal principal, RiskTriggerSettings settings, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.Roles.Contains(Roles.Administrator))
        {
            return Result.Failure(NotAllowed);
        }
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            return Result.Failure([.. errors]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await LoadAsync(db, cancellationToken);
        var changes = AuditTrail.Diff(Describe(before), Describe(settings));
        if (changes.Count == 0)
        {
            return Result.Success();
        }
        var stored = await db.Settings.SingleOrDefaultAsync(s => s.Key == Key, cancellationToken)
            ?? db.Settings.Add(new Risk.StoredSetting { Key = Key }).Entity;
        stored.Json = JsonSerializer.Serialize(settings);
        await audit.AppendAsync(db, actor, Risk.RiskSettings.EntityType, Key, "Risk triggers", AuditAction.Changed, changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }

    private static Dictionary<string, string> Describe(RiskTriggerSettings settings)
    {
        var described = RiskTriggerSettings.Definitions.ToDictionary(d => d.Title, d =>
        {
            var s = settings.For(d.Id);
            return s.Enabled ? EnumText.Of(s.Action) : "Off";
        });
        described["Review overdue by more than"] = $"{settings.OverdueDays} days";
        return described;
    }
}
