using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CustomerPlatform.AppHost.Hosting;

namespace CustomerPlatform.AppHost.Tests;

public sealed class When_a_fixed_port_is_taken
{
    [Fact]
    public async Task Should_fail_fast_naming_the_port_the_resource_and_the_setting()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var builder = DistributedApplicationTestingBuilder.Create($"--AppHost:Ports:Postgres={port}");
        builder.AddPostgres("postgres");
        builder.AddRabbitMQ("messaging");
        await using var app = builder.Build();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Took {clock.Elapsed}.");
        Assert.Equal(
            $"Port {port} (postgres) is already in use. Set AppHost:Ports:Postgres (env AppHost__Ports__Postgres) to a free port, or 0 for any free port.",
            error.Message);
        Assert.All(app.Monitor.GetResources(), r => Assert.Equal(ResourceState.NotStarted, r.State));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(app.Options.DataDirectory!, "run"), "*.pid"));
    }
}
