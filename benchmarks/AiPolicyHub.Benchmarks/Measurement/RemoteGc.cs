using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace AiPolicyHub.Benchmarks.Measurement;

/// <summary>
/// Forces a full, blocking garbage collection in another .NET process and returns its managed heap afterwards, through the
/// runtime's diagnostics port (EventPipe): enabling the runtime provider with the GCHeapCollect keyword makes the runtime
/// run an induced GC, whose GCHeapStats event gives the size of every generation after it (what dotnet-gcdump does, without
/// the heap walk). Nothing in the app has to expose anything.
/// </summary>
public static class RemoteGc
{
    public static async Task<long> CollectAsync(int processId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(processId);
        EventPipeProvider[] providers =
        [
            new("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect)),
        ];
        using var session = client.StartEventPipeSession(providers, requestRundown: false);
        var heap = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processing = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            var induced = false;
            source.Clr.GCStart += e => induced |= e.Reason == GCReason.Induced && e.Depth == 2;
            source.Clr.GCHeapStats += e =>
            {
                if (induced)
                {
                    heap.TrySetResult(e.TotalHeapSize);
                }
            };
            source.Process();
        }, CancellationToken.None);
        try
        {
            return await heap.Task.WaitAsync(timeout, cancellationToken);
        }
        finally
        {
            try { session.Stop(); } catch (ServerNotAvailableException) { }
            try { await processing.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None); } catch (Exception e) when (e is TimeoutException or IOException) { }
        }
    }
}
