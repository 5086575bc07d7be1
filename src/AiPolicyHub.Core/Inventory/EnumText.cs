using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;

namespace AiPolicyHub.Core.Inventory;

/// <summary>The words users read for enum values, from their [Description].</summary>
public static class EnumText
{
    private static readonly ConcurrentDictionary<(Type, string), string> Cache = new();

    public static string Of<T>(T value) where T : struct, Enum
    {
        var type = typeof(T);
        if (type.IsDefined(typeof(FlagsAttribute)) && !Enum.IsDefined(type, value))
        {
            return string.Join(", ", Flags(value).Select(Of));
        }
        return Cache.GetOrAdd((type, value.ToString()), key =>
            type.GetField(key.Item2)?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? key.Item2);
    }

    /// <summary>The single flags set in <paramref name="value"/>, in declaration order (None excluded).</summary>
    public static IEnumerable<T> Flags<T>(T value) where T : struct, Enum =>
        Enum.GetValues<T>().Where(f => Convert.ToInt64(f) != 0 && value.HasFlag(f));

    public static IReadOnlyList<T> Values<T>() where T : struct, Enum =>
        typeof(T).IsDefined(typeof(FlagsAttribute))
            ? Enum.GetValues<T>().Where(f => Convert.ToInt64(f) != 0).ToList()
            : Enum.GetValues<T>();
}
