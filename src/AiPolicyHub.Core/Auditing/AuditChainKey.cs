using System.Security.Cryptography;
using System.Text;
using AiPolicyHub.Core.Data;

namespace AiPolicyHub.Core.Auditing;

/// <summary>The <c>Audit</c> configuration section: where the audit chain's key comes from, and where checkpoints go.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The environment variable that carries the key itself (several instances must share one key).</summary>
    public const string KeyVariable = "AIPOLICYHUB_AUDIT_KEY";

    public const string DefaultKeyFileName = "audit-chain.key";

    /// <summary>The key itself, base64 (at least 32 bytes: <c>openssl rand -base64 32</c>). Wins over <see cref="KeyFile"/>.</summary>
    public string? Key { get; set; }

    /// <summary>A file holding the key (base64). Default: <see cref="DefaultKeyFileName"/> in the data folder, created on first start.</summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// A file, or a folder (then <c>audit-checkpoints.jsonl</c> in it), that each checkpoint is appended to as one JSON
    /// line: point it at storage the database's administrators cannot rewrite (another host, a WORM bucket's mount).
    /// </summary>
    public string? CheckpointExport { get; set; }
}

/// <summary>
/// The secret the audit chain is sealed with. It lives outside the database on purpose: whoever can write the database
/// but not read this key cannot make an edited, removed or re-hashed entry verify again.
/// </summary>
public sealed class AuditChainKey
{
    private const int MinimumBytes = 32;
    private readonly Lazy<byte[]> key;
    private readonly Lazy<string> keyId;

    /// <param name="load">Read when first needed (at start-up, by <see cref="DatabaseInitializer"/>), after the data folder is checked.</param>
    private AuditChainKey(Func<byte[]> load)
    {
        key = new(load);
        // An HMAC of a fixed text: tells keys apart (instances configured with different keys) without revealing them.
        keyId = new(() => Mac("AiPolicyHub audit key id")[..16]);
    }

    /// <summary>A short fingerprint of the key, stored with the chain's head so a different key is noticed at once.</summary>
    public string KeyId => keyId.Value;

    /// <summary>A fresh random key, for tests and tools that do not read configuration.</summary>
    public static AuditChainKey Generate()
    {
        var bytes = RandomNumberGenerator.GetBytes(MinimumBytes);
        return new(() => bytes);
    }

    /// <summary>The configured key (<see cref="AuditOptions.Key"/>), else the key file, created with owner-only access when missing.</summary>
    public static AuditChainKey Load(AuditOptions options, DatabaseOptions database) => new(() => Read(options, database));

    private static byte[] Read(AuditOptions options, DatabaseOptions database)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            return Decode(options.Key, $"The setting Audit:Key ({AuditOptions.KeyVariable})");
        }
        var path = Path.GetFullPath(options.KeyFile is { Length: > 0 } file ? file
            : Path.Combine(database.DataFolder, AuditOptions.DefaultKeyFileName));
        try
        {
            if (!File.Exists(path))
            {
                Create(path);
            }
            return Decode(File.ReadAllText(path), $"The audit key file '{path}'");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"The audit key file '{path}' cannot be read or created ({ex.Message}). Make the data folder writable, point " +
                $"Audit:KeyFile at a readable file, or set {AuditOptions.KeyVariable} to the key (openssl rand -base64 32).", ex);
        }
    }

    /// <summary>
    /// Writes a new key to a private temporary file, then moves it into place, so a second process starting at the same
    /// moment never reads half a key: the loser of the move reads the winner's.
    /// </summary>
    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Decode(string text, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new StartupException($"{source} is not base64. Create a key with: openssl rand -base64 32");
        }
        return bytes.Length >= MinimumBytes ? bytes
            : throw new StartupException($"{source} holds {bytes.Length} bytes; the audit key needs at least {MinimumBytes} (openssl rand -base64 32).");
    }

    /// <summary>HMAC-SHA256 of <paramref name="content"/>, lower-case hex (64 characters, as the hash columns hold).</summary>
    public string Mac(string content) => Convert.ToHexStringLower(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(content)));

    /// <summary>Compares in constant time, so timing does not tell how much of a forged seal was right.</summary>
    public bool Verifies(string content, string mac) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(content)), Encoding.ASCII.GetBytes(mac));
}
