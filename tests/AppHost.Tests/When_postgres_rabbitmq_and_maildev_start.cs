using System.Net;
using System.Net.Http.Headers;
using System.Net.Mail;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CustomerPlatform.AppHost.Resources;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CustomerPlatform.AppHost.Tests;

/// <summary>One application with PostgreSQL (and a database), RabbitMQ and MailDev, shared by the tests that only read it.</summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    public TestApplication Test { get; private set; } = null!;

    public DistributedApplication App => Test.App;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        Test = await TestApplication.StartAsync(builder =>
        {
            builder.AddPostgres("postgres").AddDatabase("ordersdb");
            builder.AddRabbitMQ("messaging");
            builder.AddMailDev("mail");
        }, ["ordersdb", "messaging", "mail"], timeout.Token);
    }

    public async Task DisposeAsync() => await Test.DisposeAsync();
}

public sealed class When_postgres_rabbitmq_and_maildev_start(InfrastructureFixture fixture) : IClassFixture<InfrastructureFixture>
{
    private DistributedApplication App => fixture.App;

    [Fact]
    public async Task Should_create_the_database_and_accept_connections_with_a_connection_string_in_aspires_format()
    {
        var connectionString = await App.GetConnectionStringAsync("ordersdb");

        Assert.Matches("^Host=127.0.0.1;Port=[0-9]+;Username=postgres;Password=[A-Za-z0-9]{24};Database=ordersdb$", connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);
        Assert.Equal("ordersdb", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Should_answer_the_management_api_with_the_generated_credentials_and_accept_amqp()
    {
        var amqp = new Uri((await App.GetConnectionStringAsync("messaging"))!);
        var credentials = Uri.UnescapeDataString(amqp.UserInfo);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(App.GetEndpoint("messaging", "management"), "/api/overview"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("amqp", amqp.Scheme);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(amqp.Host, amqp.Port);
        await tcp.GetStream().WriteAsync("AMQP\0\0\u0009\u0001"u8.ToArray());
        var reply = new byte[7];
        await tcp.GetStream().ReadExactlyAsync(reply);
        Assert.Equal(1, reply[0]); // a Connection.Start frame: the broker speaks AMQP 0-9-1
    }

    [Fact]
    public async Task Should_keep_the_mail_sent_to_its_smtp_port_for_the_api()
    {
        var smtp = new Uri((await App.GetConnectionStringAsync("mail"))!);
        using (var client = new SmtpClient(smtp.Host, smtp.Port))
        {
            await client.SendMailAsync(new MailMessage("apphost@example.test", "someone@example.test", "Hello from the AppHost test", "Body"));
        }

        using var http = new HttpClient();
        var emails = JsonDocument.Parse(await http.GetStringAsync(new Uri(App.GetEndpoint("mail", "http"), "/api/email")));

        Assert.Contains(emails.RootElement.EnumerateArray(), e => e.GetProperty("subject").GetString() == "Hello from the AppHost test");
    }

    [Fact]
    public async Task Should_show_every_resource_running_and_healthy_with_the_database_under_its_server()
    {
        foreach (var name in new[] { "postgres", "ordersdb", "messaging", "messaging-epmd", "mail" })
        {
            var state = await App.ResourceNotifications.WaitForResourceAsync(name, _ => true);
            Assert.Equal(KnownResourceStates.Running, state.Snapshot.State?.Text);
            Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, state.Snapshot.HealthStatus);
        }

        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var database = model.Resources.OfType<PostgresDatabaseResource>().Single();
        Assert.Equal("postgres", database.Parent.Name);
        Assert.Contains(model.Resources.OfType<ParameterResource>(), p => p is { Name: "postgres-password", Secret: true });
    }

    [Fact]
    public void Should_give_every_fixed_port_setting_a_random_port_under_test()
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var ports = model.Resources.OfType<IResourceWithEndpoints>()
            .SelectMany(r => r.Annotations.OfType<EndpointAnnotation>())
            .SelectMany(e => new[] { e.AllocatedEndpoint!.Port, e.TargetPort!.Value })
            .Distinct()
            .ToList();

        Assert.DoesNotContain(ports, p => p is 5432 or 5672 or 15672 or 1025 or 1080);
        Assert.True(ports.Count >= 5, string.Join(", ", ports));
    }
}
