using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace AmoHealth.Gateway.Auth;

/// <summary>
/// Where the cookie-signing keys (ASP.NET Data Protection) live and how they are kept at rest. In Login mode
/// they are files in <see cref="AuthOptions.KeysDirectory"/>, so a restart does not sign everyone out; with
/// <see cref="AuthOptions.KeysCertificate"/> each key is encrypted with that certificate's public key, so the
/// folder (or a backup of it) alone forges no session. install.sh generates the certificate into /etc, readable
/// only by the Gateway's user. Production with Login requires it.
/// </summary>
public static class CookieKeys
{
    public static void Configure(IDataProtectionBuilder keys, AuthOptions options)
    {
        if (options.Mode != AuthMode.Login)
        {
            return; // Nothing to keep: no cookie sessions.
        }

        var directory = options.KeysDirectory ?? Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
                Environment.SpecialFolderOption.Create), "amohealth", "keys");
        keys.PersistKeysToFileSystem(Directory.CreateDirectory(directory));
        if (options.KeysCertificate is { Length: > 0 } path)
        {
            var certificate = Load(path);
            // On Linux the certificate is not in a store the decryptor searches: name it for decryption too.
            keys.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
    }

    /// <summary>A PEM file holding the certificate and its RSA private key; a clear error naming the setting
    /// otherwise.</summary>
    public static X509Certificate2 Load(string path)
    {
        try
        {
            var certificate = X509Certificate2.CreateFromPemFile(path);
            if (certificate.GetRSAPrivateKey() is null)
            {
                throw new InvalidOperationException(
                    $"Auth:KeysCertificate ({path}) must hold an RSA certificate with its private key.");
            }

            return certificate;
        }
        catch (Exception ex) when (
            ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Auth:KeysCertificate ({path}) cannot be read as a PEM certificate with its private key: {ex.Message}",
                    ex);
        }
    }
}
