using System.Security.Claims;
using System.Text.Json;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Rules.Stored;

/// <summary>One rule as the settings page shows it: on or off, and the values it runs with.</summary>
public sealed record RuleSettingView(IPolicyRule Rule, bool Enabled, RuleParameters Values, int Version);

/// <summary>
/// The organisation's rule settings in the database. Everyone's findings and answers come from <see cref="EngineAsync"/>;
/// only an administrator changes the settings, each change validated and audited.
/// </summary>
public sealed class RuleSettingsStore(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, ILogger<RuleSettingsStore> logger)
{
    public const string EntityType = "RuleSetting";
    public const string NotAllowed = "Only an administrator can change the rules.";

    /// <summary>The engine for the stored settings and the organisation's classification levels.</summary>
    public async Task<RuleEngine> EngineAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new RuleEngine(await LoadAsync(db, cancellationToken));
    }

    /// <summary>Every built-in rule with its current setting, in the engine's order.</summary>
    public async Task<(IReadOnlyList<RuleSettingView> Rules, ClassificationScale Scale)> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var settings = await LoadAsync(db, cancellationToken);
        var versions = await db.RuleSettings.AsNoTracking().ToDictionaryAsync(s => s.RuleId, s => s.Version, cancellationToken);
        var views = BuiltInRules.All
            .Select(r => new RuleSettingView(r, settings.For(r.Id).Enabled, settings.ParametersFor(r), versions.GetValueOrDefault(r.Id)))
            .ToList();
        return (views, settings.Scale);
    }

    /// <summary>
    /// Switches <paramref name="ruleId"/> on or off and sets its parameters. Refused, with the reason, when the user is
    /// not an administrator, a value is impossible, or someone else changed the rule since <paramref name="version"/>.
    /// </summary>
    public async Task<Result> SaveAsync(ClaimsPrincipal principal, string ruleId, bool enabled, IReadOnlyDictionary<string, int> values,
        int version, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.Roles.Contains(Roles.Administrator))
        {
            return Result.Failure(NotAllowed);
        }
        if (BuiltInRules.All.FirstOrDefault(r => r.Id == ruleId) is not { } rule)
        {
            return Result.Failure("There is no such rule.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await LoadAsync(db, cancellationToken);
        var parameters = RuleParameters.Of([.. values.Select(v => (v.Key, v.Value))]);
        var changed = current.With(ruleId, new RuleSetting(enabled, parameters));
        var errors = changed.Validate([rule]);
        if (errors.Count > 0)
        {
            return Result.Failure([.. errors]);
        }

        var stored = await db.RuleSettings.FindAsync([ruleId], cancellationToken);
        if ((stored?.Version ?? 0) != version)
        {
            return Result.Failure($"Someone else changed “{rule.Title}” while you were editing it. Reload to see their change, then make yours again.");
        }
        var before = Describe(rule, current.For(ruleId).Enabled, current.ParametersFor(rule), current.Scale);
        var after = Describe(rule, enabled, changed.ParametersFor(rule), current.Scale);
        var changes = AuditTrail.Diff(before, after);
        if (changes.Count == 0)
        {
            return Result.Success();
        }
        if (stored is null)
        {
            stored = db.RuleSettings.Add(new StoredRuleSetting { RuleId = ruleId }).Entity;
        }
        stored.Enabled = enabled;
        stored.ParametersJson = JsonSerializer.Serialize(parameters.ToDictionary(p => p.Key, p => p.Value));
        stored.Version++;
        await audit.AppendAsync(db, actor, EntityType, ruleId, rule.Title, AuditAction.Changed, changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>
    /// The settings as stored, with the classification levels. A stored setting that no longer validates (say, it names
    /// a level that was renumbered) falls back to the rule's defaults rather than stopping every check, and is logged.
    /// </summary>
    public async Task<RuleSettings> LoadAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var levels = await db.ClassificationLevels.AsNoTracking().ToListAsync(cancellationToken);
        var settings = new RuleSettings { Scale = levels.Count > 0 ? ClassificationScale.From(levels) : ClassificationScale.Default };
        foreach (var stored in await db.RuleSettings.AsNoTracking().ToListAsync(cancellationToken))
        {
            if (BuiltInRules.All.FirstOrDefault(r => r.Id == stored.RuleId) is not { } rule)
            {
                continue;
            }
            var values = JsonSerializer.Deserialize<Dictionary<string, int>>(stored.ParametersJson) ?? [];
            var candidate = settings.With(rule.Id, new RuleSetting(stored.Enabled, RuleParameters.Of([.. values.Select(v => (v.Key, v.Value))])));
            var errors = candidate.Validate([rule]);
            if (errors.Count == 0)
            {
                settings = candidate;
            }
            else
            {
                logger.LogWarning("The stored settings of rule {RuleId} are ignored, the rule runs with its defaults: {Errors}",
                    rule.Id, string.Join(" ", errors));
            }
        }
        return settings;
    }

    /// <summary>The rule's setting in words, for the audit trail.</summary>
    public static Dictionary<string, string> Describe(IPolicyRule rule, bool enabled, RuleParameters values, ClassificationScale scale)
    {
        var described = new Dictionary<string, string> { ["Rule"] = enabled ? "On" : "Off" };
        foreach (var parameter in rule.Parameters)
        {
            described[parameter.Label] = RuleParameterText.Format(parameter, values[parameter.Key], scale);
        }
        return described;
    }
}

/// <summary>A rule parameter's value in words: "Confidential", "Customer-facing, Public", "Yes", "30 days".</summary>
public static class RuleParameterText
{
    public static string Format(RuleParameter parameter, int value, ClassificationScale scale) => parameter.Kind switch
    {
        RuleParameterKind.ClassificationRank => scale.NameOf(value),
        RuleParameterKind.Audiences => value == 0
            ? "None"
            : string.Join(", ", Enum.GetValues<Audience>().Where(a => ((AudienceSet)value).Includes(a)).Select(a => EnumText.Of(a))),
        RuleParameterKind.YesNo => value != 0 ? "Yes" : "No",
        _ => string.IsNullOrEmpty(parameter.Unit) ? value.ToString("N0") : $"{value:N0} {parameter.Unit}",
    };
}
