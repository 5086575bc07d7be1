using System.Security.Cryptography;
using System.Text;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport.Reading;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>
/// One row's cells turned into a <see cref="WorkflowForm"/> or <see cref="ToolForm"/> through the mapping, then checked with
/// the same <see cref="InventoryValidation"/> the forms use — so an import accepts exactly what the pages accept.
/// </summary>
public sealed partial class RowConversion
{
    private readonly ImportMapping mapping;
    private readonly Dictionary<ImportFieldKey, (FieldMapping Mapping, int[] Columns)> mapped = [];
    private readonly IReadOnlyList<string> headers;
    private readonly bool unescapeFormulas;
    private readonly int[] keyColumns;

    /// <summary>Which field of the form each validation message belongs to.</summary>
    private static readonly Dictionary<string, ImportFieldKey> FormFields = new()
    {
        [nameof(WorkflowForm.Name)] = ImportFieldKey.Name,
        [nameof(WorkflowForm.Purpose)] = ImportFieldKey.Purpose,
        [nameof(WorkflowForm.DepartmentId)] = ImportFieldKey.Department,
        [nameof(WorkflowForm.OwnerId)] = ImportFieldKey.Owner,
        [nameof(WorkflowForm.ToolIds)] = ImportFieldKey.Tools,
        [nameof(WorkflowForm.DataClassificationId)] = ImportFieldKey.DataClassification,
        [nameof(WorkflowForm.SpotCheckPercent)] = ImportFieldKey.SpotCheckPercent,
        [nameof(WorkflowForm.ApprovingRole)] = ImportFieldKey.ApprovingRole,
        [nameof(WorkflowForm.MonthlyVolume)] = ImportFieldKey.MonthlyVolume,
        [nameof(WorkflowForm.ReviewCadenceMonths)] = ImportFieldKey.ReviewCadenceMonths,
        [nameof(WorkflowForm.NextReviewDate)] = ImportFieldKey.NextReviewDate,
        [nameof(WorkflowForm.Status)] = ImportFieldKey.Status,
        [nameof(ToolForm.Vendor)] = ImportFieldKey.Vendor,
        [nameof(ToolForm.ModelVersion)] = ImportFieldKey.ModelVersion,
        [nameof(ToolForm.DataResidency)] = ImportFieldKey.DataResidency,
        [nameof(ToolForm.Notes)] = ImportFieldKey.Notes,
        [nameof(ToolForm.RetentionDays)] = ImportFieldKey.RetentionDays,
        [nameof(ToolForm.MaxClassificationId)] = ImportFieldKey.MaxClassification,
        [nameof(ToolForm.ApprovalStatus)] = ImportFieldKey.ApprovalStatus,
    };

