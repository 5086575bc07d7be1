namespace AiPolicyHub.Core.Policies;

public enum SectionChange
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

public enum LineChange
{
    Same,
    Added,
    Removed,
}

public sealed record DiffLine(LineChange Change, string Text);

/// <summary>One section compared across two versions; <paramref name="OldTitle"/> is set when it was renamed.</summary>
public sealed record SectionDiff(string Key, string Title, string? OldTitle, PolicySectionKind Kind, SectionChange Change, IReadOnlyList<DiffLine> Lines)
{
    public int AddedLines => Lines.Count(l => l.Change == LineChange.Added);
    public int RemovedLines => Lines.Count(l => l.Change == LineChange.Removed);
}

/// <summary>
/// What changed between two versions of the policy: section by section (matched by their key, so a renamed or moved
/// section is compared with itself), and within a section line by line.
/// </summary>
public static class PolicyDiff
{
    /// <summary>Beyond this many line pairs a section is shown as replaced whole rather than diffed line by line.</summary>
    private const long MaxCells = 4_000_000;

    public static IReadOnlyList<SectionDiff> Compare(PolicyContent? before, PolicyContent after)
    {
        var old = (before?.Sections ?? []).ToDictionary(s => s.Key);
        var result = new List<SectionDiff>();
        foreach (var section in after.Sections)
        {
            var lines = PolicyText.Lines(section);
            if (!old.Remove(section.Key, out var previous))
            {
                result.Add(new SectionDiff(section.Key, section.Title, null, section.Kind, SectionChange.Added, [.. lines.Select(l => new DiffLine(LineChange.Added, l))]));
                continue;
            }
            var diff = Lines(PolicyText.Lines(previous), lines);
            var renamed = previous.Title != section.Title;
            var changed = renamed || previous.Kind != section.Kind || diff.Any(l => l.Change != LineChange.Same);
            result.Add(new SectionDiff(section.Key, section.Title, renamed ? previous.Title : null, section.Kind,
                changed ? SectionChange.Changed : SectionChange.Unchanged, diff));
        }
        foreach (var removed in (before?.Sections ?? []).Where(s => old.ContainsKey(s.Key)))
        {
            result.Add(new SectionDiff(removed.Key, removed.Title, null, removed.Kind, SectionChange.Removed,
                [.. PolicyText.Lines(removed).Select(l => new DiffLine(LineChange.Removed, l))]));
        }
        return result;
    }

    /// <summary>A line diff from the longest common subsequence: removed lines come before the added lines that replace them.</summary>
    public static IReadOnlyList<DiffLine> Lines(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        // Common head and tail first: most edits touch a few lines in the middle.
        var head = 0;
        while (head < before.Count && head < after.Count && before[head] == after[head])
        {
            head++;
        }
        var tail = 0;
        while (tail < before.Count - head && tail < after.Count - head && before[before.Count - 1 - tail] == after[after.Count - 1 - tail])
        {
            tail++;
        }
        var result = new List<DiffLine>(Math.Max(before.Count, after.Count));
        for (var i = 0; i < head; i++)
        {
            result.Add(new DiffLine(LineChange.Same, before[i]));
        }
        var n = before.Count - head - tail;
        var m = after.Count - head - tail;
        if ((long)n * m > MaxCells)
        {
            for (var i = 0; i < n; i++) result.Add(new DiffLine(LineChange.Removed, before[head + i]));
            for (var j = 0; j < m; j++) result.Add(new DiffLine(LineChange.Added, after[head + j]));
        }
        else
        {
            // lcs[i, j]: the longest common subsequence of before[head+i..] and after[head+j..].
            var lcs = new int[n + 1, m + 1];
            for (var i = n - 1; i >= 0; i--)
            {
                for (var j = m - 1; j >= 0; j--)
                {
                    lcs[i, j] = before[head + i] == after[head + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
                }
            }
            int a = 0, b = 0;
            while (a < n || b < m)
            {
                if (a < n && b < m && before[head + a] == after[head + b])
                {
                    result.Add(new DiffLine(LineChange.Same, before[head + a]));
                    a++;
                    b++;
                }
                else if (a < n && (b == m || lcs[a + 1, b] >= lcs[a, b + 1]))
                {
                    result.Add(new DiffLine(LineChange.Removed, before[head + a++]));
                }
                else
                {
                    result.Add(new DiffLine(LineChange.Added, after[head + b++]));
                }
            }
        }
        for (var i = after.Count - tail; i < after.Count; i++)
        {
            result.Add(new DiffLine(LineChange.Same, after[i]));
        }
        return result;
    }
}
