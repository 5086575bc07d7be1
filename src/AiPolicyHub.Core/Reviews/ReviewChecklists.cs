using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Reviews;

/// <summary>One tier's checklist as it stands: its items, and whether they are the shipped defaults.</summary>
public sealed record TierChecklist(RiskTier Tier, IReadOnlyList<string> Items, bool IsDefault, int Version, string? ChangedBy, DateTime? ChangedAt);

/// <summary>
/// What a review checks, by risk tier: the administrator keeps one list per tier; a tier never edited uses the shipped
/// defaults (<see cref="Defaults"/>), each tier asking what the one below asks and more. A workflow without a risk score
/// yet is reviewed against the medium tier's list.
/// </summary>
public sealed class ReviewChecklists(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string EntityType = "ReviewChecklist";
    public const RiskTier TierWhenUnassessed = RiskTier.Medium;

    private static readonly string[] Low =
    [
        "It is still used for the purpose recorded, and no wider",
        "The AI tools it uses are the ones recorded, and each is still approved",
        "Its owner and department are still right",
    ];

    private static readonly string[] Medium =
    [
        .. Low,
        "The data it handles is no more sensitive than the classification recorded",
        "The human oversight recorded is what happens in practice",
    ];

    private static readonly string[] High =
    [
        .. Medium,
        "A sample of recent outputs was checked for accuracy and harm",
        "Incidents and complaints since the last review were looked at",
        "The risk assessment still matches how it is used",
    ];

    private static readonly string[] Critical =
    [
        .. High,
        "The EU AI Act obligations that apply to it are met",
        "Its evidence is current: nothing relied on has expired",
        "People affected by it can have a decision looked at by a person",
    ];

    /// <summary>The shipped checklist of a tier.</summary>
    public static IReadOnlyList<string> Defaults(RiskTier tier) => tier switch
    {
        RiskTier.Critical => Critical,
        RiskTier.High => High,
        RiskTier.Medium => Medium,
        _ => Low,
    };

    public async Task<IReadOnlyList<TierChecklist>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ReviewChecklists.AsNoTracking().ToDictionaryAsync(c => c.Tier, cancellationToken);
        return Enum.GetValues<RiskTier>().Select(t => Of(t, stored.GetValueOrDefault(t))).ToList();
    }

    public async Task<TierChecklist> ForTierAsync(RiskTier tier, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ForTierAsync(db, tier, cancellationToken);
    }

    internal static async Task<TierChecklist> ForTierAsync(AppDbContext db, RiskTier tier, CancellationToken cancellationToken) =>
        Of(tier, await db.ReviewChecklists.AsNoTracking().SingleOrDefaultAsync(c => c.Tier == tier, cancellationToken));

    private static TierChecklist Of(RiskTier tier, ReviewChecklist? row) => row is null
        ? new TierChecklist(tier, Defaults(tier), true, 0, null, null)
        : new TierChecklist(tier, Split(row.Items), false, row.Version, row.ChangedByName, row.ChangedAt);

    /// <summary>The non-empty lines of <paramref name="text"/>, trimmed.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    /// <summary>
    /// The administrator replaces a tier's checklist (one item a line); <paramref name="version"/> is the one they loaded (0
    /// for the defaults). Reviews already recorded keep the items as they read then.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(ClaimsPrincipal principal, RiskTier tier, string? itemsText, int version,
        CancellationToken cancellationToken = default)
    {
        var items = Split(itemsText);
        var errors = new ValidationErrors();
        if (items.Count == 0)
        {
            errors.Add("Items", "Give at least one item to check.");
        }
        else if (items.Count > ReviewChecklist.MaxItems)
        {
            errors.Add("Items", $"Keep the checklist to {ReviewChecklist.MaxItems} items or fewer (now {items.Count}).");
        }
        else if (items.FirstOrDefault(i => i.Length > ReviewChecklist.ItemMaxLength) is { } tooLong)
        {
            errors.Add("Items", $"Keep each item to {ReviewChecklist.ItemMaxLength} characters or fewer (one is {tooLong.Length}).");
        }
        else if (items.GroupBy(i => i, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors.Add("Items", $"“{twice.Key}” is listed twice.");
        }
        return await ChangeAsync(principal, tier, version, errors, items, cancellationToken);
    }

    /// <summary>The administrator puts a tier back on the shipped defaults.</summary>
    public Task<SaveOutcome> ResetAsync(ClaimsPrincipal principal, RiskTier tier, int version, CancellationToken cancellationToken = default) =>
        ChangeAsync(principal, tier, version, new ValidationErrors(), null, cancellationToken);

    private async Task<SaveOutcome> ChangeAsync(ClaimsPrincipal principal, RiskTier tier, int version, ValidationErrors errors,
        IReadOnlyList<string>? items, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.Roles.Contains(Roles.Administrator))
        {
            return SaveOutcome.Forbidden("Only an administrator can change the review checklists.");
        }
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors, Message: errors.All.First());
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Providers.SerializeWritersAsync(db, Providers.AuditChainLock, cancellationToken);
        var row = await db.ReviewChecklists.SingleOrDefaultAsync(c => c.Tier == tier, cancellationToken);
        if ((row?.Version ?? 0) != version)
        {
            return new SaveOutcome(SaveStatus.Conflict, Version: row?.Version ?? 0,
                Message: $"{row?.ChangedByName ?? "Someone"} changed this checklist after you opened it; reload to see theirs.");
        }
        var before = row is null ? Defaults(tier) : Split(row.Items);
        var after = items ?? Defaults(tier);
        var now = audit.Clock.GetUtcNow().UtcDateTime;
        var newVersion = version + 1;
        if (items is null)
        {
            if (row is not null)
            {
                db.ReviewChecklists.Remove(row);
            }
            newVersion = 0;
        }
        else if (row is null)
        {
            db.ReviewChecklists.Add(new ReviewChecklist { Tier = tier, Items = string.Join('\n', items), ChangedAt = now, ChangedByName = actor.Name, Version = newVersion });
        }
        else
        {
            row.Items = string.Join('\n', items);
            row.ChangedAt = now;
            row.ChangedByName = actor.Name;
            row.Version = newVersion;
        }
        await audit.AppendAsync(db, actor, EntityType, tier.ToString(), $"Review checklist, {EnumText.Of(tier).ToLowerInvariant()} risk",
            AuditAction.Changed, [new FieldChange("Items", string.Join("\n", before), string.Join("\n", after) + (items is null ? "\n(the shipped defaults)" : ""))],
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, (int)tier, newVersion,
            Message: items is null ? "The checklist is back on the shipped defaults." : $"The checklist is saved: {items.Count} items.");
    }
}
