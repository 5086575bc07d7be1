using AiPolicyHub.Core.ImportExport.Reading;
using AiPolicyHub.Core.ImportExport;

namespace AiPolicyHub.Core.Tests.ImportExport;

/// <summary>The review's misleading suggestions, each now weak (never pre-selected) with its reason; good ones stay strong.</summary>
public sealed class ColumnSuggestionTests
{
    private static readonly SuggestionChecks Checks = new(
        IsPerson: v => v is "olivia@example.com" or "Olivia Officer",
        IsClassification: v => v is "Public" or "Internal" or "Confidential" or "Restricted");

    private static IReadOnlyList<ColumnSuggestion> Suggest(string[] headers, params string[][] rows) =>
        ColumnSuggestions.Suggest(ImportTarget.Workflows, headers, rows.Select((r, i) => new TableRow(i + 2, r)).ToList(), Checks);

    [Fact]
    public void A_classification_column_holding_the_ai_technique_is_a_weak_suggestion()
    {
        var suggestion = Suggest(["Use case", "classification"], ["Triage", "Machine learning"], ["Chat", "Generative AI"])
            .Single(s => s.Field == ImportFieldKey.DataClassification);

        Assert.Equal(SuggestionConfidence.Low, suggestion.Confidence);
        Assert.Contains("not classification levels", suggestion.Reason);
        Assert.Equal(["Machine learning", "Generative AI"], suggestion.Samples);
    }

    [Fact]
    public void A_contact_email_column_that_names_no_user_is_a_weak_owner()
    {
        var suggestion = Suggest(["Name", "Contact email"], ["Triage", "someone@agency.gov"]).Single(s => s.Field == ImportFieldKey.Owner);

        Assert.Equal(SuggestionConfidence.Low, suggestion.Confidence);
    }

    [Fact]
    public void Long_question_headers_and_lookalike_names_are_weak()
    {
        var suggestions = Suggest(
            ["Name", "Has the model's performance been evaluated against real-world data before deployment?", "Data description"],
            ["Triage", "Yes, in 2024", "Tickets from customers"]);

        Assert.Equal(SuggestionConfidence.Low, suggestions.Single(s => s.Field == ImportFieldKey.Tools).Confidence);
        Assert.Equal(SuggestionConfidence.Low, suggestions.Single(s => s.Field == ImportFieldKey.Purpose).Confidence);
    }

    [Fact]
    public void A_column_named_like_the_field_whose_values_fit_is_strong()
    {
        var suggestions = Suggest(["Name", "Owner", "Data classification", "Next review date"],
            ["Triage", "olivia@example.com", "Internal", "2027-03-01"], ["Chat", "Olivia Officer", "Confidential", "2027-04-01"]);

        Assert.All(suggestions, s => Assert.Equal(SuggestionConfidence.High, s.Confidence));
        Assert.Equal(["Data classification", "Name", "Next review date", "Owner"], suggestions.Select(s => s.Column).Order().ToArray());
    }
}
