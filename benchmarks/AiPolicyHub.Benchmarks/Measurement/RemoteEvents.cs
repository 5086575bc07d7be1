using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace AiPolicyHub.Benchmarks.Measurement;

/// <summary>
/// One answer from another .NET process's runtime events, read through its diagnostics port (EventPipe): starts a session
/// with <c>providers</c>, lets <c>subscribe</c> watch the events and hand over the answer, then stops the session. Fails at
/// once when the session ends without an answer (the process exited, the stream broke), or after <c>timeout</c>.
/// </summary>
public static class RemoteEvents
{
    public static async Task<T> FirstAsync<T>(int processId, IReadOnlyList<EventPipeProvider> providers, string what,
        Action<EventPipeEventSource, Action<T>> subscribe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(processId);
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processing = Task.Run(() =>
        {
            try
            {
                using var source = new EventPipeEventSource(session.EventStream);
                subscribe(source, value => answer.TrySetResult(value));
                source.Process();
            }
            catch (Exception e)
            {
                answer.TrySetException(e);
            }
            answer.TrySetException(new InvalidOperationException($"The process {processId} sent no {what} before its event session ended."));
        }, CancellationToken.None);
        try
        {
            return await answer.Task.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            try { session.Stop(); } catch (ServerNotAvailableException) { }
            try { await processing.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None); } catch (TimeoutException) { }
        }
    }
}
