using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace AiPolicyHub.Core.Evidence;

/// <summary>What a file's bytes turned out to be.</summary>
public sealed record FileKind(string Name, string ContentType, IReadOnlyList<string> Extensions);

/// <summary>
/// Which files can be attached, decided from the bytes, never from what the browser says: the kind is recognised from the
/// file's first bytes (PDF, PNG, JPEG, GIF; the ZIP parts of Word, Excel and PowerPoint files) or, for text, CSV and
/// Markdown, from its being UTF-8 without NUL characters; a name whose extension says otherwise is refused, as is anything
/// else. Names are checked too: no folders, no control characters.
/// </summary>
public static class EvidenceFiles
{
    public const int NameMaxLength = 255;

    public static readonly FileKind Pdf = new("a PDF document", "application/pdf", [".pdf"]);
    public static readonly FileKind Png = new("a PNG image", "image/png", [".png"]);
    public static readonly FileKind Jpeg = new("a JPEG image", "image/jpeg", [".jpg", ".jpeg"]);
    public static readonly FileKind Gif = new("a GIF image", "image/gif", [".gif"]);
    public static readonly FileKind Word = new("a Word document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]);
    public static readonly FileKind Excel = new("an Excel workbook",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]);
    public static readonly FileKind PowerPoint = new("a PowerPoint presentation",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"]);
    public static readonly FileKind Text = new("plain text", "text/plain; charset=utf-8", [".txt"]);
    public static readonly FileKind Csv = new("CSV text", "text/csv; charset=utf-8", [".csv"]);
    public static readonly FileKind Markdown = new("Markdown text", "text/markdown; charset=utf-8", [".md", ".markdown"]);

    public static IReadOnlyList<FileKind> Kinds { get; } = [Pdf, Png, Jpeg, Gif, Word, Excel, PowerPoint, Text, Csv, Markdown];

    /// <summary>The extensions accepted, for the file picker and messages (".pdf, .png, …").</summary>
    public static string AcceptedExtensions => string.Join(", ", Kinds.SelectMany(k => k.Extensions));

    private const string WhatIsKept = "PDF, PNG, JPEG, GIF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), text, CSV or Markdown";

    /// <summary>Why <paramref name="fileName"/> cannot be a file's name here, or null when it can.</summary>
    public static string? NameProblem(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "The file has no name: give it one ending in its type, e.g. “assessment.pdf”.";
        }
        if (fileName.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E' or '\u200E' or '\u200F'))
        {
            return "The file name contains control characters; rename the file with letters, digits, spaces and punctuation only.";
        }
        if (fileName.IndexOfAny(['/', '\\', ':']) >= 0)
        {
            return $"“{fileName}” looks like a path (it contains /, \\ or :); give the file's name alone.";
        }
        var name = fileName.Trim();
        if (name is "." or ".." || name.StartsWith('.') || name.EndsWith('.'))
        {
            return $"“{fileName}” is not a file name: give a name with its type, e.g. “assessment.pdf”.";
        }
        if (name.Length > NameMaxLength)
        {
            return $"The file name is {name.Length} characters long; shorten it to {NameMaxLength} or fewer.";
        }
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension.Length == 0)
        {
            return $"“{name}” has no extension; AiPolicyHub keeps {WhatIsKept} files, named with their type (e.g. “.pdf”).";
        }
        if (!Kinds.Any(k => k.Extensions.Contains(extension)))
        {
            return $"Files ending “{extension}” cannot be attached; AiPolicyHub keeps {WhatIsKept} files.";
        }
        return null;
    }

    /// <summary>The kind of file <paramref name="bytes"/> are, or why they cannot be kept under <paramref name="fileName"/>.</summary>
    public static Result<FileKind> Inspect(string fileName, ReadOnlySpan<byte> bytes)
    {
        if (NameProblem(fileName) is { } problem)
        {
            return Result<FileKind>.Failure(problem);
        }
        var name = fileName.Trim();
        if (bytes.Length == 0)
        {
            return Result<FileKind>.Failure($"“{name}” is empty.");
        }
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var named = Kinds.First(k => k.Extensions.Contains(extension));
        var found = Recognise(bytes, named);
        if (found is null)
        {
            return Result<FileKind>.Failure(
                $"The contents of “{name}” are not a file AiPolicyHub keeps ({WhatIsKept}): it looks like another kind of file renamed, or a damaged one.");
        }
        if (found != named)
        {
            return Result<FileKind>.Failure(
                $"“{name}” is named as {named.Name} ({extension}) but its contents are {found.Name}; rename it to its real type, or choose the right file.");
        }
        return Result.Success(found);
    }

    /// <summary>What the bytes are; <paramref name="named"/> chooses between text kinds, which the bytes cannot tell apart.</summary>
    private static FileKind? Recognise(ReadOnlySpan<byte> bytes, FileKind named)
    {
        if (bytes.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return Gif;
        }
        if (bytes.StartsWith("PK\x03\x04"u8))
        {
            return OfficeKind(bytes.ToArray());
        }
        if (IsUtf8TextWithoutNul(bytes))
        {
            return named == Csv || named == Markdown ? named : Text;
        }
        return null;
    }

    /// <summary>
    /// A Word, Excel or PowerPoint file is a ZIP with a [Content_Types].xml and its main folder. Only the ZIP's directory is
    /// read (nothing is unpacked), so a ZIP bomb costs nothing here.
    /// </summary>
    private static FileKind? OfficeKind(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            if (!names.Contains("[Content_Types].xml"))
            {
                return null;
            }
            return names.Any(n => n.StartsWith("word/", StringComparison.Ordinal)) ? Word
                : names.Any(n => n.StartsWith("xl/", StringComparison.Ordinal)) ? Excel
                : names.Any(n => n.StartsWith("ppt/", StringComparison.Ordinal)) ? PowerPoint
                : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool IsUtf8TextWithoutNul(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOf((byte)0) >= 0)
        {
            return false;
        }
        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>A size in words: "812 bytes", "14.2 KB", "25 MB".</summary>
    public static string SizeText(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };
}
