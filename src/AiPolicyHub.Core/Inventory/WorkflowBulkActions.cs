using System.Security.Claims;
using AiPolicyHub.Core.Approvals;

namespace AiPolicyHub.Core.Inventory;

/// <summary>What one workflow of a bulk action came to.</summary>
public sealed record BulkRowOutcome(int WorkflowId, string Name, SaveOutcome Outcome)
{
    public bool Succeeded => Outcome.Status == SaveStatus.Saved;

    /// <summary>Why it was not done, in the words the single save used; null when it was.</summary>
    public string? Reason => Succeeded ? null
        : Outcome.Errors is { IsEmpty: false } errors ? string.Join(" ", errors.All)
        : Outcome.Conflict is { } conflict ? $"{conflict.ChangedBy} changed it meanwhile; open it to look again."
        : Outcome.Message ?? Outcome.Status.ToString();
}

/// <summary>The outcomes of one bulk action, row by row.</summary>
public sealed record BulkOutcome(IReadOnlyList<BulkRowOutcome> Rows)
{
    public int Succeeded => Rows.Count(r => r.Succeeded);
    public IEnumerable<BulkRowOutcome> Failed => Rows.Where(r => !r.Succeeded);
}

/// <summary>
/// Changes to several workflows at once from the list. Each row goes through the same step as the workflow page —
/// <see cref="WorkflowInventory.SaveAsync"/> or <see cref="WorkflowApprovals.SubmitAsync"/> — one after the other, so
/// every control (role, department scope, separation of duties, lifecycle, pauses, validation) applies to each row, and
/// one refused row does not stop the others.
/// </summary>
public sealed class WorkflowBulkActions(WorkflowInventory inventory, WorkflowApprovals approvals)
{
    public Task<BulkOutcome> SetOwnerAsync(ClaimsPrincipal principal, IReadOnlyList<int> ids, string? ownerId,
        CancellationToken cancellationToken = default) =>
        EditEachAsync(principal, ids, form => form.OwnerId = string.IsNullOrEmpty(ownerId) ? null : ownerId, cancellationToken);

    public Task<BulkOutcome> SetReviewDateAsync(ClaimsPrincipal principal, IReadOnlyList<int> ids, DateOnly? nextReview,
        CancellationToken cancellationToken = default) =>
        EditEachAsync(principal, ids, form => form.NextReviewDate = nextReview, cancellationToken);

    public Task<BulkOutcome> SubmitForApprovalAsync(ClaimsPrincipal principal, IReadOnlyList<int> ids,
        CancellationToken cancellationToken = default) =>
        EachAsync(ids, async (id, form) => await approvals.SubmitAsync(principal, id, form.Version, cancellationToken: cancellationToken),
            cancellationToken);

    private Task<BulkOutcome> EditEachAsync(ClaimsPrincipal principal, IReadOnlyList<int> ids, Action<WorkflowForm> change,
        CancellationToken cancellationToken) =>
        EachAsync(ids, async (id, form) =>
        {
            var original = await inventory.GetAsync(id, cancellationToken);
            change(form);
            return await inventory.SaveAsync(principal, id, form, original, cancellationToken);
        }, cancellationToken);

    private async Task<BulkOutcome> EachAsync(IReadOnlyList<int> ids, Func<int, WorkflowForm, Task<SaveOutcome>> act,
        CancellationToken cancellationToken)
    {
        if (ids.Count > WorkflowInventory.MaxSelection)
        {
            throw new ArgumentException($"At most {WorkflowInventory.MaxSelection} workflows at once.", nameof(ids));
        }
        var rows = new List<BulkRowOutcome>();
        foreach (var id in ids.Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Read fresh for each row: the version it is saved against is the one stored now.
            var form = await inventory.GetAsync(id, cancellationToken);
            rows.Add(form is null
                ? new BulkRowOutcome(id, $"Workflow {id}", SaveOutcome.NotFound)
                : new BulkRowOutcome(id, form.Name, await act(id, form)));
        }
        return new BulkOutcome(rows);
    }
}
