namespace AiPolicyHub.Core.ImportExport;

/// <summary>
/// Runs a pure per-row check for rows 0…n−1 on every core, a chunk of rows at a time in row order, while the caller takes
/// the results in row order (<see cref="ResultAsync"/>) and writes them: the writing of the first chunks overlaps the checking
/// of the last, where checking everything first left the database idle for half of a large import. The check must touch
/// nothing the caller changes meanwhile. The checks keep at most a few chunks ahead of the caller, and a result is let go
/// once taken, so what is held in between stays small (on a large import it was promoted to the old generation otherwise,
/// and the working set grew with the file). Disposing stops the checks not started and waits for those running.
/// </summary>
internal sealed class ChecksAhead<T> : IAsyncDisposable
{
    /// <summary>Rows per unit of work: small enough that the writes start soon, large enough that handing out work costs nothing.</summary>
    private const int Chunk = 16;

    /// <summary>Chunks checked or being checked beyond the one the caller waits for.</summary>
    private const int Ahead = 4;

    private readonly int count;
    private readonly Func<int, T> check;
    private readonly T[] results;
    private readonly TaskCompletionSource[] chunks;
    private readonly CancellationTokenSource stop;
    private readonly Task[] workers;
    private readonly SemaphoreSlim room = new(Ahead);
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
            workers[w] = Task.Run(WorkAsync, CancellationToken.None);
        }
    }

    /// <summary>
    /// The check of row <paramref name="index"/>, once its chunk is checked; the check's exception if it threw. Take every row,
    /// in order: taking a chunk's last row makes room for the next chunk.
    /// </summary>
    public async ValueTask<T> ResultAsync(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        var chunk = chunks[index / Chunk].Task;
        if (!chunk.IsCompletedSuccessfully)
        {
            await chunk;
        }
        var result = results[index];
        results[index] = default!;
        if (index == Math.Min(count, (index / Chunk + 1) * Chunk) - 1)
        {
            room.Release(); // the chunk's last row is taken: one more chunk may be checked
        }
        return result;
    }

    private async Task WorkAsync()
    {
        while (true)
        {
            try
            {
                // Waiting without a thread: a blocked (and spinning) pool thread cost as much CPU as it saved.
                await room.WaitAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopped while waiting for room: the chunks nobody took are cancelled below, by whoever takes them.
            }
            var c = Interlocked.Increment(ref next);
            if (c >= chunks.Length)
            {
                return;
            }
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
        room.Dispose();
    }
}
