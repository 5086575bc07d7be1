using System.ComponentModel;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Risk;

/// <summary>The EU AI Act's risk categories (Regulation (EU) 2024/1689), from most to least restricted.</summary>
public enum EuAiActCategory
{
    [Description("Prohibited practice")] Prohibited,
    [Description("High-risk")] HighRisk,
    [Description("Transparency obligations")] Transparency,
    [Description("Minimal risk")] Minimal,
}

/// <summary>A suggested category with the reason and the articles concerned; a compliance officer confirms or overrides it.</summary>
public sealed record EuAiActSuggestion(EuAiActCategory Category, string Reason, IReadOnlyList<string> Articles);

/// <summary>
/// Suggests where a workflow falls under the EU AI Act, from what the inventory records: the areas of people's lives
/// it decides about (Annex III), whom its output reaches, what its tools produce, and words in its name and purpose
/// that name a prohibited practice (Art. 5) or another Annex III area. It is a suggestion to start the assessment
/// from, not legal advice, and says so.
/// </summary>
public static class EuAiActClassifier
{
    private sealed record Pattern(string[] Words, string What, string Article);

    // Art. 5(1): practices that may not be placed on the market or used at all.
    private static readonly Pattern[] Prohibited =
    [
        new(["social scor", "social credit", "citizen scor", "trustworthiness scor"], "social scoring of people", "Art. 5(1)(c)"),
        new(["subliminal", "manipulat", "dark pattern"], "manipulating people's behaviour", "Art. 5(1)(a)"),
        new(["exploit vulnerab", "exploiting vulnerab"], "exploiting people's vulnerabilities", "Art. 5(1)(b)"),
        new(["predictive policing", "predict crime", "crime prediction", "likely to offend"], "predicting crime from profiling", "Art. 5(1)(d)"),
        new(["scrape facial", "scraping facial", "facial image scraping", "facial recognition database"], "building facial recognition databases by scraping", "Art. 5(1)(e)"),
        new(["emotion recognition of employees", "employee emotion", "emotions of employees", "emotion recognition in the workplace", "student emotion", "emotions of students"],
            "recognising emotions at work or in education", "Art. 5(1)(f)"),
        new(["biometric categoris", "biometric categoriz", "infer race", "infer religion", "infer sexual orientation"],
            "biometric categorisation by sensitive traits", "Art. 5(1)(g)"),
    ];

    // Annex III areas the inventory has no flag for, found by words.
    private static readonly Pattern[] AnnexThreeWords =
    [
        new(["cv screening", "screening cv", "applicant", "candidate", "recruit", "hiring", "promotion decision", "dismissal", "performance evaluation"],
            "employment and management of workers", "Annex III point 4"),
        new(["credit scor", "creditworth", "loan approval", "loan application"], "creditworthiness and credit scoring", "Annex III point 5(b)"),
        new(["life insurance", "health insurance"], "pricing of life and health insurance", "Annex III point 5(c)"),
        new(["examination", "exam marking", "exam grading", "university admission", "school admission", "student assessment", "grading students"], "education and vocational training", "Annex III point 3"),
        new(["biometric identification", "face recognition", "facial recognition"], "remote biometric identification", "Annex III point 1"),
        new(["critical infrastructure", "power grid", "water supply", "traffic control"], "safety of critical infrastructure", "Annex III point 2"),
        new(["benefit eligibility", "public assistance", "welfare benefit", "emergency call", "emergency triage", "patient triage"], "access to essential services", "Annex III point 5"),
        new(["law enforcement", "police", "border control", "asylum", "visa application", "court ruling", "court case", "judicial"], "law enforcement, migration or justice", "Annex III points 6–8"),
    ];

    private static readonly (PeopleImpact Area, string What, string Article)[] AnnexThreeAreas =
    [
        (PeopleImpact.Hiring, "employment and management of workers", "Annex III point 4"),
        (PeopleImpact.Lending, "creditworthiness and credit scoring", "Annex III point 5(b)"),
        (PeopleImpact.Insurance, "pricing of life and health insurance", "Annex III point 5(c)"),
        (PeopleImpact.Education, "education and vocational training", "Annex III point 3"),
        (PeopleImpact.EssentialServices, "access to essential public and private services", "Annex III point 5(a)"),
        (PeopleImpact.Legal, "administration of justice", "Annex III point 8"),
        (PeopleImpact.Health, "health (emergency triage, or a medical device under Annex I)", "Annex III point 5(d)"),
    ];

    private static readonly string[] ChatWords = ["chatbot", "chat bot", "virtual assistant", "conversational", "voice assistant"];
    private static readonly string[] SyntheticMediaWords = ["image generation", "generated image", "deepfake", "synthetic", "voice clon", "video generation"];

    public static EuAiActSuggestion Suggest(RuleSubject workflow)
    {
        var text = $"{workflow.Name} {workflow.Purpose}";
        if (Prohibited.FirstOrDefault(p => Mentions(text, p.Words)) is { } practice)
        {
            return new(EuAiActCategory.Prohibited,
                $"It appears to involve {practice.What}, which the Act forbids outright. Stop and have compliance and legal assess it.",
                [practice.Article]);
        }

        var areas = AnnexThreeAreas.Where(a => workflow.AffectsPeople.HasFlag(a.Area)).Select(a => (a.What, a.Article))
            .Concat(AnnexThreeWords.Where(p => Mentions(text, p.Words)).Select(p => (p.What, p.Article)))
            .DistinctBy(a => a.What)
            .ToList();
        if (areas.Count > 0)
        {
            var preparatory = workflow.Autonomy is Autonomy.Assist or Autonomy.Draft
                ? " If it only prepares work that a person decides on, the Art. 6(3) exception may apply; record that assessment."
                : "";
            return new(EuAiActCategory.HighRisk,
                $"It is used in {RuleText.List([.. areas.Select(a => a.What)])}, a high-risk area: risk management, data governance, logging, human oversight and transparency to the people affected apply.{preparatory}",
                ["Art. 6(2)", .. areas.Select(a => a.Article).Distinct(), "Art. 9–15", "Art. 26"]);
        }

        var reachesPeople = workflow.Audience is Audience.CustomerFacing or Audience.Public;
        if (reachesPeople && (workflow.Autonomy == Autonomy.ActAutomatically || Mentions(text, ChatWords)))
        {
            return new(EuAiActCategory.Transparency,
                "People interact with the AI directly: they must be told they are dealing with an AI system.",
                ["Art. 50(1)"]);
        }
        var makesMedia = workflow.Tools.Any(t => (t.Capabilities & (ToolCapabilities.Image | ToolCapabilities.Audio)) != 0);
        if ((reachesPeople && makesMedia) || Mentions(text, SyntheticMediaWords))
        {
            return new(EuAiActCategory.Transparency,
                "It produces images or audio that reach people: synthetic content must be marked as AI-generated (and deep fakes disclosed).",
                ["Art. 50(2)", "Art. 50(4)"]);
        }

        return new(EuAiActCategory.Minimal,
            "No prohibited practice, high-risk area, direct interaction with the public or synthetic media was found: no specific obligations beyond AI literacy; voluntary codes of conduct apply.",
            ["Art. 4", "Art. 95"]);
    }

    private static bool Mentions(string text, IEnumerable<string> words) =>
        words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
