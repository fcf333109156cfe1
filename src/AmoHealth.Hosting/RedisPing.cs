using System.Net.Sockets;
using System.Text;

namespace AmoHealth.Hosting;

/// <summary>
/// Health of a Redis endpoint: after <c>AUTH</c> with the password, a raw <c>PING</c> must answer <c>+PONG</c>.
/// </summary>
public static class RedisPing
{
    public static async Task<bool> PingAsync(
        string host, int port, string? password, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, timeout.Token);
        await using var stream = client.GetStream();
        // RESP arrays, so the password is sent as it is, whatever it holds.
        var command = string.IsNullOrEmpty(password) ? Resp("PING") : Resp("AUTH", password) + Resp("PING");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command), timeout.Token);
        var expected = string.IsNullOrEmpty(password) ? "+PONG\r\n" : "+OK\r\n+PONG\r\n";
        var answer = new StringBuilder();
        var buffer = new byte[64];
        while (answer.Length < expected.Length)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return answer.ToString().StartsWith(expected, StringComparison.Ordinal);
    }

    private static string Resp(params string[] parts)
    {
        var command = new StringBuilder($"*{parts.Length}\r\n");
        foreach (var part in parts)
        {
            command.Append($"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        return command.ToString();
    }
}
