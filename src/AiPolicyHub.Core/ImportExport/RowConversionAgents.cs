using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport.Reading;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>The connectors and workflows an agents file names, by name: each name with every record called so.</summary>
internal sealed class AgentImportNames
{
    public Dictionary<string, int> Connectors { get; } = new(StringComparer.InvariantCultureIgnoreCase);
    public Dictionary<string, List<int>> Workflows { get; } = new(StringComparer.InvariantCultureIgnoreCase);
}

public sealed partial class RowConversion
{
    /// <summary>Which field of the agent form each of the save's validation messages belongs to.</summary>
    private static readonly Dictionary<string, ImportFieldKey> AgentFormFields = new()
    {
        [nameof(AgentForm.Name)] = ImportFieldKey.Name,
        [nameof(AgentForm.Purpose)] = ImportFieldKey.Purpose,
        [nameof(AgentForm.DepartmentId)] = ImportFieldKey.Department,
        [nameof(AgentForm.OwnerId)] = ImportFieldKey.Owner,
        [nameof(AgentForm.ToolId)] = ImportFieldKey.AiTool,
        [nameof(AgentForm.Permissions)] = ImportFieldKey.Permissions,
        [nameof(AgentForm.Autonomy)] = ImportFieldKey.Autonomy,
        [nameof(AgentForm.ConnectorIds)] = ImportFieldKey.Connectors,
        [nameof(AgentForm.Checkpoints)] = ImportFieldKey.Checkpoints,
        [nameof(AgentForm.WorkflowIds)] = ImportFieldKey.LinkedWorkflows,
        [nameof(AgentForm.DataClassificationId)] = ImportFieldKey.DataClassification,
        [nameof(AgentForm.LastActivityOn)] = ImportFieldKey.LastActivity,
        [nameof(AgentForm.OperatorRole)] = ImportFieldKey.OperatorRole,
        [nameof(AgentForm.Status)] = ImportFieldKey.Status,
    };

    /// <summary>
    /// Agents keep no external id or import key: a second import finds them by their name within their department, so any
    /// other way of matching is refused for the whole file before a row is read.
    /// </summary>
    public string? AgentKeyProblem => mapping.Target == ImportTarget.Agents && mapping.Match != ImportMatch.Name
        ? "Agents are found again by their name within their department: choose that key (they keep no external id)."
        : null;

    /// <summary>The names a cell of a list field holds (connectors, workflows), as the row gives them.</summary>
    internal IEnumerable<string> Names(TableRow row, ImportFieldKey field) =>
        Raw(row, field) is { Length: > 0 } text ? SplitNames(text) : [];

