using System.Reflection;
using System.Text.Json;

namespace AiPolicyHub.Core.Compliance;

/// <summary>One reference control of ISO/IEC 42001 Annex A: its code (e.g. "A.6.2.6") and a short title of our own.</summary>
public sealed record AnnexAControl(string Code, string Title, string GroupCode, string GroupTitle)
{
    /// <summary>
    /// The control as an evidence subject's id, derived from its code so it never moves: the numbers after "A." as
    /// g·10000 + x·100 + y, e.g. A.6.2.6 → 60206, A.10.3 → 100300.
    /// </summary>
    public int SubjectId
    {
        get
        {
            var n = AnnexAControls.SortKey(Code);
            return n[0] * 10000 + (n.Length > 1 ? n[1] : 0) * 100 + (n.Length > 2 ? n[2] : 0);
        }
    }
}

/// <summary>
/// The 38 reference controls of ISO/IEC 42001:2023 Annex A (A.2–A.10), codes and short titles only, shipped as an embedded
/// JSON file (<c>iso42001-annex-a.json</c>) like the EU AI Act obligations table. The standard's text is not reproduced:
/// the titles are short names written for this app.
/// </summary>
public static class AnnexAControls
{
    public const string ResourceName = "AiPolicyHub.Core.Compliance.iso42001-annex-a.json";
    public const string ReferencePrefix = "ISO/IEC 42001 ";

    private static readonly Lazy<IReadOnlyList<AnnexAControl>> all = new(Load);

    /// <summary>Every control in the standard's order.</summary>
    public static IReadOnlyList<AnnexAControl> All => all.Value;

    public static AnnexAControl? BySubjectId(int id) => All.FirstOrDefault(c => c.SubjectId == id);

    public static AnnexAControl? Find(string? code) => All.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    /// <summary>
    /// The control codes a rule's references cite: "ISO/IEC 42001 A.7.4" → "A.7.4". A reference naming a code that is not
    /// in Annex A yields nothing (a test holds every built-in rule to existing codes).
    /// </summary>
    public static IEnumerable<string> CitedBy(IEnumerable<string> references) =>
        references.Where(r => r.StartsWith(ReferencePrefix, StringComparison.Ordinal))
            .Select(r => r[ReferencePrefix.Length..].Trim());

    /// <summary>"A.6.2.6" sorts after "A.6.1.3" and "A.10.2" after "A.9.4": by each number in turn.</summary>
    public static int[] SortKey(string code) =>
        [.. code.Split('.').Skip(1).Select(p => int.TryParse(p, out var n) ? n : 0)];

    private static IReadOnlyList<AnnexAControl> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var document = JsonDocument.Parse(stream);
        var controls = new List<AnnexAControl>();
        foreach (var group in document.RootElement.GetProperty("groups").EnumerateArray())
        {
            var groupCode = group.GetProperty("code").GetString()!;
            var groupTitle = group.GetProperty("title").GetString()!;
            foreach (var control in group.GetProperty("controls").EnumerateArray())
            {
                controls.Add(new AnnexAControl(control.GetProperty("code").GetString()!, control.GetProperty("title").GetString()!, groupCode, groupTitle));
            }
        }
        return controls;
    }
}
