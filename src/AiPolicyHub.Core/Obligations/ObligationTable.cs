using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiPolicyHub.Core.Obligations;

/// <summary>Which workflows an obligation concerns, besides the role.</summary>
public enum ObligationScope
{
    /// <summary>Every AI system (AI literacy).</summary>
    All,
    /// <summary>A prohibited practice (Art. 5).</summary>
    Prohibited,
    /// <summary>High-risk under Annex III.</summary>
    HighRiskAnnexIII,
    /// <summary>High-risk as a safety component of an Annex I product.</summary>
    HighRiskAnnexI,
    /// <summary>A fundamental rights impact assessment is due (Art. 27; see <see cref="FriaRequirement"/>).</summary>
    Fria,
    /// <summary>Output reaches people, or the category is transparency (Art. 50).</summary>
    Transparency,
}

/// <summary>Where a date comes from: the Act's own text, or an amendment.</summary>
public sealed record ObligationSource(string Id, string Title, string Url);

/// <summary>One duty: who has it, for which workflows, from when, and on whose word.</summary>
public sealed record Obligation(string Code, string Title, string Article, IReadOnlyList<OperatorRole> Roles, ObligationScope Scope,
    DateOnly AppliesFrom, string SourceId);

/// <summary>
/// The reference table of the EU AI Act's obligations by role and scope, with the date each applies and its source. The app
/// ships one (<see cref="BuiltIn"/>, an embedded JSON file); an administrator uploads newer ones (<see cref="ObligationTables"/>).
/// </summary>
public sealed record ObligationTable(string Title, DateOnly Edition, IReadOnlyList<ObligationSource> Sources, IReadOnlyList<Obligation> Obligations)
{
    public const int MaxBytes = 256 * 1024;
    public const string ResourceName = "AiPolicyHub.Core.Obligations.eu-ai-act-obligations.json";

    public ObligationSource? Source(string id) => Sources.FirstOrDefault(s => s.Id == id);

