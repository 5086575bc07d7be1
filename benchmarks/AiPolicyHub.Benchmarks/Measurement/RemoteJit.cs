using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;

namespace AiPolicyHub.Benchmarks.Measurement;

/// <summary>
/// How many methods another .NET process's JIT has compiled so far (tier-up recompilations included), read through the
/// runtime's diagnostics port: the runtime's own event counters (<c>System.Runtime</c>, <c>methods-jitted-count</c>), the
/// figure dotnet-counters shows. A server whose count has stopped growing has compiled, at every tier, what its work needs.
/// </summary>
public static class RemoteJit
{
    private const string Counter = "methods-jitted-count";

    public static Task<long> CompiledMethodsAsync(int processId, TimeSpan timeout, CancellationToken cancellationToken) =>
        RemoteEvents.FirstAsync<long>(processId,
            [new("System.Runtime", EventLevel.Informational, -1, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" })],
            $"'{Counter}' counter",
            (source, answer) => source.Dynamic.All += e =>
            {
                if (e.EventName == "EventCounters"
                    && e.PayloadValue(0) is IDictionary<string, object> outer
                    && outer.TryGetValue("Payload", out var inner) && inner is IDictionary<string, object> fields
                    && fields.TryGetValue("Name", out var name) && Counter.Equals(name)
                    && fields.TryGetValue("Mean", out var mean))
                {
                    answer(Convert.ToInt64(mean, CultureInfo.InvariantCulture));
                }
            },
            timeout, cancellationToken);
}
