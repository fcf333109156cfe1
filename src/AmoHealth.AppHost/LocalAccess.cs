using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace AmoHealth.AppHost;

/// <summary>Who may open what the AppHost starts. Demo mode (no <c>AMOCRM_DOMAIN</c>): everything anonymous on
/// loopback, as a first look should be. A real account: the Gateway asks for a sign-in (<see cref="GatewaySignIn"/>)
/// and the Aspire dashboard for its browser token (the login link it logs).</summary>
public static class LocalAccess
{
    public const string DashboardAnonymousKey = "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS";

    /// <summary>The AppHost's arguments with the dashboard's access decided: Aspire reads it while the builder is
    /// constructed, so it is decided here, from the same sources the AppHost reads <c>AMOCRM_DOMAIN</c> from.</summary>
    public static string[] WithDashboardAccess(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddUserSecrets(Assembly.GetExecutingAssembly(), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var demo = string.IsNullOrWhiteSpace(configuration["AMOCRM_DOMAIN"]);
        return [.. args, $"{DashboardAnonymousKey}={(demo ? "true" : "false")}"];
    }

    /// <summary>A real account: the Gateway in Login mode with the generated password, and where to find it.</summary>
    public static IResourceBuilder<ProjectResource> WithSignIn(
        this IResourceBuilder<ProjectResource> gateway, IDistributedApplicationBuilder builder, SeedSettings settings)
    {
        var data = Path.GetDirectoryName(settings.DatabasePath)!;
        var signIn = GatewaySignIn.Ensure(data);
        Console.WriteLine($"AmoHealth: the Gateway asks for a sign-in: user '{GatewaySignIn.UserName}', "
            + $"the password is in {signIn.PasswordFile}.");
        return gateway
            .WithEnvironment("Auth__Mode", "Login")
            .WithEnvironment("Auth__User", GatewaySignIn.UserName)
            .WithEnvironment(
                "Auth__PasswordHash",
                builder.AddParameter("gateway-password-hash", signIn.PasswordHash, secret: true))
            .WithEnvironment("Auth__KeysDirectory", Path.Combine(data, "gateway-keys"));
    }
}
