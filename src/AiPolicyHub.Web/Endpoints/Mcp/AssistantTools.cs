using System.ComponentModel;
using System.Security.Claims;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Web.Components.Pages.Check;
using AiPolicyHub.Web.Endpoints.Api;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AiPolicyHub.Web.Endpoints.Mcp;

/// <summary>An approved tool that would be allowed instead, and on which conditions.</summary>
public sealed record AlternativeToolAnswer(string Tool, Verdict Verdict, IReadOnlyList<string> Conditions);

/// <summary>An approved workflow that already covers the use: following it is the safe way to do it.</summary>
public sealed record CoveringWorkflowAnswer(int Id, string Name, string Department, IReadOnlyList<string> Tools, HumanOversight Oversight, string Link);

/// <summary>The checker's answer, as the checker page shows it.</summary>
public sealed record UsageCheckAnswer(string Summary, Verdict Verdict, string Headline, string Tool, string Task, string? Workflow,
    IReadOnlyList<string> Reasons, IReadOnlyList<string> Conditions, IReadOnlyList<AlternativeToolAnswer> AllowedAlternatives,
    IReadOnlyList<CoveringWorkflowAnswer> ApprovedWorkflowsCovering, string? NextStep, string Link);

public sealed record ApprovedToolAnswer(string Name, string Vendor, string ModelVersion, ToolApprovalStatus Status, string StatusMeaning,
    string? HighestDataClassification, IReadOnlyList<string> Conditions, string Capabilities, IReadOnlyList<string> PausedWorkflows);

public sealed record ToolNotToUse(string Name, string Vendor, string Why);

public sealed record ClassificationLevelAnswer(string Name, int Rank, string Description);

public sealed record ApprovedToolsAnswer(string Summary, IReadOnlyList<ApprovedToolAnswer> Approved, IReadOnlyList<ToolNotToUse> DoNotUse,
    IReadOnlyList<ClassificationLevelAnswer> DataClassifications);

public sealed record WorkflowAnswer(int Id, string Name, string Department, LifecycleStage Stage, WorkflowStatus Status, bool DoNotUse,
    string DataClassification, Autonomy Autonomy, Audience Audience, HumanOversight Oversight, DateOnly? NextReviewDate, string? Owner,
    RiskTier RiskTier, int RiskScore, string Link);

public sealed record WorkflowsAnswer(string Summary, int Total, int Skip, IReadOnlyList<WorkflowAnswer> Workflows);

public sealed record IncidentAnswer(string Summary, int IncidentId, string Link, string? RiskTriggers);

