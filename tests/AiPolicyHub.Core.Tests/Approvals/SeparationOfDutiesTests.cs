using System.Text.Json;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;

namespace AiPolicyHub.Core.Tests.Approvals;

/// <summary>Nobody approves or rejects a workflow they created or last changed; the trail says who did.</summary>
public class SeparationOfDutiesTests
{
    private static long nextId;

    private static AuditEntry Entry(string user, AuditAction action, params (string Field, string? Before, string? After)[] changes) => new()
    {
        Id = ++nextId,
        At = new DateTime(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc).AddMinutes(nextId),
        UserId = user,
        UserName = user,
        EntityType = "Workflow",
        EntityId = "1",
        Action = action,
        ChangesJson = JsonSerializer.Serialize(changes.Select(c => new FieldChange(c.Field, c.Before, c.After)), new JsonSerializerOptions(JsonSerializerDefaults.Web)),
    };

    [Fact]
    public void The_creator_may_not_decide_even_after_others_changed_it()
    {
        var history = new[]
        {
            Entry("cora", AuditAction.Created, ("Name", null, "Bot")),
            Entry("mia", AuditAction.Changed, ("Purpose", "a", "b")),
        };
        Assert.Contains("You created this workflow", SeparationOfDuties.RefusalFor("cora", history));
        Assert.Contains("separation of duties", SeparationOfDuties.RefusalFor("cora", history));
    }

    [Fact]
    public void The_last_person_to_change_what_it_records_may_not_decide()
    {
        var history = new[]
        {
            Entry("mia", AuditAction.Created, ("Name", null, "Bot")),
            Entry("olga", AuditAction.Changed, ("Data classification", "Internal", "Confidential")),
        };
        Assert.StartsWith("You made the last change to this workflow", SeparationOfDuties.RefusalFor("olga", history));
    }

    [Fact]
    public void Someone_who_changed_it_before_someone_else_did_may_decide()
    {
        var history = new[]
        {
            Entry("mia", AuditAction.Created, ("Name", null, "Bot")),
            Entry("olga", AuditAction.Changed, ("Purpose", "a", "b")),
            Entry("fred", AuditAction.Changed, ("Purpose", "b", "c")),
        };
        Assert.Null(SeparationOfDuties.RefusalFor("olga", history));
    }

    [Fact]
    public void Decisions_reviews_status_changes_and_exceptions_do_not_make_someone_an_author()
    {
        var history = new[]
        {
            Entry("mia", AuditAction.Created, ("Name", null, "Bot")),
            Entry("cora", AuditAction.Rejected, ("Status", "Submitted", "Rejected"), ("Comment", null, "Needs bias testing")),
            Entry("cora", AuditAction.Changed, ("Status", "Approved", "Paused")),
            Entry("cora", AuditAction.Changed, ("Exception to “Bias testing”", null, "Granted until 2027-01-01")),
            Entry("cora", AuditAction.Reviewed, ("Review outcome", null, "Still fit for purpose"), ("Next review date", "", "2027-11-22")),
            Entry("cora", AuditAction.Reopened, ("Status", "Approved", "Submitted")),
        };
        Assert.Null(SeparationOfDuties.RefusalFor("cora", history));
    }

    [Fact]
    public void A_workflow_without_history_has_no_known_author() =>
        Assert.Null(SeparationOfDuties.RefusalFor("cora", []));

    [Theory]
    [InlineData("Data classification")] // an entry written before field keys, naming the field by its label
    [InlineData(nameof(AiPolicyHub.Core.Inventory.WorkflowForm.DataClassificationId))]
    public void A_content_change_counts_whether_the_entry_names_the_field_by_key_or_by_its_older_label(string field)
    {
        var history = new[]
        {
            Entry("cora", AuditAction.Created, ("Name", null, "Bot")),
            Entry("mia", AuditAction.Changed, (field, "Internal", "Confidential")),
        };
        Assert.Contains("You made the last change", SeparationOfDuties.RefusalFor("mia", history));
        Assert.Null(SeparationOfDuties.RefusalFor("otto", history));
    }

    [Fact]
    public void Fields_are_stored_by_key_and_shown_by_label_and_a_status_change_alone_makes_nobody_an_author()
    {
        Assert.Equal("Data classification", AuditFields.Label(nameof(AiPolicyHub.Core.Inventory.WorkflowForm.DataClassificationId)));
        Assert.Equal("Comment", AuditFields.Label("Comment"));
        var history = new[]
        {
            Entry("cora", AuditAction.Created, ("Name", null, "Bot")),
            Entry("mia", AuditAction.Changed, (nameof(AiPolicyHub.Core.Inventory.WorkflowForm.Status), "Draft", "Submitted")),
        };
        Assert.Null(SeparationOfDuties.RefusalFor("mia", history));
    }
}
