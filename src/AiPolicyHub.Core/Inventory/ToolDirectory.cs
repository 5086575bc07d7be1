using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

/// <summary>One tool as staff read it in the directory: what it is, whether they may use it, and on which conditions.</summary>
/// <param name="MayBeUsed">Approved, with or without restrictions; otherwise the tool is prohibited.</param>
/// <param name="StatusMeaning">The status as a sentence: what it means for the reader.</param>
/// <param name="HighestClassification">The most sensitive data it may receive; null for a prohibited tool, which may receive none.</param>
/// <param name="Conditions">What to keep to when using it (or, for a prohibited tool, why not and what instead), in plain words.</param>
/// <param name="Capabilities">What it works with ("Text, Code"), or an empty string when nothing is recorded.</param>
public sealed record ToolDirectoryEntry(
    int Id, string Name, string Vendor, string ModelVersion, ToolApprovalStatus Status, bool MayBeUsed, string StatusMeaning,
    string? HighestClassification, string? HighestClassificationDescription, IReadOnlyList<string> Conditions, string Capabilities,
    IReadOnlyList<PausedWorkflowNote>? PausedWorkflows = null);

/// <summary>A paused workflow that uses a tool of the directory: staff must not use it, whatever the tool's own status.</summary>
public sealed record PausedWorkflowNote(int Id, string Name, string Reason);

/// <param name="CanEditTools">Whether the reader may change tools (and so gets a link to each tool's edit page).</param>
public sealed record ToolDirectoryListing(IReadOnlyList<ToolDirectoryEntry> Tools, bool CanEditTools);

/// <summary>
/// The approved-tools directory for staff: the tools they may use (approved, with or without restrictions) and those
/// they must not (prohibited). Proposed tools are left out because they are not decided yet (the checker answers
/// “not approved yet” for them), retired ones because nobody uses them any more.
/// </summary>
public sealed class ToolDirectory(IDbContextFactory<AppDbContext> contexts)
{
    private static readonly ToolApprovalStatus[] Listed =
        [ToolApprovalStatus.Approved, ToolApprovalStatus.ApprovedWithRestrictions, ToolApprovalStatus.Prohibited];

    /// <summary>
    /// The listed tools whose name, vendor or model contains <paramref name="search"/> (case folded for A–Z, as SQLite
    /// does), usable ones first, each group by name. Nothing for a reader who is signed out or disabled.
    /// </summary>
    public async Task<ToolDirectoryListing> ListAsync(ClaimsPrincipal reader, string? search = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, reader, cancellationToken);
        if (actor is null)
        {
            return new ToolDirectoryListing([], false);
        }

        var tools = db.Tools.AsNoTracking().Where(t => Listed.Contains(t.ApprovalStatus));
        if (!string.IsNullOrWhiteSpace(search))
        {
            tools = tools.Where(LikePattern.AnyContains<AiTool>(db.Database, [search.Trim()], t => t.Name, t => t.Vendor, t => t.ModelVersion));
        }
        var rows = await tools
            .Select(t => new DirectoryRow(t.Id, t.Vendor, t.ModelVersion, t.RetentionDays, t.DataResidency, t.Notes,
                t.MaxClassification!.Description,
                new RuleTool(t.Name, t.ApprovalStatus, t.MaxClassification.Rank, t.MaxClassification.Name, t.TrainsOnOurData,
                    t.HasDataProcessingAgreement, t.Capabilities, t.PausedReason != null, t.PausedReason)))
            .ToListAsync(cancellationToken);
        var scale = ClassificationScale.From(await db.ClassificationLevels.AsNoTracking().ToListAsync(cancellationToken));

        // Sorted here rather than in SQL: SQLite orders names by their bytes ("ada" after "Zed"), and a business has
        // tens of tools, not thousands.
        var toolIds = rows.Select(r => r.Id).ToList();
        var paused = await (from wt in db.WorkflowTools.AsNoTracking()
                            where toolIds.Contains(wt.ToolId) && wt.Workflow!.Status == WorkflowStatus.Paused
                            select new { wt.ToolId, wt.WorkflowId, wt.Workflow!.Name }).ToListAsync(cancellationToken);
        var pausedIds = paused.Select(p => p.WorkflowId).Distinct().ToList();
        var reasons = (await db.Pauses.AsNoTracking().Where(p => p.State == Incidents.PauseState.Active && pausedIds.Contains(p.WorkflowId!.Value))
                .Select(p => new { WorkflowId = p.WorkflowId!.Value, p.Reason }).ToListAsync(cancellationToken))
            .GroupBy(p => p.WorkflowId).ToDictionary(g => g.Key, g => string.Join("; ", g.Select(p => p.Reason.Trim().TrimEnd('.'))));
        var pausedByTool = paused.ToLookup(p => p.ToolId, p => new PausedWorkflowNote(p.WorkflowId, p.Name, reasons.GetValueOrDefault(p.WorkflowId, "")));
        var entries = rows
            .Select(r => Entry(r, scale) with { PausedWorkflows = [.. pausedByTool[r.Id].OrderBy(w => w.Name, StringComparer.CurrentCultureIgnoreCase)] })
            .OrderBy(e => e.MayBeUsed ? 0 : 1)
            .ThenBy(e => e.Name, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(e => e.Id)
            .ToList();
        return new ToolDirectoryListing(entries, actor.CanEditTools);
    }