/// <summary>
/// The MCP server's tools (<c>/mcp</c>): what a person's AI assistant may ask, with that person's API token and roles. Each
/// tool calls the Core step its page calls — the checker's <see cref="UsageAdvisor"/>, the directory's <see cref="ToolDirectory"/>,
/// the list's <see cref="WorkflowInventory"/>, the report page's <see cref="IncidentLog"/> — and translates names to ids the way
/// a person picks them on the page. A refusal or a question that cannot be answered is a tool error (<see cref="McpException"/>)
/// whose message says what to change. <see cref="McpRegistration"/> audits every call.
/// </summary>
[McpServerToolType]
public sealed class AssistantTools(UsageAdvisor advisor, ToolDirectory directory, WorkflowInventory inventory, IncidentLog incidents,
    InventoryLookups lookups, TimeProvider clock, IHttpContextAccessor http)
{
    public const string CheckAiUse = "check_ai_use";
    public const string ListApprovedTools = "list_approved_tools";
    public const string FindWorkflows = "find_workflows";
    public const string ReportIncident = "report_incident";

    public const int MaxWorkflows = 50;

    [McpServerTool(Name = CheckAiUse, Title = "Can I use AI for this?", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("The organisation's AI usage checker (\"Can I use AI for this?\"). Give the AI tool, the task, the most sensitive data "
        + "involved and where the output goes; the answer is the organisation's own rule: Allowed, AllowedWithConditions (follow every "
        + "condition listed), NotAllowed, Paused (do not use it), or ApprovedWorkflowOnly (a high-risk use: only by following an approved "
        + "workflow). It gives the reasons, the conditions, approved tools that would be allowed instead and approved workflows that "
        + "already cover the use. Ask it before using AI for work, and tell the person the verdict and conditions in plain words.")]
    public async Task<UsageCheckAnswer> CheckAiUseAsync(
        RequestContext<CallToolRequestParams> request,
        [Description("The AI tool's name as the organisation lists it (see list_approved_tools), e.g. \"ChatGPT Enterprise\". "
            + "A tool that is not listed is answered as such (not allowed until compliance assesses it).")] string tool,
        [Description("What the AI is used for; pick the closest. Other needs taskDescription.")] UsageTask task,
        [Description("The most sensitive data involved: one of the organisation's data classification levels (list_approved_tools lists "
            + "them with their descriptions), e.g. Public, Internal, Confidential, Restricted.")] string dataClassification,
        [Description("Where the output goes: Internal (colleagues only), CustomerFacing, Public, or Regulator.")] Audience outputGoesTo,
        [Description("Kinds of data involved, any that apply (none: leave it out).")] DataCategories[]? dataKinds = null,
        [Description("True when the output helps decide something about a person (hiring, credit, insurance, health, education, legal, "
            + "essential services).")] bool decidesAboutPeople = false,
        [Description("The task in a few words, in the person's own terms; required when task is Other.")] string? taskDescription = null,
        [Description("The id of the recorded workflow the person follows, if any (find_workflows); a paused workflow answers Paused.")]
        int? workflowId = null,
        CancellationToken cancellationToken = default)
    {
        var all = await lookups.LoadAsync(cancellationToken);
        var level = all.Levels.FirstOrDefault(l => string.Equals(l.Name, dataClassification?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new McpException($"“{dataClassification}” is not one of the organisation's data classifications: "
                + $"use one of {string.Join(", ", all.Levels.Select(l => l.Name))}.");
        var chosen = all.Tools.Where(t => t.ApprovalStatus != ToolApprovalStatus.Retired)
            .FirstOrDefault(t => string.Equals(t.Name, tool?.Trim(), StringComparison.OrdinalIgnoreCase));
        var categories = (dataKinds ?? []).Aggregate(DataCategories.None, (union, kind) => union | kind);
        var question = new UsageQuestion(chosen?.Id ?? UsageQuestion.ToolNotListed, task, level.Id, categories, outputGoesTo, decidesAboutPeople,
            task == UsageTask.Other ? taskDescription : null, workflowId);
        var result = await advisor.AskAsync(question, cancellationToken);
        if (!result.Succeeded)
        {
            throw new McpException("The question cannot be answered as asked: " + string.Join(" ", result.Errors));
        }
        var advice = result.Value!;
        var answer = advice.Answer;
        var taskText = task == UsageTask.Other ? $"“{taskDescription?.Trim()}”" : EnumText.Of(task).ToLowerInvariant();
        var link = Absolute(QueryString.Create(new Dictionary<string, string?>
        {
            ["tool"] = question.ToolId.ToString(), ["task"] = task.ToString(), ["level"] = level.Id.ToString(),
            ["data"] = ((int)categories).ToString(), ["audience"] = outputGoesTo.ToString(), ["people"] = decidesAboutPeople ? "true" : null,
            ["what"] = question.TaskDescription?.Trim(), ["workflow"] = workflowId?.ToString(),
        }.Where(p => p.Value is not null)).Value is { } query ? "/check" + query : "/check");
        var headline = UsageAnswerView.Headline(answer.Verdict);
        return new UsageCheckAnswer(
            $"{headline}: {advice.ToolName} for {taskText}.",
            answer.Verdict, headline, advice.ToolName, taskText, advice.WorkflowName,
            // A plain "allowed" has no reasons of its own; the page says that nothing restricts it.
            answer.Verdict == Verdict.Allowed ? [UsageChecker.NothingRestricts] : answer.Reasons,
            answer.Conditions,
            [.. advice.Alternatives.Select(a => new AlternativeToolAnswer(a.Tool.Name, a.Answer.Verdict, a.Answer.Conditions))],
            [.. advice.Covering.Select(w => new CoveringWorkflowAnswer(w.Id, w.Name, w.Department, w.Tools, w.Oversight, Absolute($"/workflows/{w.Id}")))],
            advice.NextStep, link);
    }

    [McpServerTool(Name = ListApprovedTools, Title = "Approved AI tools", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("The organisation's register of AI tools staff may use (approved, or approved with restrictions), with the most "
        + "sensitive data each may receive and the conditions for using it; the tools that must not be used (prohibited or paused) "
        + "and why; and the data classification levels with what each covers. Use it to pick a tool, or the data classification "
        + "for check_ai_use.")]
    public async Task<ApprovedToolsAnswer> ListApprovedToolsAsync(
        RequestContext<CallToolRequestParams> request,
        [Description("Only tools whose name, vendor or model contains this text.")] string? search = null,
        CancellationToken cancellationToken = default)
    {
        var listing = await directory.ListAsync(request.User ?? new ClaimsPrincipal(), search, cancellationToken);
        var levels = (await lookups.LoadAsync(cancellationToken)).Levels;
        var approved = listing.Tools.Where(t => t.MayBeUsed)
            .Select(t => new ApprovedToolAnswer(t.Name, t.Vendor, t.ModelVersion, t.Status, t.StatusMeaning, t.HighestClassification, t.Conditions,
                t.Capabilities, [.. (t.PausedWorkflows ?? []).Select(w => $"“{w.Name}” is paused: do not use it. {w.Reason}".Trim())]))
            .ToList();
        var doNotUse = listing.Tools.Where(t => !t.MayBeUsed).Select(t => new ToolNotToUse(t.Name, t.Vendor, t.StatusMeaning)).ToList();
        return new ApprovedToolsAnswer($"{approved.Count} approved {(approved.Count == 1 ? "tool" : "tools")}, {doNotUse.Count} not to use.",
            approved, doNotUse, [.. levels.Select(l => new ClassificationLevelAnswer(l.Name, l.Rank, l.Description))]);
    }

    [McpServerTool(Name = FindWorkflows, Title = "Find workflows", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Searches the organisation's inventory of workflows that use AI (as the person's role may read it): name, department, "
        + "status, the data it handles, who sees its output, human oversight, risk tier and owner. A workflow with doNotUse true is paused "
        + "or retired: it must not be followed. Retired workflows are left out unless includeRetired is true.")]
    public async Task<WorkflowsAnswer> FindWorkflowsAsync(
        [Description("Text the workflow's name or purpose contains, e.g. \"customer replies\".")] string? search = null,
        [Description("Only this department (its name).")] string? department = null,
        [Description("Only workflows in this status.")] WorkflowStatus? status = null,
        [Description("Only workflows at this risk tier.")] RiskTier? riskTier = null,
        [Description("Also retired workflows.")] bool includeRetired = false,
        [Description("How many to skip (for the next page).")] int skip = 0,
        [Description("How many to return, 1 to 50.")] int take = 20,
        CancellationToken cancellationToken = default)
    {
        int? departmentId = null;
        if (!string.IsNullOrWhiteSpace(department))
        {
            var departments = (await lookups.LoadAsync(cancellationToken)).Departments;
            departmentId = departments.FirstOrDefault(d => string.Equals(d.Name, department.Trim(), StringComparison.OrdinalIgnoreCase))?.Id
                ?? throw new McpException($"There is no department called “{department}”: use one of {string.Join(", ", departments.Select(d => d.Name))}.");
        }
        // The REST API's list, with its parameters' bounds: what a token reads there it reads here, and nothing more.
        var query = new WorkflowListParameters(string.IsNullOrWhiteSpace(search) ? null : search.Trim()[..Math.Min(search.Trim().Length, ApiQueryValidation.MaxTextLength)],
            departmentId, status, null, null, riskTier, includeRetired, WorkflowSort.Name, false, Math.Max(0, skip), Math.Clamp(take, 1, MaxWorkflows)).ToQuery();
        var page = await inventory.ListAsync(query, cancellationToken);
        var workflows = page.Items.Select(w => new WorkflowAnswer(w.Id, w.Name, w.Department, w.Stage, w.Status,
            w.Status is WorkflowStatus.Paused or WorkflowStatus.Retired, w.Classification, w.Autonomy, w.Audience, w.Oversight, w.NextReviewDate,
            w.Owner, w.RiskTier, w.RiskScore, Absolute($"/workflows/{w.Id}"))).ToList();
        return new WorkflowsAnswer($"{workflows.Count} of {page.Total} matching {(page.Total == 1 ? "workflow" : "workflows")}.", page.Total, query.Skip, workflows);
    }

    [McpServerTool(Name = ReportIncident, Title = "Report an AI incident", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Reports an AI incident for the person, as the app's incident form does: something that went wrong with a use of AI "
        + "(wrong output reached a customer, a data leak, a bias complaint, a security finding, a model or vendor change, misuse). "
        + "Give the workflow it happened in (workflowId, from find_workflows) or the AI tool it is about (toolName), not both. The managers "
        + "of the department and compliance are told; a critical incident can pause the workflow at once. Staff report on their own "
        + "department's workflows (and on any tool). Only report what the person asked you to report, in their words.")]
    public async Task<IncidentAnswer> ReportIncidentAsync(
        RequestContext<CallToolRequestParams> request,
        [Description("A short title, 5 to 200 characters, e.g. \"Wrong refund promised to a customer\".")] string title,
        [Description("What happened, 10 to 4,000 characters: what the AI did, who was affected, what was done about it.")] string whatHappened,
        [Description("How bad: Critical when harm is happening or likely now (a data leak, wrong decisions about people).")] IncidentSeverity severity,
        [Description("What kind of incident it is.")] IncidentCategory category,
        [Description("The id of the workflow it happened in (find_workflows).")] int? workflowId = null,
        [Description("The AI tool it is about as a whole (its name in list_approved_tools), when it is not about one workflow.")] string? toolName = null,
        [Description("When it happened (ISO 8601, e.g. 2026-12-04T09:30:00Z); now when left out.")] DateTimeOffset? occurredAt = null,
        CancellationToken cancellationToken = default)
    {
        int? toolId = null;
        if (!string.IsNullOrWhiteSpace(toolName))
        {
            toolId = (await lookups.LoadAsync(cancellationToken)).Tools
                .FirstOrDefault(t => string.Equals(t.Name, toolName.Trim(), StringComparison.OrdinalIgnoreCase))?.Id
                ?? throw new McpException($"There is no AI tool called “{toolName}” in the register (list_approved_tools lists them).");
        }
        var outcome = await incidents.ReportAsync(request.User ?? new ClaimsPrincipal(), new IncidentReport
        {
            WorkflowId = workflowId, ToolId = toolId, Title = title ?? "", WhatHappened = whatHappened ?? "",
            OccurredAt = (occurredAt ?? clock.GetUtcNow()).UtcDateTime, Severity = severity, Category = category,
        }, cancellationToken);
        return outcome.Status switch
        {
            SaveStatus.Saved => new IncidentAnswer($"Incident #{outcome.Id} is reported.", outcome.Id, Absolute($"/incidents/{outcome.Id}"),
                string.IsNullOrWhiteSpace(outcome.Message) ? null : outcome.Message),
            SaveStatus.Invalid => throw new McpException("Not reported: " + string.Join(" ", outcome.Errors!.ByField
                .Select(f => $"{ArgumentOf(f.Key)}: {string.Join(" ", f.Value)}"))),
            _ => throw new McpException("Not reported: " + (outcome.Message ?? "refused.")),
        };
    }

    /// <summary>The tool's argument a Core field's message is about.</summary>
    private static string ArgumentOf(string field) => field switch
    {
        nameof(IncidentReport.WorkflowId) => "workflowId",
        nameof(IncidentReport.ToolId) => "toolName",
        nameof(IncidentReport.WhatHappened) => "whatHappened",
        nameof(IncidentReport.OccurredAt) => "occurredAt",
        _ => char.ToLowerInvariant(field[0]) + field[1..],
    };

    /// <summary>A link into the app at the address the assistant called (behind a proxy, the forwarded one).</summary>
    private string Absolute(string path) =>
        http.HttpContext?.Request is { } r ? $"{r.Scheme}://{r.Host}{r.PathBase}{path}" : path;
}
