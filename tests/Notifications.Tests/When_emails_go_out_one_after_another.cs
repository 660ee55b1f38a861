using System.Net;
using System.Net.Sockets;
using System.Text;
using CustomerPlatform.Notifications.Email;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CustomerPlatform.Notifications.Tests;

/// <summary>
/// The SMTP sender's connections, against a small SMTP server in the test that counts its connections
/// and the messages it accepted, and can hang up on a connection as soon as a message is in.
/// </summary>
public sealed class When_emails_go_out_one_after_another : IAsyncLifetime
{
    private readonly CountingSmtpServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();

    [Fact]
    public async Task Should_send_them_on_one_connection()
    {
        await using var sender = Sender();
        for (var n = 1; n <= 5; n++)
            await sender.SendAsync(Message(n), CancellationToken.None);

        Assert.Equal(5, _server.Accepted);
        Assert.Equal(1, _server.Connections);
    }

    [Fact]
    public async Task Should_open_a_new_connection_when_the_server_closed_the_idle_one()
    {
        _server.HangUpAfterEachMessage = true;
        await using var sender = Sender(checkAfter: TimeSpan.Zero);
        for (var n = 1; n <= 3; n++)
        {
            await sender.SendAsync(Message(n), CancellationToken.None);
            await Task.Delay(100);
        }

        Assert.Equal(3, _server.Accepted);
        Assert.Equal(3, _server.Connections);
    }

    [Fact]
    public async Task Should_close_a_connection_after_its_share_of_messages()
    {
        await using var sender = Sender(messagesPerConnection: 2);
        for (var n = 1; n <= 5; n++)
            await sender.SendAsync(Message(n), CancellationToken.None);

        Assert.Equal(5, _server.Accepted);
        Assert.Equal(3, _server.Connections);
    }

    private SmtpEmailSender Sender(TimeSpan? checkAfter = null, int messagesPerConnection = 100) => new(
        Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = _server.Port,
            Security = SecureSocketOptions.None,
            FromAddress = "no-reply@example.com",
            Timeout = TimeSpan.FromSeconds(10),
            CheckIdleConnectionAfter = checkAfter ?? TimeSpan.FromSeconds(1),
            MessagesPerConnection = messagesPerConnection,
        }),
        TimeProvider.System,
        NullLogger<SmtpEmailSender>.Instance);

    private static MimeMessage Message(int n)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("no-reply@example.com"));
        message.To.Add(MailboxAddress.Parse($"customer{n}@example.com"));
        message.Subject = $"Message {n}";
        message.Body = new TextPart("plain") { Text = $"Body {n}" };
        return message;
    }

    /// <summary>Just enough SMTP for MailKit: EHLO, MAIL, RCPT, DATA, NOOP, RSET, QUIT.</summary>
    private sealed class CountingSmtpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private int _connections;
        private int _accepted;

        public CountingSmtpServer()
        {
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public int Connections => Volatile.Read(ref _connections);
        public int Accepted => Volatile.Read(ref _accepted);
        public bool HangUpAfterEachMessage { get; set; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _accepting;
            }
            catch (Exception)
            {
                // Stopped.
            }
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using var _ = client;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 counting ESMTP");
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await writer.WriteLineAsync("250-counting");
                            await writer.WriteLineAsync("250 8BITMIME");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 go ahead");
                            while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                            {
                            }
                            Interlocked.Increment(ref _accepted);
                            await writer.WriteLineAsync("250 accepted");
                            if (HangUpAfterEachMessage)
                                return;
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 ok");
                            break;
                    }
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Stopped.
            }
            catch (IOException)
            {
                // The client went away.
            }
        }
    }
}
