using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Policies;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Reports.Definitions;

/// <summary>
/// The AI usage policy staff must follow: the latest published version as it was frozen, or, until one is published, the
/// draft with its generated sections from the live rules and tools, marked as a draft on the cover and at the end.
/// </summary>
public static class UsagePolicyReport
{
    public const string VersionText = "Draft — live rules and tools";

    /// <summary>The principles every use of AI keeps to, each with what it means in practice.</summary>
    public static IReadOnlyList<(string Principle, string Meaning)> Principles { get; } =
    [
        ("AI is an assistant, not an authority.", "AI output is a draft or a suggestion; a named person stays responsible for what is done with it."),
        ("Verify important claims.", "Facts, figures, citations and legal or medical statements from AI are checked against a reliable source before anyone relies on them."),
        ("Humans approve.", "Output that reaches customers, the public or a regulator, and every decision about people, is reviewed and approved by a person first."),
        ("Protect data.", "Give a tool only data up to the classification it is approved for; never paste credentials or secrets into an AI tool."),
        ("Track where AI is used.", "Every recurring use of AI is recorded as a workflow in AiPolicyHub, with its owner, data and oversight."),
        ("Review AI-written code.", "Code an AI wrote or changed is reviewed by a person, like any other change, before it is merged or deployed."),
        ("Know the provenance.", "For important artefacts, record which model, prompt and data produced them, so results can be traced and repeated."),
        ("Separate generation from validation.", "The system or person that produced an output does not also certify it: validation is done by someone or something else."),
        ("Use the pause button.", "When a risk trigger fires — wrong output reached a customer, data leaked, bias was reported, the model changed — the workflow is paused and used again only when its restart conditions are met and compliance signs off (NIST AI RMF MANAGE 2.4; EU AI Act Art. 26(5) and 14(4)(e))."),
    ];

    public static IReadOnlyList<(string Tier, string Oversight)> OversightByTier { get; } =
    [
        ("Low", "The owner spot-checks a sample of outputs; the workflow is reviewed at its review date (at least yearly)."),
        ("Medium", "Output is reviewed by a person before use whenever it leaves the team; spot-checks at the rate the rules set; yearly review."),
        ("High", "Review before use and approval before external release; bias testing where people are affected; provenance logging; review every six months."),
        ("Critical", "Two-person approval, validation independent of the generator and compliance sign-off before use; review every quarter; paused at the first incident."),
    ];

    public static IReadOnlyList<string> ProhibitedUses { get; } =
    [
        "Using a tool that is prohibited, proposed but not yet approved, retired or paused.",
        "Giving a tool data more sensitive than the highest classification it is approved for.",
        "Pasting passwords, keys, tokens or other credentials into any AI tool.",
        "Letting AI make or carry out decisions about people (hiring, lending, insurance, health, education, legal matters, essential services) without a person's approval.",
        "Letting AI act automatically on confidential or restricted data.",
        "Practices the EU AI Act prohibits (Art. 5): manipulation that causes harm, exploiting vulnerabilities, social scoring, emotion recognition at work or in education, untargeted scraping of facial images, and biometric categorisation by sensitive traits.",
        "Presenting AI output as a person's own verified work without the review this policy requires.",
    ];

    /// <summary>
    /// The generated sections' content from live data: what the draft shows until publication, and what publication
    /// freezes into the version.
    /// </summary>
    public static IReadOnlyList<ReportBlock> GeneratedBlocks(PolicySectionKind kind, IReadOnlyList<ToolDirectoryEntry> tools, IReadOnlyList<IPolicyRule> rules)
    {
        var blocks = new List<ReportBlock>();
        void Paragraph(string text) => blocks.Add(new ParagraphBlock([TextSpan.Plain(text)]));
        var usable = tools.Where(t => t.MayBeUsed).ToList();
        var prohibited = tools.Where(t => !t.MayBeUsed).ToList();
        switch (kind)
        {
            case PolicySectionKind.ApprovedTools when usable.Count == 0:
                blocks.Add(new CalloutBlock(CalloutKind.Warning, null, [TextSpan.Plain("No AI tool is approved yet: do not use AI tools for work until one is.")]));
                break;
            case PolicySectionKind.ApprovedTools:
                Paragraph("Only these tools may be used for work, each with no data more sensitive than shown, and keeping to its conditions.");
                blocks.Add(new TableBlock(null, [new TableColumn("Tool", 1.5), new TableColumn("Vendor", 1.1), new TableColumn("Status", 1.3), new TableColumn("Highest data", 1.45), new TableColumn("Conditions", 3.8)],
                    [.. usable.Select(t => new TableRow([t.Name, t.Vendor, EnumText.Of(t.Status), t.HighestClassification ?? "None", string.Join("\n", t.Conditions)]))]));
                break;
            case PolicySectionKind.RulesInForce:
                Paragraph("AiPolicyHub checks every recorded workflow against these rules; a workflow that breaks one is listed as a finding until it is fixed or compliance grants a time-limited exception.");
                blocks.Add(new TableBlock(null, [new TableColumn("Rule", 2), new TableColumn("Severity", 0.9), new TableColumn("Why we have it", 4), new TableColumn("References", 1.8)],
                    [.. rules.Select(r => new TableRow([r.Title, EnumText.Of(r.Severity), r.Rationale, string.Join("\n", r.References)]))]));
                break;
            case PolicySectionKind.OversightByTier:
                Paragraph("Every workflow gets a residual risk tier from its data, autonomy, audience, effect on people and controls. The tier sets the least oversight it needs:");
                blocks.Add(new TableBlock(null, [new TableColumn("Tier", 1), new TableColumn("Oversight required", 6)], [.. OversightByTier.Select(o => new TableRow([o.Tier, o.Oversight]))]));
                break;
            case PolicySectionKind.ProhibitedUses:
                blocks.Add(new ListBlock(ListKind.Bullet, [.. ProhibitedUses.Select(u => (IReadOnlyList<TextSpan>)[TextSpan.Plain(u)])]));
                if (prohibited.Count > 0)
                {
                    blocks.Add(new HeadingBlock(2, "Tools that must not be used"));
                    blocks.Add(new TableBlock(null, [new TableColumn("Tool", 1.6), new TableColumn("Vendor", 1.2), new TableColumn("Why, and what instead", 5)],
                        [.. prohibited.Select(t => new TableRow([t.Name, t.Vendor, $"{t.StatusMeaning}\n{string.Join("\n", t.Conditions)}"]))]));
                }
                break;
            case PolicySectionKind.IncidentsAndPause:
                Paragraph("Report at once to your manager and the compliance team when AI output that was wrong reached a customer or the public, data went to a tool that may not receive it, someone complains of bias, a security problem is found in AI-written code, or a tool starts behaving differently.");
                blocks.Add(new ListBlock(ListKind.Numbered, [.. PauseProcedure.Select(step => (IReadOnlyList<TextSpan>)[TextSpan.Plain(step)])]));
                Paragraph(PauseReferences);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Authored sections are not generated.");
        }
        return blocks;
    }

