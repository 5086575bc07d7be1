namespace AiPolicyHub.Web.Components.Shared;

/// <summary>
/// The loads of one list that the user can change while it loads (filters, sort, page): starting a load cancels the one
/// before it, and an answer that a newer load replaced is dropped, so the list never shows rows of a filter the user has
/// already left. The workflow list and the findings page use it.
/// </summary>
public sealed class LatestLoad
{
    private CancellationTokenSource? running;

    /// <summary>Whether a load is under way that no newer one has replaced.</summary>
    public bool IsRunning => running is not null;

    /// <summary>
    /// Runs <paramref name="load"/> after cancelling the load before; its answer, or null when a newer load replaced this
    /// one (it was cancelled, or answered after the newer one began). Other failures are thrown as they are.
    /// </summary>
    public async Task<T?> RunAsync<T>(Func<CancellationToken, Task<T>> load) where T : class
    {
        running?.Cancel();
        var mine = running = new CancellationTokenSource();
        try
        {
            var answer = await load(mine.Token);
            return ReferenceEquals(mine, running) ? answer : null;
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            if (ReferenceEquals(mine, running))
            {
                running = null;
            }
            mine.Dispose(); // no one cancels it any more: a newer load has replaced it, or it has ended
        }
    }
}
