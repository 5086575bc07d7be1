using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Approvals;

/// <summary>
/// A workflow's lifecycle through a save (the form, the API, an import): which status changes exist, who may make each,
/// and what holds them. Approving also needs <see cref="SeparationOfDuties"/>; rejecting, pausing and restarting have steps
/// of their own (<see cref="WorkflowApprovals"/>, <see cref="Incidents.PauseRegister"/>), so a save never makes them.
/// Pure: <see cref="WorkflowSave"/> asks it on every path.
/// </summary>
public static class WorkflowLifecycle
{
    /// <summary>Who may make a status change through a save.</summary>
    public enum Who
    {
        /// <summary>A manager of the workflow's department, a compliance officer or an administrator.</summary>
        Editor,
        /// <summary>A compliance officer or an administrator who neither created nor last changed the workflow.</summary>
        IndependentCompliance,
    }

    /// <summary>Status changes a save may make; null as the source is a new workflow. Anything not listed is refused.</summary>
    public static readonly IReadOnlyDictionary<(WorkflowStatus? From, WorkflowStatus To), Who> Transitions =
        new Dictionary<(WorkflowStatus?, WorkflowStatus), Who>
        {
            [(null, WorkflowStatus.Draft)] = Who.Editor,
            [(null, WorkflowStatus.Submitted)] = Who.Editor,
            [(null, WorkflowStatus.Retired)] = Who.Editor,
            [(WorkflowStatus.Draft, WorkflowStatus.Submitted)] = Who.Editor,
            [(WorkflowStatus.Draft, WorkflowStatus.Approved)] = Who.IndependentCompliance,
            [(WorkflowStatus.Draft, WorkflowStatus.Retired)] = Who.Editor,
            [(WorkflowStatus.Submitted, WorkflowStatus.Draft)] = Who.Editor,
            [(WorkflowStatus.Submitted, WorkflowStatus.Approved)] = Who.IndependentCompliance,
            [(WorkflowStatus.Submitted, WorkflowStatus.Retired)] = Who.Editor,
            [(WorkflowStatus.Approved, WorkflowStatus.Draft)] = Who.Editor,
            [(WorkflowStatus.Approved, WorkflowStatus.Submitted)] = Who.Editor,
            [(WorkflowStatus.Approved, WorkflowStatus.Retired)] = Who.Editor,
            [(WorkflowStatus.Rejected, WorkflowStatus.Draft)] = Who.Editor,
            [(WorkflowStatus.Rejected, WorkflowStatus.Submitted)] = Who.Editor,
            [(WorkflowStatus.Rejected, WorkflowStatus.Approved)] = Who.IndependentCompliance,
            [(WorkflowStatus.Rejected, WorkflowStatus.Retired)] = Who.Editor,
            // A paused workflow may be retired (it stays held by its pause); nothing else leaves Paused through a save.
            [(WorkflowStatus.Paused, WorkflowStatus.Retired)] = Who.Editor,
            // Un-retiring re-enters the approval process; a workflow still held by a pause comes back paused.
            [(WorkflowStatus.Retired, WorkflowStatus.Draft)] = Who.Editor,
            [(WorkflowStatus.Retired, WorkflowStatus.Submitted)] = Who.Editor,
            [(WorkflowStatus.Retired, WorkflowStatus.Paused)] = Who.Editor,
        };

    /// <summary>Statuses in which staff may follow a workflow.</summary>
    public static bool IsInUse(WorkflowStatus status) => status == WorkflowStatus.Approved;

    /// <summary>
    /// Why <paramref name="actor"/> may not move a workflow from <paramref name="from"/> to <paramref name="to"/> through a save,
    /// or null when the lifecycle allows it (separation of duties is checked apart, with the history).
    /// </summary>
    /// <param name="pauseInForce">The reason of a pause in force on the workflow, or null.</param>
    /// <param name="record">What the record is called in the messages (agents follow the same lifecycle).</param>
    public static string? Refusal(Actor actor, WorkflowStatus? from, WorkflowStatus to, string? pauseInForce, string record = "workflow")
    {
        if (pauseInForce is not null)
        {
            // The pause holds on every path until its restart is signed off: only retiring and un-retiring (as paused) remain.
            if (to is not (WorkflowStatus.Paused or WorkflowStatus.Retired) && from != to)
            {
                return $"This {record} is held by a pause in force (“{pauseInForce}”): it stays paused until its restart checklist is "
                    + "complete and a compliance officer other than the one who paused it signs off.";
            }
            if (to == WorkflowStatus.Paused && from is WorkflowStatus.Retired or WorkflowStatus.Paused)
            {
                return null;
            }
        }
        if (from == to || (from is null && to == WorkflowStatus.Draft))
        {
            return null;
        }
        if (Transitions.TryGetValue((from, to), out var who))
        {
            return who == Who.IndependentCompliance && !actor.IsComplianceOrAdmin
                ? $"Only a compliance officer can approve or reject a {record}."
                : null;
        }
        return (from, to) switch
        {
            (_, WorkflowStatus.Approved) when !actor.IsComplianceOrAdmin => $"Only a compliance officer can approve or reject a {record}.",
            (null, WorkflowStatus.Approved) => SeparationOfDuties.CreatingAsApproved,
            (_, WorkflowStatus.Rejected) => actor.IsComplianceOrAdmin
                ? $"Reject a {record} with the Reject button: a rejection needs a comment that tells its managers why."
                : $"Only a compliance officer can approve or reject a {record}.",
            (WorkflowStatus.Paused, _) => $"A paused {record} restarts through its restart checklist, signed off by a compliance officer.",
            (_, WorkflowStatus.Paused) => $"Pause a {record} with its Pause button, which records the reason and the restart conditions.",
            (WorkflowStatus.Retired, WorkflowStatus.Approved) =>
                $"A retired {record} comes back as a draft or submitted for approval, and is approved again.",
            (null, _) => $"A new {record} starts as a draft or submitted, not {EnumText.Of(to).ToLowerInvariant()}.",
            _ => $"A {record} cannot go from {EnumText.Of(from!.Value).ToLowerInvariant()} to {EnumText.Of(to).ToLowerInvariant()}.",
        };
    }
}
