using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
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
    public static Task<long> CollectAsync(int processId, TimeSpan timeout, CancellationToken cancellationToken) =>
        RemoteEvents.FirstAsync<long>(processId,
            [new("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect))],
            "heap size after the induced GC",
            (source, answer) =>
            {
                var induced = false;
                source.Clr.GCStart += e => induced |= e.Reason == GCReason.Induced && e.Depth == 2;
                source.Clr.GCHeapStats += e =>
                {
                    if (induced)
                    {
                        answer(e.TotalHeapSize);
                    }
                };
            },
            timeout, cancellationToken);
}
