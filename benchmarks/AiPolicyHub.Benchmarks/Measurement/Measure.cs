using System.Diagnostics;

namespace AiPolicyHub.Benchmarks.Measurement;

/// <summary>
/// Times an operation: <c>warmup</c> untimed calls (JIT, caches, connection pools), then
/// <c>iterations</c> calls timed one by one with <see cref="Stopwatch"/>. The operation gets a
/// running index (warm-up calls included) so it can vary its input, e.g. pick the next key.
/// </summary>
public static class Measure
{
    public static Timing Run(string name, int warmup, int iterations, Action<int> operation)
    {
        Validate(warmup, iterations);
        for (var i = 0; i < warmup; i++)
        {
            operation(i);
        }
        Settle();

        var samples = new TimeSpan[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            operation(warmup + i);
            samples[i] = Stopwatch.GetElapsedTime(start);
        }
        return new Timing(name, samples);
    }

    public static async Task<Timing> RunAsync(string name, int warmup, int iterations, Func<int, Task> operation)
    {
        Validate(warmup, iterations);
        for (var i = 0; i < warmup; i++)
        {
            await operation(i);
        }
        Settle();

        var samples = new TimeSpan[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(warmup + i);
            samples[i] = Stopwatch.GetElapsedTime(start);
        }
        return new Timing(name, samples);
    }

    private static void Validate(int warmup, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
    }

    /// <summary>Starts the timed part with a clean heap, so garbage from set-up or warm-up is not collected mid-measurement.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

/// <summary>The timed samples of one measurement and the statistics reported from them.</summary>
public sealed class Timing
{
    private readonly TimeSpan[] sorted;

    public Timing(string name, IReadOnlyCollection<TimeSpan> samples)
    {
        if (samples.Count == 0)
        {
            throw new ArgumentException("A timing needs at least one sample.", nameof(samples));
        }
        Name = name;
        sorted = [.. samples.Order()];
        Total = samples.Aggregate(TimeSpan.Zero, (sum, sample) => sum + sample);
    }

    /// <summary>Prefix of the reported figures, e.g. <c>password_hash</c>.</summary>
    public string Name { get; }

    public int Count => sorted.Length;

    /// <summary>Sum of the timed samples (warm-up excluded).</summary>
    public TimeSpan Total { get; }

    public TimeSpan Median => Percentile(50);

    public TimeSpan P95 => Percentile(95);

    public TimeSpan Min => sorted[0];

    public TimeSpan Max => sorted[^1];

    /// <summary>Sequential throughput of one thread: timed calls per second of timed work.</summary>
    public double OperationsPerSecond => Count / Total.TotalSeconds;

    /// <summary>Nearest-rank percentile (the median of an even count is the mean of the two middle samples).</summary>
    public TimeSpan Percentile(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (percent == 50 && Count % 2 == 0)
        {
            return (sorted[Count / 2 - 1] + sorted[Count / 2]) / 2;
        }
        var rank = (int)Math.Ceiling(percent / 100 * Count);
        return sorted[Math.Clamp(rank, 1, Count) - 1];
    }
}
