using System.Collections;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules;

public enum RuleParameterKind
{
    /// <summary>A whole number within the rule's limits (days, percent).</summary>
    [Description("Number")] Number,
    /// <summary>The rank of one of the organisation's classification levels.</summary>
    [Description("Classification level")] ClassificationRank,
    /// <summary>An <see cref="AudienceSet"/>: which audiences the rule covers.</summary>
    [Description("Audiences")] Audiences,
    /// <summary>1 for yes, 0 for no.</summary>
    [Description("Yes or no")] YesNo,
}

/// <summary>A setting of a rule, as the settings page shows it.</summary>
public sealed record RuleParameter(string Key, string Label, string Help, RuleParameterKind Kind, int DefaultValue, string Unit = "");

/// <summary>Audiences a rule covers; stored as its number in <see cref="RuleParameters"/>.</summary>
[Flags]
public enum AudienceSet
{
    None = 0,
    [Description("Internal")] Internal = 1 << Audience.Internal,
    [Description("Customer-facing")] CustomerFacing = 1 << Audience.CustomerFacing,
    [Description("Public")] Public = 1 << Audience.Public,
    [Description("Regulator")] Regulator = 1 << Audience.Regulator,
}

public static class AudienceSetExtensions
{
    public const AudienceSet All = AudienceSet.Internal | AudienceSet.CustomerFacing | AudienceSet.Public | AudienceSet.Regulator;

    public static bool Includes(this AudienceSet set, Audience audience) => ((int)set & (1 << (int)audience)) != 0;

    public static AudienceSet Of(params Audience[] audiences)
    {
        var set = AudienceSet.None;
        foreach (var audience in audiences)
        {
            set |= (AudienceSet)(1 << (int)audience);
        }
        return set;
    }

    /// <summary>This audience and every wider one, e.g. customer-facing, public and regulator.</summary>
    public static AudienceSet FromAudienceUp(Audience narrowest) =>
        (AudienceSet)((int)All & ~((1 << (int)narrowest) - 1));
}

/// <summary>
/// A rule's parameter values by key, immutable. Rules read a handful of values per workflow, so it is two small
/// arrays searched in order rather than a dictionary.
/// </summary>
public sealed class RuleParameters : IReadOnlyDictionary<string, int>
{
    private readonly string[] keys;
    private readonly int[] values;

    public static RuleParameters Empty { get; } = new([], []);

    private RuleParameters(string[] keys, int[] values)
    {
        this.keys = keys;
        this.values = values;
    }

    public static RuleParameters Of(params (string Key, int Value)[] values)
    {
        var parameters = Empty;
        foreach (var (key, value) in values)
        {
            parameters = parameters.With(key, value);
        }
        return parameters;
    }

    public int Count => keys.Length;

    public int this[string key] => TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"The rule has no parameter '{key}'.");

    public IEnumerable<string> Keys => keys;

    public IEnumerable<int> Values => values;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out int value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? values[index] : 0;
        return index >= 0;
    }

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public RuleParameters With(string key, int value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var index = IndexOf(key);
        if (index >= 0)
        {
            var changed = (int[])values.Clone();
            changed[index] = value;
            return new RuleParameters(keys, changed);
        }
        return new RuleParameters([.. keys, key], [.. values, value]);
    }

    /// <summary>These values, with <paramref name="defaults"/> for every key not set here.</summary>
    public RuleParameters Over(IReadOnlyList<RuleParameter> defaults)
    {
        var result = this;
        foreach (var parameter in defaults)
        {
            if (!ContainsKey(parameter.Key))
            {
                result = result.With(parameter.Key, parameter.DefaultValue);
            }
        }
        return result;
    }

    public IEnumerator<KeyValuePair<string, int>> GetEnumerator()
    {
        for (var i = 0; i < keys.Length; i++)
        {
            yield return new KeyValuePair<string, int>(keys[i], values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(", ", this.Select(p => $"{p.Key}={p.Value}"));

    private int IndexOf(string key)
    {
        for (var i = 0; i < keys.Length; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }
}
