namespace AiPolicyHub.Core.Reports;

[Flags]
public enum SpanStyle
{
    Plain = 0,
    Bold = 1,
    Italic = 2,
}

/// <summary>
/// A run of text in one style; with a <paramref name="LinkUrl"/> it is a hyperlink. Only http, https
/// and mailto links are made clickable (see <see cref="IsSafeLink"/>); others show as plain text.
/// </summary>
public sealed record TextSpan(string Text, SpanStyle Style = SpanStyle.Plain, string? LinkUrl = null)
{
    public static TextSpan Plain(string text) => new(text);
    public static TextSpan Bold(string text) => new(text, SpanStyle.Bold);
    public static TextSpan Italic(string text) => new(text, SpanStyle.Italic);
    public static TextSpan Link(string text, string url) => new(text, SpanStyle.Plain, url);

    /// <summary>Whether the link may be followed: report text can come from users, and a javascript: URL must not become a live link.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSafeLink => LinkUrl is not null
        && Uri.TryCreate(LinkUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto);
}
