using System.Text.Json.Serialization;

namespace AiPolicyHub.Core.Reports;

/// <summary>
/// One piece of a report's content, in reading order. Renderers switch over the concrete types. Blocks serialise to JSON
/// (a published policy version keeps its generated sections as they were); the heat map does not, as nothing stores one.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "block")]
[JsonDerivedType(typeof(CoverBlock), "cover")]
[JsonDerivedType(typeof(HeadingBlock), "heading")]
[JsonDerivedType(typeof(TableOfContentsBlock), "contents")]
[JsonDerivedType(typeof(ParagraphBlock), "paragraph")]
[JsonDerivedType(typeof(ListBlock), "list")]
[JsonDerivedType(typeof(KeyValueBlock), "facts")]
[JsonDerivedType(typeof(CalloutBlock), "callout")]
[JsonDerivedType(typeof(TableBlock), "table")]
[JsonDerivedType(typeof(BarChartBlock), "bars")]
[JsonDerivedType(typeof(PageBreakBlock), "page-break")]
public abstract record ReportBlock;

/// <summary>
/// The title page: the metadata's title, an optional subtitle and summary facts. The generation facts
/// (report id, time, author, filters, fingerprint) are always shown, from the metadata.
/// </summary>
public sealed record CoverBlock(string? Subtitle, IReadOnlyList<KeyValueItem> Details) : ReportBlock;

/// <summary>A section heading, level 1 to 3; listed in the table of contents and as a PDF bookmark.</summary>
public sealed record HeadingBlock : ReportBlock
{
    public HeadingBlock(int level, string text)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 3);
        Level = level;
        Text = text;
    }

    public int Level { get; }
    public string Text { get; }
}

/// <summary>Where the table of contents goes (usually right after the cover). Rendered only if present.</summary>
public sealed record TableOfContentsBlock(string Title = "Contents") : ReportBlock;

/// <summary>Running text made of styled spans. A line feed in a span starts a new line.</summary>
public sealed record ParagraphBlock(IReadOnlyList<TextSpan> Spans) : ReportBlock;

public enum ListKind
{
    Bullet,
    Numbered,
}

/// <summary>A bullet or numbered list; each item is a run of spans.</summary>
public sealed record ListBlock(ListKind Kind, IReadOnlyList<IReadOnlyList<TextSpan>> Items) : ReportBlock;

/// <summary>A fact: a label and its value, e.g. "Owner" → "Maria Rossi".</summary>
public sealed record KeyValueItem(string Key, string Value);

/// <summary>Facts shown as two aligned columns (labels, values).</summary>
public sealed record KeyValueBlock(IReadOnlyList<KeyValueItem> Items) : ReportBlock;

public enum CalloutKind
{
    Info,
    Warning,
    Danger,
}

/// <summary>A boxed note that must not be missed, e.g. "3 workflows are paused".</summary>
public sealed record CalloutBlock(CalloutKind Kind, string? Title, IReadOnlyList<TextSpan> Spans) : ReportBlock;

public enum ColumnAlignment
{
    Left,
    Right,
}

/// <summary>
/// A table column. <paramref name="Weight"/> is its share of the page width relative to the other
/// columns (2 is twice as wide as 1).
/// </summary>
public sealed record TableColumn(string Header, double Weight = 1, ColumnAlignment Alignment = ColumnAlignment.Left);

/// <summary>One table row: a plain-text cell per column. Long cells wrap; a line feed starts a new line.</summary>
public sealed record TableRow(IReadOnlyList<string> Cells);

/// <summary>
/// A table. In the PDF the header row is repeated on every page the table runs onto; rows taller than
/// a page are split between lines.
/// </summary>
public sealed record TableBlock : ReportBlock
{
    public TableBlock(string? caption, IReadOnlyList<TableColumn> columns, IReadOnlyList<TableRow> rows)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }
        foreach (var column in columns)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(column.Weight);
        }
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Cells.Count != columns.Count)
            {
                throw new ArgumentException($"Row {i + 1} has {rows[i].Cells.Count} cells; the table has {columns.Count} columns.", nameof(rows));
            }
        }
        Caption = caption;
        Columns = columns;
        Rows = rows;
    }

    public string? Caption { get; }
    public IReadOnlyList<TableColumn> Columns { get; }
    public IReadOnlyList<TableRow> Rows { get; }
}

/// <summary>The meaning of a colour, so renderers pick a palette and the model stays about content.</summary>
public enum Tone
{
    Neutral,
    Low,
    Medium,
    High,
    Critical,
}

public sealed record Bar(string Label, double Value, Tone Tone = Tone.Neutral);

/// <summary>A horizontal bar chart, e.g. workflows per risk tier. Values must not be negative.</summary>
public sealed record BarChartBlock : ReportBlock
{
    public BarChartBlock(string title, IReadOnlyList<Bar> bars)
    {
        foreach (var bar in bars)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bar.Value);
        }
        Title = title;
        Bars = bars;
    }

    public string Title { get; }
    public IReadOnlyList<Bar> Bars { get; }
}

/// <summary>
/// A 5 × 5 likelihood × impact matrix with a count in each cell (e.g. workflows by residual risk).
/// Likelihood and impact run from 1 (lowest) to 5 (highest).
/// </summary>
public sealed record HeatMapBlock : ReportBlock
{
    public const int Size = 5;
    private readonly int[] counts;

    /// <param name="counts">counts[likelihood - 1, impact - 1].</param>
    public HeatMapBlock(string title, int[,] counts)
    {
        if (counts.GetLength(0) != Size || counts.GetLength(1) != Size)
        {
            throw new ArgumentException("A heat map has 5 × 5 cells.", nameof(counts));
        }
        this.counts = new int[Size * Size];
        for (var likelihood = 0; likelihood < Size; likelihood++)
        {
            for (var impact = 0; impact < Size; impact++)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(counts[likelihood, impact]);
                this.counts[likelihood * Size + impact] = counts[likelihood, impact];
            }
        }
        Title = title;
    }

    public string Title { get; }

    public int Count(int likelihood, int impact)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(likelihood, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(likelihood, Size);
        ArgumentOutOfRangeException.ThrowIfLessThan(impact, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(impact, Size);
        return counts[(likelihood - 1) * Size + impact - 1];
    }

    public int Total => counts.Sum();

    /// <summary>The usual risk-matrix colouring: the product of likelihood and impact.</summary>
    public static Tone ToneOf(int likelihood, int impact) => (likelihood * impact) switch
    {
        >= 15 => Tone.Critical,
        >= 8 => Tone.High,
        >= 4 => Tone.Medium,
        _ => Tone.Low,
    };
}

/// <summary>Starts a new page in the PDF (ignored by the HTML preview).</summary>
public sealed record PageBreakBlock : ReportBlock;
