namespace AiPolicyHub.Core.ImportExport;

/// <summary>
/// Runs a pure per-row check for rows 0…n−1 on every core, a chunk of rows at a time in row order, while the caller takes
/// the results in row order (<see cref="ResultAsync"/>) and writes them: the writing of the first chunks overlaps the checking
/// of the last, where checking everything first left the database idle for half of a large import. The check must touch
/// nothing the caller changes meanwhile. Disposing stops the checks not started and waits for those running.
/// </summary>
internal sealed class ChecksAhead<T> : IAsyncDisposable
{
    /// <summary>Rows per unit of work: small enough that the writes start soon, large enough that handing out work costs nothing.</summary>
    private const int Chunk = 32;

    private readonly int count;
    private readonly Func<int, T> check;
    private readonly T[] results;
    private readonly TaskCompletionSource[] chunks;
    private readonly CancellationTokenSource stop;
    private readonly Task[] workers;
    private int next = -1;

    public ChecksAhead(int count, Func<int, T> check, CancellationToken cancellationToken)
    {
        this.count = count;
        this.check = check;
        results = new T[count];
        chunks = new TaskCompletionSource[(count + Chunk - 1) / Chunk];
        for (var c = 0; c < chunks.Length; c++)
        {
            // Continuations run on their own, never inside a checking thread, which goes on to the next chunk.
            chunks[c] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        workers = new Task[Math.Min(Environment.ProcessorCount, Math.Max(1, chunks.Length))];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(Work, CancellationToken.None);
        }
    }

    /// <summary>The check of row <paramref name="index"/>, once its chunk is checked; the check's exception if it threw.</summary>
    public async ValueTask<T> ResultAsync(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        var chunk = chunks[index / Chunk].Task;
        if (!chunk.IsCompletedSuccessfully)
        {
            await chunk;
        }
        return results[index];
    }

    private void Work()
    {
        int c;
        while ((c = Interlocked.Increment(ref next)) < chunks.Length)
        {
            if (stop.IsCancellationRequested)
            {
                chunks[c].TrySetCanceled(stop.Token);
                continue;
            }
            try
            {
                for (var i = c * Chunk; i < Math.Min(count, (c + 1) * Chunk); i++)
                {
                    results[i] = check(i);
                }
                chunks[c].TrySetResult();
            }
            catch (Exception ex)
            {
                chunks[c].TrySetException(ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        stop.Dispose();
    }
}
