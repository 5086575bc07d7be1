using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Preferences;

/// <summary>A saved view as a list shows it: its name and the address that opens it.</summary>
public sealed record SavedViewItem(int Id, string Name, string Query);

/// <summary>
/// What each person chose for themselves — a list's columns, their saved views — stored per user on the server, so a
/// choice survives a reload and another browser. Only the signed-in, enabled person reads and changes their own.
/// </summary>
public sealed class UserPreferences(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>How many views one person may keep per list.</summary>
    public const int MaxViewsPerList = 50;

    public const string SignedOut = "Sign in again to keep your choices.";

    public async Task<string?> GetAsync(ClaimsPrincipal principal, string key, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor)
        {
            return null;
        }
        return await db.UserPreferences.AsNoTracking().Where(p => p.UserId == actor.UserId && p.Key == key)
            .Select(p => p.Value).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> for this person; null removes it.</summary>
    public async Task<Result> SetAsync(ClaimsPrincipal principal, string key, string? value, CancellationToken cancellationToken = default)
    {
        if (key.Length is 0 or > UserPreference.KeyMaxLength || value?.Length > UserPreference.ValueMaxLength)
        {
            return Result.Failure("That choice is too long to keep.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor)
        {
            return Result.Failure(SignedOut);
        }
        var stored = await db.UserPreferences.SingleOrDefaultAsync(p => p.UserId == actor.UserId && p.Key == key, cancellationToken);
        if (value is null)
        {
            if (stored is not null) db.UserPreferences.Remove(stored);
        }
        else if (stored is null)
        {
            db.UserPreferences.Add(new UserPreference { UserId = actor.UserId, Key = key, Value = value });
        }
        else
        {
            stored.Value = value;
        }
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    public async Task<IReadOnlyList<SavedViewItem>> ViewsAsync(ClaimsPrincipal principal, string list, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor)
        {
            return [];
        }
        var views = await db.SavedViews.AsNoTracking().Where(v => v.UserId == actor.UserId && v.List == list)
            .Select(v => new SavedViewItem(v.Id, v.Name, v.Query)).ToListAsync(cancellationToken);
        return [.. views.OrderBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>
    /// Saves the filter <paramref name="query"/> (a query string, with or without "?") as <paramref name="name"/>; a view
    /// of the same name (whatever its case) is replaced.
    /// </summary>
    public async Task<Result<SavedViewItem>> SaveViewAsync(ClaimsPrincipal principal, string list, string name, string query,
        CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        query = query.TrimStart('?');
        if (name.Length == 0)
        {
            return Result<SavedViewItem>.Failure("Enter a name for the view.");
        }
        if (name.Length > SavedView.NameMaxLength)
        {
            return Result<SavedViewItem>.Failure($"A view's name can have at most {SavedView.NameMaxLength} characters.");
        }
        if (query.Length > SavedView.QueryMaxLength)
        {
            return Result<SavedViewItem>.Failure("These filters are too long to save as a view.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor)
        {
            return Result<SavedViewItem>.Failure(SignedOut);
        }
        var mine = await db.SavedViews.Where(v => v.UserId == actor.UserId && v.List == list).ToListAsync(cancellationToken);
        var view = mine.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.CurrentCultureIgnoreCase));
        if (view is null)
        {
            if (mine.Count >= MaxViewsPerList)
            {
                return Result<SavedViewItem>.Failure($"You have {MaxViewsPerList} views of this list: delete one first.");
            }
            view = db.SavedViews.Add(new SavedView { UserId = actor.UserId, List = list }).Entity;
        }
        view.Name = name;
        view.Query = query;
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success(new SavedViewItem(view.Id, view.Name, view.Query));
    }

    /// <summary>Deletes one of this person's views (someone else's is not found).</summary>
    public async Task<Result> DeleteViewAsync(ClaimsPrincipal principal, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor)
        {
            return Result.Failure(SignedOut);
        }
        var deleted = await db.SavedViews.Where(v => v.Id == id && v.UserId == actor.UserId).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Result.Failure("That view no longer exists.") : Result.Success();
    }
}
