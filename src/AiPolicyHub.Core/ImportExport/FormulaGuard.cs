namespace AiPolicyHub.Core.ImportExport;

/// <summary>
/// Keeps exported cells from running as spreadsheet formulas (CSV/formula injection): a value starting with = + - @ tab or
/// carriage return — or with apostrophes before one of those — gets one more apostrophe in front. The importer removes
/// exactly one again, so an export reads back unchanged.
/// </summary>
public static class FormulaGuard
{
    public static bool NeedsGuard(ReadOnlySpan<char> value)
    {
        var rest = value.TrimStart('\'');
        return rest.Length > 0 && rest[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }

    public static string Neutralise(string value) => NeedsGuard(value) ? "'" + value : value;
}
