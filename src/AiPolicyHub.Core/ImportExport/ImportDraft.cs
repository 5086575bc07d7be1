namespace AiPolicyHub.Core.ImportExport;

/// <summary>One field of a mapping while it is being built: its column(s), default, shortening and value translations.</summary>
public sealed class FieldDraft
{
    public string Column { get; set; } = "";
    public List<string> Extra { get; set; } = [];
    public string Default { get; set; } = "";
    public bool Truncate { get; set; }
    public Dictionary<string, string> Values { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Translates <paramref name="from"/> (as written in the file) to <paramref name="to"/>; empty: read it as written.</summary>
    public void MapValue(string from, string? to)
    {
        from = from.Trim();
        if (from.Length == 0) return;
        if (string.IsNullOrWhiteSpace(to)) Values.Remove(from); else Values[from] = to.Trim();
    }
}

/// <summary>
/// The mapping the import wizard builds step by step (columns, values, key, options), kept apart from the page so what it
/// decides — which suggestions are taken, which values "map all remaining" reaches, what a multi-choice field may be
/// mapped to — is tested without a browser. <see cref="ToMapping"/> gives the <see cref="ImportMapping"/> the importer runs.
/// </summary>
public sealed class ImportDraft
{
    /// <summary>What a value of a multi-choice field maps to when it means "none of them" ("Neither", "N/A").</summary>
    public const string None = "None";

    private readonly Dictionary<ImportFieldKey, FieldDraft> fields = [];

    public ImportTarget Target { get; private set; } = ImportTarget.Workflows;
    public SourceOptions Source { get; set; } = new();
    public ImportMatch Match { get; set; } = ImportMatch.ExternalId;
    public List<string> KeyColumns { get; set; } = [];
    public bool CreateMissingDepartments { get; set; }
    public bool OwnerDefaultsToImporter { get; set; }
    public bool ReviewDateFromCadence { get; set; }

    public FieldDraft this[ImportFieldKey key] => fields.TryGetValue(key, out var f) ? f : fields[key] = new FieldDraft();

    /// <summary>Starts over for another kind of record: the columns of workflows mean nothing for tools.</summary>
    public void Reset(ImportTarget target)
    {
        Target = target;
        fields.Clear();
        // Agents keep no external id: they are found again by their name within their department.
        Match = target == ImportTarget.Agents ? ImportMatch.Name : ImportMatch.ExternalId;
        KeyColumns = [];
        CreateMissingDepartments = OwnerDefaultsToImporter = ReviewDateFromCadence = false;
    }

    /// <summary>Takes over a preset as it is.</summary>
    public void Apply(ImportMapping preset)
    {
        Reset(preset.Target);
        Source = preset.Source;
        Match = preset.Match;
        KeyColumns = [.. preset.KeyColumns];
        CreateMissingDepartments = preset.CreateMissingDepartments;
        OwnerDefaultsToImporter = preset.OwnerDefaultsToImporter;
        ReviewDateFromCadence = preset.ReviewDateFromCadence;
        foreach (var f in preset.Fields)
        {
            var draft = this[f.Field];
            draft.Column = f.Columns.FirstOrDefault() ?? "";
            draft.Extra = [.. f.Columns.Skip(1)];
            draft.Default = f.Default ?? "";
            draft.Truncate = f.Truncate;
            draft.Values = new Dictionary<string, string>(f.Values, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// Maps each still unmapped field to its suggested column, but only when the suggestion is confident: a weak one costs a
    /// round of rejected rows when taken blindly, so it is only shown.
    /// </summary>
    public void TakeSuggestions(IEnumerable<ColumnSuggestion> suggestions)
    {
        foreach (var s in suggestions.Where(s => s.Confidence == SuggestionConfidence.High))
        {
            var draft = this[s.Field];
            if (draft.Column.Length == 0) draft.Column = s.Column;
        }
    }

    /// <summary>What a value of <paramref name="field"/> can be mapped to: its choices, and "None" for a multi-choice field.</summary>
    public static IReadOnlyList<string> Targets(ImportField field) =>
        field.Kind == ImportFieldKind.Choices ? [.. field.Choices, None] : field.Choices;

    /// <summary>The mapped fields whose values are translated on the values step (those with a fixed list of choices).</summary>
    public IReadOnlyList<ImportField> ValueFields() =>
        ImportFields.For(Target).Where(f => f.Choices.Count > 0 && this[f.Key].Column.Length > 0).ToList();

    /// <summary>
    /// Maps every value of <paramref name="values"/> that is neither mapped yet nor already one of the field's choices (those
    /// import as written) to <paramref name="to"/>; returns how many.
    /// </summary>
    public int MapRemaining(ImportFieldKey field, IEnumerable<ColumnValue> values, string to)
    {
        var draft = this[field];
        var definition = ImportFields.Get(Target, field);
        var n = 0;
        foreach (var v in values.Where(v => !draft.Values.ContainsKey(v.Value) && !IsChoice(definition, v.Value)))
        {
            draft.MapValue(v.Value, to);
            n++;
        }
        return n;
    }

    /// <summary>Whether <paramref name="value"/> already reads as one of the field's choices, with no mapping.</summary>
    public static bool IsChoice(ImportField field, string value) => field.Kind switch
    {
        ImportFieldKind.YesNo => ValueParsing.YesNo(value) is not null,
        ImportFieldKind.Choices when field.EnumType is { } type => ValueParsing.TryChoices(type, value, t => t, out _, out _),
        _ when field.EnumType is { } type => ValueParsing.TryChoice(type, value, out _),
        _ => false,
    };

    /// <summary>The values whose text contains <paramref name="search"/> (ignoring case); all of them when it is empty.</summary>
    public static IReadOnlyList<ColumnValue> Find(IReadOnlyList<ColumnValue> values, string? search) =>
        string.IsNullOrWhiteSpace(search) ? values
            : values.Where(v => v.Value.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();

    public ImportMapping ToMapping() => new()
    {
        Target = Target,
        Source = Source,
        Match = Match,
        KeyColumns = Match is ImportMatch.Columns or ImportMatch.Fingerprint ? [.. KeyColumns] : [],
        CreateMissingDepartments = CreateMissingDepartments,
        OwnerDefaultsToImporter = OwnerDefaultsToImporter,
        ReviewDateFromCadence = ReviewDateFromCadence,
        Fields = fields.Where(e => ImportFields.For(Target).Any(f => f.Key == e.Key))
            .Where(e => e.Value.Column.Length > 0 || e.Value.Default.Length > 0)
            .Select(e => new FieldMapping
            {
                Field = e.Key,
                Columns = e.Value.Column.Length > 0 ? [e.Value.Column, .. e.Value.Extra.Where(x => x != e.Value.Column)] : [],
                Default = e.Value.Default.Length > 0 ? e.Value.Default : null,
                Truncate = e.Value.Truncate,
                Values = new Dictionary<string, string>(e.Value.Values, StringComparer.OrdinalIgnoreCase),
            }).ToList(),
    };
}
