using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>The records an import refers to by name (departments, levels, tools, people), loaded once per run.</summary>
public sealed class ImportLookups
{
    private static readonly StringComparer Names = StringComparer.InvariantCultureIgnoreCase;

    public Dictionary<string, int> Departments { get; } = new(Names);
    public Dictionary<string, DataClassificationLevel> Levels { get; } = new(Names);
    public Dictionary<string, AiTool> Tools { get; } = new(Names);
    /// <summary>Enabled users by email and by display name.</summary>
    public Dictionary<string, string> People { get; } = new(Names);
    public Dictionary<int, DataClassificationLevel> LevelsById { get; } = [];
    public Dictionary<int, RuleTool> RuleTools { get; } = [];
    public HashSet<string> UserIds { get; } = [];
    public Dictionary<string, string> PeopleNames { get; } = [];
    public Dictionary<string, string> PeopleEmails { get; } = [];
    public ClassificationScale? Scale { get; set; }
    public RiskThresholds? Thresholds { get; set; }

    private InventoryReferences? references;

    /// <summary>What the validation checks ids against; rebuilt after departments or tools are added.</summary>
    public InventoryReferences References => references ??= new(Departments.Values.ToHashSet(), LevelsById.Keys.ToHashSet(),
        Tools.Values.Select(t => t.Id).ToHashSet(), UserIds);

    public void Changed() => references = null;

    /// <summary>Each classification level's rank by id, as <see cref="Approvals.MaterialChanges"/> compares them.</summary>
    public IReadOnlyDictionary<int, int> ClassificationRanks => classificationRanks ??= LevelsById.ToDictionary(l => l.Key, l => l.Value.Rank);
    private Dictionary<int, int>? classificationRanks;

    public InventoryNames DisplayNames() => new(Departments.ToDictionary(d => d.Value, d => d.Key), LevelsById.ToDictionary(l => l.Key, l => l.Value.Name),
        Tools.Values.ToDictionary(t => t.Id, t => t.Name), PeopleNames);

    public static async Task<ImportLookups> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var lookups = new ImportLookups();
        foreach (var d in await db.Departments.AsNoTracking().ToListAsync(cancellationToken))
        {
            lookups.Departments[d.Name] = d.Id;
        }
        var levels = await db.ClassificationLevels.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var l in levels)
        {
            lookups.Levels[l.Name] = l;
            lookups.LevelsById[l.Id] = l;
        }
        lookups.Scale = ClassificationScale.From(levels);
        lookups.Thresholds = await RiskSettings.ThresholdsAsync(db, cancellationToken);
        foreach (var t in await db.Tools.AsNoTracking().Include(t => t.MaxClassification).ToListAsync(cancellationToken))
        {
            lookups.Tools[t.Name] = t;
            lookups.RuleTools[t.Id] = RuleTool.From(t);
        }
        foreach (var u in await db.Users.AsNoTracking().Where(u => !u.IsDisabled).Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(cancellationToken))
        {
            lookups.UserIds.Add(u.Id);
            lookups.PeopleNames[u.Id] = u.DisplayName;
            if (u.Email is { } email)
            {
                lookups.People[email] = u.Id;
                lookups.PeopleEmails[u.Id] = email;
            }
            if (!string.IsNullOrWhiteSpace(u.DisplayName))
            {
                lookups.People.TryAdd(u.DisplayName, u.Id);
            }
        }
        return lookups;
    }
}
