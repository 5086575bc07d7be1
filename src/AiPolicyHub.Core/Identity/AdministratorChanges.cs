using System.Security.Claims;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Identity;

/// <summary>
/// A change only an administrator may make (organisation settings, single sign-on mappings): the role is checked on the
/// server, and the change and its audit entries are saved in one transaction, or nothing is when it refuses.
/// </summary>
public static class AdministratorChanges
{
    public static async Task<Result> RunAsync(IDbContextFactory<AppDbContext> contexts, ClaimsPrincipal principal, string notAllowed,
        Func<AppDbContext, Actor, Task<Result>> change)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var actor = await Actor.FindAsync(db, principal);
        if (actor is null || !actor.Roles.Contains(Roles.Administrator))
        {
            return Result.Failure(notAllowed);
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await change(db, actor);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        return result;
    }
}
