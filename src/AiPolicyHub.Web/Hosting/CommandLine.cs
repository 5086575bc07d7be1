namespace AiPolicyHub.Web.Hosting;

/// <summary>The app's command-line switches that take no value (<c>--seed-demo</c>, <c>--migrate</c>, <c>--force</c>).</summary>
public static class CommandLine
{
    /// <summary>Each switch and the configuration key it sets to <c>true</c>.</summary>
    private static readonly (string Flag, string Key)[] Switches =
    [
        (DemoSeeding.Flag, DemoSeeding.ConfigurationKey),
        ("--" + MigrateCommand.ConfigurationKey, MigrateCommand.ConfigurationKey),
        ("--" + BackupCommands.ForceKey, BackupCommands.ForceKey),
    ];

    /// <summary>
    /// The default command-line provider reads a bare <c>--name</c> as "the next argument is the value" (and drops it
    /// when last), so each bare switch becomes <c>--Key=true</c> before the host sees it.
    /// </summary>
    public static string[] Normalize(string[] args) =>
        [.. args.Select(a => Switches.FirstOrDefault(s => string.Equals(a, s.Flag, StringComparison.OrdinalIgnoreCase)) is { Flag: not null } s
            ? $"--{s.Key}=true" : a)];

    public static bool IsOn(IConfiguration configuration, string key) => bool.TryParse(configuration[key], out var on) && on;
}
