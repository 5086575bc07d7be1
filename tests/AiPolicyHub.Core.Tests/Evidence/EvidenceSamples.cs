using System.IO.Compression;
using System.Text;

namespace AiPolicyHub.Core.Tests.Evidence;

/// <summary>Small files of each kind, made in the test: the first bytes that make them what they are, and a little more.</summary>
internal static class EvidenceSamples
{
    public static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0];
    public static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];
    public static byte[] Gif => Encoding.ASCII.GetBytes("GIF89a\u0001\0\u0001\0");
    public static byte[] Text(string text = "Reviewed on 1 December 2026 by the model risk team.\n") => Encoding.UTF8.GetBytes(text);
    public static byte[] Word => Office("word/document.xml");
    public static byte[] Excel => Office("xl/workbook.xml");
    public static byte[] PowerPoint => Office("ppt/presentation.xml");

    /// <summary>A ZIP that is not an Office file (no [Content_Types].xml).</summary>
    public static byte[] PlainZip
    {
        get
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
                writer.Write("hello");
            }
            return buffer.ToArray();
        }
    }

    /// <summary>An executable's first bytes ("MZ"), with a NUL: binary, and none of the kinds kept.</summary>
    public static byte[] Executable => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private static byte[] Office(string mainPart)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "_rels/.rels", mainPart })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<?xml version=\"1.0\"?><x/>");
            }
        }
        return buffer.ToArray();
    }
}
