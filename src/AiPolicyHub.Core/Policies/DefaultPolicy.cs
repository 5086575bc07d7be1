using AiPolicyHub.Core.Reports.Definitions;

namespace AiPolicyHub.Core.Policies;

/// <summary>The draft a new organisation starts from: the principles in words, and every generated section.</summary>
public static class DefaultPolicy
{
    public static IReadOnlyList<DraftSection> Sections(string organisationName) =>
    [
        new("purpose", "Purpose and scope", PolicySectionKind.Authored,
            $"""
            This policy sets out how everyone working for {organisationName} may use artificial intelligence at work: which tools, with which data, under which human oversight, and what to do when something goes wrong. It applies to every employee, contractor and temporary worker, to every AI tool whether bought, free or built in-house, and to AI features embedded in other products.

            When you are unsure whether a use is allowed, ask **“Can I use AI for this?”** in AiPolicyHub before you start: it answers from the same rules and tools as this policy.
            """),
        new("principles", "Principles", PolicySectionKind.Authored,
            string.Join("\n", UsagePolicyReport.Principles.Select((p, i) => $"{i + 1}. **{p.Principle}** {p.Meaning}"))),
        new("tools", PolicySectionKinds.DefaultTitle(PolicySectionKind.ApprovedTools), PolicySectionKind.ApprovedTools),
        new("rules", PolicySectionKinds.DefaultTitle(PolicySectionKind.RulesInForce), PolicySectionKind.RulesInForce),
        new("oversight", PolicySectionKinds.DefaultTitle(PolicySectionKind.OversightByTier), PolicySectionKind.OversightByTier),
        new("prohibited", PolicySectionKinds.DefaultTitle(PolicySectionKind.ProhibitedUses), PolicySectionKind.ProhibitedUses),
        new("incidents", PolicySectionKinds.DefaultTitle(PolicySectionKind.IncidentsAndPause), PolicySectionKind.IncidentsAndPause),
        new("literacy", "AI literacy and acknowledgement", PolicySectionKind.Authored,
            """
            Everyone who uses AI at work reads this policy and acknowledges each new version in AiPolicyHub. The record of who acknowledged which version, and when, is part of how we make sure our people know enough about AI to use it well (EU AI Act Art. 4, AI literacy).

            Managers make sure new colleagues read it before they first use an AI tool for work.
            """),
    ];
}