    private sealed record DirectoryRow(
        int Id, string Vendor, string ModelVersion, int? RetentionDays, string DataResidency, string Notes,
        string LevelDescription, RuleTool Tool);

    private static ToolDirectoryEntry Entry(DirectoryRow row, ClassificationScale scale)
    {
        var tool = row.Tool;
        var usable = tool.ApprovalStatus != ToolApprovalStatus.Prohibited && !tool.IsPaused;
        var meaning = tool.ApprovalStatus switch
        {
            _ when tool.IsPaused => $"Paused: do not use it until compliance restarts it. Reason: {tool.PauseReason}",
            ToolApprovalStatus.Approved => "Approved: you may use it for work, keeping to the conditions below.",
            ToolApprovalStatus.ApprovedWithRestrictions => "Approved with restrictions: use it only as the conditions below allow.",
            _ => "Prohibited: do not use it for work.",
        };
        var capabilities = tool.Capabilities == ToolCapabilities.None ? "" : EnumText.Of(tool.Capabilities);
        return new ToolDirectoryEntry(row.Id, tool.Name, row.Vendor, row.ModelVersion, tool.ApprovalStatus, usable, meaning,
            usable ? tool.MaxClassificationName : null, usable ? row.LevelDescription : null,
            usable ? Conditions(row, scale) : ProhibitionNotes(row), capabilities);
    }

    private static List<string> Conditions(DirectoryRow row, ClassificationScale scale)
    {
        var tool = row.Tool;
        var conditions = new List<string> { DataLimit(tool, scale) };

        var personal = PersonalDataVendorTermsRule.Obstacles(tool) switch
        {
            (true, true) => "No personal data: there is no data-processing agreement with the vendor, and the vendor trains on what it receives.",
            (true, false) => "No personal data: there is no data-processing agreement with the vendor.",
            (false, true) => "No personal data: the vendor trains on what it receives.",
            _ => null,
        };
        if (personal is not null)
        {
            conditions.Add(personal);
        }
        if (tool.TrainsOnOurData == VendorTraining.Yes)
        {
            conditions.Add("The vendor may train on what you type: never paste confidential material.");
        }

        var residency = row.DataResidency.Trim();
        var keeps = row.RetentionDays switch
        {
            0 => "The vendor does not keep what you send",
            { } days => $"The vendor keeps what you send for {days} {(days == 1 ? "day" : "days")}",
            null => null,
        };
        // The residency is free text ("EU", "Our data centre (Frankfurt)"), so it follows a label, not a preposition.
        var held = residency.Length > 0 ? $"Where it is held: {residency}." : null;
        if (keeps is not null || held is not null)
        {
            conditions.Add(string.Join(" ", new[] { keeps is null ? null : keeps + ".", held }.Where(t => t is not null)));
        }

        var notes = row.Notes.Trim();
        if (tool.ApprovalStatus == ToolApprovalStatus.ApprovedWithRestrictions)
        {
            conditions.Add(notes.Length > 0
                ? $"Restrictions: {notes}"
                : "It is approved with restrictions that are not written down here: ask the compliance team before you use it.");
        }
        else if (notes.Length > 0)
        {
            conditions.Add($"Notes: {notes}");
        }
        return conditions;
    }

    /// <summary>“Only Public and Internal data; never Confidential data or anything more sensitive.”</summary>
    private static string DataLimit(RuleTool tool, ClassificationScale scale)
    {
        var allowed = scale.Levels.Where(l => l.Rank <= tool.MaxClassificationRank).Select(l => l.Name).ToList();
        var firstForbidden = scale.Levels.FirstOrDefault(l => l.Rank > tool.MaxClassificationRank);
        if (firstForbidden.Name is null)
        {
            return $"It may receive data of every classification, up to {tool.MaxClassificationName}.";
        }
        var more = scale.Levels.Any(l => l.Rank > firstForbidden.Rank) ? " or anything more sensitive" : "";
        return $"Only {RuleText.List(allowed)} data; never {firstForbidden.Name} data{more}.";
    }

    private static List<string> ProhibitionNotes(DirectoryRow row)
    {
        var lines = new List<string> { "Do not use it for work, whatever the data: choose an approved tool instead." };
        var notes = row.Notes.Trim();
        if (notes.Length > 0)
        {
            lines.Add($"Notes: {notes}");
        }
        return lines;
    }
}
