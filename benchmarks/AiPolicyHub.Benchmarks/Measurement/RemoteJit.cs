using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace AiPolicyHub.Benchmarks.Measurement;

/// <summary>
/// How many methods another .NET process's JIT has compiled so far (tier-up recompilations included), read through the
/// runtime's diagnostics port: the runtime's own event counters (<c>System.Runtime</c>, <c>methods-jitted-count</c>), the
/// figure dotnet-counters shows. A server whose count has stopped growing has compiled, at every tier, what its work needs.
/// </summary>
public static class RemoteJit
{
    private const string Counter = "methods-jitted-count";

    public static async Task<long> CompiledMethodsAsync(int processId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(processId);
        EventPipeProvider[] providers =
        [
            new("System.Runtime", EventLevel.Informational, -1, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }),
        ];
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        var count = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processing = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Dynamic.All += e =>
            {
                if (e.EventName == "EventCounters"
                    && e.PayloadValue(0) is IDictionary<string, object> outer
                    && outer.TryGetValue("Payload", out var inner) && inner is IDictionary<string, object> fields
                    && fields.TryGetValue("Name", out var name) && Counter.Equals(name)
                    && fields.TryGetValue("Mean", out var mean))
                {
                    count.TrySetResult(Convert.ToInt64(mean, System.Globalization.CultureInfo.InvariantCulture));
                }
            };
            try
            {
                source.Process();
            }
            catch (Exception e)
            {
                count.TrySetException(e);
            }
            // The session ended (the process exited, or the stream broke) before the counter was published.
            count.TrySetException(new InvalidOperationException($"The process {processId} published no '{Counter}' counter."));
        }, CancellationToken.None);
        try
        {
            return await count.Task.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            try { session.Stop(); } catch (ServerNotAvailableException) { }
            try { await processing.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None); } catch (Exception e) when (e is TimeoutException or IOException) { }
        }
    }
}
