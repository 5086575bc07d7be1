using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;

namespace AiPolicyHub.Core.Reports.Definitions;

/// <summary>One page of do's and don'ts for staff, from the rules in force and the approved tools.</summary>
public static class QuickReferenceReport
{
    public static ReportDocument Build(ReportStamp stamp, IReadOnlyList<ToolDirectoryEntry> tools, RuleEngine engine)
    {
        var rules = engine.EnabledRules.Select(r => r.Id).ToHashSet();
        var metadata = stamp.Metadata(ReportKinds.Title(ReportKind.QuickReference), "Do's and don'ts for using AI at work, on one page", "None",
            UsagePolicyReport.Fingerprint(tools, engine.EnabledRules));
        var usable = tools.Where(t => t.MayBeUsed).ToList();
        var prohibited = tools.Where(t => !t.MayBeUsed).ToList();

        var dos = new List<string>
        {
            "Use only the approved tools below, and only with data up to the level shown.",
            "Check facts, figures and sources in AI output before you rely on them.",
        };
        var donts = new List<string> { "Never paste passwords, keys or other secrets into an AI tool." };
        if (rules.Contains(ExternalOutputReviewRule.RuleId))
        {
            dos.Add("Have a person review anything for customers, the public or a regulator before it goes out.");
        }
        foreach (var rule in engine.EnabledRules)
        {
            var line = rule.Id switch
            {
                DataAboveToolLimitRule.RuleId => "Don't give a tool data more sensitive than it is approved for.",
                ToolNotApprovedRule.RuleId => "Don't use a prohibited, unapproved or retired tool for work.",
                DecisionsAboutPeopleRule.RuleId => "Don't let AI decide about people (hiring, lending, health…) without a person's approval.",
                AiCodeReviewRule.RuleId => "Don't merge AI-written code without a code review.",
                AutomationWithSensitiveDataRule.RuleId => "Don't let AI act on its own with confidential data or above.",
                PersonalDataVendorTermsRule.RuleId => "Don't give personal data to a tool without a data agreement, or one that trains on it.",
                PausedInUseRule.RuleId => "Don't use a paused workflow or tool until compliance restarts it.",
                _ => null,
            };
            if (line is not null)
            {
                donts.Add(line);
            }
        }
        dos.Add("Stay responsible: AI drafts and suggests, you decide. Record every recurring use of AI as a workflow.");
        dos.Add("Report wrong output, data leaks or bias at once; the workflow is paused until it is safe.");

        var builder = new ReportBuilder(metadata)
            .Heading(1, "Using AI at work: the short version")
            .Paragraph(TextSpan.Plain("Not sure? Ask "), TextSpan.Bold("“Can I use AI for this?”"), TextSpan.Plain(" in AiPolicyHub before you start."))
            .Heading(2, "Do")
            .Bullets(dos)
            .Heading(2, "Don't")
            .Bullets(donts)
            .Heading(2, "Approved tools")
            .Table(null, [new TableColumn("Tool", 2), new TableColumn("Status", 1.6), new TableColumn("Highest data it may receive", 2)],
                [.. usable.Select(t => new TableRow([t.Name, EnumText.Of(t.Status), t.HighestClassification ?? "None"]))]);
        if (prohibited.Count > 0)
        {
            builder.Callout(CalloutKind.Danger, "Do not use", TextSpan.Plain(string.Join(", ", prohibited.Select(t => t.Name)) + "."));
        }
        return builder.Add(metadata.GenerationFacts()).Build();
    }
}
