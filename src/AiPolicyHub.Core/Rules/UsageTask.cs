using System.ComponentModel;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules;

/// <summary>What staff want to use AI for, in the staff checker (“Can I use AI for this?”).</summary>
public enum UsageTask
{
    [Description("Drafting documents")] DraftingDocuments,
    [Description("Writing emails and messages")] WritingEmails,
    [Description("Summarising text")] Summarising,
    [Description("Translating")] Translating,
    [Description("Proofreading and editing")] Proofreading,
    [Description("Brainstorming ideas")] Brainstorming,
    [Description("Researching a topic")] Researching,
    [Description("Transcribing meetings or taking notes")] TranscribingMeetings,
    [Description("Analysing data")] AnalysingData,
    [Description("Preparing reports and presentations")] PreparingReports,
    [Description("Writing code")] WritingCode,
    [Description("Reviewing or explaining code")] ReviewingCode,
    [Description("Answering customers")] AnsweringCustomers,
    [Description("Creating marketing content")] CreatingMarketingContent,
    [Description("Creating images")] CreatingImages,
    [Description("Reviewing contracts and legal texts")] ReviewingContracts,
    [Description("Preparing submissions to a regulator")] PreparingRegulatorySubmissions,
    [Description("Screening job applicants")] ScreeningApplicants,
    [Description("Evaluating employee performance")] EvaluatingEmployees,
    [Description("Assessing credit or insurance applications")] AssessingApplications,
    [Description("Letting an AI agent act on its own")] ActingAutonomously,
    /// <summary>None of the above: the person describes the task in their own words.</summary>
    [Description("Something else (describe it)")] Other,
}

/// <summary>
/// What a task implies for the rules: how far the AI acts on its own, the narrowest audience its output can have,
/// whom it decides about and data it always involves. The checker combines these with what the person chose (the wider
/// audience, the union of data and people), so the UI can also use them to preselect the form.
/// </summary>
public sealed record UsageTaskProfile(Autonomy Autonomy, Audience MinimumAudience, PeopleImpact AffectsPeople, DataCategories Data)
{
    public static UsageTaskProfile Of(UsageTask task) => task switch
    {
        UsageTask.DraftingDocuments or UsageTask.WritingEmails or UsageTask.Translating or UsageTask.PreparingReports
            or UsageTask.CreatingImages => new(Autonomy.Draft, Audience.Internal, PeopleImpact.None, DataCategories.None),
        UsageTask.Summarising or UsageTask.Proofreading or UsageTask.Brainstorming or UsageTask.Researching
            or UsageTask.TranscribingMeetings or UsageTask.AnalysingData or UsageTask.ReviewingContracts
            => new(Autonomy.Assist, Audience.Internal, PeopleImpact.None, DataCategories.None),
        UsageTask.WritingCode => new(Autonomy.Draft, Audience.Internal, PeopleImpact.None, DataCategories.SourceCode),
        UsageTask.ReviewingCode => new(Autonomy.Assist, Audience.Internal, PeopleImpact.None, DataCategories.SourceCode),
        UsageTask.AnsweringCustomers => new(Autonomy.Draft, Audience.CustomerFacing, PeopleImpact.None, DataCategories.None),
        UsageTask.CreatingMarketingContent => new(Autonomy.Draft, Audience.Public, PeopleImpact.None, DataCategories.None),
        UsageTask.PreparingRegulatorySubmissions => new(Autonomy.Draft, Audience.Regulator, PeopleImpact.None, DataCategories.None),
        UsageTask.ScreeningApplicants or UsageTask.EvaluatingEmployees
            => new(Autonomy.RecommendDecision, Audience.Internal, PeopleImpact.Hiring, DataCategories.PersonalData),
        UsageTask.AssessingApplications => new(Autonomy.RecommendDecision, Audience.Internal,
            PeopleImpact.Lending | PeopleImpact.Insurance, DataCategories.PersonalData),
        UsageTask.ActingAutonomously => new(Autonomy.ActAutomatically, Audience.Internal, PeopleImpact.None, DataCategories.None),
        // Nothing is known beyond what the person chose: a draft for a person to finish, as most uses are.
        UsageTask.Other => new(Autonomy.Draft, Audience.Internal, PeopleImpact.None, DataCategories.None),
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task."),
    };
}

/// <summary>
/// Words that show a workflow is about a task, looked for (ignoring case) in its name and purpose when the checker
/// looks for an approved workflow that already covers a question. Stems, so "translat" finds "translation".
/// </summary>
public static class UsageTaskWords
{
    /// <summary>The words of a task described in free text: its longer words (five letters or more), at most six.</summary>
    public static IReadOnlyList<string> Of(UsageTask task, string? description) =>
        task == UsageTask.Other && !string.IsNullOrWhiteSpace(description)
            ? description.Split([' ', ',', '.', ';', ':', '/', '(', ')', '-', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length >= 5).Select(w => w.ToLowerInvariant()).Distinct().Take(6).ToList()
            : Of(task);

    public static IReadOnlyList<string> Of(UsageTask task) => task switch
    {
        UsageTask.DraftingDocuments => ["draft", "document", "writ"],
        UsageTask.WritingEmails => ["email", "e-mail", "message", "letter", "repl"],
        UsageTask.Summarising => ["summar", "digest", "minutes"],
        UsageTask.Translating => ["translat", "locali"],
        UsageTask.Proofreading => ["proofread", "edit", "spelling", "grammar"],
        UsageTask.Brainstorming => ["brainstorm", "idea"],
        UsageTask.Researching => ["research", "search", "desk stud"],
        UsageTask.TranscribingMeetings => ["transcri", "meeting", "minutes", "notes"],
        UsageTask.AnalysingData => ["analy", "data", "forecast", "dashboard"],
        UsageTask.PreparingReports => ["report", "presentation", "slide"],
        UsageTask.WritingCode => ["code", "coding", "program", "develop", "software"],
        UsageTask.ReviewingCode => ["code review", "review code", "pull request", "code"],
        UsageTask.AnsweringCustomers => ["customer", "support", "ticket", "help desk", "helpdesk", "service"],
        UsageTask.CreatingMarketingContent => ["marketing", "campaign", "copy", "social media", "advert"],
        UsageTask.CreatingImages => ["image", "picture", "visual", "illustrat", "design"],
        UsageTask.ReviewingContracts => ["contract", "legal", "clause", "agreement"],
        UsageTask.PreparingRegulatorySubmissions => ["regulat", "submission", "filing", "supervis"],
        UsageTask.ScreeningApplicants => ["applicant", "candidate", "cv", "recruit", "hiring", "screening"],
        UsageTask.EvaluatingEmployees => ["performance", "appraisal", "employee evaluation", "review of staff"],
        UsageTask.AssessingApplications => ["credit", "loan", "insurance", "underwrit", "claim"],
        UsageTask.ActingAutonomously => ["agent", "automat", "autonomous"],
        UsageTask.Other => [],
        _ => [],
    };
}
