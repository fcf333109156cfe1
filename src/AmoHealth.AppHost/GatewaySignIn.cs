using System.Security.Cryptography;
using AmoHealth.Gateway.Auth;

namespace AmoHealth.AppHost;

/// <summary>
/// The Gateway's sign-in when the AppHost watches a real account: user <see cref="UserName"/> and a password
/// generated once into <c>.data/gateway-password</c> (0600), beside its hash. Later runs read the file, so the
/// password and the sessions survive restarts; a password edited in the file is hashed again.
/// </summary>
public sealed record GatewaySignIn(string PasswordHash, string PasswordFile)
{
    public const string UserName = "admin";
    public const string FileName = "gateway-password";
    private const string PasswordPrefix = "password: ";
    private const string HashPrefix = "hash: ";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static GatewaySignIn Ensure(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dataDirectory);
            var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18))
                .Replace('+', '-')
                .Replace('/', '_');
            Write(file, generated, Passwords.Hash(generated), FileMode.CreateNew);
        }

        var lines = File.ReadAllLines(file);
        var password = Value(lines, PasswordPrefix);
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException(
                $"{file} holds no '{PasswordPrefix}' line: delete the file to have a new password generated.");
        }

        var hash = Value(lines, HashPrefix);
        if (!Passwords.Verify(password, hash))
        {
            hash = Passwords.Hash(password);
            Write(file, password, hash, FileMode.Create);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, OwnerOnly); // also narrows a file someone widened
        }

        return new GatewaySignIn(hash!, file);
    }

    private static string? Value(string[] lines, string prefix) =>
        lines.FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();

    private static void Write(string file, string password, string hash, FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly; // never readable by others, not even for a moment
        }

        using var stream = new FileStream(file, options);
        using var writer = new StreamWriter(stream);
        writer.Write($"user: {UserName}\n{PasswordPrefix}{password}\n{HashPrefix}{hash}\n");
    }
}
