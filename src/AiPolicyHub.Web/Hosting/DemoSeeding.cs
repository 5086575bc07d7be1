namespace AiPolicyHub.Web.Hosting;

/// <summary>
/// The <c>--seed-demo</c> start-up option: load the demo inventory (<see cref="Core.Inventory.DemoData"/>) after
/// migrations, when the inventory is still empty. Also accepted as <c>--seed-demo=true</c>, <c>--SeedDemo=true</c> or
/// the environment variable <c>SeedDemo=true</c>.
/// </summary>
public static class DemoSeeding
{
    public const string Flag = "--seed-demo";
    public const string ConfigurationKey = "SeedDemo";

    /// <summary>A bare <c>--seed-demo</c> becomes <c>--SeedDemo=true</c> (<see cref="CommandLine.Normalize"/>).</summary>
    public static bool IsRequested(IConfiguration configuration) =>
        CommandLine.IsOn(configuration, ConfigurationKey) || CommandLine.IsOn(configuration, "seed-demo");
}
