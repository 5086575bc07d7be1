using System.Security.Cryptography;

namespace AiPolicyHub.Core.Identity;

public static class PasswordGenerator
{
    // No look-alike characters (0/O, 1/l/I): one-time passwords are read off a screen and typed.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A one-time password of 20 characters: about 116 bits of entropy.</summary>
    public static string OneTimePassword() => RandomNumberGenerator.GetString(Alphabet, 20);
}