    private static readonly Lazy<(ObligationTable Table, string Json)> builtIn = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var json = reader.ReadToEnd();
        var parsed = Parse(json);
        return (parsed.Value ?? throw new InvalidOperationException("The shipped obligations table is invalid: " + string.Join(" ", parsed.Errors)), json);
    });

    /// <summary>The table that ships with this release.</summary>
    public static ObligationTable BuiltIn => builtIn.Value.Table;

    public static string BuiltInJson => builtIn.Value.Json;

    private static readonly Dictionary<string, ObligationScope> Scopes = new(StringComparer.Ordinal)
    {
        ["all"] = ObligationScope.All,
        ["prohibited"] = ObligationScope.Prohibited,
        ["high-risk-annex-iii"] = ObligationScope.HighRiskAnnexIII,
        ["high-risk-annex-i"] = ObligationScope.HighRiskAnnexI,
        ["fria"] = ObligationScope.Fria,
        ["transparency"] = ObligationScope.Transparency,
    };

    private static readonly Dictionary<string, OperatorRole> RoleNames = new(StringComparer.Ordinal)
    {
        ["provider"] = OperatorRole.Provider,
        ["deployer"] = OperatorRole.Deployer,
        ["importer"] = OperatorRole.Importer,
        ["distributor"] = OperatorRole.Distributor,
    };

    public static string ScopeKey(ObligationScope scope) => Scopes.First(s => s.Value == scope).Key;

    private static readonly Regex CodePattern = new("^[A-Z0-9][A-Z0-9-]{1,49}$", RegexOptions.CultureInvariant);
    private static readonly Regex IdPattern = new("^[a-z0-9][a-z0-9-]{0,49}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Reads and checks a table; every problem is named with where it is (<c>obligations[3].appliesFrom</c>), so an
    /// administrator can fix the file in one go.
    /// </summary>
    public static Result<ObligationTable> Parse(string json)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            return Result<ObligationTable>.Failure($"The file is larger than {MaxBytes / 1024} KB.");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return Result<ObligationTable>.Failure($"This is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var errors = new List<string>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Result<ObligationTable>.Failure("The file must hold one JSON object with “title”, “edition”, “sources” and “obligations”.");
            }
            var title = Text(root, "title", "title", 200, errors);
            var edition = Date(root, "edition", "edition", errors);

            var sources = new List<ObligationSource>();
            foreach (var (item, path) in Array(root, "sources", "sources", errors))
            {
                var id = Text(item, "id", path + ".id", 50, errors);
                if (id is not null && !IdPattern.IsMatch(id))
                {
                    errors.Add($"{path}.id: use lower-case letters, digits and dashes (“{id}”).");
                }
                var sourceTitle = Text(item, "title", path + ".title", 300, errors);
                var url = Text(item, "url", path + ".url", 500, errors);
                if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
                {
                    errors.Add($"{path}.url: give an https address.");
                }
                if (id is not null && sources.Any(s => s.Id == id))
                {
                    errors.Add($"{path}.id: “{id}” is listed twice.");
                }
                if (id is not null && sourceTitle is not null && url is not null)
                {
                    sources.Add(new ObligationSource(id, sourceTitle, url));
                }
            }

            var obligations = new List<Obligation>();
            foreach (var (item, path) in Array(root, "obligations", "obligations", errors))
            {
                var code = Text(item, "code", path + ".code", 50, errors);
                if (code is not null && !CodePattern.IsMatch(code))
                {
                    errors.Add($"{path}.code: use capital letters, digits and dashes (“{code}”).");
                }
                else if (code is not null && obligations.Any(o => o.Code == code))
                {
                    errors.Add($"{path}.code: “{code}” is listed twice.");
                }
                var obligationTitle = Text(item, "title", path + ".title", 200, errors);
                var article = Text(item, "article", path + ".article", 50, errors);
                var roles = new List<OperatorRole>();
                foreach (var (role, rolePath) in Array(item, "roles", path + ".roles", errors))
                {
                    if (role.ValueKind == JsonValueKind.String && RoleNames.TryGetValue(role.GetString()!, out var known))
                    {
                        if (!roles.Contains(known)) roles.Add(known);
                    }
                    else
                    {
                        errors.Add($"{rolePath}: a role is one of {string.Join(", ", RoleNames.Keys)}.");
                    }
                }
                var scopeText = Text(item, "scope", path + ".scope", 50, errors);
                ObligationScope scope = default;
                if (scopeText is not null && !Scopes.TryGetValue(scopeText, out scope))
                {
                    errors.Add($"{path}.scope: one of {string.Join(", ", Scopes.Keys)} (not “{scopeText}”).");
                }
                var appliesFrom = Date(item, "appliesFrom", path + ".appliesFrom", errors);
                var source = Text(item, "source", path + ".source", 50, errors);
                if (source is not null && sources.All(s => s.Id != source))
                {
                    errors.Add($"{path}.source: “{source}” is not one of the sources listed under “sources”.");
                }
                if (code is not null && obligationTitle is not null && article is not null && roles.Count > 0 && scopeText is not null
                    && appliesFrom is not null && source is not null)
                {
                    obligations.Add(new Obligation(code, obligationTitle, article, roles, scope, appliesFrom.Value, source));
                }
            }
            if (errors.Count == 0 && obligations.Count == 0)
            {
                errors.Add("obligations: list at least one obligation.");
            }
            return errors.Count > 0
                ? Result<ObligationTable>.Failure([.. errors])
                : Result.Success(new ObligationTable(title!, edition!.Value, sources, obligations));
        }
    }

    private static string? Text(JsonElement parent, string name, string path, int maxLength, List<string> errors)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String
            || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add($"{path}: required text is missing.");
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length > maxLength)
        {
            errors.Add($"{path}: at most {maxLength} characters.");
            return null;
        }
        return text;
    }

    private static DateOnly? Date(JsonElement parent, string name, string path, List<string> errors)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String
            || !DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add($"{path}: a date as YYYY-MM-DD is required.");
            return null;
        }
        return date;
    }

    private static IEnumerable<(JsonElement Item, string Path)> Array(JsonElement parent, string name, string path, List<string> errors)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path}: a list is required.");
            return [];
        }
        return value.EnumerateArray().Select((item, i) => (item, $"{path}[{i}]")).ToList();
    }
}
