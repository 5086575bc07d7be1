using AiPolicyHub.Core;
using AiPolicyHub.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Benchmarks.Measurement;

/// <summary>Core's services wired as the app wires them (<see cref="CoreRegistration.AddAiPolicyHubCore"/>), over a benchmark's database.</summary>
public static class CoreServices
{
    public static ServiceProvider For(DatabaseOptions database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiPolicyHubCore(new CoreSettings(database));
        return services.BuildServiceProvider();
    }
}
