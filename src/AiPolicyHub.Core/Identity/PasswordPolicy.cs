using System.IO.Compression;
using Microsoft.AspNetCore.Identity;

namespace AiPolicyHub.Core.Identity;

/// <summary>
/// OWASP ASVS 5.0 6.2: a new password may not be one attackers try first — it is refused when it is in the list of 437,651
/// common and breached passwords shipped in <c>Identity/CommonPasswords</c> (compared without regard to letter case), or
/// when it contains the user's email address, the name before the @, or their display name. Length is checked by Identity
/// (12 characters); there are no composition rules.
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<AppUser>
{
    public const string CommonCode = "CommonPassword";
    public const string PersonalCode = "PersonalPassword";

    /// <summary>Parts of an email or name shorter than this are too ordinary to refuse in a password ("al", "jo").</summary>
    private const int ShortestPersonalWord = 4;

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    private static int listed;

    /// <summary>How many passwords the shipped list holds (all of them, whatever their length).</summary>
    public static int ListedCount
    {
        get
        {
            _ = Common.Value;
            return listed;
        }
    }

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }
        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError
            {
                Code = CommonCode,
                Description = "This password is on a list of common or leaked passwords that attackers try first. A few unrelated words make a strong one.",
            });
        }
        if (PersonalWords(user).Any(word => password.Contains(word, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new IdentityError { Code = PersonalCode, Description = "The password must not contain your email address or your name." });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    private static IEnumerable<string> PersonalWords(AppUser user)
    {
        foreach (var value in new[] { user.Email, user.UserName, user.DisplayName })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }
            var trimmed = value.Trim();
            if (trimmed.Length >= ShortestPersonalWord)
            {
                yield return trimmed;
            }
            var local = trimmed.Split('@')[0];
            if (local.Length >= ShortestPersonalWord)
            {
                yield return local;
            }
        }
    }

    /// <summary>
    /// The list, lower-cased, from the gzip file embedded in this assembly. Every entry counts, the short ones too: they are
    /// refused by length anyway, but a list kept whole can be checked against its source.
    /// </summary>
    private static HashSet<string> Load()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("AiPolicyHub.Core.Identity.CommonPasswords.passwords.txt.gz")
            ?? throw new InvalidOperationException("The common-password list is missing from the assembly.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            count++;
            passwords.Add(line.Trim().ToLowerInvariant());
        }
        listed = count;
        return passwords;
    }
}
