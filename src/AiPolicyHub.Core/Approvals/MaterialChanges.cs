using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Approvals;

/// <summary>
/// Which changes undo an approval: compliance approved a workflow for the data, reach, autonomy, tools and safeguards recorded
/// then, so more of the first four or less of the last needs their approval again. Other edits (a clearer purpose, a new
/// owner) keep it approved. Pure: each function returns the reasons in words for the history, none when the change is not material.
/// </summary>
public static class MaterialChanges
{
    /// <summary>The field under which the history records why approval was re-opened.</summary>
    public const string ReopenedField = "ReopenedBecause";

    /// <param name="classificationRanks">Classification level id → rank (higher is more sensitive).</param>
    public static IReadOnlyList<string> Between(WorkflowForm before, WorkflowForm after, InventoryNames names,
        IReadOnlyDictionary<int, int> classificationRanks)
    {
        var reasons = new List<string>();
        if (Rank(classificationRanks, after.DataClassificationId) > Rank(classificationRanks, before.DataClassificationId))
        {
            reasons.Add($"more sensitive data ({names.Classification(before.DataClassificationId)} → {names.Classification(after.DataClassificationId)})");
        }
        if ((after.DataCategories & ~before.DataCategories) is var categories and not DataCategories.None)
        {
            reasons.Add($"new kinds of data ({EnumText.Of(categories)})");
        }
        if (after.Autonomy > before.Autonomy)
        {
            reasons.Add($"more autonomy ({EnumText.Of(before.Autonomy)} → {EnumText.Of(after.Autonomy)})");
        }
        if (after.Audience > before.Audience)
        {
            reasons.Add($"a wider audience ({EnumText.Of(before.Audience)} → {EnumText.Of(after.Audience)})");
        }
        if ((after.AffectsPeople & ~before.AffectsPeople) is var impact and not PeopleImpact.None)
        {
            reasons.Add($"it now affects people's rights or opportunities ({EnumText.Of(impact)})");
        }
        var tools = after.ToolIds.Except(before.ToolIds).Select(names.Tool).Order().ToList();
        if (tools.Count > 0)
        {
            reasons.Add($"{(tools.Count == 1 ? "a new AI tool" : "new AI tools")} ({string.Join(", ", tools)})");
        }
        if (after.Oversight < before.Oversight)
        {
            reasons.Add($"weaker human oversight ({EnumText.Of(before.Oversight)} → {EnumText.Of(after.Oversight)})");
        }
        else if (after.Oversight == HumanOversight.SpotCheck && before.Oversight == HumanOversight.SpotCheck
                 && after.SpotCheckPercent < before.SpotCheckPercent)
        {
            reasons.Add($"a smaller spot-check sample ({before.SpotCheckPercent} % → {after.SpotCheckPercent} %)");
        }
        if ((before.Controls & ~after.Controls) is var dropped and not VerificationControls.None)
        {
            reasons.Add($"fewer verification controls (no longer: {EnumText.Of(dropped)})");
        }
        return reasons;
    }

    /// <summary>
    /// A change to a tool that the approvals of the workflows using it depended on: what the tool is (its model), and what
    /// protects the data sent to it (the vendor's training terms, the classification it may receive, the data-processing agreement).
    /// </summary>
    public static IReadOnlyList<string> Between(ToolForm before, ToolForm after, InventoryNames names,
        IReadOnlyDictionary<int, int> classificationRanks)
    {
        var reasons = new List<string>();
        if (!string.Equals(before.ModelVersion.Trim(), after.ModelVersion.Trim(), StringComparison.Ordinal))
        {
            reasons.Add($"a new model or version ({Shown(before.ModelVersion)} → {Shown(after.ModelVersion)})");
        }
        if (after.TrainsOnOurData == VendorTraining.Yes && before.TrainsOnOurData != VendorTraining.Yes)
        {
            reasons.Add("the vendor's terms now allow training on our data");
        }
        if (Rank(classificationRanks, after.MaxClassificationId) < Rank(classificationRanks, before.MaxClassificationId))
        {
            reasons.Add($"it may receive less sensitive data only ({names.Classification(before.MaxClassificationId)} → {names.Classification(after.MaxClassificationId)})");
        }
        if (before.HasDataProcessingAgreement && !after.HasDataProcessingAgreement)
        {
            reasons.Add("its data-processing agreement was dropped");
        }
        return reasons;
    }

    public static async Task<IReadOnlyDictionary<int, int>> ClassificationRanksAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        await db.ClassificationLevels.ToDictionaryAsync(c => c.Id, c => c.Rank, cancellationToken);

    private static int Rank(IReadOnlyDictionary<int, int> ranks, int? id) => id is { } key ? ranks.GetValueOrDefault(key) : 0;

    private static string Shown(string version) => string.IsNullOrWhiteSpace(version) ? "none recorded" : $"“{version.Trim()}”";
}
