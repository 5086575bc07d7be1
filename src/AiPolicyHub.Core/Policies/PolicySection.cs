using AiPolicyHub.Core.Reports;

namespace AiPolicyHub.Core.Policies;

/// <summary>What a section of the policy is made of: text a compliance officer wrote, or content generated from live data.</summary>
public enum PolicySectionKind
{
    /// <summary>Markdown written by a compliance officer.</summary>
    Authored,
    /// <summary>The tools staff may use and the most sensitive data each may receive.</summary>
    ApprovedTools,
    /// <summary>The enabled rules with their rationale and framework references.</summary>
    RulesInForce,
    /// <summary>The least human oversight each residual risk tier needs.</summary>
    OversightByTier,
    /// <summary>What nobody may do with AI, and the tools that must not be used.</summary>
    ProhibitedUses,
    /// <summary>How to report an incident, and how a use of AI is paused and restarted.</summary>
    IncidentsAndPause,
}

/// <summary>
/// A section of the draft as the compliance officer edits it. <paramref name="Key"/> identifies the section across edits
/// and versions (so a renamed section still diffs against itself); <paramref name="Markdown"/> is empty for generated ones.
/// </summary>
public sealed record DraftSection(string Key, string Title, PolicySectionKind Kind, string Markdown = "")
{
    public bool IsGenerated => Kind != PolicySectionKind.Authored;
}

/// <summary>
/// A section with its content: the Markdown (authored sections) and the report blocks it renders as. In a published
/// version both are frozen, so the version reads and prints the same for ever, whatever the live data or Markdown
/// library do later.
/// </summary>
public sealed record PolicySection(string Key, string Title, PolicySectionKind Kind, string Markdown, IReadOnlyList<ReportBlock> Blocks)
{
    public bool IsGenerated => Kind != PolicySectionKind.Authored;
}

/// <summary>The policy's sections in order, with their content.</summary>
public sealed record PolicyContent(IReadOnlyList<PolicySection> Sections);

public static class PolicySectionKinds
{
    public static IReadOnlyList<PolicySectionKind> Generated { get; } =
        [PolicySectionKind.ApprovedTools, PolicySectionKind.RulesInForce, PolicySectionKind.OversightByTier, PolicySectionKind.ProhibitedUses, PolicySectionKind.IncidentsAndPause];

    /// <summary>What the section shows, for the editor.</summary>
    public static string Describe(PolicySectionKind kind) => kind switch
    {
        PolicySectionKind.Authored => "Text you write (Markdown)",
        PolicySectionKind.ApprovedTools => "Generated: the approved tools and the highest data classification each may receive",
        PolicySectionKind.RulesInForce => "Generated: the rules in force with their rationale and references",
        PolicySectionKind.OversightByTier => "Generated: the human oversight each risk tier needs",
        PolicySectionKind.ProhibitedUses => "Generated: prohibited uses and the tools that must not be used",
        PolicySectionKind.IncidentsAndPause => "Generated: reporting incidents, the pause and the restart",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The title a newly added generated section starts with.</summary>
    public static string DefaultTitle(PolicySectionKind kind) => kind switch
    {
        PolicySectionKind.Authored => "New section",
        PolicySectionKind.ApprovedTools => "Approved tools and the data they may receive",
        PolicySectionKind.RulesInForce => "Rules in force",
        PolicySectionKind.OversightByTier => "Human oversight by risk tier",
        PolicySectionKind.ProhibitedUses => "Prohibited uses",
        PolicySectionKind.IncidentsAndPause => "Incidents and the pause procedure",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