    /// <summary>
    /// Fills <paramref name="form"/> from the row (a copy of the stored agent when updating). The form is then checked by the
    /// agent save itself (<see cref="AgentSave.Validate"/>), whose messages <see cref="AgentIssues"/> files under the row's fields.
    /// </summary>
    internal List<ImportIssue> ToAgent(TableRow row, AgentForm form, bool creating, ImportLookups lookups, AgentImportNames names, Actor actor)
    {
        var issues = new List<ImportIssue>();
        foreach (var field in ImportFields.Agent)
        {
            if (Value(row, field.Key, creating) is not { } text)
            {
                continue;
            }
            if (text.Length == 0 && field.Kind == ImportFieldKind.Choice)
            {
                continue; // an empty autonomy, status or role keeps what the agent has (a new one: suggests only, draft, deployer)
            }
            text = Fit(row, field, text, issues);
            switch (field.Key)
            {
                case ImportFieldKey.Name: form.Name = text; break;
                case ImportFieldKey.Purpose: form.Purpose = text; break;
                case ImportFieldKey.Department: form.DepartmentId = Department(row, field, text, lookups, mapping, actor, issues); break;
                case ImportFieldKey.Owner: form.OwnerId = Person(row, field, text, lookups, issues); break;
                case ImportFieldKey.AiTool:
                    form.ToolId = null;
                    if (text.Length > 0 && lookups.Tools.TryGetValue(TranslatePart(field.Key, text), out var tool))
                    {
                        form.ToolId = tool.Id;
                    }
                    else if (text.Length > 0)
                    {
                        issues.Add(Error(row, field, $"There is no AI tool called \"{Short(text)}\". Add it under AI tools first (or import the tools)."));
                    }
                    break;
                case ImportFieldKey.Permissions: form.Permissions = Choices(row, field, text, form.Permissions, issues); break;
                case ImportFieldKey.Autonomy: form.Autonomy = Choice(row, field, text, form.Autonomy, issues); break;
                case ImportFieldKey.Status: form.Status = Choice(row, field, text, form.Status, issues); break;
                case ImportFieldKey.OperatorRole: form.OperatorRole = Choice(row, field, text, form.OperatorRole, issues); break;
                case ImportFieldKey.DataClassification: form.DataClassificationId = Level(row, field, text, lookups, issues); break;
                case ImportFieldKey.LastActivity: form.LastActivityOn = Date(row, field, text, issues); break;
                case ImportFieldKey.Connectors:
                    form.ConnectorIds = [];
                    foreach (var name in text.Length == 0 ? [] : SplitNames(text))
                    {
                        if (names.Connectors.TryGetValue(TranslatePart(field.Key, name), out var connector))
                        {
                            form.ConnectorIds.Add(connector);
                        }
                        else
                        {
                            issues.Add(Error(row, field, $"There is no connector called \"{Short(name)}\". Add it under Connectors first."));
                        }
                    }
                    break;
                case ImportFieldKey.LinkedWorkflows:
                    form.WorkflowIds = [];
                    foreach (var name in text.Length == 0 ? [] : SplitNames(text))
                    {
                        var found = names.Workflows.GetValueOrDefault(TranslatePart(field.Key, name)) ?? [];
                        if (found.Count == 1)
                        {
                            form.WorkflowIds.Add(found[0]);
                        }
                        else
                        {
                            issues.Add(Error(row, field, found.Count == 0
                                ? $"There is no workflow called \"{Short(name)}\" (a retired one does not count). Import the workflows first."
                                : $"{found.Count} workflows are called \"{Short(name)}\": rename one of them so the agent's workflows are clear, then import again."));
                        }
                    }
                    break;
                case ImportFieldKey.Checkpoints:
                    form.Checkpoints = Checkpoints(row, field, text, issues);
                    break;
            }
        }
        return issues;
    }

    /// <summary>"Spend money or commit the organisation: Finance lead; Send messages outside the organisation: Team lead".</summary>
    private static List<CheckpointForm> Checkpoints(TableRow row, ImportField field, string text, List<ImportIssue> issues)
    {
        var checkpoints = new List<CheckpointForm>();
        foreach (var part in text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0)
            {
                issues.Add(Error(row, field, $"\"{Short(part)}\" is not a checkpoint: write it as “permission{ImportFields.CheckpointSeparator}who approves”, "
                    + "e.g. “Spend money or commit the organisation: Finance lead”."));
                continue;
            }
            var permission = part[..colon].Trim();
            if (!ValueParsing.TryChoice(typeof(AgentPermissions), permission, out var value) || !AgentSave.IsSingle((AgentPermissions)value))
            {
                issues.Add(Error(row, field, $"\"{Short(permission)}\" is not one permission of {string.Join(", ", ImportFields.Get(ImportTarget.Agents, ImportFieldKey.Permissions).Choices)}."));
                continue;
            }
            checkpoints.Add(new CheckpointForm((AgentPermissions)value, part[(colon + 1)..].Trim()));
        }
        return checkpoints;
    }

    /// <summary>
    /// The agent save's validation messages as row issues, under the row's fields — except for fields whose cell already failed
    /// to convert (that error says what is wrong; "required" on top of it would only repeat it).
    /// </summary>
    internal void AgentIssues(TableRow row, ValidationErrors errors, List<ImportIssue> issues)
    {
        var unconverted = issues.Where(i => i.Severity == IssueSeverity.Error).Select(i => i.Field).ToHashSet(StringComparer.Ordinal);
        foreach (var (property, messages) in errors.ByField)
        {
            var key = AgentFormFields.GetValueOrDefault(property, ImportFieldKey.Name);
            if (unconverted.Contains(key.ToString()))
            {
                continue;
            }
            var field = ImportFields.Get(ImportTarget.Agents, key);
            foreach (var message in messages)
            {
                issues.Add(Error(row, field, IsMapped(key) || field.Required || key == ImportFieldKey.Status
                    ? message : $"{message} (no column is mapped to {field.Label}: map one or give a default)"));
            }
        }
    }
}
