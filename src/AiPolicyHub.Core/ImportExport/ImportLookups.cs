using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>The records an import refers to by name (departments, levels, tools, people), loaded once per run.</summary>
public sealed class ImportLookups
{
    public ImportLookups()
    {
        // One comparer per run: names compare ignoring case in any alphabet, each distinct cell's hash computed once.
        var names = new NameComparer();
        Departments = new(names);
        Levels = new(names);
        Tools = new(names);
        People = new(names);
    }

    public Dictionary<string, int> Departments { get; }
    public Dictionary<string, DataClassificationLevel> Levels { get; }
    public Dictionary<string, AiTool> Tools { get; }
    /// <summary>Enabled users by email and by display name.</summary>
    public Dictionary<string, string> People { get; }
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

/// <summary>
/// <see cref="StringComparer.InvariantCultureIgnoreCase"/>, which hashes through ICU at a cost that dominated the lookups of
/// a large import, where the same few cells ("Finance", "Internal") come back on every row: each distinct text's hash is
/// remembered (up to a bound), and identical texts are equal without asking ICU. Equality and hashes are unchanged.
/// </summary>
internal sealed class NameComparer : IEqualityComparer<string>
{
    private const int MaxRemembered = 10_000;
    private static readonly StringComparer Culture = StringComparer.InvariantCultureIgnoreCase;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> hashes = new(StringComparer.Ordinal);

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal) || Culture.Equals(x, y);

    public int GetHashCode(string text)
    {
        if (hashes.TryGetValue(text, out var hash))
        {
            return hash;
        }
        hash = Culture.GetHashCode(text);
        if (hashes.Count < MaxRemembered)
        {
            hashes.TryAdd(text, hash);
        }
        return hash;
    }
}