    public static IReadOnlyList<string> PauseProcedure { get; } =
    [
        "Stop using the workflow or tool and keep what you have (prompts, outputs, dates).",
        "Report the incident in AiPolicyHub with what happened, when, how severe it is and who is affected.",
        "The use is paused — by a risk trigger, by the department's manager, or by a compliance officer for any workflow or a whole tool — and shows as “do not use — paused” everywhere staff look.",
        "The owner meets the restart conditions: root cause documented, controls updated, risk re-assessed.",
        "A compliance officer other than the person who paused it signs off the restart. Every step is recorded in the audit trail.",
    ];

    public const string PauseReferences =
        "This is the emergency brake deployers of AI are asked to have: NIST AI RMF MANAGE 2.4 (mechanisms to disengage or deactivate AI systems whose outcomes are not as intended) and the EU AI Act, Art. 26(5) (suspend the use of a system that presents a risk, and inform) and Art. 14(4)(e) (people overseeing a system can interrupt it with a “stop” button).";

    /// <summary>
    /// The policy as a report: a published version (<paramref name="published"/>) exactly as it was frozen, or, while
    /// none is published, the draft with its generated sections from live data, marked as a draft.
    /// </summary>
    public static ReportDocument Build(ReportStamp stamp, PolicyContent content, PolicyVersionInfo? published, ReportFingerprint fingerprint)
    {
        var metadata = stamp.Metadata(ReportKinds.Title(ReportKind.UsagePolicy), "How staff may use AI tools at work: principles, approved tools, rules and procedures",
            "None", fingerprint);
        var versionText = published is null ? VersionText : $"Version {published.Number}";
        var builder = published is null
            ? new ReportBuilder(metadata).Cover("Draft generated from the rules and tools in force",
                new KeyValueItem("Version", VersionText), new KeyValueItem("Sections", RiskRegisterReport.Count(content.Sections.Count)))
            : new ReportBuilder(metadata).Cover($"Version {published.Number}, published {Day(published.PublishedAt)}",
                new KeyValueItem("Version", versionText), new KeyValueItem("Published", Day(published.PublishedAt)),
                new KeyValueItem("Approved by", published.ApprovedBy));
        builder.TableOfContents();
        var number = 0;
        foreach (var section in content.Sections)
        {
            builder.Heading(1, $"{++number}. {section.Title}");
            foreach (var block in section.Blocks)
            {
                builder.Add(block);
            }
        }
        builder.Heading(1, $"{++number}. Version and approval");
        if (published is null)
        {
            builder.Facts(
                    new KeyValueItem("Version", VersionText),
                    new KeyValueItem("Generated", stamp.GeneratedAt.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
                    new KeyValueItem("Generated by", stamp.GeneratedBy),
                    new KeyValueItem("Approved by", "Not approved: this draft shows the rules and tools currently in force."))
                .Callout(CalloutKind.Info, "Draft", TextSpan.Plain("This document is generated from the live rules and tools. It becomes a policy version when a compliance officer publishes it."));
        }
        else
        {
            // Only what was frozen: the same version prints the same text, whenever it is generated.
            builder.Facts(
                    new KeyValueItem("Version", versionText),
                    new KeyValueItem("Published", published.PublishedAt.ToString("d MMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
                    new KeyValueItem("Approved by", published.ApprovedBy),
                    new KeyValueItem("What changed", published.ChangeSummary),
                    new KeyValueItem("Content hash", published.ContentHash))
                .Paragraph("Everyone who works with AI acknowledges each version in AiPolicyHub; the record of who acknowledged which version, and when, is kept as evidence of the organisation's AI-literacy measures (EU AI Act Art. 4).");
        }
        return builder.Build();
    }

    private static string Day(DateTime at) => at.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    internal static ReportFingerprint Fingerprint(IReadOnlyList<ToolDirectoryEntry> tools, IReadOnlyList<IPolicyRule> rules)
    {
        var fingerprint = new ReportFingerprint();
        foreach (var t in tools)
        {
            fingerprint.Add("tool", t.Id, t.Name, t.Vendor, t.Status, t.MayBeUsed, t.HighestClassification, string.Join("\n", t.Conditions));
        }
        foreach (var r in rules)
        {
            fingerprint.Add("rule", r.Id, r.Title, r.Severity, r.Rationale);
        }
        return fingerprint;
    }
}
