using CommunityToolkit.HighPerformance.Buffers;

namespace AiPolicyHub.Web.Components.Shared;

/// <summary>
/// Text that many live sessions hold at the same time, kept once for all of them: the workflow list's rows written as
/// markup. Every open tab keeps its page's last render, so 100 people on the list's first page would otherwise hold 100
/// copies of the same 50 rows (about 70 KB each). Equal text gives the same string instance back.
/// </summary>
public static class SharedText
{
    // Bounded by count: when full, the least used strings make room (StringPool's policy), so a page that one person views
    // costs what it did before, and the pool never holds more than this many rows (40 pages of 50; a row is 1–3 KB).
    private static readonly StringPool Pool = new(2048);

    /// <summary>A string equal to <paramref name="text"/>, the one already shared when there is one.</summary>
    public static string Of(string text) => Pool.GetOrAdd(text);
}
