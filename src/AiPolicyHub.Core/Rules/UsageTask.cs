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
    /// <summary>
    /// Whether a tool that works with <paramref name="capabilities"/> is made for <paramref name="task"/>: a translator
    /// translates, an image generator makes images. A tool with nothing recorded fits no named task.
    /// </summary>
    public static bool Fits(UsageTask task, ToolCapabilities capabilities) => (capabilities & Needs(task)) != 0;

    /// <summary>What a tool must work with (any of) to be used for <paramref name="task"/>.</summary>
    public static ToolCapabilities Needs(UsageTask task) => task switch
    {
        UsageTask.Translating => ToolCapabilities.Text | ToolCapabilities.Translation,
        UsageTask.TranscribingMeetings => ToolCapabilities.Audio,
        UsageTask.WritingCode or UsageTask.ReviewingCode => ToolCapabilities.Code,
        UsageTask.CreatingImages => ToolCapabilities.Image,
        UsageTask.ActingAutonomously => ToolCapabilities.AutonomousAgent,
        UsageTask.ScreeningApplicants or UsageTask.EvaluatingEmployees or UsageTask.AssessingApplications
            => ToolCapabilities.Text | ToolCapabilities.DecisionSupport,
        UsageTask.AnalysingData => ToolCapabilities.Text | ToolCapabilities.DecisionSupport,
        UsageTask.Other => ~ToolCapabilities.None,
        _ => ToolCapabilities.Text,
    };

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
/// What a workflow's name and purpose say when it is about a task: an action (“translat”, “summar”, “screen”) and, for
/// tasks defined by what they work on, a subject (“email”, “applicant”). Stems, matched at the start of a word, so
/// “translat” finds “translation” and “edit” does not find “credit”.
/// </summary>
public sealed record UsageTaskSignature(IReadOnlyList<string> Actions, IReadOnlyList<string> Subjects);

/// <summary>
/// Whether a recorded workflow is about the task a person asks about, from the words of its name and purpose (the task
/// is not a field of a workflow). The name says what a workflow does: when it names another task's action and not this
/// one's (“Translation of legal correspondence” for writing emails), it is about that other task, whatever its purpose
/// mentions.
/// </summary>
public static class UsageTaskWords
{
    /// <summary>
    /// Words to narrow the search in the database (any may appear anywhere in the name or purpose): the task's actions,
    /// or for a task described in free text its longer words (five letters or more), at most six.
    /// <see cref="Describes"/> then decides.
    /// </summary>
    public static IReadOnlyList<string> Of(UsageTask task, string? description) =>
        task == UsageTask.Other ? DescriptionWords(description) : SignatureOf(task).Actions;

    public static UsageTaskSignature SignatureOf(UsageTask task) => task switch
    {
        UsageTask.DraftingDocuments => new(["draft", "writ", "compos"], []),
        UsageTask.WritingEmails => new(["writ", "draft", "compos", "repl", "respond", "answer"], ["email", "e-mail", "mail", "message", "letter", "correspondence"]),
        UsageTask.Summarising => new(["summar", "digest", "brief", "condens"], []),
        UsageTask.Translating => new(["translat", "locali"], []),
        UsageTask.Proofreading => new(["proofread", "edit", "spelling", "grammar", "copy-edit"], []),
        UsageTask.Brainstorming => new(["brainstorm", "idea", "ideation"], []),
        UsageTask.Researching => new(["research", "desk stud", "search"], []),
        UsageTask.TranscribingMeetings => new(["transcri", "record", "minutes", "note", "summar"], ["meeting", "call", "interview"]),
        UsageTask.AnalysingData => new(["analy", "forecast", "dashboard", "statistic", "extract"], []),
        UsageTask.PreparingReports => new(["report", "presentation", "slide", "commentary"], []),
        UsageTask.WritingCode => new(["code", "coding", "program", "develop", "software", "script"], []),
        UsageTask.ReviewingCode => new(["review", "explain", "pull request"], ["code", "pull request", "software"]),
        UsageTask.AnsweringCustomers => new(["answer", "repl", "respond", "support", "help desk", "helpdesk", "chat", "ticket"],
            ["customer", "client", "support", "help desk", "helpdesk", "ticket", "caller", "enquir", "inquir"]),
        UsageTask.CreatingMarketingContent => new(["marketing", "campaign", "social media", "advert", "copywrit", "newsletter"], []),
        UsageTask.CreatingImages => new(["image", "picture", "visual", "illustrat", "graphic", "photo"], []),
        UsageTask.ReviewingContracts => new(["review", "compar", "check", "analy", "mark", "first pass"], ["contract", "legal", "clause", "agreement", "terms"]),
        UsageTask.PreparingRegulatorySubmissions => new(["draft", "prepar", "writ", "answer", "submi", "filing"], ["regulat", "supervis", "authorit"]),
        UsageTask.ScreeningApplicants => new(["screen", "shortlist", "rank", "sift", "assess", "select"],
            ["applicant", "candidate", "cv", "recruit", "hiring", "job application"]),
        UsageTask.EvaluatingEmployees => new(["evaluat", "apprais", "assess", "rating", "review"], ["performance", "employee", "staff"]),
        UsageTask.AssessingApplications => new(["assess", "scor", "pre-scor", "underwrit", "decid", "evaluat"],
            ["credit", "loan", "insurance", "claim", "application"]),
        UsageTask.ActingAutonomously => new(["agent", "automat", "autonomous", "on its own"], []),
        _ => new([], []),
    };

    /// <summary>Whether a workflow called <paramref name="name"/> with <paramref name="purpose"/> is about <paramref name="task"/>.</summary>
    public static bool Describes(UsageTask task, string? description, string name, string purpose)
    {
        var text = $"{name} {purpose}";
        if (task == UsageTask.Other)
        {
            return DescriptionWords(description) is { Count: > 0 } words && MentionsAny(text, words);
        }
        var signature = SignatureOf(task);
        if (!MentionsAny(text, signature.Actions) || (signature.Subjects.Count > 0 && !MentionsAny(text, signature.Subjects)))
        {
            return false;
        }
        var namesAnotherTask = Enum.GetValues<UsageTask>()
            .Any(other => other != task && other != UsageTask.Other && MentionsAny(name, SignatureOf(other).Actions));
        return !namesAnotherTask || MentionsAny(name, signature.Actions);
    }

    /// <summary>Whether <paramref name="text"/> has a word starting with one of <paramref name="stems"/>, ignoring case.</summary>
    public static bool MentionsAny(string text, IEnumerable<string> stems) => stems.Any(stem => StartsAWord(text, stem));

    private static bool StartsAWord(string text, string stem)
    {
        for (var at = text.IndexOf(stem, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(stem, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1]))
            {
                return true;
            }
        }
        return false;
    }

    private static IReadOnlyList<string> DescriptionWords(string? description) =>
        string.IsNullOrWhiteSpace(description)
            ? []
            : description.Split([' ', ',', '.', ';', ':', '/', '(', ')', '-', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length >= 5).Select(w => w.ToLowerInvariant()).Distinct().Take(6).ToList();
}
