using System.Globalization;

namespace AiPolicyHub.Benchmarks.Measurement;

public enum TimeUnit
{
    Seconds,
    Milliseconds,
    Microseconds,
}

/// <summary>
/// Writes figures, one per line as <c>name: value unit</c>, to standard output (and nothing else
/// goes there, so the output can be parsed). Values use the invariant culture.
/// </summary>
public sealed class Report(TextWriter output)
{
    public void Figure(string name, double value, string unit) => Write(name, Format(value), unit);

    /// <summary>A whole number, e.g. a setting or a row count the other figures depend on.</summary>
    public void Figure(string name, long value, string unit) => Write(name, value.ToString(CultureInfo.InvariantCulture), unit);

    /// <summary>Writes <c>{name}_median</c>, <c>{name}_p95</c> and, if asked, <c>{name}_throughput</c> in ops/s.</summary>
    public void Timing(Timing timing, TimeUnit unit, bool throughput = true)
    {
        Figure($"{timing.Name}_median", In(timing.Median, unit), Symbol(unit));
        Figure($"{timing.Name}_p95", In(timing.P95, unit), Symbol(unit));
        if (throughput)
        {
            Figure($"{timing.Name}_throughput", timing.OperationsPerSecond, "ops/s");
        }
    }

    private void Write(string name, string value, string unit)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(c => char.IsWhiteSpace(c) || c == ':'))
        {
            throw new ArgumentException($"Figure name '{name}' must be non-empty, without spaces or ':'.", nameof(name));
        }
        output.WriteLine($"{name}: {value} {unit}");
        output.Flush();
    }

    private static double In(TimeSpan value, TimeUnit unit) => unit switch
    {
        TimeUnit.Seconds => value.TotalSeconds,
        TimeUnit.Milliseconds => value.TotalMilliseconds,
        TimeUnit.Microseconds => value.TotalMicroseconds,
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    private static string Symbol(TimeUnit unit) => unit switch
    {
        TimeUnit.Seconds => "s",
        TimeUnit.Milliseconds => "ms",
        TimeUnit.Microseconds => "µs",
        _ => throw new ArgumentOutOfRangeException(nameof(unit)),
    };

    /// <summary>One decimal; more below 10 so small values keep their precision.</summary>
    private static string Format(double value) => value.ToString(
        Math.Abs(value) switch { >= 10 => "0.0", >= 1 => "0.00", _ => "0.000" },
        CultureInfo.InvariantCulture);
}
