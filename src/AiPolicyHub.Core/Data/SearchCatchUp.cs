using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Data;

/// <summary>
/// Indexes for search, right after an import's commit, the workflows the import added (on SQLite; see
/// <see cref="DeferredSearchIndex"/>): indexing 100,000 rows takes seconds, which the import no longer waits for, and the
/// report says search catches up. Runs in the background, one catch-up after another, each in a transaction of its own;
/// a catch-up cut short (the app stopped) is finished at the next start (<see cref="DatabaseInitializer"/>), since it
/// indexes every workflow the index does not hold yet. Until then the update and delete triggers leave a workflow the
/// index does not hold alone (migration SearchCatchesUp), so nothing done meanwhile can corrupt the index.
/// </summary>
public sealed class SearchCatchUp(IDbContextFactory<AppDbContext> contexts, ILogger<SearchCatchUp> logger) : IAsyncDisposable, IDisposable
{
    private readonly Lock gate = new();
    private Task running = Task.CompletedTask;

    /// <summary>Done when every catch-up started so far has finished (tests and the benchmark wait for it).</summary>
    public Task CaughtUp
    {
        get
        {
            lock (gate)
            {
                return running;
            }
        }
    }

    /// <summary>
    /// Indexes, in the background after any catch-up already running, the workflows above <paramref name="afterId"/> not
    /// indexed yet, then checkpoints the write-ahead log (<see cref="CheckpointAsync"/>).
    /// </summary>
    public void Start(long afterId)
    {
        lock (gate)
        {
            running = running.ContinueWith(_ => RunAsync(afterId), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task RunAsync(long afterId)
    {
        await using var db = await contexts.CreateDbContextAsync();
        try
        {
            var indexed = await IndexMissingAsync(db, afterId, CancellationToken.None);
            logger.LogInformation("Search caught up: {Count} workflow(s) indexed.", indexed);
        }
        catch (Exception ex)
        {
            // Left for the next start, which indexes whatever the index lacks; search misses those workflows until then.
            logger.LogError(ex, "Search could not catch up with workflows after id {Id}; the next start will.", afterId);
        }
        try
        {
            await CheckpointAsync(db, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Nothing is lost: the pages stay in the write-ahead log, which the next write's checkpoint copies.
            logger.LogWarning(ex, "The write-ahead log could not be copied into the database file after an import; the next write will.");
        }
    }

    /// <summary>
    /// Copies the pages an import committed from SQLite's write-ahead log into the database file (a passive checkpoint:
    /// it waits for no reader). An import leaves this to the catch-up rather than doing it in its commit (see
    /// <see cref="ImportExport.InventoryImporter"/>): the committed transaction is already durable in the log, so the user need not wait
    /// for the copy, and readers meanwhile read those pages from the log. Nothing to do elsewhere.
    /// </summary>
    public static async Task CheckpointAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE)", cancellationToken);
        }
    }

    private const string IndexMissing =
        $"INSERT INTO \"{Migrations.WorkflowSearch.Table}\"(rowid, \"Name\", \"Purpose\") SELECT w.\"Id\", w.\"Name\", w.\"Purpose\" FROM \"Workflows\" AS w " +
        $"WHERE w.\"Id\" > {{0}} AND NOT EXISTS (SELECT 1 FROM \"{Migrations.SearchCatchesUp.IndexedDocuments}\" AS d WHERE d.\"id\" = w.\"Id\")";

    /// <summary>Indexes every workflow above <paramref name="afterId"/> the SQLite full-text index does not hold; 0 elsewhere.</summary>
    public static async Task<int> IndexMissingAsync(AppDbContext db, long afterId, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var count = await db.Database.ExecuteSqlRawAsync(IndexMissing, [afterId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    /// <summary>A stop waits for the catch-up running (seconds at most), so it finishes rather than being left for the next start.</summary>
    public async ValueTask DisposeAsync() => await CaughtUp;

    /// <summary>As <see cref="DisposeAsync"/>, for a container disposed synchronously (a catch-up never fails; it logs instead).</summary>
    public void Dispose() => CaughtUp.Wait(TimeSpan.FromMinutes(1));
}
