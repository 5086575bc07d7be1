using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Rules;

/// <summary>A staff member's question, as the checker page collects it. <see cref="ToolId"/> 0 means "a tool not listed".</summary>
public sealed record UsageQuestion(int? ToolId, UsageTask Task, int? ClassificationId, DataCategories DataCategories, Audience Audience,
    bool DecidesAboutPeople)
{
    public const int ToolNotListed = 0;
}

public sealed record UsageAdvice(string ToolName, UsageAnswer Answer, IReadOnlyList<UsageAlternative> Alternatives);

/// <summary>"May I use AI for this?": the question checked against the tools on record and the policy rules.</summary>
public sealed class UsageAdvisor(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    public async Task<Result<UsageAdvice>> AskAsync(UsageQuestion question, CancellationToken cancellationToken = default)
    {
        var missing = new List<string>();
        if (question.ToolId is null)
        {
            missing.Add("Choose the AI tool (or “a tool not listed”).");
        }
        if (question.ClassificationId is null)
        {
            missing.Add("Choose the most sensitive kind of data involved.");
        }
        if (missing.Count > 0)
        {
            return Result<UsageAdvice>.Failure([.. missing]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var level = await db.ClassificationLevels.AsNoTracking().SingleOrDefaultAsync(l => l.Id == question.ClassificationId, cancellationToken);
        if (level is null)
        {
            return Result<UsageAdvice>.Failure("That kind of data is no longer on the organisation's list; choose again.");
        }
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification)
            .Where(t => t.ApprovalStatus != ToolApprovalStatus.Retired).ToListAsync(cancellationToken);
        var chosen = tools.SingleOrDefault(t => t.Id == question.ToolId);
        var check = new UsageCheck(chosen is null ? null : RuleTool.From(chosen), question.Task, level.Rank, question.DataCategories,
            question.Audience, question.DecidesAboutPeople);

        var checker = new UsageChecker(RuleEngine.Default);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var answer = checker.Check(check, today);
        if (!answer.Succeeded)
        {
            return Result<UsageAdvice>.Failure([.. answer.Errors]);
        }
        var alternatives = answer.Value!.Verdict == Verdict.Allowed
            ? []
            : checker.ApprovedAlternatives(check, tools.Select(t => RuleTool.From(t)), today);
        return Result.Success(new UsageAdvice(chosen?.Name ?? "a tool not listed", answer.Value, alternatives));
    }
}
