using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Core.Obligations;

/// <summary>A workflow relying on an agent, as the agent's obligations read it: its category and its facts for the agent's role.</summary>
/// <param name="Decided">Whether compliance decided the category (else it is the classifier's suggestion).</param>
public sealed record RelyingWorkflow(int Id, string Name, EuAiActCategory Category, bool Decided, ObligationFacts Facts);

/// <summary>An agent's category under the EU AI Act, the workflow it comes from (none when no workflow relies on it), and its facts.</summary>
public sealed record AgentCategory(EuAiActCategory Category, RelyingWorkflow? From, ObligationFacts Facts);

/// <summary>Everything the agent page shows under "EU AI Act obligations".</summary>
/// <param name="CategoryFrom">The relying workflow of the highest category; null when no workflow relies on the agent.</param>
public sealed record AgentObligationsView(int AgentId, OperatorRole Role, EuAiActCategory Category, RelyingWorkflow? CategoryFrom, int RelyingWorkflows,
    ObligationOutlook Obligations, CurrentObligationTable Table, DateOnly Today);

/// <summary>
/// An agent has no EU AI Act category of its own: it is used in the workflows relying on it. Its category is the highest of
/// theirs (prohibited, then high-risk, transparency, minimal; minimal when no workflow relies on it), and its obligations are
/// those the workflows' facts call for (<see cref="ObligationFacts.Of(Inventory.Workflow, OperatorRole, EuAiActCategory, bool)"/>,
/// read for the agent's role), picked from the table by <see cref="WorkflowObligations.For"/> as a workflow's are. Pure.
/// </summary>
public static class AgentObligations
{
    public static AgentCategory Of(OperatorRole role, IReadOnlyList<RelyingWorkflow> workflows)
    {
        // The enum runs from the highest category (prohibited) to the lowest (minimal); among equals, the one with most duties.
        var from = workflows.OrderBy(w => w.Category).ThenByDescending(w => w.Facts.Scopes.Count)
            .ThenBy(w => w.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(w => w.Id).FirstOrDefault();
        var scopes = new HashSet<ObligationScope> { ObligationScope.All };
        foreach (var workflow in workflows)
        {
            scopes.UnionWith(workflow.Facts.Scopes);
        }
        return new AgentCategory(from?.Category ?? EuAiActCategory.Minimal, from, new ObligationFacts(role, scopes));
    }
}
