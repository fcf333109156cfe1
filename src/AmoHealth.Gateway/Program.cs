using AmoHealth.Gateway.Auth;
using AmoHealth.Gateway.Extensions;

// `AmoHealth.Gateway hash-password` reads a password from standard input and prints its hash for Auth:PasswordHash
// or a user's Auth:Users:N:PasswordHash.
if (args is ["hash-password", ..])
{
    var password = Console.In.ReadLine();
    if (string.IsNullOrEmpty(password))
    {
        Console.Error.WriteLine(
            "Type the password on standard input, e.g.: read -rs P; echo \"$P\" | ./AmoHealth.Gateway hash-password");
        return 2;
    }

    Console.WriteLine(Passwords.Hash(password));
    return 0;
}

var builder = WebApplication.CreateBuilder(args);

builder.UseSeedPort();
builder.AddServiceDefaults();
builder.AddGatewayServices();
builder.AddGatewayAuth();

var app = builder.Build();

app.UseGatewayAuth();
app.MapDefaultEndpoints();
app.MapGateway();

app.Run();
return 0;

namespace AmoHealth.Gateway
{
    /// <summary>Marks this assembly for test hosts (several services each have a Program).</summary>
    public sealed class GatewayMarker;
}
