using AiPolicyHub.Benchmarks.Areas;
using AiPolicyHub.Benchmarks.Measurement;

namespace AiPolicyHub.Benchmarks;

/// <summary>
/// <c>./bench.sh &lt;area&gt; [area arguments]</c>: runs one benchmark area and prints its figures,
/// one <c>name: value unit</c> line each, on standard output. Exit codes: 0 done, 1 failed,
/// 2 no or unknown area (or bad arguments).
/// </summary>
internal static class Program
{
    /// <summary>Every area, by command-line name. Adding an area is one class plus one entry here.</summary>
    private static readonly IReadOnlyDictionary<string, IBenchmarkArea> Areas =
        new IBenchmarkArea[]
        {
            new AuthBenchmark(),
            new InventoryBenchmark(),
            new RulesBenchmark(),
            new DashboardBenchmark(),
            new ReportsBenchmark(),
            new ImportBenchmark(),
            new CircuitsBenchmark(),
            new UiBenchmark(),
        }.ToDictionary(area => area.Name, StringComparer.Ordinal);

    private static async Task<int> Main(string[] args)
    {
        if (args is ["-h" or "--help" or "help"])
        {
            PrintUsage(Console.Out);
            return 0;
        }
        if (args.Length == 0 || !Areas.TryGetValue(args[0], out var area))
        {
            if (args.Length > 0)
            {
                Console.Error.WriteLine($"Unknown benchmark area '{args[0]}'.");
            }
            PrintUsage(Console.Error);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            await area.RunAsync(new Report(Console.Out), args[1..], cancel.Token);
            return 0;
        }
        catch (BenchmarkUsageException ex)
        {
            Console.Error.WriteLine(ex.Message);
            PrintUsage(Console.Error);
            return 2;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Cancelled.");
            return 130;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Benchmark '{area.Name}' failed: {ex}");
            return 1;
        }
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("Usage: ./bench.sh <area> [arguments]");
        writer.WriteLine("Builds in Release and prints one 'name: value unit' line per figure.");
        writer.WriteLine();
        writer.WriteLine("Areas:");
        var width = Areas.Keys.Max(name => name.Length);
        foreach (var area in Areas.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            writer.WriteLine($"  {area.Name.PadRight(width)}  {area.Description}");
        }
    }
}
