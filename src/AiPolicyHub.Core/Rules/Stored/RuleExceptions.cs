using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Rules.Stored;

/// <summary>An exception as the workflow page lists it.</summary>
public sealed record ExceptionView(int Id, string RuleId, string RuleTitle, string Justification, DateOnly ExpiresOn,
    string GrantedBy, DateTime GrantedAt, string? RevokedBy, DateTime? RevokedAt, bool IsActive);

/// <summary>
/// Exceptions to the rules for one workflow: granted and revoked by compliance officers (or administrators), each
/// with a justification and an expiry date, each recorded in the workflow's audit history. An exception counts up to
/// and including its expiry date and stops counting the day after, without anyone doing anything.
/// </summary>
public sealed class RuleExceptions(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, TimeProvider clock)
{
    public const string NotAllowed = "Only a compliance officer can grant or revoke exceptions.";

    /// <summary>Exceptions last at most this long; a longer need is a policy change, not an exception.</summary>
    public const int MaximumDays = 366;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The workflow's exceptions, active ones first, then newest first.</summary>
    public async Task<IReadOnlyList<ExceptionView>> ForWorkflowAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var today = Today;
        var rows = await db.RuleExceptions.AsNoTracking().Where(e => e.WorkflowId == workflowId).ToListAsync(cancellationToken);
        return rows
            .Select(e => new ExceptionView(e.Id, e.RuleId, TitleOf(e.RuleId), e.Justification, e.ExpiresOn, e.GrantedByName, e.GrantedAt,
                e.RevokedByName, e.RevokedAt, e.IsActiveOn(today)))
            .OrderByDescending(e => e.IsActive).ThenByDescending(e => e.GrantedAt)
            .ToList();
    }

    /// <summary>Exceptions not revoked, by workflow, for evaluating many workflows at once (expiry is checked by the engine).</summary>
    public static async Task<ILookup<int, GrantedException>> UnrevokedAsync(AppDbContext db, IQueryable<int>? workflowIds = null,
        CancellationToken cancellationToken = default)
    {
        var query = db.RuleExceptions.AsNoTracking().Where(e => e.RevokedAt == null);
        if (workflowIds is not null)
        {
            query = query.Where(e => workflowIds.Contains(e.WorkflowId));
        }
        var rows = await query.Select(e => new { e.WorkflowId, e.RuleId, e.ExpiresOn }).ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.WorkflowId, r => new GrantedException(r.RuleId, r.ExpiresOn));
    }

    public async Task<Result> GrantAsync(ClaimsPrincipal principal, int workflowId, string ruleId, string justification, DateOnly? expiresOn,
        CancellationToken cancellationToken = default)
    {
        var today = Today;
        var errors = new List<string>();
        var rule = BuiltInRules.All.FirstOrDefault(r => r.Id == ruleId);
        if (rule is null)
        {
            errors.Add("Choose the rule the exception is for.");
        }
        justification = justification.Trim();
        if (justification.Length < 20)
        {
            errors.Add("Explain in at least 20 characters why the exception is justified and what limits the risk meanwhile.");
        }
        else if (justification.Length > 2000)
        {
            errors.Add("Keep the justification to 2,000 characters.");
        }
        if (expiresOn is not { } expiry)
        {
            errors.Add("Choose the date the exception ends.");
        }
        else if (expiry < today)
        {
            errors.Add("The end date is in the past; choose today or a later date.");
        }
        else if (expiry > today.AddDays(MaximumDays))
        {
            errors.Add($"An exception can last at most a year (until {today.AddDays(MaximumDays):d MMMM yyyy}); change the rule if the need is permanent.");
        }
        if (errors.Count > 0)
        {
            return Result.Failure([.. errors]);
        }

        return await AsComplianceAsync(principal, workflowId, cancellationToken, async (db, actor, workflow) =>
        {
            if (await db.RuleExceptions.AnyAsync(e => e.WorkflowId == workflowId && e.RuleId == ruleId && e.RevokedAt == null && e.ExpiresOn >= today,
                    cancellationToken))
            {
                return Result.Failure($"“{workflow.Name}” already has an exception for “{rule!.Title}”. Revoke it first to grant a different one.");
            }
            var granted = db.RuleExceptions.Add(new RuleException
            {
                WorkflowId = workflowId,
                RuleId = ruleId,
                Justification = justification,
                ExpiresOn = expiresOn!.Value,
                GrantedById = actor.UserId,
                GrantedByName = actor.Name,
                GrantedAt = clock.GetUtcNow().UtcDateTime,
            }).Entity;
            await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, workflowId.ToString(), workflow.Name, AuditAction.Changed,
                [new FieldChange($"Exception to “{rule!.Title}”", null, $"Granted until {granted.ExpiresOn:yyyy-MM-dd}: {justification}")],
                cancellationToken);
            return Result.Success();
        });
    }

    public async Task<Result> RevokeAsync(ClaimsPrincipal principal, int exceptionId, CancellationToken cancellationToken = default)
    {
        await using var lookup = await contexts.CreateDbContextAsync(cancellationToken);
        var workflowId = await lookup.RuleExceptions.Where(e => e.Id == exceptionId).Select(e => (int?)e.WorkflowId).SingleOrDefaultAsync(cancellationToken);
        if (workflowId is null)
        {
            return Result.Failure("That exception no longer exists.");
        }
        return await AsComplianceAsync(principal, workflowId.Value, cancellationToken, async (db, actor, workflow) =>
        {
            var exception = await db.RuleExceptions.SingleAsync(e => e.Id == exceptionId, cancellationToken);
            if (exception.RevokedAt is not null)
            {
                return Result.Failure($"{exception.RevokedByName} revoked this exception already.");
            }
            exception.RevokedAt = clock.GetUtcNow().UtcDateTime;
            exception.RevokedByName = actor.Name;
            await audit.AppendAsync(db, actor, WorkflowInventory.EntityType, workflow.Id.ToString(), workflow.Name, AuditAction.Changed,
                [new FieldChange($"Exception to “{TitleOf(exception.RuleId)}”", $"Granted until {exception.ExpiresOn:yyyy-MM-dd}", "Revoked")],
                cancellationToken);
            return Result.Success();
        });
    }

    private static string TitleOf(string ruleId) => BuiltInRules.All.FirstOrDefault(r => r.Id == ruleId)?.Title ?? ruleId;

    private async Task<Result> AsComplianceAsync(ClaimsPrincipal principal, int workflowId, CancellationToken cancellationToken,
        Func<AppDbContext, Actor, Workflow, Task<Result>> change)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.IsComplianceOrAdmin)
        {
            return Result.Failure(NotAllowed);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var workflow = await db.Workflows.SingleOrDefaultAsync(w => w.Id == workflowId, cancellationToken);
        if (workflow is null)
        {
            return Result.Failure("That workflow no longer exists.");
        }
        if (workflow.IsRetired)
        {
            return Result.Failure($"“{workflow.Name}” is retired; rules no longer apply to it.");
        }
        var result = await change(db, actor, workflow);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return result;
    }
}
