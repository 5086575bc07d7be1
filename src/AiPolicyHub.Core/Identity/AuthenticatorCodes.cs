using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace AiPolicyHub.Core.Identity;

/// <summary>
/// Checks the 6-digit codes of an authenticator app (RFC 6238: HMAC-SHA1 over 30-second steps of the user's shared key), in
/// place of Identity's own provider for two reasons: it reads the app's <see cref="TimeProvider"/> (Identity's reads the
/// machine's clock, so no test could fix the time), and each code works once — the last step used is kept, and a code of
/// that step or an earlier one is refused (OWASP ASVS 5.0 V6.5.1), so a code seen over someone's shoulder cannot be replayed
/// within its window. One step either side of now is accepted, for clocks a little apart.
/// </summary>
public sealed class AuthenticatorCodes(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    /// <summary>The name the provider is registered under (Identity's <c>Tokens.AuthenticatorTokenProvider</c>).</summary>
    public const string ProviderName = "AiPolicyHubAuthenticator";

    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    private const string TokenProvider = "AiPolicyHub";
    private const string LastStepToken = "AuthenticatorLastStep";

    /// <summary>Codes are made by the person's app, never by the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = Normalise(token);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit) || Base32Decode(key) is not { } secret)
        {
            return false;
        }
        var now = StepOf(clock.GetUtcNow());
        var last = long.TryParse(await manager.GetAuthenticationTokenAsync(user, TokenProvider, LastStepToken), NumberStyles.Integer,
            CultureInfo.InvariantCulture, out var stored) ? stored : long.MinValue;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (step > last && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeAt(secret, step)), Encoding.ASCII.GetBytes(code)))
            {
                await manager.SetAuthenticationTokenAsync(user, TokenProvider, LastStepToken, step.ToString(CultureInfo.InvariantCulture));
                return true;
            }
        }
        return false;
    }

    /// <summary>What a person types, without the spaces and dashes some apps show in the middle.</summary>
    public static string Normalise(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    private static long StepOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    private static string CodeAt(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 (the key's form in Identity and in authenticator apps), without padding; null when malformed.</summary>
    internal static byte[]? Base32Decode(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = Alphabet.IndexOf(char.ToUpperInvariant(c));
            if (value < 0)
            {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return bytes.Count == 0 ? null : [.. bytes];
    }
}
