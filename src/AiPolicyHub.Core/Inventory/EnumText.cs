using System.Collections.Concurrent;
using System.ComponentModel;
using System.Reflection;

namespace AiPolicyHub.Core.Inventory;

/// <summary>The words users read for enum values, from their [Description].</summary>
public static class EnumText
{
    public static string Of<T>(T value) where T : struct, Enum => Texts<T>.Cache.GetOrAdd(value, Texts<T>.Describe);

    /// <summary>Per enum type: whether it is a set of flags, and the text of each value met so far (reflection once per value).</summary>
    private static class Texts<T> where T : struct, Enum
    {
        public static readonly ConcurrentDictionary<T, string> Cache = new();
        private static readonly bool IsFlags = typeof(T).IsDefined(typeof(FlagsAttribute));
        public static readonly Func<T, string> Describe = value =>
            IsFlags && !Enum.IsDefined(value)
                ? string.Join(", ", Flags(value).Select(Of))
                : typeof(T).GetField(value.ToString())?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? value.ToString();
    }

    /// <summary>The single flags set in <paramref name="value"/>, in declaration order (None excluded).</summary>
    public static IEnumerable<T> Flags<T>(T value) where T : struct, Enum =>
        Enum.GetValues<T>().Where(f => Convert.ToInt64(f) != 0 && value.HasFlag(f));

    public static IReadOnlyList<T> Values<T>() where T : struct, Enum =>
        typeof(T).IsDefined(typeof(FlagsAttribute))
            ? Enum.GetValues<T>().Where(f => Convert.ToInt64(f) != 0).ToList()
            : Enum.GetValues<T>();
}
