using System.Security.Cryptography;
using System.Text;
using AmoHealth.Prober.Configuration;

namespace AmoHealth.Prober.Probes.Tokens;

/// <summary>
/// Encrypts OAuth tokens at rest with <c>Monitor:OAuth:EncryptionKey</c>: AES-256-GCM, a random nonce per
/// write and the account's name as associated data, so a token copied to another account's row does not decrypt.
/// Stored as <c>v1:</c> and base64 of nonce, tag and ciphertext.
/// </summary>
public sealed class TokenCipher
{
    public const string KeySetting = "Monitor:OAuth:EncryptionKey";
    private const string Version = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;
    private readonly byte[]? _previous;

    private TokenCipher(byte[] key, byte[]? previous) => (_key, _previous) = (key, previous);

    /// <summary>
    /// A cipher with <c>Monitor:OAuth:EncryptionKey</c> (the start-up check has made sure it is valid) that also
    /// reads what <c>Monitor:OAuth:PreviousEncryptionKey</c> encrypted, while a key is being replaced.
    /// </summary>
    public static TokenCipher Create(string? base64Key, string? previousBase64Key = null) =>
        new(OAuthOptions.DecodeKey(base64Key) ?? throw new TokenUnavailableException(
            $"{KeySetting} must be 32 bytes in base64 (openssl rand -base64 32)."),
            OAuthOptions.DecodeKey(previousBase64Key));

    public string Encrypt(string account, string plain)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + TagSize + plainBytes.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plainBytes, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize),
            Encoding.UTF8.GetBytes(account));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plain token; a <see cref="TokenUnavailableException"/> naming the key when it does not
    /// decrypt.</summary>
    public string Decrypt(string account, string stored)
    {
        try
        {
            if (!stored.StartsWith(Version, StringComparison.Ordinal))
            {
                throw new FormatException("unknown format");
            }

            var sealedBytes = Convert.FromBase64String(stored[Version.Length..]);
            if (sealedBytes.Length < NonceSize + TagSize)
            {
                throw new FormatException("too short");
            }

            try
            {
                return Open(_key, account, sealedBytes);
            }
            catch (CryptographicException) when (_previous is not null)
            {
                // Stored before the key was replaced: the next refresh stores it under the new key.
                return Open(_previous, account, sealedBytes);
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            throw new TokenUnavailableException(
                $"The OAuth tokens of {account} in the database cannot be decrypted: {KeySetting} is not the key they "
                    + "were stored with.");
        }
    }

    private static string Open(byte[] key, string account, byte[] sealedBytes)
    {
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(
            NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(account));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The compare-and-swap key of a refresh token: its SHA-256, hex.</summary>
    public static string Hash(string refreshToken) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        refreshToken)));
}
