using System.IO.Compression;
using System.Security.Cryptography;

namespace AiPolicyHub.Core.Compliance.AuditPack;

/// <summary>One file of the pack as the manifest lists it.</summary>
public sealed record AuditPackManifestEntry(string Part, string Path, string ContentType, long Bytes, string Sha256, string Fingerprint, string? Note);

/// <summary>
/// Where parts put their files: each goes straight into the ZIP (nothing is held for the whole pack, so evidence files of
/// any number fit), and its path, size, SHA-256 and fingerprint are kept for the manifest.
/// </summary>
public sealed class AuditPackSink
{
    private readonly ZipArchive archive;
    private readonly List<AuditPackManifestEntry> entries = [];
    private readonly HashSet<string> paths = new(StringComparer.OrdinalIgnoreCase) { AuditPacks.ManifestPath };

    internal AuditPackSink(ZipArchive archive) => this.archive = archive;

    internal string CurrentPart { get; set; } = "";

    public IReadOnlyList<AuditPackManifestEntry> Entries => entries;

    /// <summary>Adds a file; <paramref name="fingerprint"/> is the data fingerprint of what it was built from (a file's own hash for stored files).</summary>
    public Task AddAsync(string path, string contentType, byte[] content, string fingerprint, string? note = null, CancellationToken cancellationToken = default)
    {
        if (!paths.Add(path))
        {
            throw new InvalidOperationException($"The audit pack already has a file {path}.");
        }
        var entry = archive.CreateEntry(path, CompressionLevel.Fastest);
        // A fixed time keeps the ZIP's bytes independent of the clock; the manifest says when the pack was made.
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        using (var stream = entry.Open())
        {
            stream.Write(content);
        }
        entries.Add(new AuditPackManifestEntry(CurrentPart, path, contentType, content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content)), fingerprint, note));
        return Task.CompletedTask;
    }
}
