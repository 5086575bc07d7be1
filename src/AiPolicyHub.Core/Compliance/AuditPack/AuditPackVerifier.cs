using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace AiPolicyHub.Core.Compliance.AuditPack;

/// <summary>The result of checking a pack: intact when every file listed is there with its SHA-256 and nothing else is.</summary>
public sealed record AuditPackCheck(bool Intact, int FilesChecked, IReadOnlyList<string> Problems, string ManifestSha256);

/// <summary>
/// Checks an audit pack as an auditor would: reads the manifest, recomputes every file's SHA-256 and compares; a file
/// changed, missing or added is named. The manifest's own SHA-256 is returned to compare with the report history.
/// </summary>
public static class AuditPackVerifier
{
    public static AuditPackCheck Verify(Stream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.GetEntry(AuditPacks.ManifestPath) is not { } manifestEntry)
        {
            return new AuditPackCheck(false, 0, ["The pack has no manifest.json."], "");
        }
        var manifest = Read(manifestEntry);
        var manifestHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
        var problems = new List<string>();
        var listed = new HashSet<string>(StringComparer.Ordinal) { AuditPacks.ManifestPath };
        var checkedFiles = 0;
        using var document = JsonDocument.Parse(manifest);
        if (document.RootElement.GetProperty("format").GetString() != AuditPacks.Format)
        {
            problems.Add("The manifest is not an AiPolicyHub audit pack manifest (v1).");
        }
        foreach (var file in document.RootElement.GetProperty("files").EnumerateArray())
        {
            var path = file.GetProperty("path").GetString() ?? "";
            listed.Add(path);
            if (archive.GetEntry(path) is not { } entry)
            {
                problems.Add($"{path} is listed in the manifest but missing from the pack.");
                continue;
            }
            checkedFiles++;
            var hash = Convert.ToHexStringLower(SHA256.HashData(Read(entry)));
            if (!string.Equals(hash, file.GetProperty("sha256").GetString(), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{path} was changed: its SHA-256 is {hash}, the manifest says {file.GetProperty("sha256").GetString()}.");
            }
        }
        foreach (var entry in archive.Entries.Where(e => !listed.Contains(e.FullName)))
        {
            problems.Add($"{entry.FullName} is in the pack but not in the manifest.");
        }
        return new AuditPackCheck(problems.Count == 0, checkedFiles, problems, manifestHash);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
