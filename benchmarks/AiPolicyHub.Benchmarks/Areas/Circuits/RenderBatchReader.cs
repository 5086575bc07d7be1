using System.Buffers.Binary;
using System.Text;

namespace AiPolicyHub.Benchmarks.Areas.Circuits;

/// <summary>
/// Reads the binary render batch a Blazor Server circuit sends (<c>JS.RenderBatch</c>), the format ASP.NET Core's
/// RenderBatchWriter writes and blazor.web.js reads. Learned from that writer; there is no public .NET reader, because the
/// framework only ever reads it in JavaScript.
/// <para>
/// Layout, little-endian: the component diffs (each: component id, edit count, edits of 16 bytes), then a table of the
/// diffs' positions; the reference frames (count, then 20 bytes each: a type and 16 bytes whose meaning depends on it); the
/// disposed component ids; the disposed event handler ids (8 bytes each); the strings (BinaryWriter strings: a 7-bit
/// encoded length and UTF-8) and a table of their positions; last, five 4-byte offsets of those sections. Fixed sizes let
/// the browser index without walking; strings are indexes into the table, -1 for null.
/// </para>
/// </summary>
internal static class RenderBatchReader
{
    private const int FrameSize = 20;
    private const int EditSize = 16;

    public static RenderBatch Read(ReadOnlySpan<byte> batch)
    {
        var footer = batch.Length - 5 * sizeof(int);
        var updatedComponents = Int(batch, footer);
        var referenceFrames = Int(batch, footer + 4);
        var disposedComponents = Int(batch, footer + 8);
        // footer + 12: the disposed event handlers, which the mirror needs not (it reads handlers from its tree).
        var stringTable = Int(batch, footer + 16);

        // Every string once, up front: a click's batch has a few dozen (mostly the rows' markup), so resolving them lazily
        // would save nothing worth the code.
        var strings = new string[(footer - stringTable) / sizeof(int)];
        for (var i = 0; i < strings.Length; i++)
        {
            strings[i] = ReadString(batch, Int(batch, stringTable + i * sizeof(int)));
        }
        string? String(int index) => index < 0 ? null : strings[index];

        var frameCount = Int(batch, referenceFrames);
        var frames = new RenderFrame[frameCount];
        for (var i = 0; i < frameCount; i++)
        {
            var at = referenceFrames + sizeof(int) + i * FrameSize;
            var type = (FrameType)Int(batch, at);
            frames[i] = type switch
            {
                FrameType.Element => new RenderFrame(type, SubtreeLength: Int(batch, at + 4), Name: String(Int(batch, at + 8))),
                FrameType.Text or FrameType.Markup => new RenderFrame(type, Text: String(Int(batch, at + 4))),
                FrameType.Attribute => new RenderFrame(type, Name: String(Int(batch, at + 4)), Text: String(Int(batch, at + 8)),
                    EventHandlerId: BinaryPrimitives.ReadUInt64LittleEndian(batch[(at + 12)..])),
                FrameType.Component => new RenderFrame(type, SubtreeLength: Int(batch, at + 4), ComponentId: Int(batch, at + 8)),
                FrameType.Region => new RenderFrame(type, SubtreeLength: Int(batch, at + 4)),
                _ => new RenderFrame(type),
            };
        }

        var diffCount = Int(batch, updatedComponents);
        var diffs = new ComponentDiff[diffCount];
        for (var i = 0; i < diffCount; i++)
        {
            var at = Int(batch, updatedComponents + sizeof(int) + i * sizeof(int));
            var edits = new RenderEdit[Int(batch, at + 4)];
            for (var e = 0; e < edits.Length; e++)
            {
                var edit = at + 8 + e * EditSize;
                edits[e] = new RenderEdit((EditType)Int(batch, edit), Int(batch, edit + 4), Int(batch, edit + 8), String(Int(batch, edit + 12)));
            }
            diffs[i] = new ComponentDiff(Int(batch, at), edits);
        }

        var disposed = new int[Int(batch, disposedComponents)];
        for (var i = 0; i < disposed.Length; i++)
        {
            disposed[i] = Int(batch, disposedComponents + sizeof(int) * (i + 1));
        }
        return new RenderBatch(diffs, frames, disposed);
    }

    private static int Int(ReadOnlySpan<byte> batch, int at) => BinaryPrimitives.ReadInt32LittleEndian(batch[at..]);

    private static string ReadString(ReadOnlySpan<byte> batch, int at)
    {
        // BinaryWriter's length prefix: 7 bits a byte, low bits first, the high bit saying another byte follows.
        int length = 0, shift = 0;
        byte part;
        do
        {
            part = batch[at++];
            length |= (part & 0x7F) << shift;
            shift += 7;
        }
        while ((part & 0x80) != 0);
        return Encoding.UTF8.GetString(batch.Slice(at, length));
    }
}

/// <summary>RenderTreeFrameType's values as the batch carries them (only those the browser builds nodes from are read).</summary>
internal enum FrameType
{
    Element = 1,
    Text = 2,
    Attribute = 3,
    Component = 4,
    Region = 5,
    ElementReferenceCapture = 6,
    ComponentReferenceCapture = 7,
    Markup = 8,
}

/// <summary>RenderTreeEditType's values.</summary>
internal enum EditType
{
    PrependFrame = 1,
    RemoveFrame = 2,
    SetAttribute = 3,
    RemoveAttribute = 4,
    UpdateText = 5,
    StepIn = 6,
    StepOut = 7,
    UpdateMarkup = 8,
    PermutationListEntry = 9,
    PermutationListEnd = 10,
}

/// <summary>A reference frame: <c>Text</c> is a text or markup frame's content or an attribute's value.</summary>
internal readonly record struct RenderFrame(FrameType Type, int SubtreeLength = 0, string? Name = null, string? Text = null,
    ulong EventHandlerId = 0, int ComponentId = 0);

/// <summary>An edit: <c>ReferenceFrameIndex</c> is the frame to insert or set, or for a permutation the sibling index moved to.</summary>
internal readonly record struct RenderEdit(EditType Type, int SiblingIndex, int ReferenceFrameIndex, string? RemovedAttributeName);

internal sealed record ComponentDiff(int ComponentId, RenderEdit[] Edits);

internal sealed record RenderBatch(ComponentDiff[] Diffs, RenderFrame[] Frames, int[] DisposedComponentIds);
