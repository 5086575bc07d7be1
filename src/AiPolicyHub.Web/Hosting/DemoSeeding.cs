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

    /// <summary>
    /// The default command-line provider reads a bare <c>--name</c> as "the next argument is the value" (and drops it
    /// when last), so a bare <c>--seed-demo</c> becomes <c>--SeedDemo=true</c> before the host sees it.
    /// </summary>
    public static string[] NormalizeArguments(string[] args) =>
        [.. args.Select(a => string.Equals(a, Flag, StringComparison.OrdinalIgnoreCase) ? $"--{ConfigurationKey}=true" : a)];

    public static bool IsRequested(IConfiguration configuration) =>
        IsTrue(configuration[ConfigurationKey]) || IsTrue(configuration["seed-demo"]);

    private static bool IsTrue(string? value) => bool.TryParse(value, out var on) && on;
}
