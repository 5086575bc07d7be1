using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Reports.Definitions;

/// <summary>
/// The AI usage policy staff must follow, generated from the live rules and tools. Until policy versions can be
/// published it is marked as a draft: the version block says so on the cover and at the end.
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
        ("Use the pause button.", "When a risk trigger fires — wrong output reached a customer, data leaked, bias was reported, the model changed — the workflow is paused and used again only when its restart conditions are met and compliance signs off."),
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

    public static ReportDocument Build(ReportStamp stamp, IReadOnlyList<ToolDirectoryEntry> tools, RuleEngine engine)
    {
        var rules = engine.EnabledRules;
        var fingerprint = Fingerprint(tools, rules);
        var metadata = stamp.Metadata(ReportKinds.Title(ReportKind.UsagePolicy), "How staff may use AI tools at work: principles, approved tools, rules and procedures",
            "None", fingerprint);
        var usable = tools.Where(t => t.MayBeUsed).ToList();
        var prohibited = tools.Where(t => !t.MayBeUsed).ToList();

        var builder = new ReportBuilder(metadata)
            .Cover("Draft generated from the rules and tools in force",
                new KeyValueItem("Version", VersionText),
                new KeyValueItem("Approved tools", RiskRegisterReport.Count(usable.Count)),
                new KeyValueItem("Rules in force", RiskRegisterReport.Count(rules.Count)))
            .TableOfContents()
            .Heading(1, "1. Purpose and scope")
            .Paragraph($"This policy sets out how everyone working for {stamp.OrganisationName} may use artificial intelligence at work: which tools, with which data, under which human oversight, and what to do when something goes wrong. It applies to every employee, contractor and temporary worker, to every AI tool whether bought, free or built in-house, and to AI features embedded in other products.")
            .Paragraph("When you are unsure whether a use is allowed, ask “Can I use AI for this?” in AiPolicyHub before you start: it answers from the same rules and tools as this policy.")
            .Heading(1, "2. Principles")
            .Add(new ListBlock(ListKind.Numbered, [.. Principles.Select(p => (IReadOnlyList<TextSpan>)[TextSpan.Bold(p.Principle + " "), TextSpan.Plain(p.Meaning)])]))
            .Heading(1, "3. Approved tools and the data they may receive");
        if (usable.Count == 0)
        {
            builder.Callout(CalloutKind.Warning, null, TextSpan.Plain("No AI tool is approved yet: do not use AI tools for work until one is."));
        }
        else
        {
            builder.Paragraph("Only these tools may be used for work, each with no data more sensitive than shown, and keeping to its conditions.")
                .Table(null, [new TableColumn("Tool", 1.5), new TableColumn("Vendor", 1.1), new TableColumn("Status", 1.3), new TableColumn("Highest data", 1.45), new TableColumn("Conditions", 3.8)],
                    [.. usable.Select(t => new TableRow([t.Name, t.Vendor, EnumText.Of(t.Status), t.HighestClassification ?? "None", string.Join("\n", t.Conditions)]))]);
        }
        if (prohibited.Count > 0)
        {
            builder.Heading(2, "Tools that must not be used")
                .Table(null, [new TableColumn("Tool", 1.6), new TableColumn("Vendor", 1.2), new TableColumn("Why, and what instead", 5)],
                    [.. prohibited.Select(t => new TableRow([t.Name, t.Vendor, $"{t.StatusMeaning}\n{string.Join("\n", t.Conditions)}"]))]);
        }

        builder.Heading(1, "4. Rules in force")
            .Paragraph("AiPolicyHub checks every recorded workflow against these rules; a workflow that breaks one is listed as a finding until it is fixed or compliance grants a time-limited exception.")
            .Table(null, [new TableColumn("Rule", 2), new TableColumn("Severity", 0.9), new TableColumn("Why we have it", 4), new TableColumn("References", 1.8)],
                [.. rules.Select(r => new TableRow([r.Title, EnumText.Of(r.Severity), r.Rationale, string.Join("\n", r.References)]))])
            .Heading(1, "5. Human oversight by risk tier")
            .Paragraph("Every workflow gets a residual risk tier from its data, autonomy, audience, effect on people and controls. The tier sets the least oversight it needs:")
            .Table(null, [new TableColumn("Tier", 1), new TableColumn("Oversight required", 6)], [.. OversightByTier.Select(o => new TableRow([o.Tier, o.Oversight]))])
            .Heading(1, "6. Prohibited uses")
            .Bullets(ProhibitedUses)
            .Heading(1, "7. Incidents and the pause procedure")
            .Paragraph("Report at once to your manager and the compliance team when AI output that was wrong reached a customer or the public, data went to a tool that may not receive it, someone complains of bias, a security problem is found in AI-written code, or a tool starts behaving differently.")
            .Numbered(
                "Stop using the workflow or tool and keep what you have (prompts, outputs, dates).",
                "Report the incident with what happened, when, and who is affected.",
                "Compliance pauses the workflow (or every workflow of the tool): it shows as “do not use” everywhere staff look.",
                "The owner fixes the cause and meets the restart conditions compliance lists.",
                "Only a compliance officer restarts it, and the restart is recorded in the audit trail.")
            .Heading(1, "8. Version and approval")
            .Facts(
                new KeyValueItem("Version", VersionText),
                new KeyValueItem("Generated", stamp.GeneratedAt.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)),
                new KeyValueItem("Generated by", stamp.GeneratedBy),
                new KeyValueItem("Approved by", "Not approved: this draft shows the rules and tools currently in force."))
            .Callout(CalloutKind.Info, "Draft", TextSpan.Plain("This document is generated from the live rules and tools. It becomes a policy version when a compliance officer publishes it."));
        return builder.Build();
    }

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