    public RowConversion(ImportMapping mapping, IReadOnlyList<string> headers, bool unescapeFormulas)
    {
        this.mapping = mapping;
        this.headers = headers;
        this.unescapeFormulas = unescapeFormulas;
        var index = headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.OrdinalIgnoreCase);
        foreach (var field in mapping.Fields)
        {
            var columns = field.Columns.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => index.TryGetValue(c.Trim(), out var i) ? i : -1).ToArray();
            mapped[field.Field] = (field, columns.Where(i => i >= 0).ToArray());
        }
        var chosen = UsesKeyColumns ? mapping.KeyColumns.Where(c => !string.IsNullOrWhiteSpace(c)).ToList() : [];
        keyColumns = chosen.Select(c => index.TryGetValue(c.Trim(), out var i) ? i : -1).Where(i => i >= 0).ToArray();
        MissingColumns = mapping.Fields.SelectMany(f => f.Columns).Concat(chosen).Where(c => !string.IsNullOrWhiteSpace(c) && !index.ContainsKey(c.Trim()))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        KeyProblem = UsesKeyColumns && chosen.Count == 0
            ? mapping.Match == ImportMatch.Fingerprint
                ? "Choose the columns the fingerprint is made of: the key step lists them."
                : "Choose the columns that together identify a record: the key step lists them."
            : null;
    }

    /// <summary>The key is built from chosen columns and kept on the record (<see cref="Workflow.ImportKey"/>).</summary>
    public bool UsesKeyColumns => mapping.Match is ImportMatch.Columns or ImportMatch.Fingerprint;

    /// <summary>What is wrong with the key strategy as a whole (no columns chosen); null when it can be used.</summary>
    public string? KeyProblem { get; }

    /// <summary>The field a key problem is filed under: the name, the external id, or the key built from columns.</summary>
    public string KeyField => mapping.Match switch
    {
        ImportMatch.Name => nameof(ImportFieldKey.Name),
        ImportMatch.ExternalId => nameof(ImportFieldKey.ExternalId),
        _ => "Key",
    };

    /// <summary>How the report names a key: "the id \"17\"", "the key \"Agency / 17\"", "the fingerprint of Agency, Title".</summary>
    public string DescribeKey(string key) => mapping.Match switch
    {
        ImportMatch.ExternalId => $"the id \"{key}\"",
        ImportMatch.Columns => $"the key \"{ShownKey(key)}\" ({string.Join(" + ", mapping.KeyColumns)})",
        ImportMatch.Fingerprint => $"the fingerprint of {string.Join(", ", mapping.KeyColumns)}",
        _ => NameWords(SplitNameKey(key)),
    };

    private static string NameWords((string Department, string Name) key) =>
        key.Department.Length > 0 ? $"the name \"{key.Name}\" in {key.Department}" : $"the name \"{key.Name}\"";

    /// <summary>The key a new record keeps for the next import: only for keys built from columns (an id goes to the external id).</summary>
    public string? StoredImportKey(string key) => UsesKeyColumns && key.Length > 0 ? key : null;

    public ImportMatch Match => mapping.Match;

    /// <summary>Columns the mapping names that the file does not have.</summary>
    public IReadOnlyList<string> MissingColumns { get; }

    public bool IsMapped(ImportFieldKey field) => mapped.TryGetValue(field, out var m) && m.Columns.Length > 0;

    /// <summary>Between the department and the name in a name key (a character no name holds).</summary>
    public const char KeySeparator = '\u001f';

    /// <summary>
    /// The key a row is matched on, trimmed; "" when the row has none. By external id: the id column. By name: the name as
    /// it would be stored (shortened as the mapping shortens it, so a long name matches its stored copy), and for workflows
    /// the department it is in too, since names are unique only within a department.
    /// </summary>
    public string Key(TableRow row)
    {
        switch (mapping.Match)
        {
            case ImportMatch.Columns: return CombinedKey(row);
            case ImportMatch.Fingerprint: return Fingerprint(row);
            case ImportMatch.ExternalId: return Raw(row, ImportFieldKey.ExternalId) ?? "";
        }
        var name = Stored(ImportFieldKey.Name, Raw(row, ImportFieldKey.Name) ?? "");
        if (name.Length == 0 || mapping.Target == ImportTarget.Tools)
        {
            return name;
        }
        var department = Raw(row, ImportFieldKey.Department) is { Length: > 0 } d ? d : mapping.For(ImportFieldKey.Department)?.Default?.Trim() ?? "";
        return department + KeySeparator + name;
    }

    /// <summary>
    /// The chosen columns' values side by side, as written (trimmed, line breaks alike); "" when all are empty. A combination
    /// longer than the stored limit keeps its start and a hash of the whole, so it still matches its stored copy exactly.
    /// </summary>
    private string CombinedKey(TableRow row)
    {
        var values = KeyValues(row);
        if (values.All(v => v.Length == 0))
        {
            return "";
        }
        var key = string.Join(KeySeparator, values);
        return key.Length <= ImportLimits.ImportKeyLength ? key : key[..(ImportLimits.ImportKeyLength - 18)] + "#" + Hash(key)[..17];
    }

    /// <summary>
    /// A hash of the chosen columns' values, ignoring case and runs of white space (a re-saved spreadsheet often changes
    /// both); "" when all are empty. Marked with "#" so it is never mistaken for a combination of values.
    /// </summary>
    private string Fingerprint(TableRow row)
    {
        var values = KeyValues(row);
        if (values.All(v => v.Length == 0))
        {
            return "";
        }
        var normalised = values.Select(v => string.Join(' ', v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant());
        return "#" + Hash(string.Join(KeySeparator, normalised));
    }

    private List<string> KeyValues(TableRow row) =>
        keyColumns.Select(i => (i < row.Cells.Length ? Cell(row, i) : "").Trim().Replace("\r\n", "\n", StringComparison.Ordinal)).ToList();

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A name key's department ("" when the row names none) and name.</summary>
    public static (string Department, string Name) SplitNameKey(string key) =>
        key.IndexOf(KeySeparator) is var i and >= 0 ? (key[..i], key[(i + 1)..]) : ("", key);

    /// <summary>A key as people read it in the report: "Finance / Invoice checks".</summary>
    public static string ShownKey(string key) => key.Replace(KeySeparator.ToString(), " / ", StringComparison.Ordinal);

    /// <summary>The external id a row gives: only ever from the column mapped to it, whatever the rows are matched on.</summary>
    public string? ExternalId(TableRow row) => Raw(row, ImportFieldKey.ExternalId) is { Length: > 0 } id ? id : null;

    /// <summary>The text of a field: its column(s) joined, translated by the value mapping; null when not mapped.</summary>
    public string? Raw(TableRow row, ImportFieldKey field)
    {
        if (!mapped.TryGetValue(field, out var m) || m.Columns.Length == 0)
        {
            return null;
        }
        string text;
        if (m.Columns.Length == 1)
        {
            text = Cell(row, m.Columns[0]).Trim();
        }
        else
        {
            // Several columns into one field: the first as it is, the others under their column name.
            var parts = new List<string>();
            foreach (var (column, n) in m.Columns.Select((c, n) => (c, n)))
            {
                var value = Cell(row, column).Trim();
                if (value.Length > 0)
                {
                    parts.Add(n == 0 ? value : $"{headers[column]}: {value}");
                }
            }
            text = string.Join("\n\n", parts);
        }
        return Translate(m.Mapping, text);
    }

    private string Cell(TableRow row, int column)
    {
        var value = column < row.Cells.Length ? row.Cells[column] : "";
        // Undo the export's guard against spreadsheet formulas: a leading apostrophe before = + - @ tab or CR.
        return unescapeFormulas && value.Length > 1 && value[0] == '\'' && FormulaGuard.NeedsGuard(value.AsSpan(1)) ? value[1..] : value;
    }

    private static string Translate(FieldMapping mapping, string text)
    {
        if (mapping.Values.Count == 0)
        {
            return text;
        }
        foreach (var (from, to) in mapping.Values)
        {
            if (string.Equals(from.Trim(), text, StringComparison.OrdinalIgnoreCase))
            {
                return to;
            }
        }
        return text;
    }

    private string TranslatePart(ImportFieldKey field, string part) =>
        mapped.TryGetValue(field, out var m) ? Translate(m.Mapping, part.Trim()) : part;

    /// <summary>The value to use for <paramref name="field"/>: the row's text, or the default when it is empty on a new record; null: leave as it is.</summary>
    private string? Value(TableRow row, ImportFieldKey field, bool creating)
    {
        var text = Raw(row, field);
        var fallback = mapping.For(field)?.Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (!string.IsNullOrWhiteSpace(fallback))
            {
                return creating ? fallback : null;
            }
            return text is null ? null : "";
        }
        return text;
    }

    /// <summary>Fills <paramref name="form"/> from the row (a copy of the stored workflow when updating) and checks it like the page does.</summary>
    public List<ImportIssue> ToWorkflow(TableRow row, WorkflowForm form, bool creating, ImportLookups lookups, Actor actor, DateOnly today)
    {
        var issues = new List<ImportIssue>();
        var target = ImportTarget.Workflows;
        foreach (var field in ImportFields.Workflow)
        {
            if (field.Key == ImportFieldKey.ExternalId || Value(row, field.Key, creating) is not { } text)
            {
                continue;
            }
            text = Fit(row, field, text, issues);
            switch (field.Key)
            {
                case ImportFieldKey.Name: form.Name = text; break;
                case ImportFieldKey.Purpose: form.Purpose = text; break;
                case ImportFieldKey.ApprovingRole: form.ApprovingRole = text; break;
                case ImportFieldKey.Department: form.DepartmentId = Department(row, field, text, lookups, mapping, actor, issues); break;
                case ImportFieldKey.Owner:
                    form.OwnerId = Person(row, field, text, lookups, issues);
                    break;
                case ImportFieldKey.Tools:
                    form.ToolIds = [];
                    // A whole cell that names one tool (whose name may hold a comma) before splitting it into several.
                    foreach (var name in lookups.Tools.ContainsKey(TranslatePart(field.Key, text)) ? [text] : SplitNames(text))
                    {
                        if (lookups.Tools.TryGetValue(TranslatePart(field.Key, name), out var tool))
                        {
                            form.ToolIds.Add(tool.Id);
                        }
                        else
                        {
                            issues.Add(Error(row, field, $"There is no AI tool called \"{name}\". Add it under AI tools first (or import the tools)."));
                        }
                    }
                    break;
                case ImportFieldKey.DataClassification:
                    form.DataClassificationId = Level(row, field, text, lookups, issues);
                    break;
                case ImportFieldKey.Stage: form.Stage = Choice(row, field, text, form.Stage, issues); break;
                case ImportFieldKey.Autonomy: form.Autonomy = Choice(row, field, text, form.Autonomy, issues); break;
                case ImportFieldKey.Audience: form.Audience = Choice(row, field, text, form.Audience, issues); break;
                case ImportFieldKey.Oversight: form.Oversight = Choice(row, field, text, form.Oversight, issues); break;
                case ImportFieldKey.Status: form.Status = Choice(row, field, text, form.Status, issues); break;
                case ImportFieldKey.AffectsPeople: form.AffectsPeople = Choices(row, field, text, form.AffectsPeople, issues); break;
                case ImportFieldKey.DataCategories: form.DataCategories = Choices(row, field, text, form.DataCategories, issues); break;
                case ImportFieldKey.Controls: form.Controls = Choices(row, field, text, form.Controls, issues); break;
                case ImportFieldKey.SpotCheckPercent: form.SpotCheckPercent = Number(row, field, text, issues); break;
                case ImportFieldKey.MonthlyVolume: form.MonthlyVolume = Number(row, field, text, issues); break;
                case ImportFieldKey.ReviewCadenceMonths: form.ReviewCadenceMonths = Number(row, field, text, issues) ?? form.ReviewCadenceMonths; break;
                case ImportFieldKey.NextReviewDate: form.NextReviewDate = Date(row, field, text, issues); break;
            }
        }
        if (creating)
        {
            if (mapping.OwnerDefaultsToImporter && string.IsNullOrEmpty(form.OwnerId) && !Has(issues, ImportFieldKey.Owner))
            {
                form.OwnerId = actor.UserId;
            }
            if (mapping.ReviewDateFromCadence && form.NextReviewDate is null && !Has(issues, ImportFieldKey.NextReviewDate)
                && form.ReviewCadenceMonths is >= 1 and <= 60)
            {
                form.NextReviewDate = today.AddMonths(form.ReviewCadenceMonths);
            }
        }
        // Form validation runs even when a cell did not convert, so a row's errors all come in one pass.
        AddValidation(row, target, InventoryValidation.Validate(form, lookups.References, actor), issues);
        return issues;
    }

    public List<ImportIssue> ToTool(TableRow row, ToolForm form, bool creating, ImportLookups lookups, Actor actor,
        bool nameTaken)
    {
        var issues = new List<ImportIssue>();
        foreach (var field in ImportFields.Tool)
        {
            if (field.Key == ImportFieldKey.ExternalId || Value(row, field.Key, creating) is not { } text)
            {
                continue;
            }
            text = Fit(row, field, text, issues);
            switch (field.Key)
            {
                case ImportFieldKey.Name: form.Name = text; break;
                case ImportFieldKey.Vendor: form.Vendor = text; break;
                case ImportFieldKey.ModelVersion: form.ModelVersion = text; break;
                case ImportFieldKey.DataResidency: form.DataResidency = text; break;
                case ImportFieldKey.Notes: form.Notes = text; break;
                case ImportFieldKey.Owner: form.OwnerId = Person(row, field, text, lookups, issues); break;
                case ImportFieldKey.MaxClassification: form.MaxClassificationId = Level(row, field, text, lookups, issues); break;
                case ImportFieldKey.Deployment: form.Deployment = Choice(row, field, text, form.Deployment, issues); break;
                case ImportFieldKey.TrainsOnOurData: form.TrainsOnOurData = Choice(row, field, text, form.TrainsOnOurData, issues); break;
                case ImportFieldKey.ApprovalStatus: form.ApprovalStatus = Choice(row, field, text, form.ApprovalStatus, issues); break;
                case ImportFieldKey.Capabilities: form.Capabilities = Choices(row, field, text, form.Capabilities, issues); break;
                case ImportFieldKey.RetentionDays: form.RetentionDays = Number(row, field, text, issues); break;
                case ImportFieldKey.HasDataProcessingAgreement:
                    if (ValueParsing.YesNo(text) is { } yes) form.HasDataProcessingAgreement = yes;
                    else issues.Add(Error(row, field, $"\"{text}\" is not yes or no."));
                    break;
            }
        }
        AddValidation(row, ImportTarget.Tools, InventoryValidation.Validate(form, lookups.References, nameTaken), issues);
        return issues;
    }

    private static bool Has(List<ImportIssue> issues, ImportFieldKey field) => issues.Any(i => i.Field == field.ToString());

    /// <summary>
    /// The form's validation messages as row issues, except for fields whose cell already failed to convert (the
    /// conversion error says what is wrong with that cell; "required" on top of it would only repeat it).
    /// </summary>
    private void AddValidation(TableRow row, ImportTarget target, ValidationErrors errors, List<ImportIssue> issues)
    {
        var unconverted = issues.Where(i => i.Severity == IssueSeverity.Error).Select(i => i.Field).ToHashSet(StringComparer.Ordinal);
        foreach (var (property, messages) in errors.ByField)
        {
            var key = FormFields.GetValueOrDefault(property, ImportFieldKey.Name);
            if (unconverted.Contains(key.ToString()))
            {
                continue;
            }
            var field = ImportFields.For(target).FirstOrDefault(f => f.Key == key) ?? ImportFields.Get(target, ImportFieldKey.Name);
            foreach (var message in messages)
            {
                issues.Add(Error(row, field, IsMapped(key) || field.Required ? message : $"{message} (no column is mapped to {field.Label}: map one or give a default)"));
            }
        }
    }

    private string Fit(TableRow row, ImportField field, string text, List<ImportIssue> issues)
    {
        var stored = Stored(field.Key, text);
        if (!ReferenceEquals(stored, text))
        {
            issues.Add(new ImportIssue(row.Number, field.Key.ToString(), IssueSeverity.Warning,
                $"{field.Label} shortened from {text.Length:N0} to {field.MaxLength:N0} characters."));
        }
        return stored;
    }

    /// <summary>The text a field stores: shortened to its limit (ending in "…") when the mapping allows; otherwise as it is.</summary>
    private string Stored(ImportFieldKey key, string text)
    {
        var field = ImportFields.For(mapping.Target).FirstOrDefault(f => f.Key == key);
        return field is { MaxLength: > 0 } && text.Length > field.MaxLength && mapping.For(key)?.Truncate == true
            ? text[..(field.MaxLength - 1)].TrimEnd() + "…"
            : text;
    }

    /// <summary>The department named in a cell (workflows and agents alike), or null with an error when there is none of that name.</summary>
    private static int? Department(TableRow row, ImportField field, string text, ImportLookups lookups, ImportMapping mapping, Actor actor,
        List<ImportIssue> issues)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (lookups.Departments.TryGetValue(text, out var department))
        {
            return department;
        }
        issues.Add(Error(row, field, mapping.CreateMissingDepartments && !actor.IsComplianceOrAdmin
            ? $"There is no department \"{text}\", and only compliance officers and administrators can add departments."
            : $"There is no department \"{text}\". Add it under Organisation, map the value to an existing department, or let the import create departments."));
        return null;
    }

    private static string? Person(TableRow row, ImportField field, string text, ImportLookups lookups, List<ImportIssue> issues)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (lookups.People.TryGetValue(text, out var id))
        {
            return id;
        }
        issues.Add(Error(row, field, $"\"{text}\" is not the email address or name of an enabled AiPolicyHub user."));
        return null;
    }

    private static int? Level(TableRow row, ImportField field, string text, ImportLookups lookups, List<ImportIssue> issues)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (lookups.Levels.TryGetValue(text, out var level))
        {
            return level.Id;
        }
        issues.Add(Error(row, field, $"\"{text}\" is not a classification level; use one of {string.Join(", ", lookups.Levels.Keys)}."));
        return null;
    }

    private static T Choice<T>(TableRow row, ImportField field, string text, T current, List<ImportIssue> issues) where T : struct, Enum
    {
        if (ValueParsing.TryChoice(typeof(T), text, out var value))
        {
            return (T)Enum.ToObject(typeof(T), value);
        }
        issues.Add(Error(row, field, $"\"{Short(text)}\" is not one of {string.Join(", ", field.Choices)}. Map the value on the values step."));
        return current;
    }

    private T Choices<T>(TableRow row, ImportField field, string text, T current, List<ImportIssue> issues) where T : struct, Enum
    {
        if (ValueParsing.TryChoices(typeof(T), text, part => TranslatePart(field.Key, part), out var value, out var unknown))
        {
            return (T)Enum.ToObject(typeof(T), value);
        }
        issues.Add(Error(row, field, $"\"{Short(unknown ?? text)}\" is not one of {string.Join(", ", field.Choices)}."));
        return current;
    }

    private static int? Number(TableRow row, ImportField field, string text, List<ImportIssue> issues)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (ValueParsing.TryNumber(text, out var n))
        {
            return n;
        }
        issues.Add(Error(row, field, $"\"{Short(text)}\" is not a whole number."));
        return null;
    }

    private static DateOnly? Date(TableRow row, ImportField field, string text, List<ImportIssue> issues)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (ValueParsing.TryDate(text, out var date))
        {
            return date;
        }
        issues.Add(Error(row, field, $"\"{Short(text)}\" is not a date; write it as yyyy-mm-dd."));
        return null;
    }

    /// <summary>Names separated by semicolons (the export's separator) or, when there is none, by commas or line breaks.</summary>
    public static IEnumerable<string> SplitNames(string text) =>
        text.Split(text.Contains(';') ? [';'] : [',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ImportIssue Error(TableRow row, ImportField field, string message) => new(row.Number, field.Key.ToString(), IssueSeverity.Error, message);

    private static string Short(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
