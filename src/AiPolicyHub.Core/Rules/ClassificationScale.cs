using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules;

public readonly record struct ClassificationLevelName(int Rank, string Name);

/// <summary>The organisation's classification levels by rank, so rules can name a level in their explanations.</summary>
public sealed class ClassificationScale
{
    private readonly ClassificationLevelName[] levels;

    public ClassificationScale(IEnumerable<ClassificationLevelName> levels)
    {
        this.levels = [.. levels.OrderBy(l => l.Rank)];
        if (this.levels.Length == 0)
        {
            throw new ArgumentException("A classification scale needs at least one level.", nameof(levels));
        }
        for (var i = 1; i < this.levels.Length; i++)
        {
            if (this.levels[i].Rank == this.levels[i - 1].Rank)
            {
                throw new ArgumentException($"Two classification levels have rank {this.levels[i].Rank}.", nameof(levels));
            }
        }
    }

    /// <summary>Public, Internal, Confidential, Restricted (ranks 1 to 4).</summary>
    public static ClassificationScale Default { get; } = From(DataClassificationLevel.Defaults());

    public static ClassificationScale From(IEnumerable<DataClassificationLevel> levels) =>
        new(levels.Select(l => new ClassificationLevelName(l.Rank, l.Name)));

    /// <summary>From least to most sensitive.</summary>
    public IReadOnlyList<ClassificationLevelName> Levels => levels;

    public ClassificationLevelName Lowest => levels[0];

    public ClassificationLevelName Highest => levels[^1];

    public bool Contains(int rank) => Array.FindIndex(levels, l => l.Rank == rank) >= 0;

    public string NameOf(int rank)
    {
        foreach (var level in levels)
        {
            if (level.Rank == rank)
            {
                return level.Name;
            }
        }
        return $"level {rank}";
    }
}
