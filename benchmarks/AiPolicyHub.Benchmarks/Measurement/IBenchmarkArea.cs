namespace AiPolicyHub.Benchmarks.Measurement;

/// <summary>
/// One benchmark area, run as <c>./bench.sh &lt;Name&gt;</c>. To add an area, write a class that
/// implements this and list it in <see cref="Program"/>'s area table.
/// </summary>
public interface IBenchmarkArea
{
    /// <summary>The command-line name (lower case, no spaces), e.g. <c>auth</c>.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    /// <summary>
    /// Runs the area and writes its figures to <paramref name="report"/>. <paramref name="args"/> are
    /// the command-line arguments after the area name; throw <see cref="BenchmarkUsageException"/>
    /// for ones the area does not understand.
    /// </summary>
    Task RunAsync(Report report, IReadOnlyList<string> args, CancellationToken cancellationToken);
}

/// <summary>Bad command-line arguments: the program prints the message and usage and exits with 2.</summary>
public sealed class BenchmarkUsageException(string message) : Exception(message);
