using AiPolicyHub.Core.Identity;

namespace AiPolicyHub.Core.Inventory;

/// <summary>What exists in the database, for checks that refer to other records.</summary>
public sealed record InventoryReferences(
    IReadOnlySet<int> DepartmentIds, IReadOnlySet<int> ClassificationIds, IReadOnlySet<int> ToolIds, IReadOnlySet<string> UserIds);

/// <summary>The rules a workflow or tool must meet before it is stored. Pure: no database, no clock.</summary>
public static class InventoryValidation
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    public static ValidationErrors Validate(WorkflowForm form, InventoryReferences refs, Actor actor)
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(form.Name), form.Name, "a name", 200);
        errors.Required(nameof(form.Purpose), form.Purpose, "the purpose: what the AI is used for and why", Workflow.PurposeMaxLength);
        errors.MaxLength(nameof(form.ApprovingRole), form.ApprovingRole, "the approving role", 100);

        if (form.DepartmentId is not { } department)
        {
            errors.Add(nameof(form.DepartmentId), "Choose the department.");
        }
        else if (!refs.DepartmentIds.Contains(department))
        {
            errors.Add(nameof(form.DepartmentId), "That department no longer exists.");
        }
        else if (!actor.CanEditWorkflowsOf(department))
        {
            errors.Add(nameof(form.DepartmentId), "You can only record workflows for your own department(s).");
        }

        if (!string.IsNullOrEmpty(form.OwnerId) && !refs.UserIds.Contains(form.OwnerId))
        {
            errors.Add(nameof(form.OwnerId), "The owner must be a user of AiPolicyHub with an enabled account.");
        }

        foreach (var tool in form.ToolIds.Where(t => !refs.ToolIds.Contains(t)))
        {
            errors.Add(nameof(form.ToolIds), $"Tool #{tool} no longer exists.");
        }

        if (form.DataClassificationId is not { } level)
        {
            errors.Add(nameof(form.DataClassificationId), "Choose the most sensitive kind of data the AI receives.");
        }
        else if (!refs.ClassificationIds.Contains(level))
        {
            errors.Add(nameof(form.DataClassificationId), "That classification level no longer exists.");
        }

        if (form.Oversight == HumanOversight.SpotCheck && form.SpotCheckPercent is not (>= 1 and <= 100))
        {
            errors.Add(nameof(form.SpotCheckPercent), "A spot-check needs a sample rate between 1 and 100 %.");
        }
        if (form.Oversight != HumanOversight.None && string.IsNullOrWhiteSpace(form.ApprovingRole))
        {
            errors.Add(nameof(form.ApprovingRole), "Say who reviews or approves the output, e.g. \"Team lead\".");
        }

        if (form.MonthlyVolume is < 0 or > 1_000_000_000)
        {
            errors.Add(nameof(form.MonthlyVolume), "Enter a monthly volume between 0 and 1,000,000,000, or leave it empty.");
        }
        if (form.ReviewCadenceMonths is < 1 or > 60)
        {
            errors.Add(nameof(form.ReviewCadenceMonths), "Review at least every 60 months (and at most monthly).");
        }
        if (form.NextReviewDate is { } date && (date < EarliestDate || date > LatestDate))
        {
            errors.Add(nameof(form.NextReviewDate), $"Enter a review date between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");
        }

        if (form.Stage == LifecycleStage.Production)
        {
            if (string.IsNullOrEmpty(form.OwnerId))
            {
                errors.Add(nameof(form.OwnerId), "A workflow in production needs an owner.");
            }
            if (form.NextReviewDate is null)
            {
                errors.Add(nameof(form.NextReviewDate), "A workflow in production needs a next review date.");
            }
        }

        return errors;
    }

    public static ValidationErrors Validate(ToolForm form, InventoryReferences refs, bool nameTakenByAnotherTool)
    {
        var errors = new ValidationErrors();
        errors.Required(nameof(form.Name), form.Name, "the tool's name", 200);
        if (nameTakenByAnotherTool)
        {
            errors.Add(nameof(form.Name), $"A tool called \"{form.Name.Trim()}\" exists already.");
        }
        errors.Required(nameof(form.Vendor), form.Vendor, "the vendor", 200);
        errors.MaxLength(nameof(form.ModelVersion), form.ModelVersion, "the model or version", 100);
        errors.MaxLength(nameof(form.DataResidency), form.DataResidency, "the data residency", 100);
        errors.MaxLength(nameof(form.Notes), form.Notes, "the notes", 4000);

        if (form.RetentionDays is < 0 or > 36_500)
        {
            errors.Add(nameof(form.RetentionDays), "Enter retention in days between 0 and 36,500, or leave it empty if unknown.");
        }
        if (form.MaxClassificationId is not { } level)
        {
            errors.Add(nameof(form.MaxClassificationId), "Choose the most sensitive data this tool may receive.");
        }
        else if (!refs.ClassificationIds.Contains(level))
        {
            errors.Add(nameof(form.MaxClassificationId), "That classification level no longer exists.");
        }
        if (!string.IsNullOrEmpty(form.OwnerId) && !refs.UserIds.Contains(form.OwnerId))
        {
            errors.Add(nameof(form.OwnerId), "The owner must be a user of AiPolicyHub with an enabled account.");
        }
        return errors;
    }
}
