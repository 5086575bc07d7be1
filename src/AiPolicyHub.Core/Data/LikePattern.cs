namespace AiPolicyHub.Core.Data;

/// <summary>"Contains" as a SQL LIKE pattern, with the text's own wildcards escaped (use with <see cref="Escape"/>).</summary>
internal static class LikePattern
{
    public const string Escape = "\\";

    public static string Containing(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
