using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Core.Obligations;

/// <summary>
/// What the EU AI Act rules read of a stored workflow. <see cref="Unknown"/> (a question in the checker, a workflow not yet
/// saved) makes none of them fire: there is nothing recorded to hold it to.
/// </summary>
public sealed record EuAiActProfile(bool Recorded, OperatorRole Role, HighRiskArea Area, bool ProvidesPublicService, bool HasTransparencyMeasure,
    bool HasFria, EuAiActCategory? DecidedCategory)
{
    public static EuAiActProfile Unknown { get; } = new(false, OperatorRole.Deployer, HighRiskArea.NotListed, false, false, false, null);

    public static EuAiActProfile Of(Workflow workflow) => new(true, workflow.OperatorRole, workflow.HighRiskArea, workflow.ProvidesPublicService,
        !string.IsNullOrWhiteSpace(workflow.TransparencyMeasure), workflow.FriaVersion > 0, workflow.EuAiActCategory);
}
