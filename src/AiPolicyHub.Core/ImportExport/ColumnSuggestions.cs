using AiPolicyHub.Core.ImportExport.Reading;

namespace AiPolicyHub.Core.ImportExport;

public enum SuggestionConfidence { Low, High }

/// <summary>
/// A column suggested for a field, with the values that back it and how sure the suggestion is. Only high-confidence
/// suggestions are pre-selected on the mapping step; low ones are shown as hints with their reason.
/// </summary>
public sealed record ColumnSuggestion(ImportFieldKey Field, string Column, SuggestionConfidence Confidence, IReadOnlyList<string> Samples, string Reason);

/// <summary>What the sampled values must look like for a field, so a column is not suggested on its header alone.</summary>
/// <param name="IsPerson">Whether a value names a user (by email or name).</param>
/// <param name="IsClassification">Whether a value names a classification level.</param>
public sealed record SuggestionChecks(Func<string, bool> IsPerson, Func<string, bool> IsClassification);

/// <summary>
/// Suggests a column per field from the headers and the first rows. A header equal to one of the field's names is a strong
/// hint; a header that merely contains one ("classification" inside a question about the AI technique) is weak. Either way
/// the column's values must fit the field — a choice field's values must mostly be choices (or mappable later, which keeps
/// it weak), an owner column must mostly name users, a date column must hold dates — or the suggestion is weak.
/// </summary>
public static class ColumnSuggestions
{
    /// <summary>Headers longer than this are questions or sentences, never a confident match by containment.</summary>
    private const int LongHeader = 40;

    public static IReadOnlyList<ColumnSuggestion> Suggest(ImportTarget target, IReadOnlyList<string> headers, IReadOnlyList<TableRow> rows,
        SuggestionChecks checks)
    {
        var suggestions = new List<ColumnSuggestion>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var exact in new[] { true, false })
        {
            foreach (var field in ImportFields.For(target))
            {
                if (suggestions.Any(s => s.Field == field.Key))
                {
                    continue;
                }
                var names = field.Synonyms.Append(field.Label).Select(Normalise).ToList();
                var index = Enumerable.Range(0, headers.Count).FirstOrDefault(i => !used.Contains(headers[i]) && (exact
                    ? names.Contains(Normalise(headers[i]))
                    : names.Any(n => n.Length >= 4 && Normalise(headers[i]).Contains(n, StringComparison.Ordinal))), -1);
                if (index < 0)
                {
                    continue;
                }
                var header = headers[index];
                var samples = rows.Select(r => index < r.Cells.Length ? r.Cells[index].Trim() : "").Where(v => v.Length > 0)
                    .Distinct(StringComparer.OrdinalIgnoreCase).Take(5).ToList();
                var (fits, why) = Fits(field, samples, checks);
                var confidence = exact && fits ? SuggestionConfidence.High : SuggestionConfidence.Low;
                var reason = !exact
                    ? $"The column's name contains \"{names.First(n => n.Length >= 4 && Normalise(header).Contains(n, StringComparison.Ordinal))}\""
                      + (header.Length > LongHeader ? " inside a longer text." : ".") + (fits ? "" : " " + why)
                    : fits ? $"The column is named like the field ({field.Label})." : $"The column is named like the field, but {why}";
                suggestions.Add(new ColumnSuggestion(field.Key, header, confidence, samples, reason));
                used.Add(header);
            }
        }
        return suggestions;
    }

    private static (bool Fits, string Why) Fits(ImportField field, IReadOnlyList<string> samples, SuggestionChecks checks)
    {
        if (samples.Count == 0)
        {
            return (true, "");
        }
        bool Most(Func<string, bool> fits) => samples.Count(fits) * 2 > samples.Count;
        return field.Kind switch
        {
            ImportFieldKind.Person when !Most(checks.IsPerson) => (false, "its values do not name users of AiPolicyHub."),
            ImportFieldKind.Classification when !Most(checks.IsClassification) => (false, "its values are not classification levels."),
            ImportFieldKind.Choice or ImportFieldKind.Choices when field.EnumType is { } type && !Most(v => ValueParsing.TryChoice(type, v, out _)
                    || field.Kind == ImportFieldKind.Choices && ValueParsing.TryChoices(type, v, t => t, out _, out _))
                => (false, $"its values are not {field.Label.ToLowerInvariant()} choices (they can be translated on the values step)."),
            ImportFieldKind.YesNo when !Most(v => ValueParsing.YesNo(v) is not null) => (false, "its values are not yes or no."),
            ImportFieldKind.Number when !Most(v => ValueParsing.TryNumber(v, out _)) => (false, "its values are not numbers."),
            ImportFieldKind.Date when !Most(v => ValueParsing.TryDate(v, out _)) => (false, "its values are not dates."),
            ImportFieldKind.Text or ImportFieldKind.Department when field.MaxLength > 0 && samples.Any(v => v.Length > field.MaxLength)
                => (false, $"some values are longer than {field.MaxLength:N0} characters."),
            _ => (true, ""),
        };
    }

    private static string Normalise(string header) =>
        string.Join(' ', header.Trim().ToLowerInvariant().Replace('_', ' ').Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
