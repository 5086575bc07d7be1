using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core;

// What every feature's use cases answer with, and the shapes every list and form share: kept at Core's root.
public enum SaveStatus
{
    Saved,
    Invalid,
    /// <summary>Someone else saved the record after it was loaded; nothing was stored.</summary>
    Conflict,
    Forbidden,
    NotFound,
    /// <summary>Not stored: kept as a proposal that compliance accepts or rejects (a manager's change to a decided tool).</summary>
    Proposed,
}

/// <summary>What another person changed since the record was loaded.</summary>
public sealed record EditConflict(string ChangedBy, DateTime? ChangedAt, IReadOnlyList<FieldChange> TheirChanges, int CurrentVersion);

public sealed record SaveOutcome(SaveStatus Status, int Id = 0, int Version = 0, ValidationErrors? Errors = null,
    EditConflict? Conflict = null, string? Message = null)
{
    public static SaveOutcome Forbidden(string message) => new(SaveStatus.Forbidden, Message: message);
    public static readonly SaveOutcome NotFound = new(SaveStatus.NotFound, Message: "This record no longer exists.");
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

public sealed record Person(string Id, string Name);
