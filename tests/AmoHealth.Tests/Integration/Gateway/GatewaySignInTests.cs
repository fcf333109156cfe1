using AmoHealth.AppHost;
using AmoHealth.Gateway.Auth;

namespace AmoHealth.Tests.Integration.Gateway;

/// <summary>The password the AppHost generates for a real account: once, owner-only, hashed as the Gateway
/// expects.</summary>
[Trait("Ring", "Integration")]
public sealed class GatewaySignInTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "amohealth-tests", Guid.NewGuid().ToString("N"),
        ".data");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_data)!, recursive: true);

    [Fact]
    public void ThePasswordIsGeneratedOnceIntoAnOwnerOnlyFileAndItsHashOpensTheGateway()
    {
        var first = GatewaySignIn.Ensure(_data);
        var second = GatewaySignIn.Ensure(_data);

        Assert.Equal(Path.Combine(_data, GatewaySignIn.FileName), first.PasswordFile);
        Assert.True(OperatingSystem.IsWindows()
            || File.GetUnixFileMode(first.PasswordFile) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.Equal(first.PasswordHash, second.PasswordHash);
        var password = PasswordIn(first.PasswordFile);
        Assert.True(password.Length >= 20);
        Assert.True(Passwords.Verify(password, first.PasswordHash));
    }

    [Fact]
    public void APasswordEditedInTheFileIsHashedAgain()
    {
        var first = GatewaySignIn.Ensure(_data);
        File.WriteAllText(first.PasswordFile, File.ReadAllText(first.PasswordFile)
            .Replace(PasswordIn(first.PasswordFile), "my own password", StringComparison.Ordinal));

        var edited = GatewaySignIn.Ensure(_data);

        Assert.True(Passwords.Verify("my own password", edited.PasswordHash));
        Assert.True(OperatingSystem.IsWindows()
            || File.GetUnixFileMode(edited.PasswordFile) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    private static string PasswordIn(string file) =>
        File.ReadAllLines(file)
            .Single(line => line.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..];
}
